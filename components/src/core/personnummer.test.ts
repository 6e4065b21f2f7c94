import { expect } from 'chai';
import { describe, it } from 'node:test';
import Reference from 'personnummer';
import { personnummerMetaList } from '../testing/personnummer-meta-list.js';
import { t } from './i18n.js';
import { luhnCheckDigit, parsePersonnummer, type PersonnummerErrorCode } from './personnummer.js';
import { domainTexts } from './i18n/domain.js';
import { registerSection } from './i18n.js';

// The nurse's elements register the texts of the core's codes; here the test does.
registerSection(domainTexts);

// A fixed "now" (noon in Sweden) keeps century and age rules stable.
const NOW = new Date('2026-11-25T11:00:00Z');

describe('parsePersonnummer', () => {
  describe('when the number is valid (Skatteverket test numbers)', () => {
    const cases: [input: string, id: string, birthDate: string, age: number, coordination: boolean][] = [
      ['19121212-1212', '19121212-1212', '1912-12-12', 113, false],
      ['191212121212', '19121212-1212', '1912-12-12', 113, false],
      ['121212+1212', '19121212-1212', '1912-12-12', 113, false],
      ['121212-1212', '20121212-1212', '2012-12-12', 13, false],
      ['1212121212', '20121212-1212', '2012-12-12', 13, false],
      ['  19121212 1212 ', '19121212-1212', '1912-12-12', 113, false],
      ['1912 1212-1212', '19121212-1212', '1912-12-12', 113, false],
      ['19811218-9876', '19811218-9876', '1981-12-18', 44, false],
      ['811218-9876', '19811218-9876', '1981-12-18', 44, false],
      ['20000229-2399', '20000229-2399', '2000-02-29', 26, false],
      ['000229-2399', '20000229-2399', '2000-02-29', 26, false],
      ['090527+1474', '19090527-1474', '1909-05-27', 117, false],
      ['19090527+1474', '19090527-1474', '1909-05-27', 117, false],
      ['197302889931', '19730288-9931', '1973-02-28', 53, true],
      ['730288-9931', '19730288-9931', '1973-02-28', 53, true],
      ['210791-9967', '20210791-9967', '2021-07-31', 5, true],
    ];
    for (const [input, id, birthDate, age, coordination] of cases) {
      it(`reads ${JSON.stringify(input)} as ${id}`, () => {
        expect(parsePersonnummer(input, NOW)).to.deep.equal({ ok: true, value: { id, birthDate, age, coordination } });
      });
    }

    it('never keeps a + in the id', () => {
      const r = parsePersonnummer('121212+1212', NOW);
      expect(r.ok && r.value.id).to.equal('19121212-1212');
    });

    it('counts age in whole years, turning a year older on the birthday itself', () => {
      const age = (now: string): number | undefined => {
        const r = parsePersonnummer(withCheck('19761125-123'), new Date(now));
        return r.ok ? r.value.age : undefined;
      };
      // 23:00 UTC on 24 November is midnight in Sweden.
      expect(age('2026-11-24T22:59:00Z')).to.equal(49);
      expect(age('2026-11-24T23:00:00Z')).to.equal(50);
    });
  });

  describe('when a 10-digit number needs a century', () => {
    it('picks the last century for a birthday later in the year than today', () => {
      // 26-12-31 has not happened yet in 2026, so a hyphen means 1926.
      const r = parsePersonnummer(withCheck('261231-123'), NOW);
      expect(r.ok && r.value.birthDate).to.equal('1926-12-31');
    });
    it('picks this century for a birthday earlier this year', () => {
      const r = parsePersonnummer(withCheck('260101-123'), NOW);
      expect(r.ok && r.value.birthDate).to.equal('2026-01-01');
    });
    it('adds a hundred years for +', () => {
      const r = parsePersonnummer(withCheck('260101+123'), NOW);
      expect(r.ok && r.value.birthDate).to.equal('1926-01-01');
    });
    it('is decided by the Swedish date, not the machine time zone', () => {
      // 23:30 UTC on 24 November is already 25 November in Sweden, so 261125 is a newborn.
      const born = withCheck('261125-123');
      const after = parsePersonnummer(born, new Date('2026-11-24T23:30:00Z'));
      expect(after.ok && after.value.birthDate).to.equal('2026-11-25');
      const before = parsePersonnummer(born, new Date('2026-11-24T22:30:00Z'));
      expect(before.ok && before.value.birthDate).to.equal('1926-11-25');
    });
  });

  describe('when the number is wrong', () => {
    const cases: [input: string, code: PersonnummerErrorCode][] = [
      ['', 'empty'],
      ['   ', 'empty'],
      ['abc', 'letters'],
      ['19121212-121X', 'letters'],
      ['ÅÄÖ', 'letters'],
      ['19121212_1212', 'format'],
      ['1912121212', 'checksum'],
      ['12121212', 'format'],
      ['1912121212123', 'format'],
      ['19121212--1212', 'format'],
      ['121212-12-12', 'format'],
      ['19121212-1213', 'checksum'],
      ['19121212-1211', 'checksum'],
      ['19700428-9895', 'checksum'],
      ['19130012-1212', 'date'],
      ['19121312-1212', 'date'],
      ['19121232-1212', 'date'],
      ['19120431-1212', 'date'],
      ['19010229-1212', 'date'],
      ['19000229-1212', 'date'],
      ['000229+2399', 'date'],
      ['19420566-9899', 'checksum'],
      ['19721086-9924', 'checksum'],
      ['19121292-1212', 'date'],
      ['20261231-1239', 'future'],
      ['20991231-1239', 'future'],
      ['20150916-0006', 'serial'],
    ];
    for (const [input, code] of cases) {
      it(`refuses ${JSON.stringify(input)} with the code "${code}" and no text`, () => {
        // No `message`: the element that shows the error words it, in the page's language.
        expect(parsePersonnummer(input, NOW)).to.deep.equal({ ok: false, error: { code } });
      });
    }

    it('has its own text for every error code, in Swedish and in English', () => {
      const codes = new Set(cases.map(([, code]) => code));
      expect(codes.size).to.equal(7);
      for (const locale of ['sv', 'en'] as const) {
        const texts = [...codes].map((code) => t(`pnr.${code}`, {}, locale));
        for (const text of texts) expect(text, locale).to.match(/^[A-ZÅÄÖ].+\.$/);
        expect(new Set(texts).size, locale).to.equal(codes.size);
      }
      expect(t('pnr.checksum', {}, 'en')).to.match(/check digit does not match/);
    });
  });

  describe('against the cross-implementation list', () => {
    for (const entry of personnummerMetaList) {
      for (const form of ['long_format', 'short_format', 'separated_format', 'separated_long'] as const) {
        const input = entry[form];
        // Our one deliberate difference: nurses type spaces, so a space is a separator here.
        const expected = input.includes(' ') ? true : entry.valid;
        it(`${expected ? 'accepts' : 'refuses'} ${JSON.stringify(input)} (${entry.type})`, () => {
          const r = parsePersonnummer(input, NOW);
          expect(r.ok).to.equal(expected);
          if (r.ok) expect(r.value.coordination).to.equal(entry.type === 'con');
        });
      }
    }
  });

  describe('against the personnummer library', () => {
    it('agrees on validity for 20,000 generated 12-digit numbers', () => {
      const random = seeded(20261125);
      let disagreements = 0;
      let valid = 0;
      for (let i = 0; i < 20_000; i++) {
        const year = 1920 + Math.floor(random() * 100);
        const month = 1 + Math.floor(random() * 13);
        const day = 1 + Math.floor(random() * 32) + (random() < 0.2 ? 60 : 0);
        const serial = Math.floor(random() * 1000);
        const nine = `${String(year).slice(2)}${pad(month)}${pad(day)}${pad(serial, 3)}`;
        // Half with the right check digit so that the date rules are exercised, not just Luhn.
        const check = random() < 0.5 ? luhnCheckDigit(nine) : Math.floor(random() * 10);
        const input = `${String(year).slice(0, 2)}${nine}${check}`;
        const ours = parsePersonnummer(input, NOW).ok;
        if (ours) valid++;
        if (ours !== Reference.valid(input)) disagreements++;
      }
      expect(disagreements).to.equal(0);
      expect(valid).to.be.greaterThan(3000);
    });
  });
});

describe('luhnCheckDigit', () => {
  it('matches the check digit of known numbers', () => {
    expect(luhnCheckDigit('121212121')).to.equal(2);
    expect(luhnCheckDigit('811218987')).to.equal(6);
    expect(luhnCheckDigit('000229239')).to.equal(9);
  });
});

const pad = (n: number, w = 2): string => String(n).padStart(w, '0');

/** Completes '(YY)YYMMDD-NNN' with its Luhn check digit (over the last nine digits). */
function withCheck(prefix: string): string {
  return prefix + String(luhnCheckDigit(prefix.replace(/\D/g, '').slice(-9)));
}

function seeded(seed: number): () => number {
  let s = seed >>> 0;
  return () => {
    s = (s + 0x6d2b79f5) >>> 0;
    let x = Math.imul(s ^ (s >>> 15), 1 | s);
    x = (x + Math.imul(x ^ (x >>> 7), 61 | x)) ^ x;
    return ((x ^ (x >>> 14)) >>> 0) / 4294967296;
  };
}
