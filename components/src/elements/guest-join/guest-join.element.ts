import { html, nothing, type TemplateResult } from 'lit';
import { state } from 'lit/decorators.js';
import type { MessageKey } from '../../core/index.js';
import type { GuestRole, GuestSession } from '../../media/index.js';
import { JoinElement } from '../shared/join-base.js';

/**
 * @tagname dh-guest-join
 * @summary The interpreter's page: the SMS code (checked by the nurse's side: five wrong tries in
 * all, then a new code from the clinic), the device check, the waiting room and the call.
 *
 * @fires dh-device-check - From the device check.
 * @fires dh-call-end - The visit ended.
 *
 * @csspart button - Every button.
 *
 * @cssproperty --dh-color-primary - Buttons and headings.
 */
export class DhGuestJoin extends JoinElement {
  protected readonly guestRole: GuestRole = 'interpreter';
  protected readonly titleKey: MessageKey = 'ui.guest.title';

  @state() private accessor code = '';
  @state() private accessor message: { key: MessageKey; n?: number; bad: boolean } | undefined;

  protected override onCodeResult(session: GuestSession): void {
    const check = session.codeCheck;
    if (!check) return;
    if (check.result === 'ok') {
      this.message = { key: 'ui.guest.ok', bad: false };
      this.phase = 'waiting';
    } else if (check.result === 'wrong') this.message = { key: 'ui.guest.wrong', n: check.triesLeft, bad: true };
    else this.message = { key: 'ui.guest.locked', bad: true };
    this.requestUpdate();
  }

  #submit = (e: Event): void => {
    e.preventDefault();
    this.session?.sendCode(this.code);
  };

  protected override renderWaitingNote(): TemplateResult | typeof nothing {
    return this.message?.key === 'ui.guest.ok' ? html`<p class="status good">✓ ${this.t('ui.guest.ok')}</p>` : nothing;
  }

  protected override renderCode(): TemplateResult {
    // Locked is not the end: once the clinic sends a new code by SMS, the new code works here.
    const error = this.message?.bad ? this.t(this.message.key, { n: this.message.n ?? 0 }) : '';
    return html`
      <form @submit=${this.#submit} novalidate>
        <div class="field">
          <label for="code">${this.t('ui.guest.code')}</label>
          <p id="code-hint" class="hint">${this.t('ui.guest.codeHint')}</p>
          <input id="code" name="code" inputmode="numeric" autocomplete="one-time-code" maxlength="8" .value=${this.code}
            aria-invalid=${error ? 'true' : 'false'} aria-describedby=${error ? 'code-hint code-error' : 'code-hint'}
            @input=${(e: Event) => (this.code = (e.target as HTMLInputElement).value)} />
          ${error ? html`<p id="code-error" class="error" role="alert">${error}</p>` : ''}
        </div>
        <button part="button" class="primary" type="submit" ?disabled=${!this.session?.listed}>${this.t('ui.guest.send')}</button>
        ${this.session?.listed ? '' : this.session?.signalling === 'unreachable' ? this.renderSignalling()
          : html`<p class="hint" role="status">${this.t('ui.guest.noNurse')}</p>`}
      </form>
    `;
  }
}
