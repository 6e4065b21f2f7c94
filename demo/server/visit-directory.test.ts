import { expect } from 'chai';
import { mkdtemp, readFile, readdir, rm, writeFile } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { after, before, describe, it } from 'node:test';
import { spawnDemoServer, type SpawnedServer } from './spawn.js';
import { VisitDirectory } from './visit-directory.js';

// The visit directory, first as the demo server answers it (a process of its own, as `npm start`
// runs it), then the class itself for what needs a clock or many writes at once.

const dirs: string[] = [];
const newDir = async (): Promise<string> => {
  const dir = await mkdtemp(join(tmpdir(), 'dh-directory-'));
  dirs.push(dir);
  return dir;
};
let server: SpawnedServer;
let counter = 0;
/** A room id no other test uses. */
const room = (): string => `dh-${(++counter).toString(16).padStart(8, '0')}${'ab'.repeat(12)}`;
const listing = { clinicId: 'gagnef', start: '2099-12-01T13:30:00.000Z', durationMinutes: 45, status: 'booked' };
const put = (id: string, body: unknown, secret?: string): Promise<Response> => fetch(`${server.url}/api/visits/${id}`, {
  method: 'PUT',
  headers: { 'Content-Type': 'application/json', ...(secret === undefined ? {} : { Authorization: `Bearer ${secret}` }) },
  body: JSON.stringify(body),
});
const read = async (id: string): Promise<unknown> => (await fetch(`${server.url}/api/visits/${id}`)).json();
async function create(id: string, body: unknown = listing): Promise<string> {
  const response = await put(id, body);
  expect(response.status).to.equal(201);
  return ((await response.json()) as { secret: string }).secret;
}

before(async () => {
  server = await spawnDemoServer({ dataDir: await newDir() });
});
after(async () => {
  await server.close();
  for (const dir of dirs) await rm(dir, { recursive: true, force: true });
});

describe('the visit directory', () => {
  it('creates a listing once and gives back the secret; shows the clinic’s own name and phone, never what a caller wrote', async () => {
    const id = room();
    const secret = await create(id, { ...listing, language: 'en' });
    expect(secret).to.match(/^[A-Za-z0-9_-]{22}$/);
    expect(await read(id)).to.deep.equal({
      clinic: 'Vårdcentralen Gagnef', clinicPhone: '0241-123 45', start: listing.start, durationMinutes: 45, status: 'booked', language: 'en',
    });
  });

  it('lets only the holder of the secret change a listing: no secret and a wrong one get 403 and change nothing', async () => {
    const id = room();
    const secret = await create(id);
    const cancel = { ...listing, status: 'cancelled' };
    expect((await put(id, cancel)).status).to.equal(403);
    expect((await put(id, cancel, 'A'.repeat(22))).status).to.equal(403);
    expect((await put(id, cancel, `${secret}x`)).status).to.equal(403);
    expect(await read(id)).to.have.property('status', 'booked');
    expect((await put(id, cancel, secret)).status).to.equal(204);
    expect(await read(id)).to.have.property('status', 'cancelled');
  });

  const bad: [string, unknown][] = [
    ['an unknown clinic', { ...listing, clinicId: 'evil-clinic' }],
    ['a clinic name instead of its id', { ...listing, clinicId: 'Vårdcentralen Gagnef' }],
    ['a time that is not ISO 8601 in UTC', { ...listing, start: '2099-12-01 13:30' }],
    ['a local time', { ...listing, start: '2099-12-01T13:30:00+01:00' }],
    ['an impossible date', { ...listing, start: '2099-02-31T13:30:00.000Z' }],
    ['a status outside the set', { ...listing, status: 'deleted' }],
    ['a duration of a week', { ...listing, durationMinutes: 10_080 }],
    ['a language the pages do not have', { ...listing, language: 'xx' }],
    ['a direction override', { ...listing, clinicId: 'gagnef\u202e' }],
    ['a control character', { ...listing, language: 'e\u0000' }],
    ['a field of its own (a phone number for the page)', { ...listing, phone: '+46701234567' }],
    ['personal data', { ...listing, personnummer: '19121212-1212' }],
    ['an array', [listing]],
  ];
  for (const [what, body] of bad) {
    it(`refuses ${what} with 400 and a Swedish reason, keeping nothing`, async () => {
      const id = room();
      const response = await put(id, body);
      expect(response.status).to.equal(400);
      expect(((await response.json()) as { error: string }).error).to.be.a('string').and.not.equal('');
      expect((await fetch(`${server.url}/api/visits/${id}`)).status).to.equal(404);
    });
  }

  it('refuses a room id that is not one', async () => {
    expect((await put('dh-1234', listing)).status).to.equal(400);
    expect((await put('..%2F..%2Fvisits.json', listing)).status).to.equal(400);
  });

  it('stops creating listings at its cap (507), and still lets the existing ones change', async () => {
    const dir = await newDir();
    const small = await spawnDemoServer({ dataDir: dir, maxListings: 3 });
    try {
      const at = (id: string, body: unknown, secret?: string): Promise<Response> => fetch(`${small.url}/api/visits/${id}`, {
        method: 'PUT', headers: { 'Content-Type': 'application/json', ...(secret ? { Authorization: `Bearer ${secret}` } : {}) }, body: JSON.stringify(body),
      });
      const secrets: string[] = [];
      for (let i = 0; i < 3; i++) {
        const response = await at(room(), listing);
        expect(response.status).to.equal(201);
        secrets.push(((await response.json()) as { secret: string }).secret);
      }
      const refused = room();
      const full = await at(refused, listing);
      expect(full.status).to.equal(507);
      expect(((await full.json()) as { error: string }).error).to.match(/full/);
      expect((await fetch(`${small.url}/api/visits/${refused}`)).status).to.equal(404);
      expect(Object.keys(JSON.parse(await readFile(join(dir, 'visits.json'), 'utf8')) as object)).to.have.length(3);
      const [first] = Object.keys(JSON.parse(await readFile(join(dir, 'visits.json'), 'utf8')) as object);
      expect((await at(first!, { ...listing, status: 'cancelled' }, secrets[0])).status).to.equal(204);
    } finally {
      await small.close();
    }
  });

  it('stops the server with a message naming the file when the directory is damaged, and leaves the file as it was', async () => {
    const dir = await newDir();
    const damaged = '{"dh-00000001abababababababababababab":{"clinicId":"gagnef","start":"2099-12-0';
    await writeFile(join(dir, 'visits.json'), damaged);
    let error: unknown;
    await spawnDemoServer({ dataDir: dir }).then((s) => s.close(), (e: unknown) => (error = e));
    expect(String(error)).to.contain(join(dir, 'visits.json')).and.to.match(/cannot be read/);
    expect(await readFile(join(dir, 'visits.json'), 'utf8')).to.equal(damaged);
  });

  it('keeps listings across a restart, without the secrets themselves on disk', async () => {
    const dir = await newDir();
    const first = await spawnDemoServer({ dataDir: dir });
    const id = room();
    const response = await fetch(`${first.url}/api/visits/${id}`, { method: 'PUT', headers: { 'Content-Type': 'application/json' }, body: JSON.stringify(listing) });
    const { secret } = (await response.json()) as { secret: string };
    await first.close();
    expect(await readFile(join(dir, 'visits.json'), 'utf8')).not.to.contain(secret);
    const second = await spawnDemoServer({ dataDir: dir });
    try {
      expect(((await (await fetch(`${second.url}/api/visits/${id}`)).json()) as { status: string }).status).to.equal('booked');
      const change = await fetch(`${second.url}/api/visits/${id}`, {
        method: 'PUT', headers: { 'Content-Type': 'application/json', Authorization: `Bearer ${secret}` }, body: JSON.stringify({ ...listing, status: 'cancelled' }),
      });
      expect(change.status).to.equal(204);
    } finally {
      await second.close();
    }
  });
});

describe('VisitDirectory', () => {
  const clinics = [{ id: 'gagnef', name: 'Vårdcentralen Gagnef' }];

  it('purges listings 30 days after the visit ended, on open and on demand', async () => {
    const dir = await newDir();
    let now = Date.parse('2026-12-01T12:00:00Z');
    const directory = await VisitDirectory.open(dir, { clinics, now: () => now });
    await directory.put(room(), { ...listing, start: '2026-12-01T13:00:00.000Z' }, undefined);
    await directory.put(room(), { ...listing, start: '2027-02-01T13:00:00.000Z' }, undefined);
    now = Date.parse('2026-12-31T13:00:00Z'); // 30 days after, to the minute: kept
    expect(await directory.purge()).to.equal(0);
    now = Date.parse('2027-01-01T14:00:00Z');
    expect(await directory.purge()).to.equal(1);
    expect(await directory.size()).to.equal(1);
    const reopened = await VisitDirectory.open(dir, { clinics, now: () => Date.parse('2027-04-01T00:00:00Z') });
    expect(await reopened.size()).to.equal(0);
  });

  it('writes atomically: a reader never sees a half-written file, and no temporary file is left', async () => {
    const dir = await newDir();
    const directory = await VisitDirectory.open(dir, { clinics });
    const state = { reading: true };
    let reads = 0;
    const reader = (async () => {
      while (state.reading) {
        try {
          JSON.parse(await readFile(join(dir, 'visits.json'), 'utf8'));
          reads++;
        } catch (e) {
          if ((e as NodeJS.ErrnoException).code !== 'ENOENT') throw e;
        }
      }
    })();
    await Promise.all(Array.from({ length: 300 }, () => directory.put(room(), { ...listing, language: 'fi' }, undefined)));
    state.reading = false;
    await reader;
    expect(reads).to.be.greaterThan(0);
    expect(Object.keys(JSON.parse(await readFile(join(dir, 'visits.json'), 'utf8')) as object)).to.have.length(300);
    expect((await readdir(dir)).filter((f) => f.endsWith('.tmp'))).to.deep.equal([]);
  });
});
