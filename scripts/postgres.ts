// A throwaway PostgreSQL for tests: Debian's server binaries, a cluster in a temporary directory,
// listening on loopback only with trust authentication, removed afterwards. PostgreSQL refuses
// to run as root, so as root it runs as the `postgres` user the Debian package creates.
import { spawn, spawnSync } from 'node:child_process';
import { chmod, chown, mkdtemp, rm } from 'node:fs/promises';
import { existsSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import pg from 'pg';
import { freePort } from './ports.js';

export interface TestPostgres {
  /** libpq URL of the `dh` database. */
  readonly url: string;
  stop(): Promise<void>;
}

/** The directory of Debian's PostgreSQL server binaries (the newest installed), if any. */
export function postgresBin(): string | undefined {
  const root = '/usr/lib/postgresql';
  if (!existsSync(root)) return undefined;
  const versions = spawnSync('ls', [root], { encoding: 'utf8' }).stdout.split('\n').filter((v) => /^\d+$/.test(v)).sort((a, b) => Number(b) - Number(a));
  const found = versions.map((v) => join(root, v, 'bin')).find((dir) => existsSync(join(dir, 'initdb')));
  return found;
}

export async function startPostgres(): Promise<TestPostgres> {
  const bin = postgresBin();
  if (!bin) throw new Error('PostgreSQL is not installed: run "node scripts/ensure-packages.mjs" (as root) or "apt-get install postgresql".');
  const dir = await mkdtemp(join(tmpdir(), 'dh-postgres-'));
  const asRoot = process.getuid?.() === 0;
  const owner = asRoot ? Number(spawnSync('id', ['-u', 'postgres'], { encoding: 'utf8' }).stdout.trim()) : undefined;
  if (asRoot) {
    if (!owner) throw new Error('Running as root, but there is no "postgres" user to run PostgreSQL as.');
    await chown(dir, owner, owner);
  }
  await chmod(dir, 0o700);
  const run = (cmd: string, args: string[]): [string, string[]] => (asRoot ? ['runuser', ['-u', 'postgres', '--', cmd, ...args]] : [cmd, args]);
  const data = join(dir, 'data');
  const [initCmd, initArgs] = run(join(bin, 'initdb'), ['-D', data, '-U', 'dh', '-A', 'trust', '--no-sync', '-E', 'UTF8', '--locale=C']);
  const init = spawnSync(initCmd, initArgs, { encoding: 'utf8' });
  if (init.status !== 0) throw new Error(`initdb failed: ${init.stderr}`);
  const port = await freePort();
  const [cmd, args] = run(join(bin, 'postgres'), ['-D', data, '-p', String(port), '-k', dir, '-c', 'listen_addresses=127.0.0.1', '-c', 'fsync=off']);
  const child = spawn(cmd, args, { stdio: ['ignore', 'ignore', 'pipe'] });
  let log = '';
  child.stderr.on('data', (c: Buffer) => (log += c.toString()));
  const exited = new Promise<void>((resolve) => child.once('exit', () => { resolve(); }));
  const admin = `postgres://dh@127.0.0.1:${String(port)}/postgres`;
  for (let i = 0; ; i++) {
    const client = new pg.Client({ connectionString: admin });
    try {
      await client.connect();
      await client.query('CREATE DATABASE dh');
      await client.end();
      break;
    } catch (e) {
      await client.end().catch(() => undefined);
      if (child.exitCode !== null || i > 100) throw new Error(`PostgreSQL did not start: ${(e as Error).message}\n${log}`, { cause: e });
      await new Promise((r) => setTimeout(r, 100));
    }
  }
  return {
    url: `postgres://dh@127.0.0.1:${String(port)}/dh`,
    async stop() {
      // runuser does not pass signals on: pg_ctl stops the server itself ("fast": sessions cut).
      const [stopCmd, stopArgs] = run(join(bin, 'pg_ctl'), ['-D', data, '-m', 'fast', '-w', 'stop']);
      if (child.exitCode === null) spawnSync(stopCmd, stopArgs, { stdio: 'ignore' });
      await exited;
      await rm(dir, { recursive: true, force: true });
    },
  };
}
