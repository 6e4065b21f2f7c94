// The signalling server under load in `bench-signalling.ts`, in a process of its own so that its
// memory is measured apart from the load generator: `demo` is the demo server (the guard, origin
// and Host checks, the whole app), `bare` is a plain PeerServer of the same `peer` version with the
// options both have. Started with fork() and --expose-gc; says its port over IPC, and answers
// 'stats' with the CPU time it has used and, after a full collection if asked, its memory.
import { mkdtemp, rm } from 'node:fs/promises';
import type { Server } from 'node:http';
import type { AddressInfo } from 'node:net';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { PeerServer } from 'peer';
import { startDemoServer } from '../demo/server/server.js';

export type ServerKind = 'demo' | 'bare';

/** What the parent sends. */
export type ServerRequest = { type: 'stats'; gc: boolean } | { type: 'stop' };
/** What the child sends: its address once it listens, and memory when asked. */
export type ServerReport =
  | { type: 'ready'; port: number; origin: string }
  | { type: 'stats'; cpuMicros: number; rss: number; heapUsed: number };

/** Seconds of silence before a client is dropped: the demo's default, given to both. */
export const ALIVE_TIMEOUT_MS = 60_000;
/** Far above any step: the limit under test is the machine's, not a configured cap. */
export const PEER_LIMIT = 1_000_000;

const send = (report: ServerReport): void => {
  process.send?.(report);
};

async function start(kind: ServerKind): Promise<() => Promise<void>> {
  if (kind === 'demo') {
    const dataDir = await mkdtemp(join(tmpdir(), 'dh-bench-signalling-'));
    const server = await startDemoServer({ port: 0, dataDir, maxPeers: PEER_LIMIT, peerAliveTimeoutMs: ALIVE_TIMEOUT_MS });
    send({ type: 'ready', port: server.port, origin: server.url });
    return async () => {
      await server.close();
      await rm(dataDir, { recursive: true, force: true });
    };
  }
  const server = await new Promise<Server>((resolve) => {
    PeerServer({ port: 0, host: '127.0.0.1', path: '/peerjs', allow_discovery: false, alive_timeout: ALIVE_TIMEOUT_MS, concurrent_limit: PEER_LIMIT }, resolve);
  });
  const { port } = server.address() as AddressInfo;
  send({ type: 'ready', port, origin: `http://127.0.0.1:${port}` });
  return async () => {
    server.closeAllConnections();
    await new Promise((resolve) => server.close(resolve));
  };
}

const kind = process.argv[2];
if (kind !== 'demo' && kind !== 'bare') {
  console.error('usage: bench-signalling-server.ts demo|bare (forked, with an IPC channel)');
  process.exit(2);
}
const stop = await start(kind);
const gc = (globalThis as { gc?: () => void }).gc;
process.on('message', (request: ServerRequest) => {
  if (request.type === 'stats') {
    // CPU first: the collections below are the bench's work, not the server's.
    const { user, system } = process.cpuUsage();
    if (request.gc) {
      // Twice: the first collection's finalizers free more for the second.
      gc?.();
      gc?.();
    }
    const { rss, heapUsed } = process.memoryUsage();
    send({ type: 'stats', cpuMicros: user + system, rss, heapUsed });
  } else {
    // PeerServer's timers cannot be stopped: end the process once the sockets are closed.
    void stop().finally(() => process.exit(0));
  }
});
// The parent gone (or killed), nothing is left to serve.
process.on('disconnect', () => process.exit(0));
