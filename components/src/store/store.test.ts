import { expect } from 'chai';
import { afterEach, describe, it } from 'node:test';
import { deleteDB, openDB } from 'idb';
import { DAY_MS, newBooking, validateInvite, emptyDraft, type Booking, type InviteDraft } from '../core/index.js';
import { TestClock, uniqueDbName } from '../testing/env.js';
import { DB_VERSION } from './schema.js';
import { LocalStore, MissingBookingError, StaleBookingError, StoreError, StoreOutdatedError } from './store.js';

const NOW = new Date('2026-11-25T11:00:00Z');

function draft(over: Partial<InviteDraft> = {}): InviteDraft {
  return {
    ...emptyDraft(), clinic: 'gagnef', personnummer: '19121212-1212', givenName: 'Tolvan', familyName: 'Tolvansson',
    mobile: '070-123 45 67', reason: 'Hälsosamtal 50 år', date: '2026-11-30', time: '09:00', ...over,
  };
}

function booking(over: Partial<InviteDraft> = {}, now = NOW): Booking {
  const r = validateInvite(draft(over), now);
  if (!r.ok) throw new Error(JSON.stringify(r.errors));
  return newBooking(r.value, now);
}

const opened: { store: LocalStore; name: string }[] = [];
async function open(clock = new TestClock(NOW.getTime()), name = uniqueDbName('store')): Promise<LocalStore> {
  const store = await LocalStore.open({ name, now: clock.now });
  opened.push({ store, name });
  return store;
}

afterEach(async () => {
  for (const { store, name } of opened.splice(0)) {
    store.close();
    await deleteDB(name);
  }
});

describe('LocalStore', () => {
  describe('bookings', () => {
    it('creates and reads a booking back', async () => {
      const store = await open();
      const b = await store.bookings.create(booking());
      expect(await store.bookings.get(b.id)).to.deep.equal(b);
    });

    it('keeps bookings when the page is reloaded (a new connection to the same database)', async () => {
      const name = uniqueDbName('reload');
      const first = await LocalStore.open({ name, now: () => NOW });
      const b = await first.bookings.create(booking());
      first.close();
      const second = await open(new TestClock(NOW.getTime()), name);
      expect((await second.bookings.get(b.id))?.participant.familyName).to.equal('Tolvansson');
    });

    it('lists a clinic’s bookings in a date range, in start order, other clinics left out', async () => {
      const store = await open();
      const late = await store.bookings.create(booking({ time: '15:00' }));
      const early = await store.bookings.create(booking({ time: '08:15' }));
      await store.bookings.create(booking({ date: '2026-12-07' }));
      await store.bookings.create(booking({ clinic: 'leksand' }));
      const list = await store.bookings.list({
        clinicId: 'gagnef', from: new Date('2026-11-30T00:00:00+01:00'), to: new Date('2026-12-01T00:00:00+01:00'),
      });
      expect(list.map((b) => b.id)).to.deep.equal([early.id, late.id]);
    });

    it('updates with a version check and bumps the version', async () => {
      const store = await open();
      const b = await store.bookings.create(booking());
      const updated = await store.bookings.update({ ...b, reason: 'Uppföljning' });
      expect(updated.version).to.equal(2);
      expect((await store.bookings.get(b.id))?.reason).to.equal('Uppföljning');
    });

    it('refuses a stale edit from another tab instead of silently losing the newer one', async () => {
      const name = uniqueDbName('tabs');
      const tabA = await open(new TestClock(NOW.getTime()), name);
      const tabB = await LocalStore.open({ name, now: () => NOW });
      opened.push({ store: tabB, name });
      const b = await tabA.bookings.create(booking());
      const seenInB = await tabB.bookings.get(b.id);
      await tabA.bookings.update({ ...b, reason: 'Ändrad i flik A' });

      let error: unknown;
      try {
        await tabB.bookings.update({ ...seenInB!, reason: 'Ändrad i flik B' });
      } catch (e) {
        error = e;
      }
      expect(error).to.be.instanceOf(StaleBookingError);
      expect((error as StaleBookingError).code).to.equal('stale'); // worded by the element that shows it
      expect((error as StaleBookingError).current.reason).to.equal('Ändrad i flik A');
      expect((await tabA.bookings.get(b.id))?.reason).to.equal('Ändrad i flik A');
    });

    it('lets only one of two simultaneous edits of the same version through', async () => {
      const store = await open();
      const b = await store.bookings.create(booking());
      const results = await Promise.allSettled([
        store.bookings.update({ ...b, reason: 'Ett' }),
        store.bookings.update({ ...b, reason: 'Två' }),
      ]);
      expect(results.filter((r) => r.status === 'fulfilled')).to.have.length(1);
      expect((await store.bookings.get(b.id))?.version).to.equal(2);
    });

    it('cancels, keeping the booking (shown struck through) with status cancelled', async () => {
      const store = await open();
      const b = await store.bookings.create(booking());
      const cancelled = await store.bookings.cancel(b.id, b.version);
      expect(cancelled.status).to.equal('cancelled');
      expect((await store.bookings.get(b.id))?.status).to.equal('cancelled');
    });

    it('refuses to cancel from a stale version', async () => {
      const store = await open();
      const b = await store.bookings.create(booking());
      await store.bookings.update({ ...b, reason: 'Ny' });
      let error: unknown;
      await store.bookings.cancel(b.id, b.version).catch((e: unknown) => (error = e));
      expect(error).to.be.instanceOf(StaleBookingError);
      expect((await store.bookings.get(b.id))?.status).to.equal('booked');
    });

    it('refuses to change a booking that is no longer there, naming it by a code and its id', async () => {
      const store = await open();
      const gone = booking();
      let error: unknown;
      await store.bookings.update(gone).catch((e: unknown) => (error = e));
      expect(error).to.be.instanceOf(MissingBookingError).and.instanceOf(StoreError);
      expect([(error as MissingBookingError).code, (error as MissingBookingError).id]).to.deep.equal(['missing', gone.id]);
    });
  });

  describe('participant cache and the 30-day purge', () => {
    const tolvan = {
      personnummer: '19121212-1212', givenName: 'Tolvan', familyName: 'Tolvansson', mobile: '+46701234567',
    };

    it('finds a participant seen in the last 30 days', async () => {
      const clock = new TestClock(NOW.getTime());
      const store = await open(clock);
      await store.participants.remember(tolvan);
      clock.advanceDays(29);
      expect((await store.participants.find('19121212-1212'))?.givenName).to.equal('Tolvan');
    });

    it('does not hand out a participant older than 30 days, even before the purge runs', async () => {
      const clock = new TestClock(NOW.getTime());
      const store = await open(clock);
      await store.participants.remember(tolvan);
      clock.advanceDays(31);
      expect(await store.participants.find('19121212-1212')).to.equal(undefined);
    });

    it('a new visit restarts the 30 days', async () => {
      const clock = new TestClock(NOW.getTime());
      const store = await open(clock);
      await store.participants.remember(tolvan);
      clock.advanceDays(20);
      await store.participants.remember({ ...tolvan, mobile: '+46731234567' });
      clock.advanceDays(20);
      expect((await store.participants.find('19121212-1212'))?.mobile).to.equal('+46731234567');
    });

    it('purges expired participants, old bookings and old outbox entries when the store opens', async () => {
      const name = uniqueDbName('purge');
      const clock = new TestClock(NOW.getTime());
      const first = await LocalStore.open({ name, now: clock.now });
      await first.participants.remember(tolvan);
      await first.participants.remember({ ...tolvan, personnummer: '19811218-9876' }, new Date(NOW.getTime() + 20 * DAY_MS));
      const old = await first.bookings.create(booking({ date: '2026-11-26' }));
      const future = await first.bookings.create(booking({ date: '2027-01-11' }));
      await first.outbox.put({
        id: 'old-entry-1', to: '+46701234567', text: 'x', kind: 'invite', createdAt: NOW.toISOString(),
        attempts: 3, nextAttemptAt: NOW.toISOString(), status: 'pending',
      });
      first.close();

      clock.advanceDays(35);
      const reopened = await open(clock, name);
      expect(await reopened.participants.find('19121212-1212')).to.equal(undefined);
      expect(await reopened.participants.find('19811218-9876')).not.to.equal(undefined);
      expect(await reopened.bookings.get(old.id)).to.equal(undefined);
      expect(await reopened.bookings.get(future.id)).not.to.equal(undefined);
      expect(await reopened.outbox.all()).to.deep.equal([]);
      // Nothing left to purge now.
      expect(await reopened.purgeExpired()).to.deep.equal({ participants: 0, bookings: 0, outbox: 0, listings: 0, drafts: 0 });
    });

    it('purges on a timer while the page stays open', async () => {
      const clock = new TestClock(NOW.getTime());
      const name = uniqueDbName('timer');
      const store = await LocalStore.open({ name, now: clock.now, purgeIntervalMs: 50 });
      opened.push({ store, name });
      await store.participants.remember(tolvan);
      clock.advanceDays(31);
      // Look under the cache's own expiry check: the record itself must be gone.
      const { openDB } = await import('idb');
      const deadline = Date.now() + 5000;
      let raw: unknown = 'present';
      while (raw !== undefined && Date.now() < deadline) {
        await new Promise((r) => setTimeout(r, 60));
        const db = await openDB(name);
        raw = await db.get('participants', '19121212-1212');
        db.close();
      }
      expect(raw).to.equal(undefined);
    });
  });

  describe('SMS outbox', () => {
    it('reads why an SMS is unsent as a code, also from an entry an older version kept as a Swedish sentence', async () => {
      const name = uniqueDbName('outbox-codes');
      const store = await open(new TestClock(NOW.getTime()), name);
      const entry = { to: '+46701234567', text: 'Hej', kind: 'invite', createdAt: NOW.toISOString(), attempts: 3, nextAttemptAt: NOW.toISOString() };
      await store.outbox.put({ ...entry, id: 'new', status: 'rejected', lastError: { code: 'rejected', reason: 'Okänt nummer' } });
      // What versions before codes wrote, straight into the database.
      const raw = await openDB(name, DB_VERSION);
      await raw.put('outbox', { ...entry, id: 'old-queued', status: 'pending', lastError: 'Sms:et kunde inte skickas just nu. Det ligger kvar och skickas automatiskt när tjänsten svarar igen.' });
      await raw.put('outbox', { ...entry, id: 'old-rejected', status: 'rejected', lastError: 'Sms-tjänsten tog inte emot meddelandet: Numret ser ut att vara en fast telefon.' });
      raw.close();
      expect((await store.outbox.all()).map((e) => [e.id, e.lastError])).to.deep.equal([
        ['new', { code: 'rejected', reason: 'Okänt nummer' }],
        ['old-queued', { code: 'queued' }],
        ['old-rejected', { code: 'rejected', reason: 'Numret ser ut att vara en fast telefon.' }],
      ]);
      expect((await store.outbox.get('old-queued'))?.lastError).to.deep.equal({ code: 'queued' });
    });
  });

  describe('settings', () => {
    it('keeps a value across connections', async () => {
      const name = uniqueDbName('settings');
      const a = await open(new TestClock(NOW.getTime()), name);
      await a.settings.set('lastClinic', 'gagnef');
      const b = await LocalStore.open({ name, now: () => NOW });
      opened.push({ store: b, name });
      expect(await b.settings.get<string>('lastClinic')).to.equal('gagnef');
    });
  });
  describe('drafts', () => {
    it('keeps a draft for 30 days, then deletes it (not just ignores it)', async () => {
      const clock = new TestClock(NOW.getTime());
      const name = uniqueDbName('drafts');
      const store = await open(clock, name);
      await store.drafts.set('invite', { personnummer: '19121212-1212' });
      clock.advanceDays(29);
      expect(await store.drafts.get('invite')).to.deep.equal({ personnummer: '19121212-1212' });
      clock.advanceDays(2);
      expect(await store.drafts.get('invite')).to.equal(undefined);
      const raw = await openDB(name);
      expect(await raw.get('drafts', 'invite')).to.equal(undefined);
      raw.close();
    });

    it('purges expired drafts with the rest', async () => {
      const clock = new TestClock(NOW.getTime());
      const store = await open(clock);
      await store.drafts.set('invite', { personnummer: '19121212-1212' });
      clock.advanceDays(31);
      expect((await store.purgeExpired()).drafts).to.equal(1);
    });
  });

  describe('visit directory secrets and interpreter codes', () => {
    it('keeps a listing secret until 30 days after the visit', async () => {
      const clock = new TestClock(NOW.getTime());
      const store = await open(clock);
      await store.listings.put({ room: `dh-${'a'.repeat(32)}`, bookingId: 'b1', secret: 's3cret', end: '2026-11-30T10:00:00.000Z' });
      expect(await store.listings.get(`dh-${'a'.repeat(32)}`)).to.equal('s3cret');
      clock.advanceDays(34);
      expect((await store.purgeExpired()).listings).to.equal(0);
      clock.advanceDays(2);
      expect((await store.purgeExpired()).listings).to.equal(1);
      expect(await store.listings.get(`dh-${'a'.repeat(32)}`)).to.equal(undefined);
    });

    it('counts wrong interpreter codes per booking across connections; five in all, and a new code starts again', async () => {
      const name = uniqueDbName('codes');
      const store = await open(new TestClock(NOW.getTime()), name);
      const b = await store.bookings.create(booking({ interpreter: true, interpreterLanguage: 'ar', interpreterMobile: '073-123 45 67', interpreterEmail: 'tolk@tolk.se' }));
      const code = b.interpreter!.code;
      const wrong = code === '000000' ? '111111' : '000000';
      const results = [];
      for (let i = 0; i < 5; i++) {
        // Every try through a new connection, as a reconnecting page would make.
        const tab = await LocalStore.open({ name, now: () => NOW });
        results.push(await tab.interpreterCodes.check(b.id, wrong));
        tab.close();
      }
      expect(results.map((r) => r.result)).to.deep.equal(['wrong', 'wrong', 'wrong', 'wrong', 'locked']);
      expect(await store.interpreterCodes.check(b.id, code)).to.deep.equal({ result: 'locked' });
      expect(await store.interpreterCodes.locked(b.id)).to.equal(true);

      const current = (await store.bookings.get(b.id))!;
      await store.bookings.update({ ...current, interpreter: { ...current.interpreter!, code: '424242' } });
      expect(await store.interpreterCodes.locked(b.id)).to.equal(false);
      expect(await store.interpreterCodes.check(b.id, '424 242')).to.deep.equal({ result: 'ok' });
    });

    it('lets no code through for a booking without an interpreter, or a cancelled one', async () => {
      const store = await open();
      const b = await store.bookings.create(booking());
      expect(await store.interpreterCodes.check(b.id, '123456')).to.deep.equal({ result: 'locked' });
      expect(await store.interpreterCodes.check('no-such-booking', '123456')).to.deep.equal({ result: 'locked' });
    });
  });

  describe('schema versions and other tabs', () => {
    /** A database exactly as version 1 of this store wrote it. */
    async function writeVersion1(name: string, draftSavedAt: string): Promise<Booking> {
      const b = booking();
      const db = await openDB(name, 1, {
        upgrade(database) {
          const bookings = database.createObjectStore('bookings', { keyPath: 'id' });
          bookings.createIndex('by-clinic-start', ['clinicId', 'start']);
          bookings.createIndex('by-start', 'start');
          database.createObjectStore('participants', { keyPath: 'personnummer' }).createIndex('by-last-active', 'lastActive');
          database.createObjectStore('outbox', { keyPath: 'id' }).createIndex('by-created', 'createdAt');
          database.createObjectStore('settings');
        },
      });
      await db.put('bookings', b);
      await db.put('participants', { personnummer: '19121212-1212', givenName: 'Tolvan', familyName: 'Tolvansson', mobile: '+46701234567', lastActive: NOW.toISOString() });
      await db.put('settings', 'leksand', 'last-clinic');
      await db.put('settings', { draft: { givenName: 'Tolvan' }, step: 'participant', savedAt: draftSavedAt }, 'invite-draft');
      db.close();
      return b;
    }

    it('upgrades a version 1 database, keeping its bookings, participants and settings, and moving the draft', async () => {
      const name = uniqueDbName('v1');
      const old = await writeVersion1(name, NOW.toISOString());
      const store = await open(new TestClock(NOW.getTime()), name);
      expect(await store.bookings.get(old.id)).to.deep.equal(old);
      expect((await store.participants.find('19121212-1212'))?.givenName).to.equal('Tolvan');
      expect(await store.settings.get('last-clinic')).to.equal('leksand');
      expect(await store.drafts.get('invite')).to.deep.equal({ draft: { givenName: 'Tolvan' }, step: 'participant' });
      expect(await store.settings.get('invite-draft')).to.equal(undefined);
      await store.listings.put({ room: `dh-${'b'.repeat(32)}`, bookingId: old.id, secret: 'x', end: NOW.toISOString() });
      const raw = await openDB(name);
      expect(raw.version).to.equal(DB_VERSION);
      raw.close();
    });

    it('upgrading drops a version 1 draft older than 30 days', async () => {
      const name = uniqueDbName('v1-old');
      await writeVersion1(name, new Date(NOW.getTime() - 31 * DAY_MS).toISOString());
      const store = await open(new TestClock(NOW.getTime()), name);
      expect(await store.drafts.get('invite')).to.equal(undefined);
      const raw = await openDB(name);
      expect(await raw.count('drafts')).to.equal(0);
      raw.close();
    });

    it('steps aside when another tab deletes the database, and works again on its next call', async () => {
      const name = uniqueDbName('blocking');
      const store = await open(new TestClock(NOW.getTime()), name);
      await store.bookings.create(booking());
      // The other tab's delete waits for this connection to close: it must not hang.
      await deleteDB(name);
      const b = await store.bookings.create(booking({ time: '11:00' }));
      expect((await store.bookings.get(b.id))?.id).to.equal(b.id);
    });

    it('says plainly that the page must be reloaded when another tab moved to a newer schema', async () => {
      const name = uniqueDbName('newer');
      const store = await open(new TestClock(NOW.getTime()), name);
      await store.bookings.create(booking());
      const newer = await openDB(name, DB_VERSION + 1, { upgrade: () => undefined });
      newer.close();
      let error: unknown;
      await store.bookings.list({ clinicId: 'gagnef', from: NOW, to: new Date(NOW.getTime() + DAY_MS) }).catch((e: unknown) => (error = e));
      expect(error).to.be.instanceOf(StoreOutdatedError);
      expect((error as StoreOutdatedError).code).to.equal('outdated');
    });
  });
});
