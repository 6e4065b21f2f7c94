import { expect } from 'chai';
import { afterEach, before, beforeEach, describe, it } from 'node:test';
import { deleteDB } from 'idb';
import { emptyDraft, validateInvite, type Booking, type Clinic } from '../../core/index.js';
import { $, $$, axeViolations, click, fill, mount, nextEvent, until } from '../../testing/dom.js';
import { demoUrl, uniqueDbName } from '../../testing/env.js';
import '../calendar/define.js';
import type { DhCalendar } from '../calendar/calendar.element.js';
import '../invite/define.js';
import { configure, getServices, resetServices } from '../shared/services.js';
import type { DhClinicPicker } from './clinic-picker.element.js';
import './define.js';

const NOW = new Date('2026-11-25T11:00:00Z'); // Wednesday, noon in Sweden
const CLINICS: Clinic[] = [{ id: 'gagnef', name: 'Vårdcentralen Gagnef' }, { id: 'leksand', name: 'Vårdcentralen Leksand' }];
let base = '';
let dbName = '';

async function book(clinic: string, givenName: string): Promise<Booking> {
  const r = validateInvite({
    ...emptyDraft(), clinic, personnummer: '19121212-1212', givenName, familyName: 'Tolvansson',
    mobile: '+46701234567', reason: 'Hälsosamtal 50 år', date: '2026-11-26', time: '10:00',
  }, NOW, { clinics: CLINICS });
  if (!r.ok) throw new Error(JSON.stringify(r.errors));
  return (await (await getServices()).book(r.value, NOW)).booking;
}

async function picker(): Promise<DhClinicPicker> {
  const el = await mount('dh-clinic-picker');
  await el.whenReady();
  return el;
}

async function calendar(pin = ''): Promise<DhCalendar> {
  const el = await mount('dh-calendar', (c) => {
    if (pin) c.clinic = pin;
    c.now = () => NOW;
  });
  await el.whenLoaded();
  return el;
}

const names = (el: DhCalendar): string[] => $$(el, 'button.booking').map((b) => b.textContent.replace(/\s+/g, ' ').trim());

before(async () => {
  base = await demoUrl();
});
beforeEach(() => {
  dbName = uniqueDbName('clinic-picker');
  configure({ dbName, relayUrl: `${base}/api/sms`, clinics: CLINICS });
});
afterEach(async () => {
  document.body.replaceChildren();
  await resetServices();
  await deleteDB(dbName);
});

describe('dh-clinic-picker', () => {
  it('has no axe violations, before and after a choice', async () => {
    const el = await picker();
    expect(await axeViolations(el)).to.deep.equal([]);
    await fill(el, 'clinic', 'leksand');
    expect(await axeViolations(el)).to.deep.equal([]);
  });

  it('lists the configured clinics, none chosen at first', async () => {
    const el = await picker();
    const select = $<HTMLSelectElement>(el, 'select')!;
    expect([...select.options].map((o) => o.textContent.trim())).to.deep.equal(['Välj…', 'Vårdcentralen Gagnef', 'Vårdcentralen Leksand']);
    expect(select.value).to.equal('');
  });

  describe('when the nurse chooses a clinic', () => {
    it('fires dh-clinic-change, and the calendar and the invitation follow at once', async () => {
      await book('gagnef', 'Greta');
      await book('leksand', 'Lars');
      const el = await picker();
      const cal = await calendar();
      const invite = await mount('dh-invite', (e) => {
        e.now = () => NOW;
      });
      await until(() => $(invite, '[name="clinic"]'), 'the invitation');
      cal.date = '2026-11-26';
      await cal.whenLoaded();
      expect(names(cal)).to.deep.equal([]);

      const changed = nextEvent(window, 'dh-clinic-change');
      await fill(el, 'clinic', 'leksand');
      expect((await changed).detail.clinicId).to.equal('leksand');
      await until(() => names(cal).length === 1, 'the calendar of Leksand');
      expect(names(cal)[0]).to.match(/Lars Tolvansson/);
      await until(() => $<HTMLSelectElement>(invite, '[name="clinic"]')?.value === 'leksand', 'the invitation at Leksand');

      await fill(el, 'clinic', 'gagnef');
      await until(() => names(cal)[0]?.includes('Greta'), 'the calendar of Gagnef');
      expect(names(cal)).to.have.length(1);
    });

    it('is remembered: the next page starts at that clinic, the invitation at the participant', async () => {
      await fill(await picker(), 'clinic', 'leksand');
      document.body.replaceChildren();
      await resetServices();
      configure({ dbName, relayUrl: `${base}/api/sms`, clinics: CLINICS });
      const again = await picker();
      expect($<HTMLSelectElement>(again, 'select')!.value).to.equal('leksand');
      const invite = await mount('dh-invite', (e) => {
        e.now = () => NOW;
      });
      await until(() => $(invite, '[name="personnummer"]'), 'the participant step');
      expect($(invite, '.clinic')!.textContent).to.equal('Mottagning: Vårdcentralen Leksand');
      // Back to the first step, she can change it there too.
      await click(invite, 'Tillbaka');
      expect($<HTMLSelectElement>(invite, '[name="clinic"]')!.value).to.equal('leksand');
    });

    it('moves when she chooses in the invitation\'s first step', async () => {
      const el = await picker();
      const invite = await mount('dh-invite', (e) => {
        e.now = () => NOW;
      });
      await fill(invite, 'clinic', 'gagnef');
      await until(() => $<HTMLSelectElement>(el, 'select')?.value === 'gagnef', 'the picker to follow');
    });

    it('leaves a calendar whose page pins a clinic where it is', async () => {
      await book('gagnef', 'Greta');
      await book('leksand', 'Lars');
      const el = await picker();
      const pinned = await calendar('gagnef');
      const following = await calendar();
      pinned.date = following.date = '2026-11-26';
      await fill(el, 'clinic', 'leksand');
      // By the time the calendar beside it has followed, a pinned one would have too.
      await until(() => names(following)[0]?.includes('Lars'), 'the unpinned calendar to follow');
      await pinned.whenLoaded();
      expect(names(pinned)).to.have.length(1);
      expect(names(pinned)[0]).to.match(/Greta/);
    });
  });
});
