import type { PeerOptions } from 'peerjs';

/** Where signalling goes and which ICE servers to use: configuration, never PeerJS's public defaults. */
export interface SignallingConfig {
  /** The region's PeerServer, e.g. 'https://video.region.se/peerjs' or '/peerjs' on this site. */
  readonly url: string;
  /** STUN/TURN servers. On loopback none is needed; an empty list means host candidates only. */
  readonly iceServers: readonly RTCIceServer[];
}

/**
 * PeerJS options for the configured server. Every field PeerJS would otherwise default to its public
 * cloud (host, port, path, secure, ICE servers) is set here explicitly.
 */
export function peerOptions(config: SignallingConfig, token?: string): PeerOptions {
  const url = new URL(config.url, globalThis.location?.href);
  const secure = url.protocol === 'https:' || url.protocol === 'wss:';
  return {
    host: url.hostname,
    port: Number(url.port || (secure ? 443 : 80)),
    path: url.pathname,
    secure,
    key: 'peerjs',
    debug: 0,
    config: { iceServers: [...config.iceServers] },
    ...(token ? { token } : {}),
  };
}
