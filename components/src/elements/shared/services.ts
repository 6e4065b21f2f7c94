import { SmsRelay } from '../../notify/index.js';
import { LocalStore } from '../../store/index.js';
import { VisitService } from '../../visits/visit-service.js';
import { readConfig, resetConfig } from './config.js';

export { configure, readConfig, type DhConfig } from './config.js';

let services: Promise<VisitService> | undefined;

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
  resetConfig();
  // Services that could not open (another tab runs a newer page) have nothing to close.
  const service = await current?.catch(() => undefined);
  if (!service) return;
  service.relay.stop();
  service.close();
  service.store.close();
}
