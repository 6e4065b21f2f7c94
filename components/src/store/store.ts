import { openDB, type IDBPDatabase, type IDBPTransaction, type StoreNames } from 'idb';
import { MAX_CODE_TRIES, bookingEnd, retentionCutoff, tryCode, type Booking, type CodeCheck } from '../core/index.js';
import { DB_VERSION, DEFAULT_DB_NAME, type DhSchema, type ListingRecord, type OutboxEntry, type OutboxError, type ParticipantRecord } from './schema.js';

export type StoreErrorCode = 'stale' | 'missing' | 'outdated';

/**
 * A refusal of the store that the nurse must be told about. `code` names it (its text is
 * `store.<code>`, worded by the element that shows it, in its own language) and the subclass
 * carries its data; `message` is for a developer's console, in English.
 */
export abstract class StoreError extends Error {
  abstract readonly code: StoreErrorCode;
}

/** Thrown when an edit was made from an older version of a booking than the stored one. */
export class StaleBookingError extends StoreError {
  override readonly code = 'stale';
  /** The booking as stored now (changed in another tab). */
  constructor(readonly current: Booking) {
    super(`booking ${current.id} has changed since it was read (stored version ${String(current.version)})`);
    this.name = 'StaleBookingError';
  }
}

/** Thrown when a booking to change is no longer there (purged 30 days after the visit). */
export class MissingBookingError extends StoreError {
  override readonly code = 'missing';
  constructor(readonly id: string) {
    super(`booking ${id} does not exist`);
    this.name = 'MissingBookingError';
  }
}

export interface BookingQuery {
  readonly clinicId: string;
  /** Inclusive lower bound of the start. */
  readonly from: Date;
  /** Exclusive upper bound of the start. */
  readonly to: Date;
}

/**
 * Where bookings live. The browser store below is one implementation; a region can put a
 * server behind the same interface.
 */
export interface BookingStore {
  create(booking: Booking): Promise<Booking>;
  get(id: string): Promise<Booking | undefined>;
  /** Stores `next` if the stored version still equals `next.version`; refuses a stale edit. */
  update(next: Booking): Promise<Booking>;
  cancel(id: string, version: number): Promise<Booking>;
  list(query: BookingQuery): Promise<Booking[]>;
}

export interface ParticipantCache {
  remember(participant: Omit<ParticipantRecord, 'lastActive'>, at?: Date): Promise<void>;
  /** The participant if active within the retention period, else undefined. */
  find(personnummer: string): Promise<ParticipantRecord | undefined>;
}

export interface OutboxStore {
  put(entry: OutboxEntry): Promise<void>;
  get(id: string): Promise<OutboxEntry | undefined>;
  all(): Promise<OutboxEntry[]>;
  delete(id: string): Promise<void>;
}

export interface SettingsStore {
  get<T>(key: string): Promise<T | undefined>;
  set(key: string, value: unknown): Promise<void>;
  delete(key: string): Promise<void>;
}

export interface ListingSecrets {
  /** The secret for a room's listing, if this store created it. */
  get(room: string): Promise<string | undefined>;
  put(record: ListingRecord): Promise<void>;
}

export interface InterpreterCodes {
  /**
   * Checks a code typed by the interpreter against the booking's current code, counting wrong
   * tries in the store (one transaction, so two lobbies cannot both use the fifth try). A booking
   * without an interpreter answers 'locked': nothing to let in.
   */
  check(bookingId: string, typed: string): Promise<CodeCheck>;
  /** Whether the booking's current code is locked after too many wrong tries. */
  locked(bookingId: string): Promise<boolean>;
}

export interface DraftStore {
  /** A draft saved within the retention period; an older one is deleted, not just ignored. */
  get<T>(key: string): Promise<T | undefined>;
  set(key: string, value: unknown): Promise<void>;
  delete(key: string): Promise<void>;
}

export interface PurgeReport {
  readonly participants: number;
  readonly bookings: number;
  readonly outbox: number;
  readonly listings: number;
  readonly drafts: number;
}

export interface StoreOptions {
  /** Database name; tests use their own. */
  readonly name?: string;
  /** Injectable clock, for the 30-day rules. */
  readonly now?: () => Date;
  /** How often expired personal data is purged while the store is open (default: hourly). */
  readonly purgeIntervalMs?: number;
}

type Db = IDBPDatabase<DhSchema>;

/** Another tab runs a newer version of the page, with a newer database: this page must be reloaded. */
export class StoreOutdatedError extends StoreError {
  override readonly code = 'outdated';
  constructor() {
    super('another tab has upgraded the database: reload this page');
    this.name = 'StoreOutdatedError';
  }
}

const OLD_DRAFT_KEY = 'invite-draft';

/** What versions before error codes put in front of the relay's reason when it refused an SMS. */
const OLD_REJECTED_PREFIX = 'Sms-tjänsten tog inte emot meddelandet: ';

/**
 * An outbox entry as this version reads it. Versions before error codes kept `lastError` as a
 * Swedish sentence; it is read back as a code (a refusal keeps the relay's reason), so that every
 * page words it in its own language. Exported for the test.
 */
export function readOutboxEntry(entry: OutboxEntry): OutboxEntry {
  const old: unknown = entry.lastError;
  if (typeof old !== 'string') return entry;
  const lastError: OutboxError = entry.status === 'rejected'
    ? { code: 'rejected', reason: old.startsWith(OLD_REJECTED_PREFIX) ? old.slice(OLD_REJECTED_PREFIX.length) : old }
    : { code: 'queued' };
  return { ...entry, lastError };
}

/**
 * Brings a database from `oldVersion` to DB_VERSION, one step at a time, keeping what is in it.
 * Exported for the migration test.
 */
export function upgradeSchema(db: IDBPDatabase<DhSchema>, oldVersion: number, tx: IDBPTransaction<DhSchema, StoreNames<DhSchema>[], 'versionchange'>): void {
  if (oldVersion < 1) {
    const bookings = db.createObjectStore('bookings', { keyPath: 'id' });
    bookings.createIndex('by-clinic-start', ['clinicId', 'start']);
    bookings.createIndex('by-start', 'start');
    const participants = db.createObjectStore('participants', { keyPath: 'personnummer' });
    participants.createIndex('by-last-active', 'lastActive');
    const outbox = db.createObjectStore('outbox', { keyPath: 'id' });
    outbox.createIndex('by-created', 'createdAt');
    db.createObjectStore('settings');
  }
  if (oldVersion < 2) {
    const listings = db.createObjectStore('listings', { keyPath: 'room' });
    listings.createIndex('by-booking', 'bookingId');
    listings.createIndex('by-end', 'end');
    db.createObjectStore('codeTries', { keyPath: 'bookingId' }).createIndex('by-end', 'end');
    db.createObjectStore('drafts').createIndex('by-saved', 'savedAt');
    if (oldVersion === 1) {
      // Version 1 kept the invite draft (with its own savedAt) in settings: move it to the drafts,
      // where the purge sees it. Requests queue in the upgrade transaction; no await needed.
      const settings = tx.objectStore('settings');
      const drafts = tx.objectStore('drafts');
      void settings.get(OLD_DRAFT_KEY).then((old) => {
        const saved = old as { draft?: unknown; step?: unknown; savedAt?: unknown } | undefined;
        if (saved && typeof saved.savedAt === 'string') {
          void drafts.put({ value: { draft: saved.draft, step: saved.step }, savedAt: saved.savedAt }, 'invite');
        }
        void settings.delete(OLD_DRAFT_KEY);
      });
    }
  }
}

/**
 * The nurse's local store in IndexedDB: bookings, the participant cache, the SMS outbox, the
 * visit directory's secrets, interpreter code tries, drafts and settings. Expired personal data is
 * purged on open and then on a timer.
 *
 * The connection is opened on demand: when another tab needs a newer schema (or deletes the
 * database), this one closes at once so as not to block it, and opens again on its next call.
 */
export class LocalStore {
  readonly bookings: BookingStore;
  readonly participants: ParticipantCache;
  readonly outbox: OutboxStore;
  readonly settings: SettingsStore;
  readonly listings: ListingSecrets;
  readonly interpreterCodes: InterpreterCodes;
  readonly drafts: DraftStore;
  readonly #name: string;
  readonly #now: () => Date;
  #connection: Promise<Db> | undefined;
  #timer: ReturnType<typeof setInterval> | undefined;
  #closed = false;

  private constructor(name: string, now: () => Date) {
    this.#name = name;
    this.#now = now;
    const db = (): Promise<Db> => this.#db();
    this.bookings = new IdbBookingStore(db, now);
    this.participants = new IdbParticipantCache(db, now);
    this.outbox = {
      put: async (entry) => {
        await (await db()).put('outbox', entry);
      },
      get: async (id) => {
        const entry = await (await db()).get('outbox', id);
        return entry && readOutboxEntry(entry);
      },
      all: async () => (await (await db()).getAllFromIndex('outbox', 'by-created')).map(readOutboxEntry),
      delete: async (id) => (await db()).delete('outbox', id),
    };
    this.settings = {
      get: async <T>(key: string) => (await (await db()).get('settings', key)) as T | undefined,
      set: async (key, value) => {
        await (await db()).put('settings', value, key);
      },
      delete: async (key) => (await db()).delete('settings', key),
    };
    this.listings = {
      get: async (room) => (await (await db()).get('listings', room))?.secret,
      put: async (record) => {
        await (await db()).put('listings', record);
      },
    };
    this.interpreterCodes = new IdbInterpreterCodes(db);
    this.drafts = {
      get: async <T>(key: string) => {
        const database = await db();
        const record = await database.get('drafts', key);
        if (!record) return undefined;
        if (record.savedAt >= retentionCutoff(this.#now()).toISOString()) return record.value as T;
        await database.delete('drafts', key);
        return undefined;
      },
      set: async (key, value) => {
        await (await db()).put('drafts', { value, savedAt: this.#now().toISOString() }, key);
      },
      delete: async (key) => (await db()).delete('drafts', key),
    };
  }

  static async open(options: StoreOptions = {}): Promise<LocalStore> {
    const store = new LocalStore(options.name ?? DEFAULT_DB_NAME, options.now ?? (() => new Date()));
    await store.purgeExpired();
    store.#timer = setInterval(() => void store.purgeExpired().catch(() => undefined), options.purgeIntervalMs ?? 3_600_000);
    return store;
  }

  #db(): Promise<Db> {
    if (this.#closed) return Promise.reject(new Error('the store is closed'));
    this.#connection ??= this.#connect();
    return this.#connection;
  }

  async #connect(): Promise<Db> {
    const attempt = openDB<DhSchema>(this.#name, DB_VERSION, {
      upgrade: (database, oldVersion, _newVersion, tx) => {
        upgradeSchema(database, oldVersion, tx);
      },
      // Another tab wants a newer schema or deletes the database: step aside rather than block it,
      // and open again on the next call.
      blocking: () => {
        void attempt.then((database) => {
          database.close();
        });
        this.#connection = undefined;
      },
      // The browser closed the connection (storage cleared, disk trouble): open again next time.
      terminated: () => {
        this.#connection = undefined;
      },
    });
    try {
      return await attempt;
    } catch (e) {
      this.#connection = undefined;
      throw (e as { name?: string }).name === 'VersionError' ? new StoreOutdatedError() : e;
    }
  }

  /** Deletes personal data older than the retention period, wherever it is kept. */
  async purgeExpired(): Promise<PurgeReport> {
    const cutoff = retentionCutoff(this.#now()).toISOString();
    const db = await this.#db();
    const tx = db.transaction(['participants', 'bookings', 'outbox', 'listings', 'codeTries', 'drafts'], 'readwrite');
    const old = IDBKeyRange.upperBound(cutoff, true);
    let participants = 0;
    let bookings = 0;
    let outbox = 0;
    let listings = 0;
    let drafts = 0;
    for await (const cursor of tx.objectStore('participants').index('by-last-active').iterate(old)) {
      await cursor.delete();
      participants++;
    }
    // A booking holds the participant's details too: it goes 30 days after the visit ended.
    for await (const cursor of tx.objectStore('bookings').index('by-start').iterate(old)) {
      if (bookingEnd(cursor.value).toISOString() < cutoff) {
        await cursor.delete();
        bookings++;
      }
    }
    for await (const cursor of tx.objectStore('outbox').index('by-created').iterate(old)) {
      await cursor.delete();
      outbox++;
    }
    // What belongs to a visit goes with it.
    for await (const cursor of tx.objectStore('listings').index('by-end').iterate(old)) {
      await cursor.delete();
      listings++;
    }
    for await (const cursor of tx.objectStore('codeTries').index('by-end').iterate(old)) await cursor.delete();
    for await (const cursor of tx.objectStore('drafts').index('by-saved').iterate(old)) {
      await cursor.delete();
      drafts++;
    }
    await tx.done;
    return { participants, bookings, outbox, listings, drafts };
  }

  close(): void {
    clearInterval(this.#timer);
    this.#timer = undefined;
    this.#closed = true;
    const connection = this.#connection;
    this.#connection = undefined;
    void connection?.then((db) => {
      db.close();
    }, () => undefined);
  }
}

class IdbBookingStore implements BookingStore {
  constructor(
    private readonly db: () => Promise<Db>,
    private readonly now: () => Date,
  ) {}

  async create(booking: Booking): Promise<Booking> {
    await (await this.db()).add('bookings', booking);
    return booking;
  }

  async get(id: string): Promise<Booking | undefined> {
    return (await this.db()).get('bookings', id);
  }

  async update(next: Booking): Promise<Booking> {
    // One readwrite transaction: IndexedDB serialises them across tabs, so two edits of the
    // same version cannot both pass the check.
    const tx = (await this.db()).transaction('bookings', 'readwrite');
    const current = await tx.store.get(next.id);
    if (!current) throw new MissingBookingError(next.id);
    if (current.version !== next.version) throw new StaleBookingError(current);
    const stored: Booking = { ...next, version: current.version + 1, updatedAt: this.now().toISOString() };
    await tx.store.put(stored);
    await tx.done;
    return stored;
  }

  async cancel(id: string, version: number): Promise<Booking> {
    const current = await this.get(id);
    if (!current) throw new MissingBookingError(id);
    return this.update({ ...current, version, status: 'cancelled' });
  }

  async list({ clinicId, from, to }: BookingQuery): Promise<Booking[]> {
    const range = IDBKeyRange.bound([clinicId, from.toISOString()], [clinicId, to.toISOString()], false, true);
    return (await this.db()).getAllFromIndex('bookings', 'by-clinic-start', range);
  }
}

class IdbParticipantCache implements ParticipantCache {
  constructor(
    private readonly db: () => Promise<Db>,
    private readonly now: () => Date,
  ) {}

  async remember(participant: Omit<ParticipantRecord, 'lastActive'>, at: Date = this.now()): Promise<void> {
    const tx = (await this.db()).transaction('participants', 'readwrite');
    const existing = await tx.store.get(participant.personnummer);
    const lastActive = existing && existing.lastActive > at.toISOString() ? existing.lastActive : at.toISOString();
    await tx.store.put({ ...participant, lastActive });
    await tx.done;
  }

  async find(personnummer: string): Promise<ParticipantRecord | undefined> {
    const record = await (await this.db()).get('participants', personnummer);
    // The purge timer may not have run yet: never hand out an expired record.
    if (!record || record.lastActive < retentionCutoff(this.now()).toISOString()) return undefined;
    return record;
  }
}

class IdbInterpreterCodes implements InterpreterCodes {
  constructor(private readonly db: () => Promise<Db>) {}

  async check(bookingId: string, typed: string): Promise<CodeCheck> {
    const tx = (await this.db()).transaction(['bookings', 'codeTries'], 'readwrite');
    const booking = await tx.objectStore('bookings').get(bookingId);
    const interpreter = booking?.status === 'booked' ? booking.interpreter : undefined;
    if (!booking || !interpreter) {
      await tx.done;
      return { result: 'locked' };
    }
    const tries = tx.objectStore('codeTries');
    const saved = await tries.get(bookingId);
    const wrongSoFar = saved?.code === interpreter.code ? saved.wrong : 0;
    const { check, wrong } = tryCode(interpreter.code, wrongSoFar, typed);
    if (wrong !== wrongSoFar || !saved) await tries.put({ bookingId, code: interpreter.code, wrong, end: bookingEnd(booking).toISOString() });
    await tx.done;
    return check;
  }

  async locked(bookingId: string): Promise<boolean> {
    const tx = (await this.db()).transaction(['bookings', 'codeTries'], 'readonly');
    const [booking, saved] = await Promise.all([tx.objectStore('bookings').get(bookingId), tx.objectStore('codeTries').get(bookingId)]);
    await tx.done;
    return Boolean(booking?.interpreter && saved?.code === booking.interpreter.code && saved.wrong >= MAX_CODE_TRIES);
  }
}
