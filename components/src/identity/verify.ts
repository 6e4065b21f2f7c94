/**
 * The nurse's side checks the patient's ID token, which came over the call's data connection:
 * the issuer's signature (its keys found through discovery and fetched by the nurse's browser),
 * issuer, audience, time, the nonce bound to the visit, and that the personnummer (or
 * samordningsnummer) in the token is the booking's. Runs in the browser and in Node.
 *
 * Every failure is a code of its own; the element that shows it turns it into words.
 */
import { createRemoteJWKSet, decodeJwt, decodeProtectedHeader, jwtVerify, type JWTPayload, type JWTVerifyGetKey } from 'jose';
import { claimNames, type IdentityClaimNames, type SignInMethod } from './claims.js';

export interface ExpectedIdentity {
  /** The broker's issuer identifier, exactly as in its discovery document. */
  readonly issuer: string;
  /** The client id the patient's page signed in with (the ID token's `aud`). */
  readonly audience: string;
  /** The visit's nonce: `visitNonce(token)` of the booking's link token. */
  readonly nonce: string;
  /** The booking's personnummer or samordningsnummer, 'YYYYMMDD-NNNN'. */
  readonly personnummer: string;
  /** Claim names, for a broker that does not follow the Swedish profile. */
  readonly claims?: IdentityClaimNames;
  /** Clock difference allowed between the broker and this machine (default 60 s). */
  readonly skewSeconds?: number;
  /** The time to check against (default: now). */
  readonly now?: Date;
}

export type IdentityFailureCode =
  | 'malformed'
  | 'signature'
  | 'issuer'
  | 'audience'
  | 'expired'
  | 'not-yet-valid'
  | 'nonce'
  | 'person'
  | 'unreachable';

export interface VerifiedIdentity {
  readonly ok: true;
  /** The booking's number, 'YYYYMMDD-NNNN', now confirmed by the broker. */
  readonly personnummer: string;
  readonly givenName?: string;
  readonly familyName?: string;
  /** The name the broker gives, or given and family name joined; '' if it gives none. */
  readonly name: string;
  /** How the patient signed in, when the token says so unambiguously (`amr`, else `acr`). */
  readonly method?: SignInMethod;
}

export type IdentityCheck = VerifiedIdentity | { readonly ok: false; readonly code: IdentityFailureCode };

/** Asymmetric signatures only: never `none`, never a shared secret. */
const ALGORITHMS = ['RS256', 'RS384', 'RS512', 'PS256', 'PS384', 'PS512', 'ES256', 'ES384', 'ES512'];
/** An ID token is a few kilobytes; anything far larger is not one. */
export const MAX_ID_TOKEN_LENGTH = 16_384;
const DEFAULT_TIMEOUT_MS = 10_000;

/** The issuer's keys could not be had: discovery or the key set failed. */
class KeysUnreachable extends Error {
  override readonly name = 'KeysUnreachable';
}

const LOOPBACK = /^(localhost|127\.\d{1,3}\.\d{1,3}\.\d{1,3}|\[::1\])$/;
/** https, or http to this machine only (a demo or a test). */
const secureEnough = (url: URL): boolean => url.protocol === 'https:' || (url.protocol === 'http:' && LOOPBACK.test(url.hostname));

/**
 * The issuer's signing keys, found through its discovery document
 * (`<issuer>/.well-known/openid-configuration`) and fetched when first needed. Keep the result for
 * as long as the page verifies tokens of this issuer: it fetches the key set again only for a key
 * it does not know.
 */
export async function discoverKeys(issuer: string, options: { timeoutMs?: number } = {}): Promise<JWTVerifyGetKey> {
  const timeoutMs = options.timeoutMs ?? DEFAULT_TIMEOUT_MS;
  let jwksUri: URL;
  try {
    const issuerUrl = new URL(issuer);
    if (!secureEnough(issuerUrl)) throw new KeysUnreachable('the issuer is not https');
    const response = await fetch(`${issuer.replace(/\/$/, '')}/.well-known/openid-configuration`, {
      headers: { Accept: 'application/json' },
      credentials: 'omit',
      signal: AbortSignal.timeout(timeoutMs),
    });
    if (!response.ok) throw new KeysUnreachable(`discovery answered ${response.status}`);
    const metadata = (await response.json()) as { issuer?: unknown; jwks_uri?: unknown } | null;
    if (metadata?.issuer !== issuer) throw new KeysUnreachable('discovery names another issuer');
    if (typeof metadata.jwks_uri !== 'string') throw new KeysUnreachable('discovery gives no jwks_uri');
    jwksUri = new URL(metadata.jwks_uri);
    if (!secureEnough(jwksUri)) throw new KeysUnreachable('the key set is not https');
  } catch (e) {
    throw e instanceof KeysUnreachable ? e : new KeysUnreachable('discovery failed', { cause: e });
  }
  return createRemoteJWKSet(jwksUri, { timeoutDuration: timeoutMs });
}

/** Errors that say something about the token's key or algorithm; any other error of a key getter means the keys could not be had. */
const KEY_SELECTION: ReadonlySet<unknown> = new Set(['ERR_JWKS_NO_MATCHING_KEY', 'ERR_JWKS_MULTIPLE_MATCHING_KEYS', 'ERR_JOSE_NOT_SUPPORTED', 'ERR_JOSE_ALG_NOT_ALLOWED', 'ERR_JWK_INVALID']);
const codeOf = (e: unknown): unknown => (typeof e === 'object' && e !== null ? (e as { code?: unknown }).code : undefined);

const guarded = (keys: JWTVerifyGetKey): JWTVerifyGetKey => async (header, token) => {
  try {
    return await keys(header, token);
  } catch (e) {
    throw KEY_SELECTION.has(codeOf(e)) ? e : new KeysUnreachable('the key set could not be fetched', { cause: e });
  }
};

function failureOf(e: unknown): IdentityFailureCode {
  if (e instanceof KeysUnreachable) return 'unreachable';
  const code = codeOf(e);
  if (code === 'ERR_JWT_EXPIRED') return 'expired';
  if (code === 'ERR_JWT_CLAIM_VALIDATION_FAILED') {
    const { claim, reason } = e as { claim?: string; reason?: string };
    if (reason !== 'check_failed') return 'malformed';
    if (claim === 'iss') return 'issuer';
    if (claim === 'aud') return 'audience';
    if (claim === 'nbf' || claim === 'iat') return 'not-yet-valid';
    return 'malformed';
  }
  if (code === 'ERR_JWS_SIGNATURE_VERIFICATION_FAILED' || KEY_SELECTION.has(code)) return 'signature';
  return 'malformed';
}

/** The 12 digits of a number as the booking keeps it ('YYYYMMDD-NNNN') or a broker sends it. */
const twelveDigits = (value: unknown): string | undefined => {
  if (typeof value !== 'string') return undefined;
  const found = /^(\d{8})[-+]?(\d{4})$/.exec(value.trim());
  return found ? `${found[1]}${found[2]}` : undefined;
};

const text = (value: unknown): string | undefined => (typeof value === 'string' && value.trim() !== '' ? value.trim() : undefined);

/** BankID or Freja eID, from `amr` (how the demo provider and several brokers say it) or `acr`. */
function methodOf(payload: JWTPayload): SignInMethod | undefined {
  const amr: unknown[] = Array.isArray(payload.amr) ? payload.amr : [payload.amr];
  const hints = [...amr, payload.acr].filter((v): v is string => typeof v === 'string').map((v) => v.toLowerCase());
  const found = new Set<SignInMethod>();
  for (const hint of hints) {
    if (hint.includes('bankid')) found.add('bankid');
    if (hint.includes('freja')) found.add('freja');
  }
  return found.size === 1 ? [...found][0] : undefined;
}

/**
 * Checks the patient's ID token against the booking. `jwks` is the issuer's key set; without it
 * the keys are found through the issuer's discovery document (see `discoverKeys`).
 */
export async function verifyIdentity(idToken: string, expected: ExpectedIdentity, jwks?: JWTVerifyGetKey): Promise<IdentityCheck> {
  const fail = (code: IdentityFailureCode): IdentityCheck => ({ ok: false, code });
  if (typeof idToken !== 'string' || idToken.length > MAX_ID_TOKEN_LENGTH) return fail('malformed');
  try {
    decodeProtectedHeader(idToken);
    decodeJwt(idToken);
  } catch {
    return fail('malformed');
  }
  const skew = expected.skewSeconds ?? 60;
  const now = expected.now ?? new Date();
  let payload: JWTPayload;
  try {
    const keys = jwks ?? (await discoverKeys(expected.issuer));
    ({ payload } = await jwtVerify(idToken, guarded(keys), {
      issuer: expected.issuer,
      audience: expected.audience,
      algorithms: ALGORITHMS,
      clockTolerance: skew,
      currentDate: now,
      requiredClaims: ['exp', 'iat'],
    }));
  } catch (e) {
    return fail(failureOf(e));
  }
  // jose checks `iat` only against a maximum age; one from the future means a wrong clock or a forgery.
  if (typeof payload.iat === 'number' && payload.iat > now.getTime() / 1000 + skew) return fail('not-yet-valid');
  // A token for several audiences must have been issued to this client (OpenID Connect Core 3.1.3.7).
  const audiences = Array.isArray(payload.aud) ? payload.aud : [payload.aud];
  if ((audiences.length > 1 || payload.azp !== undefined) && payload.azp !== expected.audience) return fail('audience');
  if (expected.nonce === '' || payload.nonce !== expected.nonce) return fail('nonce');

  const names = claimNames(expected.claims);
  const booked = twelveDigits(expected.personnummer);
  const numbers = [payload[names.personalIdentityNumber], payload[names.coordinationNumber]].map(twelveDigits);
  if (booked === undefined || !numbers.includes(booked)) return fail('person');

  const givenName = text(payload[names.givenName]);
  const familyName = text(payload[names.familyName]);
  const method = methodOf(payload);
  return {
    ok: true,
    personnummer: expected.personnummer,
    ...(givenName !== undefined ? { givenName } : {}),
    ...(familyName !== undefined ? { familyName } : {}),
    name: text(payload[names.name]) ?? [givenName, familyName].filter(Boolean).join(' '),
    ...(method !== undefined ? { method } : {}),
  };
}
