// Which web origins may use the demo server from a browser (WebSocket upgrades, CORS), and so which
// Host headers it answers to.

const LOOPBACK_NAMES = ['127.0.0.1', 'localhost', '[::1]'];

/** A loopback address, or every interface (loopback among them). */
const reachableAsLoopback = (host: string): boolean =>
  host === 'localhost' || host.startsWith('127.') || host === '::1' || host === '0.0.0.0' || host === '::';

/**
 * The server's own origins for the address it listens on and the port it got: a browser on this
 * machine may name a loopback server in any of the three usual ways.
 */
export function ownOrigins(host: string, port: number): string[] {
  const names = [host.includes(':') ? `[${host}]` : host, ...(reachableAsLoopback(host) ? LOOPBACK_NAMES : [])];
  return [...new Set(names.map((name) => new URL(`http://${name}:${port}`).origin))];
}

/**
 * The origin that `text` names exactly (scheme, host, port; a trailing slash allowed), or
 * undefined for anything else: a path, a user name, a wildcard, 'null'.
 */
export function exactOrigin(text: string): string | undefined {
  let url: URL;
  try {
    url = new URL(text.trim());
  } catch {
    return undefined;
  }
  const web = url.protocol === 'http:' || url.protocol === 'https:';
  // The URL parser takes '*' as a host character: a wildcard would otherwise pass as a name.
  return web && url.href === `${url.origin}/` && !url.host.includes('*') ? url.origin : undefined;
}

/** The Host header values a browser sends for these origins. */
export const hostsOf = (origins: Iterable<string>): Set<string> => new Set([...origins].map((o) => new URL(o).host));
