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

/** Why a personnummer is refused; its text is `pnr.<code>` in the catalogues. */
export type PersonnummerErrorCode = 'empty' | 'letters' | 'format' | 'date' | 'future' | 'serial' | 'checksum';

const COORDINATION_OFFSET = 60;

/** Luhn check digit over the digits given (for a personnummer: the nine digits YYMMDDNNN). */
export function luhnCheckDigit(digits: string): number {
  let sum = 0;
  for (let i = 0; i < digits.length; i++) {
    let v = (digits.charCodeAt(i) - 48) * (i % 2 === 0 ? 2 : 1);
    if (v > 9) v -= 9;
    sum += v;
  }
  return (10 - (sum % 10)) % 10;
}

const fail = (code: PersonnummerErrorCode): Result<Personnummer, PersonnummerErrorCode> => ({ ok: false, error: { code } });

const isSpace = (c: number): boolean => c === 32 || c === 9 || c === 160 || c === 0x202f || c === 0x2009;

/**
 * Parses a Swedish personnummer or samordningsnummer as a nurse would type it:
 * 10 or 12 digits, with or without '-', '+' (100 years or older) and spaces anywhere (numbers
 * are copied from letters and EHR screens). `now` decides the century of a 10-digit number and
 * the age.
 */
export function parsePersonnummer(input: string, now: Date = new Date()): Result<Personnummer, PersonnummerErrorCode> {
  let digits = '';
  let separator = 0; // char code of '-' or '+', 0 for none
  let separatorAt = -1;
  let letters = false;
  let other = false;
  for (let i = 0; i < input.length; i++) {
    const c = input.charCodeAt(i);
    if (c >= 48 && c <= 57) {
      digits += String.fromCharCode(c);
    } else if (c === 45 || c === 43) {
      if (separator !== 0) other = true;
      separator = c;
      separatorAt = digits.length;
    } else if (isSpace(c)) continue;
    else if (/\p{L}/u.test(input.slice(i, i + 2))) letters = true;
    else other = true;
  }
  const count = digits.length;
  if (count === 0 && separator === 0 && !letters && !other) return fail('empty');
  if (letters) return fail('letters');
  const long = count === 12;
  if (other || (count !== 10 && !long) || (separator !== 0 && separatorAt !== count - 4)) return fail('format');

  const d = long ? 2 : 0; // where YYMMDDNNNC starts
  const num = (from: number, to: number): number => Number(digits.slice(from, to));
  const yy = num(d, d + 2);
  const month = num(d + 2, d + 4);
  const typedDay = num(d + 4, d + 6);
  const coordination = typedDay > COORDINATION_OFFSET;
  const day = coordination ? typedDay - COORDINATION_OFFSET : typedDay;
  const today = swedishDate(now);

  let year: number;
  if (long) {
    year = num(0, 4);
  } else {
    // The latest year ending in YY whose birthday is not after today; '+' adds a hundred years of age.
    year = today.year - ((today.year - yy) % 100 + 100) % 100;
    if (dateKey({ year, month, day }) > dateKey(today)) year -= 100;
    if (separator === 43) year -= 100;
  }

  const birth: DateParts = { year, month, day };
  if (!isValidDate(birth)) return fail('date');
  if (dateKey(birth) > dateKey(today)) return fail('future');
  if (num(d + 6, d + 9) === 0) return fail('serial');
  if (luhnCheckDigit(digits.slice(d, d + 9)) !== num(d + 9, d + 10)) return fail('checksum');

  const hadBirthday = month * 100 + day <= today.month * 100 + today.day;
  return ok({
    id: `${String(year)}${digits.slice(d + 2, d + 6)}-${digits.slice(d + 6, d + 10)}`,
    birthDate: isoDate(birth),
    age: today.year - year - (hadBirthday ? 0 : 1),
    coordination,
  });
}
