import type Peer from 'peerjs';
import type { DataConnection, MediaConnection } from 'peerjs';
import { CodeGuard, roomPeerId, type CodeCheck } from '../core/index.js';
import { CallStateMachine, type CallState, type TransitionLog } from './call-state.js';
import { DefaultReconnectPolicy, type ReconnectPolicy } from './reconnect-policy.js';
import { createPeer, type SignallingConfig } from './signalling.js';

export type GuestRole = 'patient' | 'interpreter';

/** What travels over the data connection. Never personal data beyond what the visit needs. */
export type WireMessage =
  | { readonly t: 'knock'; readonly role: GuestRole }
  | { readonly t: 'code'; readonly code: string }
  | { readonly t: 'code-result'; readonly check: CodeCheck }
  | { readonly t: 'mesh'; readonly peers: readonly string[] }
  | { readonly t: 'end' };

const isWire = (data: unknown): data is WireMessage =>
  typeof data === 'object' && data !== null && typeof (data as { t?: unknown }).t === 'string';

/** Someone in the waiting room (nurse's view). */
export interface Guest {
  readonly peerId: string;
  readonly role: GuestRole;
  /** An interpreter has proved the SMS code; a patient's identity check comes with the identity issue. */
  readonly verified: boolean;
  readonly admitted: boolean;
}

/**
 * The link to the signalling server: needed to start and to restore calls, not to keep one going.
 * 'taken': another lobby (another tab or computer) holds this visit's room.
 */
export type SignallingStatus = 'connecting' | 'online' | 'offline' | 'taken';

export interface SessionOptions {
  readonly signalling: SignallingConfig;
  readonly policy?: ReconnectPolicy;
  readonly log?: TransitionLog;
  /** How long ICE may stay 'disconnected' before the call counts as lost. */
  readonly iceGraceMs?: number;
  /** How long to wait before asking the signalling server again (server away, room held elsewhere). */
  readonly retryMs?: number;
}

/** PeerJS errors after which asking again later may work: the server is unreachable or restarting. */
const RETRYABLE: ReadonlySet<string> = new Set(['network', 'server-error', 'socket-error', 'socket-closed']);

/** A knock that has not reached the nurse's side by then is given up and made again. */
const KNOCK_TIMEOUT_MS = 10_000;

const sleep = (ms: number): Promise<void> => new Promise((r) => setTimeout(r, ms));

/**
 * What both sides share: the state machine, remote streams by peer (one tile each, never a ghost),
 * the local stream (owned: every track is stopped at teardown) and idempotent teardown.
 */
abstract class Session extends EventTarget {
  readonly machine: CallStateMachine;
  protected readonly policy: ReconnectPolicy;
  protected readonly iceGraceMs: number;
  protected readonly peers: Peer[] = [];
  protected readonly calls = new Map<string, MediaConnection>();
  readonly #remote = new Map<string, MediaStream>();
  protected local: MediaStream | undefined;
  #tornDown = false;
  #signalling: SignallingStatus = 'connecting';
  #connectedAt: number | undefined;

  constructor(protected readonly options: SessionOptions) {
    super();
    this.machine = new CallStateMachine(options.log);
    this.policy = options.policy ?? new DefaultReconnectPolicy();
    this.iceGraceMs = options.iceGraceMs ?? 2000;
    this.machine.addEventListener('state-change', () => {
      if (this.machine.state === 'connected') this.#connectedAt ??= Date.now();
      this.dispatchEvent(new Event('state-change'));
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

  protected setSignalling(status: SignallingStatus): void {
    if (this.#signalling === status) return;
    this.#signalling = status;
    this.dispatchEvent(new Event('signalling-change'));
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

  /** Who a remote peer is, for labels: 'nurse', 'patient' or 'interpreter'. */
  abstract roleOf(peerId: string): 'nurse' | GuestRole;

  /** Every local track this session was given, for the teardown check. */
  get localTracks(): readonly MediaStreamTrack[] {
    return this.local?.getTracks() ?? [];
  }

  protected setRemote(peerId: string, stream: MediaStream | undefined): void {
    if (stream) {
      if (this.#remote.get(peerId) === stream) return;
      this.#remote.set(peerId, stream);
    } else if (!this.#remote.delete(peerId)) return;
    this.dispatchEvent(new Event('streams-change'));
  }

  /** Watches one media connection: a stream arrives, or ICE fails and the call is lost. */
  protected watch(call: MediaConnection, onLost: () => void): void {
    let grace: ReturnType<typeof setTimeout> | undefined;
    let lost = false;
    const lose = (): void => {
      if (lost || this.#tornDown || this.calls.get(call.peer) !== call) return;
      lost = true;
      clearTimeout(grace);
      onLost();
    };
    // PeerJS emits 'stream' once per track: the guard in setRemote keeps it to one tile.
    call.on('stream', (stream) => {
      this.setRemote(call.peer, stream);
      if (this.machine.state === 'connecting' || this.machine.state === 'reconnecting') this.machine.transition('connected', 'media flowing');
    });
    call.on('iceStateChanged', (state) => {
      if (state === 'failed' || state === 'closed') lose();
      else if (state === 'disconnected') grace = setTimeout(lose, this.iceGraceMs);
      else if (state === 'connected' || state === 'completed') clearTimeout(grace);
    });
    call.on('close', lose);
    call.on('error', lose);
  }

  /** Mutes or unmutes the microphone (the track keeps running, so unmuting is instant). */
  setMicrophone(on: boolean): void {
    for (const t of this.local?.getAudioTracks() ?? []) t.enabled = on;
  }

  setCamera(on: boolean): void {
    for (const t of this.local?.getVideoTracks() ?? []) t.enabled = on;
  }

  /** Stops every local track, closes every connection and destroys the peers. Safe to call twice. */
  teardown(): void {
    if (this.#tornDown) return;
    this.#tornDown = true;
    for (const call of this.calls.values()) call.close();
    this.calls.clear();
    for (const peer of this.peers) peer.destroy();
    for (const track of this.localTracks) track.stop();
    for (const id of [...this.#remote.keys()]) this.setRemote(id, undefined);
    if (!this.machine.done) this.machine.transition('ended', 'teardown');
  }

  /** A method, not a getter: it is asked again after every await. */
  protected isTornDown(): boolean {
    return this.#tornDown;
  }

  /**
   * Creates a peer (through `make`) until one is open at the signalling server. While the server
   * cannot be reached, or (for a fixed id) another holds the id, says so and asks again after
   * `retryMs`. Undefined when torn down meanwhile.
   */
  protected async openPeer(make: () => Peer, keep: (peer: Peer) => void): Promise<Peer | undefined> {
    while (!this.#tornDown) {
      const peer = make();
      keep(peer);
      const outcome = await new Promise<'open' | 'closed' | 'taken' | 'offline'>((resolve, reject) => {
        peer.once('open', () => {
          resolve('open');
        });
        peer.once('close', () => {
          resolve('closed');
        });
        peer.on('error', (error) => {
          if (peer.open) return;
          const type = (error as { type?: string }).type ?? '';
          if (type === 'unavailable-id') resolve('taken');
          else if (RETRYABLE.has(type)) resolve('offline');
          else reject(error);
        });
      });
      if (this.isTornDown() || outcome === 'closed') return undefined;
      if (outcome === 'open') {
        this.#onlineIfAllOpen();
        this.keepRegistered(peer);
        return peer;
      }
      peer.destroy();
      this.setSignalling(outcome);
      await sleep(this.options.retryMs ?? 3000);
    }
    return undefined;
  }

  #onlineIfAllOpen(): void {
    if (this.peers.every((p) => p.open)) this.setSignalling('online');
  }

  /**
   * A peer that lost the signalling server (restart, network) keeps its id and reconnects; the
   * server accepts the id again because the peer keeps its token.
   */
  protected keepRegistered(peer: Peer): void {
    const lost = (): boolean => !this.#tornDown && peer.disconnected && !peer.destroyed;
    peer.on('open', () => {
      this.#onlineIfAllOpen();
    });
    peer.on('disconnected', () => {
      if (!this.#tornDown) this.setSignalling('offline');
      void (async () => {
        for (let attempt = 1; lost(); attempt++) {
          await sleep(Math.max(this.policy.nextDelayMs({ attempt, elapsedMs: 0 }) ?? 3000, 500));
          if (lost()) peer.reconnect();
        }
      })();
    });
  }
}

export interface HostOptions extends SessionOptions {
  /** The participant's token from the booking: the room id is derived from it. */
  readonly participantToken: string;
  readonly interpreter?: { readonly token: string; readonly code: string };
  /**
   * The secret the signalling server ties the room ids to. Kept by the page across a reload, it lets
   * the reloaded lobby take its rooms back at once instead of being refused until the server times
   * the old connection out.
   */
  readonly peerToken?: string;
}

/**
 * The nurse's side: registers the room ids, keeps the waiting room (knocks), admits everyone with
 * the local stream ("Starta besök"), places the calls, and places them again when one is lost.
 */
export class HostSession extends Session {
  readonly #guests = new Map<string, Guest & { conn: DataConnection; guard?: CodeGuard }>();
  readonly #hostOptions: HostOptions;

  constructor(options: HostOptions) {
    super(options);
    this.#hostOptions = options;
  }

  roleOf(peerId: string): GuestRole {
    return this.#guests.get(peerId)?.role ?? 'patient';
  }

  get guests(): readonly Guest[] {
    return [...this.#guests.values()].map(({ peerId, role, verified, admitted }) => ({ peerId, role, verified, admitted }));
  }

  /** Registers the patient's (and interpreter's) room id at the signalling server. */
  async open(): Promise<void> {
    const rooms: [string, GuestRole][] = [[await roomPeerId(this.#hostOptions.participantToken), 'patient']];
    if (this.#hostOptions.interpreter) rooms.push([await roomPeerId(this.#hostOptions.interpreter.token), 'interpreter']);
    await Promise.all(rooms.map(([id, role], index) => this.#register(id, role, index)));
    if (this.isTornDown()) return;
    this.machine.transition('waiting', 'rooms open');
  }

  /** Registers one room id; while another lobby holds it, says so and asks again. */
  async #register(id: string, role: GuestRole, index: number): Promise<void> {
    const peer = await this.openPeer(() => createPeer(this.options.signalling, id, this.#hostOptions.peerToken), (p) => {
      this.peers[index] = p;
    });
    peer?.on('connection', (conn) => {
      this.#onKnock(conn, role);
    });
  }

  #onKnock(conn: DataConnection, room: GuestRole): void {
    conn.on('data', (data) => {
      if (!isWire(data)) return;
      if (data.t === 'knock') {
        const existing = this.#guests.get(conn.peer);
        this.#guests.set(conn.peer, {
          peerId: conn.peer,
          role: room,
          verified: existing?.verified ?? room === 'patient',
          admitted: existing?.admitted ?? false,
          conn,
          ...(room === 'interpreter' && this.#hostOptions.interpreter ? { guard: existing?.guard ?? new CodeGuard(this.#hostOptions.interpreter.code) } : {}),
        });
        this.dispatchEvent(new Event('guests-change'));
        // Someone who knocks again after a drop, in a visit already running, is let straight back in.
        const guest = this.#guests.get(conn.peer);
        // (Only without a live call: calling again would drop the one that works.)
        if (guest?.admitted && guest.verified && this.local && !this.remoteStreams.has(conn.peer)) this.#call(conn.peer);
      } else if (data.t === 'code') {
        const guest = this.#guests.get(conn.peer);
        if (!guest?.guard) return;
        const check = guest.guard.check(data.code);
        if (check.result === 'ok') this.#guests.set(conn.peer, { ...guest, verified: true });
        void conn.send({ t: 'code-result', check } satisfies WireMessage);
        this.dispatchEvent(new Event('guests-change'));
      }
    });
    conn.on('close', () => {
      const guest = this.#guests.get(conn.peer);
      if (guest?.conn === conn && !guest.admitted) {
        this.#guests.delete(conn.peer);
        this.dispatchEvent(new Event('guests-change'));
      }
    });
  }

  /** "Starta besök": calls every verified guest with the nurse's stream and links the guests to each other. */
  admit(local: MediaStream): void {
    this.local = local;
    const ready = [...this.#guests.values()].filter((g) => g.verified);
    if (ready.length === 0) return;
    this.machine.transition('connecting', 'visit started');
    for (const guest of ready) {
      this.#guests.set(guest.peerId, { ...guest, admitted: true });
      this.#call(guest.peerId);
    }
    // Full mesh: the patient calls the interpreter (one side only, so there is one call per pair).
    const patients = ready.filter((g) => g.role === 'patient');
    const interpreters = ready.filter((g) => g.role === 'interpreter').map((g) => g.peerId);
    for (const p of patients) void p.conn.send({ t: 'mesh', peers: interpreters } satisfies WireMessage);
    this.dispatchEvent(new Event('guests-change'));
  }

  #call(peerId: string): void {
    // From the room the guest knocked on: the guest then knows the caller for the nurse.
    const peer = this.peers[this.#guests.get(peerId)?.role === 'interpreter' ? 1 : 0];
    if (!peer || !this.local) return;
    this.calls.get(peerId)?.close();
    const call = peer.call(peerId, this.local);
    this.calls.set(peerId, call);
    this.watch(call, () => void this.#recover(peerId));
  }

  /** A lost call is placed again (PeerJS has no ICE restart), as the injected policy allows. */
  async #recover(peerId: string): Promise<void> {
    if (this.isTornDown() || this.machine.done) return;
    this.machine.transition('reconnecting', 'connection lost');
    this.setRemote(peerId, undefined);
    const since = Date.now();
    for (let attempt = 1; ; attempt++) {
      const delay = this.policy.nextDelayMs({ attempt, elapsedMs: Date.now() - since });
      if (delay === null) {
        this.machine.transition('failed', 'gave up reconnecting');
        return;
      }
      await sleep(delay);
      if (this.isTornDown()) return;
      this.#call(peerId);
      const ok = await this.#connectedWithin(peerId, 8000);
      if (ok || this.isTornDown()) return;
    }
  }

  #connectedWithin(peerId: string, ms: number): Promise<boolean> {
    return new Promise((resolve) => {
      const done = (value: boolean): void => {
        clearTimeout(timer);
        this.removeEventListener('streams-change', check);
        resolve(value);
      };
      const check = (): void => {
        if (this.remoteStreams.has(peerId)) done(true);
      };
      const timer = setTimeout(() => {
        done(false);
      }, ms);
      this.addEventListener('streams-change', check);
    });
  }

  /** Hang up for everyone. */
  end(): void {
    for (const guest of this.#guests.values()) {
      if (guest.conn.open) void guest.conn.send({ t: 'end' } satisfies WireMessage);
    }
    this.machine.transition('ended', 'nurse ended the visit');
  }
}

export interface GuestOptions extends SessionOptions {
  /** The opaque token from the SMS link. */
  readonly token: string;
  readonly role: GuestRole;
  /** Seconds between knocks while the nurse is not there yet. */
  readonly knockEveryMs?: number;
}

/**
 * The patient's or interpreter's side: knocks on the room by itself, again and again until the
 * nurse is there; answers the nurse's call; calls the other guests it is told about.
 */
export class GuestSession extends Session {
  readonly #guestOptions: GuestOptions;
  #peer: Peer | undefined;
  #conn: DataConnection | undefined;
  #room = '';
  #lastCheck: CodeCheck | undefined;
  #lostSince: number | undefined;
  #knockedAt = 0;

  constructor(options: GuestOptions) {
    super(options);
    this.#guestOptions = options;
  }

  roleOf(peerId: string): 'nurse' | GuestRole {
    if (peerId === this.#room) return 'nurse';
    return this.#guestOptions.role === 'patient' ? 'interpreter' : 'patient';
  }

  get codeCheck(): CodeCheck | undefined {
    return this.#lastCheck;
  }

  /** Starts knocking; `local` is answered with when the nurse calls. */
  async start(local: MediaStream): Promise<void> {
    this.local = local;
    this.#room = await roomPeerId(this.#guestOptions.token);
    const peer = await this.openPeer(() => createPeer(this.options.signalling), (p) => {
      this.#peer = p;
      this.peers[0] = p;
    });
    if (!peer) return;
    peer.on('error', (error) => {
      // The nurse's room is not registered yet: just keep knocking.
      if ((error as { type?: string }).type === 'peer-unavailable') this.#conn = undefined;
    });
    peer.on('call', (call) => {
      this.#answer(call);
    });
    this.machine.transition('waiting', 'knocking');
    void this.#knockLoop();
  }

  async #knockLoop(): Promise<void> {
    const every = this.#guestOptions.knockEveryMs ?? 3000;
    while (!this.isTornDown() && !this.machine.done) {
      // One knock at a time: a second one still on its way after "Starta besök" would make the
      // nurse's side call again and drop the call it just placed.
      const pending = this.#conn && !this.#conn.open;
      if (pending && Date.now() - this.#knockedAt > KNOCK_TIMEOUT_MS) {
        this.#conn?.close();
        this.#conn = undefined;
      }
      if (!this.#conn && this.#peer?.open) this.#knock();
      await sleep(every);
    }
  }

  #knock(): void {
    const peer = this.#peer;
    if (!peer) return;
    const conn = peer.connect(this.#room, { reliable: true });
    this.#conn = conn;
    this.#knockedAt = Date.now();
    conn.on('open', () => {
      void conn.send({ t: 'knock', role: this.#guestOptions.role } satisfies WireMessage);
      this.dispatchEvent(new Event('knocked'));
    });
    conn.on('data', (data) => {
      if (!isWire(data)) return;
      if (data.t === 'code-result') {
        this.#lastCheck = data.check;
        this.dispatchEvent(new Event('code-result'));
      } else if (data.t === 'mesh') {
        for (const id of data.peers) this.#callGuest(id);
      } else if (data.t === 'end') {
        this.machine.transition('ended', 'the nurse ended the visit');
      }
    });
    conn.on('close', () => {
      if (this.#conn === conn) this.#conn = undefined;
    });
  }

  /** The interpreter's SMS code, checked by the nurse's side. */
  sendCode(code: string): void {
    if (this.#conn?.open) void this.#conn.send({ t: 'code', code } satisfies WireMessage);
  }

  get knocking(): boolean {
    return Boolean(this.#conn?.open);
  }

  #answer(call: MediaConnection): void {
    if (!this.local) return;
    this.calls.get(call.peer)?.close();
    this.calls.set(call.peer, call);
    call.answer(this.local);
    if (this.machine.state === 'waiting') this.machine.transition('connecting', 'called');
    this.#lostSince = undefined;
    this.watch(call, () => {
      this.#lost(call.peer);
    });
  }

  #callGuest(peerId: string): void {
    const peer = this.#peer;
    if (!peer || !this.local) return;
    this.calls.get(peerId)?.close();
    const call = peer.call(peerId, this.local);
    this.calls.set(peerId, call);
    this.watch(call, () => {
      this.#lost(peerId);
    });
  }

  /** The nurse places the call again; the guest waits, as long as the policy allows. */
  #lost(peerId: string): void {
    if (this.isTornDown() || this.machine.done) return;
    this.setRemote(peerId, undefined);
    if (this.machine.state !== 'reconnecting') this.machine.transition('reconnecting', 'connection lost');
    this.#lostSince ??= Date.now();
    const since = this.#lostSince;
    void (async () => {
      for (let attempt = 1; ; attempt++) {
        const delay = this.policy.nextDelayMs({ attempt, elapsedMs: Date.now() - since });
        if (delay === null) {
          if (this.machine.state === 'reconnecting') this.machine.transition('failed', 'gave up reconnecting');
          return;
        }
        await sleep(Math.max(delay, 250));
        if (this.isTornDown() || this.machine.state !== 'reconnecting' || this.#lostSince !== since) return;
      }
    })();
  }

  /** Leave the visit (a guest's hang-up ends it only for the guest). */
  leave(): void {
    this.machine.transition('ended', 'left');
  }
}
