import { expect } from 'chai';
import { mkdtemp, readFile, rm, writeFile } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { after, before, describe, it } from 'node:test';
import { WebSocket } from 'ws';
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

before(async () => {
  dir = await mkdtemp(join(tmpdir(), 'dh-server-'));
  server = await spawnDemoServer({ dataDir: dir });
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

    it('lists a visit by room id, with the invitation language if given, and refuses a bad one', async () => {
      const room = `dh-${'ab'.repeat(16)}`;
      const listing = { clinic: 'Vårdcentralen Gagnef', start: '2099-12-01T13:30:00.000Z', durationMinutes: 45, status: 'booked' };
      const put = (body: unknown): Promise<Response> => fetch(`${server.url}/api/visits/${room}`, { method: 'PUT', headers: { 'Content-Type': 'application/json' }, body: JSON.stringify(body) });
      expect((await put({ ...listing, language: 'en' })).status).to.equal(204);
      expect(await (await fetch(`${server.url}/api/visits/${room}`)).json()).to.deep.equal({ ...listing, language: 'en' });
      const bad = await put({ ...listing, language: '<en>' });
      expect(bad.status).to.equal(400);
      expect(((await bad.json()) as { error: string }).error).to.match(/språkkod/);
      expect((await put({ ...listing, personnummer: '19121212-1212' })).status).to.equal(204);
      expect(await (await fetch(`${server.url}/api/visits/${room}`)).json()).to.deep.equal(listing); // nothing else is kept
    });

    it('answers CORS only for configured origins', async () => {
      const preflight = await fetch(`${server.url}/api/sms`, { method: 'OPTIONS', headers: { Origin: 'http://evil.example' } });
      expect(preflight.headers.get('access-control-allow-origin')).to.equal(null);
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

    it('serves the start page and the outbox page under a strict CSP', async () => {
      for (const path of ['/', '/outbox']) {
        const response = await fetch(`${server.url}${path}`);
        expect(response.status).to.equal(200);
        const csp = response.headers.get('content-security-policy') ?? '';
        expect(csp).to.contain("script-src 'self' 'wasm-unsafe-eval'");
        expect(csp).not.to.match(/unsafe-inline|'unsafe-eval'/);
        expect(response.headers.get('referrer-policy')).to.equal('no-referrer');
        const html = await response.text();
        expect(html).to.match(/<html lang="sv">/);
        // Inline <script> is only ever data (JSON configuration), never code.
        expect(html).not.to.match(/<script(?![^>]*\b(?:src=|type="application\/json"))[^>]*>/);
      }
    });
  });

  describe('PeerServer under /peerjs', () => {
    it('answers on HTTP and registers a peer over WebSocket', async () => {
      const info = (await (await fetch(`${server.url}/peerjs/`)).json()) as { name: string };
      expect(info.name).to.equal('PeerJS Server');
      const ws = new WebSocket(`${server.url.replace('http', 'ws')}/peerjs/peerjs?key=peerjs&id=dh-test-peer&token=abc`);
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
  });
});
