import { t } from './i18n.js';
import { ok, type Result } from './result.js';
import { dateKey, isoDate, isValidDate, swedishDate, type DateParts } from './time.js';

/** A checked personnummer or samordningsnummer. */
export interface Personnummer {
  /** 'YYYYMMDD-NNNN'; a samordningsnummer keeps its day + 60; never a '+'. */
  readonly id: string;
  /** The real date of birth, 'YYYY-MM-DD'. */
  readonly birthDate: string;
  /** Whole years at the `now` given to the parser. */
  readonly age: number;
  /** True for a samordningsnummer (coordination number, day + 60). */
  readonly coordination: boolean;
}

export type PersonnummerErrorCode = 'empty' | 'letters' | 'format' | 'date' | 'future' | 'serial' | 'checksum';

const COORDINATION_OFFSET = 60;

/**
 * Luhn check digit over the digits given (for a personnummer: the nine digits YYMMDDNNN).
 * Exported for the benchmark floor and for tests.
 */
export function luhnCheckDigit(digits: string): number {
  let sum = 0;
  for (let i = 0; i < digits.length; i++) {
    let v = (digits.charCodeAt(i) - 48) * (i % 2 === 0 ? 2 : 1);
    if (v > 9) v -= 9;
    sum += v;
  }
  return (10 - (sum % 10)) % 10;
}

const fail = (code: PersonnummerErrorCode): Result<Personnummer, PersonnummerErrorCode> => ({
  ok: false,
  error: { code, message: t(`pnr.${code}`) },
});

// Spaces are accepted anywhere because nurses copy numbers from letters and EHR screens.
const SHAPE = /^(\d{2})?(\d{2})(\d{2})(\d{2})([-+]?)(\d{3})(\d)$/;

/**
 * Parses a Swedish personnummer or samordningsnummer as a nurse would type it:
 * 10 or 12 digits, with or without '-', '+' (100 years or older) and spaces.
 * `now` decides the century of a 10-digit number and the age.
 */
export function parsePersonnummer(input: string, now: Date = new Date()): Result<Personnummer, PersonnummerErrorCode> {
  const compact = input.replace(/\s+/g, '');
  if (compact === '') return fail('empty');
  if (/\p{L}/u.test(compact)) return fail('letters');
  const m = SHAPE.exec(compact);
  if (!m) return fail('format');
  const [, century, yy, mm, dd, separator, serial, check] = m as unknown as [
    string, string | undefined, string, string, string, string, string, string,
  ];

  const month = Number(mm);
  const typedDay = Number(dd);
  const coordination = typedDay > COORDINATION_OFFSET;
  const day = coordination ? typedDay - COORDINATION_OFFSET : typedDay;
  const today = swedishDate(now);

  let year: number;
  if (century !== undefined) {
    year = Number(century + yy);
  } else {
    // The latest year ending in YY whose birthday is not after today; '+' adds a hundred years of age.
    year = today.year - ((today.year - Number(yy)) % 100 + 100) % 100;
    if (dateKey({ year, month, day }) > dateKey(today)) year -= 100;
    if (separator === '+') year -= 100;
  }

  const birth: DateParts = { year, month, day };
  if (!isValidDate(birth)) return fail('date');
  if (dateKey(birth) > dateKey(today)) return fail('future');
  if (serial === '000') return fail('serial');
  if (luhnCheckDigit(yy + mm + dd + serial) !== Number(check)) return fail('checksum');

  const hadBirthday = month * 100 + day <= today.month * 100 + today.day;
  return ok({
    id: `${year}${mm}${dd}-${serial}${check}`,
    birthDate: isoDate(birth),
    age: today.year - year - (hadBirthday ? 0 : 1),
    coordination,
  });
}
