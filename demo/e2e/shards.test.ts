import { expect } from 'chai';
import { randomBytes } from 'node:crypto';
import { mkdtemp, rm } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { after, before, describe, it } from 'node:test';
import { WebSocket } from 'ws';
import { launchChromium, watchProblems, type LaunchedBrowser } from '../../scripts/browser.js';
import { startNginx, type TestNginx } from '../../scripts/nginx.js';
import { freePort } from '../../scripts/ports.js';
import { startPostgres, type TestPostgres } from '../../scripts/postgres.js';
import { spawnDemoServer, type SpawnedServer } from '../server/spawn.js';
import { bookSoon, bothDecoded, enterCode, openAsPatient, openLobby, startVisit, waitDeep } from './helpers.js';

// Beyond one server: two demo servers behind nginx, the visit directory shared in a real
// PostgreSQL, nginx choosing the signalling server by a consistent hash of the room id's meeting
// place. Visits spread over both servers, and every peer of one visit — the nurse's rooms, the
// patient and the interpreter, who call each other — meets on one.

const dirs: string[] = [];
let postgres: TestPostgres;
let servers: SpawnedServer[] = [];
let nginx: TestNginx;
let chromium: LaunchedBrowser;

before(async () => {
  postgres = await startPostgres();
  const ports = [await freePort(), await freePort()];
  nginx = await startNginx(ports);
  servers = await Promise.all(ports.map(async (port) => {
    const dataDir = await mkdtemp(join(tmpdir(), 'dh-shard-'));
    dirs.push(dataDir);
    return spawnDemoServer({ dataDir, port, databaseUrl: postgres.url, allowedOrigins: [nginx.origin] });
  }));
  chromium = await launchChromium([`--ignore-certificate-errors-spki-list=${nginx.spki}`]);
});
after(async () => {
  await chromium.close();
  for (const s of servers) await s.close();
  await nginx.stop();
  await postgres.stop();
  for (const dir of dirs) await rm(dir, { recursive: true, force: true });
});

/** Registers a PeerJS peer through nginx as a browser would; resolves with the server's first word (OPEN, ID-TAKEN). */
function register(base: string, id: string, origin = nginx.origin): Promise<{ type: string; socket: WebSocket }> {
  const url = `${base.replace(/^http/, 'ws')}/peerjs/peerjs?key=peerjs&id=${id}&token=${randomBytes(8).toString('hex')}`;
  const socket = new WebSocket(url, { origin, rejectUnauthorized: false });
  return new Promise((resolve, reject) => {
    socket.once('message', (data: Buffer) => { resolve({ type: (JSON.parse(data.toString()) as { type: string }).type, socket }); });
    socket.once('error', reject);
  });
}

/** meeting place → the upstream nginx sent it to, from the access log (which has no ids). */
async function placements(): Promise<Map<string, Set<string>>> {
  const seen = new Map<string, Set<string>>();
  for (const m of (await nginx.accessLog()).matchAll(/"GET \/peerjs\/peerjs" 101 .* upstream=(\S+) meeting=(dh-[0-9a-f]{2})/g)) {
    const set = seen.get(m[2]!) ?? new Set<string>();
    set.add(m[1]!);
    seen.set(m[2]!, set);
  }
  return seen;
}

/** The access log once it has at least `count` WebSocket lines after `from`. */
async function waitForLog(count: number, from = 0): Promise<string> {
  for (let i = 0; ; i++) {
    const log = await nginx.accessLog();
    if ([...log.slice(from).matchAll(/"GET \/peerjs\/peerjs" 101 /g)].length >= count || i > 100) return log;
    await new Promise((r) => setTimeout(r, 100));
  }
}

async function smsTo(e164: string): Promise<string[]> {
  const all = await Promise.all(servers.map(async (s) => (await (await fetch(`${s.url}/outbox.json`)).json()) as { to: string; text: string }[]));
  return all.flat().filter((m) => m.to === e164).map((m) => m.text);
}

describe('two signalling servers behind nginx, the directory in PostgreSQL', () => {
  it('spreads rooms over both servers and sends each meeting place always to the same one', async () => {
    const rooms = Array.from({ length: 40 }, () => `dh-${randomBytes(16).toString('hex')}`);
    const opened = await Promise.all(rooms.map((id) => register(nginx.origin, id)));
    expect(opened.map((o) => o.type)).to.deep.equal(rooms.map(() => 'OPEN'));
    // A guest of each room (its id under the room's) lands where its room is.
    const guests = await Promise.all(rooms.map((id) => register(nginx.origin, `${id}-${randomBytes(8).toString('hex')}`)));
    expect(guests.map((o) => o.type)).to.deep.equal(rooms.map(() => 'OPEN'));
    // The ids are taken where they landed (checked below); nginx logs a WebSocket when it ends.
    const byPort = new Map(servers.map((s) => [String(s.port), s]));
    const homes: string[] = [];
    for (const o of [...opened, ...guests]) o.socket.close();
    await waitForLog(80);
    const upstreams = new Set<string>();
    for (const [, where] of await placements()) {
      expect(where.size, 'one meeting place, one server').to.equal(1);
      upstreams.add([...where][0]!);
    }
    expect(upstreams.size, 'both servers got rooms').to.equal(2);
    // And a room registered through nginx is really held by the server the log names: there,
    // and only there, its id is taken.
    const log = await nginx.accessLog();
    for (const id of rooms.slice(0, 6)) {
      const held = await register(nginx.origin, id);
      expect(held.type).to.equal('OPEN');
      const upstream = new RegExp(`upstream=127\\.0\\.0\\.1:(\\d+) meeting=${id.slice(0, 5)}`).exec(log)?.[1];
      homes.push(upstream ?? '');
      for (const s of servers) {
        const { type, socket } = await register(s.url, id, s.url);
        expect(type, `${id.slice(0, 5)} on :${String(s.port)}`).to.equal(String(s.port) === upstream ? 'ID-TAKEN' : 'OPEN');
        socket.close();
      }
      held.socket.close();
    }
    expect(homes.every((p) => byPort.has(p))).to.equal(true);
  });

  it('runs a visit with an interpreter, all three on one server, whichever server the pages came from', async () => {
    const [nurse, patient, tolk] = await Promise.all([0, 1, 2].map(async () => (await chromium.browser.createBrowserContext()).newPage()));
    const problems = [nurse!, patient!, tolk!].flatMap((p) => watchProblems(p));
    const before = (await nginx.accessLog()).length;
    await bookSoon(nginx.origin, nurse!, '070-555 81 01', { language: 'ar', mobile: '073-555 81 02' });
    const patientLink = new RegExp(`${nginx.origin}/besok#[\\w-]{22}`).exec((await smsTo('+46705558101'))[0] ?? '')?.[0];
    const [invite, codeSms] = await smsTo('+46735558102');
    const tolkLink = new RegExp(`${nginx.origin}/tolk#[\\w-]{22}`).exec(invite ?? '')?.[0];
    const code = /\b(\d{6})\b/.exec(codeSms ?? '')?.[1];
    expect([patientLink, tolkLink, code].every(Boolean)).to.equal(true);

    await openLobby(nurse!);
    await openAsPatient(patient!, patientLink!);
    await tolk!.goto(tolkLink!, { waitUntil: 'networkidle0' });
    await enterCode(tolk!, code!);
    await waitDeep(nurse!, ['dh-lobby'], 'text', (t) => String(t).includes('Patienten väntar') && String(t).includes('kod kontrollerad'), 'both in the lobby');
    await startVisit(nurse!);
    for (const [page, path] of [[nurse!, ['dh-lobby', 'dh-call']], [patient!, ['dh-patient-join', 'dh-call']], [tolk!, ['dh-guest-join', 'dh-call']]] as const) {
      await bothDecoded(page, path, 45_000);
    }
    expect(problems.filter((p) => !p.includes('favicon'))).to.deep.equal([]);
    // Every signalling connection of this visit (nurse's two rooms, patient, interpreter) had one
    // meeting place, and so one server. nginx logs a WebSocket when it ends: close the pages.
    for (const page of [nurse!, patient!, tolk!]) await page.browserContext().close();
    const visitLog = (await waitForLog(4, before)).slice(before);
    const places = new Set([...visitLog.matchAll(/"GET \/peerjs\/peerjs" 101 .* meeting=(dh-[0-9a-f]{2})/g)].map((m) => m[1]));
    expect(places.size).to.equal(1);
    expect([...visitLog.matchAll(/"GET \/peerjs\/peerjs" 101 /g)].length).to.be.at.least(4);
  });
});
