// What the demo's PeerServer accepts from a client's WebSocket: pure rules, kept apart from the
// sockets so that a table can test them.

/** The PeerJS message types a client sends; OPEN, ERROR, ID-TAKEN and the like come only from a server. */
const CLIENT_TYPES: ReadonlySet<string> = new Set(['HEARTBEAT', 'OFFER', 'ANSWER', 'CANDIDATE', 'LEAVE', 'EXPIRE']);

/** Longer than any id PeerJS or this project makes (a UUID is 36 characters, a room id 35). */
export const MAX_PEER_ID_LENGTH = 64;

/**
 * Largest message a client may send. Real ones are SDP offers and answers, ICE candidates and
 * heartbeats: a few kB at most.
 */
export const MAX_MESSAGE_BYTES = 64 * 1024;

/**
 * How a PeerJS offer of a data connection may ask for its data to be encoded. PeerJS builds the
 * connection with `new serializers[name]`, and its table is a plain object: "constructor" or
 * "toString" there gives the other side a broken object instead of a connection.
 */
const SERIALIZATIONS: ReadonlySet<string> = new Set(['binary', 'binary-utf8', 'json', 'raw', 'none']);

/** Why a message is refused, or undefined when PeerServer may have it. */
export type MessageProblem = 'not-json' | 'not-object' | 'type' | 'dst' | 'payload';

export function checkPeerMessage(text: string): MessageProblem | undefined {
  let message: unknown;
  try {
    message = JSON.parse(text);
  } catch {
    return 'not-json';
  }
  if (typeof message !== 'object' || message === null || Array.isArray(message)) return 'not-object';
  const { type, dst, payload } = message as Record<string, unknown>;
  if (typeof type !== 'string' || !CLIENT_TYPES.has(type)) return 'type';
  if (dst !== undefined && (typeof dst !== 'string' || dst.length === 0 || dst.length > MAX_PEER_ID_LENGTH)) return 'dst';
  if (type === 'OFFER') {
    const p = payload as Record<string, unknown> | null | undefined;
    if (typeof p !== 'object' || p === null || (p.type !== 'media' && p.type !== 'data')) return 'payload';
    if (p.type === 'data' && (typeof p.serialization !== 'string' || !SERIALIZATIONS.has(p.serialization))) return 'payload';
  }
  return undefined;
}

/**
 * Messages a client may send at once, and per second after that. A call's set-up (offer, answer,
 * a few dozen candidates) and a heartbeat every 5 s stay far below either.
 */
export const MESSAGE_BURST = 200;
export const MESSAGES_PER_SECOND = 50;

/**
 * What one message costs from the budget: one, plus one for every started 4 KiB beyond the first.
 * PeerServer keeps messages for an id that is not connected (for about 5 s), so bytes per second,
 * not only messages, bound what one client can make the server hold.
 */
export const messageCost = (bytes: number): number => 1 + Math.floor(Math.max(0, bytes - 1) / 4096);

/** A token bucket: `burst` tokens at most, refilled continuously at `perSecond`. */
export class TokenBucket {
  readonly #burst: number;
  readonly #perSecond: number;
  readonly #now: () => number;
  #tokens: number;
  #at: number;

  constructor(burst: number, perSecond: number, now: () => number = Date.now) {
    this.#burst = burst;
    this.#perSecond = perSecond;
    this.#now = now;
    this.#tokens = burst;
    this.#at = now();
  }

  /** Takes `cost` tokens if there are that many; false (and nothing taken) otherwise. */
  take(cost = 1): boolean {
    const now = this.#now();
    this.#tokens = Math.min(this.#burst, this.#tokens + ((now - this.#at) / 1000) * this.#perSecond);
    this.#at = now;
    if (this.#tokens < cost) return false;
    this.#tokens -= cost;
    return true;
  }
}
