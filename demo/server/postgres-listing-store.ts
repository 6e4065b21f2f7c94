import pg from 'pg';
import { asStored, DamagedDirectoryError, visitEnd, type ListingStore, type StoredListing } from './listing-store.js';

/**
 * The visit directory in PostgreSQL, for several signalling servers behind one name: any of them
 * answers a patient's page, whichever server the nurse's side listed the visit on. Creation under
 * the cap is one statement under a transaction-scoped advisory lock, so two servers cannot both
 * take the last place; the purge is one DELETE.
 */
export class PostgresListingStore implements ListingStore {
  readonly #pool: pg.Pool;

  private constructor(pool: pg.Pool) {
    this.#pool = pool;
  }

  /**
   * Connects and creates the table when missing. `url` is a libpq connection string; `schema`
   * (created when missing) keeps the directory apart from anything else in the database.
   */
  static async open(url: string, options: { schema?: string } = {}): Promise<PostgresListingStore> {
    const { schema } = options;
    if (schema !== undefined && !/^[a-z_][a-z0-9_]{0,62}$/.test(schema)) throw new TypeError(`"${schema}" is not a plain schema name.`);
    const pool = new pg.Pool({
      connectionString: url, max: 10, connectionTimeoutMillis: 10_000,
      ...(schema ? { options: `-c search_path=${schema}` } : {}),
    });
    // An idle client's error (the database restarted) must not stop the server; the next query reconnects.
    pool.on('error', () => undefined);
    // Several servers start at once: CREATE … IF NOT EXISTS is not safe against itself in
    // PostgreSQL (two can collide on the catalogue), so the set-up runs under the directory's lock.
    const client = await pool.connect().catch(async (e: unknown) => {
      await pool.end();
      throw new DamagedDirectoryError('in PostgreSQL', (e as Error).message);
    });
    try {
      await client.query('BEGIN');
      await client.query('SELECT pg_advisory_xact_lock($1)', [LOCK]);
      if (schema) await client.query(`CREATE SCHEMA IF NOT EXISTS ${schema}`);
      await client.query(`CREATE TABLE IF NOT EXISTS visit_listings (
        room text PRIMARY KEY CHECK (room ~ '^dh-[0-9a-f]{32}$'),
        clinic_id text NOT NULL,
        start_at timestamptz NOT NULL,
        duration_minutes integer NOT NULL,
        status text NOT NULL,
        language text,
        secret_hash char(64) NOT NULL,
        ends_at timestamptz NOT NULL
      )`);
      await client.query('CREATE INDEX IF NOT EXISTS visit_listings_ends_at ON visit_listings (ends_at)');
      await client.query('COMMIT');
    } catch (e) {
      await client.query('ROLLBACK').catch(() => undefined);
      client.release();
      await pool.end();
      throw new DamagedDirectoryError('in PostgreSQL', (e as Error).message);
    }
    client.release();
    return new PostgresListingStore(pool);
  }

  async get(room: string): Promise<StoredListing | undefined> {
    const { rows } = await this.#pool.query<Row>(`SELECT ${COLUMNS} FROM visit_listings WHERE room = $1`, [room]);
    return rows[0] ? fromRow(room, rows[0]) : undefined;
  }

  async create(room: string, listing: StoredListing, max: number): Promise<'created' | 'taken' | 'full'> {
    const client = await this.#pool.connect();
    try {
      await client.query('BEGIN');
      await client.query('SELECT pg_advisory_xact_lock($1)', [LOCK]);
      const taken = await client.query('SELECT 1 FROM visit_listings WHERE room = $1', [room]);
      let outcome: 'created' | 'taken' | 'full' = 'taken';
      if (taken.rowCount === 0) {
        const { rows } = await client.query<{ n: string }>('SELECT count(*) AS n FROM visit_listings');
        if (Number(rows[0]?.n ?? 0) >= max) outcome = 'full';
        else {
          await client.query(`INSERT INTO visit_listings (room, ${COLUMNS}) VALUES ($1, $2, $3, $4, $5, $6, $7, $8)`, [room, ...values(listing)]);
          outcome = 'created';
        }
      }
      await client.query('COMMIT');
      return outcome;
    } catch (e) {
      await client.query('ROLLBACK').catch(() => undefined);
      throw e;
    } finally {
      client.release();
    }
  }

  async replace(room: string, listing: StoredListing): Promise<void> {
    await this.#pool.query(
      'UPDATE visit_listings SET clinic_id = $2, start_at = $3, duration_minutes = $4, status = $5, language = $6, secret_hash = $7, ends_at = $8 WHERE room = $1',
      [room, ...values(listing)],
    );
  }

  async purge(endedBefore: number): Promise<number> {
    const result = await this.#pool.query('DELETE FROM visit_listings WHERE ends_at < $1', [new Date(endedBefore)]);
    return result.rowCount ?? 0;
  }

  async count(): Promise<number> {
    const { rows } = await this.#pool.query<{ n: string }>('SELECT count(*) AS n FROM visit_listings');
    return Number(rows[0]?.n ?? 0);
  }

  close(): Promise<void> {
    return this.#pool.end();
  }
}

/** One advisory lock key for the directory ("dh" + "vd"). */
const LOCK = 0x64687664;
const COLUMNS = 'clinic_id, start_at, duration_minutes, status, language, secret_hash, ends_at';

interface Row {
  clinic_id: string;
  start_at: Date;
  duration_minutes: number;
  status: string;
  language: string | null;
  secret_hash: string;
}

function values(l: StoredListing): unknown[] {
  return [l.clinicId, l.start, l.durationMinutes, l.status, l.language ?? null, l.secretHash, new Date(visitEnd(l))];
}

/** A row read back is checked like the JSON file: a damaged one is an error, not a missing visit. */
function fromRow(room: string, row: Row): StoredListing {
  const stored = asStored(room, {
    clinicId: row.clinic_id,
    start: row.start_at.toISOString(),
    durationMinutes: row.duration_minutes,
    status: row.status,
    ...(row.language === null ? {} : { language: row.language }),
    secretHash: row.secret_hash,
  });
  if (!stored) throw new DamagedDirectoryError('in PostgreSQL', `the listing under "${room}" is not one this server writes`);
  return stored;
}
