import { css, html, nothing, type PropertyValues, type TemplateResult } from 'lit';
import { property, query, state } from 'lit/decorators.js';
import { DEFAULT_STAR_PROFILE, formatMobile, isUiLocale, languageName, newToken, validateStarProfile, visitNonce, type Booking, type MessageKey, type StarProfileValues } from '../../core/index.js';
import type { IdentityConfig } from '../../identity/oidc-client.js';
import { HostSession, canvasTrack, type Guest, type IdentityCheck, type IdentityVerifier, type ReconnectPolicy } from '../../media/index.js';
import '../booking/define.js';
import '../call/define.js';
import '../device-check/define.js';
import '../share/define.js';
import '../share-menu/define.js';
import '../star-profile/define.js';
import { starProfilePicture } from '../star-profile/star-profile-canvas.js';
import type { DhBooking } from '../booking/booking.element.js';
import type { DhDeviceCheck } from '../device-check/device-check.element.js';
import { baseStyles } from '../shared/base.styles.js';
import '../shared/nurse-texts.js';
import { DhElement } from '../shared/dh-element.js';
import { errorText } from '../shared/error-text.js';
import { canvasPdf, canvasPng, download } from '../shared/download.js';
import { getServices, readConfig } from '../shared/services.js';
import { signallingOf } from '../shared/config.js';
import type { VisitService } from '../../visits/visit-service.js';
import { waitingList, waitingListStyles } from '../shared/waiting-list.js';
import { TodayVisitsController } from './today-visits.controller.js';

/**
 * Checks a patient's ID token against the configured broker for `booking`: its keys, issuer, client
 * id, the visit's nonce and the booking's personnummer. The checking code (jose) loads the first
 * time a patient signs in, not with the page.
 */
function brokerVerifier(identity: IdentityConfig, booking: Booking): IdentityVerifier {
  return async (idToken) => {
    const [{ verifyIdentity }, nonce] = await Promise.all([import('../../identity/verify.js'), visitNonce(booking.token)]);
    const checked = await verifyIdentity(idToken, {
      issuer: identity.issuer, audience: identity.clientId, nonce, personnummer: booking.participant.personnummer,
      ...(identity.claims ? { claims: identity.claims } : {}),
    });
    return checked.ok
      ? { state: 'verified', name: checked.name, ...(checked.method ? { method: checked.method } : {}) }
      : { state: 'failed', code: checked.code };
  };
}

/** Why a patient's sign-in failed, as the verifier names it: each has its own warning. */
const ID_FAILURES: ReadonlySet<string> = new Set(['malformed', 'signature', 'issuer', 'audience', 'expired', 'not-yet-valid', 'nonce', 'person', 'unreachable']);

/** A short two-tone chime: someone is waiting. */
function chime(): void {
  const context = new AudioContext();
  const gain = context.createGain();
  gain.gain.value = 0.15;
  gain.connect(context.destination);
  [880, 660].forEach((frequency, i) => {
    const o = context.createOscillator();
    o.frequency.value = frequency;
    o.connect(gain);
    o.start(context.currentTime + i * 0.18);
    o.stop(context.currentTime + i * 0.18 + 0.16);
    if (i === 1) o.onended = () => void context.close();
  });
}

/**
 * The secret that ties this tab's lobby to its room ids at the signalling server. It outlives a
 * reload of the tab (so the reloaded lobby gets its rooms back at once) but not the tab itself.
 */
function tabPeerToken(): string | undefined {
  try {
    const key = 'dh-lobby-peer-token';
    let token = sessionStorage.getItem(key);
    if (!token) {
      token = newToken();
      sessionStorage.setItem(key, token);
    }
    return token;
  } catch {
    return undefined; // storage blocked by the embedding page: a reload then waits for the server
  }
}

/**
 * @tagname dh-lobby
 * @summary The nurse's lobby for one visit: device check, who is waiting (each proven to hold the
 * link, with role, time of arrival, "Släpp in" and "Neka"; a chime and a title badge), "Starta
 * besök" for everyone ready, change or cancel, and the phone fallback; then the call.
 *
 * @fires dh-call-end - From the call: the visit ended or could not be restored.
 * @fires dh-before-share - Cancelable, before the star profile (or a window, from the share menu) is shared.
 * @fires dh-booking-change - From the booking actions (change, cancel).
 *
 *
 * @csspart waiting - The list of people waiting.
 * @csspart button - Every button (also `admit`, `deny` and `start`).
 *
 * @cssproperty --dh-color-primary - Buttons and headings.
 */
export class DhLobby extends DhElement {
  static override styles = [baseStyles, waitingListStyles, css`
    :host { padding: 1rem; border: 1px solid var(--dh-color-border, #c8c8c8); border-radius: var(--_radius); }
    .columns { display: grid; grid-template-columns: minmax(0, 3fr) minmax(16rem, 2fr); gap: 1.5rem; align-items: start; }
    @media (max-width: 50rem) { .columns { grid-template-columns: 1fr; } }
    p.nobody { padding: 0.5rem 0.75rem; background: #eef4f9; }
    .identity.good { color: var(--_success); font-weight: 600; }
    .identity.bad { color: var(--_error); font-weight: 600; }
    .tools { display: grid; gap: 1rem; margin-top: 0.5rem; }
    .share-panel { padding: 0.75rem; border: 1px solid var(--_border); border-radius: var(--_radius); }
    a.phone { font-weight: 700; }
    ul.today { list-style: none; padding: 0; display: grid; gap: 0.5rem; }
  `];

  readonly #today = new TodayVisitsController(this, { wanted: () => this.bookingId === '', now: () => new Date() });

  /** The booking whose visit this lobby opens; without one, the day's visits at the nurse's clinic are listed. */
  @property({ attribute: 'booking-id' }) accessor bookingId = '';
  /** How lost connections (to the guests, to the signalling server) are restored. */
  @property({ attribute: false }) accessor reconnectPolicy: ReconnectPolicy | undefined;
  /**
   * How a patient's ID token is checked for this booking. The lobby makes one from the configured
   * identity broker; a host page may give its own. Without either, patients do not sign in.
   */
  @property({ attribute: false }) accessor verifyIdentity: ((booking: Booking) => IdentityVerifier) | undefined;

  @state() private accessor booking: Booking | undefined;
  @state() private accessor session: HostSession | undefined;
  @state() private accessor devicesReady = false;
  @state() private accessor started = false;
  /** What went wrong opening the visit (the store, the signalling server): worded when shown. */
  @state() private accessor error: unknown;

  /** Which sharing panel is open below the call: the star profile, or a scan to read and redact. */
  @state() private accessor sharePanel: 'star-profile' | 'document' | undefined;
  /** The star profile as the nurse completed it (starting from what the patient sent). */
  @state() private accessor profile: StarProfileValues | undefined;
  /** Letting in a patient whose identity is not verified waits for the nurse's explicit yes. */
  @state() private accessor confirmUnverified: { readonly guest?: Guest } | undefined;
  /** The last picture shown to the others: it can be saved for the patient after the visit. */
  @state() private accessor shown: HTMLCanvasElement | undefined;

  @query('dh-device-check') private accessor deviceCheck!: DhDeviceCheck;

  #title = '';
  #waiting = 0;

  protected override willUpdate(changed: PropertyValues<this>): void {
    if (changed.has('bookingId') && this.bookingId) void this.#open();
  }

  override connectedCallback(): void {
    super.connectedCallback();
    this.#title = document.title;
    // Moved in the page: the rooms were given up when it left, so open them again.
    if (this.hasUpdated && this.bookingId) void this.#open();
  }

  override disconnectedCallback(): void {
    super.disconnectedCallback();
    this.#opening++;
    this.session?.teardown();
    document.title = this.#title;
  }

  /** Counts openings: one still awaiting when the booking changed or the lobby left the page is dropped. */
  #opening = 0;

  async #open(): Promise<void> {
    const opening = ++this.#opening;
    this.session?.teardown();
    this.session = undefined;
    this.error = undefined;
    let services: VisitService;
    let booking: Booking | undefined;
    try {
      services = await getServices();
      booking = await services.store.bookings.get(this.bookingId);
    } catch (e) {
      // The store cannot be read (another tab runs a newer page, say): say so rather than load forever.
      if (opening === this.#opening) this.error = e;
      return;
    }
    if (opening !== this.#opening || !this.isConnected) return;
    this.booking = booking;
    if (!booking || booking.status === 'cancelled') return;
    const config = readConfig();
    this.#verifier = this.verifyIdentity?.(booking) ?? (config.identity ? brokerVerifier(config.identity, booking) : undefined);
    const peerToken = tabPeerToken();
    const store = services.store;
    const session = new HostSession({
      signalling: signallingOf(config),
      participantToken: booking.token,
      ...(peerToken ? { peerToken } : {}),
      ...(this.reconnectPolicy ? { policy: this.reconnectPolicy } : {}),
      // The code in force and the wrong tries so far live in the store: five in all, however often
      // the interpreter reconnects, and "Skicka ny kod" in the booking starts again.
      ...(booking.interpreter ? { interpreter: { token: booking.interpreter.token }, codeCheck: (typed: string) => store.interpreterCodes.check(booking.id, typed) } : {}),
      ...(this.#verifier ? { verifyIdentity: this.#verifier } : {}),
    });
    session.addEventListener('guests-change', () => {
      this.#onGuests();
    });
    session.addEventListener('state-change', () => {
      this.requestUpdate();
    });
    session.addEventListener('signalling-change', () => {
      this.requestUpdate();
    });
    session.addEventListener('share-change', () => {
      this.requestUpdate();
    });
    session.addEventListener('star-profile-change', () => {
      this.#adoptProfile(session);
    });
    this.session = session;
    try {
      await session.open();
    } catch (e) {
      this.error = e;
    }
  }

  #onGuests(): void {
    // An interpreter locked out: the booking below offers "Skicka ny kod" up front.
    if (this.session?.guests.some((g) => g.locked)) void this.renderRoot.querySelector<DhBooking>('dh-booking')?.reload();
    const waiting = this.session?.guests.filter((g) => !g.admitted).length ?? 0;
    if (waiting > this.#waiting) chime();
    this.#waiting = waiting;
    // A nurse on another tab sees the count in the tab title.
    document.title = waiting > 0 ? `${this.t('ui.lobby.badge', { n: waiting })} – ${this.#title}` : this.#title;
    this.requestUpdate();
  }

  /** "Starta besök" (everyone ready) or "Släpp in" (one guest): the visit starts with the devices checked. */
  /**
   * "Starta besök" (everyone ready) or "Släpp in" (one guest): the visit starts with the devices
   * checked. A patient whose identity is not verified, where patients sign in, waits for the nurse's
   * explicit confirmation first (noted in the EHR note).
   */
  #start = (guest?: Guest, confirmed = false): void => {
    const session = this.session;
    if (!session) return;
    const going = guest ? [guest] : session.guests.filter((g) => g.verified && !g.admitted);
    const unverified = going.filter((g) => g.role === 'patient' && g.identity.state !== 'verified');
    if (this.#signsIn && unverified.length > 0 && !confirmed) {
      this.confirmUnverified = guest ? { guest } : {};
      return;
    }
    this.confirmUnverified = undefined;
    const stream = session.state === 'idle' || session.state === 'waiting' ? this.deviceCheck.takeStream() : undefined;
    if (guest) session.admitGuest(guest.peerId, stream);
    else if (stream) session.admit(stream);
    this.#noteIdentity(going, confirmed);
    this.started = session.state !== 'idle' && session.state !== 'waiting';
    this.#waiting = 0;
    document.title = this.#title;
  };

  /** Patients sign in with e-legitimation on this booking's visit. */
  get #signsIn(): boolean {
    return this.#verifier !== undefined;
  }

  #verifier: IdentityVerifier | undefined;

  /** For the EHR note: how the identity of the patient let in was settled. */
  #noteIdentity(going: readonly Guest[], confirmed: boolean): void {
    const booking = this.booking;
    if (!booking || !this.#signsIn) return;
    const patient = going.find((g) => g.role === 'patient');
    if (!patient) return;
    const identity: Booking['identity'] = patient.identity.state === 'verified' ? { verified: patient.identity.method ?? 'eid' } : confirmed ? { override: true } : undefined;
    if (identity) void getServices().then((s) => s.noteVisit(booking.id, { identity }));
  }

  /** The waiting patient's sign-in, in words: verified with the name, or exactly what is wrong. */
  #identityText(identity: IdentityCheck): TemplateResult | typeof nothing {
    if (!this.#signsIn) return nothing;
    switch (identity.state) {
      case 'none':
        return html`<span class="identity bad"> – ${this.t('ui.lobby.id.none')}</span>`;
      case 'checking':
        return html`<span class="identity"> – ${this.t('ui.lobby.id.checking')}</span>`;
      case 'verified':
        return html`<span class="identity good"> – ${this.t('ui.lobby.id.verified', { name: identity.name, method: this.t(`ui.lobby.id.method.${identity.method ?? 'eid'}`) })}</span>`;
      case 'failed':
        return html`<span class="identity bad" role="alert"> – ${this.t(ID_FAILURES.has(identity.code) ? `ui.lobby.id.failed.${identity.code}` as MessageKey : 'ui.lobby.id.failed.malformed')}</span>`;
    }
  }

  #renderConfirmUnverified(): TemplateResult | typeof nothing {
    const ask = this.confirmUnverified;
    if (!ask) return nothing;
    return html`
      <div class="status bad" role="alertdialog" aria-labelledby="unverified-question" @keydown=${(e: KeyboardEvent) => {
        if (e.key === 'Escape') this.confirmUnverified = undefined;
      }}>
        <p id="unverified-question">${this.t('ui.lobby.id.confirm')}</p>
        <div class="actions">
          <button part="button" class="primary" type="button" @click=${() => { this.#start(ask.guest, true); }}>${this.t('ui.lobby.id.letInAnyway')}</button>
          <button part="button" class="safe" type="button" @click=${() => (this.confirmUnverified = undefined)}>${this.t('ui.lobby.id.wait')}</button>
        </div>
      </div>`;
  }

  /**
   * The patient's own answers, once they arrive: only what the profile knows and accepts is kept,
   * and what the nurse has already completed wins.
   */
  #adoptProfile(session: HostSession): void {
    const sent = session.starProfile ?? {};
    const bad = new Set(validateStarProfile(DEFAULT_STAR_PROFILE, sent).map((e) => e.field));
    const known = new Set<string>(DEFAULT_STAR_PROFILE.dimensions.map((d) => d.id));
    const valid = Object.fromEntries(Object.entries(sent).filter((e): e is [string, number] => known.has(e[0]) && !bad.has(e[0]) && typeof e[1] === 'number'));
    this.profile = { ...valid, ...this.profile };
  }

  /** "Visa stjärnprofilen": drawn from the data as a picture of its own and shared as a track. */
  #shareProfile = (): void => {
    const session = this.session;
    const booking = this.booking;
    if (!session || !booking) return;
    if (!this.emit('dh-before-share', { kind: 'star-profile' }, { cancelable: true })) return;
    const locale = isUiLocale(booking.language) ? booking.language : 'sv';
    const picture = starProfilePicture(DEFAULT_STAR_PROFILE, this.profile ?? {}, locale, {
      title: this.t('ui.star.title'), unanswered: this.t('ui.star.unanswered'),
    });
    this.#startShare(picture, 'star-profile');
  };

  #startShare(picture: HTMLCanvasElement, kind: 'star-profile' | 'document'): void {
    const session = this.session;
    const booking = this.booking;
    if (!session || !booking) return;
    session.startShare(canvasTrack(picture), kind);
    this.shown = picture;
    this.sharePanel = undefined;
    void getServices().then((s) => s.noteVisit(booking.id, { starProfileShown: true }));
  }

  #save = async (format: 'png' | 'pdf'): Promise<void> => {
    const picture = this.shown;
    if (!picture) return;
    const name = this.t('ui.lobby.shown.file');
    const blob = format === 'png' ? await canvasPng(picture) : await canvasPdf(picture, name);
    download(this, blob, `${name}.${format}`);
  };

  /** Below the call: "Dela…", the open sharing panel, and saving what was shown. */
  #renderTools(session: HostSession): TemplateResult {
    return html`
      <div slot="tools" class="tools">
        <dh-share-menu .session=${session} @dh-share-choose=${(e: CustomEvent<{ kind: string }>) => {
          if (e.detail.kind === 'star-profile' || e.detail.kind === 'document') this.sharePanel = e.detail.kind;
        }}></dh-share-menu>
        ${this.sharePanel === 'star-profile' ? html`
          <section class="share-panel" aria-labelledby="profile-heading">
            <h3 id="profile-heading">${this.t('ui.star.title')}</h3>
            <p class="hint">${this.t(session.starProfile ? 'ui.lobby.profile.fromPatient' : 'ui.lobby.profile.empty')}</p>
            <dh-star-profile mode="edit" .values=${this.profile ?? {}}
              @dh-star-profile-change=${(e: CustomEvent<{ values: StarProfileValues }>) => (this.profile = e.detail.values)}></dh-star-profile>
            <div class="actions">
              <button part="button" class="primary" type="button" ?disabled=${session.sharing !== undefined} @click=${this.#shareProfile}>
                ${this.t('ui.lobby.profile.show')}</button>
              <button part="button" type="button" @click=${() => (this.sharePanel = undefined)}>${this.t('ui.lobby.close')}</button>
            </div>
          </section>` : nothing}
        ${this.sharePanel === 'document' ? html`
          <section class="share-panel" aria-labelledby="scan-heading">
            <h3 id="scan-heading">${this.t('ui.lobby.scan.title')}</h3>
            <dh-share @dh-share-start=${(e: CustomEvent<{ canvas: HTMLCanvasElement }>) => { this.#startShare(e.detail.canvas, 'document'); }}></dh-share>
            <div class="actions">
              <button part="button" type="button" @click=${() => (this.sharePanel = undefined)}>${this.t('ui.lobby.close')}</button>
            </div>
          </section>` : nothing}
        ${this.shown ? html`
          <section class="share-panel" aria-labelledby="shown-heading">
            <h3 id="shown-heading">${this.t('ui.lobby.shown.title')}</h3>
            <p class="hint">${this.t('ui.lobby.shown.hint')}</p>
            <div class="actions">
              <button part="button" type="button" @click=${() => void this.#save('png')}>${this.t('ui.lobby.shown.png')}</button>
              <button part="button" type="button" @click=${() => void this.#save('pdf')}>${this.t('ui.lobby.shown.pdf')}</button>
            </div>
          </section>` : nothing}
      </div>`;
  }

  /** Guests who arrive after the start (late, reloaded, on another device), shown in the call view: the nurse decides. */
  #renderLateArrivals(session: HostSession): TemplateResult | typeof nothing {
    const waiting = session.machine.done ? [] : session.guests.filter((g) => !g.admitted);
    if (waiting.length === 0) return nothing;
    return html`
      <section slot="waiting" class="status late" aria-labelledby="late-heading">
        <h3 id="late-heading">${this.t('ui.admit.lateArrivals')}</h3>
        ${waitingList(waiting, {
          t: (key, params) => this.t(key, params),
          letIn: (g) => { this.#start(g); },
          deny: (g) => { session.deny(g.peerId); },
          extra: (g) => g.role === 'patient' ? this.#identityText(g.identity) : nothing,
        })}
        ${this.#renderConfirmUnverified()}
      </section>`;
  }

  protected override render(): TemplateResult {
    const b = this.booking;
    if (!this.bookingId) return this.#today.render((key, params) => this.t(key, params), (id) => (this.bookingId = id));
    if (!b) {
      return this.error !== undefined ? html`<p class="status bad" role="alert">${errorText(this.error, (key, params) => this.t(key, params))}</p>`
        : html`<p role="status">${this.t('ui.calendar.loading')}</p>`;
    }
    if (b.status === 'cancelled') return html`<p class="status bad" role="alert">${this.t('ui.calendar.cancelled')}: ${b.participant.givenName} ${b.participant.familyName}</p>`;
    const phone = html`<a class="phone" part="phone" href="tel:${b.participant.mobile}">${this.t('ui.call.phone', { number: formatMobile(b.participant.mobile) })}</a>`;
    const session = this.session;
    if (this.started && session) {
      // Names on the tiles: the nurse tells the patient from the interpreter at a glance.
      const names = {
        patient: `${b.participant.givenName} ${b.participant.familyName}`,
        ...(b.interpreter ? { interpreter: this.t('ui.lobby.tile.interpreter', { language: languageName(b.interpreter.language, this.locale) }) } : {}),
      };
      return html`<dh-call party="nurse" phone=${b.participant.mobile} .names=${names} .session=${session} .reconnectPolicy=${this.reconnectPolicy}>
        ${this.#renderLateArrivals(session)}${this.#renderTools(session)}</dh-call>`;
    }
    const guests = session?.guests ?? [];
    const ready = guests.some((g) => g.verified) && this.devicesReady;
    return html`
      <h2>${this.t('ui.lobby.title')}: ${b.participant.givenName} ${b.participant.familyName}</h2>
      ${this.error !== undefined ? html`<p class="status bad" role="alert">${errorText(this.error, (key, params) => this.t(key, params))}</p>` : nothing}
      ${session?.blocked ? html`<div class="status bad" role="alert"><p>${this.t('ui.lobby.blocked')}</p><p>${phone}</p></div>` : nothing}
      ${session?.signalling === 'taken' ? html`<p class="status bad" role="alert">${this.t('ui.lobby.taken')}</p>`
        : session?.signalling === 'offline' ? html`<p class="status" role="status">${this.t('ui.lobby.offline')}</p>`
        : session?.signalling === 'unreachable' ? html`
          <div class="status bad" role="alert"><p>${this.t('ui.lobby.unreachable')}</p>
            <button part="button" type="button" @click=${() => { session.retrySignalling(); }}>${this.t('ui.lobby.retry')}</button></div>` : nothing}
      <div class="columns">
        <dh-device-check signalling-url=${readConfig().signallingUrl}
          @dh-device-check=${(e: CustomEvent<{ ready: boolean }>) => (this.devicesReady = e.detail.ready)}></dh-device-check>
        <section aria-labelledby="waiting-heading">
          <h3 id="waiting-heading">${this.t('ui.lobby.waiting')}</h3>
          ${guests.length === 0 ? html`<p class="nobody" aria-live="polite">${this.t('ui.lobby.nobody')}</p>` : waitingList(guests, {
            t: (key, params) => this.t(key, params),
            canLetIn: this.devicesReady,
            letIn: (g) => { this.#start(g); },
            deny: (g) => { session?.deny(g.peerId); },
            extra: (g) => g.role === 'patient' ? this.#identityText(g.identity) : nothing,
          })}
          <button part="button start" class="primary" type="button" ?disabled=${!ready} aria-describedby="start-hint" @click=${() => { this.#start(); }}>
            ${this.t('ui.lobby.start')}</button>
          <p id="start-hint" class="hint">${this.t('ui.lobby.startHint')}</p>
          ${this.#renderConfirmUnverified()}
          <p>${phone}</p>
          <dh-booking booking-id=${b.id} no-start></dh-booking>
        </section>
      </div>
    `;
  }
}
