import type Peer from 'peerjs';
import type { MediaConnection } from 'peerjs';
import { CallStateChangeEvent, CallStateMachine, type CallState, type TransitionLog } from './call-state.js';
import { reconnectLoop } from './reconnect-loop.js';
import { DefaultReconnectPolicy, type ReconnectPolicy } from './reconnect-policy.js';
import { Registration, type SignallingStatus } from './registration.js';
import { SessionStateEvent, TypedEventTarget, type SessionEventMap } from './session-events.js';
import type { SignallingConfig } from './signalling.js';
import type { GuestRole } from './wire.js';

export interface SessionOptions {
  readonly signalling: SignallingConfig;
  /** When and how long to try again after a lost call or a lost signalling server. */
  readonly policy?: ReconnectPolicy;
  /** Every state transition as `from -> to (reason)`; reasons never hold personal data. */
  readonly log?: TransitionLog;
  /** How long ICE may stay 'disconnected' before the call counts as lost. */
  readonly iceGraceMs?: number;
}

/** A call placed (again) that brings no media by then is given up and placed once more. */
const CALL_ATTEMPT_MS = 8000;

/** Runs `fn`, ignoring what it throws: for closing things on the way out. */
export function quietly(fn: () => void): void {
  try {
    fn();
  } catch {
    // A connection broken by its other side may throw on close; it is going away regardless.
  }
}

/**
 * What both sides share: the state machine, the registrations at the signalling server, the calls
 * and remote streams by peer (one tile each, never a ghost), the local stream (owned: every track is
 * stopped at teardown), one way to place and re-place a call, one reconnect loop, and idempotent
 * teardown.
 */
export abstract class Session<M extends SessionEventMap = SessionEventMap> extends TypedEventTarget<M> {
  readonly machine: CallStateMachine;
  /** The reconnect policy; a view may set another while the session runs. */
  policy: ReconnectPolicy;
  protected readonly iceGraceMs: number;
  protected readonly registrations: Registration[] = [];
  protected readonly calls = new Map<string, MediaConnection>();
  /** Peers whose lost call is being restored. */
  readonly #recovering = new Set<string>();
  readonly #remote = new Map<string, MediaStream>();
  protected local: MediaStream | undefined;
  #tornDown = false;
  #signalling: SignallingStatus = 'connecting';
  #connectedAt: number | undefined;
  #rtc: RTCConfiguration | undefined;
  #renewal: ReturnType<typeof setTimeout> | undefined;
  #blocked = false;

  constructor(protected readonly options: SessionOptions) {
    super();
    this.machine = new CallStateMachine(options.log);
    this.policy = options.policy ?? new DefaultReconnectPolicy();
    this.iceGraceMs = options.iceGraceMs ?? 2000;
    this.machine.addEventListener('state-change', (event: Event) => {
      if (!(event instanceof CallStateChangeEvent)) return;
      const { from, to, reason } = event;
      if (to === 'connected') this.#connectedAt ??= Date.now();
      this.emit('state-change', new SessionStateEvent(from, to, reason));
      if (this.machine.done) this.teardown();
    });
  }

  get state(): CallState {
    return this.machine.state;
  }

  /** When the call first connected (ms since the epoch): the visit's clock, across reconnects. */
  get connectedAt(): number | undefined {
    return this.#connectedAt;
  }

  get signalling(): SignallingStatus {
    return this.#signalling;
  }

  /** After the policy gave up on the signalling server ('unreachable'): try again. */
  retrySignalling(): void {
    for (const registration of this.registrations) registration.retry();
  }

  /**
   * With relay-only ICE, no TURN server gave this side a relay (a wrong or expired credential, or
   * a TURN server out of reach): the visit failed before it began, and the view offers the phone.
   */
  get blocked(): boolean {
    return this.#blocked;
  }

  /** The ICE configuration the calls use: the configured one, or the server's grant for this visit. */
  protected get rtc(): RTCConfiguration | undefined {
    return this.#rtc;
  }

  /**
   * Before registering: asks the server for this visit's ICE servers (`room` proves holding the
   * link), renews them before they lapse, and with relay-only ICE checks that a relay is there.
   * False when the visit cannot go on (the session has failed and `blocked` says why).
   */
  protected async prepareIce(room: string): Promise<boolean> {
    const s = this.options.signalling;
    this.#rtc = { iceServers: [...s.iceServers], ...(s.iceTransportPolicy ? { iceTransportPolicy: s.iceTransportPolicy } : {}) };
    // Loaded only where TURN is configured: most pages (and the patient's bundle) never need it.
    if (!s.iceUrl && s.iceTransportPolicy !== 'relay') return true;
    const { fetchIce, relayGathers, renewIn } = await import('./ice.js');
    const grant = await fetchIce(s, room);
    if (grant) {
      this.#rtc = grant;
      this.#renewal = setTimeout(() => void this.#renew(room), renewIn(grant.expiresAt, Date.now()));
    }
    if (this.#rtc.iceTransportPolicy !== 'relay' || this.isTornDown() || await relayGathers(this.#rtc)) return true;
    if (this.isTornDown()) return false;
    this.#blocked = true;
    this.machine.transition('failed', 'no relay');
    return false;
  }

  /** New calls (a reconnect, a share) use the renewed credential; the running ones keep theirs. */
  async #renew(room: string): Promise<void> {
    const { fetchIce, renewIn } = await import('./ice.js');
    const grant = await fetchIce(this.options.signalling, room);
    if (this.#tornDown) return;
    if (grant) {
      this.#rtc = grant;
      for (const registration of this.registrations) {
        // PeerJS reads its options' config for every connection it makes from now on.
        const options = registration.peer?.options;
        if (options) options.config = grant;
      }
    }
    this.#renewal = setTimeout(() => void this.#renew(room), grant ? renewIn(grant.expiresAt, Date.now()) : 60_000);
  }

  /** The other participants' streams, by peer id. */
  get remoteStreams(): ReadonlyMap<string, MediaStream> {
    return this.#remote;
  }

  /** The local stream (camera and microphone) this session sends. */
  get localStream(): MediaStream | undefined {
    return this.local;
  }

  /** The peer connections of the current calls, for connection-quality statistics. */
  get peerConnections(): RTCPeerConnection[] {
    // PeerJS sets a closed call's connection to null.
    return [...this.calls.values()].map((c) => c.peerConnection as RTCPeerConnection | null | undefined).filter((pc): pc is RTCPeerConnection => pc != null);
  }

  /** The hang-up button: the nurse ends the visit for everyone, a guest leaves it. Works from every state. */
  abstract hangUp(): Promise<void>;

  /** Who a remote peer is, for labels: 'nurse', 'patient' or 'interpreter'. */
  abstract roleOf(peerId: string): 'nurse' | GuestRole;

  /** Every local track this session was given, for the teardown check. */
  get localTracks(): readonly MediaStreamTrack[] {
    return this.local?.getTracks() ?? [];
  }

  /** Mutes or unmutes the microphone (the track keeps running, so unmuting is instant). */
  setMicrophone(on: boolean): void {
    for (const t of this.local?.getAudioTracks() ?? []) t.enabled = on;
  }

  setCamera(on: boolean): void {
    for (const t of this.local?.getVideoTracks() ?? []) t.enabled = on;
  }

  /**
   * Stops every local track, closes every connection and destroys the peers. Safe to call twice.
   * The tracks go first, and nothing a connection throws on its way out keeps the camera on.
   */
  teardown(): void {
    if (this.#tornDown) return;
    this.#tornDown = true;
    clearTimeout(this.#renewal);
    this.#recovering.clear();
    for (const track of this.localTracks) track.stop();
    quietly(() => { this.onTeardown(); });
    for (const call of this.calls.values()) quietly(() => { call.close(); });
    this.calls.clear();
    for (const registration of this.registrations) quietly(() => registration.peer?.destroy());
    for (const id of [...this.#remote.keys()]) this.#setRemote(id, undefined);
    if (!this.machine.done) this.machine.transition('ended', 'teardown');
  }

  /** What a subclass holds beyond the camera calls (a share), released at teardown. */
  protected onTeardown(): void {
    // Nothing more at this level.
  }

  /** A method, not a getter: it is asked again after every await. */
  protected isTornDown(): boolean {
    return this.#tornDown;
  }

  /** Registers a peer at the signalling server (see Registration); `onOpen` gets every opened peer. */
  protected register(make: () => Peer, onOpen: (peer: Peer) => void): Registration {
    const registration = new Registration(make, {
      policy: () => this.policy,
      stopped: () => this.#tornDown,
      changed: () => {
        this.#updateSignalling();
      },
    }, onOpen);
    this.registrations.push(registration);
    return registration;
  }

  #updateSignalling(): void {
    const all = this.registrations.map((r) => r.status);
    const status: SignallingStatus =
      all.includes('taken') ? 'taken'
      : all.includes('unreachable') ? 'unreachable'
      : all.includes('offline') ? 'offline'
      : all.length > 0 && all.every((s) => s === 'online') ? 'online'
      : 'connecting';
    if (status === this.#signalling) return;
    this.#signalling = status;
    this.emit('signalling-change');
  }

  /**
   * Places a call from `from` to `peerId` with the local stream; when it is lost, or brings no
   * media in time, this side places it again (PeerJS has no ICE restart) as the policy allows.
   * False when it could not be placed (no local stream, the peer is away from the server).
   */
  protected placeCall(from: Peer, peerId: string): boolean {
    if (!this.local || this.#tornDown || !from.open) return false;
    this.#closeCall(peerId);
    // PeerJS returns nothing (and logs) when its peer is disconnected or destroyed.
    const call = from.call(peerId, this.local) as MediaConnection | undefined;
    if (!call) return false;
    this.calls.set(peerId, call);
    const lost = (): void => void this.#restore(peerId, () => this.placeCall(from, peerId));
    this.#watch(call, lost);
    // A call that is never answered (the other page closed meanwhile) never closes either.
    setTimeout(() => {
      if (this.calls.get(peerId) === call && !this.#remote.has(peerId)) lost();
    }, CALL_ATTEMPT_MS);
    return true;
  }

  /** Answers a call with the local stream; when it is lost, this side waits for the caller to place it again. */
  protected answerCall(call: MediaConnection): void {
    if (!this.local || this.#tornDown) {
      call.close();
      return;
    }
    this.#closeCall(call.peer);
    this.calls.set(call.peer, call);
    call.answer(this.local);
    this.#watch(call, () => void this.#restore(call.peer, undefined));
  }

  /** A peer that left on purpose (hung up, refused, replaced by its reloaded page): no reconnecting. */
  protected forget(peerId: string): void {
    this.#drop(peerId);
    this.#settle();
  }

  #drop(peerId: string): void {
    this.#recovering.delete(peerId);
    this.#closeCall(peerId);
    this.#setRemote(peerId, undefined);
  }

  /** Out of the map first: the closed call's own 'close' must not count as a loss. */
  #closeCall(peerId: string): void {
    const call = this.calls.get(peerId);
    this.calls.delete(peerId);
    if (call) quietly(() => { call.close(); });
  }

  /**
   * The policy gave up on a peer's call (it is dropped already); subclasses forget it too, and
   * answer true when the visit has failed with it whoever else is left (a guest who lost the nurse).
   */
  // eslint-disable-next-line @typescript-eslint/no-unused-vars
  protected gaveUp(peerId: string): boolean {
    return false;
  }

  /** The first call of the visit is on its way. */
  protected starting(reason: string): void {
    if (this.state === 'idle' || this.state === 'waiting') this.machine.transition('connecting', reason);
  }

  #setRemote(peerId: string, stream: MediaStream | undefined): void {
    if (stream) {
      if (this.#remote.get(peerId) === stream) return;
      this.#remote.set(peerId, stream);
    } else if (!this.#remote.delete(peerId)) return;
    this.emit('streams-change');
  }

  /**
   * The state that follows from the calls: reconnecting while any is being restored; connected once
   * media flows, or when nobody is left to wait for (the others left on purpose).
   */
  #settle(): void {
    if (this.machine.done || this.state === 'idle' || this.state === 'waiting') return;
    if (this.#recovering.size > 0) this.machine.transition('reconnecting', 'connection lost');
    else if (this.#remote.size > 0) this.machine.transition('connected', 'media flowing');
    else if (this.state === 'reconnecting' && this.calls.size === 0) this.machine.transition('connected', 'nobody left to restore');
  }

  /** Watches one media connection: a stream arrives, or ICE fails and the call is lost. */
  #watch(call: MediaConnection, onLost: () => void): void {
    let grace: ReturnType<typeof setTimeout> | undefined;
    let lost = false;
    const lose = (): void => {
      if (lost || this.#tornDown || this.calls.get(call.peer) !== call) return;
      lost = true;
      clearTimeout(grace);
      onLost();
    };
    // PeerJS emits 'stream' once per track: the guard in #setRemote keeps it to one tile.
    call.on('stream', (stream) => {
      if (this.calls.get(call.peer) !== call) return;
      this.#recovering.delete(call.peer);
      this.#setRemote(call.peer, stream);
      this.#settle();
    });
    call.on('iceStateChanged', (state) => {
      if (state === 'failed' || state === 'closed') lose();
      else if (state === 'disconnected') grace = setTimeout(lose, this.iceGraceMs);
      else if (state === 'connected' || state === 'completed') clearTimeout(grace);
    });
    call.on('close', lose);
    call.on('error', lose);
  }

  /**
   * Restores a lost call through the one reconnect loop: the caller places it again (`replace`),
   * the callee waits for that. When the policy gives up, the peer is dropped; with nobody left the
   * visit has failed.
   */
  async #restore(peerId: string, replace: (() => boolean) | undefined): Promise<void> {
    if (this.#tornDown || this.machine.done || this.#recovering.has(peerId)) return;
    this.#recovering.add(peerId);
    this.#setRemote(peerId, undefined);
    this.#settle();
    const outcome = await reconnectLoop({
      policy: () => this.policy,
      stopped: () => this.#tornDown || this.machine.done || !this.#recovering.has(peerId),
      attempt: async () => {
        if (!replace) return this.#remote.has(peerId);
        return replace() && this.#streamWithin(peerId, CALL_ATTEMPT_MS);
      },
    });
    // A method, not `machine.done`: the state may have changed during the loop.
    if (outcome !== 'gave-up' || this.#finished()) return;
    this.#drop(peerId);
    if (this.gaveUp(peerId) || (this.#remote.size === 0 && this.#recovering.size === 0 && this.calls.size === 0)) {
      this.machine.transition('failed', 'gave up reconnecting');
    } else this.#settle();
  }

  #finished(): boolean {
    return this.machine.done;
  }

  #streamWithin(peerId: string, ms: number): Promise<boolean> {
    return new Promise((resolve) => {
      const done = (value: boolean): void => {
        clearTimeout(timer);
        this.removeEventListener('streams-change', check);
        resolve(value);
      };
      const check = (): void => {
        if (this.#remote.has(peerId)) done(true);
      };
      const timer = setTimeout(() => {
        done(false);
      }, ms);
      this.addEventListener('streams-change', check);
    });
  }
}
