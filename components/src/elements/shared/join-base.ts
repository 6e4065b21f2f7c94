import { css, html, nothing, type TemplateResult } from 'lit';
import { property, query, state } from 'lit/decorators.js';
import {
  LOCALE_NAMES, PATIENT_LOCALES, TOKEN_PATTERN, bookingEnd, isUiLocale, loadLocale, localVisitText, localeDirection, roomPeerId, type MessageKey, type UiLocale,
} from '../../core/index.js';
import { GuestSession, type GuestRole } from '../../media/call-session.js';
import '../call/define.js';
import '../device-check/define.js';
import '../speaker-test/define.js';
import type { DhDeviceCheck } from '../device-check/device-check.element.js';
import { baseStyles } from './base.styles.js';
import { DhElement, nearestLang } from './dh-element.js';
import { readConfig } from './config.js';

type Phase = 'loading' | 'problem' | 'check' | 'code' | 'waiting' | 'call';

interface Listing {
  readonly clinic: string;
  readonly start: string;
  readonly durationMinutes: number;
  readonly status: 'booked' | 'cancelled';
  readonly language?: string;
}

/**
 * What the patient's and the interpreter's join pages share: the link's token (from the URL
 * fragment, which never reaches a server), the visit as listed, the device check, a waiting room
 * that knocks by itself, and the call. The registered elements are thin subclasses.
 */
export abstract class JoinElement extends DhElement {
  static override styles = [baseStyles, css`
    :host { max-width: 60rem; padding: 1rem; }
    .when { font-size: 1.25em; font-weight: 700; }
    .lang { display: flex; gap: 0.5rem; align-items: center; margin-bottom: 1rem; }
  `];

  /** The link token; read from the page's URL fragment when not set. */
  @property() accessor token = '';
  /** Injectable clock for tests. */
  @property({ attribute: false }) accessor now: () => Date = () => new Date();

  @state() protected accessor phase: Phase = 'loading';
  @state() protected accessor problem: MessageKey | undefined;
  @state() protected accessor listing: Listing | undefined;
  @state() protected accessor session: GuestSession | undefined;

  @query('dh-device-check') protected accessor deviceCheck!: DhDeviceCheck;

  protected abstract readonly guestRole: GuestRole;
  protected abstract readonly titleKey: MessageKey;
  /** The element came with a `lang` of its own: it wins over the invitation's language. */
  #ownLang = false;

  override connectedCallback(): void {
    super.connectedCallback();
    // The language the page asks for: its texts (loaded if need be) and its writing direction.
    this.#ownLang = this.hasAttribute('lang');
    const asked = nearestLang(this);
    if (isUiLocale(asked)) void this.setLanguage(asked);
    void this.#load();
  }

  override disconnectedCallback(): void {
    super.disconnectedCallback();
    this.session?.teardown();
  }

  async #load(): Promise<void> {
    const problem = await this.#lookUp();
    // The invitation's language, unless the element was given one of its own.
    const invited = this.listing?.language;
    if (!this.#ownLang && isUiLocale(invited) && invited !== this.locale) await this.setLanguage(invited);
    if (problem) {
      this.problem = problem;
      this.phase = 'problem';
    } else {
      this.phase = 'check';
    }
  }

  /** Reads the visit's listing; returns what is wrong with the link, if anything. */
  async #lookUp(): Promise<MessageKey | undefined> {
    const token = this.token || decodeURIComponent(location.hash.slice(1));
    if (!TOKEN_PATTERN.test(token)) return 'ui.join.noLink';
    this.token = token;
    const config = readConfig();
    try {
      const response = await fetch(`${config.visitDirectoryUrl ?? '/api/visits'}/${await roomPeerId(token)}`, { cache: 'no-store', referrerPolicy: 'no-referrer' });
      if (!response.ok) return 'ui.join.unknown';
      this.listing = (await response.json()) as Listing;
    } catch {
      return 'ui.join.unknown';
    }
    if (this.listing.status === 'cancelled') return 'ui.join.cancelled';
    if (bookingEnd(this.listing).getTime() < this.now().getTime()) return 'ui.join.past';
    return undefined;
  }

  /**
   * Switches the page's language: loads its texts first (nothing is shown half-translated), then
   * sets `lang` and the writing direction on this element; the nested elements follow.
   */
  async setLanguage(locale: UiLocale): Promise<void> {
    try {
      await loadLocale(locale);
    } catch {
      return; // the texts could not be fetched: stay in the current language
    }
    this.setAttribute('lang', locale);
    this.setAttribute('dir', localeDirection(locale));
  }

  /** Devices checked: start knocking (the interpreter first gives the code). */
  protected async begin(): Promise<void> {
    const stream = this.deviceCheck.takeStream();
    if (!stream || this.session) return;
    const config = readConfig();
    const session = new GuestSession({ signalling: { url: config.signallingUrl, iceServers: config.iceServers }, token: this.token, role: this.guestRole });
    session.addEventListener('state-change', () => {
      if (session.state === 'connecting' || session.state === 'connected') this.phase = 'call';
      this.requestUpdate();
    });
    session.addEventListener('signalling-change', () => {
      this.requestUpdate();
    });
    session.addEventListener('knocked', () => {
      this.requestUpdate();
    });
    session.addEventListener('code-result', () => {
      this.onCodeResult(session);
    });
    this.session = session;
    this.phase = this.guestRole === 'interpreter' ? 'code' : 'waiting';
    await session.start(stream);
  }

  /** The interpreter's page reacts to the nurse's answer to the code. */
  protected onCodeResult(session: GuestSession): void {
    if (session.codeCheck) this.requestUpdate();
  }

  protected renderCode(): TemplateResult | typeof nothing {
    return nothing;
  }

  /** Shown above the waiting room's text (the interpreter's accepted code). */
  protected renderWaitingNote(): TemplateResult | typeof nothing {
    return nothing;
  }

  protected override render(): TemplateResult {
    const when = this.listing ? localVisitText(new Date(this.listing.start), this.locale) : undefined;
    return html`
      <h1>${this.t(this.titleKey)}</h1>
      <div class="lang">
        <label for="lang">${this.t('ui.join.language')}</label>
        <select id="lang" @change=${(e: Event) => {
          const value = (e.target as HTMLSelectElement).value;
          if (isUiLocale(value)) void this.setLanguage(value);
        }}>
          ${PATIENT_LOCALES.map((l) => html`<option value=${l} lang=${l} dir=${localeDirection(l)} ?selected=${l === this.locale}>${LOCALE_NAMES[l]}</option>`)}
        </select>
      </div>
      ${this.listing && when ? html`<p class="when">${this.t('ui.join.when', { clinic: this.listing.clinic, date: when.date, time: when.time })}</p>` : nothing}
      ${this.#renderPhase()}
    `;
  }

  #renderPhase(): TemplateResult | typeof nothing {
    switch (this.phase) {
      case 'loading':
        return html`<p role="status">${this.t('ui.calendar.loading')}</p>`;
      case 'problem':
        return html`<p class="status bad" role="alert">${this.t(this.problem ?? 'ui.join.unknown')}</p>`;
      case 'check':
        return html`
          <dh-device-check lang=${this.locale} signalling-url=${readConfig().signallingUrl}
            @dh-device-check=${(e: CustomEvent<{ ready: boolean }>) => {
              if (e.detail.ready) void this.begin();
            }}></dh-device-check>`;
      case 'code':
        return this.renderCode();
      case 'waiting':
        return html`
          ${this.renderWaitingNote()}
          <p class="status" role="status">${this.t('ui.join.waiting')}</p>
          <p class="hint" aria-live="polite">${this.session?.signalling === 'offline' ? this.t('ui.join.offline')
            : this.session?.knocking ? this.t('ui.join.knocked') : this.t('ui.join.notYet')}</p>
          <p>${this.t('ui.join.soundCheck')}</p>
          <dh-speaker-test lang=${this.locale}></dh-speaker-test>`;
      case 'call':
        return html`<dh-call lang=${this.locale} party=${this.guestRole} .session=${this.session}></dh-call>`;
    }
  }
}
