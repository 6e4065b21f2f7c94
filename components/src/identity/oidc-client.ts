/**
 * The patient's sign-in at the region's OpenID Connect broker (BankID, Freja eID): authorization
 * code with PKCE S256 as a public client (no secret in the browser), or through the server's token
 * exchange for a broker that serves confidential clients only. The `nonce` is bound to the visit
 * (`visitNonce`), so the ID token is of use for this visit only; the nurse's side checks it
 * (`verifyIdentity`). This module takes the ID token as it comes and checks no more of it than
 * oauth4webapi does.
 *
 * What must survive the trip to the broker (PKCE verifier, state, method, the link's token, which
 * the URL fragment loses on the way back) waits in sessionStorage, never in a URL.
 */
import * as oauth from 'oauth4webapi';
import { visitNonce } from '../core/identity-nonce.js';
import { DEFAULT_SCOPE, type IdentityClaimNames, type SignInMethod } from './claims.js';

export { visitNonce };
export type { IdentityClaimNames, SignInMethod };

/** One way to sign in, as the broker wants it asked for. */
export interface IdentityMethod {
  readonly id: SignInMethod;
  /** Sent as `acr_values` (e.g. the Swedish LoA 3, or a broker's own value per method). */
  readonly acrValues?: string;
  /** Sent as `login_hint` (brokers that pick the method, or the e-ID, by hint). */
  readonly loginHint?: string;
}

/** Where and how the patient's page signs in. */
export interface IdentityConfig {
  /** The broker's issuer identifier; discovery is at `<issuer>/.well-known/openid-configuration`. */
  readonly issuer: string;
  /** The client id the region got from the broker (the ID token's `aud`). */
  readonly clientId: string;
  /** Where the broker returns to (registered with it); default: this page, without query or fragment. */
  readonly redirectUri?: string;
  /** The methods offered, in order. */
  readonly methods: readonly IdentityMethod[];
  /** Default `openid https://id.oidc.se/scope/naturalPersonNumber`. */
  readonly scope?: string;
  /** The server's token exchange (POST `{ code, code_verifier, redirect_uri }` → `{ id_token }`), for a broker that serves no public client. */
  readonly tokenExchangeUrl?: string;
  /** Claim names, for a broker that does not follow the Swedish profile (used by the nurse's check). */
  readonly claims?: IdentityClaimNames;
}

export type SignInFailureCode = 'cancelled' | 'denied' | 'expired' | 'state' | 'failed';

export type SignInResult =
  | { readonly ok: true; readonly idToken: string; readonly method: SignInMethod; readonly token: string }
  | { readonly ok: false; readonly code: SignInFailureCode; readonly token?: string };

/** What waits in sessionStorage while the patient is at the broker. */
interface Pending {
  readonly v: 1;
  readonly state: string;
  readonly verifier: string;
  readonly method: SignInMethod;
  readonly token: string;
  readonly redirectUri: string;
  readonly startedAt: number;
}

export const SIGN_IN_STORAGE_KEY = 'dh-identity-sign-in';
/** A sign-in that comes back later than this is not completed (a broker's own limit is shorter). */
const MAX_SIGN_IN_MS = 30 * 60_000;
/** The parameters a broker adds to the page's address on the way back. */
const CALLBACK_PARAMS = ['code', 'state', 'iss', 'error', 'error_description', 'error_uri', 'session_state'];

const LOOPBACK = /^(localhost|127\.\d{1,3}\.\d{1,3}\.\d{1,3}|\[::1\])$/;
/** Plain http is allowed to a provider on this machine only (the demo's, a test's). */
// oauth4webapi marks the option deprecated so that it stands out; this is the one use it is for.
/* eslint-disable @typescript-eslint/no-deprecated */
const requestOptions = (issuer: URL): { [oauth.allowInsecureRequests]?: boolean } =>
  issuer.protocol === 'http:' && LOOPBACK.test(issuer.hostname) ? { [oauth.allowInsecureRequests]: true } : {};
/* eslint-enable @typescript-eslint/no-deprecated */

async function discover(issuer: string): Promise<oauth.AuthorizationServer> {
  const url = new URL(issuer);
  const response = await oauth.discoveryRequest(url, { algorithm: 'oidc', ...requestOptions(url) });
  return oauth.processDiscoveryResponse(url, response);
}

/** This page's address without query or fragment: the default redirect URI. */
const redirectUriOf = (config: IdentityConfig): string => {
  if (config.redirectUri) return config.redirectUri;
  const here = new URL(location.href);
  return `${here.origin}${here.pathname}`;
};

/**
 * Starts a sign-in: the address of the broker's authorization endpoint for `method`, with PKCE
 * S256, a fresh `state` and the visit's `nonce`; the caller navigates there. Rejects if the
 * broker's discovery document cannot be had or `method` is not among `config.methods`.
 */
export async function beginSignIn(config: IdentityConfig, method: SignInMethod, token: string): Promise<URL> {
  const chosen = config.methods.find((m) => m.id === method);
  if (!chosen) throw new TypeError(`The sign-in method ${method} is not configured.`);
  if (token === '') throw new TypeError('beginSignIn needs the link token.');
  const as = await discover(config.issuer);
  if (!as.authorization_endpoint) throw new TypeError('The broker names no authorization endpoint.');
  const verifier = oauth.generateRandomCodeVerifier();
  const redirectUri = redirectUriOf(config);
  const pending: Pending = { v: 1, state: oauth.generateRandomState(), verifier, method, token, redirectUri, startedAt: Date.now() };
  const url = new URL(as.authorization_endpoint);
  const params = url.searchParams;
  params.set('client_id', config.clientId);
  params.set('redirect_uri', redirectUri);
  params.set('response_type', 'code');
  params.set('scope', config.scope ?? DEFAULT_SCOPE);
  params.set('state', pending.state);
  params.set('nonce', await visitNonce(token));
  params.set('code_challenge', await oauth.calculatePKCECodeChallenge(verifier));
  params.set('code_challenge_method', 'S256');
  if (chosen.acrValues) params.set('acr_values', chosen.acrValues);
  if (chosen.loginHint) params.set('login_hint', chosen.loginHint);
  sessionStorage.setItem(SIGN_IN_STORAGE_KEY, JSON.stringify(pending));
  return url;
}

/** The waiting sign-in, taken out of storage (it is used once, whatever comes of it). */
function takePending(): Pending | undefined {
  const text = sessionStorage.getItem(SIGN_IN_STORAGE_KEY);
  sessionStorage.removeItem(SIGN_IN_STORAGE_KEY);
  if (text === null) return undefined;
  try {
    const p = JSON.parse(text) as Partial<Pending> | null;
    const valid = p?.v === 1 && typeof p.state === 'string' && typeof p.verifier === 'string' && (p.method === 'bankid' || p.method === 'freja')
      && typeof p.token === 'string' && p.token !== '' && typeof p.redirectUri === 'string' && typeof p.startedAt === 'number';
    return valid ? (p as Pending) : undefined;
  } catch {
    return undefined;
  }
}

/** Takes the broker's parameters out of the address bar, if `current` is this page's address. */
function cleanAddressBar(current: URL): void {
  if (typeof location === 'undefined' || current.href !== new URL(location.href).href) return;
  const clean = new URL(current.href);
  for (const name of CALLBACK_PARAMS) clean.searchParams.delete(name);
  history.replaceState(history.state, '', clean.href);
}

/** An error the broker sent back instead of a code. */
function authorizationFailure(error: string, description: string | null): SignInFailureCode {
  switch (error) {
    case 'access_denied':
      // OAuth has one code for "the user cancelled" and "the broker refused"; brokers say which in words.
      return description === null || /cancel|abort|avbr/i.test(description) ? 'cancelled' : 'denied';
    case 'login_required':
    case 'interaction_required':
    case 'consent_required':
    case 'account_selection_required':
    case 'unmet_authentication_requirements':
    case 'unauthorized_client':
      return 'denied';
    default:
      return 'failed';
  }
}

class ExchangeRefused extends Error {
  constructor(readonly error: string) {
    super(error);
  }
}

/** The nonce in an ID token, read without checking anything else (the nurse's side does that). */
function nonceOf(idToken: string): unknown {
  const payload = idToken.split('.')[1] ?? '';
  const binary = atob(payload.replace(/-/g, '+').replace(/_/g, '/'));
  const json = new TextDecoder().decode(Uint8Array.from(binary, (c) => c.charCodeAt(0)));
  return (JSON.parse(json) as { nonce?: unknown } | null)?.nonce;
}

async function exchange(url: string, code: string, verifier: string, redirectUri: string, nonce: string): Promise<string> {
  const response = await fetch(new URL(url, typeof location === 'undefined' ? undefined : location.href), {
    method: 'POST',
    headers: { 'Content-Type': 'application/json', Accept: 'application/json' },
    body: JSON.stringify({ code, code_verifier: verifier, redirect_uri: redirectUri }),
    credentials: 'omit',
  });
  const body = (await response.json().catch(() => null)) as { id_token?: unknown; error?: unknown } | null;
  if (!response.ok || typeof body?.id_token !== 'string') throw new ExchangeRefused(typeof body?.error === 'string' ? body.error : 'failed');
  if (nonceOf(body.id_token) !== nonce) throw new ExchangeRefused('nonce');
  return body.id_token;
}

/** A failure on the way from the code to the ID token. */
function exchangeFailure(e: unknown): SignInFailureCode {
  if (e instanceof oauth.AuthorizationResponseError) return authorizationFailure(e.error, e.error_description ?? null);
  // The code was used already or has expired.
  if (e instanceof oauth.ResponseBodyError && e.error === 'invalid_grant') return 'expired';
  if (e instanceof ExchangeRefused && e.error === 'invalid_grant') return 'expired';
  return 'failed';
}

/**
 * Completes a sign-in when `current` (this page's address) is the broker's callback: checks
 * `state`, redeems the code (at the broker's token endpoint, or through `tokenExchangeUrl`) and
 * gives the ID token with the method and the link's token from before the trip. Undefined when
 * `current` is not a callback. The waiting sign-in is removed from storage and the broker's
 * parameters from the address bar, whatever the outcome.
 */
export async function completeSignIn(config: IdentityConfig, current: URL): Promise<SignInResult | undefined> {
  const expected = new URL(redirectUriOf(config));
  const params = current.searchParams;
  if (current.origin !== expected.origin || current.pathname !== expected.pathname) return undefined;
  if (!params.has('code') && !params.has('error')) return undefined;
  const pending = takePending();
  cleanAddressBar(current);
  if (!pending) return { ok: false, code: 'state' };
  const { token } = pending;
  if (params.get('state') !== pending.state) return { ok: false, code: 'state', token };
  if (Date.now() - pending.startedAt > MAX_SIGN_IN_MS) return { ok: false, code: 'expired', token };
  const error = params.get('error');
  if (error !== null) return { ok: false, code: authorizationFailure(error, params.get('error_description')), token };
  try {
    const issuer = new URL(config.issuer);
    const as = await discover(config.issuer);
    const client: oauth.Client = { client_id: config.clientId };
    // Checks state again and, where the broker sends it (RFC 9207), the issuer of the response.
    const callback = oauth.validateAuthResponse(as, client, params, pending.state);
    const nonce = await visitNonce(token);
    let idToken: string;
    if (config.tokenExchangeUrl) {
      idToken = await exchange(config.tokenExchangeUrl, callback.get('code') ?? '', pending.verifier, pending.redirectUri, nonce);
    } else {
      const response = await oauth.authorizationCodeGrantRequest(as, client, oauth.None(), callback, pending.redirectUri, pending.verifier, requestOptions(issuer));
      const result = await oauth.processAuthorizationCodeResponse(as, client, response, { expectedNonce: nonce, requireIdToken: true });
      if (!result.id_token) return { ok: false, code: 'failed', token };
      idToken = result.id_token;
    }
    return { ok: true, idToken, method: pending.method, token };
  } catch (e) {
    return { ok: false, code: exchangeFailure(e), token };
  }
}
