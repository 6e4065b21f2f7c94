import { expect } from 'chai';
import { afterEach, before, beforeEach, describe, it } from 'node:test';
import { deleteDB, openDB } from 'idb';
import { emptyDraft, formatMobile, validateInvite, type Booking, type Clinic, type InviteDraft } from '../../core/index.js';
import { DB_VERSION } from '../../store/index.js';
import { $, axeViolations, click, fill, mount, page, until } from '../../testing/dom.js';
import { demoUrl, uniqueDbName } from '../../testing/env.js';
import { configure, getServices, resetServices } from '../shared/services.js';
import type { DhBooking } from './booking.element.js';
import './define.js';

// Wednesday 25 November 2026, 12:00 in Sweden.
const NOW = new Date('2026-11-25T11:00:00Z');
const CLINICS: Clinic[] = [{ id: 'gagnef', name: 'Vårdcentralen Gagnef' }];
/** What the demo relay answers when a test makes it refuse (a 4xx): its reason, in its words. */
const RELAY_REASON = 'Sms-leverantören svarar inte (simulerad driftstörning).';
let base = '';
let dbName = '';

const uniqueMobile = (): string => `+4670${String(Math.floor(Math.random() * 1e7)).padStart(7, '0')}`;
/** Makes the relay fail the next messages to one number only (other test files share the relay). */
const outage = (to: string, failNext: number, status = 503): Promise<Response> =>
  fetch(`${base}/api/demo/sms-outage`, { method: 'POST', headers: { 'Content-Type': 'application/json' }, body: JSON.stringify({ failNext, status, to }) });

async function book(over: Partial<InviteDraft> = {}): Promise<Booking> {
  const services = await getServices();
  const r = validateInvite({
    ...emptyDraft(), clinic: 'gagnef', personnummer: '19121212-1212', givenName: 'Tolvan', familyName: 'Tolvansson',
    mobile: uniqueMobile(), reason: 'Hälsosamtal 50 år', date: '2026-11-25', time: '14:00', ...over,
  }, NOW, { clinics: CLINICS });
  if (!r.ok) throw new Error(JSON.stringify(r.errors));
  return (await services.book(r.value, NOW)).booking;
}

/** dh-booking for `id`, in a part of the page whose language is `lang`. */
async function panel(id: string, lang: string): Promise<DhBooking> {
  const el = await mount('dh-booking', (e) => {
    e.bookingId = id;
    e.now = () => NOW;
  }, page(lang));
  await until(() => $(el, 'dl') ?? $(el, '[role="alert"]'), 'the booking');
  return el;
}

before(async () => {
  base = await demoUrl();
});
beforeEach(() => {
  dbName = uniqueDbName('booking');
  configure({ dbName, relayUrl: `${base}/api/sms`, clinics: CLINICS, patientUrl: 'https://patient.example.se/besok', guestUrl: 'https://patient.example.se/tolk' });
});
afterEach(async () => {
  document.body.replaceChildren();
  await resetServices();
  await deleteDB(dbName);
});

describe('dh-booking', () => {
  it('has no axe violations, with unsent SMS listed and edit errors shown', async () => {
    const mobile = uniqueMobile();
    await outage(mobile, 1, 400);
    const b = await book({ mobile });
    const el = await panel(b.id, 'sv');
    expect($(el, '[part~="unsent"]')).to.not.equal(null);
    expect(await axeViolations(el)).to.deep.equal([]);
    await click(el, '✎');
    await fill(el, 'date', '2026-11-24');
    await click(el, 'Spara ändringar');
    await until(() => $(el, '#date-error'), 'the error');
    expect(await axeViolations(el)).to.deep.equal([]);
  });

  describe('on an English page (lang="en" on an ancestor)', () => {
    it('words edit errors in English: a date in the past, an interpreter\'s landline', async () => {
      const b = await book();
      const el = await panel(b.id, 'en');
      await click(el, '✎');
      await fill(el, 'date', '2026-11-24');
      await fill(el, 'interpreter', true);
      await fill(el, 'interpreterLanguage', 'so');
      await fill(el, 'interpreterMobile', '08-123 456 78');
      await fill(el, 'interpreterEmail', 'tolk@tolk.se');
      await click(el, 'Save changes');
      await until(() => $(el, '#date-error'), 'the errors');
      expect($(el, '#date-error')!.textContent).to.equal('The date has passed. Choose today or a later date.');
      expect($(el, '#interpreterMobile-error')!.textContent).to.equal(
        'The number looks like a landline. The invitation is sent by text message, so enter a mobile number (07…).',
      );
    });

    it('words a stale edit in English and offers a reload', async () => {
      const b = await book();
      const el = await panel(b.id, 'en');
      await click(el, '✎');
      await fill(el, 'reason', 'My change');
      const services = await getServices();
      await services.store.bookings.update({ ...(await services.store.bookings.get(b.id))!, reason: 'Changed in another tab' });
      await click(el, 'Save changes');
      const alert = await until(() => $(el, '[role="alert"]'), 'the stale message');
      expect(alert.textContent).to.contain('The booking was changed in another tab. Your change has not been saved.');
      await click(el, 'Reload the booking');
      await until(() => $(el, 'dl')?.textContent.includes('Changed in another tab'), 'the reloaded booking');
    });

    it('words a booking gone meanwhile in English, not as "something went wrong" with a Swedish reason', async () => {
      const b = await book();
      const el = await panel(b.id, 'en');
      // Purged meanwhile (another tab's store, 30 days after the visit).
      const raw = await openDB(dbName, DB_VERSION);
      await raw.delete('bookings', b.id);
      raw.close();
      await click(el, '⋯');
      await click(el, 'Cancel visit');
      await click(el, 'Yes, cancel the visit');
      const status = await until(() => $(el, '.status.bad[role="status"]'), 'the error');
      expect(status.textContent).to.equal('The booking no longer exists. It may have been purged after 30 days.');
    });

    it('words a store that another tab has upgraded in English, instead of loading forever', async () => {
      const newer = await openDB(dbName, DB_VERSION + 1, { upgrade: () => undefined });
      newer.close();
      const el = await panel('any', 'en');
      expect($(el, '[role="alert"]')!.textContent).to.equal('A newer version of this page is open in another tab. Reload this page to go on.');
    });

    it('shows an SMS left unsent under a Swedish page in English: the outbox keeps codes, the text is made when shown', async () => {
      const queued = uniqueMobile();
      const refused = uniqueMobile();
      await outage(queued, 100); // down: kept, tried again later
      await outage(refused, 2, 400); // refuses both of the interpreter's messages
      const b = await book({ mobile: queued, interpreter: true, interpreterLanguage: 'so', interpreterMobile: refused, interpreterEmail: 'tolk@tolk.se' });
      const reasons = (el: DhBooking): string[] => Array.from(el.shadowRoot!.querySelectorAll('[part~="unsent"] li'), (li) => li.textContent);
      try {
        const swedish = await panel(b.id, 'sv');
        expect($(swedish, '[part~="unsent"] p')!.textContent).to.equal('3 sms har inte skickats.');
        expect(reasons(swedish)).to.deep.equal([
          `${formatMobile(queued)}: Sms:et kunde inte skickas just nu. Det ligger kvar och skickas automatiskt när tjänsten svarar igen.`,
          `${formatMobile(refused)}: Sms-tjänsten tog inte emot meddelandet: ${RELAY_REASON}`,
        ]);
        swedish.remove();

        const english = await panel(b.id, 'en');
        expect($(english, '[part~="unsent"] p')!.textContent).to.equal('3 text messages have not been sent.');
        expect(reasons(english)).to.deep.equal([
          `${formatMobile(queued)}: The SMS could not be sent right now. It is kept and sent automatically when the service answers again.`,
          `${formatMobile(refused)}: The SMS service did not accept the message: ${RELAY_REASON}`,
        ]);
      } finally {
        await outage(queued, 0);
        await outage(refused, 0);
      }
    });
  });
});

