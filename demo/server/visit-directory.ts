import { createHash, randomBytes, timingSafeEqual } from 'node:crypto';
import { DAY_MS, PARTICIPANT_RETENTION_DAYS, PATIENT_LOCALES, unsafeCharacter, type Clinic } from '../../components/src/core/index.js';
import { ISO_INSTANT, JsonFileListingStore, LISTING_STATUSES, ROOM_ID, type ListingStatus, type ListingStore, type StoredListing } from './listing-store.js';

export { DamagedDirectoryError, LISTING_STATUSES, ROOM_ID, type ListingStatus } from './listing-store.js';

/**
 * What a patient's page may learn about a visit before the nurse is online: clinic, time and
 * whether it still stands — keyed by the room id (a hash of the link's token), never by person.
 */
export interface VisitListing {
  /** The clinic's name and phone, from the server's own configuration (never from the caller). */
  readonly clinic: string;
  readonly clinicPhone?: string;
  readonly start: string;
  readonly durationMinutes: number;
  readonly status: ListingStatus;
  /** The language the patient was invited in, so their page opens in it (never on the interpreter's). */
  readonly language?: string;
}

export type PutResult =
  | { readonly status: 201; readonly secret: string }
  | { readonly status: 204 }
  | { readonly status: 400 | 403 | 507; readonly error: string };

const FIELDS = new Set(['clinicId', 'start', 'durationMinutes', 'status', 'language']);
/** Listings go 30 days after the visit, as the nurse's own copy of the booking does. */
const RETENTION_MS = PARTICIPANT_RETENTION_DAYS * DAY_MS;

export interface DirectoryOptions {
  /** The clinics the region runs: a listing names one of these by id. */
  readonly clinics: readonly Clinic[];
  /** At most this many listings at once (default 10,000). */
  readonly maxListings?: number;
  readonly now?: () => number;
}

const hashOf = (secret: string): string => createHash('sha256').update(secret).digest('hex');

function sameSecret(secret: string, storedHash: string): boolean {
  const a = Buffer.from(hashOf(secret), 'hex');
  const b = Buffer.from(storedHash, 'hex');
  return a.length === b.length && timingSafeEqual(a, b);
}

/**
 * The visit directory. A listing is created once, by whoever lists the room first (the nurse's
 * side, at booking), and gets a secret back; only that secret changes it later. Values are
 * checked, listings are capped and purged 30 days after the visit. Rows are kept by a
 * `ListingStore`: a JSON file for one server, PostgreSQL for several.
 */
export class VisitDirectory {
  readonly #store: ListingStore;
  readonly #clinics: ReadonlyMap<string, Clinic>;
  readonly #max: number;
  readonly #now: () => number;

  constructor(store: ListingStore, options: DirectoryOptions) {
    this.#store = store;
    this.#clinics = new Map(options.clinics.map((c) => [c.id, c]));
    this.#max = options.maxListings ?? 10_000;
    this.#now = options.now ?? Date.now;
  }

  /** The embedded default: `visits.json` in `dir`; throws DamagedDirectoryError for a file it cannot trust. */
  static async open(dir: string, options: DirectoryOptions): Promise<VisitDirectory> {
    const directory = new VisitDirectory(await JsonFileListingStore.open(dir), options);
    await directory.purge();
    return directory;
  }

  size(): Promise<number> {
    return this.#store.count();
  }

  /** The public view of a listing: clinic name and phone from configuration, time, status. */
  async get(room: string): Promise<VisitListing | undefined> {
    const stored = ROOM_ID.test(room) ? await this.#store.get(room) : undefined;
    if (!stored) return undefined;
    const clinic = this.#clinics.get(stored.clinicId);
    return {
      clinic: clinic?.name ?? stored.clinicId,
      ...(clinic?.phone ? { clinicPhone: clinic.phone } : {}),
      start: stored.start,
      durationMinutes: stored.durationMinutes,
      status: stored.status,
      ...(stored.language ? { language: stored.language } : {}),
    };
  }

  /**
   * Creates a listing (201, with the secret that changes it from now on) or changes one (204,
   * only with that secret). Refuses bad values (400), a missing or wrong secret (403) and a full
   * directory (507). Messages are Swedish, for the nurse's side to show.
   */
  async put(room: string, body: unknown, secret: string | undefined): Promise<PutResult> {
    if (!ROOM_ID.test(room)) return { status: 400, error: 'Ogiltigt rums-id.' };
    const checked = this.#check(body);
    if (typeof checked === 'string') return { status: 400, error: checked };
    const existing = await this.#store.get(room);
    if (!existing) {
      const created = randomBytes(16).toString('base64url');
      let outcome = await this.#store.create(room, { ...checked, secretHash: hashOf(created) }, this.#max);
      if (outcome === 'full' && (await this.purge()) > 0) outcome = await this.#store.create(room, { ...checked, secretHash: hashOf(created) }, this.#max);
      if (outcome === 'created') return { status: 201, secret: created };
      if (outcome === 'full') return { status: 507, error: 'Besökskatalogen är full. Försök igen senare.' };
    }
    // Listed already (perhaps a moment ago, by another server): only its secret changes it.
    const current = existing ?? await this.#store.get(room);
    if (!current || secret === undefined || !sameSecret(secret, current.secretHash)) return { status: 403, error: 'Besöket finns redan och får bara ändras av den som lade upp det.' };
    await this.#store.replace(room, { ...checked, secretHash: current.secretHash });
    return { status: 204 };
  }

  /** Drops listings whose visit ended more than 30 days ago; returns how many (the server's timer). */
  purge(): Promise<number> {
    return this.#store.purge(this.#now() - RETENTION_MS);
  }

  close(): Promise<void> {
    return this.#store.close();
  }

  #check(body: unknown): Omit<StoredListing, 'secretHash'> | string {
    if (typeof body !== 'object' || body === null || Array.isArray(body)) return 'Kroppen ska vara ett objekt.';
    const b = body as Record<string, unknown>;
    const extra = Object.keys(b).find((k) => !FIELDS.has(k));
    if (extra !== undefined) return `Okänt fält: ${extra.slice(0, 40).replace(/[^\w-]/g, '?')}.`;
    for (const value of Object.values(b)) {
      if (typeof value === 'string' && unsafeCharacter(value)) return 'Texten innehåller styr- eller riktningstecken.';
    }
    const { clinicId, start, durationMinutes, status, language } = b;
    if (typeof clinicId !== 'string' || !this.#clinics.has(clinicId)) return 'clinicId ska vara en av regionens mottagningar.';
    // The round trip catches dates that do not exist (31 February), which Date.parse rolls over.
    if (typeof start !== 'string' || !ISO_INSTANT.test(start) || Number.isNaN(Date.parse(start))
      || new Date(start).toISOString().slice(0, 19) !== start.slice(0, 19)) return 'start ska vara en tidpunkt i UTC (ISO 8601).';
    if (typeof durationMinutes !== 'number' || !Number.isInteger(durationMinutes) || durationMinutes < 5 || durationMinutes > 480) return 'durationMinutes ska vara 5–480.';
    if (typeof status !== 'string' || !(LISTING_STATUSES as readonly string[]).includes(status)) return 'status ska vara booked eller cancelled.';
    if (language !== undefined && (typeof language !== 'string' || !(PATIENT_LOCALES as readonly string[]).includes(language))) return 'language ska vara ett av sidans språk.';
    return { clinicId, start: new Date(start).toISOString(), durationMinutes, status: status as ListingStatus, ...(language ? { language } : {}) };
  }
}
