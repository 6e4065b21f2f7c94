import { createHash, randomBytes, timingSafeEqual } from 'node:crypto';
import { readFile, rename, rm, writeFile } from 'node:fs/promises';
import { join } from 'node:path';
import { DAY_MS, PARTICIPANT_RETENTION_DAYS, PATIENT_LOCALES, unsafeCharacter, type Clinic } from '../../components/src/core/index.js';

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

export const LISTING_STATUSES = ['booked', 'cancelled'] as const;
export type ListingStatus = (typeof LISTING_STATUSES)[number];

/** As kept on disk: the clinic by id, and only a hash of the secret that may change the listing. */
interface Stored {
  readonly clinicId: string;
  readonly start: string;
  readonly durationMinutes: number;
  readonly status: ListingStatus;
  readonly language?: string;
  readonly secretHash: string;
}

export type PutResult =
  | { readonly status: 201; readonly secret: string }
  | { readonly status: 204 }
  | { readonly status: 400 | 403 | 507; readonly error: string };

export const ROOM_ID = /^dh-[0-9a-f]{32}$/;
/** An instant as `Date.prototype.toISOString` writes it (UTC, seconds, optional milliseconds). */
const ISO_INSTANT = /^\d{4}-\d{2}-\d{2}T\d{2}:\d{2}:\d{2}(\.\d{1,3})?Z$/;
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

/** The directory's file cannot be read: the server stops rather than start empty and lose it. */
export class DamagedDirectoryError extends Error {
  constructor(file: string, why: string) {
    super(`The visit directory ${file} cannot be read (${why}). It was left untouched: repair it, or move it away to start with an empty directory.`);
    this.name = 'DamagedDirectoryError';
  }
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
 * checked, listings are capped and purged 30 days after the visit, and the file is written
 * atomically (temporary file, then rename) so that a crash never leaves half a directory.
 */
export class VisitDirectory {
  readonly #visits = new Map<string, Stored>();
  readonly #file: string;
  readonly #clinics: ReadonlyMap<string, Clinic>;
  readonly #max: number;
  readonly #now: () => number;
  #writing: Promise<void> = Promise.resolve();

  private constructor(dir: string, options: DirectoryOptions) {
    this.#file = join(dir, 'visits.json');
    this.#clinics = new Map(options.clinics.map((c) => [c.id, c]));
    this.#max = options.maxListings ?? 10_000;
    this.#now = options.now ?? Date.now;
  }

  /** Opens the directory kept in `dir`; throws DamagedDirectoryError for a file it cannot trust. */
  static async open(dir: string, options: DirectoryOptions): Promise<VisitDirectory> {
    const directory = new VisitDirectory(dir, options);
    let text: string;
    try {
      text = await readFile(directory.#file, 'utf8');
    } catch (e) {
      if ((e as NodeJS.ErrnoException).code === 'ENOENT') return directory;
      throw new DamagedDirectoryError(directory.#file, (e as Error).message);
    }
    let saved: unknown;
    try {
      saved = JSON.parse(text);
    } catch {
      throw new DamagedDirectoryError(directory.#file, 'not valid JSON, perhaps cut short');
    }
    if (typeof saved !== 'object' || saved === null || Array.isArray(saved)) throw new DamagedDirectoryError(directory.#file, 'not an object of listings');
    for (const [room, value] of Object.entries(saved)) {
      const stored = asStored(room, value);
      if (!stored) throw new DamagedDirectoryError(directory.#file, `the listing under "${room.slice(0, 40)}" is not one this server writes`);
      directory.#visits.set(room, stored);
    }
    if (directory.purge() > 0) await directory.#save();
    return directory;
  }

  get size(): number {
    return this.#visits.size;
  }

  /** The public view of a listing: clinic name and phone from configuration, time, status. */
  get(room: string): VisitListing | undefined {
    const stored = ROOM_ID.test(room) ? this.#visits.get(room) : undefined;
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
    const existing = this.#visits.get(room);
    if (existing) {
      if (secret === undefined || !sameSecret(secret, existing.secretHash)) return { status: 403, error: 'Besöket finns redan och får bara ändras av den som lade upp det.' };
      this.#visits.set(room, { ...checked, secretHash: existing.secretHash });
      await this.#save();
      return { status: 204 };
    }
    if (this.#visits.size >= this.#max) {
      this.purge();
      if (this.#visits.size >= this.#max) return { status: 507, error: 'Besökskatalogen är full. Försök igen senare.' };
    }
    const created = randomBytes(16).toString('base64url');
    this.#visits.set(room, { ...checked, secretHash: hashOf(created) });
    await this.#save();
    return { status: 201, secret: created };
  }

  /** Drops listings whose visit ended more than 30 days ago; returns how many. */
  purge(): number {
    const cutoff = this.#now() - RETENTION_MS;
    let dropped = 0;
    for (const [room, l] of this.#visits) {
      if (Date.parse(l.start) + l.durationMinutes * 60_000 < cutoff) {
        this.#visits.delete(room);
        dropped++;
      }
    }
    return dropped;
  }

  /** Purges and saves (the server's timer). */
  async purgeAndSave(): Promise<void> {
    if (this.purge() > 0) await this.#save();
  }

  #check(body: unknown): Omit<Stored, 'secretHash'> | string {
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

  /** Writes one at a time, each to a temporary file renamed into place: never a half-written file. */
  #save(): Promise<void> {
    const snapshot = JSON.stringify(Object.fromEntries(this.#visits));
    this.#writing = this.#writing.catch(() => undefined).then(async () => {
      const temporary = `${this.#file}.${String(process.pid)}.${randomBytes(4).toString('hex')}.tmp`;
      try {
        await writeFile(temporary, snapshot, { mode: 0o600 });
        await rename(temporary, this.#file);
      } catch (e) {
        await rm(temporary, { force: true });
        throw e;
      }
    });
    return this.#writing;
  }
}

/** A stored listing as this server writes it, or undefined. */
function asStored(room: string, value: unknown): Stored | undefined {
  if (!ROOM_ID.test(room) || typeof value !== 'object' || value === null) return undefined;
  const v = value as Record<string, unknown>;
  const ok = typeof v.clinicId === 'string' && typeof v.start === 'string' && ISO_INSTANT.test(v.start)
    && typeof v.durationMinutes === 'number' && typeof v.status === 'string' && (LISTING_STATUSES as readonly string[]).includes(v.status)
    && (v.language === undefined || typeof v.language === 'string') && typeof v.secretHash === 'string' && /^[0-9a-f]{64}$/.test(v.secretHash);
  return ok ? (v as unknown as Stored) : undefined;
}
