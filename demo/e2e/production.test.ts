import { expect } from 'chai';
import { spawnSync } from 'node:child_process';
import { chmod, chown, mkdtemp, readFile, rm, writeFile } from 'node:fs/promises';
import { connect as http2Connect, type IncomingHttpHeaders } from 'node:http2';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { after, before, describe, it } from 'node:test';
import { launchChromium, watchProblems, type LaunchedBrowser } from '../../scripts/browser.js';
import { startNginx, type TestNginx } from '../../scripts/nginx.js';
import { spawnDemoServer, type SpawnedServer } from '../server/spawn.js';
import { bookSoon, deep, openAsPatient, openLobby, startVisit, waitDeep } from './helpers.js';

// The production set-up as deploy/ ships it: nginx with TLS and HTTP/2 in front (the site
// configuration as written, placeholders filled in), the server run as the systemd unit runs it
// (its environment, a user that is not root, a data directory only that user may read), a visit
// and its SMS through it, and a restart of the server — SIGTERM, as systemd sends — while the
// patient waits.

const UNIT = join(import.meta.dirname, '../../deploy/systemd/digitala-halsosamtal.service');
let dir: string;
let server: SpawnedServer;
let nginx: TestNginx;
let chromium: LaunchedBrowser;
/** As the unit's DynamicUser: an unprivileged user when the tests run as root. */
const user = process.getuid?.() === 0 ? { uid: 65534, gid: 65534 } : undefined;

/** The unit's Environment= lines (the data directory is the test's own). */
async function unitEnvironment(): Promise<Record<string, string>> {
  const text = await readFile(UNIT, 'utf8');
  return Object.fromEntries([...text.matchAll(/^Environment=(\w+)=(.*)$/gm)].map((m) => [m[1]!, m[2]!]));
}

const start = async (port?: number): Promise<SpawnedServer> => {
  const env = await unitEnvironment();
  return spawnDemoServer({
    dataDir: dir, host: env.HOST!, allowedOrigins: [nginx.origin], ...(port === undefined ? {} : { port }),
    env: { NODE_ENV: env.NODE_ENV ?? 'production' }, ...(user ? { user } : {}),
  });
};

before(async () => {
  dir = await mkdtemp(join(tmpdir(), 'dh-production-'));
  await chmod(dir, 0o700);
  if (user) await chown(dir, user.uid, user.gid);
  // nginx needs the server's port before it starts, and the server nginx's origin: take a port first.
  const { freePort } = await import('../../scripts/ports.js');
  const port = await freePort();
  nginx = await startNginx([port]);
  server = await start(port);
  chromium = await launchChromium([`--ignore-certificate-errors-spki-list=${nginx.spki}`]);
});
after(async () => {
  await chromium.close();
  await server.close();
  await nginx.stop();
  await rm(dir, { recursive: true, force: true });
});

/** One request over HTTP/2 to nginx, trusting its test certificate. */
async function h2(path: string): Promise<{ headers: IncomingHttpHeaders; alpn: string | false | undefined }> {
  const session = http2Connect(nginx.origin, { rejectUnauthorized: false });
  try {
    return await new Promise((resolve, reject) => {
      const req = session.request({ ':path': path, 'accept-encoding': 'gzip' });
      req.on('response', (headers) => {
        resolve({ headers, alpn: session.alpnProtocol });
        req.close();
      });
      req.on('error', reject);
      req.end();
    });
  } finally {
    session.close();
  }
}

describe('behind nginx with TLS, run as the systemd unit runs it', () => {
  it('has a unit that systemd accepts as written', () => {
    const node = spawnSync('sh', ['-c', 'command -v node'], { encoding: 'utf8' }).stdout.trim();
    const copy = join(dir, 'digitala-halsosamtal.service');
    return readFile(UNIT, 'utf8').then(async (text) => {
      // The test machine's node may live elsewhere than /usr/bin: the only change.
      await writeFile(copy, text.replace('/usr/bin/node', node));
      const verify = spawnSync('systemd-analyze', ['verify', copy], { encoding: 'utf8' });
      expect(verify.status, verify.stderr).to.equal(0);
      expect(verify.stderr.trim()).to.equal('');
    });
  });

  it('serves over HTTP/2 with the security headers kept, HSTS added, hashed chunks cached for a year and entry files asked for again', async () => {
    const page = await h2('/besok');
    expect(page.alpn).to.equal('h2');
    expect(page.headers[':status']).to.equal(200);
    expect(page.headers['content-security-policy']).to.contain("script-src 'self'").and.not.contain('unsafe-inline');
    expect(page.headers['referrer-policy']).to.equal('no-referrer');
    expect(page.headers['strict-transport-security']).to.match(/max-age=\d+/);
    expect(page.headers['cache-control']).to.equal('no-cache');
    expect(page.headers.server).to.equal('nginx'); // no version

    const entry = await h2('/dist/digitala-halsosamtal-patient.js');
    expect(entry.headers[':status']).to.equal(200);
    expect(entry.headers['cache-control']).to.equal('no-cache');
    expect(entry.headers['content-encoding']).to.equal('gzip');
    const chunk = /\/dist\/patient\/[\w-]+-[\w-]{8}\.js/.exec(await (await fetch(`${server.url}/dist/digitala-halsosamtal-patient.js`)).text())?.[0]
      ?? (await import('node:fs/promises')).readdir(join(import.meta.dirname, '../../dist/patient')).then((f) => `/dist/patient/${f.find((n) => n.endsWith('.js'))!}`);
    const hashed = await h2(await chunk);
    expect(hashed.headers[':status']).to.equal(200);
    expect(hashed.headers['cache-control']).to.equal('public, max-age=31536000, immutable');
  });

  it('runs a visit and its SMS through nginx, and holds through a graceful restart while the patient waits', async () => {
    const nurse = await (await chromium.browser.createBrowserContext()).newPage();
    const patient = await (await chromium.browser.createBrowserContext()).newPage();
    await bookSoon(nginx.origin, nurse, '070-555 61 61');
    // The nurse's page sent the SMS through nginx to the relay; the outbox is read on the server itself.
    const outbox = (await (await fetch(`${server.url}/outbox.json`)).json()) as { to: string; text: string }[];
    const link = new RegExp(`${nginx.origin}/besok#[\\w-]{22}`).exec(outbox.find((m) => m.to === '+46705556161')?.text ?? '')?.[0];
    expect(link, 'the SMS link points at the public https address').to.be.a('string');
    await openLobby(nurse);
    await openAsPatient(patient, link!);
    await waitDeep(nurse, ['dh-lobby'], 'text', (t) => String(t).includes('Patienten väntar'), 'the knock');

    const { port } = server;
    await server.close(); // SIGTERM, as systemctl restart sends it
    await waitDeep(patient, ['dh-patient-join'], 'text', (t) => String(t).includes('Förbindelsen bröts en stund'), 'the patient to be told');
    server = await start(port);
    const problems = [...watchProblems(nurse), ...watchProblems(patient)];
    await waitDeep(nurse, ['dh-lobby'], 'text', (t) => !String(t).includes('Förbindelsen med videotjänsten bröts'), 'the nurse to be back', 30_000);
    await waitDeep(patient, ['dh-patient-join'], 'text', (t) => String(t).includes('vet att du väntar'), 'the patient to be back', 30_000);

    await startVisit(nurse);
    await waitDeep(nurse, ['dh-lobby', 'dh-call', 'video.remote'], 'frames', (n) => Number(n) > 5, 'video at the nurse');
    await waitDeep(patient, ['dh-patient-join', 'dh-call', 'video.remote'], 'frames', (n) => Number(n) > 5, 'video at the patient');
    expect(await deep(patient, ['dh-patient-join'], 'text')).to.not.include('Förbindelsen bröts');
    expect(problems.filter((p) => !p.includes('favicon'))).to.deep.equal([]);

    // The access log has the requests but none of PeerJS's tokens or peer ids (no query strings).
    const log = await nginx.accessLog();
    expect(log).to.match(/"GET \/peerjs\/peerjs" 101 /);
    expect(log).to.not.match(/token=|id=dh-/);
  });
});
