import { expect } from 'chai';
import { mkdtemp, rm } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { after, before, describe, it } from 'node:test';
import { startPostgres, type TestPostgres } from '../../scripts/postgres.js';
import { JsonFileListingStore, type ListingStore, type StoredListing } from './listing-store.js';
import { PostgresListingStore } from './postgres-listing-store.js';
import { VisitDirectory } from './visit-directory.js';

// One contract for both stores of the visit directory: the JSON file (one server) and PostgreSQL
// (several servers; here a real one, started for the test). What must hold across servers — one
// creator per room, the cap never passed — is tried with two PostgreSQL stores at once, as two
// servers would be.

let counter = 0;
const room = (): string => `dh-${(++counter).toString(16).padStart(8, '0')}${'cd'.repeat(12)}`;
const row: StoredListing = { clinicId: 'gagnef', start: '2099-12-01T13:30:00.000Z', durationMinutes: 45, status: 'booked', secretHash: 'a'.repeat(64) };

let postgres: TestPostgres;
const dirs: string[] = [];
const opened: ListingStore[] = [];
before(async () => {
  postgres = await startPostgres();
});
after(async () => {
  for (const s of opened) await s.close();
  await postgres.stop();
  for (const dir of dirs) await rm(dir, { recursive: true, force: true });
});

/** A fresh, empty store of each kind (PostgreSQL: a table of its own schema, so tests do not share rows). */
const kinds: [string, () => Promise<ListingStore>][] = [
  ['a JSON file', async () => {
    const dir = await mkdtemp(join(tmpdir(), 'dh-listings-'));
    dirs.push(dir);
    const store = await JsonFileListingStore.open(dir);
    opened.push(store);
    return store;
  }],
  ['PostgreSQL', async () => {
    const store = await PostgresListingStore.open(postgres.url, { schema: `t${String(++counter)}` });
    opened.push(store);
    return store;
  }],
];

for (const [kind, fresh] of kinds) {
  describe(`the visit directory's store in ${kind}`, () => {
    it('creates a listing once, then says the room is taken; gives it back as written', async () => {
      const store = await fresh();
      const id = room();
      expect(await store.create(id, row, 10)).to.equal('created');
      expect(await store.create(id, { ...row, status: 'cancelled' }, 10)).to.equal('taken');
      expect(await store.get(id)).to.deep.equal(row);
      expect(await store.get(room())).to.equal(undefined);
    });

    it('keeps the language only when there is one, and replaces a listing whole', async () => {
      const store = await fresh();
      const id = room();
      await store.create(id, { ...row, language: 'ar' }, 10);
      expect(await store.get(id)).to.have.property('language', 'ar');
      await store.replace(id, { ...row, status: 'cancelled', start: '2099-12-02T08:00:00.000Z' });
      expect(await store.get(id)).to.deep.equal({ ...row, status: 'cancelled', start: '2099-12-02T08:00:00.000Z' });
    });

    it('is full at the cap', async () => {
      const store = await fresh();
      for (let i = 0; i < 3; i++) expect(await store.create(room(), row, 3)).to.equal('created');
      expect(await store.create(room(), row, 3)).to.equal('full');
      expect(await store.count()).to.equal(3);
    });

    it('purges the listings whose visit ended before the cut-off, to the minute', async () => {
      const store = await fresh();
      const early = room();
      const late = room();
      await store.create(early, { ...row, start: '2026-12-01T13:00:00.000Z', durationMinutes: 30 }, 10);
      await store.create(late, { ...row, start: '2026-12-01T14:00:00.000Z' }, 10);
      expect(await store.purge(Date.parse('2026-12-01T13:30:00Z'))).to.equal(0);
      expect(await store.purge(Date.parse('2026-12-01T13:30:00.001Z'))).to.equal(1);
      expect(await store.get(early)).to.equal(undefined);
      expect(await store.get(late)).not.to.equal(undefined);
    });
  });
}

describe('the visit directory shared by two servers in PostgreSQL', () => {
  const clinics = [{ id: 'gagnef', name: 'Vårdcentralen Gagnef', phone: '0241-123 45' }];
  const listing = { clinicId: 'gagnef', start: '2099-12-01T13:30:00.000Z', durationMinutes: 45, status: 'booked' };
  const twoServers = async (maxListings = 100): Promise<[VisitDirectory, VisitDirectory]> => {
    const schema = `shared${String(++counter)}`;
    const a = await PostgresListingStore.open(postgres.url, { schema });
    const b = await PostgresListingStore.open(postgres.url, { schema });
    opened.push(a, b);
    return [new VisitDirectory(a, { clinics, maxListings }), new VisitDirectory(b, { clinics, maxListings })];
  };

  it('sets itself up when several servers start at once on an empty database', async () => {
    const schema = `together${String(++counter)}`;
    const stores = await Promise.all(Array.from({ length: 4 }, () => PostgresListingStore.open(postgres.url, { schema })));
    opened.push(...stores);
    expect(await Promise.all(stores.map((s) => s.count()))).to.deep.equal([0, 0, 0, 0]);
  });

  it('lets the patient page read on one server what the nurse listed on the other; only the secret changes it, on either', async () => {
    const [a, b] = await twoServers();
    const id = room();
    const created = await a.put(id, listing, undefined);
    expect(created.status).to.equal(201);
    const secret = (created as { secret: string }).secret;
    expect(await b.get(id)).to.deep.equal({ clinic: 'Vårdcentralen Gagnef', clinicPhone: '0241-123 45', start: listing.start, durationMinutes: 45, status: 'booked' });
    expect((await b.put(id, { ...listing, status: 'cancelled' }, undefined)).status).to.equal(403);
    expect((await b.put(id, { ...listing, status: 'cancelled' }, secret)).status).to.equal(204);
    expect(await a.get(id)).to.have.property('status', 'cancelled');
  });

  it('gives a room to one creator only when two servers list it at the same moment', async () => {
    const [a, b] = await twoServers();
    for (let i = 0; i < 20; i++) {
      const id = room();
      const results = await Promise.all([a.put(id, listing, undefined), b.put(id, listing, undefined)]);
      expect(results.map((r) => r.status).sort()).to.deep.equal([201, 403]);
    }
  });

  it('never passes the cap, with both servers creating at once', async () => {
    const [a, b] = await twoServers(25);
    const results = await Promise.all(Array.from({ length: 60 }, (_, i) => (i % 2 ? a : b).put(room(), listing, undefined)));
    expect(results.filter((r) => r.status === 201)).to.have.length(25);
    expect(results.filter((r) => r.status === 507)).to.have.length(35);
    expect(await a.size()).to.equal(25);
  });

  it('stops with a clear message when a row is not one it writes, rather than answer "no such visit"', async () => {
    const schema = `damaged${String(++counter)}`;
    const store = await PostgresListingStore.open(postgres.url, { schema });
    opened.push(store);
    const id = room();
    await store.create(id, row, 10);
    const pgModule = await import('pg');
    const client = new pgModule.default.Client({ connectionString: postgres.url });
    await client.connect();
    await client.query(`UPDATE ${schema}.visit_listings SET status = 'deleted'`);
    await client.end();
    let error: unknown;
    await store.get(id).catch((e: unknown) => (error = e));
    expect(String(error)).to.match(/cannot be read.*not one this server writes/);
  });
});
