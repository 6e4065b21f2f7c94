// The patient's sign-in in Chromium against the demo server's real test provider (started by the
// test runner): discovery, the token endpoint (CORS) and the token exchange are called from this
// page; only the provider's sign-in form is filled in by the runner, from Node (/__dh/oidc/sign-in).
import { expect } from 'chai';
import { after, before, beforeEach, describe, it } from 'node:test';
import { newToken } from '../core/tokens.js';
import { LOA3 } from './claims.js';
import { beginSignIn, completeSignIn, SIGN_IN_STORAGE_KEY, visitNonce, type IdentityConfig, type SignInMethod } from './oidc-client.js';
import { verifyIdentity } from './verify.js';

interface Env {
  demoUrl: string;
  identity: { testIssuer: string; config: IdentityConfig };
}

let env: Env;
let config: IdentityConfig;

const METHODS: IdentityConfig['methods'] = [
  { id: 'bankid', acrValues: LOA3, loginHint: 'bankid' },
  { id: 'freja', acrValues: LOA3, loginHint: 'freja' },
];

/** What the runner's browser-less sign-in at the provider gives back: the callback address. */
async function providerSignIn(authorization: URL, choice: { personnummer: string; method: SignInMethod } | 'cancel'): Promise<URL> {
  const query = new URLSearchParams({ url: authorization.href, ...(choice === 'cancel' ? { cancel: '1' } : choice) });
  const response = await fetch(`/__dh/oidc/sign-in?${query}`);
  expect(response.status).to.equal(200);
  return new URL(((await response.json()) as { callback: string }).callback);
}

const stored = (): Record<string, unknown> | null => JSON.parse(sessionStorage.getItem(SIGN_IN_STORAGE_KEY) ?? 'null') as Record<string, unknown> | null;

/** The callback a broker would send back with `params`, for the sign-in waiting in storage. */
const callbackWith = (params: Record<string, string>): URL => {
  const url = new URL(config.redirectUri ?? '');
  for (const [name, value] of Object.entries({ state: String(stored()?.state), ...params })) url.searchParams.set(name, value);
  return url;
};

before(async () => {
  env = (await (await fetch('/__dh/env.json')).json()) as Env;
  config = { issuer: env.identity.testIssuer, clientId: 'dh-demo-besok', redirectUri: `${env.demoUrl}/besok`, methods: METHODS };
});
beforeEach(() => { sessionStorage.clear(); });
after(() => { sessionStorage.clear(); });

describe('patient sign-in (OIDC client)', () => {
  describe('beginSignIn', () => {
    it('gives the provider’s authorization address with PKCE S256, state, the visit’s nonce and the method, and no secret of the page', async () => {
      const token = newToken();
      const url = await beginSignIn(config, 'freja', token);
      expect(`${url.origin}${url.pathname}`).to.equal(`${env.identity.testIssuer}/auth`);
      const p = url.searchParams;
      expect(p.get('response_type')).to.equal('code');
      expect(p.get('client_id')).to.equal('dh-demo-besok');
      expect(p.get('redirect_uri')).to.equal(`${env.demoUrl}/besok`);
      expect(p.get('scope')).to.equal('openid https://id.oidc.se/scope/naturalPersonNumber');
      expect(p.get('code_challenge_method')).to.equal('S256');
      expect(p.get('code_challenge')).to.match(/^[A-Za-z0-9_-]{43}$/);
      expect(p.get('nonce')).to.equal(await visitNonce(token));
      expect(p.get('acr_values')).to.equal(LOA3);
      expect(p.get('login_hint')).to.equal('freja');
      const pending = stored();
      expect(pending).to.include({ method: 'freja', token, state: p.get('state'), redirectUri: `${env.demoUrl}/besok` });
      // The link's token and the PKCE verifier stay in this tab's storage, never in the URL.
      expect(url.href).not.to.contain(token);
      expect(url.href).not.to.contain(String(pending?.verifier));
    });

    it('rejects a method the region did not configure, and a provider that cannot be reached', async () => {
      const errors: unknown[] = [];
      await beginSignIn({ ...config, methods: [METHODS[0]!] }, 'freja', newToken()).catch((e: unknown) => errors.push(e));
      await beginSignIn({ ...config, issuer: 'http://127.0.0.1:9/oidc' }, 'bankid', newToken()).catch((e: unknown) => errors.push(e));
      expect(errors).to.have.length(2);
      expect(stored()).to.equal(null);
    });
  });

  describe('completeSignIn', () => {
    it('redeems the code at the provider (CORS) and gives an ID token the nurse’s side accepts against the live key set', async () => {
      const token = newToken();
      const callback = await providerSignIn(await beginSignIn(config, 'bankid', token), { personnummer: '19121212-1212', method: 'bankid' });
      const result = await completeSignIn(config, callback);
      expect(result).to.include({ ok: true, method: 'bankid', token });
      expect(stored()).to.equal(null);
      const idToken = result?.ok ? result.idToken : '';
      const check = await verifyIdentity(idToken, { issuer: config.issuer, audience: config.clientId, nonce: await visitNonce(token), personnummer: '19121212-1212' });
      expect(check).to.deep.equal({ ok: true, personnummer: '19121212-1212', givenName: 'Tolvan', familyName: 'Tolvansson', name: 'Tolvan Tolvansson', method: 'bankid' });
    });

    it('through the server’s token exchange, as the confidential client', async () => {
      const exchangeConfig: IdentityConfig = { ...config, clientId: 'dh-demo-besok-server', tokenExchangeUrl: `${env.demoUrl}/api/token` };
      const token = newToken();
      const callback = await providerSignIn(await beginSignIn(exchangeConfig, 'freja', token), { personnummer: '19730288-9931', method: 'freja' });
      const result = await completeSignIn(exchangeConfig, callback);
      expect(result).to.include({ ok: true, method: 'freja', token });
      const check = await verifyIdentity(result?.ok ? result.idToken : '', { issuer: config.issuer, audience: 'dh-demo-besok-server', nonce: await visitNonce(token), personnummer: '19730288-9931' });
      expect(check).to.include({ ok: true, method: 'freja', name: 'Amir Exempelsson' });
    });

    it('cancelled: the patient pressed "Avbryt" at the provider; the link’s token comes back all the same', async () => {
      const token = newToken();
      const callback = await providerSignIn(await beginSignIn(config, 'bankid', token), 'cancel');
      expect(await completeSignIn(config, callback)).to.deep.equal({ ok: false, code: 'cancelled', token });
      expect(stored()).to.equal(null);
    });

    it('expired: a code redeemed already', async () => {
      const token = newToken();
      const callback = await providerSignIn(await beginSignIn(config, 'bankid', token), { personnummer: '19121212-1212', method: 'bankid' });
      const pending = sessionStorage.getItem(SIGN_IN_STORAGE_KEY) ?? '';
      expect(await completeSignIn(config, callback)).to.include({ ok: true });
      sessionStorage.setItem(SIGN_IN_STORAGE_KEY, pending);
      expect(await completeSignIn(config, callback)).to.deep.equal({ ok: false, code: 'expired', token });
    });

    it('expired: a sign-in that comes back after half an hour', async () => {
      const token = newToken();
      await beginSignIn(config, 'bankid', token);
      sessionStorage.setItem(SIGN_IN_STORAGE_KEY, JSON.stringify({ ...stored(), startedAt: Date.now() - 31 * 60_000 }));
      expect(await completeSignIn(config, callbackWith({ code: 'whatever' }))).to.deep.equal({ ok: false, code: 'expired', token });
    });

    it('state: a callback for another sign-in, or with none waiting in this tab', async () => {
      const token = newToken();
      const callback = await providerSignIn(await beginSignIn(config, 'bankid', token), { personnummer: '19121212-1212', method: 'bankid' });
      const forged = new URL(callback);
      forged.searchParams.set('state', 'someone-elses');
      expect(await completeSignIn(config, forged)).to.deep.equal({ ok: false, code: 'state', token });
      expect(stored()).to.equal(null);
      // Nothing waiting (another tab, storage cleared): no token to give back.
      expect(await completeSignIn(config, callback)).to.deep.equal({ ok: false, code: 'state' });
    });

    const errors: [string, Record<string, string>, string][] = [
      ['access_denied with no words', { error: 'access_denied' }, 'cancelled'],
      ['access_denied, the user cancelled', { error: 'access_denied', error_description: 'User cancelled the login' }, 'cancelled'],
      ['access_denied, in Swedish', { error: 'access_denied', error_description: 'Användaren avbröt' }, 'cancelled'],
      ['access_denied for another reason', { error: 'access_denied', error_description: 'Certificate revoked' }, 'denied'],
      ['the method’s level not reached', { error: 'unmet_authentication_requirements' }, 'denied'],
      ['login_required', { error: 'login_required' }, 'denied'],
      ['a broker error', { error: 'server_error' }, 'failed'],
      ['a broker that is down', { error: 'temporarily_unavailable' }, 'failed'],
    ];
    for (const [what, params, code] of errors) {
      it(`${code}: ${what}`, async () => {
        const token = newToken();
        await beginSignIn(config, 'bankid', token);
        expect(await completeSignIn(config, callbackWith(params))).to.deep.equal({ ok: false, code, token });
      });
    }

    it('expired: a code the provider does not know (invalid_grant)', async () => {
      const token = newToken();
      await beginSignIn(config, 'bankid', token);
      const callback = callbackWith({ code: 'made-up', iss: config.issuer });
      expect(await completeSignIn(config, callback)).to.deep.equal({ ok: false, code: 'expired', token });
    });

    it('leaves an address that is not a callback alone (undefined), and the waiting sign-in with it', async () => {
      await beginSignIn(config, 'bankid', newToken());
      const before = sessionStorage.getItem(SIGN_IN_STORAGE_KEY);
      for (const url of [`${env.demoUrl}/besok`, `${env.demoUrl}/besok?lang=en`, `${env.demoUrl}/tolk?code=x&state=y`, `http://localhost:1/besok?code=x&state=y`]) {
        expect(await completeSignIn(config, new URL(url)), url).to.equal(undefined);
      }
      expect(sessionStorage.getItem(SIGN_IN_STORAGE_KEY)).to.equal(before);
    });

    it('takes the provider’s parameters out of the address bar of this page, keeping the rest', async () => {
      const original = location.href;
      try {
        const here = new URL(location.href);
        here.search = '?keep=1&code=abc&state=xyz&iss=somewhere';
        history.replaceState(history.state, '', here.href);
        // This page as its own redirect URI (the default), with no sign-in waiting.
        const result = await completeSignIn({ ...config, redirectUri: undefined }, new URL(location.href));
        expect(result).to.deep.equal({ ok: false, code: 'state' });
        expect(location.search).to.equal('?keep=1');
      } finally {
        history.replaceState(history.state, '', original);
      }
    });
  });
});
