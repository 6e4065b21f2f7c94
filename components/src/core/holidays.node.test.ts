// Node only (the browser run leaves *.node.test.ts out): date-holidays is a development dependency
// built for Node, too big for the bundles, and here the reference our small module is checked against.
import { expect } from 'chai';
import { describe, it } from 'node:test';
import Holidays from 'date-holidays';
import { swedishHolidays } from './holidays.js';
import { isoDate } from './time.js';

describe('Swedish holidays against date-holidays', () => {
  const reference = new Holidays('SE');
  for (let year = 2005; year <= 2040; year++) {
    it(`agrees on ${String(year)}: public holidays, and eves`, () => {
      const theirs = reference.getHolidays(year);
      const dates = (types: string[], names?: string[]) => theirs
        .filter((h) => types.includes(h.type) && (!names || names.includes(h.name)))
        .map((h) => h.date.slice(0, 10)).sort();
      const ours = swedishHolidays(year);
      const mine = (kind: 'public' | 'eve') => ours.filter((h) => h.kind === kind).map((h) => isoDate(h.date)).sort();
      // Its 'public' days are the public holidays; 'bank' the closed eves; 'optional' the half-day eves,
      // which with skärtorsdagen (an 'observance' there) are our other eves.
      expect(mine('public')).to.deep.equal(dates(['public']));
      expect(mine('eve')).to.deep.equal(dates(['bank', 'optional', 'observance'], [
        'midsommarafton', 'julafton', 'nyårsafton', 'trettondagsafton', 'valborgsmässoafton', 'allhelgonaafton', 'skärtorsdagen',
      ]));
    });
  }
});
