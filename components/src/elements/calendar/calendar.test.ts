import { expect } from 'chai';
import { afterEach, before, beforeEach, describe, it } from 'node:test';
import { sendKeys, setViewport } from '@web/test-runner-commands';
import { deleteDB } from 'idb';
import {
  emptyDraft, newBooking, parseClock, parseIsoDate, swedishInstant, validateInvite, type Booking, type Clinic, type InviteDraft,
} from '../../core/index.js';
import { $, $$, axeViolations, click, fill, mount, nextEvent, page, until } from '../../testing/dom.js';
import { demoUrl, uniqueDbName } from '../../testing/env.js';
import type { DhBooking } from '../booking/booking.element.js';
import { configure, getServices, resetServices } from '../shared/services.js';
import type { DhCalendar } from './calendar.element.js';
import './define.js';

// Wednesday 25 November 2026, 12:00 in Sweden (week 48).
const NOW = new Date('2026-11-25T11:00:00Z');
// Gagnef keeps the default hours (weekdays 08–17) and has a half day on julafton.
const CLINICS: Clinic[] = [
  { id: 'gagnef', name: 'Vårdcentralen Gagnef', holidays: { eves: { julafton: ['08:00', '12:00'] } } },
  { id: 'leksand', name: 'Vårdcentralen Leksand' },
];
let base = '';
let dbName = '';

interface Relayed { to: string; text: string; kind: string }
const smsTo = async (e164: string): Promise<Relayed[]> =>
  ((await (await fetch(`${base}/outbox.json`)).json()) as Relayed[]).filter((m) => m.to === e164);
const uniqueMobile = (): string => `+4670${String(Math.floor(Math.random() * 1e7)).padStart(7, '0')}`;

async function book(over: Partial<InviteDraft> = {}, now = NOW): Promise<Booking> {
  const services = await getServices();
  const r = validateInvite({
    ...emptyDraft(), clinic: 'gagnef', personnummer: '19121212-1212', givenName: 'Tolvan', familyName: 'Tolvansson',
    mobile: uniqueMobile(), reason: 'Hälsosamtal 50 år', date: '2026-11-25', time: '14:00', ...over,
  }, now, { clinics: CLINICS });
  if (!r.ok) throw new Error(JSON.stringify(r.errors));
  return (await services.book(r.value, now)).booking;
}

/** A visit stored as it is, past the invitation's checks: one booked before the clinic's hours changed, say. */
async function storeVisit(date: string, time: string, durationMinutes = 45): Promise<Booking> {
  const services = await getServices();
  return services.store.bookings.create(newBooking({
    clinicId: 'gagnef', participant: { personnummer: '19121212-1212', givenName: 'Utanför', familyName: 'Tiden', mobile: uniqueMobile() },
    reason: 'Hälsosamtal', start: swedishInstant(parseIsoDate(date)!, parseClock(time)!), durationMinutes, language: 'sv',
  }, NOW));
}

async function calendar(setup: (c: DhCalendar) => void = () => undefined, parent: Element = document.body): Promise<DhCalendar> {
  const el = await mount('dh-calendar', (c) => {
    c.clinic = 'gagnef';
    c.now = () => NOW;
    setup(c);
  }, parent);
  await el.whenLoaded();
  return el;
}

async function open(el: DhCalendar, booking: Booking): Promise<DhBooking> {
  const button = await until(() => $<HTMLButtonElement>(el, `button.booking[data-id="${booking.id}"]`), 'the booking');
  button.click();
  const panel = await until(() => $<DhBooking>(el, 'dh-booking'), 'the panel');
  await until(() => $(panel, 'dl'), 'the details');
  return panel;
}

before(async () => {
  base = await demoUrl();
});
beforeEach(() => {
  dbName = uniqueDbName('calendar');
  configure({ dbName, relayUrl: `${base}/api/sms`, clinics: CLINICS, patientUrl: 'https://patient.example.se/besok', guestUrl: 'https://patient.example.se/tolk' });
});
afterEach(async () => {
  document.body.replaceChildren();
  await resetServices();
  await deleteDB(dbName);
});

describe('dh-calendar', () => {
  it('has no axe violations in any view, nor with a visit open, edited or being cancelled', async () => {
    const b = await book();
    await book({ date: '2026-11-26', interpreter: true, interpreterLanguage: 'ar', interpreterMobile: '0734567890', interpreterEmail: 'tolk@tolk.se' });
    const el = await calendar();
    for (const view of ['week', 'day', 'agenda'] as const) {
      el.view = view;
      await el.whenLoaded();
      expect(await axeViolations(el), view).to.deep.equal([]);
    }
    el.view = 'week';
    const panel = await open(el, b);
    expect(await axeViolations(el)).to.deep.equal([]);
    await click(panel, '✎');
    await fill(panel, 'date', '');
    await click(panel, 'Spara ändringar');
    expect(await axeViolations(el)).to.deep.equal([]);
    await click(panel, 'Nej, behåll');
    await click(panel, '⋯');
    expect(await axeViolations(el)).to.deep.equal([]);
    await click(panel, 'Avboka');
    expect(await axeViolations(el)).to.deep.equal([]);
  });

  describe('week view', () => {
    it('starts on Monday, gives the ISO week, marks today and shows each visit on its day', async () => {
      const wed = await book({ time: '14:00' });
      const fri = await book({ date: '2026-11-27', time: '09:00', givenName: 'Greta' });
      await book({ clinic: 'leksand', givenName: 'Annan' });
      await book({ date: '2026-12-01', givenName: 'Nästa' });
      const el = await calendar();
      expect($(el, '#title')!.textContent).to.equal('Vecka 48, 23 november – 29 november 2026');
      const days = $$(el, 'section.day');
      expect(days.map((d) => d.querySelector('h3')!.textContent.trim().split(/\s+/)[0])).to.deep.equal(
        ['måndag', 'tisdag', 'onsdag', 'torsdag', 'fredag', 'lördag', 'söndag'],
      );
      const today = days[2]!;
      expect(today.classList.contains('today')).to.equal(true);
      expect(today.querySelector('h3')!.getAttribute('aria-current')).to.equal('date');
      expect(today.querySelector('h3')!.textContent).to.contain('i dag');
      expect(today.querySelector(`[data-id="${wed.id}"]`)!.textContent).to.match(/14:00–14:45\s+Tolvan Tolvansson/);
      expect(days[4]!.querySelector(`[data-id="${fri.id}"]`)!.textContent).to.contain('Greta');
      expect($$(el, 'button.booking')).to.have.length(2);
      expect($(el, 'section.day')!.textContent).to.contain('Inga besök');
    });

    it('pages to the next week and back to today', async () => {
      await book({ date: '2026-12-01', givenName: 'Nästa' });
      const el = await calendar();
      await click(el, /›/);
      await el.whenLoaded();
      await until(() => $$(el, 'button.booking').length === 1, 'next week’s visit');
      expect($(el, '#title')!.textContent).to.match(/^Vecka 49, 30 november/);
      await click(el, 'I dag');
      await until(() => $(el, '#title')!.textContent.startsWith('Vecka 48'), 'this week');
    });

    it('shows a cancelled visit struck through, not hidden', async () => {
      const b = await book();
      await (await getServices()).cancel(b);
      const el = await calendar();
      const button = await until(() => $(el, `button.booking[data-id="${b.id}"]`), 'the cancelled visit');
      expect(button.classList.contains('cancelled')).to.equal(true);
      expect(getComputedStyle(button).textDecorationLine).to.equal('line-through');
      expect(button.textContent).to.contain('Avbokad');
    });
  });

  describe('the time axis of the week and day views', () => {
    const box = (e: Element): DOMRect => e.getBoundingClientRect();
    /** Where a visit's box lies in its day's track, as fractions of the track's height and width. */
    function placement(el: DhCalendar, booking: Booking): { top: number; height: number; left: number; width: number } {
      const button = $(el, `button.booking[data-id="${booking.id}"]`)!;
      const track = box(button.closest('.track')!);
      const visit = box(button.closest('li')!);
      return {
        top: (visit.top - track.top) / track.height, height: visit.height / track.height,
        left: (visit.left - track.left) / track.width, width: visit.width / track.width,
      };
    }

    it('spans the opening hours, widened to fit a visit outside them, and places visits by time', async () => {
      const wed = await book({ time: '14:00' });
      const late = await storeVisit('2026-11-26', '17:30');
      const el = await calendar();
      // Weekdays 08–17, and a visit until 18:15: the axis runs 08–19.
      const ticks = $$(el, '.ticks span').map((s) => s.textContent.trim());
      expect(ticks[0]).to.equal('08:00');
      expect(ticks[ticks.length - 1]).to.equal('18:00');
      const at = placement(el, wed);
      expect(at.top).to.be.closeTo(6 / 11, 0.005);
      expect(at.height).to.be.closeTo(0.75 / 11, 0.005);
      expect(at.width).to.be.closeTo(1, 0.01);
      expect(placement(el, late).top).to.be.closeTo(9.5 / 11, 0.005);
      el.view = 'day';
      await el.whenLoaded();
      // The day view has only Wednesday's hours and visits.
      expect($$(el, '.ticks span').map((s) => s.textContent.trim()).pop()).to.equal('16:00');
      expect(placement(el, wed).top).to.be.closeTo(6 / 9, 0.005);
    });

    it('puts overlapping visits side by side, from the right in right-to-left text', async () => {
      const first = await book({ time: '14:00' });
      const second = await book({ time: '14:30', givenName: 'Andra' });
      const alone = await book({ time: '16:00', givenName: 'Ensam' });
      const ltr = await calendar();
      expect(placement(ltr, first)).to.deep.include({ left: 0 });
      expect(placement(ltr, first).width).to.be.closeTo(0.5, 0.01);
      expect(placement(ltr, second).left).to.be.closeTo(0.5, 0.01);
      expect(placement(ltr, alone).width).to.be.closeTo(1, 0.01);
      ltr.remove();
      const container = page('sv');
      container.dir = 'rtl';
      const rtl = await calendar(() => undefined, container);
      expect(placement(rtl, first).left).to.be.closeTo(0.5, 0.01);
      expect(placement(rtl, second).left).to.be.closeTo(0, 0.01);
      // Left and right still go to the day shown on that side: in right-to-left, left is the next day.
      const friday = await book({ date: '2026-11-27', time: '09:00', givenName: 'Fredag' });
      await until(() => $(rtl, `[data-id="${friday.id}"]`), 'Friday’s visit');
      $<HTMLButtonElement>(rtl, `[data-id="${second.id}"]`)!.focus();
      await sendKeys({ press: 'ArrowLeft' });
      expect(rtl.shadowRoot!.activeElement?.getAttribute('data-id')).to.equal(friday.id);
    });

    it('draws a line at the current time in today’s column, moved by its timer until the calendar is removed', async () => {
      let now = NOW; // 12:00 on Wednesday
      const el = await calendar((c) => {
        c.now = () => now;
        c.nowInterval = 20;
      });
      const line = (): HTMLElement | null => $(el, 'section.today .now');
      expect($$(el, '.now')).to.have.length(1);
      const track = box(line()!.closest('.track')!);
      const position = (): number => (box(line()!).top - track.top) / track.height;
      expect(position()).to.be.closeTo(4 / 9, 0.005);
      now = new Date('2026-11-25T14:30:00Z'); // 15:30
      await until(() => Math.abs(position() - 7.5 / 9) < 0.005, 'the line to move to 15:30');
      expect(el.clock.running).to.equal(true);
      el.remove();
      expect(el.clock.running).to.equal(false);
      document.body.append(el);
      expect(el.clock.running).to.equal(true);
    });

    it('draws no now-line outside the hours shown, nor in another week', async () => {
      const evening = await calendar((c) => (c.now = () => new Date('2026-11-25T19:00:00Z')));
      expect($$(evening, '.now')).to.deep.equal([]);
      evening.remove();
      const el = await calendar((c) => (c.date = '2026-12-02'));
      expect($$(el, '.now')).to.deep.equal([]);
    });

    it('fits a 360 px wide page: a week scrolls sideways inside the calendar, never the page', async () => {
      await book({ date: '2026-12-22', time: '14:00' });
      await book({ date: '2026-12-22', time: '14:15', givenName: 'Andra' });
      await setViewport({ width: 360, height: 800 });
      try {
        // Christmas week: its headings carry visually hidden text too, which must not spill out either.
        const el = await calendar((c) => (c.date = '2026-12-22'));
        const grid = $(el, '[part="grid"]')!;
        expect(grid.scrollWidth).to.be.above(grid.clientWidth);
        expect(el.getBoundingClientRect().right).to.be.at.most(360);
        expect(document.documentElement.scrollWidth).to.be.at.most(360);
      } finally {
        await setViewport({ width: 800, height: 600 });
      }
    });
  });

  describe('holidays', () => {
    it('names holidays and eves in the day headings, with the clinic closed or its half day', async () => {
      const el = await calendar((c) => (c.date = '2026-12-23'));
      expect(await axeViolations(el)).to.deep.equal([]);
      const headings = $$(el, 'section.day h3').map((h) => h.textContent.replace(/\s+/g, ' ').trim());
      expect(headings).to.deep.equal([
        'måndag 21 dec.', 'tisdag 22 dec.', 'onsdag 23 dec.', 'torsdag 24 dec. , julafton, öppet 08:00–12:00',
        'fredag 25 dec. , juldagen, stängt', 'lördag 26 dec. , annandag jul, stängt', 'söndag 27 dec.',
      ]);
      expect($$(el, 'section.day.holiday')).to.have.length(3);
      el.view = 'day';
      el.date = '2026-12-25';
      await el.whenLoaded();
      expect($(el, 'section.day h3')!.textContent).to.match(/juldagen, stängt/);
    });

    it('names the holiday in the list view too, where a visit falls on one', async () => {
      await storeVisit('2026-12-25', '10:00');
      await book({ date: '2026-12-07', time: '10:00' });
      const el = await calendar((c) => {
        c.view = 'agenda';
        c.date = '2026-12-01';
      });
      const headings = $$(el, 'section.day h3').map((h) => h.textContent.replace(/\s+/g, ' ').trim());
      expect(headings).to.deep.equal(['måndag 7 december', 'fredag 25 december , juldagen, stängt']);
      expect(await axeViolations(el)).to.deep.equal([]);
    });

    it('says so when a visit is moved to a day the clinic is closed for a holiday', async () => {
      const b = await book();
      const el = await calendar();
      const panel = await open(el, b);
      await click(panel, '✎');
      await fill(panel, 'date', '2026-12-25');
      await click(panel, 'Spara ändringar');
      expect($(panel, '#date-error')!.textContent).to.contain('Mottagningen har stängt på juldagen.');
      await fill(panel, 'date', '2026-12-24');
      await fill(panel, 'time', '12:30');
      await click(panel, 'Spara ändringar');
      expect($(panel, '#time-error')!.textContent).to.contain('På julafton har mottagningen öppet 08:00–12:00');
    });
  });

  it('has a day view and an agenda of the coming 30 days', async () => {
    await book({ time: '13:00' });
    await book({ date: '2026-12-14', givenName: 'Senare' });
    await book({ date: '2027-02-01', givenName: 'Långt bort' });
    const el = await calendar((c) => (c.view = 'day'));
    expect($(el, '#title')!.textContent).to.equal('onsdag 25 november 2026');
    expect($$(el, 'button.booking')).to.have.length(1);
    el.view = 'agenda';
    await until(() => $$(el, 'button.booking').length === 2, 'the agenda');
    expect($(el, '#title')!.textContent).to.equal('Besök från 25 november 2026');
    expect($$(el, 'section.day')).to.have.length(2);
  });

  it('is navigable by keyboard: arrows between visits, Enter opens, Escape closes and returns focus', async () => {
    const a = await book({ time: '13:00' });
    const b = await book({ time: '15:00', givenName: 'Andra' });
    const c = await book({ date: '2026-11-27', time: '09:00', givenName: 'Fredag' });
    const el = await calendar();
    $<HTMLButtonElement>(el, `[data-id="${a.id}"]`)!.focus();
    await sendKeys({ press: 'ArrowDown' });
    expect(el.shadowRoot!.activeElement?.getAttribute('data-id')).to.equal(b.id);
    await sendKeys({ press: 'ArrowRight' });
    expect(el.shadowRoot!.activeElement?.getAttribute('data-id')).to.equal(c.id);
    await sendKeys({ press: 'Enter' });
    const panel = await until(() => $<DhBooking>(el, 'dh-booking'), 'the panel');
    await until(() => $(panel, 'dl'), 'the details');
    expect($<HTMLDialogElement>(el, 'dialog')!.open).to.equal(true);
    await sendKeys({ press: 'Escape' });
    await until(() => !$<HTMLDialogElement>(el, 'dialog')!.open, 'the dialog to close');
    expect(el.shadowRoot!.activeElement?.getAttribute('data-id')).to.equal(c.id);
  });

  describe('an opened visit', () => {
    it('can be started from 15 minutes before until it ends, firing dh-start-visit', async () => {
      const b = await book({ time: '14:00' });
      let now = new Date('2026-11-25T12:44:00Z'); // 13:44 in Sweden
      const el = await calendar((c) => (c.now = () => now));
      const panel = await open(el, b);
      expect($<HTMLButtonElement>(panel, '[part~="start"]')!.disabled).to.equal(true);
      now = new Date('2026-11-25T12:45:00Z');
      panel.requestUpdate();
      await panel.updateComplete;
      const start = $<HTMLButtonElement>(panel, '[part~="start"]')!;
      expect(start.disabled).to.equal(false);
      const started = nextEvent(el, 'dh-start-visit');
      start.click();
      expect((await started).detail.bookingId).to.equal(b.id);
    });

    it('sends the update SMS to participant and interpreter when the time is edited', async () => {
      const interpreterMobile = uniqueMobile();
      const b = await book({ interpreter: true, interpreterLanguage: 'ti', interpreterMobile, interpreterEmail: 'tolk@tolk.se' });
      const el = await calendar();
      const panel = await open(el, b);
      await click(panel, '✎');
      await fill(panel, 'date', '2026-11-27');
      await fill(panel, 'time', '10:30');
      await click(panel, 'Spara ändringar');
      await until(() => $(panel, '.status.good'), 'the saved message');
      expect($(panel, '.status.good')!.textContent).to.match(/sparad och deltagaren har fått sms/);
      const updates = (await smsTo(b.participant.mobile)).filter((m) => m.kind === 'update');
      expect(updates).to.have.length(1);
      expect(updates[0]!.text).to.contain('ändrat till fredag 27 november 2026 kl. 10:30-11:15');
      expect((await smsTo(interpreterMobile)).map((m) => m.kind)).to.deep.equal(['interpreter-invite', 'interpreter-code', 'update']);
      await until(() => $$(el, 'section.day')[4]!.querySelector(`[data-id="${b.id}"]`), 'the visit to move to Friday');
    });

    it('shows edit errors next to the fields', async () => {
      const b = await book();
      const el = await calendar();
      const panel = await open(el, b);
      await click(panel, '✎');
      await fill(panel, 'date', '2026-11-24');
      await fill(panel, 'reason', '');
      await click(panel, 'Spara ändringar');
      expect($(panel, '#date-error')!.textContent).to.match(/passerat/);
      expect($(panel, '#reason-error')!.textContent).to.match(/Ange ärende/);
      expect(panel.shadowRoot!.activeElement?.getAttribute('name')).to.equal('date');
      expect((await smsTo(b.participant.mobile)).filter((m) => m.kind === 'update')).to.deep.equal([]);
    });

    it('cancels after confirmation, sends the cancellation SMS and strikes the visit through', async () => {
      const b = await book();
      const el = await calendar();
      const panel = await open(el, b);
      await click(panel, '⋯');
      await click(panel, 'Avboka');
      expect($(panel, '[role="alertdialog"]')!.textContent).to.match(/Vill du avboka/);
      expect((await smsTo(b.participant.mobile)).filter((m) => m.kind === 'cancel')).to.deep.equal([]);
      await click(panel, 'Ja, avboka besöket');
      await until(() => $(panel, '.status.good'), 'the cancelled message');
      const cancel = (await smsTo(b.participant.mobile)).filter((m) => m.kind === 'cancel');
      expect(cancel).to.have.length(1);
      expect(cancel[0]!.text).to.contain('är avbokat');
      await until(() => $(el, `button.booking.cancelled[data-id="${b.id}"]`), 'the struck-through visit');
    });

    it('resends the invitation', async () => {
      const b = await book();
      const el = await calendar();
      const panel = await open(el, b);
      await click(panel, '⋯');
      await click(panel, 'Skicka inbjudan igen');
      await until(() => $(panel, '.status.good'), 'the resent message');
      expect((await smsTo(b.participant.mobile)).map((m) => m.kind)).to.deep.equal(['invite', 'invite']);
    });

    it('gives the EHR note to copy, with a visible confirmation', async () => {
      const b = await book({ interpreter: true, interpreterLanguage: 'so', interpreterMobile: '0734567890', interpreterEmail: 'tolk@tolk.se' });
      const el = await calendar();
      const panel = await open(el, b);
      await click(panel, '⋯');
      await click(panel, 'Kopiera journalanteckning');
      const note = await until(() => $<HTMLTextAreaElement>(panel, 'textarea'), 'the note');
      expect(note.value).to.equal([
        'Distanskontakt via videolänk', 'Datum: 2026-11-25', 'Tid: 14:00–14:45 (45 min)', 'Mottagning: Vårdcentralen Gagnef',
        'Ärende: Hälsosamtal 50 år', 'Tolk: ja, somaliska (via videolänk)', 'Betalning: faktura',
      ].join('\n'));
      const status = await until(() => $(panel, '[role="status"]'), 'the confirmation');
      // Headless Chromium may deny the clipboard to a page without focus; either way the nurse is told.
      expect(status.textContent).to.match(/Journalanteckningen är kopierad|Markera texten och kopiera/);
    });

    it('downloads the visit as an .ics file in Swedish time', async () => {
      const b = await book({ time: '14:00' });
      const el = await calendar();
      const panel = await open(el, b);
      const file = new Promise<{ name: string; text: string }>((resolve) => {
        panel.shadowRoot!.addEventListener('click', (e) => {
          const a = e.target;
          if (a instanceof HTMLAnchorElement && a.download) {
            e.preventDefault(); // no real download in the test browser
            void fetch(a.href).then(async (r) => {
              resolve({ name: a.download, text: await r.text() });
            });
          }
        }, { capture: true });
      });
      await click(panel, '⋯');
      await click(panel, 'Ladda ner till kalender (.ics)');
      const { name, text } = await file;
      expect(name).to.match(/\.ics$/);
      expect(text).to.contain('DTSTART;TZID=Europe/Stockholm:20261125T140000');
      expect(text).to.contain('SUMMARY:Videobesök: Tolvan Tolvansson');
    });

    it('refuses a stale edit made after another tab changed the visit, and offers a reload', async () => {
      const b = await book();
      const el = await calendar();
      const panel = await open(el, b);
      await click(panel, '✎');
      await fill(panel, 'reason', 'Min ändring');
      // Another tab changes the same booking meanwhile.
      const services = await getServices();
      await services.store.bookings.update({ ...(await services.store.bookings.get(b.id))!, reason: 'Ändrad i annan flik' });
      await click(panel, 'Spara ändringar');
      const alert = await until(() => $(panel, '[role="alert"]'), 'the stale message');
      expect(alert.textContent).to.match(/ändrats i en annan flik/);
      expect((await services.store.bookings.get(b.id))!.reason).to.equal('Ändrad i annan flik');
      await click(panel, 'Ladda om bokningen');
      await until(() => $(panel, 'dl')?.textContent.includes('Ändrad i annan flik'), 'the reloaded booking');
    });

    it('shows hostile text inertly', async () => {
      const b = await book({ givenName: 'Tolvan' });
      const services = await getServices();
      await services.store.bookings.update({ ...b, reason: '<img src=x onerror="window.__pwned=1">' });
      const el = await calendar();
      const panel = await open(el, b);
      expect($$(panel, 'img')).to.have.length(0);
      expect($(panel, 'dl')!.textContent).to.contain('<img src=x onerror="window.__pwned=1">');
      expect((window as unknown as { __pwned?: number }).__pwned).to.equal(undefined);
    });
  });
});
