import { css, html, nothing, type PropertyValues, type TemplateResult } from 'lit';
import { property, query, state } from 'lit/decorators.js';
import { formatMobile, newToken, type Booking, type MessageKey } from '../../core/index.js';
import { HostSession } from '../../media/call-session.js';
import '../booking/define.js';
import '../call/define.js';
import '../device-check/define.js';
import type { DhDeviceCheck } from '../device-check/device-check.element.js';
import { baseStyles } from '../shared/base.styles.js';
import { DhElement } from '../shared/dh-element.js';
import { getServices, readConfig } from '../shared/services.js';

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
 * @summary The nurse's lobby for one visit: device check, who is waiting (with a chime and a title
 * badge), "Starta besök", change or cancel, and the phone fallback; then the call.
 *
 * @fires dh-call-end - From the call: the visit ended or could not be restored.
 * @fires dh-booking-change - From the booking actions (change, cancel).
 *
 * @slot identity - Beside each waiting patient: the identity check (BankID/Freja) when it exists.
 *
 * @csspart waiting - The list of people waiting.
 * @csspart button - Every button.
 *
 * @cssproperty --dh-color-primary - Buttons and headings.
 */
export class DhLobby extends DhElement {
  static override styles = [baseStyles, css`
    :host { padding: 1rem; border: 1px solid var(--dh-color-border, #c8c8c8); border-radius: var(--_radius); }
    .columns { display: grid; grid-template-columns: minmax(0, 3fr) minmax(16rem, 2fr); gap: 1.5rem; align-items: start; }
    @media (max-width: 50rem) { .columns { grid-template-columns: 1fr; } }
    ul.waiting { list-style: none; padding: 0; margin: 0 0 1rem; display: grid; gap: 0.5rem; }
    ul.waiting li { padding: 0.5rem 0.75rem; border-inline-start: 4px solid var(--_primary); background: #eef4f9; }
    a.phone { font-weight: 700; }
  `];

  /** The booking whose visit this lobby opens. */
  @property({ attribute: 'booking-id' }) accessor bookingId = '';

  @state() private accessor booking: Booking | undefined;
  @state() private accessor session: HostSession | undefined;
  @state() private accessor devicesReady = false;
  @state() private accessor started = false;
  @state() private accessor error = '';

  @query('dh-device-check') private accessor deviceCheck!: DhDeviceCheck;

  #title = '';
  #waiting = 0;

  protected override willUpdate(changed: PropertyValues<this>): void {
    if (changed.has('bookingId') && this.bookingId) void this.#open();
  }

  override connectedCallback(): void {
    super.connectedCallback();
    this.#title = document.title;
  }

  override disconnectedCallback(): void {
    super.disconnectedCallback();
    this.session?.teardown();
    document.title = this.#title;
  }

  async #open(): Promise<void> {
    this.session?.teardown();
    const services = await getServices();
    const booking = await services.store.bookings.get(this.bookingId);
    this.booking = booking;
    if (!booking || booking.status === 'cancelled') return;
    const config = readConfig();
    const peerToken = tabPeerToken();
    const session = new HostSession({
      signalling: { url: config.signallingUrl, iceServers: config.iceServers },
      participantToken: booking.token,
      ...(peerToken ? { peerToken } : {}),
      ...(booking.interpreter ? { interpreter: { token: booking.interpreter.token, code: booking.interpreter.code } } : {}),
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
    this.session = session;
    try {
      await session.open();
    } catch (e) {
      this.error = (e as Error).message;
    }
  }

  #onGuests(): void {
    const waiting = this.session?.guests.filter((g) => !g.admitted).length ?? 0;
    if (waiting > this.#waiting) chime();
    this.#waiting = waiting;
    // A nurse on another tab sees the count in the tab title.
    document.title = waiting > 0 ? `${this.t('ui.lobby.badge', { n: waiting })} – ${this.#title}` : this.#title;
    this.requestUpdate();
  }

  #start = (): void => {
    const stream = this.deviceCheck.takeStream();
    if (!stream || !this.session) return;
    this.session.admit(stream);
    this.started = true;
    this.#waiting = 0;
    document.title = this.#title;
  };

  protected override render(): TemplateResult {
    const b = this.booking;
    if (!b) return html`<p role="status">${this.t('ui.calendar.loading')}</p>`;
    if (b.status === 'cancelled') return html`<p class="status bad" role="alert">${this.t('ui.calendar.cancelled')}: ${b.participant.givenName} ${b.participant.familyName}</p>`;
    const phone = html`<a class="phone" part="phone" href="tel:${b.participant.mobile}">${this.t('ui.call.phone', { number: formatMobile(b.participant.mobile) })}</a>`;
    if (this.started && this.session) {
      return html`<dh-call party="nurse" phone=${b.participant.mobile} .session=${this.session}></dh-call>`;
    }
    const guests = this.session?.guests ?? [];
    const ready = guests.some((g) => g.verified) && this.devicesReady;
    return html`
      <h2>${this.t('ui.lobby.title')}: ${b.participant.givenName} ${b.participant.familyName}</h2>
      ${this.error ? html`<p class="status bad" role="alert">${this.t('ui.error.generic', { reason: this.error })}</p>` : nothing}
      ${this.session?.signalling === 'taken' ? html`<p class="status bad" role="alert">${this.t('ui.lobby.taken')}</p>`
        : this.session?.signalling === 'offline' ? html`<p class="status" role="status">${this.t('ui.lobby.offline')}</p>` : nothing}
      <div class="columns">
        <dh-device-check signalling-url=${readConfig().signallingUrl}
          @dh-device-check=${(e: CustomEvent<{ ready: boolean }>) => (this.devicesReady = e.detail.ready)}></dh-device-check>
        <section aria-labelledby="waiting-heading">
          <h3 id="waiting-heading">${this.t('ui.lobby.waiting')}</h3>
          <ul class="waiting" part="waiting" aria-live="polite">
            ${guests.length === 0 ? html`<li>${this.t('ui.lobby.nobody')}</li>` : guests.map((g) => html`
              <li>
                <strong>${this.t('ui.lobby.knocked', { role: capitalise(this.t(`ui.role.${g.role}` as MessageKey)) })}</strong>
                ${g.role === 'interpreter' ? html` – ${this.t(g.verified ? 'ui.lobby.verified' : 'ui.lobby.unverified')}` : html`
                  <slot name="identity"><p class="hint">${this.t('ui.lobby.identity')}</p></slot>`}
              </li>`)}
          </ul>
          <button part="button start" class="primary" type="button" ?disabled=${!ready} aria-describedby="start-hint" @click=${this.#start}>
            ${this.t('ui.lobby.start')}</button>
          <p id="start-hint" class="hint">${this.t('ui.lobby.startHint')}</p>
          <p>${phone}</p>
          <dh-booking booking-id=${b.id} no-start></dh-booking>
        </section>
      </div>
    `;
  }
}

const capitalise = (s: string): string => s.charAt(0).toUpperCase() + s.slice(1);
