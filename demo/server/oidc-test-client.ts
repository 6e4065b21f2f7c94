/**
 * For tests: a relying party in Node (oauth4webapi) that signs in at the demo's test provider the
 * way the patient's page does, with the provider's forms filled in by fetch.
 */
import * as oauth from 'oauth4webapi';
import { visitNonce } from '../../components/src/core/identity-nonce.js';
import { DEFAULT_SCOPE, LOA3, type SignInMethod } from '../../components/src/identity/claims.js';
import { signInByFetch, type CookieJar, type SignInChoice, type SignInTrace } from './idp/sign-in-by-fetch.js';

// The test provider speaks plain http on this machine; oauth4webapi marks that option deprecated so that it stands out.
// eslint-disable-next-line @typescript-eslint/no-deprecated
export const LOCAL = { [oauth.allowInsecureRequests]: true } as const;

export interface Authorization {
  readonly as: oauth.AuthorizationServer;
  readonly url: URL;
  readonly verifier: string;
  readonly state: string;
  readonly nonce: string;
  readonly redirectUri: string;
  readonly clientId: string;
}

export async function discover(issuer: string): Promise<oauth.AuthorizationServer> {
  const url = new URL(issuer);
  return oauth.processDiscoveryResponse(url, await oauth.discoveryRequest(url, LOCAL));
}

/** The authorization request the patient's page would make; `params` overrides or removes (undefined) any parameter. */
export async function authorize(
  server: { url: string; issuer: string },
  options: { token?: string; clientId?: string; method?: SignInMethod; params?: Record<string, string | undefined> } = {},
): Promise<Authorization> {
  const as = await discover(server.issuer);
  const verifier = oauth.generateRandomCodeVerifier();
  const state = oauth.generateRandomState();
  const nonce = await visitNonce(options.token ?? 'q3Vb0r1dXk9Zt2mN4pLs7w');
  const redirectUri = `${server.url}/besok`;
  const clientId = options.clientId ?? 'dh-demo-besok';
  const url = new URL(as.authorization_endpoint ?? '');
  const params: Record<string, string | undefined> = {
    client_id: clientId,
    redirect_uri: redirectUri,
    response_type: 'code',
    scope: DEFAULT_SCOPE,
    state,
    nonce,
    code_challenge: await oauth.calculatePKCECodeChallenge(verifier),
    code_challenge_method: 'S256',
    acr_values: LOA3,
    login_hint: options.method ?? 'bankid',
    ...options.params,
  };
  for (const [name, value] of Object.entries(params)) if (value !== undefined) url.searchParams.set(name, value);
  return { as, url, verifier, state, nonce, redirectUri: params.redirect_uri ?? redirectUri, clientId };
}

/** Redeems the code as the public client; rejects with oauth4webapi's error if the provider refuses. */
export async function redeem(a: Authorization, callback: URL, verifier = a.verifier): Promise<string> {
  const client = { client_id: a.clientId };
  const params = oauth.validateAuthResponse(a.as, client, callback, a.state);
  const response = await oauth.authorizationCodeGrantRequest(a.as, client, oauth.None(), params, a.redirectUri, verifier, LOCAL);
  const result = await oauth.processAuthorizationCodeResponse(a.as, client, response, { expectedNonce: a.nonce, requireIdToken: true });
  return result.id_token ?? '';
}

/** Signs in as a test person and gives the ID token, with the trace of the pages on the way. */
export async function signIn(
  server: { url: string; issuer: string },
  choice: SignInChoice & { personnummer: string; method: SignInMethod },
  options: { token?: string; jar?: CookieJar } = {},
): Promise<{ idToken: string; authorization: Authorization; trace: SignInTrace }> {
  const authorization = await authorize(server, { method: choice.method, ...(options.token ? { token: options.token } : {}) });
  const trace = await signInByFetch(authorization.url, choice, options.jar);
  return { idToken: await redeem(authorization, trace.callback), authorization, trace };
}
