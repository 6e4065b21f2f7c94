import { createHmac } from 'node:crypto';

// Short-lived TURN credentials in the "TURN REST API" convention that coturn's `use-auth-secret`
// checks: the username carries its own expiry, and the password is an HMAC of the username with
// a secret only the web server and the TURN server share. Nothing long-lived reaches a browser.

export interface TurnCredential {
  /** `<expiry in Unix seconds>:<label>`. */
  readonly username: string;
  /** base64(HMAC-SHA1(secret, username)): SHA-1 is what coturn's `static-auth-secret` checks by default. */
  readonly credential: string;
}

/** A label goes into TURN logs: short, and never anything about a person. */
const LABEL = /^[A-Za-z0-9_-]{1,32}$/;

export function turnCredential(secret: string, expiresAtSeconds: number, label: string): TurnCredential {
  if (secret === '') throw new RangeError('the TURN secret is empty');
  if (!Number.isSafeInteger(expiresAtSeconds) || expiresAtSeconds <= 0) throw new RangeError('the expiry must be whole Unix seconds');
  if (!LABEL.test(label)) throw new RangeError('the label must be 1–32 letters, digits, _ or -');
  const username = `${String(expiresAtSeconds)}:${label}`;
  return { username, credential: createHmac('sha1', secret).update(username).digest('base64') };
}

/** After the visit's planned end, a call may run over by this much before its credential lapses. */
export const OVERRUN_MS = 30 * 60_000;
/** No credential lives longer than this, whenever the visit is: a long wait is renewed instead. */
export const MAX_LIFETIME_MS = 4 * 3_600_000;

/**
 * When a credential issued `now` for a visit ending at `visitEnd` (both ms since the epoch) lapses,
 * in Unix seconds: the visit's end plus the overrun, capped at `MAX_LIFETIME_MS` from now;
 * undefined once the visit and its overrun are over (no credential is issued then).
 */
export function credentialExpiry(now: number, visitEnd: number): number | undefined {
  const until = Math.min(visitEnd + OVERRUN_MS, now + MAX_LIFETIME_MS);
  return until <= now ? undefined : Math.floor(until / 1000);
}
