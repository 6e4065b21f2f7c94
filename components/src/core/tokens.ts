/** Base64url without padding: safe in a URL path, query or fragment. */
function base64url(bytes: Uint8Array): string {
  let binary = '';
  for (const b of bytes) binary += String.fromCharCode(b);
  return btoa(binary).replace(/\+/g, '-').replace(/\//g, '_').replace(/=+$/, '');
}

const hex = (bytes: Uint8Array): string => Array.from(bytes, (b) => b.toString(16).padStart(2, '0')).join('');

/** A fresh 128-bit random token, URL-safe (22 characters). */
export function newToken(): string {
  return base64url(crypto.getRandomValues(new Uint8Array(16)));
}

export const TOKEN_PATTERN = /^[A-Za-z0-9_-]{22}$/;

// Domain separation: the same token never hashes to an id used for anything else.
const ROOM_CONTEXT = 'digitala-halsosamtal/room/v1:';

/**
 * The PeerJS id of a visit's room, derived with SHA-256 so that the signalling server
 * sees only the hash, never the token from the SMS link.
 */
export async function roomPeerId(token: string): Promise<string> {
  const digest = await crypto.subtle.digest('SHA-256', new TextEncoder().encode(ROOM_CONTEXT + token));
  // 128 bits of the hash keep the id unguessable and short; PeerJS ids allow [A-Za-z0-9-].
  return `dh-${hex(new Uint8Array(digest).slice(0, 16))}`;
}

/**
 * Where a visit's peers meet when signalling runs on several servers: the room id's first two hex
 * digits, by which the proxy in front picks the server (a consistent hash over 256 places). Every
 * peer of a visit — the nurse's rooms, the patient, the interpreter, who also call each other —
 * must register on one server, because a server relays only between its own clients.
 */
export const meetingPlace = (peerId: string): string => peerId.slice(0, 5);

/**
 * A fresh token whose room meets at the same place as `token`'s: the interpreter's room on the
 * patient's server. About 256 tries of SHA-256 (a few milliseconds); it costs the token 8 of its
 * 128 bits, and the place says nothing about the patient's token.
 */
export async function newTokenMeetingWith(token: string): Promise<string> {
  const place = meetingPlace(await roomPeerId(token));
  for (;;) {
    const candidate = newToken();
    if (meetingPlace(await roomPeerId(candidate)) === place) return candidate;
  }
}

/** A guest's own peer id: its room's id and 64 random bits, so that it meets its room's server. */
export const guestPeerId = (room: string): string => `${room}-${hex(crypto.getRandomValues(new Uint8Array(8)))}`;

/** A six-digit one-time code for the interpreter, uniform over 000000–999999. */
export function newSmsCode(): string {
  const limit = 4_294_000_000; // largest multiple of 10^6 below 2^32: no modulo bias
  const buf = new Uint32Array(1);
  for (;;) {
    crypto.getRandomValues(buf);
    const n = buf[0] ?? limit;
    if (n < limit) return String(n % 1_000_000).padStart(6, '0');
  }
}
