import type Peer from 'peerjs';
import type { DataConnection, MediaConnection } from 'peerjs';
import { CodeGuard, knockProof, newNonce, proofKey, roomPeerId, verifyKnockProof, type CodeCheck } from '../core/index.js';
import { drain, send } from './data.js';
import type { HostEventMap } from './session-events.js';
import { Session, quietly, type SessionOptions } from './session.js';
import { createPeer } from './signalling.js';
import { parseGuestMessage, type GuestRole, type HostMessage, type ShareKind } from './wire.js';

/**
 * The patient's sign-in (BankID/Freja), as the nurse's side checked it: none sent, being checked,
 * verified (with the name the broker gave), or failed for a reason the lobby names.
 */
export type IdentityCheck =
  | { readonly state: 'none' }
  | { readonly state: 'checking' }
  | { readonly state: 'verified'; readonly name: string; readonly method?: 'bankid' | 'freja' }
  | { readonly state: 'failed'; readonly code: string };

/** Checks a patient's ID token for this booking (the lobby's uses the booking's issuer, nonce and personnummer). */
export type IdentityVerifier = (idToken: string) => Promise<IdentityCheck>;

/** Someone proven to hold a link, as the nurse's lobby lists them. */
export interface Guest {
  readonly peerId: string;
  readonly role: GuestRole;
  /** When the guest's proof held (ms since the epoch). */
  readonly arrivedAt: number;
  /** Ready to be let in: the link proven and, for an interpreter, the SMS code too. */
  readonly verified: boolean;
  /** An interpreter who typed a wrong code too many times. */
  readonly locked: boolean;
  readonly admitted: boolean;
  /** A patient's sign-in, as checked. */
  readonly identity: IdentityCheck;
}

/** Checks an interpreter's code; the lobby's keeps the count of wrong tries in the nurse's store. */
export type CodeChecker = (typed: string) => Promise<CodeCheck>;

export interface HostOptions extends SessionOptions {
  /** The participant's token from the booking: the room id and the proof key come from it. */
  readonly participantToken: string;
  /** The interpreter's token and code (the code only when no `codeCheck` is given). */
  readonly interpreter?: { readonly token: string; readonly code?: string };
  /** How the interpreter's code is checked; by default against `interpreter.code`, in memory. */
  readonly codeCheck?: CodeChecker;
  /** How a patient's ID token is checked; without one, a token sent is left unchecked ('none'). */
  readonly verifyIdentity?: IdentityVerifier;
  /**
   * The secret the signalling server ties the room ids to. Kept by the page across a reload, it lets
   * the reloaded lobby take its rooms back at once instead of being refused until the server times
   * the old connection out.
   */
  readonly peerToken?: string;
}

interface Room {
  readonly role: GuestRole;
  readonly id: string;
  readonly key: CryptoKey;
  peer?: Peer;
}

interface Entry {
  readonly peerId: string;
  readonly room: Room;
  conn: DataConnection;
  instance: string;
  /** The challenge sent and not yet answered; used once. */
  nonce?: string;
  proven: boolean;
  arrivedAt: number;
  verified: boolean;
  locked: boolean;
  admitted: boolean;
  checking: boolean;
  identity: IdentityCheck;
}

/** A knock must be proven by then, or the connection is closed. */
const PROOF_TIMEOUT_MS = 10_000;
/** Connections not yet proven, per room: a page that floods a room id gets no further. */
const MAX_UNPROVEN_PER_ROOM = 4;
/** Everyone the lobby keeps at once, proven or not. */
const MAX_GUESTS = 12;

/**
 * The nurse's side: registers the visit's room ids, challenges every knock and lists only guests who
 * prove they hold the link, lets them in one by one or all at once ("Starta besök"), links the
 * guests to each other, and lets back in a patient whose page reloaded.
 */
export class HostSession extends Session<HostEventMap> {
  readonly #options: HostOptions;
  readonly #guests = new Map<string, Entry>();
  /** Connections that have not proven themselves yet. */
  readonly #unproven = new Map<DataConnection, Room>();
  /** Connections that have knocked: once each. */
  readonly #knocked = new WeakSet<DataConnection>();
  /** Peers the nurse refused: their knocks are not answered again. */
  readonly #denied = new Set<string>();
  /** Page instances let in, per room: the same page (reloaded) comes back without a click. */
  readonly #admittedInstances = new Set<string>();
  readonly #checkCode: CodeChecker;
  #rooms: Room[] = [];
  /** What the nurse shares now, owned by this session (stopped when the share stops). */
  #share: { readonly stream: MediaStream; readonly kind: ShareKind } | undefined;
  /** The patient's own star-profile answers, as last sent. */
  #starProfile: Readonly<Record<string, string | number>> | undefined;
  /** The share's own call to each guest let in. */
  readonly #shareCalls = new Map<string, MediaConnection>();

  constructor(options: HostOptions) {
    super(options);
    this.#options = options;
    const code = options.interpreter?.code;
    const guard = code === undefined ? undefined : new CodeGuard(code);
    this.#checkCode = options.codeCheck ?? ((typed) => Promise.resolve(guard?.check(typed) ?? { result: 'locked' }));
    this.addEventListener('streams-change', () => {
      this.#resumeShares();
    });
  }

  roleOf(peerId: string): GuestRole {
    return this.#guests.get(peerId)?.room.role ?? 'patient';
  }

  /** Everyone who proved they hold a link, in order of arrival. */
  get guests(): readonly Guest[] {
    return [...this.#guests.values()]
      .filter((e) => e.proven)
      .sort((a, b) => a.arrivedAt - b.arrivedAt)
      .map(({ peerId, room, arrivedAt, verified, locked, admitted, identity }) => ({ peerId, role: room.role, arrivedAt, verified, locked, admitted, identity }));
  }

  /** Registers the patient's (and interpreter's) room id at the signalling server. */
  async open(): Promise<void> {
    const o = this.#options;
    const tokens: [string, GuestRole][] = [[o.participantToken, 'patient']];
    if (o.interpreter) tokens.push([o.interpreter.token, 'interpreter']);
    this.#rooms = await Promise.all(tokens.map(async ([token, role]) => ({ role, id: await roomPeerId(token), key: await proofKey(token) })));
    // The nurse's side holds the patient's link too: its room id proves the listing.
    if (!(await this.prepareIce(this.#rooms[0]?.id ?? ''))) return;
    await Promise.all(this.#rooms.map((room) => this.register(() => createPeer(o.signalling, room.id, o.peerToken, this.rtc), (peer) => {
      room.peer = peer;
      peer.on('connection', (conn) => {
        this.#onConnection(conn, room);
      });
      // The nurse's side places every call itself; a call to a room is nobody's it should answer.
      peer.on('call', (call) => {
        call.close();
      });
      if (this.state === 'idle' && this.#rooms.every((r) => r.peer?.open)) this.machine.transition('waiting', 'rooms open');
    }).open()));
  }

  /** "Starta besök": lets in every guest who is ready, with the nurse's camera and microphone. */
  admit(local: MediaStream): void {
    this.local ??= local;
    for (const entry of [...this.#guests.values()].filter((e) => e.proven && e.verified && !e.admitted).sort((a, b) => a.arrivedAt - b.arrivedAt)) {
      this.#admit(entry);
    }
  }

  /** "Släpp in" for one guest; `local` is needed for the first one. */
  admitGuest(peerId: string, local?: MediaStream): void {
    if (local) this.local ??= local;
    const entry = this.#guests.get(peerId);
    if (entry?.proven && entry.verified && !entry.admitted) this.#admit(entry);
  }

  /** "Neka": the guest is told, disconnected, and not answered again from that page. */
  deny(peerId: string): void {
    const entry = this.#guests.get(peerId);
    if (!entry) return;
    this.#denied.add(peerId);
    void this.#sayLast(entry.conn, { t: 'denied' });
    this.#remove(entry);
  }

  /**
   * The star-profile answers the patient filled in before the visit, sent once let in. Checked for
   * shape only: the star-profile element keeps what its configuration knows.
   */
  get starProfile(): Readonly<Record<string, string | number>> | undefined {
    return this.#starProfile;
  }

  /** What the nurse is sharing, if anything. */
  get sharing(): ShareKind | undefined {
    return this.#share?.kind;
  }

  /**
   * Shares `track` (a rendered, reviewed document, or a window) with everyone let in, and with
   * whoever is let in later. The share travels in a call of its own beside each camera call:
   * PeerJS 1.5 cannot renegotiate a running call, and a call of its own starts and stops without
   * touching the camera call, survives that call being placed again, and costs nothing while
   * nothing is shared (a slot reserved at call start would carry an empty video all visit long).
   * The session owns the track from now on and stops it when the share stops.
   */
  startShare(track: MediaStreamTrack, kind: ShareKind): void {
    if (this.isTornDown() || this.machine.done) {
      track.stop();
      return;
    }
    this.#endShare(false);
    this.#share = { stream: new MediaStream([track]), kind };
    for (const entry of this.#guests.values()) if (entry.admitted) this.#placeShare(entry);
    this.emit('share-change');
  }

  /** "Sluta dela": the shared picture goes away everywhere at once. */
  stopShare(): void {
    this.#endShare(true);
  }

  #endShare(tell: boolean): void {
    const share = this.#share;
    if (!share) return;
    this.#share = undefined;
    for (const entry of this.#guests.values()) if (entry.admitted) void send(entry.conn, { t: 'share-stop' });
    for (const call of this.#shareCalls.values()) quietly(() => { call.close(); });
    this.#shareCalls.clear();
    for (const track of share.stream.getTracks()) track.stop();
    if (tell) this.emit('share-change');
  }

  protected override onTeardown(): void {
    this.#endShare(false);
  }

  /** The share's call to one guest, from the room the guest knocked on (the guest knows it as the nurse's). */
  #placeShare(entry: Entry): void {
    const from = entry.room.peer;
    const share = this.#share;
    if (!share || !from?.open) return;
    const old = this.#shareCalls.get(entry.peerId);
    this.#shareCalls.delete(entry.peerId);
    if (old) quietly(() => { old.close(); });
    const call = from.call(entry.peerId, share.stream, { metadata: { share: share.kind } }) as MediaConnection | undefined;
    if (!call) return;
    this.#shareCalls.set(entry.peerId, call);
    call.on('iceStateChanged', (state) => {
      if ((state !== 'failed' && state !== 'closed') || this.#shareCalls.get(entry.peerId) !== call) return;
      // Usually lost with the camera call (the same network): placed again once that is back
      // (#resumeShares). If the camera call never dropped, place it again shortly.
      this.#shareCalls.delete(entry.peerId);
      setTimeout(() => {
        this.#resumeShares();
      }, 1000);
    });
  }

  /** After a camera call came (back): a guest who is let in but has no share call gets one. */
  #resumeShares(): void {
    if (!this.#share) return;
    for (const entry of this.#guests.values()) {
      if (entry.admitted && this.remoteStreams.has(entry.peerId) && !this.#shareCalls.has(entry.peerId)) this.#placeShare(entry);
    }
  }

  /** Hangs up for everyone. Works from every state; the guests hear it before the connections close. */
  async end(): Promise<void> {
    const open = [...this.#guests.values()].map((e) => e.conn).filter((c) => c.open);
    await Promise.all(open.map((c) => this.#sayLast(c, { t: 'end' })));
    if (!this.machine.done) this.machine.transition('ended', 'nurse ended the visit');
    this.teardown();
  }

  hangUp(): Promise<void> {
    return this.end();
  }

  protected override gaveUp(peerId: string): boolean {
    const entry = this.#guests.get(peerId);
    if (entry) this.#remove(entry);
    return false;
  }

  #onConnection(conn: DataConnection, room: Room): void {
    // PeerJS builds the connection from what the offer names; make sure it built one.
    if (!isDataConnection(conn)) return;
    const proven = [...this.#guests.values()].filter((e) => e.proven).length;
    if (this.#denied.has(conn.peer) || proven >= MAX_GUESTS) {
      conn.close();
      return;
    }
    // A page that floods a room id pushes out only its own earlier connections: a real guest
    // proves itself within a moment and leaves this list.
    const waiting = [...this.#unproven].filter(([, r]) => r === room).map(([c]) => c);
    if (waiting.length >= MAX_UNPROVEN_PER_ROOM && waiting[0]) this.#dropUnproven(waiting[0]);
    this.#unproven.set(conn, room);
    setTimeout(() => {
      if (this.#unproven.has(conn)) this.#dropUnproven(conn);
    }, PROOF_TIMEOUT_MS);
    conn.on('data', (data) => {
      void this.#onMessage(conn, room, data);
    });
    conn.on('close', () => {
      this.#unproven.delete(conn);
      const entry = this.#guests.get(conn.peer);
      if (entry?.conn === conn && !entry.admitted) this.#remove(entry);
    });
  }

  /** Closes a connection that did not prove itself (PeerJS reports no 'close' for one never opened). */
  #dropUnproven(conn: DataConnection): void {
    this.#unproven.delete(conn);
    const entry = this.#guests.get(conn.peer);
    if (entry?.conn === conn && !entry.proven) this.#guests.delete(conn.peer);
    conn.close();
  }

  /** The entry still belongs to this open connection after an await. */
  #current(entry: Entry, conn: DataConnection): boolean {
    return !this.isTornDown() && this.#guests.get(entry.peerId) === entry && entry.conn === conn && conn.open;
  }

  async #onMessage(conn: DataConnection, room: Room, data: unknown): Promise<void> {
    const message = parseGuestMessage(data);
    // Anything else is not one of our pages: fail closed.
    if (!message) {
      conn.close();
      return;
    }
    const entry = this.#guests.get(conn.peer);
    switch (message.t) {
      case 'knock': {
        // One page knocks on one room, as the role of that room, once per connection.
        if ((entry && entry.room !== room) || message.role !== room.role || this.#knocked.has(conn)) {
          conn.close();
          return;
        }
        this.#knocked.add(conn);
        const nonce = newNonce();
        const challenge = { room: room.id, guest: conn.peer, instance: message.instance };
        // The guest's own challenge, answered: this side holds the token too, so it is the nurse's.
        const proof = await knockProof(room.key, { ...challenge, nonce: message.nonce }, 'nurse');
        if (this.isTornDown() || !conn.open) return;
        const now = this.#guests.get(conn.peer);
        if (now) {
          // The same page knocks again on a new connection (its data link dropped): the old one goes.
          const old = now.conn;
          Object.assign(now, { conn, nonce, instance: message.instance });
          if (old !== conn) old.close();
        } else {
          this.#guests.set(conn.peer, { peerId: conn.peer, room, conn, instance: message.instance, nonce, proven: false, arrivedAt: 0, verified: false, locked: false, admitted: false, checking: false, identity: { state: 'none' } });
        }
        void send(conn, { t: 'challenge', nonce, proof });
        return;
      }
      case 'proof': {
        const nonce = entry?.conn === conn ? entry.nonce : undefined;
        if (!entry || !nonce) {
          conn.close();
          return;
        }
        entry.nonce = undefined;
        const ok = await verifyKnockProof(room.key, { room: room.id, guest: conn.peer, instance: entry.instance, nonce }, message.proof);
        if (!this.#current(entry, conn)) return;
        if (!ok) {
          if (!entry.proven) this.#guests.delete(conn.peer);
          conn.close();
          return;
        }
        this.#unproven.delete(conn);
        if (!entry.proven) {
          entry.proven = true;
          entry.arrivedAt = Date.now();
          entry.verified = room.role === 'patient';
        }
        void send(conn, { t: 'listed' });
        this.emit('guests-change');
        this.#letBackIn(entry);
        return;
      }
      case 'code': {
        if (entry?.conn !== conn || !entry.proven || room.role !== 'interpreter' || entry.checking) return;
        entry.checking = true;
        const check = await this.#checkCode(message.code).catch((): CodeCheck => ({ result: 'locked' }));
        entry.checking = false;
        if (!this.#current(entry, conn)) return;
        if (check.result === 'ok') entry.verified = true;
        entry.locked = check.result === 'locked';
        void send(conn, { t: 'code-result', check });
        this.emit('guests-change');
        this.#letBackIn(entry);
        return;
      }
      case 'leave': {
        if (entry?.conn === conn) this.#remove(entry);
        conn.close();
        return;
      }
      case 'identity': {
        // Only a listed patient signs in; the check is the nurse's, against her booking.
        const verify = this.#options.verifyIdentity;
        if (entry?.conn !== conn || !entry.proven || room.role !== 'patient' || !verify || entry.identity.state === 'checking') return;
        entry.identity = { state: 'checking' };
        this.emit('guests-change');
        const checked = await verify(message.idToken).catch((): IdentityCheck => ({ state: 'failed', code: 'unreachable' }));
        if (this.#guests.get(entry.peerId) !== entry) return;
        entry.identity = checked;
        this.emit('guests-change');
        return;
      }
      case 'star-profile': {
        // Only from a patient the nurse let in: nobody else's answers belong in the visit.
        if (entry?.conn !== conn || !entry.admitted || room.role !== 'patient') return;
        this.#starProfile = message.values;
        this.emit('star-profile-change');
        return;
      }
    }
  }

  /**
   * After a proof (or the interpreter's code): a guest already let in whose call dropped is called
   * again at once, and a page let in before that has reloaded (same instance, same room) comes back
   * without the nurse's click.
   */
  #letBackIn(entry: Entry): void {
    if (!this.local || !entry.verified) return;
    if (entry.admitted) {
      // Only without a live call: calling again would drop the one that works.
      if (!this.remoteStreams.has(entry.peerId) && !this.calls.has(entry.peerId) && entry.room.peer) this.placeCall(entry.room.peer, entry.peerId);
      return;
    }
    if (this.#admittedInstances.has(`${entry.room.id}/${entry.instance}`)) this.#admit(entry);
  }

  #admit(entry: Entry): void {
    const from = entry.room.peer;
    if (!this.local || !from) return;
    // The same page (reloaded) replaces its earlier self: no ghost tile, no second call.
    for (const old of [...this.#guests.values()]) {
      if (old !== entry && old.admitted && old.room === entry.room && old.instance === entry.instance) this.#remove(old);
    }
    entry.admitted = true;
    this.#admittedInstances.add(`${entry.room.id}/${entry.instance}`);
    this.starting('visit started');
    this.placeCall(from, entry.peerId);
    // Full mesh: the newcomer calls the guests already in; they are told to expect the call first.
    // Nothing is sent when nobody else is in: data-channel traffic slows the call's own set-up.
    const others = [...this.#guests.values()].filter((e) => e !== entry && e.admitted);
    for (const other of others) void send(other.conn, { t: 'mesh', call: [], expect: [entry.peerId], gone: [] });
    if (others.length > 0) void send(entry.conn, { t: 'mesh', call: others.map((e) => e.peerId), expect: [], gone: [] });
    this.emit('guests-change');
  }

  /** Drops a guest who left, was refused or was replaced; the others are told, so no call waits for it. */
  #remove(entry: Entry): void {
    if (this.#guests.get(entry.peerId) !== entry) return;
    this.#guests.delete(entry.peerId);
    this.#unproven.delete(entry.conn);
    const shareCall = this.#shareCalls.get(entry.peerId);
    this.#shareCalls.delete(entry.peerId);
    if (shareCall) quietly(() => { shareCall.close(); });
    if (entry.admitted) {
      this.forget(entry.peerId);
      for (const other of this.#guests.values()) {
        if (other.admitted) void send(other.conn, { t: 'mesh', call: [], expect: [], gone: [entry.peerId] });
      }
    }
    // Someone never listed leaves no trace in the lobby either.
    if (entry.proven) this.emit('guests-change');
  }

  /** A last word before the connection closes: sent, given time to leave the buffer, then closed. */
  async #sayLast(conn: DataConnection, message: HostMessage): Promise<void> {
    await send(conn, message);
    await drain(conn);
    conn.close();
  }
}

/** A PeerJS data connection as it should be (not a broken object an odd offer made it build). */
function isDataConnection(conn: unknown): conn is DataConnection {
  const c = conn as Partial<DataConnection> | null;
  return typeof c === 'object' && c !== null && typeof c.on === 'function' && typeof c.send === 'function'
    && typeof c.close === 'function' && typeof c.peer === 'string';
}
