import { expect } from 'chai';
import { describe, it } from 'node:test';
import type { Clinic } from './config.js';
import { hoursOn, nextOpenDay } from './opening-hours.js';
import { isoDate, parseIsoDate } from './time.js';

const weekdays: Clinic['openingHours'] = { 1: ['08:00', '17:00'], 2: ['08:00', '17:00'], 3: ['08:00', '17:00'], 4: ['08:00', '17:00'], 5: ['08:00', '16:00'] };
const allDay = ['00:00', '24:00'] as const;
const always: Clinic['openingHours'] = { 1: allDay, 2: allDay, 3: allDay, 4: allDay, 5: allDay, 6: allDay, 7: allDay };

/** 'closed', 'closed juldagen', '08:00–12:00 julafton' or '08:00–17:00'. */
function describeDay(clinic: Pick<Clinic, 'openingHours' | 'holidays'>, date: string): string {
  const day = hoursOn(clinic, parseIsoDate(date)!);
  const holiday = day.holiday ? ` ${day.holiday.id}` : '';
  return day.open ? `${day.hours.join('–')}${holiday}` : `closed${holiday}`;
}

describe('opening hours on a date', () => {
  const cases: [what: string, clinic: Pick<Clinic, 'openingHours' | 'holidays'>, date: string, expected: string][] = [
    ['an ordinary Wednesday', { openingHours: weekdays }, '2026-11-25', '08:00–17:00'],
    ['a Friday with shorter hours', { openingHours: weekdays }, '2026-11-27', '08:00–16:00'],
    ['a Saturday', { openingHours: weekdays }, '2026-11-28', 'closed'],
    ['a public holiday on a weekday', { openingHours: weekdays }, '2026-12-25', 'closed juldagen'],
    ['Good Friday', { openingHours: weekdays }, '2026-04-03', 'closed langfredagen'],
    ['Ascension Day', { openingHours: weekdays }, '2026-05-14', 'closed kristi-himmelsfardsdag'],
    ['julafton, closed by default', { openingHours: weekdays }, '2026-12-24', 'closed julafton'],
    ['midsommarafton, closed by default', { openingHours: weekdays }, '2026-06-19', 'closed midsommarafton'],
    ['nyårsafton, closed by default', { openingHours: weekdays }, '2026-12-31', 'closed nyarsafton'],
    ['valborgsmässoafton, usual hours by default', { openingHours: weekdays }, '2026-04-30', '08:00–17:00 valborgsmassoafton'],
    ['a configured half day', { openingHours: weekdays, holidays: { eves: { valborgsmassoafton: ['08:00', '12:00'] } } }, '2026-04-30', '08:00–12:00 valborgsmassoafton'],
    ['julafton configured open as a half day', { openingHours: weekdays, holidays: { eves: { julafton: ['09:00', '12:00'] } } }, '2026-12-24', '09:00–12:00 julafton'],
    ['an eve configured closed', { openingHours: weekdays, holidays: { eves: { skartorsdagen: 'closed' } } }, '2026-04-02', 'closed skartorsdagen'],
    ['a configured half day on nyårsafton, a Friday', { openingHours: weekdays, holidays: { eves: { nyarsafton: ['08:00', '12:00'] } } }, '2027-12-31', '08:00–12:00 nyarsafton'],
    ['a half day on a Saturday the clinic is closed', { openingHours: weekdays, holidays: { eves: { nyarsafton: ['08:00', '12:00'] } } }, '2022-12-31', 'closed nyarsafton'],
    ['a clinic open on public holidays', { openingHours: always, holidays: { public: 'open', eves: { julafton: 'open' } } }, '2026-12-25', '00:00–24:00 juldagen'],
    ['an always-open clinic’s eve left to the default', { openingHours: always, holidays: { public: 'open' } }, '2026-12-24', 'closed julafton'],
    ['no hours configured: weekdays 08–17', {}, '2026-11-25', '08:00–17:00'],
    ['no hours configured, on a holiday', {}, '2026-01-06', 'closed trettondedag-jul'],
  ];
  for (const [what, clinic, date, expected] of cases) {
    it(`gives ${what} (${date}) as ${expected}`, () => {
      expect(describeDay(clinic, date)).to.equal(expected);
    });
  }

  it('gives the hours in minutes for layout and checks', () => {
    expect(hoursOn({ openingHours: weekdays, holidays: { eves: { julafton: ['08:30', '12:00'] } } }, parseIsoDate('2026-12-24')!))
      .to.deep.include({ open: true, from: 510, to: 720, halfDay: true });
    expect(hoursOn({ openingHours: weekdays }, parseIsoDate('2026-04-30')!)).to.not.have.property('halfDay');
  });
});

describe('the next open day', () => {
  it('skips weekends, holidays and closed eves', () => {
    const next = (date: string) => isoDate(nextOpenDay({ openingHours: weekdays }, parseIsoDate(date)!)!);
    expect(next('2026-11-25')).to.equal('2026-11-25');
    expect(next('2026-11-28')).to.equal('2026-11-30');
    expect(next('2026-12-24')).to.equal('2026-12-28');
    expect(next('2026-12-31')).to.equal('2027-01-04'); // nyårsafton, nyårsdagen, the weekend
    expect(next('2026-04-03')).to.equal('2026-04-07'); // långfredagen to annandag påsk
  });

  it('finds none for a clinic open on no weekday', () => {
    expect(nextOpenDay({ openingHours: {} }, parseIsoDate('2026-11-25')!)).to.equal(undefined);
  });
});
