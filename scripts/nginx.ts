// nginx for tests: the project's own site configuration (deploy/nginx/) with its placeholders
// filled in, a self-signed certificate made with openssl, everything in a temporary directory, on
// a loopback port of its own. The SPKI hash lets Chromium trust exactly this certificate.
import { spawn, spawnSync } from 'node:child_process';
import { chmod, mkdir, mkdtemp, readFile, rm, writeFile } from 'node:fs/promises';
import { connect } from 'node:net';
import { tmpdir } from 'node:os';
import { dirname, join, resolve } from 'node:path';
import { fileURLToPath } from 'node:url';
import { freePort } from './ports.js';

const ROOT = resolve(dirname(fileURLToPath(import.meta.url)), '..');
export const SITE_CONF = join(ROOT, 'deploy/nginx/digitala-halsosamtal.conf');

export interface TestNginx {
  /** https://localhost:PORT */
  readonly origin: string;
  readonly port: number;
  /** For Chromium's --ignore-certificate-errors-spki-list: this certificate, and no other. */
  readonly spki: string;
  /** The access log as written so far (the site's privacy format). */
  accessLog(): Promise<string>;
  stop(): Promise<void>;
}

function openssl(args: string[], input?: Buffer): Buffer {
  const r = spawnSync('openssl', args, { input });
  if (r.status !== 0) throw new Error(`openssl ${args[0] ?? ''} failed: ${r.stderr.toString()}`);
  return r.stdout;
}

/** Starts nginx in front of `upstreams` (ports on 127.0.0.1) with the site configuration as shipped. */
export async function startNginx(upstreams: readonly number[]): Promise<TestNginx> {
  const prefix = await mkdtemp(join(tmpdir(), 'dh-nginx-'));
  const cert = join(prefix, 'cert.pem');
  const key = join(prefix, 'key.pem');
  openssl(['req', '-x509', '-newkey', 'rsa:2048', '-nodes', '-keyout', key, '-out', cert, '-days', '2', '-subj', '/CN=localhost', '-addext', 'subjectAltName=DNS:localhost']);
  const publicKey = openssl(['x509', '-in', cert, '-pubkey', '-noout']);
  const der = openssl(['pkey', '-pubin', '-outform', 'der'], publicKey);
  const spki = openssl(['dgst', '-sha256', '-binary'], der).toString('base64');
  const port = await freePort();
  const site = (await readFile(SITE_CONF, 'utf8'))
    .replaceAll('@SERVER_NAME@', 'localhost')
    .replaceAll('@LISTEN@', `127.0.0.1:${String(port)}`)
    .replaceAll('@CERT@', cert)
    .replaceAll('@KEY@', key)
    .replaceAll('@SERVERS@', upstreams.map((p) => `server 127.0.0.1:${String(p)};`).join('\n    '))
    .replace('/var/log/nginx/digitala-halsosamtal.log', join(prefix, 'site.log'));
  await writeFile(join(prefix, 'site.conf'), site);
  // Workers run as an unprivileged user when started as root: their temporary files go where they may write.
  const temp = join(prefix, 'temp');
  await mkdir(temp);
  await chmod(temp, 0o777);
  await writeFile(join(prefix, 'nginx.conf'), `daemon off;
worker_processes 1;
pid ${join(prefix, 'nginx.pid')};
error_log ${join(prefix, 'error.log')} warn;
events { worker_connections 1024; }
http {
    include /etc/nginx/mime.types;
    default_type application/octet-stream;
    client_body_temp_path ${temp}/body;
    proxy_temp_path ${temp}/proxy;
    fastcgi_temp_path ${temp}/fastcgi;
    uwsgi_temp_path ${temp}/uwsgi;
    scgi_temp_path ${temp}/scgi;
    access_log off;
    include ${join(prefix, 'site.conf')};
}
`);
  const child = spawn('nginx', ['-p', prefix, '-c', join(prefix, 'nginx.conf')], { stdio: ['ignore', 'ignore', 'pipe'] });
  let errors = '';
  child.stderr.on('data', (c: Buffer) => (errors += c.toString()));
  const exited = new Promise<void>((done) => child.once('exit', () => { done(); }));
  for (let i = 0; ; i++) {
    const up = await new Promise<boolean>((done) => {
      const socket = connect(port, '127.0.0.1', () => { socket.destroy(); done(true); });
      socket.once('error', () => { done(false); });
    });
    if (up) break;
    if (child.exitCode !== null || i > 100) {
      const log = await readFile(join(prefix, 'error.log'), 'utf8').catch(() => '');
      throw new Error(`nginx did not start:\n${errors}${log}`);
    }
    await new Promise((r) => setTimeout(r, 100));
  }
  return {
    origin: `https://localhost:${String(port)}`,
    port,
    spki,
    accessLog: () => readFile(join(prefix, 'site.log'), 'utf8').catch(() => ''),
    async stop() {
      if (child.exitCode === null) child.kill('SIGQUIT'); // graceful
      await exited;
      await rm(prefix, { recursive: true, force: true });
    },
  };
}
