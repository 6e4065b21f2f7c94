import { expect } from 'chai';
import { afterEach, before, beforeEach, describe, it } from 'node:test';
import { sendKeys } from '@web/test-runner-commands';
import { deleteDB } from 'idb';
import { emptyDraft, validateInvite, type Clinic } from '../../core/index.js';
import { $, $$, axeViolations, click, fill, mount, focusedElement, nextEvent, page, typeDate, until } from '../../testing/dom.js';
import { demoUrl, uniqueDbName } from '../../testing/env.js';
import { configure, getServices, resetServices } from '../shared/services.js';
import './define.js';
import type { DhInvite } from './invite.element.js';

const NOW = new Date('2026-11-25T11:00:00Z'); // Wednesday, noon in Sweden
const CLINICS: Clinic[] = [
  { id: 'gagnef', name: 'Vårdcentralen Gagnef', phone: '0241-123 45' },
  { id: 'leksand', name: 'Vårdcentralen Leksand' },
];
let base = '';
let dbName = '';

interface Relayed { to: string; text: string; kind: string }
const outbox = async (): Promise<Relayed[]> => (await (await fetch(`${base}/outbox.json`)).json()) as Relayed[];
/** Makes the relay fail the next messages to one number only (other test files share the relay). */
const outage = (to: string, failNext: number, status = 503): Promise<Response> =>
  fetch(`${base}/api/demo/sms-outage`, { method: 'POST', headers: { 'Content-Type': 'application/json' }, body: JSON.stringify({ failNext, status, to }) });

async function invite(parent?: Element): Promise<DhInvite> {
  const el = await mount('dh-invite', (e) => {
    e.now = () => NOW;
  }, parent);
  await until(() => $(el, 'form'), 'the wizard');
  return el;
}

/** A unique Swedish test mobile, so that a test finds its own SMS in the shared outbox. */
const uniqueMobile = (): string => `070${String(Math.floor(Math.random() * 1e7)).padStart(7, '0')}`;
const e164 = (national: string): string => `+46${national.slice(1)}`;

/** Fills in every step from wherever the wizard is, up to the summary. */
async function fillToSummary(el: DhInvite, mobile: string, over: Record<string, string | boolean> = {}, next = 'Nästa'): Promise<void> {
  const values: Record<string, string | boolean> = {
    clinic: 'gagnef', personnummer: '19121212-1212', givenName: 'Tolvan', familyName: 'Tolvansson', mobile, email: '',
    reason: 'Hälsosamtal 50 år', date: '2026-11-30', time: '14:30', duration: '45', language: 'sv', interpreter: false,
    interpreterLanguage: '', interpreterMobile: '', interpreterEmail: '', ...over,
  };
  const steps = [['clinic'], ['personnummer', 'givenName', 'familyName', 'mobile', 'email'], ['reason', 'date', 'time', 'duration', 'language'], ['interpreter']];
  for (const fields of steps) {
    if (!$(el, `[name="${fields[0]!}"]`)) continue;
    for (const f of fields) await fill(el, f, values[f]!);
    if (fields[0] === 'interpreter' && values.interpreter) {
      for (const f of ['interpreterLanguage', 'interpreterMobile', 'interpreterEmail']) await fill(el, f, values[f]!);
    }
    await click(el, next);
  }
  await until(() => $(el, '#confirm'), 'the summary');
}

before(async () => {
  base = await demoUrl();
});
beforeEach(() => {
  dbName = uniqueDbName('invite');
  configure({ dbName, relayUrl: `${base}/api/sms`, clinics: CLINICS, patientUrl: 'https://patient.example.se/besok', guestUrl: 'https://patient.example.se/tolk' });
});
afterEach(async () => {
  document.body.replaceChildren();
  await resetServices();
  await deleteDB(dbName);
});

describe('dh-invite', () => {
  it('has no axe violations on any step, errors shown or not', async () => {
    const el = await invite();
    const mobile = uniqueMobile();
    expect(await axeViolations(el)).to.deep.equal([]);
    await click(el, 'Nästa'); // clinic missing: error shown
    expect(await axeViolations(el)).to.deep.equal([]);
    await fill(el, 'clinic', 'gagnef');
    await click(el, 'Nästa');
    await click(el, 'Nästa'); // participant errors
    expect(await axeViolations(el)).to.deep.equal([]);
    await fillToSummary(el, mobile, { interpreter: true, interpreterLanguage: 'ar', interpreterMobile: '073-456 78 90', interpreterEmail: 'tolk@tolk.se' });
    expect(await axeViolations(el)).to.deep.equal([]);
    await click(el, 'Skicka inbjudan'); // unconfirmed: error
    expect(await axeViolations(el)).to.deep.equal([]);
  });

  describe('when fields are wrong', () => {
    it('shows each error next to its field, announced, with focus on the first', async () => {
      const el = await invite();
      await fill(el, 'clinic', 'gagnef');
      await click(el, 'Nästa');
      await fill(el, 'personnummer', '19121212-1213');
      await fill(el, 'mobile', '08-123 456 78');
      await fill(el, 'email', 'tolvan@');
      await click(el, 'Nästa');
      const expected: Record<string, RegExp> = {
        personnummer: /Kontrollsiffran/, givenName: /Ange förnamn/, familyName: /Ange efternamn/, mobile: /fast telefon/, email: /E-postadressen/,
      };
      for (const [name, message] of Object.entries(expected)) {
        const input = $<HTMLInputElement>(el, `[name="${name}"]`)!;
        expect(input.getAttribute('aria-invalid'), name).to.equal('true');
        const describedBy = input.getAttribute('aria-describedby')!.split(' ');
        const error = describedBy.map((id) => $(el, `#${id}`)).find((n) => n?.classList.contains('error'));
        expect(error?.textContent, name).to.match(message);
      }
      expect(el.shadowRoot!.activeElement?.getAttribute('name')).to.equal('personnummer');
    });

    it('validates the personnummer as it is typed, once it is complete', async () => {
      const el = await invite();
      await fill(el, 'clinic', 'gagnef');
      await click(el, 'Nästa');
      await fill(el, 'personnummer', '1912121');
      expect($(el, '#personnummer-error')).to.equal(null);
      await fill(el, 'personnummer', '19121312-1212');
      await until(() => $(el, '#personnummer-error'), 'the error');
      expect($(el, '#personnummer-error')!.textContent).to.match(/datum som inte finns/);
    });

    it('refuses a date in the past, a closed day and a time outside opening hours', async () => {
      const el = await invite();
      await fillToSummary(el, uniqueMobile());
      // Step back to the visit and try bad times.
      await click(el, 'Tillbaka');
      await click(el, 'Tillbaka');
      // A date typed only in part: the native field holds no value, and says it is incomplete.
      await fill(el, 'date', '');
      $<HTMLInputElement>(el, '[name="date"]')!.focus();
      await sendKeys({ type: '3' });
      await click(el, 'Nästa');
      expect($(el, '#date-error')?.textContent).to.match(/ÅÅÅÅ-MM-DD/);
      for (const [date, time, field, message] of [
        ['2026-11-30', 'halv tre', 'time', /TT:MM/],
        ['', '10:00', 'date', /Ange datum/],
        ['2026-11-24', '10:00', 'date', /passerat/],
        ['2026-11-29', '10:00', 'date', /stängt/],
        ['2026-11-30', '16:45', 'time', /08:00–17:00/],
        ['2026-11-25', '11:00', 'time', /passerat/],
      ] as const) {
        await fill(el, 'date', date);
        await fill(el, 'time', time);
        await click(el, 'Nästa');
        expect($(el, `#${field}-error`)?.textContent, `${date} ${time}`).to.match(message);
      }
      await fill(el, 'duration', '5');
      await fill(el, 'time', '10:00');
      await fill(el, 'date', '2026-11-30');
      await fill(el, 'reason', '');
      await click(el, 'Nästa');
      expect($(el, '#duration-error')?.textContent).to.match(/mellan 15 och 120/);
      expect($(el, '#reason-error')?.textContent).to.match(/Ange ärende/);
    });

    it('requires language, mobile and e-mail for a requested interpreter', async () => {
      const el = await invite();
      await fillToSummary(el, uniqueMobile());
      await click(el, 'Tillbaka');
      await fill(el, 'interpreter', true);
      await fill(el, 'interpreterMobile', '+47 412 34 567');
      await click(el, 'Nästa');
      expect($(el, '#interpreterLanguage-error')?.textContent).to.match(/tolkspråk/);
      expect($(el, '#interpreterMobile-error')?.textContent).to.match(/inte svenskt/);
      expect($(el, '#interpreterEmail-error')?.textContent).to.match(/Ange e-postadress/);
    });
  });

  it('offers the day\'s free start times within opening hours, with today and the day\'s hours beside the date', async () => {
    const services = await getServices();
    const taken = validateInvite({
      ...emptyDraft(), clinic: 'gagnef', personnummer: '19121212-1212', givenName: 'Tolvan', familyName: 'Tolvansson',
      mobile: '+46701234567', reason: 'Hälsosamtal', date: '2026-11-30', time: '10:00', duration: 45,
    }, NOW, { clinics: CLINICS });
    if (!taken.ok) throw new Error('bad test booking');
    await services.book(taken.value, NOW);
    const el = await invite();
    await fillToSummary(el, uniqueMobile());
    await click(el, 'Tillbaka');
    await click(el, 'Tillbaka');
    const date = $<HTMLInputElement>(el, '[name="date"]')!;
    expect([date.type, date.min]).to.deep.equal(['date', '2026-11-25']);
    expect($(el, '#date-hint')!.textContent).to.equal('I dag är det onsdag 25 november 2026. måndag 30 november 2026: öppet 08:00–17:00');
    await fill(el, 'duration', '30');
    const times = await until(() => {
      const options = $$(el, '#time-options option').map((o) => (o as HTMLOptionElement).value);
      return options.length > 0 && !options.includes('10:15') ? options : undefined;
    }, 'the free times for 30 minutes');
    expect($<HTMLInputElement>(el, '[name="time"]')!.getAttribute('list')).to.equal('time-options');
    // 08:00–17:00 by quarters, 30 minutes long: 08:00 … 16:30, less those overlapping 10:00–10:45.
    expect(times[0]).to.equal('08:00');
    expect(times.at(-1)).to.equal('16:30');
    expect(times.filter((t) => t >= '09:30' && t <= '11:00')).to.deep.equal(['09:30', '10:45', '11:00']);
    expect($(el, '#time-hint')!.textContent).to.contain(`Listan har dagens ${times.length} lediga tider.`);
    await fill(el, 'date', '2026-11-29'); // a Sunday
    await until(() => $(el, '#date-hint')?.textContent.includes('söndag 29 november 2026: stängt'), 'the closed day');
    await until(() => $(el, '#time-options') === null, 'no times on a closed day');
  });

  it('fills in a participant seen in the last 30 days, marked and editable', async () => {
    const services = await getServices();
    await services.store.participants.remember(
      { personnummer: '19121212-1212', givenName: 'Tolvan', familyName: 'Tolvansson', mobile: '+46701234567', email: 'tolvan@exempel.se' },
      new Date(NOW.getTime() - 10 * 86_400_000),
    );
    const el = await invite();
    await fill(el, 'clinic', 'gagnef');
    await click(el, 'Nästa');
    const lookedUp = nextEvent(el, 'dh-participant-lookup');
    await fill(el, 'personnummer', '191212121212');
    expect((await lookedUp).detail.filled).to.equal(true);
    await until(() => $(el, '.cache'), 'the cache note');
    expect($(el, '.cache')!.textContent).to.match(/hämtat från tidigare besök/i);
    expect($<HTMLInputElement>(el, '[name="givenName"]')!.value).to.equal('Tolvan');
    expect($<HTMLInputElement>(el, '[name="mobile"]')!.value).to.equal('+46701234567');
    expect($<HTMLInputElement>(el, '[name="email"]')!.value).to.equal('tolvan@exempel.se');
    await fill(el, 'givenName', 'Tolvina');
    expect($<HTMLInputElement>(el, '[name="givenName"]')!.value).to.equal('Tolvina');
  });

  it('does not fill in a participant last seen more than 30 days ago', async () => {
    const services = await getServices();
    await services.store.participants.remember(
      { personnummer: '19121212-1212', givenName: 'Tolvan', familyName: 'Tolvansson', mobile: '+46701234567' },
      new Date(NOW.getTime() - 31 * 86_400_000),
    );
    const el = await invite();
    await fill(el, 'clinic', 'gagnef');
    await click(el, 'Nästa');
    const lookedUp = nextEvent(el, 'dh-participant-lookup');
    await fill(el, 'personnummer', '19121212-1212');
    // The look-up has finished when the event comes: only then does "nothing filled in" mean anything.
    expect((await lookedUp).detail.filled).to.equal(false);
    await el.updateComplete;
    expect($(el, '.cache')).to.equal(null);
    expect($<HTMLInputElement>(el, '[name="givenName"]')!.value).to.equal('');
  });

  describe('on the summary', () => {
    it('shows every field and the mobile number large, and requires the mobile check', async () => {
      const el = await invite();
      const mobile = uniqueMobile();
      await fillToSummary(el, mobile, { interpreter: true, interpreterLanguage: 'so', interpreterMobile: '073-456 78 90', interpreterEmail: 'tolk@tolk.se' });
      expect($(el, '[part="mobile"]')!.textContent).to.equal(`${mobile.slice(0, 3)}-${mobile.slice(3, 6)} ${mobile.slice(6, 8)} ${mobile.slice(8)}`);
      const summary = $(el, 'dl.summary')!.textContent.replace(/\s+/g, ' ');
      for (const text of ['Vårdcentralen Gagnef', '19121212-1212', 'Tolvan', 'Tolvansson', 'Hälsosamtal 50 år', 'måndag 30 november 2026', '14:30', '45 min', 'Svenska', 'somaliska', '073-456 78 90', 'tolk@tolk.se']) {
        expect(summary).to.contain(text);
      }
      const sent: Event[] = [];
      el.addEventListener('dh-invite-sent', (e) => sent.push(e));
      await click(el, 'Skicka inbjudan');
      expect($(el, '#confirm-error')!.textContent).to.match(/Bekräfta/);
      expect(el.shadowRoot!.activeElement?.id).to.equal('confirm');
      expect(sent).to.have.length(0);
    });

    it('sends: stores the booking, relays the SMS and fires dh-invite-sent with the booking id', async () => {
      const el = await invite();
      const mobile = uniqueMobile();
      await fillToSummary(el, mobile, { interpreter: true, interpreterLanguage: 'ar', interpreterMobile: '073-456 78 90', interpreterEmail: 'tolk@tolk.se' });
      await fill(el, 'confirm', true);
      const before = nextEvent(el, 'dh-before-invite-send');
      const sent = nextEvent(el, 'dh-invite-sent');
      await click(el, 'Skicka inbjudan');
      expect((await before).cancelable).to.equal(true);
      const { detail } = await sent;
      expect(detail.smsSent).to.equal(true);
      const booking = await (await getServices()).store.bookings.get(detail.bookingId);
      expect(booking?.participant.mobile).to.equal(e164(mobile));
      const relayed = (await outbox()).filter((m) => m.to === e164(mobile));
      expect(relayed.map((m) => m.kind)).to.deep.equal(['invite']);
      expect(relayed[0]!.text).to.contain(`https://patient.example.se/besok#${booking!.token}`);
      expect(relayed[0]!.text).not.to.contain('Tolvansson');
      const interpreter = (await outbox()).filter((m) => m.text.includes(booking!.interpreter!.token) || m.text.includes(booking!.interpreter!.code));
      expect(interpreter.map((m) => m.kind)).to.deep.equal(['interpreter-invite', 'interpreter-code']);
      expect($(el, 'h2')!.textContent).to.match(/Inbjudan är skickad/);
    });

    it('offers the invitation in every patient language; the patient\'s SMS is written in it, the interpreter\'s in Swedish', async () => {
      const el = await invite();
      const mobile = uniqueMobile();
      const interpreterMobile = uniqueMobile().replace(/^070/, '073');
      await fillToSummary(el, mobile, { language: 'ti', interpreter: true, interpreterLanguage: 'ti', interpreterMobile, interpreterEmail: 'tolk@tolk.se' });
      expect($(el, 'dl.summary')!.textContent).to.contain('Tigrinska');
      await click(el, 'Tillbaka');
      await click(el, 'Tillbaka');
      const select = await until(() => $<HTMLSelectElement>(el, 'select[name="language"]'), 'the language of the invitation');
      expect([...select.options].filter((o) => o.value).map((o) => [o.value, o.textContent.trim()])).to.deep.equal([
        ['sv', 'Svenska'], ['en', 'Engelska'], ['ar', 'Arabiska'], ['fa', 'Persiska'], ['fi', 'Finska'], ['so', 'Somaliska'], ['ti', 'Tigrinska'],
      ]);
      expect(select.value).to.equal('ti');
      await fillToSummary(el, mobile, { language: 'ti', interpreter: true, interpreterLanguage: 'ti', interpreterMobile, interpreterEmail: 'tolk@tolk.se' });
      await fill(el, 'confirm', true);
      const sent = nextEvent(el, 'dh-invite-sent');
      await click(el, 'Skicka inbjudan');
      expect((await sent).detail.smsSent).to.equal(true);
      const [patient] = (await outbox()).filter((m) => m.to === e164(mobile));
      expect(patient!.text).to.contain('ናይ ቪድዮ ቆጸራ ምስ Vårdcentralen Gagnef ሰኑይ፣ 30 ሕዳር 2026 ሰዓት 14:30-15:15።');
      const interpreter = (await outbox()).filter((m) => m.to === e164(interpreterMobile));
      expect(interpreter.map((m) => m.kind)).to.deep.equal(['interpreter-invite', 'interpreter-code']);
      expect(interpreter[0]!.text).to.contain('Hej! Du är bokad som tolk (tigrinja)');
    });

    it('lets a host page veto the send: nothing stored, nothing sent', async () => {
      const el = await invite();
      const mobile = uniqueMobile();
      await fillToSummary(el, mobile);
      await fill(el, 'confirm', true);
      el.addEventListener('dh-before-invite-send', (e) => {
        e.preventDefault();
      });
      await click(el, 'Skicka inbjudan');
      await until(() => $(el, '.status'), 'the veto message');
      expect((await outbox()).filter((m) => m.to === e164(mobile))).to.deep.equal([]);
      const services = await getServices();
      expect(await services.store.bookings.list({ clinicId: 'gagnef', from: new Date(0), to: new Date('2100-01-01') })).to.deep.equal([]);
    });

    it('keeps the booking and offers a retry when the relay is down; the retry delivers', async () => {
      const mobile = uniqueMobile();
      await outage(e164(mobile), 100);
      const el = await invite();
      await fillToSummary(el, mobile);
      await fill(el, 'confirm', true);
      const sent = nextEvent(el, 'dh-invite-sent');
      await click(el, 'Skicka inbjudan');
      const { detail } = await sent;
      expect(detail.smsSent).to.equal(false);
      await until(() => $(el, '[role="alert"]'), 'the failure');
      expect($(el, '[role="alert"]')!.textContent).to.match(/skickas automatiskt/);
      expect(await (await getServices()).store.bookings.get(detail.bookingId)).not.to.equal(undefined);
      await outage(e164(mobile), 0);
      await click(el, 'Försök skicka igen');
      await until(() => $(el, '.status.good'), 'the success');
      expect((await outbox()).filter((m) => m.to === e164(mobile))).to.have.length(1);
    });
  });

  it('keeps a half-filled draft across a page reload', async () => {
    const el = await invite();
    await fill(el, 'clinic', 'leksand');
    await click(el, 'Nästa');
    await fill(el, 'personnummer', '19121212-1212');
    await fill(el, 'givenName', 'Tolvan');
    const services = await getServices();
    // Each keystroke is saved as it happens; wait for the last one to land, as a reload would find it.
    await until(async () => (await services.store.drafts.get<{ draft: { givenName: string } }>('invite'))?.draft.givenName === 'Tolvan', 'the saved draft');
    el.remove();
    await resetServices();
    configure({ dbName, relayUrl: `${base}/api/sms`, clinics: CLINICS });
    const again = await invite();
    await until(() => $(again, '[name="givenName"]'), 'the participant step');
    expect($<HTMLInputElement>(again, '[name="givenName"]')!.value).to.equal('Tolvan');
    expect($<HTMLInputElement>(again, '[name="personnummer"]')!.value).to.equal('19121212-1212');
  });

  it('shows hostile text inertly', async () => {
    const el = await invite();
    const hostile = '<img src=x onerror="window.__pwned=1">';
    await fillToSummary(el, uniqueMobile(), { reason: hostile });
    expect($$(el, 'img')).to.have.length(0);
    expect($(el, 'dl.summary')!.textContent).to.contain(hostile);
    expect((window as unknown as { __pwned?: number }).__pwned).to.equal(undefined);
  });

  it('can be filled in and sent by keyboard alone', async () => {
    const el = await invite();
    const mobile = uniqueMobile();
    const sent = nextEvent(el, 'dh-invite-sent');
    $<HTMLSelectElement>(el, '[name="clinic"]')!.focus();
    await sendKeys({ press: 'ArrowDown' }); // "Vårdcentralen Gagnef"
    await sendKeys({ press: 'Tab' }); // to "Nästa"
    await sendKeys({ press: 'Enter' });
    await until(() => $(el, '[name="personnummer"]'), 'participant step');
    $<HTMLInputElement>(el, '[name="personnummer"]')!.focus();
    await sendKeys({ type: '19121212-1212' });
    for (const text of ['Tolvan', 'Tolvansson', mobile]) {
      await sendKeys({ press: 'Tab' });
      await sendKeys({ type: text });
    }
    await sendKeys({ press: 'Enter' });
    await until(() => $(el, '[name="reason"]'), 'visit step');
    $<HTMLInputElement>(el, '[name="reason"]')!.focus();
    await sendKeys({ type: 'Hälsosamtal' });
    await sendKeys({ press: 'Tab' });
    await typeDate('2026-11-30');
    // The date field's parts are Tab stops of their own (each shown by its highlighted part).
    for (let i = 0; i < 5 && focusedElement()?.getAttribute('name') !== 'time'; i++) await sendKeys({ press: 'Tab' });
    await sendKeys({ type: '1430' }); // as nurses used to type it
    await sendKeys({ press: 'Enter' });
    await until(() => $(el, '[name="interpreter"]'), 'interpreter step');
    $<HTMLInputElement>(el, '[name="interpreter"]')!.focus();
    await sendKeys({ press: 'Enter' });
    await until(() => $(el, '#confirm'), 'summary');
    $<HTMLInputElement>(el, '#confirm')!.focus();
    await sendKeys({ press: 'Space' });
    await sendKeys({ press: 'Enter' });
    const { detail } = await sent;
    expect((await outbox()).filter((m) => m.to === e164(mobile))).to.have.length(1);
    expect((await (await getServices()).store.bookings.get(detail.bookingId))?.start).to.equal('2026-11-30T13:30:00.000Z');
  });

  describe('on an English page (lang="en" on an ancestor)', () => {
    /** The text of a field's error, found as a screen reader finds it: through aria-describedby. */
    const errorOf = (el: DhInvite, name: string): string | undefined => {
      const input = $(el, `[name="${name}"]`);
      expect(input?.getAttribute('aria-invalid'), name).to.equal('true');
      const ids = input?.getAttribute('aria-describedby')?.split(' ') ?? [];
      return ids.map((id) => $(el, `#${id}`)).find((n) => n?.classList.contains('error'))?.textContent;
    };

    it('words a wrong personnummer and a landline in English', async () => {
      const el = await invite(page('en'));
      await fill(el, 'clinic', 'gagnef');
      await click(el, 'Next');
      // As it is typed, once complete: a date that does not exist.
      await fill(el, 'personnummer', '19121312-1212');
      await until(() => $(el, '#personnummer-error'), 'the error as typed');
      expect($(el, '#personnummer-error')!.textContent).to.equal('The personal identity number contains a date that does not exist. Check the date of birth.');
      await fill(el, 'personnummer', '19121212-1213');
      await fill(el, 'givenName', 'Tolvan');
      await fill(el, 'familyName', 'Tolvansson');
      await fill(el, 'mobile', '08-123 456 78');
      await click(el, 'Next');
      expect(errorOf(el, 'personnummer')).to.equal('The check digit does not match. A digit is probably mistyped.');
      expect(errorOf(el, 'mobile')).to.equal('The number looks like a landline. The invitation is sent by text message, so enter a mobile number (07…).');
      expect(el.shadowRoot!.textContent).to.not.match(/Kontrollsiffran|fast telefon/);
    });

    it('words a date in the past and opening hours in English, with the hours filled in', async () => {
      const el = await invite(page('en'));
      await fillToSummary(el, uniqueMobile(), {}, 'Next');
      await click(el, 'Back');
      await click(el, 'Back');
      await fill(el, 'date', '2026-11-24');
      await click(el, 'Next');
      expect(errorOf(el, 'date')).to.equal('The date has passed. Choose today or a later date.');
      await fill(el, 'date', '2026-11-30');
      await fill(el, 'time', '16:45');
      await click(el, 'Next');
      expect(errorOf(el, 'time')).to.equal('The visit must be within the clinic’s opening hours, 08:00–17:00.');
    });

    it('words an SMS the relay refused in English, with the relay\'s own reason as it is', async () => {
      const mobile = uniqueMobile();
      await outage(e164(mobile), 1, 400);
      const el = await invite(page('en'));
      await fillToSummary(el, mobile, {}, 'Next');
      await fill(el, 'confirm', true);
      const sent = nextEvent(el, 'dh-invite-sent');
      await click(el, 'Send invitation');
      expect((await sent).detail.smsSent).to.equal(false);
      const alert = await until(() => $(el, '[role="alert"]'), 'the failure');
      expect(alert.textContent.trim()).to.equal(
        'The visit is saved, but the SMS service did not accept the message: Sms-leverantören svarar inte (simulerad driftstörning).',
      );
      expect($(el, 'h2')!.textContent).to.equal('The visit is saved, but the text message has not been sent.');
    });
  });
});
