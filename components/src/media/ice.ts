import type { SignallingConfig } from './signalling.js';

/**
 * ICE servers for one visit, as the server granted them (POST to `iceUrl` with the room id, which
 * proves holding the link): TURN credentials that lapse at `expiresAt`.
 */
export interface IceGrant {
  readonly iceServers: RTCIceServer[];
  readonly iceTransportPolicy: RTCIceTransportPolicy;
  readonly expiresAt: number;
}

/** How long before a grant lapses it is asked for again: new calls (a reconnect) need a valid one. */
export const RENEW_BEFORE_MS = 10 * 60_000;

/** Milliseconds until a grant lapsing at `expiresAt` is renewed: at least 30 s, at most a timer's range. */
export const renewIn = (expiresAt: number, now: number): number => Math.min(Math.max(expiresAt - now - RENEW_BEFORE_MS, 30_000), 2 ** 31 - 1);

/** The grant for `room`, or undefined when the server gives none (no TURN there, no listing, too many requests, offline). */
export async function fetchIce(config: SignallingConfig, room: string): Promise<IceGrant | undefined> {
  if (!config.iceUrl) return undefined;
  try {
    const response = await fetch(config.iceUrl, {
      method: 'POST', headers: { 'Content-Type': 'application/json' }, body: JSON.stringify({ room }), cache: 'no-store', referrerPolicy: 'no-referrer',
    });
    const grant = response.ok ? (await response.json()) as Partial<IceGrant> : undefined;
    return Array.isArray(grant?.iceServers) && typeof grant.expiresAt === 'number'
      ? { iceServers: grant.iceServers, iceTransportPolicy: grant.iceTransportPolicy === 'relay' ? 'relay' : 'all', expiresAt: grant.expiresAt } : undefined;
  } catch {
    return undefined;
  }
}

/**
 * Whether the TURN servers in `config` give a relay candidate: a connection of its own gathers, and
 * is closed. A wrong or expired credential (the TURN server answers 401) or a TURN server out of
 * reach gives none; with relay-only ICE no call could then connect, and the page says so at once
 * instead of waiting for a call that cannot come.
 */
export function relayGathers(config: RTCConfiguration, ms = 10_000): Promise<boolean> {
  const pc = new RTCPeerConnection(config);
  return new Promise<boolean>((resolve) => {
    const done = (ok: boolean): void => {
      clearTimeout(timer);
      pc.close();
      resolve(ok);
    };
    const timer = setTimeout(() => { done(false); }, ms);
    pc.onicecandidate = ({ candidate }) => {
      if (!candidate) done(false);
      else if (candidate.type === 'relay') done(true);
    };
    pc.createDataChannel('probe');
    pc.createOffer().then((offer) => pc.setLocalDescription(offer)).catch(() => { done(false); });
  });
}
