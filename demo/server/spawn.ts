import { spawn } from 'node:child_process';
import { dirname, join } from 'node:path';
import { fileURLToPath } from 'node:url';

const MAIN = join(dirname(fileURLToPath(import.meta.url)), 'main.ts');

export interface SpawnedServer {
  readonly url: string;
  readonly port: number;
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
}): Promise<SpawnedServer> {
  // Only what the test asks for: a limit set in this process's environment must not leak in.
  const inherited = Object.fromEntries(Object.entries(process.env).filter(([name]) => name !== 'DH_MAX_PEERS' && name !== 'DH_MAX_LISTINGS'));
  const child = spawn(process.execPath, ['--import', 'tsx', MAIN], {
    env: {
      ...inherited,
      PORT: String(options.port ?? 0),
      HOST: options.host ?? '127.0.0.1',
      DH_DATA_DIR: options.dataDir,
      DH_ALLOWED_ORIGINS: (options.allowedOrigins ?? []).join(','),
      ...(options.maxPeers !== undefined ? { DH_MAX_PEERS: String(options.maxPeers) } : {}),
      ...(options.maxListings !== undefined ? { DH_MAX_LISTINGS: String(options.maxListings) } : {}),
    },
    stdio: ['ignore', 'pipe', 'pipe'],
  });
  const exited = new Promise<void>((resolve) => child.once('exit', () => { resolve(); }));
  let output = '';
  const url = await new Promise<string>((resolve, reject) => {
    const onData = (chunk: Buffer): void => {
      output += chunk.toString();
      const found = /Start page:\s+(\S+?)\/\s/.exec(output);
      if (found?.[1]) {
        child.stdout.off('data', onData);
        resolve(found[1]);
      }
    };
    child.stdout.on('data', onData);
    child.stderr.on('data', (chunk: Buffer) => (output += chunk.toString()));
    void exited.then(() => { reject(new Error(`the demo server stopped before it started:\n${output}`)); });
  });
  child.stdout.resume();
  return {
    url,
    port: Number(new URL(url).port),
    async close() {
      if (child.exitCode === null) child.kill('SIGTERM');
      await exited;
    },
  };
}
