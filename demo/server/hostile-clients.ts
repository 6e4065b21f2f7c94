// Test helpers: PeerJS clients spoken to the demo server's /peerjs by hand, a well-behaved one and
// hostile ones, for the server's own tests and the end-to-end ones.
import { randomBytes, randomUUID } from 'node:crypto';
import { connect } from 'node:net';
import { WebSocket } from 'ws';

export type PeerMessage = Record<string, unknown>;

/** The WebSocket address PeerJS opens for `id`. */
export const peerjsUrl = (baseUrl: string, id: string, token = 'token'): string =>
  `${baseUrl.replace(/^http/, 'ws')}/peerjs/peerjs?key=peerjs&id=${encodeURIComponent(id)}&token=${token}`;

/** Rejects with what was awaited if `promise` takes longer than `ms`. */
export function within<T>(promise: Promise<T>, ms: number, what: string): Promise<T> {
  let timer: NodeJS.Timeout | undefined;
  const late = new Promise<never>((_resolve, reject) => {
    timer = setTimeout(() => { reject(new Error(`timed out waiting for ${what}`)); }, ms);
  });
  return Promise.race([promise, late]).finally(() => { clearTimeout(timer); });
}

export interface TestPeer {
  readonly id: string;
  readonly socket: WebSocket;
  /** The close code, once the connection is closed. */
  readonly closed: Promise<number>;
  send(message: PeerMessage): void;
  /** The first message, received so far or later, that passes `test`. */
  receive(test: (message: PeerMessage) => boolean, ms?: number): Promise<PeerMessage>;
}

/** Registers `id` as PeerJS does, from a page of `origin`, and waits for the server's OPEN. */
export async function connectPeer(baseUrl: string, id: string, origin = baseUrl): Promise<TestPeer> {
  const socket = new WebSocket(peerjsUrl(baseUrl, id), { origin });
  const inbox: PeerMessage[] = [];
  const waiting = new Set<() => void>();
  socket.on('message', (data: Buffer) => {
    inbox.push(JSON.parse(data.toString()) as PeerMessage);
    for (const wake of waiting) wake();
  });
  const closed = new Promise<number>((resolve) => socket.once('close', resolve));
  const receive = (test: (message: PeerMessage) => boolean, ms = 5000): Promise<PeerMessage> =>
    within(new Promise<PeerMessage>((resolve) => {
      const look = (): void => {
        const index = inbox.findIndex(test);
        const [message] = index === -1 ? [] : inbox.splice(index, 1);
        if (!message) return;
        waiting.delete(look);
        resolve(message);
      };
      waiting.add(look);
      look();
    }), ms, `a message to ${id}`);
  await within(new Promise<void>((resolve, reject) => {
    socket.once('open', resolve);
    socket.once('error', reject);
  }), 5000, `${id} to connect`);
  socket.on('error', () => undefined); // the close code says what happened
  const peer: TestPeer = {
    id,
    socket,
    closed,
    send: (message) => { socket.send(JSON.stringify(message)); },
    receive,
  };
  const open = await receive((m) => m.type === 'OPEN' || m.type === 'ERROR' || m.type === 'ID-TAKEN');
  if (open.type !== 'OPEN') throw new Error(`${id} was refused: ${JSON.stringify(open)}`);
  return peer;
}

/**
 * Registers a peer of its own, sends `frames` (a Buffer as a binary frame) and resolves with the
 * code of the close the server answers with; rejects if the server leaves the connection open.
 */
export async function attack(baseUrl: string, frames: readonly (string | Buffer)[]): Promise<number> {
  const attacker = await connectPeer(baseUrl, `attacker-${randomUUID()}`);
  for (const frame of frames) attacker.socket.send(frame, { binary: typeof frame !== 'string' });
  return within(attacker.closed, 5000, 'the server to close the attacker');
}

/** A message past the server's size cap (64 KiB), valid in every other way. */
export const oversized = (): string => JSON.stringify({ type: 'HEARTBEAT', padding: 'a'.repeat(70_000) });

/** Far more messages than a PeerJS client sends in a second, each of them valid. */
export const flood = (): string[] => Array.from({ length: 1000 }, () => JSON.stringify({ type: 'HEARTBEAT' }));

/** The close code in the first close frame among a server's (unmasked) frames, if there is one. */
function closeCode(frames: Buffer): number | undefined {
  let at = 0;
  while (at + 2 <= frames.length) {
    const opcode = frames.readUInt8(at) & 0x0f;
    let length = frames.readUInt8(at + 1) & 0x7f;
    let start = at + 2;
    if (length === 126) {
      length = frames.readUInt16BE(start);
      start += 2;
    } else if (length === 127) {
      length = Number(frames.readBigUInt64BE(start));
      start += 8;
    }
    if (opcode === 0x8) return length >= 2 ? frames.readUInt16BE(start) : undefined;
    at = start + length;
  }
  return undefined;
}

/**
 * Upgrades by hand over TCP, registers, then sends one frame with RSV1 set (no extension was
 * agreed: a protocol error, which no WebSocket library would send). Resolves, once the server has
 * ended the connection, with the code of its close frame (undefined if it sent none).
 */
export function sendInvalidFrame(baseUrl: string, origin = baseUrl): Promise<number | undefined> {
  const { hostname, port, host } = new URL(baseUrl);
  const id = `attacker-${randomUUID()}`;
  return within(new Promise<number | undefined>((resolve) => {
    const socket = connect(Number(port), hostname.replace(/^\[|\]$/g, ''));
    let received = Buffer.alloc(0);
    let sent = false;
    socket.on('error', () => undefined); // a reset ends it too: 'close' follows
    socket.on('data', (chunk: Buffer) => {
      received = Buffer.concat([received, chunk]);
      if (!sent && received.includes('\r\n\r\n')) {
        sent = true;
        // FIN + RSV1 + text, masked (mask 1 2 3 4), empty.
        socket.write(Buffer.from([0xc1, 0x80, 1, 2, 3, 4]));
      }
    });
    socket.once('close', () => {
      const head = received.indexOf('\r\n\r\n');
      const upgraded = received.subarray(0, 12).toString() === 'HTTP/1.1 101';
      resolve(upgraded && head !== -1 ? closeCode(received.subarray(head + 4)) : undefined);
    });
    socket.write([
      `GET /peerjs/peerjs?key=peerjs&id=${id}&token=token HTTP/1.1`,
      `Host: ${host}`,
      'Upgrade: websocket',
      'Connection: Upgrade',
      `Sec-WebSocket-Key: ${randomBytes(16).toString('base64')}`,
      'Sec-WebSocket-Version: 13',
      `Origin: ${origin}`,
      '',
      '',
    ].join('\r\n'));
  }), 10_000, 'the server to end the connection');
}

/** Asks for a signalling WebSocket with these headers; resolves with the HTTP status (101 if upgraded) and body. */
export function upgrade(baseUrl: string, headers: { origin?: string; host?: string }): Promise<{ status: number; body: string }> {
  return within(new Promise((resolve, reject) => {
    const socket = new WebSocket(peerjsUrl(baseUrl, `probe-${randomUUID()}`), {
      ...(headers.origin === undefined ? {} : { origin: headers.origin }),
      ...(headers.host === undefined ? {} : { headers: { Host: headers.host } }),
    });
    socket.on('error', reject);
    socket.once('open', () => {
      socket.close();
      resolve({ status: 101, body: '' });
    });
    socket.once('unexpected-response', (request, response) => {
      let body = '';
      response.setEncoding('utf8');
      response.on('data', (chunk: string) => (body += chunk));
      response.once('end', () => {
        resolve({ status: response.statusCode ?? 0, body });
        request.destroy();
      });
    });
  }), 5000, 'the answer to an upgrade');
}
