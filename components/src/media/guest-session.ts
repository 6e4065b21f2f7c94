import type Peer from 'peerjs';
import type { DataConnection, MediaConnection } from 'peerjs';
import { guestPeerId, knockProof, newNonce, newToken, proofKey, roomPeerId, verifyKnockProof, type CodeCheck } from '../core/index.js';
import { drain, send } from './data.js';
import type { GuestEventMap } from './session-events.js';
import { Session, quietly, type SessionOptions } from './session.js';
import { createPeer } from './signalling.js';
import { parseHostMessage, shareKindOf, type GuestMessage, type GuestRole, type ShareKind } from './wire.js';

export interface GuestOptions extends SessionOptions {
  /** The opaque token from the SMS link. */
  readonly token: string;
  readonly role: GuestRole;
  /** Milliseconds between knocks while the nurse is not there yet. */
  readonly knockEveryMs?: number;
  /**
   * This page's own random id, kept by the page across a reload of the tab: the nurse's side lets
   * the same page back in without a click. A fresh one when not given.
   */
  readonly instance?: string;
}

/** How a guest's visit ended: the nurse ended it, the guest left, or the nurse said no. */
export type GuestEnd = 'ended' | 'left' | 'denied';

/** A knock that has not reached the nurse's side by then is given up and made again. */
const KNOCK_TIMEOUT_MS = 10_000;
/** A call from a peer the nurse has not named yet waits this long for the nurse's word. */
const UNNAMED_CALL_MS = 5000;

const sleep = (ms: number): Promise<void> => new Promise((r) => setTimeout(r, ms));

/**
 * The patient's or interpreter's side: knocks on the room by itself, again and again until the
 * nurse is there; proves it holds the link; answers calls only from the nurse's room and from the
 * guests the nurse named; calls the guests it is told to call.
 */
export class GuestSession extends Session<GuestEventMap> {
  readonly #options: GuestOptions;
  readonly #instance: string;
  #conn: DataConnection | undefined;
  /** The current connection to the room has proved it is the nurse's (it answered our challenge). */
  #nurseProven = false;
  #key: CryptoKey | undefined;
  #room = '';
  #listed = false;
  #lastCheck: CodeCheck | undefined;
  #knockedAt = 0;
  #knocks = 0;
  #knocking = false;
  #ending: GuestEnd | undefined;
  /** Guests the nurse named: their calls are answered. */
  readonly #expected = new Set<string>();
  /** Calls from peers not (yet) named or proven, held for a moment, by connection id. */
  readonly #held = new Map<string, MediaConnection>();
  /** What the nurse shares with this guest: its own call, and the picture it brings. */
  #share: { readonly call: MediaConnection; readonly kind: ShareKind; stream?: MediaStream } | undefined;
  /** The ID token from the patient's sign-in, sent to the nurse's side once listed. */
  #idToken: string | undefined;
  /** The patient's own star-profile answers, sent to the nurse once let in. */
  #profile: Readonly<Record<string, string | number>> | undefined;
  /** The challenge each knock carried for the nurse's side. */
  readonly #nonces = new WeakMap<DataConnection, string>();

  constructor(options: GuestOptions) {
    super(options);
    this.#options = options;
    this.#instance = options.instance ?? newToken();
  }

  roleOf(peerId: string): 'nurse' | GuestRole {
    if (peerId === this.#room) return 'nurse';
    return this.#options.role === 'patient' ? 'interpreter' : 'patient';
  }

  get codeCheck(): CodeCheck | undefined {
    return this.#lastCheck;
  }

  /** The nurse's side has checked this guest's proof and lists it as waiting. */
  get listed(): boolean {
    return this.#listed && Boolean(this.#conn?.open);
  }

  /** The nurse's shared document (or window), while it is shared. */
  get shareStream(): MediaStream | undefined {
    return this.#share?.stream;
  }

  /** What the nurse shares, while a picture of it has arrived. */
  get shareKind(): ShareKind | undefined {
    return this.#share?.stream ? this.#share.kind : undefined;
  }

  /** How the visit ended for this guest, once it has. */
  get ending(): GuestEnd | undefined {
    return this.#ending;
  }

  /** How many knocks this guest has made: the proof that it kept knocking on an empty room. */
  get knocks(): number {
    return this.#knocks;
  }

  /** Starts knocking; `local` is answered with when the nurse calls. */
  async start(local: MediaStream): Promise<void> {
    this.local = local;
    this.#room = await roomPeerId(this.#options.token);
    this.#key = await proofKey(this.#options.token);
    if (this.isTornDown() || !(await this.prepareIce(this.#room))) return;
    // An id of its own under the room's, chosen here: the same server as the room, and no round trip
    // to ask the server for one.
    const id = guestPeerId(this.#room);
    await this.register(() => createPeer(this.options.signalling, id, undefined, this.rtc), (peer) => {
      this.#onPeer(peer);
    }).open();
  }

  /** The interpreter's SMS code, checked by the nurse's side. */
  sendCode(code: string): void {
    if (this.#conn && this.#listed && this.#nurseProven) void send(this.#conn, { t: 'code', code } satisfies GuestMessage);
  }

  /**
   * The ID token from the patient's sign-in. It goes to the nurse's side once the room has proved
   * to be hers and listed this guest (and again after a reconnect), for her to verify.
   */
  setIdentity(idToken: string): void {
    this.#idToken = idToken;
    this.#sendIdentity();
  }

  #sendIdentity(): void {
    const conn = this.#conn;
    if (!this.#idToken || !conn || !this.#nurseProven || !this.#listed) return;
    void send(conn, { t: 'identity', idToken: this.#idToken });
  }

  /**
   * The star-profile answers filled in on this device. They go to the nurse once she has let this
   * guest in (and again if they change during the visit), never before.
   */
  setStarProfile(values: Readonly<Record<string, string | number>>): void {
    this.#profile = values;
    this.#sendProfile();
  }

  #sendProfile(): void {
    const conn = this.#conn;
    if (!this.#profile || !conn || !this.#nurseProven || !this.calls.has(this.#room)) return;
    void send(conn, { t: 'star-profile', values: this.#profile });
  }

  /** Leaves the visit (for this guest only). Works from every state; the nurse hears it first. */
  async leave(): Promise<void> {
    const conn = this.#conn;
    if (conn?.open) {
      await send(conn, { t: 'leave' });
      await drain(conn);
    }
    this.#end('left', 'left');
    this.teardown();
  }

  hangUp(): Promise<void> {
    return this.leave();
  }

  #end(how: GuestEnd, reason: string): void {
    this.#ending ??= how;
    if (!this.machine.done) this.machine.transition('ended', reason);
  }

  #onPeer(peer: Peer): void {
    peer.on('call', (call) => {
      this.#onCall(call);
    });
    // The nurse's side talks to a guest only over the guest's own knock.
    peer.on('connection', (conn) => {
      conn.close();
    });
    peer.on('error', (error) => {
      // The nurse's room is not registered yet: knock again later. (The same error also comes for
      // a guest that left while being called; that one says nothing about the room.)
      const conn = this.#conn;
      if ((error as { type?: string }).type === 'peer-unavailable' && error.message.includes(this.#room) && conn && !conn.open) {
        this.#conn = undefined;
        conn.close();
      }
    });
    if (this.state === 'idle') this.machine.transition('waiting', 'knocking');
    if (!this.#knocking) void this.#knockLoop();
  }

  #onCall(call: MediaConnection): void {
    const fromNurse = call.peer === this.#room && this.#nurseProven;
    const share = shareKindOf(call.metadata);
    // A share comes only from the nurse's proven room, and is only watched: nothing is sent back.
    if (share && fromNurse) {
      this.#acceptShare(call, share);
      return;
    }
    // From the room only once it proved to be the nurse's; from a guest only if the nurse named it.
    if (!share && (fromNurse || this.#expected.has(call.peer))) {
      this.starting('called');
      this.answerCall(call);
      // Being called by the nurse is being let in.
      if (fromNurse) this.#sendProfile();
      return;
    }
    // Perhaps the nurse's word (or proof) is still on its way: hold the call a moment, then refuse it.
    this.#held.set(call.connectionId, call);
    setTimeout(() => {
      if (this.#held.get(call.connectionId) !== call) return;
      this.#held.delete(call.connectionId);
      quietly(() => { call.close(); });
    }, UNNAMED_CALL_MS);
  }

  /** Calls held for `peer` get another look (it was named, or the room proved itself). */
  #release(peer: string): void {
    for (const [id, call] of [...this.#held]) {
      if (call.peer !== peer) continue;
      this.#held.delete(id);
      this.#onCall(call);
    }
  }

  #acceptShare(call: MediaConnection, kind: ShareKind): void {
    this.#endShare();
    const share: { call: MediaConnection; kind: ShareKind; stream?: MediaStream } = { call, kind };
    this.#share = share;
    call.answer();
    call.on('stream', (stream) => {
      if (this.#share !== share || share.stream === stream) return;
      share.stream = stream;
      this.emit('share-change');
    });
    const lost = (): void => {
      if (this.#share === share) this.#endShare();
    };
    call.on('close', lost);
    call.on('error', lost);
    call.on('iceStateChanged', (state) => {
      if (state === 'failed' || state === 'closed') lost();
    });
  }

  #endShare(): void {
    const share = this.#share;
    if (!share) return;
    this.#share = undefined;
    quietly(() => { share.call.close(); });
    if (share.stream) this.emit('share-change');
  }

  protected override onTeardown(): void {
    this.#endShare();
    for (const call of this.#held.values()) quietly(() => { call.close(); });
    this.#held.clear();
  }

  async #knockLoop(): Promise<void> {
    this.#knocking = true;
    const every = this.#options.knockEveryMs ?? 3000;
    while (!this.isTornDown() && !this.machine.done) {
      // One knock at a time: a second one still on its way after "Starta besök" would make the
      // nurse's side call again and drop the call it just placed.
      if (this.#conn && !this.#conn.open && Date.now() - this.#knockedAt > KNOCK_TIMEOUT_MS) {
        this.#conn.close();
        this.#conn = undefined;
      }
      const peer = this.registrations[0]?.peer;
      if (!this.#conn && peer?.open) this.#knock(peer);
      await sleep(every);
    }
    this.#knocking = false;
  }

  #knock(peer: Peer): void {
    const conn = peer.connect(this.#room, { reliable: true });
    const nonce = newNonce();
    this.#conn = conn;
    this.#nurseProven = false;
    this.#knockedAt = Date.now();
    this.#knocks += 1;
    this.#nonces.set(conn, nonce);
    conn.on('open', () => {
      void send(conn, { t: 'knock', role: this.#options.role, instance: this.#instance, nonce });
    });
    conn.on('data', (data) => {
      void this.#onMessage(conn, peer, data);
    });
    conn.on('close', () => {
      if (this.#conn !== conn) return;
      this.#conn = undefined;
      this.#nurseProven = false;
      this.#setListed(false);
    });
  }

  async #onMessage(conn: DataConnection, peer: Peer, data: unknown): Promise<void> {
    const message = parseHostMessage(data);
    if (!message || conn !== this.#conn || !this.#key) return;
    if (message.t === 'challenge') {
      const ours = this.#nonces.get(conn);
      this.#nonces.delete(conn);
      const challenge = { room: this.#room, guest: peer.id, instance: this.#instance };
      // Whoever holds the room id without the token cannot answer: not the nurse, so no proof
      // (which it could not use anyway) and no calls; knock again later.
      if (!ours || this.#nurseProven || !(await verifyKnockProof(this.#key, { ...challenge, nonce: ours }, message.proof, 'nurse'))) {
        conn.close();
        return;
      }
      if (conn !== this.#conn) return;
      this.#nurseProven = true;
      const proof = await knockProof(this.#key, { ...challenge, nonce: message.nonce });
      await send(conn, { t: 'proof', proof });
      // A call the nurse placed while this link was down waited for this moment.
      this.#release(this.#room);
      return;
    }
    // Nothing but the answer counts before the room has proved to be the nurse's.
    if (!this.#nurseProven) return;
    switch (message.t) {
      case 'listed':
        this.#setListed(true);
        this.#sendIdentity();
        return;
      case 'code-result':
        this.#lastCheck = message.check;
        this.emit('code-result');
        return;
      case 'mesh':
        for (const id of message.gone) {
          this.#expected.delete(id);
          this.forget(id);
        }
        for (const id of message.expect) {
          this.#expected.add(id);
          this.#release(id);
        }
        if (message.call.length > 0) this.starting('calling the others');
        for (const id of message.call) {
          this.#expected.add(id);
          this.placeCall(peer, id);
        }
        return;
      case 'share-stop':
        this.#endShare();
        return;
      case 'denied':
        this.#end('denied', 'the nurse said no');
        return;
      case 'end':
        this.#end('ended', 'the nurse ended the visit');
        return;
    }
  }

  /** Without the nurse there is no visit, whoever else is still connected. */
  protected override gaveUp(peerId: string): boolean {
    this.#expected.delete(peerId);
    return peerId === this.#room;
  }

  #setListed(listed: boolean): void {
    if (this.#listed === listed) return;
    this.#listed = listed;
    this.emit('listed-change');
  }
}
