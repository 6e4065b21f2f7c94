import Peer, { type PeerJSOption, type PeerOptions } from 'peerjs';

/** Where signalling goes and which ICE servers to use: configuration, never PeerJS's public defaults. */
export interface SignallingConfig {
  /** The region's PeerServer, e.g. 'https://video.region.se/peerjs' or '/peerjs' on this site. */
  readonly url: string;
  /** STUN/TURN servers. On loopback none is needed; an empty list means host candidates only. */
  readonly iceServers: readonly RTCIceServer[];
  /** Where the page gets short-lived TURN credentials for its visit (the demo's POST /api/ice). */
  readonly iceUrl?: string;
  /** 'relay': media only through TURN (a network that allows nothing else, and the relay test). */
  readonly iceTransportPolicy?: RTCIceTransportPolicy;
}

/**
 * PeerJS options for the configured server. Every field PeerJS would otherwise default to its public
 * cloud (host, port, path, secure, ICE servers) is set here explicitly.
 */
export function peerOptions(config: SignallingConfig, token?: string, rtc?: RTCConfiguration): PeerJSOption {
  const url = new URL(config.url, typeof location === 'undefined' ? undefined : location.href);
  const secure = url.protocol === 'https:' || url.protocol === 'wss:';
  return {
    host: url.hostname,
    port: Number(url.port || (secure ? 443 : 80)),
    path: url.pathname,
    secure,
    config: rtc ?? { iceServers: [...config.iceServers], ...(config.iceTransportPolicy ? { iceTransportPolicy: config.iceTransportPolicy } : {}) },
    referrerPolicy: 'no-referrer',
    ...(token ? { token } : {}),
  };
}

/**
 * A Peer on the configured server. PeerJS types its options as a class that nobody constructs;
 * the plain object above is what its own documentation passes.
 */
export function createPeer(config: SignallingConfig, id?: string, token?: string, rtc?: RTCConfiguration): Peer {
  // eslint-disable-next-line @typescript-eslint/no-unsafe-class-instance-assignment, @typescript-eslint/no-unsafe-enum-assignment
  const options = peerOptions(config, token, rtc) as PeerOptions;
  const peer = id ? new Peer(id, options) : new Peer(options);
  // PeerJS builds an incoming data connection with `new serializers[offer.serialization]`, looked
  // up in a plain object: an offer naming "constructor" would hand us a String instead of a
  // connection (and break destroy()). Without a prototype, such a name finds nothing.
  const table = (peer as unknown as { _serializers?: object })._serializers;
  if (table) Object.setPrototypeOf(table, null);
  return peer;
}
