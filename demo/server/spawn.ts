import { spawn } from 'node:child_process';
import { dirname, join } from 'node:path';
import { fileURLToPath } from 'node:url';

const MAIN = join(dirname(fileURLToPath(import.meta.url)), 'main.ts');

export interface SpawnedServer {
  readonly url: string;
  readonly port: number;
  /** The test identity provider's issuer. */
  readonly issuer: string;
  /** Everything the process has printed so far (the banner, and anything logged after). */
  output(): string;
  /** Stops the server as Ctrl-C would and waits for the process to end. */
  close(): Promise<void>;
}

/**
 * Runs the demo server as `npm start` does, in a process of its own. Tests use this rather than an
 * in-process server: the PeerServer library starts timers nothing can stop, and a test process
 * that had to be forced to exit could lose the last test results on the way out.
 */
export async function spawnDemoServer(options: {
  dataDir: string;
  host?: string;
  port?: number;
  /** Origins besides the server's own (DH_ALLOWED_ORIGINS); none unless given, whatever this process's environment says. */
  allowedOrigins?: readonly string[];
  maxPeers?: number;
  maxListings?: number;
  /** DH_DATABASE_URL: the visit directory in PostgreSQL. */
  databaseUrl?: string;
  /** Extra environment (after the filtering below). */
  env?: Readonly<Record<string, string>>;
  /** Run as this user (needs root), as a systemd unit's User= or DynamicUser= would. */
  user?: { readonly uid: number; readonly gid: number };
  /** DH_TOKEN_EXCHANGE=1: POST /api/token against the demo's test provider. */
  tokenExchange?: boolean;
  /** DH_TURN_URLS, DH_TURN_SECRET and DH_ICE_TRANSPORT_POLICY. */
  ice?: { urls: readonly string[]; secret?: string; policy?: 'all' | 'relay' };
}): Promise<SpawnedServer> {
  // Only what the test asks for: a limit set in this process's environment must not leak in.
  const inherited = Object.fromEntries(Object.entries(process.env).filter(([name]) => name !== 'DH_MAX_PEERS' && name !== 'DH_MAX_LISTINGS' && name !== 'DH_DATABASE_URL' && !name.startsWith('DH_TOKEN_EXCHANGE')
    && !name.startsWith('DH_TURN_') && name !== 'DH_ICE_TRANSPORT_POLICY'));
  const child = spawn(process.execPath, ['--import', 'tsx', MAIN], {
    env: {
      ...inherited,
      PORT: String(options.port ?? 0),
      HOST: options.host ?? '127.0.0.1',
      DH_DATA_DIR: options.dataDir,
      DH_ALLOWED_ORIGINS: (options.allowedOrigins ?? []).join(','),
      ...(options.maxPeers !== undefined ? { DH_MAX_PEERS: String(options.maxPeers) } : {}),
      ...(options.maxListings !== undefined ? { DH_MAX_LISTINGS: String(options.maxListings) } : {}),
      ...(options.tokenExchange ? { DH_TOKEN_EXCHANGE: '1' } : {}),
      ...(options.databaseUrl ? { DH_DATABASE_URL: options.databaseUrl } : {}),
      ...options.env,
      ...(options.ice ? { DH_TURN_URLS: options.ice.urls.join(','), DH_TURN_SECRET: options.ice.secret ?? '', DH_ICE_TRANSPORT_POLICY: options.ice.policy ?? '' } : {}),
    },
    stdio: ['ignore', 'pipe', 'pipe'],
    ...(options.user ? { uid: options.user.uid, gid: options.user.gid } : {}),
  });
  const exited = new Promise<void>((resolve) => child.once('exit', () => { resolve(); }));
  let output = '';
  child.stdout.on('data', (chunk: Buffer) => (output += chunk.toString()));
  child.stderr.on('data', (chunk: Buffer) => (output += chunk.toString()));
  const [url, issuer] = await new Promise<[string, string]>((resolve, reject) => {
    const onData = (): void => {
      // The banner is printed at once; wait for its last line.
      if (!output.includes('Press Ctrl-C')) return;
      const found = /Start page:\s+(\S+?)\/\s/.exec(output);
      const oidc = /OIDC issuer:\s+(\S+)/.exec(output);
      child.stdout.off('data', onData);
      if (found?.[1] && oidc?.[1]) resolve([found[1], oidc[1]]);
      else reject(new Error(`the demo server's banner lacks its addresses:\n${output}`));
    };
    child.stdout.on('data', onData);
    void exited.then(() => { reject(new Error(`the demo server stopped before it started:\n${output}`)); });
  });
  return {
    url,
    issuer,
    output: () => output,
    port: Number(new URL(url).port),
    async close() {
      if (child.exitCode === null) child.kill('SIGTERM');
      await exited;
    },
  };
}
