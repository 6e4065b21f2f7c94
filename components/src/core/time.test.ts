import { expect } from 'chai';
import { describe, it } from 'node:test';
import { soDates } from './i18n/so-dates.js';
import { tiDates } from './i18n/ti-dates.js';
import { loadLocale } from './i18n/load.js';
import { TIME_ZONE, localVisitText, type DateNames } from './time.js';

describe('localVisitText: the visit\'s date and time in the reader\'s language, in Swedish time', () => {
  const start = new Date('2026-12-01T13:30:00Z'); // Tuesday 14:30 in Sweden
  const own: Readonly<Record<string, DateNames>> = { so: soDates, ti: tiDates };
  const cases: [string, string, string][] = [
    ['sv', 'tisdag 1 december 2026', '14:30'],
    ['en', 'Tuesday, 1 December 2026', '14:30'],
    ['fi', 'tiistaina 1. joulukuuta 2026', '14.30'],
    ['ar', 'الثلاثاء، 1 ديسمبر 2026', '14:30'], // digits 0–9, as the Swedish health care's Arabic texts
    ['fa', 'سه‌شنبه ۱ دسامبر ۲۰۲۶', '۱۴:۳۰'], // Gregorian, as the booking and the SMS: not 10 Azar 1405
    ['so', 'Talaado, Diseembar 1, 2026', '14:30'],
    ['ti', 'ሰሉስ፣ 1 ታሕሳስ 2026', '14:30'],
  ];
  for (const [locale, date, time] of cases) {
    it(locale, () => {
      expect(localVisitText(start, locale, own[locale])).to.deep.equal({ date, time });
    });
  }

  it('takes the Swedish date across midnight and daylight saving time', () => {
    expect(localVisitText(new Date('2026-03-29T22:30:00Z'), 'so', soDates)).to.deep.equal({ date: 'Isniin, Maarso 30, 2026', time: '00:30' });
    expect(localVisitText(new Date('2026-10-25T01:30:00Z'), 'ti', tiDates)).to.deep.equal({ date: 'ሰንበት፣ 25 ጥቅምቲ 2026', time: '02:30' });
  });

  // Browsers' trimmed ICU data lacks Somali and Tigrinya dates, so the page carries its own names;
  // Node has CLDR in full, the same source: they must agree on every day of a year. (Run in a
  // browser, this file has no CLDR to compare with; `npm run test:node` runs it in Node.)
  for (const locale of ['so', 'ti']) {
    it(`${locale}: our own day and month names agree with CLDR (Node's full ICU) on every day of a year`, () => {
      if (Intl.DateTimeFormat.supportedLocalesOf(locale).length === 0) return;
      const intl = new Intl.DateTimeFormat(locale, { weekday: 'long', day: 'numeric', month: 'long', year: 'numeric', timeZone: TIME_ZONE });
      for (let i = 0; i < 366; i++) {
        const day = new Date(Date.UTC(2028, 0, 1 + i, 10));
        expect(localVisitText(day, locale, own[locale]).date, day.toISOString()).to.equal(intl.format(day));
      }
    });
  }

  it('has the names once the language is loaded, as the patient\'s page does', async () => {
    await loadLocale('ti');
    expect(localVisitText(start, 'ti').date).to.equal('ሰሉስ፣ 1 ታሕሳስ 2026');
  });
});
