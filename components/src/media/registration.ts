import type Peer from 'peerjs';
import { reconnectLoop } from './reconnect-loop.js';
import type { ReconnectPolicy } from './reconnect-policy.js';

/**
 * The link to the signalling server: needed to start and to restore calls, not to keep one going.
 * 'taken': another lobby (another tab or computer) holds this room. 'unreachable': the reconnect
 * policy gave up; `retry()` starts again (the views offer a button).
 */
export type SignallingStatus = 'connecting' | 'online' | 'offline' | 'taken' | 'unreachable';

/** PeerJS errors after which asking again later may work: the server is unreachable or restarting. */
const RETRYABLE: ReadonlySet<string> = new Set(['network', 'server-error', 'socket-error', 'socket-closed']);

/** How long one attempt to reach the server may take before it counts as failed. */
const ATTEMPT_MS = 8000;

export interface RegistrationOwner {
  /** The session's current reconnect policy. */
  policy(): ReconnectPolicy;
  /** The session was torn down: stop for good. */
  stopped(): boolean;
  /** `status` changed. */
  changed(): void;
}

type Outcome = 'open' | 'closed' | 'taken' | 'offline';

/**
 * One peer at the signalling server, for as long as the session wants it: created (through `make`)
 * until the server accepts it, re-registered with the same id when the server goes away (PeerJS
 * `reconnect()`, which keeps the calls), all through the session's one reconnect loop and policy.
 */
export class Registration {
  #peer: Peer | undefined;
  #status: SignallingStatus = 'connecting';
  #running = false;
  /** When the server was lost: kept across attempts, so the policy's clock does not start over. */
  #lostSince: number | undefined;

  constructor(
    private readonly make: () => Peer,
    private readonly owner: RegistrationOwner,
    /** Called with every peer the server accepted (a fresh one after `retry()`, too). */
    private readonly onOpen: (peer: Peer) => void,
  ) {}

  get peer(): Peer | undefined {
    return this.#peer;
  }

  get status(): SignallingStatus {
    return this.#status;
  }

  /** Registers; resolves with the open peer, or undefined when stopped or the policy gave up. */
  async open(): Promise<Peer | undefined> {
    if (this.#running) return undefined;
    this.#running = true;
    try {
      return await this.#open();
    } finally {
      this.#running = false;
    }
  }

  /** After 'unreachable': try again, keeping the peer (and its calls) when it still exists. */
  retry(): void {
    if (this.#status !== 'unreachable' || this.#running) return;
    this.#lostSince = undefined;
    const peer = this.#peer;
    if (peer && !peer.destroyed) {
      this.#set('offline');
      void this.#reconnect(peer);
    } else void this.open();
  }

  #set(status: SignallingStatus): void {
    if (this.#status === status) return;
    this.#status = status;
    this.owner.changed();
  }

  async #open(): Promise<Peer | undefined> {
    let opened: Peer | undefined;
    let fatal: Error | undefined;
    const outcome = await reconnectLoop({
      policy: () => this.owner.policy(),
      stopped: () => this.owner.stopped() || fatal !== undefined,
      attempt: async () => {
        const peer = this.make();
        this.#peer = peer;
        let result: Outcome;
        try {
          result = await this.#settle(peer);
        } catch (error) {
          fatal = error instanceof Error ? error : new Error('the signalling server refused this peer');
          peer.destroy();
          return false;
        }
        if (this.owner.stopped() || result === 'closed') {
          peer.destroy();
          return false;
        }
        if (result === 'open') {
          opened = peer;
          return true;
        }
        peer.destroy();
        this.#set(result);
        return false;
      },
    });
    if (fatal) throw fatal;
    if (outcome === 'gave-up') this.#set('unreachable');
    if (outcome !== 'recovered' || !opened) return undefined;
    this.#set('online');
    this.#watch(opened);
    this.onOpen(opened);
    return opened;
  }

  /** What became of one attempt to register: the server's answer, or silence taken as 'offline'. */
  #settle(peer: Peer): Promise<Outcome> {
    return new Promise<Outcome>((resolve, reject) => {
      const timer = setTimeout(() => {
        resolve('offline');
      }, ATTEMPT_MS);
      const done = (outcome: Outcome): void => {
        clearTimeout(timer);
        resolve(outcome);
      };
      peer.once('open', () => {
        done('open');
      });
      peer.once('close', () => {
        done('closed');
      });
      peer.on('error', (error) => {
        if (peer.open) return;
        const type = (error as { type?: string }).type ?? '';
        if (type === 'unavailable-id') done('taken');
        else if (RETRYABLE.has(type)) done('offline');
        else {
          clearTimeout(timer);
          reject(error);
        }
      });
    });
  }

  /**
   * A peer that lost the server (restart, network) keeps its id and reconnects; the server takes
   * the id back because the peer keeps its token.
   */
  #watch(peer: Peer): void {
    peer.on('open', () => {
      if (this.#peer !== peer) return;
      this.#lostSince = undefined;
      this.#set('online');
    });
    peer.on('disconnected', () => {
      if (this.#peer !== peer || this.owner.stopped() || peer.destroyed) return;
      this.#lostSince ??= Date.now();
      if (this.#status !== 'taken') this.#set('offline');
      void this.#reconnect(peer);
    });
  }

  async #reconnect(peer: Peer): Promise<void> {
    if (this.#running) return;
    this.#running = true;
    const lost = (): boolean => !this.owner.stopped() && this.#peer === peer && peer.disconnected && !peer.destroyed;
    try {
      const outcome = await reconnectLoop({
        policy: () => this.owner.policy(),
        stopped: () => !lost(),
        since: this.#lostSince ?? Date.now(),
        attempt: async () => {
          peer.reconnect();
          return this.#reopened(peer);
        },
      });
      if (outcome === 'gave-up') this.#set('unreachable');
      else if (outcome === 'recovered') this.#set('online');
    } finally {
      this.#running = false;
    }
  }

  /** One reconnect: the server's OPEN, or not (lost again, the id held by another, silence). */
  #reopened(peer: Peer): Promise<boolean> {
    return new Promise((resolve) => {
      const finish = (ok: boolean): void => {
        clearTimeout(timer);
        peer.off('open', onOpen);
        peer.off('disconnected', onLost);
        peer.off('error', onError);
        resolve(ok);
      };
      const onOpen = (): void => {
        finish(true);
      };
      const onLost = (): void => {
        finish(false);
      };
      const onError = (error: { type?: string }): void => {
        // Another lobby took the room while this one was away: say so, and keep asking.
        if (error.type === 'unavailable-id') this.#set('taken');
      };
      // Not `!peer.disconnected`: reconnect() clears that at once, before the socket is open.
      const timer = setTimeout(() => {
        finish(peer.open);
      }, ATTEMPT_MS);
      peer.on('open', onOpen);
      peer.on('disconnected', onLost);
      peer.on('error', onError);
    });
  }
}
