import { PROOF_PATTERN, TOKEN_PATTERN, type CodeCheck } from '../core/index.js';

/**
 * What travels over the data connection between the nurse's room and a guest. Never personal data:
 * roles, random values, peer ids and the interpreter's one-time code. Everything that arrives is
 * checked by `parseWire` first: the other end may be any page that found a room id.
 */

export type GuestRole = 'patient' | 'interpreter';

/** Guest → nurse. */
export type GuestMessage =
  /**
   * "I am here": the role the guest claims, its page instance (kept across a reload of the tab),
   * and a challenge the nurse's side must answer to prove it is the nurse's.
   */
  | { readonly t: 'knock'; readonly role: GuestRole; readonly instance: string; readonly nonce: string }
  /** The answer to the challenge: HMAC of it keyed by the link's token. */
  | { readonly t: 'proof'; readonly proof: string }
  /** The interpreter's SMS code. */
  | { readonly t: 'code'; readonly code: string }
  /** The guest hangs up: drop it without trying to reconnect. */
  | { readonly t: 'leave' }
  /**
   * The patient's own answers to the star profile, filled in before the visit on the patient's
   * device: dimension ids to answer levels or measured numbers, nothing else.
   */
  | { readonly t: 'star-profile'; readonly values: Readonly<Record<string, string | number>> }
  /** The ID token from the patient's sign-in (BankID/Freja through the region's broker), for the nurse's side to verify. */
  | { readonly t: 'identity'; readonly idToken: string };

/** Nurse → guest. */
export type HostMessage =
  /** The nurse's challenge, and its answer to the guest's (an HMAC keyed by the link's token). */
  | { readonly t: 'challenge'; readonly nonce: string; readonly proof: string }
  /** The proof held: the guest is listed in the nurse's waiting room. */
  | { readonly t: 'listed' }
  | { readonly t: 'code-result'; readonly check: CodeCheck }
  /**
   * The other guests: whom to call, whose calls to accept (only these and the nurse's rooms), and
   * who has gone (a page reloaded, a guest left or was refused).
   */
  | { readonly t: 'mesh'; readonly call: readonly string[]; readonly expect: readonly string[]; readonly gone: readonly string[] }
  /** The nurse stopped sharing: drop the shared picture now, not when its call times out. */
  | { readonly t: 'share-stop' }
  /** The nurse said no ("Neka"). */
  | { readonly t: 'denied' }
  | { readonly t: 'end' };

export type WireMessage = GuestMessage | HostMessage;

/** PeerJS ids: the server's UUIDs or our own room ids. */
const PEER_ID = /^[A-Za-z0-9_-]{1,64}$/;
/** At most this many peers in one mesh message: a visit has three parties. */
const MAX_PEERS = 8;

type Shape = Record<string, unknown>;

const isShape = (data: unknown): data is Shape => typeof data === 'object' && data !== null && !Array.isArray(data);

/** Exactly these keys, no more: an unexpected field is a sign of a foreign or newer sender. */
const hasKeys = (data: Shape, keys: readonly string[]): boolean => {
  const own = Object.keys(data);
  return own.length === keys.length && keys.every((k) => own.includes(k));
};

const isPeerList = (value: unknown): value is string[] =>
  Array.isArray(value) && value.length <= MAX_PEERS && value.every((v) => typeof v === 'string' && PEER_ID.test(v));

function isCodeCheck(value: unknown): value is CodeCheck {
  if (!isShape(value)) return false;
  if (value.result === 'ok' || value.result === 'locked') return hasKeys(value, ['result']);
  return value.result === 'wrong' && hasKeys(value, ['result', 'triesLeft']) && Number.isInteger(value.triesLeft)
    && (value.triesLeft as number) > 0 && (value.triesLeft as number) < 100;
}

/** A compact JWT: three base64url parts, of a size an ID token has (a few kB at most). */
const JWT = /^[A-Za-z0-9_-]{2,2048}\.[A-Za-z0-9_-]{2,8192}\.[A-Za-z0-9_-]{0,1024}$/;

/** Star-profile answers: short ids to level ids or plain numbers, a handful of them. */
const PROFILE_KEY = /^[a-z][a-z0-9-]{0,39}$/;
const PROFILE_LEVEL = /^[a-z0-9][a-z0-9-]{0,39}$/;
const isProfileValues = (v: unknown): boolean => isShape(v) && Object.keys(v).length <= 32 && Object.entries(v).every(([key, value]) =>
  PROFILE_KEY.test(key) && ((typeof value === 'string' && PROFILE_LEVEL.test(value)) || (typeof value === 'number' && Number.isFinite(value) && Math.abs(value) <= 100_000)));

const GUEST_CHECKS: Readonly<Record<GuestMessage['t'], (d: Shape) => boolean>> = {
  knock: (d) => hasKeys(d, ['t', 'role', 'instance', 'nonce']) && (d.role === 'patient' || d.role === 'interpreter')
    && typeof d.instance === 'string' && TOKEN_PATTERN.test(d.instance) && typeof d.nonce === 'string' && PROOF_PATTERN.test(d.nonce),
  proof: (d) => hasKeys(d, ['t', 'proof']) && typeof d.proof === 'string' && PROOF_PATTERN.test(d.proof),
  code: (d) => hasKeys(d, ['t', 'code']) && typeof d.code === 'string' && d.code.length <= 16,
  leave: (d) => hasKeys(d, ['t']),
  'star-profile': (d) => hasKeys(d, ['t', 'values']) && isProfileValues(d.values),
  identity: (d) => hasKeys(d, ['t', 'idToken']) && typeof d.idToken === 'string' && JWT.test(d.idToken),
};

const HOST_CHECKS: Readonly<Record<HostMessage['t'], (d: Shape) => boolean>> = {
  challenge: (d) => hasKeys(d, ['t', 'nonce', 'proof']) && typeof d.nonce === 'string' && PROOF_PATTERN.test(d.nonce)
    && typeof d.proof === 'string' && PROOF_PATTERN.test(d.proof),
  listed: (d) => hasKeys(d, ['t']),
  'code-result': (d) => hasKeys(d, ['t', 'check']) && isCodeCheck(d.check),
  mesh: (d) => hasKeys(d, ['t', 'call', 'expect', 'gone']) && isPeerList(d.call) && isPeerList(d.expect) && isPeerList(d.gone),
  'share-stop': (d) => hasKeys(d, ['t']),
  denied: (d) => hasKeys(d, ['t']),
  end: (d) => hasKeys(d, ['t']),
};

function check<M extends { t: string }>(checks: Readonly<Record<M['t'], (d: Shape) => boolean>>, data: unknown): M | undefined {
  if (!isShape(data) || typeof data.t !== 'string' || !Object.hasOwn(checks, data.t)) return undefined;
  return checks[data.t as M['t']](data) ? (data as unknown as M) : undefined;
}

/** A message a guest may send, or undefined for anything else (which the nurse's side drops). */
export const parseGuestMessage = (data: unknown): GuestMessage | undefined => check<GuestMessage>(GUEST_CHECKS, data);

/** A message the nurse's side may send, or undefined. */
export const parseHostMessage = (data: unknown): HostMessage | undefined => check<HostMessage>(HOST_CHECKS, data);

/** What the nurse may share, as a video track of its own (never the screen unless 'window'). */
export const SHARE_KINDS = ['star-profile', 'document', 'window'] as const;
export type ShareKind = (typeof SHARE_KINDS)[number];

/** The metadata of a call that carries a share, checked: it comes from the other peer. */
export function shareKindOf(metadata: unknown): ShareKind | undefined {
  const kind = isShape(metadata) ? metadata.share : undefined;
  return typeof kind === 'string' && (SHARE_KINDS as readonly string[]).includes(kind) ? (kind as ShareKind) : undefined;
}
