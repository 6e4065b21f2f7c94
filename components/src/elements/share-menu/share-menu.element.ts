import { css, html, nothing, type TemplateResult } from 'lit';
import { property, state } from 'lit/decorators.js';
import type { MessageKey } from '../../core/index.js';
import { captureWindow, preShareCheck, type HostSession, type PreShareReport, type ShareKind, type WindowShare } from '../../media/index.js';
import { baseStyles } from '../shared/base.styles.js';
import '../shared/nurse-texts.js';
import { DhElement } from '../shared/dh-element.js';

type Step = 'closed' | 'choose' | 'checking' | 'confirm-window' | 'picking';

/**
 * @tagname dh-share-menu
 * @summary The nurse's "Dela…": what to show the others — the star profile, a scanned star profile
 * with personal data blacked out, or, as a fallback, one window after a check of what else is open.
 * Never the whole screen.
 *
 * @fires dh-before-share - Cancelable, before anything is captured or sent; `detail.kind`.
 * @fires dh-share-choose - The nurse chose the star profile or a scan; the host page shows it (`detail.kind`).
 *
 * @csspart button - Every button.
 * @csspart panel - The choices and the pre-share check.
 *
 * @cssproperty --dh-color-primary - Buttons.
 */
export class DhShareMenu extends DhElement {
  static override styles = [baseStyles, css`
    :host { display: block; }
    .panel { margin-top: 0.5rem; padding: 0.75rem; border: 1px solid var(--_border); border-radius: var(--_radius); }
    .choices { display: flex; flex-wrap: wrap; gap: 0.5rem; }
    ul.flagged { margin: 0.25rem 0 0.75rem; padding-inline-start: 1.25rem; }
  `];

  /** The nurse's session: a window is shared through it. */
  @property({ attribute: false }) accessor session: HostSession | undefined;

  @state() private accessor step: Step = 'closed';
  @state() private accessor report: PreShareReport | undefined;
  @state() private accessor confirmed = false;
  @state() private accessor problem: MessageKey | undefined;

  #open = (): void => {
    this.step = this.step === 'closed' ? 'choose' : 'closed';
    this.problem = undefined;
  };

  #choose(kind: ShareKind): void {
    this.problem = undefined;
    if (kind === 'window') {
      void this.#prepareWindow();
      return;
    }
    this.step = 'closed';
    this.emit('dh-share-choose', { kind });
  }

  /** Before the picker: the host page may veto, then the extension (or a checklist) says what else is open. */
  async #prepareWindow(): Promise<void> {
    if (!this.emit('dh-before-share', { kind: 'window' }, { cancelable: true })) {
      this.problem = 'ui.share.vetoed';
      this.step = 'choose';
      return;
    }
    this.step = 'checking';
    this.confirmed = false;
    this.report = await preShareCheck();
    // Cancelled (or closed) while the extension was asked: stay as the nurse left it.
    if (this.#stillChecking()) this.step = 'confirm-window';
  }

  /** A method, not a property read: the step may change while the extension is asked. */
  #stillChecking(): boolean {
    return this.step === 'checking';
  }

  #pick = async (): Promise<void> => {
    const session = this.session;
    if (!this.confirmed || !session) return;
    this.step = 'picking';
    const result: WindowShare = await captureWindow();
    if (!result.ok) {
      this.problem = `ui.share.error.${result.code}`;
      this.step = 'choose';
      return;
    }
    session.startShare(result.track, 'window');
    this.step = 'closed';
  };

  protected override render(): TemplateResult {
    const sharing = this.session?.sharing;
    return html`
      <button part="button" type="button" aria-expanded=${this.step === 'closed' ? 'false' : 'true'} aria-controls="panel"
        ?disabled=${!this.session || sharing !== undefined} @click=${this.#open}>${this.t('ui.share.open')}</button>
      ${this.problem ? html`<p class="status bad" role="alert">${this.t(this.problem)}</p>` : nothing}
      ${this.step === 'closed' ? nothing : html`<div id="panel" class="panel" part="panel">${this.#renderStep()}</div>`}
    `;
  }

  #renderStep(): TemplateResult {
    switch (this.step) {
      case 'closed':
      case 'choose':
        return html`
          <p id="choose-heading"><strong>${this.t('ui.share.title')}</strong></p>
          <div class="choices" role="group" aria-labelledby="choose-heading">
            ${(['star-profile', 'document', 'window'] as const).map((kind) => html`
              <button part="button" type="button" class=${kind === 'window' ? '' : 'primary'} @click=${() => { this.#choose(kind); }}>
                ${this.t(`ui.share.choose.${kind}`)}</button>`)}
          </div>`;
      case 'checking':
        return html`<p role="status">${this.t('ui.share.checking')}</p>`;
      case 'picking':
        return html`<p role="status">${this.t('ui.share.picking')}</p>`;
      case 'confirm-window':
        return this.#renderWindowCheck();
    }
  }

  /** What else is open: the extension's list, or without it a checklist; either must be confirmed. */
  #renderWindowCheck(): TemplateResult {
    const report = this.report;
    return html`
      <p>${this.t('ui.share.windowIntro')}</p>
      ${report ? html`
        <p>${this.t('ui.share.others', { n: report.others })}</p>
        ${report.titles === 'missing' ? html`<p class="status" role="status">${this.t('ui.share.titlesMissing')}</p>
          <p><strong>${this.t('ui.share.checklist')}</strong></p>` : nothing}
        ${report.flagged.length > 0 ? html`
          <p class="status bad" role="alert">${this.t('ui.share.flagged', { n: report.flagged.length })}</p>
          <ul class="flagged">${report.flagged.map((w) => html`<li>${w.title} (${this.t(`ui.share.reason.${w.reason}`)})</li>`)}</ul>`
        : report.titles === 'granted' ? html`<p class="status good">${this.t('ui.share.noneFlagged')}</p>` : nothing}`
      : html`<p class="status" role="status"><strong>${this.t('ui.share.checklist')}</strong></p>`}
      <div class="check">
        <input id="confirm" type="checkbox" .checked=${this.confirmed} @change=${(e: Event) => (this.confirmed = (e.target as HTMLInputElement).checked)} />
        <label for="confirm">${this.t(report?.titles === 'granted' && report.flagged.length === 0 ? 'ui.share.confirmClear' : 'ui.share.confirmClosed')}</label>
      </div>
      <div class="actions">
        <button part="button" class="primary" type="button" ?disabled=${!this.confirmed} @click=${this.#pick}>${this.t('ui.share.pick')}</button>
        <button part="button" type="button" @click=${() => (this.step = 'closed')}>${this.t('ui.share.cancel')}</button>
      </div>`;
  }
}
