import { DAY_MS, PARTICIPANT_RETENTION_DAYS, type StarProfileValues } from '../../core/index.js';

/**
 * The star profile a patient fills in before the visit, kept on the patient's own device (never
 * sent anywhere until the nurse lets the patient in). Keyed by the visit's room id (a hash, never
 * the link's token) and dropped 30 days after the visit, like everything personal here.
 */
const PREFIX = 'dh-star-profile:';
const RETENTION_MS = PARTICIPANT_RETENTION_DAYS * DAY_MS;

interface Saved {
  readonly values: StarProfileValues;
  /** When the visit ends (ms since the epoch), for the purge. */
  readonly visitEnd: number;
}

function storage(): Storage | undefined {
  try {
    return localStorage;
  } catch {
    return undefined; // blocked by the embedding page or the browser: the form still works, unsaved
  }
}

/** Only numbers under short ids survive a read: the stored text may have been changed by anyone. */
function clean(values: unknown): StarProfileValues {
  if (typeof values !== 'object' || values === null) return {};
  return Object.fromEntries(Object.entries(values).filter(([k, v]) => /^[a-z][a-z0-9-]{0,39}$/.test(k) && typeof v === 'number' && Number.isFinite(v)));
}

export function loadProfile(room: string): StarProfileValues | undefined {
  const text = storage()?.getItem(PREFIX + room);
  if (!text) return undefined;
  try {
    return clean((JSON.parse(text) as Partial<Saved>).values);
  } catch {
    return undefined;
  }
}

export function saveProfile(room: string, values: StarProfileValues, visitEnd: number): void {
  try {
    storage()?.setItem(PREFIX + room, JSON.stringify({ values: clean(values), visitEnd } satisfies Saved));
  } catch {
    // Full or blocked: the answers still go to the nurse from this page.
  }
}

/** Drops what belongs to visits that ended more than 30 days ago. */
export function purgeProfiles(now: number): void {
  const store = storage();
  if (!store) return;
  for (let i = store.length - 1; i >= 0; i--) {
    const key = store.key(i);
    if (!key?.startsWith(PREFIX)) continue;
    let end = 0;
    try {
      end = Number((JSON.parse(store.getItem(key) ?? '{}') as Partial<Saved>).visitEnd) || 0;
    } catch {
      // Unreadable: dropped below.
    }
    if (end + RETENTION_MS < now) store.removeItem(key);
  }
}
