import { expect } from 'chai';
import { mkdtemp, readFile, rm, writeFile } from 'node:fs/promises';
import { get as httpGet } from 'node:http';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { after, before, describe, it } from 'node:test';
import { WebSocket } from 'ws';
import { attack, connectPeer, flood, oversized, sendInvalidFrame, upgrade, type TestPeer } from './hostile-clients.js';
import { spawnDemoServer, type SpawnedServer } from './spawn.js';

let dir = '';
let server: SpawnedServer;

const post = (path: string, body: unknown, headers: Record<string, string> = {}): Promise<Response> =>
  fetch(`${server.url}${path}`, {
    method: 'POST',
    headers: { 'Content-Type': 'application/json', ...headers },
    body: typeof body === 'string' ? body : JSON.stringify(body),
  });
const outbox = async (): Promise<{ id: string; encoding: string; segments: number }[]> =>
  (await (await fetch(`${server.url}/outbox.json`)).json()) as { id: string; encoding: string; segments: number }[];
const sms = (over: Record<string, unknown> = {}): Record<string, unknown> => ({
  id: crypto.randomUUID(), to: '+46701234567', text: 'Hej! Länk: https://example.se/b#t=x', kind: 'invite', ...over,
});

/** A region's site that embeds the elements and calls this server from its own origin. */
const PORTAL = 'https://vard.example.se';

/** A GET with headers that fetch() would not send as given (Host). */
const rawGet = (path: string, headers: Record<string, string>): Promise<{ status: number; body: string }> =>
  new Promise((resolve, reject) => {
    httpGet(`${server.url}${path}`, { headers }, (response) => {
      let body = '';
      response.setEncoding('utf8');
      response.on('data', (chunk: string) => (body += chunk));
      response.once('end', () => { resolve({ status: response.statusCode ?? 0, body }); });
    }).once('error', reject);
  });

before(async () => {
  dir = await mkdtemp(join(tmpdir(), 'dh-server-'));
  server = await spawnDemoServer({ dataDir: dir, allowedOrigins: [PORTAL] });
});
after(async () => {
  await server.close();
  await rm(dir, { recursive: true, force: true });
});

describe('demo server', () => {
  describe('SMS relay', () => {
    it('accepts a valid message (202) and lists it newest last', async () => {
      const first = sms({ text: 'först' });
      const second = sms({ text: 'sedan' });
      expect((await post('/api/sms', first)).status).to.equal(202);
      expect((await post('/api/sms', second)).status).to.equal(202);
      const list = (await (await fetch(`${server.url}/outbox.json`)).json()) as { id: string; encoding: string; segments: number }[];
      expect(list.slice(-2).map((m) => m.id)).to.deep.equal([first.id, second.id]);
      expect(list.at(-1)).to.include({ encoding: 'GSM-7', segments: 1 });
    });

    it('takes a retried message once (idempotent by id)', async () => {
      const m = sms({ text: 'en gång' });
      expect((await post('/api/sms', m)).status).to.equal(202);
      expect((await post('/api/sms', m)).status).to.equal(200);
      expect((await outbox()).filter((x) => x.id === m.id)).to.have.length(1);
    });

    const bad: [string, unknown, string][] = [
      ['a landline', sms({ to: '+4681234567' }), 'to'],
      ['a national number', sms({ to: '0701234567' }), 'to'],
      ['a foreign number', sms({ to: '+4741234567' }), 'to'],
      ['no text', sms({ text: '  ' }), 'text'],
      ['an eleven-part text', sms({ text: 'a'.repeat(153 * 10 + 1) }), 'text'],
      ['no id', sms({ id: undefined }), 'id'],
      ['a bad kind', sms({ kind: '<script>' }), 'kind'],
      ['not an object', [1, 2], 'id'],
    ];
    for (const [what, body, field] of bad) {
      it(`refuses ${what} with 400 and a Swedish reason for "${field}"`, async () => {
        const before = (await outbox()).length;
        const response = await post('/api/sms', body);
        expect(response.status).to.equal(400);
        const answer = (await response.json()) as { error: string; fields: Record<string, string> };
        expect(Object.keys(answer.fields)).to.include(field);
        expect(answer.error).to.be.a('string').and.not.equal('');
        expect((await outbox()).length).to.equal(before);
      });
    }

    it('refuses broken JSON and oversize bodies without a stack trace', async () => {
      const broken = await post('/api/sms', '{"id":');
      expect(broken.status).to.equal(400);
      expect(await broken.json()).to.deep.equal({ error: 'Kroppen är inte giltig JSON.' });
      const huge = await post('/api/sms', sms({ text: 'a'.repeat(40_000) }));
      expect(huge.status).to.equal(413);
    });

    it('simulates an outage for the next N messages', async () => {
      expect((await post('/api/demo/sms-outage', { failNext: 2, status: 503 })).status).to.equal(200);
      expect((await post('/api/sms', sms())).status).to.equal(503);
      expect((await post('/api/sms', sms())).status).to.equal(503);
      expect((await post('/api/sms', sms())).status).to.equal(202);
      expect((await post('/api/demo/sms-outage', { failNext: -1 })).status).to.equal(400);
      // One number only: the others' messages go through.
      expect((await post('/api/demo/sms-outage', { failNext: 1, status: 503, to: '+46705550099' })).status).to.equal(200);
      expect((await post('/api/sms', sms())).status).to.equal(202);
      expect((await post('/api/sms', sms({ to: '+46705550099' }))).status).to.equal(503);
      expect((await post('/api/sms', sms({ to: '+46705550099' }))).status).to.equal(202);
      expect((await post('/api/demo/sms-outage', { failNext: 1, to: '0705550099' })).status).to.equal(400);
    });

    it('keeps the outbox on disk across a restart and drops messages older than 30 days', async () => {
      const otherDir = await mkdtemp(join(tmpdir(), 'dh-restart-'));
      const old = { id: 'old-message-1', to: '+46701234567', text: 'gammalt', kind: 'invite', receivedAt: '2020-01-01T00:00:00.000Z', encoding: 'GSM-7', segments: 1 };
      await writeFile(join(otherDir, 'outbox.jsonl'), JSON.stringify(old) + '\n{"torn":');
      const a = await spawnDemoServer({ dataDir: otherDir });
      const m = sms({ text: 'överlever omstart' });
      await fetch(`${a.url}/api/sms`, { method: 'POST', headers: { 'Content-Type': 'application/json' }, body: JSON.stringify(m) });
      await a.close();
      const b = await spawnDemoServer({ dataDir: otherDir });
      const list = (await (await fetch(`${b.url}/outbox.json`)).json()) as { id: string }[];
      await b.close();
      expect(list.map((x) => x.id)).to.deep.equal([m.id]);
      expect(await readFile(join(otherDir, 'outbox.jsonl'), 'utf8')).not.to.contain('gammalt');
      await rm(otherDir, { recursive: true, force: true });
    });

    it('answers CORS for its own and configured origins only', async () => {
      const allowed = async (path: string, origin: string, method = 'GET'): Promise<string | null> =>
        (await fetch(`${server.url}${path}`, { method, headers: { Origin: origin } })).headers.get('access-control-allow-origin');
      for (const path of ['/api/sms', '/outbox.json', '/peerjs/']) {
        const method = path === '/api/sms' ? 'OPTIONS' : 'GET';
        expect(await allowed(path, 'http://evil.example', method), path).to.equal(null);
        expect(await allowed(path, PORTAL, method), path).to.equal(PORTAL);
        expect(await allowed(path, `http://localhost:${server.port}`, method), path).to.equal(`http://localhost:${server.port}`);
      }
    });
  });

  describe('pages', () => {
    it('gives the intranet page and the lobby the same clinic configuration, as data', async () => {
      const [intranet, lobby] = await Promise.all(['/', '/lobby'].map(async (path) => {
        const html = await (await fetch(`${server.url}${path}`)).text();
        const json = /<script type="application\/json" data-dh-config>([\s\S]*?)<\/script>/.exec(html)?.[1];
        return JSON.parse(json ?? 'null') as { clinics: { id: string }[] };
      }));
      expect(intranet).to.deep.equal(lobby);
      expect(intranet?.clinics.map((c) => c.id)).to.include('demo-jour');
    });

    it('serves every page under a strict CSP: no inline script, no eval, workers only from the site', async () => {
      for (const path of ['/', '/lobby', '/outbox', '/besok', '/tolk']) {
        const response = await fetch(`${server.url}${path}`);
        expect(response.status, path).to.equal(200);
        const csp = response.headers.get('content-security-policy') ?? '';
        expect(csp, path).to.match(/script-src 'self'( 'wasm-unsafe-eval')?;/);
        expect(csp, path).not.to.match(/unsafe-inline|'unsafe-eval'/);
        expect(csp, path).to.contain("worker-src 'self';");
        expect(response.headers.get('referrer-policy')).to.equal('no-referrer');
        const html = await response.text();
        expect(html).to.match(/<html lang="sv">/);
        // Inline <script> is only ever data (JSON configuration), never code.
        expect(html).not.to.match(/<script(?![^>]*\b(?:src=|type="application\/json"))[^>]*>/);
      }
    });

    it("allows WebAssembly only where a scan is read: the nurse's pages and the OCR workers", async () => {
      const csp = async (path: string): Promise<string> => (await fetch(`${server.url}${path}`)).headers.get('content-security-policy') ?? '';
      // A worker runs under its own script's policy (whether the build is there or not: the header comes first).
      for (const path of ['/', '/index.html', '/lobby', '/lobby.html', '/dist/ocr/tesseract/worker.min.js', '/dist/ocr/pdfjs/pdf.worker.min.mjs']) {
        expect(await csp(path), path).to.contain("script-src 'self' 'wasm-unsafe-eval';");
      }
      for (const path of ['/besok', '/besok.html', '/tolk', '/outbox', '/blank.html', '/dist/digitala-halsosamtal-patient.js', '/api/visits/x', '/dist/ocr-not']) {
        expect(await csp(path), path).to.contain("script-src 'self';");
      }
    });
  });

  describe('PeerServer under /peerjs', () => {
    it('answers on HTTP and registers a peer over WebSocket', async () => {
      const info = (await (await fetch(`${server.url}/peerjs/`)).json()) as { name: string };
      expect(info.name).to.equal('PeerJS Server');
      const ws = new WebSocket(`${server.url.replace('http', 'ws')}/peerjs/peerjs?key=peerjs&id=dh-test-peer&token=abc`, { origin: server.url });
      const first = await new Promise<string>((resolve, reject) => {
        ws.once('message', (data: Buffer) => { resolve(data.toString()); });
        ws.once('error', reject);
      });
      ws.close();
      expect(JSON.parse(first)).to.deep.equal({ type: 'OPEN' });
    });

    it('does not offer the list of connected peers', async () => {
      expect((await fetch(`${server.url}/peerjs/peerjs/peers`)).status).to.not.equal(200);
    });

    it('lets only pages of its own and configured origins signal: others, and no Origin at all, get 403', async () => {
      const own = [server.url, `http://localhost:${server.port}`, `http://[::1]:${server.port}`];
      for (const origin of [...own, PORTAL]) expect((await upgrade(server.url, { origin })).status, origin).to.equal(101);
      for (const origin of ['http://evil.example', `http://127.0.0.1:${server.port + 1}`, `https://127.0.0.1:${server.port}`, 'null']) {
        const refused = await upgrade(server.url, { origin });
        expect(refused.status, origin).to.equal(403);
        expect(JSON.parse(refused.body)).to.have.property('error').that.is.a('string');
      }
      expect((await upgrade(server.url, {})).status).to.equal(403);
    });

    it('refuses a client over the peer limit', async () => {
      const smallDir = await mkdtemp(join(tmpdir(), 'dh-limit-'));
      const small = await spawnDemoServer({ dataDir: smallDir, maxPeers: 2 });
      try {
        const peers = [await connectPeer(small.url, 'limit-a'), await connectPeer(small.url, 'limit-b')];
        const third = await connectPeer(small.url, 'limit-c').then(() => 'open', (e: unknown) => String(e));
        expect(third).to.match(/concurrent user limit/);
        for (const peer of peers) peer.socket.close();
      } finally {
        await small.close();
        await rm(smallDir, { recursive: true, force: true });
      }
    });
  });

  describe('Host header (DNS rebinding)', () => {
    it('answers its own names and the configured origins\' hosts, and refuses any other with 421 and a Swedish reason (pages, API, upgrades)', async () => {
      for (const host of [`127.0.0.1:${server.port}`, `localhost:${server.port}`, `LOCALHOST:${server.port}`, `[::1]:${server.port}`, 'vard.example.se']) {
        expect((await rawGet('/peerjs/', { Host: host })).status, host).to.equal(200);
      }
      for (const host of ['evil.example', `evil.example:${server.port}`, `127.0.0.1:${server.port + 1}`, `vard.example.se:${server.port}`]) {
        for (const path of ['/', '/outbox.json', '/api/visits/dh-x', '/peerjs/']) {
          const answer = await rawGet(path, { Host: host });
          expect(answer.status, `${host} ${path}`).to.equal(421);
          expect(JSON.parse(answer.body)).to.deep.equal({ error: 'Servern svarar inte under det här namnet.' });
        }
        // Even from an allowed origin: a rebound name makes the page's origin look like ours.
        const refused = await upgrade(server.url, { origin: server.url, host });
        expect(refused.status, host).to.equal(421);
      }
    });
  });

  describe('hostile signalling clients', () => {
    // Two well-behaved peers, connected before any attack; each attack must leave them both served.
    let alice: TestPeer;
    let bob: TestPeer;
    before(async () => {
      alice = await connectPeer(server.url, 'dh-bystander-alice');
      bob = await connectPeer(server.url, 'dh-bystander-bob');
    });
    after(() => {
      alice.socket.close();
      bob.socket.close();
    });

    let sent = 0;
    const relays = async (from: TestPeer, to: TestPeer): Promise<void> => {
      const candidate = `candidate:${String(++sent)} 1 udp 2122260223 192.0.2.1 5000 typ host`;
      from.send({ type: 'CANDIDATE', dst: to.id, payload: { candidate: { candidate }, type: 'media', connectionId: 'mc_test' } });
      const got = await to.receive((m) => m.type === 'CANDIDATE' && JSON.stringify(m.payload).includes(candidate));
      expect(got).to.deep.equal({ type: 'CANDIDATE', src: from.id, dst: to.id, payload: { candidate: { candidate }, type: 'media', connectionId: 'mc_test' } });
    };
    const stillServes = async (): Promise<void> => {
      expect((await fetch(`${server.url}/peerjs/`)).status).to.equal(200);
      expect(alice.socket.readyState).to.equal(WebSocket.OPEN);
      expect(bob.socket.readyState).to.equal(WebSocket.OPEN);
      await relays(alice, bob);
      await relays(bob, alice);
    };

    it('drops a client that sends text that is not JSON (1008), and only that client', async () => {
      expect(await attack(server.url, ['this is not json'])).to.equal(1008);
      expect(await attack(server.url, ['{"type":"OFFER",'])).to.equal(1008);
      await stillServes();
    });

    const wrongShapes: [string, string | Buffer][] = [
      ['an array', '[]'],
      ['null', 'null'],
      ['a number', '42'],
      ['a string', '"OFFER"'],
      ['no type', '{"dst":"dh-bystander-bob"}'],
      ['a type only a server sends', '{"type":"OPEN"}'],
      ['an unknown type', '{"type":"HELLO","dst":"dh-bystander-bob"}'],
      ['an object as destination', '{"type":"OFFER","dst":{"id":"dh-bystander-bob"}}'],
      ['an empty destination', '{"type":"OFFER","dst":""}'],
      ['a destination of 65 characters', JSON.stringify({ type: 'OFFER', dst: 'x'.repeat(65) })],
      ['a binary frame', Buffer.from('{"type":"HEARTBEAT"}')],
    ];
    for (const [what, frame] of wrongShapes) {
      it(`drops a client that sends ${what} (1008)`, async () => {
        expect(await attack(server.url, [frame])).to.equal(1008);
        await stillServes();
      });
    }

    it('drops a client that sends an invalid frame (RSV1 set) with 1002', async () => {
      expect(await sendInvalidFrame(server.url)).to.equal(1002);
      await stillServes();
    });

    it('drops a client that sends a message over 64 KiB (1009)', async () => {
      expect(await attack(server.url, [oversized()])).to.equal(1009);
      await stillServes();
    });

    it('drops a client that floods it with valid messages (1008), yet keeps a busy real one', async () => {
      // What a call's set-up can look like: a large offer and a hundred candidates at once.
      alice.send({ type: 'OFFER', dst: bob.id, payload: { sdp: { type: 'offer', sdp: 'v=0\r\n'.padEnd(12_000, 'a') }, type: 'media', connectionId: 'mc_busy' } });
      for (let i = 0; i < 100; i++) alice.send({ type: 'CANDIDATE', dst: bob.id, payload: { candidate: { candidate: `busy ${String(i)}` } } });
      await bob.receive((m) => m.type === 'OFFER' && m.src === alice.id);
      for (let i = 0; i < 100; i++) await bob.receive((m) => m.type === 'CANDIDATE' && (m.payload as { candidate: { candidate: string } }).candidate.candidate === `busy ${String(i)}`);

      expect(await attack(server.url, flood())).to.equal(1008);
      await stillServes();
    });
  });
});
