// Signalling capacity: how many registered peers one demo server holds with knocks reaching the
// nurse's room within 100 ms (p95), the knock latency at 2,000 peers, and memory per peer — each
// against a bare PeerServer of the same `peer` version loaded the same way in the same run.
//
// The server under test runs in a child process (bench-signalling-server.ts) so that its memory is
// its own; the peers are WebSocket clients in this process speaking the PeerJS server protocol as
// PeerJS 1.5 does: register, send a heartbeat every 5 s, and knock. Peers are nurses' rooms and
// their guests (two a room); the guests knock as often as one knock per registered peer a minute.
// A knock is the OFFER a guest's `peer.connect(room)` sends; the room answers it with an ANSWER.
// Latency is from the guest's send to the room's socket receiving it, both on this process's clock.
//
// `npm run bench:signalling` runs it alone; `npm run bench` runs it with the rest. Durations and
// counts come from the environment (see CONFIG below) for quicker runs while developing.
import { build } from 'esbuild';
import { fork, type ChildProcess } from 'node:child_process';
import { randomBytes } from 'node:crypto';
import { loadavg } from 'node:os';
import { readFile } from 'node:fs/promises';
import { fileURLToPath, pathToFileURL } from 'node:url';
import { WebSocket } from 'ws';
import { answerMessage, HEARTBEAT, knocksDue, largestHeld, nextStep, offerMessage, percentile, visitsOf, type StepResult } from './bench-signalling-plan.js';
import type { ServerKind, ServerReport, ServerRequest } from './bench-signalling-server.js';

export interface Figure {
  name: string;
  value: number;
  unit: string;
  runs: number;
  floor?: number;
  ratio?: number;
}

const envNumber = (name: string, fallback: number): number => {
  const text = process.env[name];
  if (text === undefined || text === '') return fallback;
  const n = Number(text);
  if (!Number.isFinite(n) || n < 0) throw new Error(`${name} must be a number of 0 or more, not "${text}".`);
  return n;
};

const CONFIG = {
  /** Seconds of knocks at each step of the search, and in each slice at p95Peers. */
  stepSeconds: envNumber('DH_BENCH_SIGNALLING_STEP_S', 8),
  /** Seconds of knocks on each server at `p95Peers`, for signalling-knock-p95. */
  p95Seconds: envNumber('DH_BENCH_SIGNALLING_P95_S', 60),
  p95Peers: envNumber('DH_BENCH_SIGNALLING_P95_PEERS', 2000),
  /** The search's first count; it doubles from there. */
  start: envNumber('DH_BENCH_SIGNALLING_START', 1000),
  /** At most this many peers (default: what file descriptors and local ports allow). */
  maxPeers: envNumber('DH_BENCH_SIGNALLING_MAX_PEERS', Infinity),
  /** Halvings after the first count over the limit (the demo server's search; the floor's stops there). */
  refine: envNumber('DH_BENCH_SIGNALLING_REFINE', 1),
  /** 0 measures the bare server at p95Peers only, not through the whole search. */
  floorSteps: envNumber('DH_BENCH_SIGNALLING_FLOOR_STEPS', 1) !== 0,
};

/** The limit a knock must reach the room within, at the 95th percentile. */
const LIMIT_MS = 100;
/** Each registered peer knocks once a minute (a waiting patient's pace), carried by the guests. */
const KNOCKS_PER_PEER_PER_SECOND = 1 / 60;
/** Visits are one patient, sometimes with a relative or an interpreter. */
const GUESTS_PER_ROOM = 2;
/** PeerJS's pingInterval. */
const HEARTBEAT_MS = 5000;
const HEARTBEAT_TICK_MS = 100;
const KNOCK_TICK_MS = 20;
/** Registrations in flight at once while growing. */
const CONNECT_CONCURRENCY = 200;
const CONNECT_TIMEOUT_MS = 15_000;
/** After a window, how long knocks still on their way may take before they count as lost. */
const DRAIN_MS = 3000;
/** Descriptors and ports kept free for everything else. */
const MARGIN = 1000;
const GRAIN = 500;

const log = (text: string): void => {
  process.stderr.write(`signalling: ${text}\n`);
};
const round = (x: number): number => Math.round(x * 100) / 100;
const token = (): string => randomBytes(8).toString('hex');

/** The most peers this machine lets one process connect: open files (Node raises the soft limit to the hard one) and local ports. */
async function machineCap(): Promise<number> {
  const limits = await readFile('/proc/self/limits', 'utf8').catch(() => '');
  const files = Number(/^Max open files\s+(\d+)/m.exec(limits)?.[1] ?? 1024);
  const range = await readFile('/proc/sys/net/ipv4/ip_local_port_range', 'utf8').catch(() => '32768 60999');
  const [low = 32768, high = 60999] = range.trim().split(/\s+/).map(Number);
  return Math.floor((Math.min(files, high - low + 1, CONFIG.maxPeers + MARGIN) - MARGIN) / GRAIN) * GRAIN;
}

let built: Promise<string> | undefined;

/**
 * The server's script compiled to plain JavaScript, as a region would run it: under a TypeScript
 * loader the process holds the compiler's memory for a while and gives it back later, which made
 * memory per peer come out negative. In dist/bench/, two levels down like demo/server/, where the
 * demo server finds the project's files from its own path.
 */
function serverScript(): Promise<string> {
  built ??= (async () => {
    const outfile = fileURLToPath(new URL('../dist/bench/signalling-server.mjs', import.meta.url));
    await build({
      entryPoints: [fileURLToPath(new URL('./bench-signalling-server.ts', import.meta.url))], outfile,
      bundle: true, platform: 'node', format: 'esm', target: 'node20', packages: 'external', logLevel: 'warning', tsconfig: 'tsconfig.json',
    });
    return outfile;
  })();
  return built;
}

interface Memory {
  rss: number;
  heapUsed: number;
}

interface Stats extends Memory {
  cpuMicros: number;
}

/** The server under test, in its own process. */
class ServerProcess {
  readonly #child: ChildProcess;
  readonly #exited: Promise<void>;
  #stats: ((s: Stats) => void) | undefined;

  private constructor(child: ChildProcess) {
    this.#child = child;
    this.#exited = new Promise((resolve) => child.once('exit', () => { resolve(); }));
    child.on('message', (report: ServerReport) => {
      if (report.type === 'stats') this.#stats?.(report);
    });
  }

  static async start(kind: ServerKind): Promise<{ server: ServerProcess; port: number; origin: string }> {
    const child = fork(await serverScript(), [kind], { execArgv: ['--expose-gc'], stdio: ['ignore', 'ignore', 'inherit', 'ipc'] });
    const server = new ServerProcess(child);
    const ready = await new Promise<Extract<ServerReport, { type: 'ready' }>>((resolve, reject) => {
      child.on('message', (report: ServerReport) => { if (report.type === 'ready') resolve(report); });
      void server.#exited.then(() => { reject(new Error(`the ${kind} signalling server stopped before it listened`)); });
    });
    return { server, port: ready.port, origin: ready.origin };
  }

  /** CPU time so far, and memory (after a full collection if `gc`). */
  async stats(gc: boolean): Promise<Stats> {
    const answer = new Promise<Stats>((resolve) => { this.#stats = resolve; });
    this.#child.send({ type: 'stats', gc } satisfies ServerRequest);
    return answer;
  }

  async stop(): Promise<void> {
    if (this.#child.connected) this.#child.send({ type: 'stop' } satisfies ServerRequest);
    const killed = setTimeout(() => this.#child.kill('SIGKILL'), 10_000);
    await this.#exited;
    clearTimeout(killed);
  }
}

interface Client {
  readonly id: string;
  readonly ws: WebSocket;
  closing: boolean;
}

interface WindowResult {
  /** Knock latencies in ms; a lost knock is Infinity. */
  samples: number[];
  lost: number;
}

/** Registered peers on one server: rooms and their guests, heartbeats, knocks. */
class Load {
  readonly rooms: Client[] = [];
  readonly guests: Client[] = [];
  /** Registered peers the server closed on us since the last look. */
  dropped = 0;
  /** Registrations refused or timed out since the last look. */
  failed = 0;
  readonly #url: string;
  readonly #origin: string;
  readonly #pending = new Map<string, number>();
  #samples: number[] = [];
  #knocks = 0;
  #heartbeatAt = 0;
  readonly #heartbeat: NodeJS.Timeout;

  constructor(port: number, origin: string) {
    this.#url = `ws://127.0.0.1:${port}/peerjs/peerjs?key=peerjs`;
    this.#origin = origin;
    // One timer for all: a 50th of the peers every 100 ms is each one every 5 s, spread evenly.
    this.#heartbeat = setInterval(() => {
      const all = this.rooms.length + this.guests.length;
      const share = Math.ceil((all * HEARTBEAT_TICK_MS) / HEARTBEAT_MS);
      for (let i = 0; i < share && all > 0; i++) {
        const n = this.#heartbeatAt++ % all;
        const client = n < this.rooms.length ? this.rooms[n] : this.guests[n - this.rooms.length];
        if (client?.ws.readyState === WebSocket.OPEN) client.ws.send(HEARTBEAT);
      }
    }, HEARTBEAT_TICK_MS);
  }

  get peers(): number {
    return this.rooms.length + this.guests.length;
  }

  /** Registers or closes peers until there are `peers`, split into rooms and guests. */
  async resize(peers: number): Promise<void> {
    const target = visitsOf(peers, GUESTS_PER_ROOM);
    for (const list of [this.guests, this.rooms] as const) {
      const keep = list === this.rooms ? target.rooms : target.guests;
      for (const client of list.splice(keep)) {
        client.closing = true;
        client.ws.close();
      }
    }
    const wanted: ('room' | 'guest')[] = [
      ...Array.from({ length: Math.max(0, target.rooms - this.rooms.length) }, () => 'room' as const),
      ...Array.from({ length: Math.max(0, target.guests - this.guests.length) }, () => 'guest' as const),
    ];
    let next = 0;
    const worker = async (): Promise<void> => {
      while (next < wanted.length) {
        const role = wanted[next++] ?? 'guest';
        const client = await this.#register(role).catch(() => undefined);
        if (!client) this.failed++;
        else (role === 'room' ? this.rooms : this.guests).push(client);
      }
    };
    await Promise.all(Array.from({ length: CONNECT_CONCURRENCY }, worker));
  }

  /** Opens a socket as PeerJS does and waits for the server's OPEN. */
  #register(role: 'room' | 'guest'): Promise<Client> {
    const id = `${role === 'room' ? 'dh-' : ''}${token()}${token()}`;
    const ws = new WebSocket(`${this.#url}&id=${id}&token=${token()}&version=1.5.5`, { origin: this.#origin, perMessageDeflate: false });
    const client: Client = { id, ws, closing: false };
    return new Promise((resolve, reject) => {
      let open = false;
      const timer = setTimeout(() => { ws.terminate(); }, CONNECT_TIMEOUT_MS);
      ws.on('error', () => undefined);
      ws.on('close', () => {
        clearTimeout(timer);
        if (!open) reject(new Error('not registered'));
        else if (!client.closing) this.dropped++;
      });
      ws.on('message', (data: Buffer) => {
        if (!open) {
          const first = JSON.parse(data.toString()) as { type?: string };
          if (first.type !== 'OPEN') {
            ws.close();
            return;
          }
          open = true;
          clearTimeout(timer);
          resolve(client);
          return;
        }
        if (role === 'room') this.#onRoomMessage(client, data);
      });
    });
  }

  /** The nurse's room gets a knock: its latency is taken, and the room answers as PeerJS would. */
  #onRoomMessage(room: Client, data: Buffer): void {
    const at = performance.now();
    const message = JSON.parse(data.toString()) as { type?: string; src?: string; payload?: { connectionId?: string } };
    const connectionId = message.payload?.connectionId;
    if (message.type !== 'OFFER' || connectionId === undefined || message.src === undefined) return;
    const sent = this.#pending.get(connectionId);
    if (sent === undefined) return;
    this.#pending.delete(connectionId);
    this.#samples.push(at - sent);
    room.ws.send(answerMessage(message.src, connectionId));
  }

  /** Knocks for `seconds` at one knock per registered peer per minute, then waits for the stragglers. */
  async knockFor(seconds: number): Promise<WindowResult> {
    this.#samples = [];
    this.#pending.clear();
    const perSecond = this.peers * KNOCKS_PER_PEER_PER_SECOND;
    let carry = 0;
    let last = performance.now();
    const ticker = setInterval(() => {
      const now = performance.now();
      const due = knocksDue(carry, now - last, perSecond);
      carry = due.carry;
      last = now;
      for (let i = 0; i < due.now && this.guests.length > 0 && this.rooms.length > 0; i++) {
        const n = this.#knocks++;
        const guest = this.guests[n % this.guests.length];
        const room = this.rooms[n % this.rooms.length];
        if (!guest || !room || guest.ws.readyState !== WebSocket.OPEN) continue;
        const connectionId = `dc_${n.toString(36)}${token()}`;
        this.#pending.set(connectionId, performance.now());
        guest.ws.send(offerMessage(room.id, connectionId));
      }
    }, KNOCK_TICK_MS);
    await new Promise((resolve) => setTimeout(resolve, seconds * 1000));
    clearInterval(ticker);
    const drainUntil = performance.now() + DRAIN_MS;
    while (this.#pending.size > 0 && performance.now() < drainUntil) await new Promise((resolve) => setTimeout(resolve, 50));
    const lost = this.#pending.size;
    this.#pending.clear();
    const samples = [...this.#samples, ...Array.from({ length: lost }, () => Infinity)];
    return { samples, lost };
  }

  async close(): Promise<void> {
    clearInterval(this.#heartbeat);
    const all = [...this.rooms.splice(0), ...this.guests.splice(0)];
    await Promise.all(all.map((client) => new Promise<void>((resolve) => {
      client.closing = true;
      if (client.ws.readyState === WebSocket.CLOSED) resolve();
      else {
        client.ws.once('close', () => { resolve(); });
        client.ws.close();
      }
    })));
  }
}

interface ServerRun {
  steps: StepResult[];
  /** The most peers registered so far. */
  peak: number;
  /** The server's CPU time over each step's window, as a share of one core, by peer count. */
  cpu: Map<number, number>;
  /**
   * At each count where every peer registered and that was the most so far: after a shrink the
   * process keeps pages it no longer needs, so memory there says little about the count.
   */
  memory: Map<number, Memory>;
}

/** One server under test and its peers. */
interface Under {
  readonly kind: ServerKind;
  readonly server: ServerProcess;
  readonly load: Load;
  readonly run: ServerRun;
}

async function open(kind: ServerKind): Promise<Under> {
  const { server, port, origin } = await ServerProcess.start(kind);
  return { kind, server, load: new Load(port, origin), run: { steps: [], peak: 0, memory: new Map(), cpu: new Map() } };
}

async function close(under: Under): Promise<void> {
  await under.load.close();
  await under.server.stop();
}

const mb = (bytes: number): string => (bytes / 2 ** 20).toFixed(0);

/** Brings the server to `peers`; false if any registration was refused or timed out. */
async function grow(under: Under, peers: number): Promise<boolean> {
  const { load, run } = under;
  load.failed = 0;
  load.dropped = 0;
  const startedAt = performance.now();
  await load.resize(peers);
  run.peak = Math.max(run.peak, load.peers);
  log(`${under.kind}: ${load.peers} peers (${load.rooms.length} rooms) in ${((performance.now() - startedAt) / 1000).toFixed(1)} s, ${load.failed} refused`);
  return load.failed === 0 && load.peers === peers;
}

/** One count of the search: grow (or shrink) to it, knock for a step's window, note CPU and memory. */
async function step(under: Under, peers: number): Promise<void> {
  const { server, load, run } = under;
  const registered = await grow(under, peers);
  const before = await server.stats(false);
  const startedAt = performance.now();
  const window = await load.knockFor(CONFIG.stepSeconds);
  let p95 = percentile(window.samples, 95);
  // Over the limit in one window, a second one decides, over both together: a burst of the
  // machine's other work should not end the search, a slow server still does.
  const again = registered && p95 >= LIMIT_MS;
  if (again) {
    const more = await load.knockFor(CONFIG.stepSeconds);
    window.samples.push(...more.samples);
    window.lost += more.lost;
    p95 = percentile(window.samples, 95);
  }
  const after = await server.stats(true);
  const cpu = (after.cpuMicros - before.cpuMicros) / 1000 / (performance.now() - startedAt);
  const ok = registered && p95 < LIMIT_MS && load.dropped === 0;
  // Memory and CPU count wherever every peer registered and stayed, whatever the latency.
  if (registered && load.dropped === 0 && peers >= run.peak) {
    run.memory.set(peers, after);
    run.cpu.set(peers, cpu);
  }
  run.steps.push({ peers, ok });
  log(`${under.kind}: ${peers} peers, ${window.samples.length} knocks${again ? ' (two windows)' : ''}: p50 ${percentile(window.samples, 50).toFixed(1)} ms, p95 ${p95.toFixed(1)} ms, ` +
    `${window.lost} lost, ${load.dropped} peers dropped; server CPU ${(cpu * 100).toFixed(1)} % of a core, machine load ${loadavg()[0]?.toFixed(1) ?? '?'}, RSS ${mb(after.rss)} MB, heap ${mb(after.heapUsed)} MB` +
    (ok ? '' : ' — over the limit'));
}

/** Doubles the peer count from CONFIG.start while p95 stays under the limit, up to the machine's cap, then refines. */
async function search(under: Under, cap: number, refine: number): Promise<void> {
  const plan = { start: CONFIG.start, cap, refine, grain: GRAIN };
  for (let peers = nextStep([], plan); peers !== undefined; peers = nextStep(under.run.steps, plan)) await step(under, peers);
}

/**
 * Knock latency at `peers` on both servers, in slices taken in turn so that the machine's other
 * work weighs on both alike; p95 over each server's slices together.
 */
async function knockP95(a: Under, b: Under, peers: number): Promise<[{ p95: number; knocks: number }, { p95: number; knocks: number }] | undefined> {
  for (const under of [a, b]) if (!(await grow(under, peers))) return undefined;
  const samples: [number[], number[]] = [[], []];
  const slices = Math.max(1, Math.round(CONFIG.p95Seconds / CONFIG.stepSeconds));
  for (let i = 0; i < slices; i++) {
    for (const [n, under] of [a, b].entries()) {
      const window = await under.load.knockFor(CONFIG.p95Seconds / slices);
      samples[n]?.push(...window.samples);
    }
  }
  const [ours, floor] = samples.map((s, n) => {
    const under = n === 0 ? a : b;
    const p95 = percentile(s, 95);
    log(`${under.kind}: ${peers} peers, ${s.length} knocks in ${slices} slices: p50 ${percentile(s, 50).toFixed(1)} ms, p95 ${p95.toFixed(1)} ms, ` +
      `${s.filter((x) => x === Infinity).length} lost, ${under.load.dropped} peers dropped`);
    return { p95, knocks: s.length };
  });
  return ours && floor ? [ours, floor] : undefined;
}

/** Runs the signalling bench and hands each figure to `emit`. */
export async function benchSignalling(emit: (figure: Figure) => void): Promise<void> {
  const cap = await machineCap();
  log(`at most ${cap} peers on this machine (open files, local ports); ${CONFIG.p95Seconds} s of knocks at ${CONFIG.p95Peers} peers, steps of ${CONFIG.stepSeconds} s`);
  const demo = await open('demo');
  const bare = await open('bare').catch(async (e: unknown) => {
    await close(demo);
    throw e;
  });
  try {
    const p95Peers = Math.min(CONFIG.p95Peers, cap);
    const p95 = await knockP95(demo, bare, p95Peers);
    if (p95) {
      const [ours, floor] = p95;
      emit({ name: 'signalling-knock-p95', value: round(ours.p95), unit: 'ms', runs: ours.knocks, floor: round(floor.p95), ratio: round(ours.p95 / floor.p95) });
    } else {
      log(`no knock p95: not all ${p95Peers} peers registered`);
    }
    await bare.load.resize(0);
    await search(demo, cap, CONFIG.refine);
    await close(demo);
    if (CONFIG.floorSteps) await search(bare, cap, 0);
    // Without its own search, the floor is measured at the counts memory per peer is taken between.
    else for (const peers of new Set([p95Peers, largestHeld(demo.run.steps)])) if (peers > 0) await step(bare, peers);
  } finally {
    await Promise.all([close(demo), close(bare)]);
  }

  const held = largestHeld(demo.run.steps);
  const floorHeld = CONFIG.floorSteps ? largestHeld(bare.run.steps) : undefined;
  emit({
    name: 'signalling-peers', value: held, unit: 'peers', runs: demo.run.steps.length,
    ...(floorHeld !== undefined ? { floor: floorHeld, ratio: round(held / floorHeld) } : {}),
  });
  if (held >= cap) log(`the demo server held every count up to the machine's cap (${cap}): its capacity is at least that`);
  // Memory per peer between the smallest and the largest count both servers reached: the process's
  // memory before any peer still holds what loading the code took, which the system takes back
  // later (RSS at 0 came out above RSS at 1,000), so growth from a first count is what peers cost.
  const common = [...demo.run.memory.keys()].filter((n) => bare.run.memory.has(n));
  const [lo, hi] = [Math.min(...common), Math.max(...common)];
  if (common.length >= 2) {
    log(`memory per peer between ${lo} and ${hi} peers, CPU per peer at ${hi}`);
    const perPeer = (run: ServerRun, key: keyof Memory): number => ((run.memory.get(hi)?.[key] ?? 0) - (run.memory.get(lo)?.[key] ?? 0)) / (hi - lo) / 1024;
    for (const [name, key] of [['signalling-memory-per-peer', 'rss'], ['signalling-heap-per-peer', 'heapUsed']] as const) {
      const value = perPeer(demo.run, key);
      const floor = perPeer(bare.run, key);
      emit({ name, value: round(value), unit: 'kB', runs: 1, floor: round(floor), ratio: round(value / floor) });
    }
    // What the sizing rule scales by beyond this machine's open-file limit: a core's share per 1,000 peers.
    const cpuPer1000 = (run: ServerRun): number => ((run.cpu.get(hi) ?? 0) * 100 * 1000) / hi;
    const value = cpuPer1000(demo.run);
    const floor = cpuPer1000(bare.run);
    emit({ name: 'signalling-cpu-per-1000-peers', value: round(value), unit: '% of a core', runs: 1, floor: round(floor), ratio: round(value / floor) });
  } else {
    log('no memory per peer: the servers reached fewer than two counts in common');
  }
}

// Run alone: `npm run bench:signalling` (or `tsx scripts/bench-signalling.ts`).
if (process.argv[1] && import.meta.url === pathToFileURL(process.argv[1]).href) {
  await benchSignalling((figure) => { console.log(JSON.stringify(figure)); });
  process.exit(0);
}
