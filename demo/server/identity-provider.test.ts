// The demo's test identity provider, driven from Node as a browser would drive it (its pages are
// forms): discovery and keys, the sign-in page under the CSP, the tokens it issues and how the
// nurse's check takes them, and what it refuses.
import { expect } from 'chai';
import { decodeJwt } from 'jose';
import { mkdtemp, readFile, rm, writeFile } from 'node:fs/promises';
import { request as httpRequest } from 'node:http';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { after, before, describe, it } from 'node:test';
import * as oauth from 'oauth4webapi';
import { LOA3 } from '../../components/src/identity/claims.js';
import { verifyIdentity } from '../../components/src/identity/verify.js';
import { boundedMemoryAdapter } from './idp/memory-adapter.js';
import { signInByFetch, type CookieJar } from './idp/sign-in-by-fetch.js';
import { TEST_PERSONS } from './idp/test-persons.js';
import { authorize, redeem, signIn } from './oidc-test-client.js';
import { spawnDemoServer, type SpawnedServer } from './spawn.js';

const PORTAL = 'https://vard.example.se';
const TOKEN = 'q3Vb0r1dXk9Zt2mN4pLs7w';
const PNR = 'https://id.oidc.se/claim/personalIdentityNumber';
const CON = 'https://id.oidc.se/claim/coordinationNumber';

let dir = '';
let server: SpawnedServer;

/** A request with headers fetch() would not send as given (Host). */
const raw = (method: string, path: string, headers: Record<string, string>): Promise<{ status: number; headers: Record<string, unknown>; body: string }> =>
  new Promise((resolve, reject) => {
    const req = httpRequest(`${server.url}${path}`, { method, headers }, (response) => {
      let body = '';
      response.setEncoding('utf8');
      response.on('data', (chunk: string) => (body += chunk));
      response.once('end', () => { resolve({ status: response.statusCode ?? 0, headers: response.headers, body }); });
    });
    req.once('error', reject);
    req.end();
  });

/** The sign-in page of a fresh authorization request, with its response. */
async function loginPage(params: Record<string, string | undefined> = {}): Promise<{ page: Response; html: string; cookies: string[] }> {
  const a = await authorize(server, { params });
  const first = await fetch(a.url, { redirect: 'manual' });
  const cookies = first.headers.getSetCookie();
  const cookie = cookies.map((c) => c.split(';')[0]).join('; ');
  const page = await fetch(new URL(first.headers.get('location') ?? '', a.url), { headers: { Cookie: cookie }, redirect: 'manual' });
  return { page, html: await page.text(), cookies };
}

before(async () => {
  dir = await mkdtemp(join(tmpdir(), 'dh-idp-'));
  server = await spawnDemoServer({ dataDir: dir, allowedOrigins: [PORTAL] });
});
after(async () => {
  await server.close();
  await rm(dir, { recursive: true, force: true });
});

describe('test identity provider', () => {
  describe('discovery and keys', () => {
    it('publishes its configuration under the issuer: code flow with PKCE S256 only, RS256, the Swedish profile’s scope and claims', async () => {
      const response = await fetch(`${server.issuer}/.well-known/openid-configuration`);
      expect(response.status).to.equal(200);
      const metadata = (await response.json()) as Record<string, unknown>;
      expect(metadata.issuer).to.equal(server.issuer);
      expect(server.issuer).to.equal(`${server.url}/oidc`);
      expect(metadata.response_types_supported).to.deep.equal(['code']);
      expect(metadata.code_challenge_methods_supported).to.deep.equal(['S256']);
      expect(metadata.id_token_signing_alg_values_supported).to.deep.equal(['RS256']);
      expect(metadata.acr_values_supported).to.deep.equal([LOA3]);
      expect(metadata.scopes_supported).to.include('https://id.oidc.se/scope/naturalPersonNumber');
      expect(metadata.claims_supported).to.include.members([PNR, CON, 'given_name', 'family_name', 'name', 'amr', 'acr']);
      expect(metadata.authorization_response_iss_parameter_supported).to.equal(true);
      expect(metadata.end_session_endpoint).to.equal(undefined);
    });

    it('lets any site read the configuration and the key set (CORS *), and the key set holds no private part', async () => {
      for (const path of ['/.well-known/openid-configuration', '/jwks']) {
        const response = await fetch(`${server.issuer}${path}`, { headers: { Origin: 'https://any-region.example' } });
        expect(response.status, path).to.equal(200);
        expect(response.headers.get('access-control-allow-origin'), path).to.be.oneOf(['*', 'https://any-region.example']);
      }
      const { keys } = (await (await fetch(`${server.issuer}/jwks`)).json()) as { keys: Record<string, unknown>[] };
      expect(keys).to.have.length(1);
      expect(keys[0]).to.include({ kty: 'RSA', alg: 'RS256', use: 'sig' });
      for (const secret of ['d', 'p', 'q', 'dp', 'dq', 'qi']) expect(keys[0], secret).not.to.have.property(secret);
    });

    it('answers only to the hosts it serves (DNS rebinding), like the rest of the server', async () => {
      for (const path of ['/oidc/.well-known/openid-configuration', '/oidc/jwks', '/oidc/auth']) {
        expect((await raw('GET', path, { Host: 'evil.example' })).status, path).to.equal(421);
      }
      expect((await raw('GET', '/oidc/jwks', { Host: `localhost:${server.port}` })).status).to.equal(200);
    });

    it('keeps its signing key in the data directory: the same keys after a restart', async () => {
      const keysBefore = await (await fetch(`${server.issuer}/jwks`)).text();
      const again = await spawnDemoServer({ dataDir: dir });
      try {
        expect(await (await fetch(`${again.issuer}/jwks`)).text()).to.equal(keysBefore);
      } finally {
        await again.close();
      }
      const file = JSON.parse(await readFile(join(dir, 'oidc-provider-keys.json'), 'utf8')) as { signing: { kid: string } };
      expect(keysBefore).to.contain(file.signing.kid);
    });

    it('refuses to start on a damaged keys file, naming it and leaving it as it was', async () => {
      const damagedDir = await mkdtemp(join(tmpdir(), 'dh-idp-damaged-'));
      try {
        await writeFile(join(damagedDir, 'oidc-provider-keys.json'), '{"signing": {"kty": "RSA"');
        let error: unknown;
        await spawnDemoServer({ dataDir: damagedDir }).then((s) => s.close(), (e: unknown) => (error = e));
        expect(String(error)).to.contain('oidc-provider-keys.json');
        expect(await readFile(join(damagedDir, 'oidc-provider-keys.json'), 'utf8')).to.equal('{"signing": {"kty": "RSA"');
      } finally {
        await rm(damagedDir, { recursive: true, force: true });
      }
    });
  });

  describe('the sign-in page', () => {
    it('is Swedish, marked as a test, lists the test persons and both methods, with no inline script or style', async () => {
      const { page, html } = await loginPage();
      expect(page.status).to.equal(200);
      expect(page.headers.get('cache-control')).to.equal('no-store');
      expect(html).to.match(/<html lang="sv">/);
      expect(html).to.contain('Testinloggning – inte riktigt BankID');
      expect(html).to.contain('TESTMILJÖ');
      for (const person of TEST_PERSONS) {
        expect(html).to.contain(person.personnummer);
        expect(html).to.contain(`${person.givenName} ${person.familyName}`);
      }
      expect(html).to.contain('value="bankid"').and.to.contain('value="freja"');
      expect(html).not.to.match(/<script|<style|\sstyle=|\son[a-z]+=/i);
      expect(html).to.contain('<link rel="stylesheet" href="/idp/testinloggning.css">');
      const css = await fetch(`${server.url}/idp/testinloggning.css`);
      expect(css.status).to.equal(200);
      expect(css.headers.get('content-type')).to.match(/^text\/css/);
    });

    it('is served under the strict CSP, its form allowed to lead back to the client’s page only', async () => {
      const { page } = await loginPage({ redirect_uri: `http://localhost:${server.port}/besok` });
      const csp = page.headers.get('content-security-policy') ?? '';
      expect(csp).to.contain("script-src 'self';").and.to.contain("style-src 'self';");
      expect(csp).not.to.match(/unsafe-inline|unsafe-eval/);
      expect(csp).to.contain(`form-action 'self' http://localhost:${server.port};`);
    });

    it('labels every choice and groups them, so that it works by keyboard and screen reader', async () => {
      const { html } = await loginPage();
      const inputs = html.match(/<input[^>]*>/g) ?? [];
      expect(inputs).to.have.length(2 + TEST_PERSONS.length);
      // Each input sits inside its label; two fieldsets with legends; real buttons.
      expect((html.match(/<label class="idp-choice"><input/g) ?? []).length).to.equal(inputs.length);
      expect(html.match(/<legend>[^<]+<\/legend>/g)).to.deep.equal(['<legend>Legitimering</legend>', '<legend>Testperson</legend>']);
      expect(html).to.match(/<button type="submit" class="idp-primary">Legitimera<\/button>/);
      expect(html).to.match(/<button type="submit" formaction="[^"]+\/abort" formnovalidate>Avbryt<\/button>/);
    });

    it('starts with the method the client hinted at', async () => {
      expect((await loginPage({ login_hint: 'freja' })).html).to.match(/value="freja" checked/);
      expect((await loginPage({ login_hint: 'bankid' })).html).to.match(/value="bankid" checked/);
    });

    it('keeps its cookies to its own paths, HttpOnly and SameSite=Lax', async () => {
      const { trace } = await signIn(server, { personnummer: '19121212-1212', method: 'bankid' });
      expect(trace.cookies.length).to.be.greaterThan(0);
      for (const cookie of trace.cookies) {
        expect(cookie).to.match(/; path=\/oidc(\/|;)/);
        expect(cookie).to.match(/; httponly/i).and.to.match(/samesite=lax/i);
      }
    });

    it('asks again when the form lacks a choice', async () => {
      let error: unknown;
      const a = await authorize(server);
      await signInByFetch(a.url, { fields: { method: 'bankid' } }).catch((e: unknown) => (error = e));
      expect(String(error)).to.contain('answered 400').and.to.contain('role="alert"').and.to.contain('Välj både legitimering och testperson.');
    });

    it('says in Swedish that a sign-in is gone, for an address of no sign-in under way', async () => {
      const response = await fetch(`${server.issuer}/interaction/no-such-sign-in`);
      expect(response.status).to.equal(400);
      const html = await response.text();
      expect(html).to.contain('Inloggningen har gått ut').and.to.match(/<html lang="sv">/);
      expect(html).not.to.match(/<script|<style|\sstyle=/i);
    });
  });

  describe('the ID token', () => {
    it('carries the person, the names, LoA 3 and the method, and passes the nurse’s check against the live key set', async () => {
      const { idToken, authorization } = await signIn(server, { personnummer: '19121212-1212', method: 'bankid' }, { token: TOKEN });
      const claims = decodeJwt(idToken);
      expect(claims).to.include({ iss: server.issuer, aud: 'dh-demo-besok', [PNR]: '191212121212', given_name: 'Tolvan', family_name: 'Tolvansson', name: 'Tolvan Tolvansson', acr: LOA3, nonce: authorization.nonce });
      expect(claims.amr).to.deep.equal(['bankid']);
      expect(claims).not.to.have.property(CON);
      // Discovery and keys fetched over HTTP, as the nurse's browser does.
      const result = await verifyIdentity(idToken, { issuer: server.issuer, audience: 'dh-demo-besok', nonce: authorization.nonce, personnummer: '19121212-1212' });
      expect(result).to.deep.equal({ ok: true, personnummer: '19121212-1212', givenName: 'Tolvan', familyName: 'Tolvansson', name: 'Tolvan Tolvansson', method: 'bankid' });
    });

    it('gives a samordningsnummer in its own claim, and Freja eID as the method', async () => {
      const { idToken, authorization } = await signIn(server, { personnummer: '19730288-9931', method: 'freja' });
      const claims = decodeJwt(idToken);
      expect(claims).to.include({ [CON]: '197302889931', name: 'Amir Exempelsson' });
      expect(claims).not.to.have.property(PNR);
      expect(claims.amr).to.deep.equal(['freja']);
      const result = await verifyIdentity(idToken, { issuer: server.issuer, audience: 'dh-demo-besok', nonce: authorization.nonce, personnummer: '19730288-9931' });
      expect(result).to.include({ ok: true, method: 'freja' });
    });

    it('is refused by the nurse’s check for another booking’s person or visit', async () => {
      const { idToken, authorization } = await signIn(server, { personnummer: '19460823-9986', method: 'bankid' });
      const expected = { issuer: server.issuer, audience: 'dh-demo-besok', nonce: authorization.nonce, personnummer: '19460823-9986' };
      expect(await verifyIdentity(idToken, expected)).to.include({ ok: true });
      expect(await verifyIdentity(idToken, { ...expected, personnummer: '19121212-1212' })).to.deep.equal({ ok: false, code: 'person' });
      expect(await verifyIdentity(idToken, { ...expected, nonce: 'another-visit' })).to.deep.equal({ ok: false, code: 'nonce' });
      expect(await verifyIdentity(idToken, { ...expected, audience: 'another-client' })).to.deep.equal({ ok: false, code: 'audience' });
    });

    it('asks for a sign-in every time: an earlier one in the same browser does not sign in by itself', async () => {
      const jar: CookieJar = new Map();
      const first = await signIn(server, { personnummer: '19121212-1212', method: 'bankid' }, { jar });
      expect(first.trace.pages).to.have.length(1);
      expect([...jar.keys()]).to.include('_session');
      const second = await signIn(server, { personnummer: '20000405-9937', method: 'freja' }, { jar });
      expect(second.trace.pages).to.have.length(1);
      expect(decodeJwt(second.idToken)).to.include({ [PNR]: '200004059937' });
    });
  });

  describe('what it refuses', () => {
    it('"Avbryt" goes back to the client with access_denied and the state', async () => {
      const a = await authorize(server);
      const { callback } = await signInByFetch(a.url, { cancel: true });
      expect(`${callback.origin}${callback.pathname}`).to.equal(a.redirectUri);
      expect(callback.searchParams.get('error')).to.equal('access_denied');
      expect(callback.searchParams.get('state')).to.equal(a.state);
      expect(callback.searchParams.get('code')).to.equal(null);
    });

    it('a request without PKCE, or with plain PKCE, never reaches the sign-in page', async () => {
      for (const params of [{ code_challenge: undefined, code_challenge_method: undefined }, { code_challenge_method: 'plain' }]) {
        const a = await authorize(server, { params });
        const response = await fetch(a.url, { redirect: 'manual' });
        const location = new URL(response.headers.get('location') ?? '', a.url);
        expect(location.pathname).to.equal('/besok');
        expect(location.searchParams.get('error')).to.equal('invalid_request');
      }
    });

    it('a return address it does not know gets its own Swedish error page, not a redirect', async () => {
      for (const redirect of [`${PORTAL}/besok`, `${server.url}/lobby`, 'https://evil.example/besok']) {
        const a = await authorize(server, { params: { redirect_uri: redirect } });
        const response = await fetch(a.url, { redirect: 'manual' });
        expect(response.status, redirect).to.equal(400);
        const html = await response.text();
        expect(html).to.contain('Inloggningen kunde inte genomföras').and.to.contain('redirect_uri');
        expect(html).not.to.match(/<style|\sstyle=/i);
      }
    });

    it('a code is redeemed once, and only with its own verifier', async () => {
      const a = await authorize(server);
      const { callback } = await signInByFetch(a.url, { personnummer: '19121212-1212', method: 'bankid' });
      let wrong: unknown;
      await redeem(a, callback, oauth.generateRandomCodeVerifier()).catch((e: unknown) => (wrong = e));
      expect(wrong).to.be.instanceOf(oauth.ResponseBodyError);
      expect((wrong as oauth.ResponseBodyError).error).to.equal('invalid_grant');

      const b = await authorize(server);
      const second = await signInByFetch(b.url, { personnummer: '19121212-1212', method: 'bankid' });
      expect(await redeem(b, second.callback)).to.match(/^ey/);
      let replayed: unknown;
      await redeem(b, second.callback).catch((e: unknown) => (replayed = e));
      expect((replayed as oauth.ResponseBodyError).error).to.equal('invalid_grant');
    });

    it('answers the token endpoint’s CORS only for the server’s allowed origins', async () => {
      const preflight = await fetch(`${server.issuer}/token`, { method: 'OPTIONS', headers: { Origin: PORTAL, 'Access-Control-Request-Method': 'POST' } });
      expect(preflight.headers.get('access-control-allow-origin')).to.equal(PORTAL);
      const a = await authorize(server);
      const { callback } = await signInByFetch(a.url, { personnummer: '19121212-1212', method: 'bankid' });
      const body = new URLSearchParams({ grant_type: 'authorization_code', client_id: 'dh-demo-besok', code: callback.searchParams.get('code') ?? '', code_verifier: a.verifier, redirect_uri: a.redirectUri });
      const foreign = await fetch(`${server.issuer}/token`, { method: 'POST', body, headers: { Origin: 'https://evil.example' } });
      expect(foreign.status).to.equal(400);
      expect(foreign.headers.get('access-control-allow-origin')).to.equal(null);
      expect(((await foreign.json()) as { error: string }).error).to.equal('invalid_request');
    });

    it('the confidential client, when the exchange is off, does not exist', async () => {
      const a = await authorize(server, { clientId: 'dh-demo-besok-server' });
      const response = await fetch(a.url, { redirect: 'manual' });
      expect(response.status).to.equal(400);
      expect(await response.text()).to.contain('invalid_client');
    });
  });

  it('logs no personal data: nothing of a sign-in reaches the server’s output', async () => {
    await signIn(server, { personnummer: '19121212-1212', method: 'bankid' });
    const output = server.output();
    for (const person of TEST_PERSONS) {
      expect(output).not.to.contain(person.personnummer.slice(0, 8));
      expect(output).not.to.contain(person.familyName);
    }
    expect(output).not.to.match(/WARNING|error/i);
  });
});

describe('test provider’s store', () => {
  it('keeps at most its limit, dropping the oldest, and forgets what has expired', async () => {
    let now = 0;
    const adapter = boundedMemoryAdapter(3, () => now)('Interaction');
    for (const id of ['a', 'b', 'c', 'd']) await adapter.upsert(id, { uid: id }, 60);
    expect(await adapter.find('a')).to.equal(undefined);
    expect(await adapter.find('d')).to.deep.equal({ uid: 'd' });
    now = 61_000;
    expect(await adapter.find('d')).to.equal(undefined);
  });
});
