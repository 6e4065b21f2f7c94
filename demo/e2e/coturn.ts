import { spawn } from 'node:child_process';
import { randomBytes, randomInt } from 'node:crypto';
import { mkdtemp, rm, writeFile } from 'node:fs/promises';
import { connect } from 'node:net';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { freePort } from '../../scripts/ports.js';

/** A real TURN server (Debian's coturn) on loopback, for one test file. */
export interface Coturn {
  /** Where it listens, for DH_TURN_URLS: `turn:127.0.0.1:<port>`. */
  readonly url: string;
  /** Its `static-auth-secret`. */
  readonly secret: string;
  /** The ports it relays from (`min-port`, `max-port`). */
  readonly relayPorts: readonly [number, number];
  /** Everything it has logged so far. */
  output(): string;
  close(): Promise<void>;
}

const TURNSERVER = process.env.TURNSERVER_PATH ?? '/usr/bin/turnserver';

const accepts = (port: number): Promise<boolean> => new Promise((resolve) => {
  const socket = connect(port, '127.0.0.1');
  socket.once('connect', () => { socket.destroy(); resolve(true); });
  socket.once('error', () => { resolve(false); });
});

/**
 * Starts `turnserver` with a configuration of its own: loopback only, the TURN REST shared secret
 * (`use-auth-secret`), no TLS, no CLI, and loopback peers allowed (it refuses them otherwise, and
 * every peer here is on 127.0.0.1). Run by `scripts/ensure-packages.mjs`'s install.
 */
export async function startCoturn(): Promise<Coturn> {
  const dir = await mkdtemp(join(tmpdir(), 'dh-coturn-'));
  const port = await freePort();
  // Relay ports from a range of their own, so that parallel runs on one machine rarely meet.
  const minPort = 50_000 + randomInt(0, 150) * 100;
  const secret = randomBytes(18).toString('base64url');
  const config = join(dir, 'turnserver.conf');
  await writeFile(config, [
    'listening-ip=127.0.0.1', 'relay-ip=127.0.0.1', `listening-port=${String(port)}`,
    `min-port=${String(minPort)}`, `max-port=${String(minPort + 99)}`,
    'use-auth-secret', `static-auth-secret=${secret}`, 'realm=dh.test',
    'allow-loopback-peers', 'no-cli', 'no-tls', 'no-dtls', 'fingerprint', 'no-software-attribute',
    'log-file=stdout', 'simple-log', `pidfile=${join(dir, 'turnserver.pid')}`, `userdb=${join(dir, 'turndb')}`,
  ].join('\n'), { mode: 0o600 });
  const child = spawn(TURNSERVER, ['-c', config], { stdio: ['ignore', 'pipe', 'pipe'] });
  let output = '';
  child.stdout.on('data', (chunk: Buffer) => (output += chunk.toString()));
  child.stderr.on('data', (chunk: Buffer) => (output += chunk.toString()));
  const exited = new Promise<void>((resolve) => child.once('exit', () => { resolve(); }));
  child.once('error', (e) => (output += `\n${e.message}`));
  for (let i = 0; !(await accepts(port)); i++) {
    if (child.exitCode !== null || i > 100) {
      child.kill('SIGKILL');
      await rm(dir, { recursive: true, force: true });
      throw new Error(`turnserver did not start (run scripts/ensure-packages.mjs):\n${output}`);
    }
    await new Promise((r) => setTimeout(r, 100));
  }
  return {
    url: `turn:127.0.0.1:${String(port)}`,
    secret,
    relayPorts: [minPort, minPort + 99],
    output: () => output,
    async close() {
      if (child.exitCode === null) child.kill('SIGTERM');
      await exited;
      await rm(dir, { recursive: true, force: true });
    },
  };
}
