import type { DataConnection } from 'peerjs';
import type { WireMessage } from './wire.js';

/** Sends one wire message; a connection that closed meanwhile just drops it. */
export async function send(conn: DataConnection, message: WireMessage): Promise<void> {
  if (!conn.open) return;
  try {
    await conn.send(message);
  } catch {
    // Closed between the check and the send: the other side learns of it from the close.
  }
}

/**
 * Waits (at most `maxMs`) until what was sent has left the data channel's buffer. Closing the peer
 * connection right after a send could otherwise lose a last message ("end", "leave").
 */
export async function drain(conn: DataConnection, maxMs = 1000): Promise<void> {
  const until = Date.now() + maxMs;
  const buffered = (): number => (conn.open ? ((conn.dataChannel as RTCDataChannel | undefined)?.bufferedAmount ?? 0) : 0);
  while (buffered() > 0 && Date.now() < until) await new Promise((r) => setTimeout(r, 20));
}
