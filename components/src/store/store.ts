import { openDB, type IDBPDatabase } from 'idb';
import { bookingEnd, retentionCutoff, t, type Booking } from '../core/index.js';
import { DB_VERSION, DEFAULT_DB_NAME, type DhSchema, type OutboxEntry, type ParticipantRecord } from './schema.js';

/** Thrown when an edit was made from an older version of a booking than the stored one. */
export class StaleBookingError extends Error {
  readonly code = 'stale';
  constructor(readonly current: Booking) {
    super(t('store.stale'));
    this.name = 'StaleBookingError';
  }
}

export class MissingBookingError extends Error {
  readonly code = 'missing';
  constructor(readonly id: string) {
    super(t('store.missing'));
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

export interface PurgeReport {
  readonly participants: number;
  readonly bookings: number;
  readonly outbox: number;
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

/**
 * The nurse's local store in IndexedDB: bookings, the participant cache, the SMS outbox and
 * settings. Expired personal data is purged on open and then on a timer.
 */
export class LocalStore {
  readonly bookings: BookingStore;
  readonly participants: ParticipantCache;
  readonly outbox: OutboxStore;
  readonly settings: SettingsStore;
  readonly #db: Db;
  readonly #now: () => Date;
  #timer: ReturnType<typeof setInterval> | undefined;

  private constructor(db: Db, now: () => Date) {
    this.#db = db;
    this.#now = now;
    this.bookings = new IdbBookingStore(db, now);
    this.participants = new IdbParticipantCache(db, now);
    this.outbox = {
      put: async (entry) => {
        await db.put('outbox', entry);
      },
      get: (id) => db.get('outbox', id),
      all: () => db.getAllFromIndex('outbox', 'by-created'),
      delete: (id) => db.delete('outbox', id),
    };
    this.settings = {
      get: async <T>(key: string) => (await db.get('settings', key)) as T | undefined,
      set: async (key, value) => {
        await db.put('settings', value, key);
      },
      delete: (key) => db.delete('settings', key),
    };
  }

  static async open(options: StoreOptions = {}): Promise<LocalStore> {
    const now = options.now ?? (() => new Date());
    const db = await openDB<DhSchema>(options.name ?? DEFAULT_DB_NAME, DB_VERSION, {
      upgrade(database) {
        const bookings = database.createObjectStore('bookings', { keyPath: 'id' });
        bookings.createIndex('by-clinic-start', ['clinicId', 'start']);
        bookings.createIndex('by-start', 'start');
        const participants = database.createObjectStore('participants', { keyPath: 'personnummer' });
        participants.createIndex('by-last-active', 'lastActive');
        const outbox = database.createObjectStore('outbox', { keyPath: 'id' });
        outbox.createIndex('by-created', 'createdAt');
        database.createObjectStore('settings');
      },
      // Another tab wants a newer schema: step aside rather than block it.
      blocking() {
        db.close();
      },
    });
    const store = new LocalStore(db, now);
    await store.purgeExpired();
    store.#timer = setInterval(() => void store.purgeExpired(), options.purgeIntervalMs ?? 3_600_000);
    return store;
  }

  /** Deletes participant details older than the retention period, wherever they are kept. */
  async purgeExpired(): Promise<PurgeReport> {
    const cutoff = retentionCutoff(this.#now()).toISOString();
    const tx = this.#db.transaction(['participants', 'bookings', 'outbox'], 'readwrite');
    let participants = 0;
    let bookings = 0;
    let outbox = 0;
    const old = IDBKeyRange.upperBound(cutoff, true);
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
    await tx.done;
    return { participants, bookings, outbox };
  }

  close(): void {
    clearInterval(this.#timer);
    this.#timer = undefined;
    this.#db.close();
  }
}

class IdbBookingStore implements BookingStore {
  constructor(
    private readonly db: Db,
    private readonly now: () => Date,
  ) {}

  async create(booking: Booking): Promise<Booking> {
    await this.db.add('bookings', booking);
    return booking;
  }

  get(id: string): Promise<Booking | undefined> {
    return this.db.get('bookings', id);
  }

  async update(next: Booking): Promise<Booking> {
    // One readwrite transaction: IndexedDB serialises them across tabs, so two edits of the
    // same version cannot both pass the check.
    const tx = this.db.transaction('bookings', 'readwrite');
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

  list({ clinicId, from, to }: BookingQuery): Promise<Booking[]> {
    const range = IDBKeyRange.bound([clinicId, from.toISOString()], [clinicId, to.toISOString()], false, true);
    return this.db.getAllFromIndex('bookings', 'by-clinic-start', range);
  }
}

class IdbParticipantCache implements ParticipantCache {
  constructor(
    private readonly db: Db,
    private readonly now: () => Date,
  ) {}

  async remember(participant: Omit<ParticipantRecord, 'lastActive'>, at: Date = this.now()): Promise<void> {
    const tx = this.db.transaction('participants', 'readwrite');
    const existing = await tx.store.get(participant.personnummer);
    const lastActive = existing && existing.lastActive > at.toISOString() ? existing.lastActive : at.toISOString();
    await tx.store.put({ ...participant, lastActive });
    await tx.done;
  }

  async find(personnummer: string): Promise<ParticipantRecord | undefined> {
    const record = await this.db.get('participants', personnummer);
    // The purge timer may not have run yet: never hand out an expired record.
    if (!record || record.lastActive < retentionCutoff(this.now()).toISOString()) return undefined;
    return record;
  }
}
