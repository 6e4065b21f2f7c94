import type { Clinic } from '../../core/index.js';
import { SmsRelay } from '../../notify/index.js';
import { LocalStore } from '../../store/index.js';
import { VisitService, type VisitConfig } from '../../visits/visit-service.js';

/** Everything a region configures: one typed object, never hard-coded hosts. */
export interface DhConfig extends VisitConfig {
  /** The SMS relay endpoint (JSON POST). */
  readonly relayUrl: string;
  /** IndexedDB database name (tests use their own). */
  readonly dbName?: string;
}

let explicit: Partial<DhConfig> = {};
let services: Promise<VisitService> | undefined;

/**
 * Sets configuration from script. A host page that runs no script of its own can instead put
 * `<script type="application/json" data-dh-config>{…}</script>` in the page (allowed by a strict
 * CSP, since it is data and is never executed).
 */
export function configure(config: Partial<DhConfig>): void {
  explicit = { ...explicit, ...config };
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
    patientUrl: `${origin}/besok`,
    guestUrl: `${origin}/tolk`,
    clinics: [] as Clinic[],
    ...fromPage,
    ...explicit,
  };
}

/** The page's one booking service (store, relay, config), opened on first use. */
export function getServices(): Promise<VisitService> {
  services ??= (async () => {
    const config = readConfig();
    const store = await LocalStore.open(config.dbName ? { name: config.dbName } : {});
    const relay = new SmsRelay({ url: config.relayUrl, outbox: store.outbox });
    relay.start();
    return new VisitService(store, relay, config);
  })();
  return services;
}

/** Closes the services and forgets the configuration (tests, or a host page switching region). */
export async function resetServices(): Promise<void> {
  const current = services;
  services = undefined;
  explicit = {};
  if (!current) return;
  const service = await current;
  service.relay.stop();
  service.close();
  service.store.close();
}
