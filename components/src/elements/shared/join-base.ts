import { css, html, nothing, type PropertyValues, type TemplateResult } from 'lit';
import { property, query, state } from 'lit/decorators.js';
import {
  LOCALE_NAMES, PATIENT_LOCALES, TOKEN_PATTERN, bookingEnd, chooseLocale, isUiLocale, loadLocale, localVisitText, localeDirection, newToken, roomPeerId,
  type LocaleHints, type MessageKey, type UiLocale,
} from '../../core/index.js';
import { browserFamily, type BrowserFamily } from '../../core/browser-family.js';
import { GuestSession, type GuestRole, type ReconnectPolicy } from '../../media/index.js';
import '../device-check/define.js';
import '../speaker-test/define.js';
import type { DhDeviceCheck } from '../device-check/device-check.element.js';
import { baseStyles } from './base.styles.js';
import { DhElement, nearestLang } from './dh-element.js';
import { readConfig, signallingOf } from './config.js';
import { LevelMeter } from './level-meter.js';


/**
 * The call's own element comes as a chunk of its own, fetched as soon as the patient reaches the
 * waiting room (long before the nurse lets them in): the join page's first download stays small.
 * A failed fetch is forgotten, so the next try fetches again.
 */
let callElement: Promise<unknown> | undefined;
function loadCallElement(): Promise<unknown> {
  callElement ??= import('../call/define.js').catch((e: unknown) => {
    callElement = undefined;
    throw e;
  });
  return callElement;
}

/** Where each browser family keeps the camera permission: the fixes a blocked camera's message gives. */
const CAMERA_FIXES: Readonly<Record<BrowserFamily, readonly MessageKey[]>> = {
  chromium: ['ui.join.fix.chromium'],
  firefox: ['ui.join.fix.firefox'],
  safari: ['ui.join.fix.safari'],
  other: ['ui.join.fix.chromium', 'ui.join.fix.firefox', 'ui.join.fix.safari'],
};

/**
 * 'unlisted': the visit directory did not answer in time; the patient may go on to the waiting
 * room anyway, where the nurse's room decides. 'denied': the nurse said no.
 */
type Phase = 'loading' | 'unlisted' | 'problem' | 'sign-in' | 'check' | 'code' | 'waiting' | 'call' | 'denied';

interface Listing {
  readonly clinic: string;
  readonly start: string;
  readonly durationMinutes: number;
  readonly status: 'booked' | 'cancelled';
  readonly language?: string;
  /** The clinic's switchboard, for the phone fallback. */
  readonly clinicPhone?: string;
}

/** The directory's answer, checked: it is read over the network, like anything else. */
function asListing(data: unknown): Listing | undefined {
  const l = data as Partial<Record<keyof Listing, unknown>> | null;
  if (typeof l !== 'object' || l === null) return undefined;
  const ok = typeof l.clinic === 'string' && typeof l.start === 'string' && !Number.isNaN(Date.parse(l.start))
    && typeof l.durationMinutes === 'number' && (l.status === 'booked' || l.status === 'cancelled')
    && (l.language === undefined || typeof l.language === 'string') && (l.clinicPhone === undefined || typeof l.clinicPhone === 'string');
  return ok ? (l as Listing) : undefined;
}

const sleep = (ms: number): Promise<void> => new Promise((r) => setTimeout(r, ms));

/**
 * Where the patient's choice of language is kept on the device, for the next visit's link too:
 * a language code and nothing else.
 */
export const LANGUAGE_STORAGE_KEY = 'dh-language';

function rememberedLanguage(): string | null {
  try {
    return localStorage.getItem(LANGUAGE_STORAGE_KEY);
  } catch {
    return null; // storage blocked by the embedding page: nothing remembered
  }
}

function rememberLanguage(locale: UiLocale): void {
  try {
    localStorage.setItem(LANGUAGE_STORAGE_KEY, locale);
  } catch {
    // Storage blocked: the choice holds for this page only.
  }
}

/**
 * This tab's own id for the nurse's side: kept across a reload, so the nurse's room lets the same
 * page back into a running visit without a click. Random, never personal.
 */
function tabInstance(): string {
  try {
    const key = 'dh-guest-instance';
    let id = sessionStorage.getItem(key);
    if (!id || !TOKEN_PATTERN.test(id)) {
      id = newToken();
      sessionStorage.setItem(key, id);
    }
    return id;
  } catch {
    return newToken(); // storage blocked by the embedding page: a reload then asks the nurse again
  }
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
    /* A way on that is not the main one: it reads as a link, and is a button to the keyboard. */
    button.link { border: 0; background: none; padding: 0.5rem 0; color: var(--_primary); text-decoration: underline; }
    /* The waiting room's self view: the call's own camera, mirrored as a mirror shows one's face. */
    .self-view { display: grid; gap: 0.5rem; max-width: 20rem; margin: 1rem 0; }
    .self-view video { display: block; width: 100%; aspect-ratio: 4 / 3; object-fit: cover; background: #222; border-radius: var(--_radius); scale: -1 1; }
    .self-view meter { width: 100%; height: 1rem; }
    .self-view ul { margin: 0.25rem 0 0; padding-inline-start: 1.25rem; }
  `];

  /** The link token; read from the page's URL fragment when not set. */
  @property() accessor token = '';
  /** Injectable clock for tests. */
  @property({ attribute: false }) accessor now: () => Date = () => new Date();
  /** How lost connections (to the nurse, to the signalling server) are restored. */
  @property({ attribute: false }) accessor reconnectPolicy: ReconnectPolicy | undefined;
  /**
   * How long (ms) the page keeps asking the visit directory, with backoff, before it lets the
   * patient go on to the waiting room without the visit's details.
   */
  @property({ attribute: false }) accessor directoryPatienceMs = 30_000;

  @state() protected accessor phase: Phase = 'loading';
  /** The directory did not answer (or not yet): the page says it is trying again. */
  @state() protected accessor retrying = false;
  @state() protected accessor problem: MessageKey | undefined;
  @state() protected accessor listing: Listing | undefined;
  @state() protected accessor session: GuestSession | undefined;

  @query('dh-device-check') protected accessor deviceCheck!: DhDeviceCheck;
  /** The browser blocked the camera at the device check (the waiting room then says how to allow it). */
  @state() protected accessor cameraBlocked = false;
  /** The microphone's level in the waiting room, from the stream the call will send. */
  readonly #meter = new LevelMeter(this);

  protected abstract readonly guestRole: GuestRole;
  protected abstract readonly titleKey: MessageKey;
  /** Whether this page signs in with e-legitimation when the region's broker is configured (the patient's does). */
  protected readonly signsIn: boolean = false;
  /** The ID token from this visit's sign-in, kept in memory only (it holds the personnummer). */
  #idToken: string | undefined;
  /** The patient chose to wait without signing in (the nurse then confirms before letting in). */
  #skippedSignIn = false;
  @state() protected accessor signInProblem: MessageKey | undefined;
  @state() protected accessor signingIn = false;
  /** The `lang` the host page gave this element, read before the element sets its own. */
  #ownLang: string | null | undefined;
  /** Chosen in this page's language menu (kept here too, for when storage is blocked). */
  #chosen: UiLocale | undefined;
  /** Counts language switches: a slow chunk that arrives after a later switch is not applied. */
  #languageRequest = 0;

  /** The call's element could not be fetched (the network dropped): said, with a way to try again. */
  @state() protected accessor callMissing = false;

  async #loadCall(): Promise<void> {
    try {
      await loadCallElement();
      this.callMissing = false;
    } catch {
      this.callMissing = true;
    }
  }

  override connectedCallback(): void {
    super.connectedCallback();
    this.#ownLang ??= this.getAttribute('lang');
    // Until the visit is listed: the patient's earlier choice, the host's, or the browser's.
    void this.setLanguage(chooseLocale(this.#localeHints()));
    void this.#load();
  }

  /** What the page knows about the reader's language (see `chooseLocale`). */
  #localeHints(): LocaleHints {
    const page = this.parentElement ? nearestLang(this.parentElement) : document.documentElement.lang;
    return {
      remembered: this.#chosen ?? rememberedLanguage(), element: this.#ownLang, invited: this.listing?.language,
      browser: navigator.languages, page,
    };
  }

  override disconnectedCallback(): void {
    super.disconnectedCallback();
    this.session?.teardown();
    const preview = this.renderRoot.querySelector<HTMLVideoElement>('.self-view video');
    if (preview) preview.srcObject = null;
  }

  protected override updated(changed: PropertyValues): void {
    super.updated(changed);
    // The waiting room shows and measures the very stream the call will send: no second camera.
    // Not after the page left or the session ended: a late update must not start the meter again.
    const stream = this.isConnected && this.phase === 'waiting' && !this.session?.machine.done ? this.session?.localStream : undefined;
    if (!stream) {
      this.#meter.stop();
      return;
    }
    this.#meter.start(stream);
    const preview = this.renderRoot.querySelector<HTMLVideoElement>('.self-view video');
    if (preview && preview.srcObject !== stream) preview.srcObject = stream;
  }

  async #load(): Promise<void> {
    await this.#returnFromSignIn();
    const outcome = await this.#lookUp();
    if (!this.isConnected) return;
    this.retrying = false;
    // The invitation's language now counts, unless the patient or the host page chose one.
    const locale = chooseLocale(this.#localeHints());
    if (locale !== this.locale) await this.setLanguage(locale);
    if (outcome === 'unlisted') {
      this.phase = 'unlisted';
    } else if (outcome) {
      this.problem = outcome;
      this.phase = 'problem';
    } else {
      this.phase = this.#needsSignIn() ? 'sign-in' : 'check';
    }
  }

  #needsSignIn(): boolean {
    return this.signsIn && readConfig().identity !== undefined && !this.#idToken && !this.#skippedSignIn;
  }

  /**
   * Back from the broker: the link's token comes back from the tab's storage (the fragment does
   * not survive the trip) and is put back in the fragment, so a reload still works; the ID token
   * is kept for the nurse, or what went wrong is said. The sign-in code loads only here and when
   * the patient starts one.
   */
  async #returnFromSignIn(): Promise<void> {
    const identity = readConfig().identity;
    const params = new URLSearchParams(location.search);
    if (!identity || !this.signsIn || !(params.has('state') || params.has('error'))) return;
    try {
      const { completeSignIn } = await import('../../identity/oidc-client.js');
      const result = await completeSignIn(identity, new URL(location.href));
      if (!result) return;
      if (result.token && !this.token) {
        this.token = result.token;
        history.replaceState(history.state, '', `${location.pathname}${location.search}#${result.token}`);
      }
      if (result.ok) this.#idToken = result.idToken;
      else this.signInProblem = `ui.join.signIn.error.${result.code}`;
    } catch {
      this.signInProblem = 'ui.join.signIn.error.failed';
    }
  }

  #signIn = async (method: 'bankid' | 'freja'): Promise<void> => {
    const identity = readConfig().identity;
    if (!identity || this.signingIn) return;
    this.signingIn = true;
    this.signInProblem = undefined;
    try {
      const { beginSignIn } = await import('../../identity/oidc-client.js');
      location.assign(await beginSignIn(identity, method, this.token));
    } catch {
      // The broker could not be reached: nothing is lost, the patient can try again.
      this.signInProblem = 'ui.join.signIn.error.failed';
      this.signingIn = false;
    }
  };

  #renderSignIn(): TemplateResult {
    const methods = readConfig().identity?.methods ?? [];
    return html`
      <section aria-labelledby="sign-in-heading">
        <h2 id="sign-in-heading">${this.t('ui.join.signIn.title')}</h2>
        <p>${this.t('ui.join.signIn.why')}</p>
        ${this.signInProblem ? html`<p class="status bad" role="alert">${this.t(this.signInProblem)}</p>` : nothing}
        <div class="actions">
          ${methods.map((m) => html`
            <button part="button" class="primary" type="button" ?disabled=${this.signingIn} @click=${() => void this.#signIn(m.id)}>
              ${this.t(`ui.join.signIn.${m.id}`)}</button>`)}
        </div>
        ${this.signingIn ? html`<p role="status">${this.t('ui.join.signIn.going')}</p>` : nothing}
        <p><button part="button" type="button" class="link" @click=${() => {
          this.#skippedSignIn = true;
          this.phase = 'check';
        }}>${this.t('ui.join.signIn.skip')}</button></p>
      </section>`;
  }

  /** The link's token, or what is wrong with it (missing, or damaged on the way: a stray %, cut short). */
  #readToken(): { token: string } | { problem: MessageKey } {
    let token = this.token;
    if (!token) {
      const raw = location.hash.slice(1);
      if (raw === '') return { problem: 'ui.join.noLink' };
      try {
        token = decodeURIComponent(raw);
      } catch {
        return { problem: 'ui.join.damaged' };
      }
    }
    return TOKEN_PATTERN.test(token) ? { token } : { problem: 'ui.join.damaged' };
  }

  /**
   * Reads the visit's listing, asking again with backoff while the directory is down or does not
   * know the visit yet; returns what is wrong with the link, 'unlisted' when the directory did not
   * answer in time, or undefined.
   */
  async #lookUp(): Promise<MessageKey | 'unlisted' | undefined> {
    const read = this.#readToken();
    if ('problem' in read) return read.problem;
    const { token } = read;
    this.token = token;
    const url = `${readConfig().visitDirectoryUrl ?? '/api/visits'}/${await roomPeerId(token)}`;
    const since = Date.now();
    for (let wait = 1000; ; wait = Math.min(wait * 2, 8000)) {
      const listing = await this.#fetchListing(url);
      if (listing) {
        this.listing = listing;
        break;
      }
      if (!this.isConnected) return undefined;
      const left = this.directoryPatienceMs - (Date.now() - since);
      if (left <= 0) return 'unlisted';
      this.retrying = true;
      await sleep(Math.min(wait, left));
    }
    if (this.listing.status === 'cancelled') return 'ui.join.cancelled';
    if (bookingEnd(this.listing).getTime() < this.now().getTime()) return 'ui.join.past';
    return undefined;
  }

  /** One try; undefined when the directory is down, does not know the visit (yet) or answers nonsense. */
  async #fetchListing(url: string): Promise<Listing | undefined> {
    try {
      const response = await fetch(url, { cache: 'no-store', referrerPolicy: 'no-referrer' });
      return response.ok ? asListing(await response.json()) : undefined;
    } catch {
      return undefined;
    }
  }

  /**
   * Switches the page's language: loads its texts first (nothing is shown half-translated), then
   * sets `lang` and the writing direction on this element; the nested elements follow. Only the
   * patient's own choice in the page's language menu is remembered on the device. The last call
   * wins, however long each language takes to load.
   */
  async setLanguage(locale: UiLocale): Promise<void> {
    const request = ++this.#languageRequest;
    try {
      await loadLocale(locale);
    } catch {
      return; // the texts could not be fetched: stay in the current language
    }
    if (request !== this.#languageRequest) return;
    this.setAttribute('lang', locale);
    this.setAttribute('dir', localeDirection(locale));
  }

  /** Devices checked: start knocking (the interpreter first gives the code). */
  protected async begin(): Promise<void> {
    const stream = this.deviceCheck.takeStream();
    // A check that ended after the page left (or a second one) starts no session nobody would end.
    if (!stream || this.session || !this.isConnected) {
      for (const track of stream?.getTracks() ?? []) track.stop();
      return;
    }
    const problem = this.deviceCheck.devices.problem;
    this.cameraBlocked = problem?.kind === 'denied' && problem.device !== 'microphone';
    const config = readConfig();
    const session = new GuestSession({
      signalling: signallingOf(config), token: this.token, role: this.guestRole, instance: tabInstance(),
      ...(this.reconnectPolicy ? { policy: this.reconnectPolicy } : {}),
    });
    void this.#loadCall();
    session.addEventListener('state-change', () => {
      if (session.state === 'connecting' || session.state === 'connected') {
        this.phase = 'call';
        void this.#loadCall();
      }
      if (session.ending === 'denied') this.phase = 'denied';
      if (session.blocked) this.phase = 'waiting';
      this.requestUpdate();
    });
    session.addEventListener('signalling-change', () => {
      this.requestUpdate();
    });
    session.addEventListener('listed-change', () => {
      this.requestUpdate();
    });
    session.addEventListener('code-result', () => {
      this.onCodeResult(session);
    });
    this.session = session;
    if (this.#idToken) session.setIdentity(this.#idToken);
    this.onSession(session);
    this.phase = this.guestRole === 'interpreter' ? 'code' : 'waiting';
    await session.start(stream);
  }

  /** The interpreter's page reacts to the nurse's answer to the code. */
  protected onCodeResult(session: GuestSession): void {
    if (session.codeCheck) this.requestUpdate();
  }

  /** How the link to the nurse stands while waiting, with a retry once the policy gave up. */
  protected renderSignalling(): TemplateResult {
    const session = this.session;
    if (session?.signalling === 'unreachable') {
      return html`
        <p class="hint" role="alert">${this.t('ui.join.unreachable')}</p>
        <button part="button" type="button" @click=${() => { session.retrySignalling(); }}>${this.t('ui.join.retry')}</button>`;
    }
    return html`<p class="hint" aria-live="polite">${session?.signalling === 'offline' ? this.t('ui.join.offline')
      : session?.listed ? this.t('ui.join.knocked') : this.t('ui.join.notYet')}</p>`;
  }

  protected renderCode(): TemplateResult | typeof nothing {
    return nothing;
  }

  /**
   * Oneself as the nurse will see one, mirrored, with the microphone's level; without a picture,
   * why not and (when the browser blocks the camera) how to allow it in this browser.
   */
  #renderSelfView(): TemplateResult {
    const hasVideo = Boolean(this.session?.localStream?.getVideoTracks().some((t) => t.readyState === 'live'));
    const fixes = CAMERA_FIXES[browserFamily(navigator.userAgent)];
    return html`
      <div class="self-view">
        <video part="preview" muted autoplay playsinline aria-label=${this.t('ui.device.preview')} ?hidden=${!hasVideo}></video>
        ${hasVideo ? nothing : this.cameraBlocked ? html`
          <div class="status bad" role="status">
            <p>${this.t('ui.join.cameraBlocked')}</p>
            ${fixes.length === 1 ? fixes.map((key) => html`<p>${this.t(key)}</p>`) : html`<ul>${fixes.map((key) => html`<li>${this.t(key)}</li>`)}</ul>`}
          </div>` : html`<p class="status" role="status">${this.t('ui.join.cameraOff')}</p>`}
        <meter aria-label=${this.t('ui.device.level')} min="0" max="1" .value=${this.#meter.level}></meter>
      </div>`;
  }

  /** Shown below the sound check while waiting (the patient's star profile). */
  protected renderWaitingExtras(): TemplateResult | typeof nothing {
    return nothing;
  }

  /** A session was made for this page (the patient's page hands it the star profile). */
  // eslint-disable-next-line @typescript-eslint/no-unused-vars
  protected onSession(session: GuestSession): void {
    // Nothing to add on the interpreter's page.
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
          if (!isUiLocale(value)) return;
          this.#chosen = value;
          rememberLanguage(value);
          void this.setLanguage(value);
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
        return html`<p role="status">${this.t(this.retrying ? 'ui.join.retrying' : 'ui.calendar.loading')}</p>`;
      case 'unlisted':
        return html`
          <p class="status" role="status">${this.t('ui.join.unlisted')}</p>
          <button part="button" class="primary" type="button" @click=${() => (this.phase = this.#needsSignIn() ? 'sign-in' : 'check')}>${this.t('ui.join.continue')}</button>`;
      case 'problem':
        return html`<p class="status bad" role="alert">${this.t(this.problem ?? 'ui.join.unknown')}</p>`;
      case 'denied':
        return html`<p class="status bad" role="alert">${this.t('ui.join.denied')}</p>`;
      case 'sign-in':
        return this.#renderSignIn();
      case 'check':
        return html`
          <dh-device-check lang=${this.locale} signalling-url=${readConfig().signallingUrl}
            @dh-device-check=${(e: CustomEvent<{ ready: boolean }>) => {
              if (e.detail.ready) void this.begin();
            }}></dh-device-check>`;
      case 'code':
        return this.renderCode();
      case 'waiting':
        // No relay for relay-only ICE: no call can come, so no waiting room either.
        if (this.session?.blocked) {
          const phone = this.listing?.clinicPhone;
          return html`<div class="status bad" role="alert"><p>${this.t('ui.join.blocked')}</p>
            ${phone ? html`<p><a href="tel:${phone.replace(/[^\d+]/g, '')}">${this.t('ui.join.clinicPhone', { phone })}</a></p>` : nothing}</div>`;
        }
        return html`
          ${this.renderWaitingNote()}
          <p class="status" role="status">${this.t('ui.join.waiting')}</p>
          ${this.renderSignalling()}
          ${this.#renderSelfView()}
          <p>${this.t('ui.join.soundCheck')}</p>
          <dh-speaker-test lang=${this.locale}></dh-speaker-test>
          ${this.renderWaitingExtras()}`;
      case 'call':
        if (this.callMissing) {
          return html`
            <p class="status bad" role="alert">${this.t('ui.join.unreachable')}</p>
            <button class="primary" type="button" @click=${() => void this.#loadCall()}>${this.t('ui.join.retry')}</button>`;
        }
        return html`<dh-call lang=${this.locale} party=${this.guestRole} .session=${this.session}></dh-call>`;
    }
  }
}
