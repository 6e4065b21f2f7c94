/** The connection as a word a nurse or patient understands. */
export type Quality = 'good' | 'fair' | 'poor' | 'unknown';

/** What one connection's statistics say: round-trip time (s) and received/lost video packets. */
export interface LinkFigures {
  readonly rttSeconds: number | undefined;
  readonly packetsReceived: number;
  readonly packetsLost: number;
}

const RANK: Readonly<Record<Quality, number>> = { unknown: 0, good: 1, fair: 2, poor: 3 };

/**
 * Good below 150 ms and 2 % loss, fair below 400 ms and 8 % (talk still works, video may stutter),
 * poor beyond. Several connections (a call with an interpreter): the worst one counts.
 */
export function qualityOf(links: readonly LinkFigures[]): Quality {
  let worst: Quality = 'unknown';
  for (const { rttSeconds: rtt, packetsReceived, packetsLost } of links) {
    if (rtt === undefined) continue;
    const total = packetsReceived + packetsLost;
    const loss = total > 0 ? packetsLost / total : 0;
    const q: Quality = rtt < 0.15 && loss < 0.02 ? 'good' : rtt < 0.4 && loss < 0.08 ? 'fair' : 'poor';
    if (RANK[q] > RANK[worst]) worst = q;
  }
  return worst;
}

/** Reads the figures from WebRTC statistics (the nominated candidate pair and inbound video). */
export async function linkFigures(pc: RTCPeerConnection): Promise<LinkFigures> {
  let rttSeconds: number | undefined;
  let packetsLost = 0;
  let packetsReceived = 0;
  (await pc.getStats()).forEach((r: { type: string; state?: string; nominated?: boolean; currentRoundTripTime?: number; kind?: string; packetsLost?: number; packetsReceived?: number }) => {
    if (r.type === 'candidate-pair' && r.state === 'succeeded' && r.nominated) rttSeconds = r.currentRoundTripTime;
    if (r.type === 'inbound-rtp' && r.kind === 'video') {
      packetsLost += r.packetsLost ?? 0;
      packetsReceived += r.packetsReceived ?? 0;
    }
  });
  return { rttSeconds, packetsLost, packetsReceived };
}
