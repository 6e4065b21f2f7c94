import { expect } from 'chai';
import express from 'express';
import { createHmac } from 'node:crypto';
import { mkdtemp, rm } from 'node:fs/promises';
import { createServer, request, type Server } from 'node:http';
import type { AddressInfo } from 'node:net';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { after, before, beforeEach, describe, it } from 'node:test';
import { iceRouter, iceSettingsFromEnv, type IceAnswer, type IceSettings } from './ice.js';
import { spawnDemoServer } from './spawn.js';
import type { VisitListing } from './visit-directory.js';

// POST /api/ice: the router on its own with a clock and listings of the test's own, then the demo
// server as `npm start` runs it, for what a page is given.

const SECRET = 'shared-with-coturn';
const settings: IceSettings = { urls: ['stun:stun.region.example:3478', 'turn:turn.region.example:3478?transport=udp', 'turns:turn.region.example:443?transport=tcp'], secret: SECRET };
const NOW = Date.parse('2026-03-02T09:00:00Z');
const room = (n: number): string => `dh-${n.toString(16).padStart(32, '0')}`;
const listings = new Map<string, VisitListing>([
  [room(1), { clinic: 'Vårdcentralen Gagnef', start: '2026-03-02T09:00:00.000Z', durationMinutes: 45, status: 'booked' }],
  [room(2), { clinic: 'Vårdcentralen Gagnef', start: '2026-03-02T09:00:00.000Z', durationMinutes: 45, status: 'cancelled' }],
  [room(3), { clinic: 'Vårdcentralen Gagnef', start: '2026-03-02T07:00:00.000Z', durationMinutes: 45, status: 'booked' }],
  [room(4), { clinic: 'Vårdcentralen Gagnef', start: '2026-03-09T09:00:00.000Z', durationMinutes: 45, status: 'booked' }],
  ...[10, 11, 12, 13, 14].map((n): [string, VisitListing] => [room(n), { clinic: 'Leksand', start: '2026-03-02T09:00:00.000Z', durationMinutes: 30, status: 'booked' }]),
]);

let server: Server;
let port = 0;
/** Each test asks from an address of its own on loopback (127.0.0.x), as separate callers would. */
let from = '127.0.0.1';
const ask = (body: unknown, raw?: string): Promise<{ status: number; headers: Record<string, unknown>; text: string }> =>
  new Promise((resolve, reject) => {
    const req = request({ host: '127.0.0.1', port, localAddress: from, path: '/api/ice', method: 'POST', headers: { 'Content-Type': 'application/json' } }, (res) => {
      let text = '';
      res.on('data', (chunk: Buffer) => (text += chunk.toString()));
      res.on('end', () => { resolve({ status: res.statusCode ?? 0, headers: res.headers, text }); });
    });
    req.on('error', reject);
    req.end(raw ?? JSON.stringify(body));
  });
let addresses = 1;
beforeEach(() => {
  from = `127.0.0.${String(++addresses)}`;
});

before(async () => {
  const app = express();
  app.use('/api', iceRouter({ settings, listing: (r) => Promise.resolve(listings.get(r)), now: () => NOW }));
  // As the demo server answers errors: a status, no stack trace.
  // eslint-disable-next-line @typescript-eslint/no-unused-vars
  app.use((err: { status?: number }, _req: express.Request, res: express.Response, _next: express.NextFunction) => { res.status(err.status ?? 500).end(); });
  server = createServer(app);
  await new Promise<void>((done) => server.listen(0, '127.0.0.1', done));
  port = (server.address() as AddressInfo).port;
});
after(() => new Promise<void>((done) => { server.close(() => { done(); }); }));

describe('POST /api/ice', () => {
  it('gives the holder of a current listing a credential that lapses 30 minutes after the visit, signed with the shared secret', async () => {
    const response = await ask({ room: room(1) });
    expect(response.status).to.equal(200);
    expect(response.headers['cache-control']).to.equal('no-store');
    const answer = JSON.parse(response.text) as IceAnswer;
    const end = Date.parse('2026-03-02T09:45:00Z') + 30 * 60_000;
    expect(answer.expiresAt).to.equal(end);
    expect(answer.iceTransportPolicy).to.equal('all');
    expect(answer.iceServers[0]).to.deep.equal({ urls: ['stun:stun.region.example:3478'] });
    const turn = answer.iceServers[1] as { urls: string[]; username: string; credential: string };
    expect(turn.urls).to.deep.equal(['turn:turn.region.example:3478?transport=udp', 'turns:turn.region.example:443?transport=tcp']);
    const [expiry, label] = turn.username.split(':');
    expect(Number(expiry)).to.equal(end / 1000);
    // A random label: nothing of the room (nor of anyone) in what the TURN server logs.
    expect(label).to.match(/^[\w-]{8}$/);
    expect(turn.username).to.not.include(room(1).slice(3, 11));
    expect(turn.credential).to.equal(createHmac('sha1', SECRET).update(turn.username).digest('base64'));
    expect(JSON.stringify(answer)).to.not.include(SECRET);
  });

  it('caps a credential for a visit next week at four hours (the page renews it)', async () => {
    const answer = JSON.parse((await ask({ room: room(4) })).text) as IceAnswer;
    expect(answer.expiresAt).to.equal(NOW + 4 * 3_600_000);
  });

  const refused: [string, unknown, number][] = [
    ['an unknown room', { room: room(99) }, 403],
    ['a cancelled visit', { room: room(2) }, 403],
    ['a visit whose end and overrun are past', { room: room(3) }, 403],
    ['a room id of the wrong shape', { room: 'dh-1234' }, 400],
    ['extra fields', { room: room(1), name: 'Tolvan' }, 400],
    ['a list', [room(1)], 400],
  ];
  for (const [what, body, status] of refused) {
    it(`refuses ${what} (${String(status)}), with no credential`, async () => {
      const response = await ask(body);
      expect(response.status).to.equal(status);
      expect(response.text).to.not.include('credential');
    });
  }

  it('refuses a body that is not JSON, or too large', async () => {
    expect((await ask(undefined, '{"room":')).status).to.equal(400);
    expect((await ask(undefined, JSON.stringify({ room: 'x'.repeat(2000) }))).status).to.equal(413);
  });

  it('limits each listing to ten credentials at once, then one a minute', async () => {
    const statuses: number[] = [];
    for (let i = 0; i < 11; i++) statuses.push((await ask({ room: room(10) })).status);
    expect(statuses.slice(0, 10)).to.deep.equal(Array<number>(10).fill(200));
    const last = await ask({ room: room(10) });
    expect(last.status).to.equal(429);
    expect(last.headers['retry-after']).to.equal('60');
    // Another listing is not held up by this one.
    expect((await ask({ room: room(11) })).status).to.equal(200);
  });

  it('limits one address to twenty requests at once, whatever it asks for', async () => {
    const statuses: number[] = [];
    for (const n of [12, 13, 14]) for (let i = 0; i < 7; i++) statuses.push((await ask({ room: room(n) })).status);
    expect(statuses.slice(0, 20)).to.deep.equal(Array<number>(20).fill(200));
    expect(statuses[20]).to.equal(429);
    // Another address is not held up by this one.
    from = '127.0.0.250';
    expect((await ask({ room: room(12) })).status).to.equal(200);
  });
});

describe('ICE settings from the environment', () => {
  const table: [string, NodeJS.ProcessEnv, IceSettings | RegExp | undefined][] = [
    ['nothing set: none', {}, undefined],
    ['a TURN server with its secret', { DH_TURN_URLS: 'turn:127.0.0.1:3478', DH_TURN_SECRET: 's' }, { urls: ['turn:127.0.0.1:3478'], secret: 's' }],
    ['relay only', { DH_TURN_URLS: 'turn:a:1, stun:b:2', DH_TURN_SECRET: 's', DH_ICE_TRANSPORT_POLICY: 'relay' }, { urls: ['turn:a:1', 'stun:b:2'], secret: 's', policy: 'relay' }],
    ['STUN alone, no secret needed', { DH_TURN_URLS: 'stun:b:2' }, { urls: ['stun:b:2'] }],
    ['a TURN server without a secret (a long-lived password would have to go to browsers)', { DH_TURN_URLS: 'turn:a:1' }, /DH_TURN_SECRET/],
    ['a secret with no TURN server', { DH_TURN_SECRET: 's' }, /names no turn/],
    ['relay without TURN', { DH_ICE_TRANSPORT_POLICY: 'relay' }, /needs a TURN server/],
    ['a policy that does not exist', { DH_TURN_URLS: 'turn:a:1', DH_TURN_SECRET: 's', DH_ICE_TRANSPORT_POLICY: 'public' }, /all or relay/],
    ['an http URL', { DH_TURN_URLS: 'https://turn.example', DH_TURN_SECRET: 's' }, /stun:, turn: or turns:/],
  ];
  for (const [what, env, expected] of table) {
    it(what, () => {
      const got = iceSettingsFromEnv(env);
      if (expected instanceof RegExp) expect(got).to.be.a('string').that.matches(expected);
      else expect(got).to.deep.equal(expected);
    });
  }
});

describe('the demo server with a TURN server configured', () => {
  it('puts the address of /api/ice and the policy in the pages, never the secret, and issues credentials for a listing', async () => {
    const dir = await mkdtemp(join(tmpdir(), 'dh-ice-'));
    const demo = await spawnDemoServer({ dataDir: dir, ice: { urls: ['turn:127.0.0.1:3478'], secret: 'never-in-a-page', policy: 'relay' } });
    try {
      for (const page of ['/besok', '/tolk', '/lobby', '/']) {
        const html = await (await fetch(`${demo.url}${page}`)).text();
        expect(html, page).to.include('"iceUrl":"/api/ice"').and.include('"iceTransportPolicy":"relay"');
        expect(html, page).to.not.include('never-in-a-page');
      }
      const id = room(0xabc);
      const start = new Date(Date.now() + 5 * 60_000).toISOString();
      const created = await fetch(`${demo.url}/api/visits/${id}`, { method: 'PUT', headers: { 'Content-Type': 'application/json' }, body: JSON.stringify({ clinicId: 'gagnef', start, durationMinutes: 45, status: 'booked' }) });
      expect(created.status).to.equal(201);
      const response = await fetch(`${demo.url}/api/ice`, { method: 'POST', headers: { 'Content-Type': 'application/json' }, body: JSON.stringify({ room: id }) });
      expect(response.status).to.equal(200);
      const answer = (await response.json()) as IceAnswer;
      expect(answer.iceTransportPolicy).to.equal('relay');
      expect(answer.expiresAt).to.equal(Math.floor((Date.parse(start) + 75 * 60_000) / 1000) * 1000);
      expect(demo.output()).to.match(/ICE servers:\s+turn:127\.0\.0\.1:3478 \(TURN credentials from POST \/api\/ice\), relay only/);
    } finally {
      await demo.close();
      await rm(dir, { recursive: true, force: true });
    }
  });
});
