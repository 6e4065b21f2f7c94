import { randomBytes } from 'node:crypto';
import { readFile, rename, rm, writeFile } from 'node:fs/promises';
import { join } from 'node:path';

/**
 * Where the visit directory keeps its listings. The rules (what a listing may say, who may change
 * it, the cap, the 30 days) live in `VisitDirectory`; a store only keeps rows, and does the two
 * things that must be atomic across servers itself: create-if-absent under the cap, and purge.
 * The JSON file is the embedded default for one server; PostgreSQL serves several.
 */
export interface ListingStore {
  get(room: string): Promise<StoredListing | undefined>;
  /** Inserts unless the room is listed already ('taken') or the store holds `max` listings ('full'). */
  create(room: string, listing: StoredListing, max: number): Promise<'created' | 'taken' | 'full'>;
  /** Replaces an existing listing (the directory checked the secret). */
  replace(room: string, listing: StoredListing): Promise<void>;
  /** Deletes the listings whose visit ended before `endedBefore` (ms since the epoch); returns how many. */
  purge(endedBefore: number): Promise<number>;
  count(): Promise<number>;
  close(): Promise<void>;
}

export const LISTING_STATUSES = ['booked', 'cancelled'] as const;
export type ListingStatus = (typeof LISTING_STATUSES)[number];

/** As kept: the clinic by id, and only a hash of the secret that may change the listing. */
export interface StoredListing {
  readonly clinicId: string;
  /** ISO instant in UTC. */
  readonly start: string;
  readonly durationMinutes: number;
  readonly status: ListingStatus;
  readonly language?: string;
  readonly secretHash: string;
}

export const ROOM_ID = /^dh-[0-9a-f]{32}$/;
/** An instant as `Date.prototype.toISOString` writes it (UTC, seconds, optional milliseconds). */
export const ISO_INSTANT = /^\d{4}-\d{2}-\d{2}T\d{2}:\d{2}:\d{2}(\.\d{1,3})?Z$/;

export const visitEnd = (l: Pick<StoredListing, 'start' | 'durationMinutes'>): number => Date.parse(l.start) + l.durationMinutes * 60_000;

/** A stored listing as this server writes it, or undefined: what a store reads back is checked too. */
export function asStored(room: string, value: unknown): StoredListing | undefined {
  if (!ROOM_ID.test(room) || typeof value !== 'object' || value === null) return undefined;
  const v = value as Record<string, unknown>;
  const ok = typeof v.clinicId === 'string' && typeof v.start === 'string' && ISO_INSTANT.test(v.start)
    && typeof v.durationMinutes === 'number' && typeof v.status === 'string' && (LISTING_STATUSES as readonly string[]).includes(v.status)
    && (v.language === undefined || typeof v.language === 'string') && typeof v.secretHash === 'string' && /^[0-9a-f]{64}$/.test(v.secretHash);
  return ok ? (v as unknown as StoredListing) : undefined;
}

/** The directory's store cannot be read: the server stops rather than start empty and lose it. */
export class DamagedDirectoryError extends Error {
  constructor(where: string, why: string) {
    super(`The visit directory ${where} cannot be read (${why}). It was left untouched: repair it, or move it away to start with an empty directory.`);
    this.name = 'DamagedDirectoryError';
  }
}

/**
 * One server's listings in memory, saved to `visits.json` in the data directory after every change:
 * written one at a time, each to a temporary file renamed into place, so that a crash never leaves
 * half a directory. A file it cannot trust stops the server (DamagedDirectoryError).
 */
export class JsonFileListingStore implements ListingStore {
  readonly #rows = new Map<string, StoredListing>();
  readonly #file: string;
  #writing: Promise<void> = Promise.resolve();

  private constructor(file: string) {
    this.#file = file;
  }

  static async open(dir: string): Promise<JsonFileListingStore> {
    const store = new JsonFileListingStore(join(dir, 'visits.json'));
    let text: string;
    try {
      text = await readFile(store.#file, 'utf8');
    } catch (e) {
      if ((e as NodeJS.ErrnoException).code === 'ENOENT') return store;
      throw new DamagedDirectoryError(store.#file, (e as Error).message);
    }
    let saved: unknown;
    try {
      saved = JSON.parse(text);
    } catch {
      throw new DamagedDirectoryError(store.#file, 'not valid JSON, perhaps cut short');
    }
    if (typeof saved !== 'object' || saved === null || Array.isArray(saved)) throw new DamagedDirectoryError(store.#file, 'not an object of listings');
    for (const [room, value] of Object.entries(saved)) {
      const stored = asStored(room, value);
      if (!stored) throw new DamagedDirectoryError(store.#file, `the listing under "${room.slice(0, 40)}" is not one this server writes`);
      store.#rows.set(room, stored);
    }
    return store;
  }

  get(room: string): Promise<StoredListing | undefined> {
    return Promise.resolve(this.#rows.get(room));
  }

  async create(room: string, listing: StoredListing, max: number): Promise<'created' | 'taken' | 'full'> {
    if (this.#rows.has(room)) return 'taken';
    if (this.#rows.size >= max) return 'full';
    this.#rows.set(room, listing);
    await this.#save();
    return 'created';
  }

  async replace(room: string, listing: StoredListing): Promise<void> {
    this.#rows.set(room, listing);
    await this.#save();
  }

  async purge(endedBefore: number): Promise<number> {
    let dropped = 0;
    for (const [room, l] of this.#rows) {
      if (visitEnd(l) < endedBefore) {
        this.#rows.delete(room);
        dropped++;
      }
    }
    if (dropped > 0) await this.#save();
    return dropped;
  }

  count(): Promise<number> {
    return Promise.resolve(this.#rows.size);
  }

  close(): Promise<void> {
    return this.#writing.catch(() => undefined);
  }

  #save(): Promise<void> {
    const snapshot = JSON.stringify(Object.fromEntries(this.#rows));
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
