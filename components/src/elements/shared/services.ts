import { serveExtension } from '../../bridge/page-bridge.js';
import type { VisitSummary } from '../../bridge/protocol.js';
import { SmsRelay } from '../../notify/index.js';
import { LocalStore } from '../../store/index.js';
import { VisitService } from '../../visits/visit-service.js';
import { configGeneration, readConfig, resetConfig } from './config.js';

export { configure, readConfig, type DhConfig } from './config.js';

let services: Promise<VisitService> | undefined;
let stopBridge: (() => void) | undefined;
/** The configuration the services were opened with. */
let openedWith = -1;

/**
 * Where the nurse's current clinic is kept in her store's settings: the key the invitation always
 * remembered its last clinic under, so she keeps her clinic across this update. Her popup lists
 * that clinic's visits (all of the page's clinics otherwise).
 */
export const CURRENT_CLINIC_KEY = 'last-clinic';

/**
 * The visits the nurses' extension shows in its toolbar popup, from `from` to `to`: time, first
 * name, interpreter, status and the lobby's address — nothing more of the person.
 */
async function visitSummaries(service: VisitService, from: Date, to: Date): Promise<VisitSummary[]> {
  const config = service.config;
  const last = await service.store.settings.get<string>(CURRENT_CLINIC_KEY);
  const clinics = config.clinics.some((c) => c.id === last) ? [last ?? ''] : config.clinics.map((c) => c.id);
  const bookings = (await Promise.all(clinics.map((clinicId) => service.store.bookings.list({ clinicId, from, to })))).flat();
  const lobby = readConfig().lobbyUrl ?? '/lobby#{id}';
  return bookings.sort((a, b) => a.start.localeCompare(b.start)).slice(0, 200).map((b) => ({
    bookingId: b.id,
    start: b.start,
    durationMinutes: b.durationMinutes,
    firstName: b.participant.givenName.slice(0, 50),
    interpreter: b.interpreter !== undefined,
    status: b.status,
    lobbyUrl: new URL(lobby.replace('{id}', encodeURIComponent(b.id)), location.href).href,
  }));
}

/**
 * The page's one booking service (store, relay, config), opened on first use, and opened again
 * after `configure()`: services opened a moment before it (by an element that asked first) must
 * not keep the old clinics and store.
 */
export function getServices(): Promise<VisitService> {
  if (services && openedWith !== configGeneration()) void close(takeServices());
  openedWith = configGeneration();
  services ??= (async () => {
    const config = readConfig();
    const store = await LocalStore.open(config.dbName ? { name: config.dbName } : {});
    const relay = new SmsRelay({ url: config.relayUrl, outbox: store.outbox });
    relay.start();
    const service = new VisitService(store, relay, config);
    // The extension's popup asks this page for the day's visits while it is open.
    stopBridge = serveExtension({ visits: async ({ from, to }) => ({ visits: await visitSummaries(service, new Date(from), new Date(to)) }) });
    return service;
  })();
  return services;
}

/** Closes the services and forgets the configuration (tests, or a host page switching region). */
export async function resetServices(): Promise<void> {
  const current = takeServices();
  resetConfig();
  await close(current);
}

function takeServices(): Promise<VisitService> | undefined {
  const current = services;
  services = undefined;
  stopBridge?.();
  stopBridge = undefined;
  return current;
}

async function close(current: Promise<VisitService> | undefined): Promise<void> {
  // Services that could not open (another tab runs a newer page) have nothing to close.
  const service = await current?.catch(() => undefined);
  if (!service) return;
  service.relay.stop();
  service.close();
  service.store.close();
}
