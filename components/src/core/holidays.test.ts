import { expect } from 'chai';
import { describe, it } from 'node:test';
import { easterSunday, holidayOn, swedishHolidays } from './holidays.js';
import { isoDate, parseIsoDate } from './time.js';

const on = (text: string) => holidayOn(parseIsoDate(text)!);

describe('Swedish holidays', () => {
  it('finds Easter Sunday by the Gregorian computus, earliest and latest included', () => {
    const cases: [number, string][] = [
      [2008, '2008-03-23'], [2011, '2011-04-24'], [2019, '2019-04-21'], [2024, '2024-03-31'], [2025, '2025-04-20'],
      [2026, '2026-04-05'], [2038, '2038-04-25'], [2285, '2285-03-22'], [1943, '1943-04-25'],
    ];
    for (const [year, easter] of cases) expect(isoDate(easterSunday(year)), String(year)).to.equal(easter);
  });

  it('lists 2026 as Swedish calendars print it', () => {
    expect(swedishHolidays(2026).map((h) => `${isoDate(h.date)} ${h.id} ${h.kind}`)).to.deep.equal([
      '2026-01-01 nyarsdagen public', '2026-01-05 trettondagsafton eve', '2026-01-06 trettondedag-jul public',
      '2026-04-02 skartorsdagen eve', '2026-04-03 langfredagen public', '2026-04-05 paskdagen public',
      '2026-04-06 annandag-pask public', '2026-04-30 valborgsmassoafton eve', '2026-05-01 forsta-maj public',
      '2026-05-14 kristi-himmelsfardsdag public', '2026-05-24 pingstdagen public', '2026-06-06 nationaldagen public',
      '2026-06-19 midsommarafton eve', '2026-06-20 midsommardagen public', '2026-10-30 allhelgonaafton eve',
      '2026-10-31 alla-helgons-dag public', '2026-12-24 julafton eve', '2026-12-25 juldagen public',
      '2026-12-26 annandag-jul public', '2026-12-31 nyarsafton eve',
    ]);
  });

  it('puts midsummer and All Saints on the Saturday of their weeks, at both ends of the range', () => {
    const cases: [string, string | undefined][] = [
      ['2022-06-25', 'midsommardagen'], ['2022-06-24', 'midsommarafton'], ['2025-06-21', 'midsommardagen'],
      ['2027-06-26', 'midsommardagen'], ['2027-06-25', 'midsommarafton'], ['2027-06-19', undefined],
      ['2025-11-01', 'alla-helgons-dag'], ['2025-10-31', 'allhelgonaafton'], ['2026-10-31', 'alla-helgons-dag'],
      ['2027-11-06', 'alla-helgons-dag'], ['2027-11-05', 'allhelgonaafton'],
    ];
    for (const [date, id] of cases) expect(on(date)?.id, date).to.equal(id);
  });

  it('knows Whit Monday until 2004 and the national day from 2005', () => {
    expect(on('2004-05-31')?.id).to.equal('annandag-pingst');
    expect(on('2004-06-06')).to.equal(undefined);
    expect(on('2005-06-06')?.id).to.equal('nationaldagen');
    expect(on('2005-05-16')).to.equal(undefined);
  });

  it('names the public holiday where it falls on an eve or another holiday', () => {
    expect(on('2008-05-01')).to.include({ kind: 'public' }); // Ascension Day on May Day
    // Easter on 22 March puts Ascension Day on Valborgsmässoafton.
    expect(on('2285-04-30')).to.include({ id: 'kristi-himmelsfardsdag', kind: 'public' });
  });

  it('has no holiday on an ordinary day, nor on Sundays as such', () => {
    expect(on('2026-11-25')).to.equal(undefined);
    expect(on('2026-11-29')).to.equal(undefined);
  });
});
