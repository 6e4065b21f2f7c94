import { expect } from 'chai';
import { afterEach, before, beforeEach, describe, it } from 'node:test';
import { deleteDB } from 'idb';
import { DAY_MS, emptyDraft, meetingPlace, roomPeerId, validateInvite, type Booking, type InviteDraft } from '../core/index.js';
import type { VisitService } from './visit-service.js';
import { configure, getServices, resetServices } from '../elements/shared/services.js';
import { bridgeRequest, parseBridgeMessage } from '../bridge/protocol.js';
import { demoUrl, uniqueDbName } from '../testing/env.js';

let base = '';
let dbName = '';
const always = ['00:00', '24:00'] as const;

before(async () => {
  base = await demoUrl();
});
beforeEach(() => {
  dbName = uniqueDbName('visits');
  configure({
    dbName, relayUrl: `${base}/api/sms`, signallingUrl: `${base}/peerjs`, visitDirectoryUrl: `${base}/api/visits`, iceServers: [],
    clinics: [{ id: 'demo-jour', name: 'Demomottagningen (alltid öppen)', openingHours: { 1: always, 2: always, 3: always, 4: always, 5: always, 6: always, 7: always },
      holidays: { public: 'open', eves: { midsommarafton: 'open', julafton: 'open', nyarsafton: 'open' } } }],
  });
});
afterEach(async () => {
  await resetServices();
  await deleteDB(dbName);
});

const listing = async (token: string): Promise<Record<string, unknown>> =>
  (await (await fetch(`${base}/api/visits/${await roomPeerId(token)}`)).json()) as Record<string, unknown>;

/** Books a visit with an interpreter an hour from now at the always-open clinic; `changes` alter the invitation. */
async function bookInAnHour(services: VisitService, changes: Partial<InviteDraft> = {}): Promise<{ booking: Booking; start: Date }> {
  const start = new Date(Date.now() + 60 * 60_000);
  const r = validateInvite({
    ...emptyDraft(), clinic: 'demo-jour', personnummer: '19121212-1212', givenName: 'Tolvan', familyName: 'Tolvansson', mobile: '0701234567',
    reason: 'Hälsosamtal', date: start.toISOString().slice(0, 10), time: '00:00',
    interpreter: true, interpreterLanguage: 'ar', interpreterMobile: '0731234567', interpreterEmail: 'tolk@tolk.se', ...changes,
  }, new Date(0), { clinics: services.config.clinics });
  if (!r.ok) throw new Error(JSON.stringify(r.errors));
  return { start, booking: (await services.book({ ...r.value, start }, new Date())).booking };
}

describe('the page’s services', () => {
  it('open again after configure(): an element that asked first does not keep the old clinics', async () => {
    await resetServices(); // as a page whose element asks before the host page has configured
    const early = await getServices();
    expect(early.config.clinics.map((c) => c.id)).to.not.include('demo-jour');
    configure({ dbName, clinics: [{ id: 'demo-jour', name: 'Demomottagningen (alltid öppen)' }] });
    const later = await getServices();
    expect(later).to.not.equal(early);
    expect(later.config.clinics.map((c) => c.id)).to.deep.equal(['demo-jour']);
    expect(await getServices()).to.equal(later); // and stays the one service until configured again
  });
});

describe('the visit directory, as the nurse side fills it', () => {
  it('lists clinic, time and status under each link’s room id, the invitation language only for the patient, and no one’s details', async () => {
    const services = await getServices();
    const { booking, start } = await bookInAnHour(services, { language: 'en' });

    const patient = await listing(booking.token);
    expect(patient).to.deep.equal({ clinic: 'Demomottagningen (alltid öppen)', start: start.toISOString(), durationMinutes: 45, status: 'booked', language: 'en' });
    const interpreter = await listing(booking.interpreter!.token);
    expect(interpreter).to.not.have.property('language');
    expect(JSON.stringify([patient, interpreter])).to.not.match(/Tolvan|1212|0701234567|Hälsosamtal/);

    await services.cancel(booking);
    expect((await listing(booking.token)).status).to.equal('cancelled');
    expect((await listing(booking.interpreter!.token)).status).to.equal('cancelled');
  });

  it('keeps the secret each listing came with in the store; only that changes it, and a stranger cannot', async () => {
    const services = await getServices();
    const { booking, start } = await bookInAnHour(services);
    const room = await roomPeerId(booking.token);
    expect(await services.store.listings.get(room)).to.match(/^[A-Za-z0-9_-]{22}$/);

    // Someone who learned the room id (the signalling server sees it) tries to cancel the visit.
    const forged = await fetch(`${base}/api/visits/${room}`, {
      method: 'PUT', headers: { 'Content-Type': 'application/json' },
      body: JSON.stringify({ clinicId: 'demo-jour', start: booking.start, durationMinutes: 45, status: 'cancelled' }),
    });
    expect(forged.status).to.equal(403);
    expect((await listing(booking.token)).status).to.equal('booked');

    // The nurse moves the visit and replaces the interpreter: the listings follow, the old interpreter's is cancelled.
    const later = new Date(start.getTime() + 60 * 60_000);
    const edited = await services.edit(booking, { time: `${String(later.getUTCHours()).padStart(2, '0')}:00`, date: later.toISOString().slice(0, 10), interpreterMobile: '0731234568' }, new Date(0));
    if (!edited.ok) throw new Error(JSON.stringify(edited.errors));
    expect((await listing(booking.token)).start).to.equal(edited.booking.start);
    expect((await listing(booking.interpreter!.token)).status).to.equal('cancelled');
    expect((await listing(edited.booking.interpreter!.token)).status).to.equal('booked');
    // Both interpreters' rooms meet the patient's on one signalling server (they call each other).
    for (const b of [booking, edited.booking]) expect(meetingPlace(await roomPeerId(b.interpreter!.token))).to.equal(meetingPlace(room));
  });
});

describe('the language of the texts', () => {
  it('writes the patient\'s texts in the invitation\'s language, the interpreter\'s in Swedish: invitation, move and cancellation', async () => {
    const services = await getServices();
    const patientMobile = `070${String(Math.floor(Math.random() * 1e7)).padStart(7, '0')}`;
    const interpreterMobile = `073${String(Math.floor(Math.random() * 1e7)).padStart(7, '0')}`;
    const { booking, start } = await bookInAnHour(services, { mobile: patientMobile, language: 'so', interpreterLanguage: 'so', interpreterMobile });
    expect((await listing(booking.token)).language).to.equal('so');

    const later = new Date(start.getTime() + 60 * 60_000);
    const edited = await services.edit(booking, { time: `${String(later.getUTCHours()).padStart(2, '0')}:00`, date: later.toISOString().slice(0, 10) }, new Date(0));
    if (!edited.ok) throw new Error(JSON.stringify(edited.errors));
    await services.cancel(edited.booking);

    const outbox = (await (await fetch(`${base}/outbox.json`)).json()) as { to: string; kind: string; text: string }[];
    const to = (national: string): [string, string][] => outbox.filter((m) => m.to === `+46${national.slice(1)}`).map((m) => [m.kind, m.text]);
    const patient = to(patientMobile);
    expect(patient.map(([kind]) => kind)).to.deep.equal(['invite', 'update', 'cancel']);
    expect(patient[0]![1]).to.match(/^Salaan! Waxaa laguu qabtay ballan fiidiyow ah/);
    expect(patient[1]![1]).to.match(/^Ballantaada fiidiyowga \(Demomottagningen \(alltid öppen\)\) waxaa loo beddelay/);
    expect(patient[2]![1]).to.match(/waa la joojiyay\.$/);
    const interpreter = to(interpreterMobile);
    expect(interpreter.map(([kind]) => kind)).to.deep.equal(['interpreter-invite', 'interpreter-code', 'update', 'cancel']);
    expect(interpreter[2]![1]).to.match(/^Ditt videobesök hos .* är ändrat till/);
    expect(interpreter[3]![1]).to.match(/är avbokat\.$/);
  });
});

describe('a new code for the interpreter ("Skicka ny kod")', () => {
  it('sends a new code by SMS and lifts the lock that five wrong codes put on the old one', async () => {
    const services = await getServices();
    const { booking } = await bookInAnHour(services, { interpreterMobile: '0735550081' });
    const old = booking.interpreter!.code;
    const wrong = old === '000000' ? '111111' : '000000';
    for (let i = 0; i < 5; i++) await services.store.interpreterCodes.check(booking.id, wrong);
    expect(await services.store.interpreterCodes.locked(booking.id)).to.equal(true);

    const { booking: renewed, sms } = await services.newInterpreterCode(booking);
    expect(sms.map((m) => [m.to, m.kind, m.result.status])).to.deep.equal([['interpreter', 'interpreter-code', 'sent']]);
    const code = renewed.interpreter!.code;
    const texts = ((await (await fetch(`${base}/outbox.json`)).json()) as { to: string; text: string }[]).filter((m) => m.to === '+46735550081');
    expect(texts.at(-1)?.text).to.contain(code);
    expect(await services.store.interpreterCodes.locked(booking.id)).to.equal(false);
    if (code !== old) expect(await services.store.interpreterCodes.check(booking.id, old)).to.deep.include({ result: 'wrong' });
    expect(await services.store.interpreterCodes.check(booking.id, code)).to.deep.equal({ result: 'ok' });
  });
});

describe('the day’s visits for the nurses’ extension', () => {
  it('answers the extension’s request over the bridge with time, first name, interpreter, status and the lobby — nothing more of the person', async () => {
    const services = await getServices();
    const { booking } = await bookInAnHour(services);
    const request = bridgeRequest('visits', { from: new Date(Date.now() - 3_600_000).toISOString(), to: new Date(Date.now() + DAY_MS).toISOString() }, crypto.randomUUID());
    const answer = new Promise<unknown>((resolve) => {
      const listener = (event: MessageEvent): void => {
        const message = parseBridgeMessage(event.data);
        if (message?.kind === 'response' && message.id === request.id) {
          window.removeEventListener('message', listener);
          resolve(message.body);
        }
      };
      window.addEventListener('message', listener);
    });
    window.postMessage(request, location.origin);
    const { visits } = (await answer) as { visits: Record<string, unknown>[] };
    const mine = visits.find((v) => v.bookingId === booking.id);
    expect(mine).to.deep.equal({
      bookingId: booking.id, start: booking.start, durationMinutes: 45, firstName: 'Tolvan', interpreter: true, status: 'booked',
      lobbyUrl: `${location.origin}/lobby#${booking.id}`,
    });
    expect(JSON.stringify(visits)).not.to.match(/Tolvansson|1212|0701234567|Hälsosamtal/);
  });
});
