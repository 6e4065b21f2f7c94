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

const num = (s: string, from: number, to: number): number => {
  let n = 0;
  for (let i = from; i < to; i++) n = n * 10 + s.charCodeAt(i) - 48;
  return n;
};

/**
 * Parses a Swedish personnummer or samordningsnummer as a nurse would type it:
 * 10 or 12 digits, with or without '-', '+' (100 years or older) and spaces anywhere (numbers
 * are copied from letters and EHR screens). `now` decides the century of a 10-digit number and
 * the age. A hand-written scan rather than regular expressions: lists are checked in bulk.
 */
export function parsePersonnummer(input: string, now: Date = new Date()): Result<Personnummer, PersonnummerErrorCode> {
  let digits = '';
  let separator = '';
  let separatorAt = -1;
  let letters = false;
  let other = false;
  for (const ch of input) {
    const c = ch.charCodeAt(0);
    if (c >= 48 && c <= 57) digits += ch;
    else if (ch === '-' || ch === '+') {
      if (separator !== '') other = true;
      separator = ch;
      separatorAt = digits.length;
    } else if (/\s/.test(ch)) continue;
    else if (/\p{L}/u.test(ch)) letters = true;
    else other = true;
  }
  if (digits === '' && separator === '' && !letters && !other) return fail('empty');
  if (letters) return fail('letters');
  const long = digits.length === 12;
  if (other || (digits.length !== 10 && !long) || (separator !== '' && separatorAt !== digits.length - 4)) {
    return fail('format');
  }
  const d = long ? 2 : 0; // offset of YYMMDDNNNC within `digits`
  const yy = num(digits, d, d + 2);
  const month = num(digits, d + 2, d + 4);
  const typedDay = num(digits, d + 4, d + 6);
  const coordination = typedDay > COORDINATION_OFFSET;
  const day = coordination ? typedDay - COORDINATION_OFFSET : typedDay;
  const today = swedishDate(now);

  let year: number;
  if (long) {
    year = num(digits, 0, 4);
  } else {
    // The latest year ending in YY whose birthday is not after today; '+' adds a hundred years of age.
    year = today.year - ((today.year - yy) % 100 + 100) % 100;
    if (dateKey({ year, month, day }) > dateKey(today)) year -= 100;
    if (separator === '+') year -= 100;
  }

  const birth: DateParts = { year, month, day };
  if (!isValidDate(birth)) return fail('date');
  if (dateKey(birth) > dateKey(today)) return fail('future');
  const ten = long ? digits.slice(2) : digits;
  if (ten.startsWith('000', 6)) return fail('serial');
  if (luhnCheckDigit(ten.slice(0, 9)) !== ten.charCodeAt(9) - 48) return fail('checksum');

  const hadBirthday = month * 100 + day <= today.month * 100 + today.day;
  return ok({
    id: `${year}${ten.slice(2, 6)}-${ten.slice(6)}`,
    birthDate: isoDate(birth),
    age: today.year - year - (hadBirthday ? 0 : 1),
    coordination,
  });
}
