// Pure parts of the signalling bench: the percentile, which peer counts to try, and how a count
// splits into rooms and guests. No sockets here, so a table can test them.

/**
 * The p-th percentile (0–100) by the nearest-rank method: the smallest sample with at least p % of
 * the samples at or below it. A knock never delivered counts as Infinity, so a p95 over samples
 * more than 5 % of which were lost is Infinity. NaN for no samples.
 */
export function percentile(samples: readonly number[], p: number): number {
  if (samples.length === 0) return NaN;
  const sorted = [...samples].sort((a, b) => a - b);
  const rank = Math.max(1, Math.ceil((p / 100) * sorted.length));
  return sorted[rank - 1] ?? NaN;
}

export interface StepResult {
  readonly peers: number;
  /** p95 under the limit, every peer registered and none dropped. */
  readonly ok: boolean;
}

export interface StepPlan {
  /** The first count tried. */
  readonly start: number;
  /** The most peers the machine allows (file descriptors, ports); never tried beyond. */
  readonly cap: number;
  /** Halvings between the last count that held and the first that did not. */
  readonly refine: number;
  /** Counts are rounded down to a multiple of this. */
  readonly grain: number;
}

/**
 * The next peer count to try after `done` (in the order tried), or undefined when the search is
 * over: doubling from `start` while every count holds, then `cap` itself once if doubling would
 * pass it; after the first count that fails, `refine` halvings of the gap between the largest
 * count that held and the smallest that failed.
 */
export function nextStep(done: readonly StepResult[], plan: StepPlan): number | undefined {
  const floorToGrain = (n: number): number => Math.floor(n / plan.grain) * plan.grain;
  const last = done.at(-1);
  if (!last) return Math.min(plan.start, plan.cap);
  const failed = done.filter((r) => !r.ok);
  if (failed.length === 0) {
    if (last.peers >= plan.cap) return undefined;
    return Math.min(last.peers * 2, plan.cap);
  }
  const refinements = done.length - 1 - done.findIndex((r) => !r.ok);
  if (refinements >= plan.refine) return undefined;
  const held = Math.max(0, ...done.filter((r) => r.ok).map((r) => r.peers));
  const broke = Math.min(...failed.map((r) => r.peers));
  const mid = floorToGrain((held + broke) / 2);
  return mid > held && mid < broke ? mid : undefined;
}

/** The largest count that held, or 0. */
export function largestHeld(done: readonly StepResult[]): number {
  return Math.max(0, ...done.filter((r) => r.ok).map((r) => r.peers));
}

/**
 * How `peers` registered peers split into visits: one room (the nurse's peer) for every
 * `guestsPerRoom` guests, rounded so that rooms + guests = peers and every room has a guest.
 */
export function visitsOf(peers: number, guestsPerRoom: number): { rooms: number; guests: number } {
  if (peers < 2) return { rooms: 0, guests: 0 };
  const rooms = Math.max(1, Math.round(peers / (guestsPerRoom + 1)));
  return { rooms, guests: peers - rooms };
}

/**
 * Knocks owed since the last tick at `perSecond`, carrying the fraction over: the load stays even
 * however the timer drifts.
 */
export function knocksDue(carry: number, elapsedMs: number, perSecond: number): { now: number; carry: number } {
  const owed = carry + (elapsedMs / 1000) * perSecond;
  const now = Math.floor(owed);
  return { now, carry: owed - now };
}

/**
 * An SDP offer as Chromium makes it for a PeerJS data connection (no media, one data channel),
 * before any candidate: the size of what a knock carries through the server.
 */
const OFFER_SDP = [
  'v=0', 'o=- 4611731400430051336 2 IN IP4 127.0.0.1', 's=-', 't=0 0', 'a=group:BUNDLE 0', 'a=extmap-allow-mixed',
  'a=msid-semantic: WMS', 'm=application 9 UDP/DTLS/SCTP webrtc-datachannel', 'c=IN IP4 0.0.0.0',
  'a=ice-ufrag:Rk7Q', 'a=ice-pwd:0wXBKGuUnCbKJ1Sv7YbCa0vu', 'a=ice-options:trickle',
  'a=fingerprint:sha-256 7B:2E:5C:93:1A:0F:44:D1:88:6A:39:C2:5E:0B:71:F4:AA:12:9D:63:E8:57:3C:B0:19:4F:D6:2A:81:C5:0E:77',
  'a=setup:actpass', 'a=mid:0', 'a=sctp-port:5000', 'a=max-message-size:262144', '',
].join('\r\n');
const ANSWER_SDP = OFFER_SDP.replace('a=setup:actpass', 'a=setup:active');

/** What PeerJS 1.5 sends when `peer.connect(room)` starts: the knock on the signalling level. */
export function offerMessage(dst: string, connectionId: string): string {
  return JSON.stringify({
    type: 'OFFER',
    payload: { sdp: { type: 'offer', sdp: OFFER_SDP }, type: 'data', connectionId, label: connectionId, reliable: true, serialization: 'binary' },
    dst,
  });
}

/** The room's answer to it, as PeerJS sends it. */
export function answerMessage(dst: string, connectionId: string): string {
  return JSON.stringify({ type: 'ANSWER', payload: { sdp: { type: 'answer', sdp: ANSWER_SDP }, type: 'data', connectionId }, dst });
}

export const HEARTBEAT = JSON.stringify({ type: 'HEARTBEAT' });
