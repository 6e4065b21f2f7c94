import { html, nothing, type PropertyValues, type ReactiveController, type ReactiveControllerHost, type TemplateResult } from 'lit';
import { property, state } from 'lit/decorators.js';
import { formatMobile, type MessageKey } from '../../core/index.js';
import type { HostSession, ReconnectPolicy, Session, ShareKind } from '../../media/index.js';
import { linkFigures, qualityOf, type Quality } from '../../media/quality.js';
import { tileOrder, type Party } from '../../media/tiles.js';
import { baseStyles } from '../shared/base.styles.js';
import { DhElement } from '../shared/dh-element.js';
import { callStyles } from './call.styles.js';

/** Ticks once a second while connected to the page: elapsed time and connection quality. */
class TickController implements ReactiveController {
  #timer: ReturnType<typeof setInterval> | undefined;
  constructor(private readonly host: ReactiveControllerHost, private readonly onTick: () => void) {
    host.addController(this);
  }
  hostConnected(): void {
    this.#timer = setInterval(() => {
      this.onTick();
      this.host.requestUpdate();
    }, 1000);
  }
  hostDisconnected(): void {
    clearInterval(this.#timer);
    this.#timer = undefined;
  }
}

/** The nurse's session, told apart without importing it (the patient's bundle need not carry it). */
const isHost = (session: Session | undefined): session is HostSession => session !== undefined && 'stopShare' in session;

/** What the nurse shares, as a guest's session sees it (again without importing the class). */
const sharedTo = (session: Session | undefined): { stream: MediaStream; kind: ShareKind } | undefined => {
  const s = session as { shareStream?: MediaStream; shareKind?: ShareKind } | undefined;
  return s?.shareStream && s.shareKind ? { stream: s.shareStream, kind: s.shareKind } : undefined;
};

/** The quality of the call's open connections. */
async function measureQuality(connections: RTCPeerConnection[]): Promise<Quality> {
  return qualityOf(await Promise.all(connections.filter((pc) => pc.connectionState !== 'closed').map(linkFigures)));
}

/**
 * @tagname dh-call
 * @summary The video call: the others large, each tile named, oneself small in the lower-left corner;
 * on a narrow screen (a phone) one of the others large and the rest, oneself too, small below it;
 * mute, camera, hang-up, elapsed time, connection quality, and (for the nurse) the phone fallback.
 * Which of the others is large: the nurse for a guest, the patient for the nurse, or the tile the
 * viewer picked (its name is a button).
 *
 * @fires dh-call-end - The call ended or could not be restored; `detail.state`. Once per visit.
 * @fires dh-share-stop - The nurse pressed "Sluta dela"; the share has stopped for everyone.
 *
 * @slot waiting - Above the videos: who waits to be let in after the start (the nurse's lobby fills it).
 * @slot tools - Below the controls: the nurse's sharing tools (the lobby fills it).
 *
 * @csspart stage - The video area.
 * @csspart tile - One of the others: the video and the name.
 * @csspart name - The name on a tile.
 * @csspart self - Oneself, small, lower left.
 * @csspart controls - The control bar.
 * @csspart button - Every button.
 *
 * @cssproperty --dh-call-background - Behind the videos.
 * @cssproperty --dh-color-primary - Active toggles.
 * @cssproperty --dh-color-error - The hang-up button.
 */
export class DhCall extends DhElement {
  static override styles = [baseStyles, callStyles];

  /** The session to show: the nurse's HostSession or a guest's GuestSession. */
  @property({ attribute: false }) accessor session: Session | undefined;
  /** How lost connections are restored; given to the session (the session's own is used otherwise). */
  @property({ attribute: false }) accessor reconnectPolicy: ReconnectPolicy | undefined;
  /** Whose view this is ('nurse', 'patient', 'interpreter'). The nurse's hang-up ends the visit for everyone. */
  @property() accessor party: 'nurse' | 'patient' | 'interpreter' = 'patient';
  /** The patient's mobile (E.164), for the nurse's phone fallback. */
  @property() accessor phone = '';
  /**
   * The names on the others' tiles, by role (the nurse's lobby gives the patient's name and the
   * interpreter's language); a role without one is named by its title ("Sjuksköterskan", "Tolken").
   */
  @property({ attribute: false }) accessor names: Readonly<Partial<Record<Party, string>>> = {};

  @state() private accessor micOn = true;
  @state() private accessor cameraOn = true;
  @state() private accessor confirmEnd = false;
  @state() private accessor quality: Quality = 'unknown';
  /** The tile the viewer chose to see large (a peer id). */
  @state() private accessor picked: string | undefined;

  #listening: Session | undefined;
  /** The session whose end was announced: once per visit, however often its state is looked at. */
  #announced: Session | undefined;
  readonly #onChange = (): void => {
    const session = this.session;
    if (session?.machine.done && this.#announced !== session) {
      this.#announced = session;
      this.emit('dh-call-end', { state: session.state === 'failed' ? 'failed' : 'ended' });
    }
    this.requestUpdate();
  };

  constructor() {
    super();
    new TickController(this, () => {
      if (this.session && this.session.state !== 'idle') void measureQuality(this.session.peerConnections).then((q) => (this.quality = q));
    });
  }

  protected override willUpdate(changed: PropertyValues<this>): void {
    if (changed.has('session')) this.#listen(this.session);
    if ((changed.has('session') || changed.has('reconnectPolicy')) && this.session && this.reconnectPolicy) this.session.policy = this.reconnectPolicy;
  }

  override connectedCallback(): void {
    super.connectedCallback();
    this.#listen(this.session);
  }

  override disconnectedCallback(): void {
    super.disconnectedCallback();
    this.#listen(undefined);
    for (const v of this.renderRoot.querySelectorAll('video')) v.srcObject = null;
  }

  #listen(session: Session | undefined): void {
    if (this.#listening === session) return;
    const before = this.#listening;
    for (const type of ['state-change', 'streams-change', 'share-change'] as const) {
      before?.removeEventListener(type, this.#onChange);
      session?.addEventListener(type, this.#onChange);
    }
    this.#listening = session;
    // A session that ended before it was shown here is announced as well, once.
    if (session?.machine.done) this.#onChange();
  }

  protected override updated(changed: PropertyValues): void {
    // Keyboard users land on the safe answer of the question, and back on the button that asked it.
    if (changed.has('confirmEnd')) {
      const target = this.confirmEnd ? '[role="alertdialog"] button.safe' : 'button.hangup';
      if (this.confirmEnd || changed.get('confirmEnd') === true) this.renderRoot.querySelector<HTMLElement>(target)?.focus();
    }
    // srcObject is a property, not markup: set it on the rendered elements, only when it changed.
    const session = this.session;
    if (!session) return;
    for (const video of this.renderRoot.querySelectorAll<HTMLVideoElement>('video.remote')) {
      const stream = session.remoteStreams.get(video.dataset.peer ?? '');
      if (stream && video.srcObject !== stream) video.srcObject = stream;
    }
    const shared = this.renderRoot.querySelector<HTMLVideoElement>('video.shared');
    const share = sharedTo(session);
    if (shared && share && shared.srcObject !== share.stream) shared.srcObject = share.stream;
    const self = this.renderRoot.querySelector<HTMLVideoElement>('video.self');
    if (self && session.localStream && self.srcObject !== session.localStream) self.srcObject = session.localStream;
  }

  #toggleMic = (): void => {
    this.micOn = !this.micOn;
    this.session?.setMicrophone(this.micOn);
  };

  #toggleCamera = (): void => {
    this.cameraOn = !this.cameraOn;
    this.session?.setCamera(this.cameraOn);
  };

  #hangUp = (): void => {
    const session = this.session;
    if (!session) return;
    if (this.party === 'nurse') {
      this.confirmEnd = true;
      return;
    }
    void session.hangUp();
  };

  #endForAll = (): void => {
    this.confirmEnd = false;
    void this.session?.hangUp();
  };

  #stopShare = (): void => {
    const session = this.session;
    if (!isHost(session) || !session.sharing) return;
    session.stopShare();
    this.emit('dh-share-stop', {});
  };

  #elapsed(): string {
    const since = this.session?.connectedAt;
    if (since === undefined) return '0:00';
    const s = Math.floor((Date.now() - since) / 1000);
    return `${String(Math.floor(s / 60))}:${String(s % 60).padStart(2, '0')}`;
  }

  protected override render(): TemplateResult {
    const session = this.session;
    const state = session?.state ?? 'idle';
    // A guest sees the shared document large, the nurse (and the other guest) small, itself lower left.
    const share = this.party === 'nurse' ? undefined : sharedTo(session);
    const tiles = session ? [...session.remoteStreams.keys()].map((peer) => ({ peer, role: session.roleOf(peer) })) : [];
    const large = tileOrder(tiles, this.party, this.picked)[0]?.peer;
    const phone = this.party === 'nurse' && this.phone
      ? html`<a class="phone" href="tel:${this.phone}">${this.t('ui.call.phone', { number: formatMobile(this.phone) })}</a>` : nothing;
    return html`
      ${state === 'reconnecting' ? html`<p class="status banner" role="status">${this.t('ui.call.reconnecting')}</p>` : nothing}
      ${state === 'failed' ? html`<div class="status bad banner" role="alert"><p>${this.t(this.party === 'nurse' ? 'ui.call.failedNurse' : 'ui.call.failed')}</p>${phone}</div>` : nothing}
      ${state === 'ended' ? html`<p class="status good banner" role="status">${this.t('ui.call.ended')}</p>` : nothing}
      <slot name="waiting"></slot>
      ${isHost(session) && session.sharing ? html`
        <div class="status sharing" part="sharing" role="status">
          <strong>${this.t('ui.share.sharing', { what: this.t(`ui.share.kind.${session.sharing}`) })}</strong>
          <button part="button" type="button" class="primary" @click=${this.#stopShare}>${this.t('ui.share.stop')}</button>
        </div>` : nothing}
      <div class="stage ${share ? 'with-share' : ''} ${tiles.length > 1 ? 'many' : ''}" part="stage">
        ${share ? html`<video class="shared" part="shared" autoplay playsinline muted
          aria-label=${this.t('ui.call.shown', { what: this.t(`ui.call.shareKind.${share.kind}`) })}></video>` : nothing}
        ${tiles.length === 0 && state !== 'ended'
          ? html`<p class="placeholder">${this.t('ui.call.waitingForOthers')}</p>`
          : tiles.map(({ peer, role }) => {
            const name = this.names[role] ?? this.t(`ui.call.name.${role}`);
            // The DOM keeps the order of arrival (a moved video would pause); CSS puts the large one first.
            return html`
              <div class="tile ${peer === large ? 'large' : ''}" part="tile">
                <video class="remote" data-peer=${peer} autoplay playsinline @click=${() => (this.picked = peer)}
                  aria-label=${this.t('ui.call.remote', { name: this.t(`ui.role.${role}` as MessageKey) })}></video>
                ${tiles.length > 1 && !share
                  ? html`<button part="button name" type="button" class="name" aria-pressed=${peer === large ? 'true' : 'false'}
                      aria-label=${this.t('ui.call.enlarge', { name })} @click=${() => (this.picked = peer)}>${name}</button>`
                  : html`<span part="name" class="name">${name}</span>`}
              </div>`;
          })}
        <video class="self" part="self" muted autoplay playsinline aria-label=${this.t('ui.call.you')}></video>
      </div>
      <div class="bar" part="controls" role="toolbar" aria-label=${this.t('ui.call.controls')}>
        <button part="button" type="button" aria-pressed=${this.micOn ? 'false' : 'true'} @click=${this.#toggleMic}>
          ${this.micOn ? this.t('ui.call.mute') : this.t('ui.call.unmute')}</button>
        <button part="button" type="button" aria-pressed=${this.cameraOn ? 'false' : 'true'} @click=${this.#toggleCamera}>
          ${this.cameraOn ? this.t('ui.call.cameraOff') : this.t('ui.call.cameraOn')}</button>
        <button part="button" class="hangup" type="button" ?disabled=${state === 'ended'} @click=${this.#hangUp}>
          ${this.party === 'nurse' ? this.t('ui.call.end') : this.t('ui.call.hangUp')}</button>
        <span class="spacer"></span>
        <span class="meta">${this.t('ui.call.elapsed', { time: this.#elapsed() })}</span>
        <span class="meta">${this.t('ui.call.quality', { quality: this.t(`ui.call.quality.${this.quality}`) })}</span>
        ${state === 'failed' ? nothing : phone}
      </div>
      <slot name="tools"></slot>
      ${this.confirmEnd ? html`
        <div class="status bad" role="alertdialog" aria-labelledby="end-question" @keydown=${(e: KeyboardEvent) => {
          if (e.key === 'Escape') this.confirmEnd = false;
        }}>
          <p id="end-question">${this.t('ui.call.endConfirm')}</p>
          <div class="actions">
            <button part="button" class="primary" type="button" @click=${this.#endForAll}>${this.t('ui.call.endYes')}</button>
            <button part="button" class="safe" type="button" @click=${() => (this.confirmEnd = false)}>${this.t('ui.call.endNo')}</button>
          </div>
        </div>` : nothing}
    `;
  }
}
