// POST /api/token: the server redeems the patient's code as a confidential client and gives back
// the ID token only. Against the demo's own test provider (DH_TOKEN_EXCHANGE=1), and against
// brokers that fail.
import { expect } from 'chai';
import express from 'express';
import { decodeJwt } from 'jose';
import { mkdtemp, rm } from 'node:fs/promises';
import { createServer, type Server } from 'node:http';
import type { AddressInfo } from 'node:net';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { after, before, describe, it } from 'node:test';
import { verifyIdentity } from '../../components/src/identity/verify.js';
import { signInByFetch } from './idp/sign-in-by-fetch.js';
import { authorize, type Authorization } from './oidc-test-client.js';
import { spawnDemoServer, type SpawnedServer } from './spawn.js';
import { tokenExchange } from './token-exchange.js';

const PORTAL = 'https://vard.example.se';
const CONFIDENTIAL = 'dh-demo-besok-server';

let dir = '';
let server: SpawnedServer;

const exchange = (body: unknown, headers: Record<string, string> = {}): Promise<Response> =>
  fetch(`${server.url}/api/token`, {
    method: 'POST',
    headers: { 'Content-Type': 'application/json', ...headers },
    body: typeof body === 'string' ? body : JSON.stringify(body),
  });

/** A sign-in at the test provider for the confidential client, up to the callback. */
async function callback(): Promise<{ a: Authorization; code: string }> {
  const a = await authorize(server, { clientId: CONFIDENTIAL });
  const { callback: url } = await signInByFetch(a.url, { personnummer: '19121212-1212', method: 'freja' });
  return { a, code: url.searchParams.get('code') ?? '' };
}

before(async () => {
  dir = await mkdtemp(join(tmpdir(), 'dh-exchange-'));
  server = await spawnDemoServer({ dataDir: dir, allowedOrigins: [PORTAL], tokenExchange: true });
});
after(async () => {
  await server.close();
  await rm(dir, { recursive: true, force: true });
});

describe('token exchange (DH_TOKEN_EXCHANGE=1)', () => {
  it('tells the page to sign in as the confidential client through /api/token, with no secret in sight', async () => {
    const config = (await (await fetch(`${server.url}/api/identity-config`)).json()) as Record<string, unknown>;
    expect(config).to.deep.include({ issuer: server.issuer, clientId: CONFIDENTIAL, tokenExchangeUrl: '/api/token' });
    expect(JSON.stringify(config)).not.to.match(/secret/i);
    expect(server.output()).to.contain('Token exchange:    ').and.not.to.match(/secret/i);
  });

  it('redeems the code and gives back the ID token only, which passes the nurse’s check', async () => {
    const { a, code } = await callback();
    const response = await exchange({ code, code_verifier: a.verifier, redirect_uri: a.redirectUri }, { Origin: PORTAL });
    expect(response.status).to.equal(200);
    expect(response.headers.get('cache-control')).to.equal('no-store');
    expect(response.headers.get('access-control-allow-origin')).to.equal(PORTAL);
    const body = (await response.json()) as Record<string, string>;
    expect(Object.keys(body)).to.deep.equal(['id_token']);
    expect(decodeJwt(body.id_token ?? '')).to.include({ aud: CONFIDENTIAL, nonce: a.nonce });
    const result = await verifyIdentity(body.id_token ?? '', { issuer: server.issuer, audience: CONFIDENTIAL, nonce: a.nonce, personnummer: '19121212-1212' });
    expect(result).to.include({ ok: true, method: 'freja', name: 'Tolvan Tolvansson' });
  });

  it('passes on the broker’s refusal of a code used twice, or with another verifier (invalid_grant)', async () => {
    const { a, code } = await callback();
    const body = { code, code_verifier: a.verifier, redirect_uri: a.redirectUri };
    expect((await exchange(body)).status).to.equal(200);
    const again = await exchange(body);
    expect(again.status).to.equal(400);
    expect(await again.json()).to.deep.equal({ error: 'invalid_grant' });

    const other = await callback();
    const wrong = await exchange({ code: other.code, code_verifier: 'x'.repeat(43), redirect_uri: other.a.redirectUri });
    expect(await wrong.json()).to.deep.equal({ error: 'invalid_grant' });
  });

  it('the code is worth nothing to the public client without the secret', async () => {
    const { a, code } = await callback();
    const body = new URLSearchParams({ grant_type: 'authorization_code', client_id: CONFIDENTIAL, code, code_verifier: a.verifier, redirect_uri: a.redirectUri });
    const response = await fetch(`${server.issuer}/token`, { method: 'POST', body });
    expect(response.status).to.equal(401);
    expect(((await response.json()) as { error: string }).error).to.equal('invalid_client');
  });

  const verifier = 'v'.repeat(43);
  const redirect = (): string => `${server.url}/besok`;
  const invalid: [string, () => unknown][] = [
    ['no body', () => ''],
    ['an array', () => []],
    ['no code', () => ({ code_verifier: verifier, redirect_uri: redirect() })],
    ['a code that is not a string', () => ({ code: 42, code_verifier: verifier, redirect_uri: redirect() })],
    ['a code with spaces', () => ({ code: 'a b', code_verifier: verifier, redirect_uri: redirect() })],
    ['a code far too long', () => ({ code: 'c'.repeat(2049), code_verifier: verifier, redirect_uri: redirect() })],
    ['a verifier too short for PKCE', () => ({ code: 'c', code_verifier: 'v'.repeat(42), redirect_uri: redirect() })],
    ['a verifier with characters PKCE does not allow', () => ({ code: 'c', code_verifier: `${'v'.repeat(42)}!`, redirect_uri: redirect() })],
    ['a redirect_uri on a foreign site', () => ({ code: 'c', code_verifier: verifier, redirect_uri: 'https://evil.example/besok' })],
    ['a redirect_uri with a fragment', () => ({ code: 'c', code_verifier: verifier, redirect_uri: `${redirect()}#x` })],
    ['a redirect_uri that is no URL', () => ({ code: 'c', code_verifier: verifier, redirect_uri: 'besok' })],
    ['a field it does not know (client_secret)', () => ({ code: 'c', code_verifier: verifier, redirect_uri: redirect(), client_secret: 'guess' })],
  ];
  for (const [what, body] of invalid) {
    it(`refuses ${what} (400)`, async () => {
      const response = await exchange(body());
      expect(response.status).to.equal(400);
    });
  }

  it('refuses a body over 8 kB (413) and what is not JSON (400)', async () => {
    expect((await exchange({ code: 'c'.repeat(9000), code_verifier: verifier, redirect_uri: redirect() })).status).to.equal(413);
    expect((await exchange('{"code":')).status).to.equal(400);
  });

  it('answers CORS only for allowed origins, and refuses a page of another site (403)', async () => {
    const preflight = await fetch(`${server.url}/api/token`, { method: 'OPTIONS', headers: { Origin: PORTAL, 'Access-Control-Request-Method': 'POST', 'Access-Control-Request-Headers': 'content-type' } });
    expect(preflight.status).to.equal(204);
    expect(preflight.headers.get('access-control-allow-origin')).to.equal(PORTAL);
    const foreignPreflight = await fetch(`${server.url}/api/token`, { method: 'OPTIONS', headers: { Origin: 'https://evil.example', 'Access-Control-Request-Method': 'POST' } });
    expect(foreignPreflight.headers.get('access-control-allow-origin')).to.equal(null);
    const { a, code } = await callback();
    const foreign = await exchange({ code, code_verifier: a.verifier, redirect_uri: a.redirectUri }, { Origin: 'https://evil.example' });
    expect(foreign.status).to.equal(403);
    expect(foreign.headers.get('access-control-allow-origin')).to.equal(null);
  });

  it('is not there unless switched on', async () => {
    const plainDir = await mkdtemp(join(tmpdir(), 'dh-exchange-off-'));
    const plain = await spawnDemoServer({ dataDir: plainDir });
    try {
      const response = await fetch(`${plain.url}/api/token`, { method: 'POST', headers: { 'Content-Type': 'application/json' }, body: '{}' });
      expect(response.status).to.equal(404);
      const config = (await (await fetch(`${plain.url}/api/identity-config`)).json()) as Record<string, unknown>;
      expect(config).to.deep.include({ issuer: plain.issuer, clientId: 'dh-demo-besok' });
      expect(config).not.to.have.property('tokenExchangeUrl');
    } finally {
      await plain.close();
      await rm(plainDir, { recursive: true, force: true });
    }
  });
});

describe('token exchange against a broker that fails', () => {
  /** A broker with the given token endpoint, and the exchange in front of it. */
  async function rig(token: express.RequestHandler, options: { timeoutMs?: number; maxInFlight?: number } = {}): Promise<{ url: string; close: () => Promise<void> }> {
    const app = express();
    const http: Server = createServer(app);
    await new Promise<void>((resolve) => http.listen(0, '127.0.0.1', resolve));
    const base = `http://127.0.0.1:${(http.address() as AddressInfo).port}`;
    app.get('/broker/.well-known/openid-configuration', (_req, res) => { res.json({ issuer: `${base}/broker`, token_endpoint: `${base}/broker/token` }); });
    app.post('/broker/token', token);
    app.post('/api/token', express.json(), tokenExchange({ broker: { issuer: `${base}/broker`, clientId: 'c', clientSecret: 's' }, origins: new Set([base]), ...options }));
    return { url: base, close: () => new Promise((resolve) => { http.closeAllConnections(); http.close(() => { resolve(); }); }) };
  }
  const post = (base: string): Promise<Response> => fetch(`${base}/api/token`, {
    method: 'POST',
    headers: { 'Content-Type': 'application/json' },
    body: JSON.stringify({ code: 'abc', code_verifier: 'v'.repeat(43), redirect_uri: `${base}/besok` }),
  });

  const cases: [string, express.RequestHandler, number, string][] = [
    ['a token response without an ID token', (_req, res) => { res.json({ access_token: 'at', refresh_token: 'rt', token_type: 'Bearer' }); }, 502, 'no_id_token'],
    ['an ID token that is not a JWT', (_req, res) => { res.json({ id_token: 'not a jwt' }); }, 502, 'no_id_token'],
    ['a server error', (_req, res) => { res.status(500).send('boom'); }, 502, 'broker_error'],
    ['an answer far too large', (_req, res) => { res.json({ id_token: 'a.b.c', padding: 'x'.repeat(100_000) }); }, 502, 'no_id_token'],
  ];
  for (const [what, handler, status, error] of cases) {
    it(`${status} ${error}: ${what}, and never an access or refresh token`, async () => {
      const broker = await rig(handler);
      try {
        const response = await post(broker.url);
        expect(response.status).to.equal(status);
        const text = await response.text();
        expect(JSON.parse(text)).to.deep.equal({ error });
        expect(text).not.to.match(/at|rt|boom/);
      } finally {
        await broker.close();
      }
    });
  }

  it('sends the client secret to the broker (Basic), and gives back only the ID token', async () => {
    let authorization = '';
    const broker = await rig((req, res) => {
      authorization = req.headers.authorization ?? '';
      res.json({ id_token: 'eyJhbGciOiJSUzI1NiJ9.eyJzdWIiOiJ4In0.c2ln', access_token: 'at', refresh_token: 'rt' });
    });
    try {
      const response = await post(broker.url);
      expect(await response.json()).to.deep.equal({ id_token: 'eyJhbGciOiJSUzI1NiJ9.eyJzdWIiOiJ4In0.c2ln' });
      expect(authorization).to.equal(`Basic ${Buffer.from('c:s').toString('base64')}`);
    } finally {
      await broker.close();
    }
  });

  it('gives up on a broker that does not answer in time (502)', async () => {
    const broker = await rig(() => undefined, { timeoutMs: 300 });
    try {
      const response = await post(broker.url);
      expect(response.status).to.equal(502);
      expect(await response.json()).to.deep.equal({ error: 'broker_unavailable' });
    } finally {
      await broker.close();
    }
  });

  it('keeps at most its limit of exchanges waiting on the broker (503 beyond)', async () => {
    const waiting: (() => void)[] = [];
    const broker = await rig((_req, res) => { waiting.push(() => res.json({ id_token: 'a.b.c' })); }, { maxInFlight: 2 });
    try {
      const first = [post(broker.url), post(broker.url)];
      while (waiting.length < 2) await new Promise((resolve) => setTimeout(resolve, 10));
      expect((await post(broker.url)).status).to.equal(503);
      for (const answer of waiting) answer();
      expect((await Promise.all(first)).map((r) => r.status)).to.deep.equal([200, 200]);
      // Room again once they are answered.
      const later = post(broker.url);
      while (waiting.length < 3) await new Promise((resolve) => setTimeout(resolve, 10));
      waiting[2]?.();
      expect((await later).status).to.equal(200);
    } finally {
      await broker.close();
    }
  });
});
