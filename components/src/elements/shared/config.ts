import type { Clinic } from '../../core/index.js';
import type { IdentityConfig } from '../../identity/oidc-client.js';
import type { SignallingConfig } from '../../media/signalling.js';

/** Everything a region configures: one typed object, never hard-coded hosts. */
export interface DhConfig {
  /** The SMS relay endpoint (JSON POST). */
  readonly relayUrl: string;
  /** IndexedDB database name (tests use their own). */
  readonly dbName?: string;
  /** The region's PeerServer (signalling only; media never passes it). */
  readonly signallingUrl: string;
  /** STUN/TURN servers for WebRTC; empty means host candidates only (enough on one network). */
  readonly iceServers: readonly RTCIceServer[];
  /**
   * Where a page gets short-lived TURN credentials for its visit: a POST with the room id, answered
   * with `{ iceServers, iceTransportPolicy, expiresAt }` (the demo's /api/ice). No TURN password is
   * ever put in the page itself.
   */
  readonly iceUrl?: string;
  /** 'relay' sends media only through TURN; 'all' (the default) tries direct paths first. */
  readonly iceTransportPolicy?: RTCIceTransportPolicy;
  readonly clinics: readonly Clinic[];
  /** The patient's join page; the participant token goes in the fragment. */
  readonly patientUrl: string;
  /** The interpreter's join page. */
  readonly guestUrl: string;
  readonly interpreterLanguages?: readonly string[];
  /** Where clinic, time and status are listed under the room id for the join pages. */
  readonly visitDirectoryUrl?: string;
  /** The intranet's lobby page for a visit, `{id}` for the booking id (default `/lobby#{id}` on this site). */
  readonly lobbyUrl?: string;
  /**
   * The region's OpenID Connect broker for BankID and Freja eID. With it, patients sign in before
   * the waiting room and the nurse's lobby checks what the broker signed; without it, they do not.
   */
  readonly identity?: IdentityConfig;
  /**
   * Where the OCR and PDF assets are served (the build's `dist/ocr/`, found beside the bundles by
   * default); on the page's own origin, since their workers start from there.
   */
  readonly ocrAssetsUrl?: string;
}

let explicit: Partial<DhConfig> = {};
let generation = 0;

/** Changes whenever `configure()` or `resetConfig()` runs: services opened before it are stale. */
export const configGeneration = (): number => generation;

/**
 * Sets configuration from script. A host page that runs no script of its own can instead put
 * `<script type="application/json" data-dh-config>{…}</script>` in the page (allowed by a strict
 * CSP, since it is data and is never executed).
 */
export function configure(config: Partial<DhConfig>): void {
  explicit = { ...explicit, ...config };
  generation++;
}

/** Forgets what `configure()` set (tests, or a host page switching region). */
export function resetConfig(): void {
  explicit = {};
  generation++;
}

export function readConfig(): DhConfig {
  let fromPage: Partial<DhConfig> = {};
  const script = document.querySelector('script[type="application/json"][data-dh-config]');
  if (script?.textContent) {
    try {
      fromPage = JSON.parse(script.textContent) as Partial<DhConfig>;
    } catch {
      console.error('digitala-halsosamtal: the data-dh-config script is not valid JSON.');
    }
  }
  const origin = location.origin;
  return {
    relayUrl: '/api/sms',
    visitDirectoryUrl: '/api/visits',
    signallingUrl: '/peerjs',
    iceServers: [],
    patientUrl: `${origin}/besok`,
    guestUrl: `${origin}/tolk`,
    clinics: [],
    ...fromPage,
    ...explicit,
  };
}

/** What a session needs to reach the others: the signalling server and ICE, from the configuration. */
export const signallingOf = (c: DhConfig): SignallingConfig => ({
  url: c.signallingUrl, iceServers: c.iceServers,
  ...(c.iceUrl ? { iceUrl: c.iceUrl } : {}), ...(c.iceTransportPolicy ? { iceTransportPolicy: c.iceTransportPolicy } : {}),
});
