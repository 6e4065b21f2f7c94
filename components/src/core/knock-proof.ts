/**
 * Proof that a guest knocking on a room holds the link's token, without the token ever being sent:
 * the nurse's side sends a fresh random challenge and the guest answers with an HMAC of it keyed by
 * the token. The room id is not a secret (the signalling server sees it), so knowing it proves
 * nothing; the token is known only to whoever got the SMS link (and the nurse's booking).
 *
 * The proof goes both ways: the guest's knock carries a challenge of its own, which the nurse's
 * side answers the same way under another label. Whoever registered the room id first cannot pose
 * as the nurse to a waiting patient without the token.
 */

/** Who proves: the guest to the nurse's side, or the nurse's side to the guest. */
export type Prover = 'guest' | 'nurse';

const CONTEXT: Readonly<Record<Prover, string>> = {
  guest: 'digitala-halsosamtal/knock/v1',
  nurse: 'digitala-halsosamtal/room/answer/v1',
};

/** What the proof covers: the room knocked on, the knocking peer, its page instance and the nonce. */
export interface KnockChallenge {
  readonly room: string;
  /** The guest's PeerJS id: a proof cannot be replayed by another peer. */
  readonly guest: string;
  /** The guest page's own random id (kept across a reload of the same tab). */
  readonly instance: string;
  /** Fresh random value from the nurse's side, used once. */
  readonly nonce: string;
}

/** Proofs and nonces are base64url, 43 characters for 256 bits. */
export const PROOF_PATTERN = /^[A-Za-z0-9_-]{43}$/;

const encoder = new TextEncoder();

function base64url(bytes: Uint8Array): string {
  let binary = '';
  for (const b of bytes) binary += String.fromCharCode(b);
  return btoa(binary).replace(/\+/g, '-').replace(/\//g, '_').replace(/=+$/, '');
}

function fromBase64url(text: string): Uint8Array<ArrayBuffer> {
  const binary = atob(text.replace(/-/g, '+').replace(/_/g, '/'));
  return Uint8Array.from(binary, (c) => c.charCodeAt(0));
}

const message = (by: Prover, c: KnockChallenge): Uint8Array<ArrayBuffer> => encoder.encode([CONTEXT[by], c.room, c.guest, c.instance, c.nonce].join('\n'));

/** The HMAC key for a link's token; import once per room, use for every knock. */
export function proofKey(token: string): Promise<CryptoKey> {
  return crypto.subtle.importKey('raw', encoder.encode(token), { name: 'HMAC', hash: 'SHA-256' }, false, ['sign', 'verify']);
}

/** A fresh 256-bit challenge. */
export function newNonce(): string {
  return base64url(crypto.getRandomValues(new Uint8Array(32)));
}

/** The answer to a challenge, by the guest (the default) or by the nurse's side. */
export async function knockProof(key: CryptoKey | string, challenge: KnockChallenge, by: Prover = 'guest'): Promise<string> {
  const k = typeof key === 'string' ? await proofKey(key) : key;
  return base64url(new Uint8Array(await crypto.subtle.sign('HMAC', k, message(by, challenge))));
}

/** Checks an answer in constant time (WebCrypto's verify); a malformed answer is simply false. */
export async function verifyKnockProof(key: CryptoKey, challenge: KnockChallenge, proof: string, by: Prover = 'guest'): Promise<boolean> {
  if (!PROOF_PATTERN.test(proof)) return false;
  return crypto.subtle.verify('HMAC', key, fromBase64url(proof), message(by, challenge));
}
