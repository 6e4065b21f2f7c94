import { addDays, isoWeekday, type DateParts } from './time.js';

/**
 * Sweden's public holidays (allmänna helgdagar, lag 1989:253), Sundays aside: the days a clinic is
 * closed unless it says otherwise.
 */
export const PUBLIC_HOLIDAYS = [
  'nyarsdagen', 'trettondedag-jul', 'langfredagen', 'paskdagen', 'annandag-pask', 'forsta-maj',
  'kristi-himmelsfardsdag', 'pingstdagen', 'annandag-pingst', 'nationaldagen', 'midsommardagen',
  'alla-helgons-dag', 'juldagen', 'annandag-jul',
] as const;
export type PublicHolidayId = (typeof PUBLIC_HOLIDAYS)[number];

/**
 * The eves (aftnar) and the day before Good Friday: no public holidays, but midsommarafton, julafton
 * and nyårsafton are closed days in practice, and the others are often half days. Each clinic
 * says what it does on them (`ClinicHolidays`).
 */
export const EVES = [
  'trettondagsafton', 'skartorsdagen', 'valborgsmassoafton', 'midsommarafton', 'allhelgonaafton', 'julafton', 'nyarsafton',
] as const;
export type EveId = (typeof EVES)[number];

export type HolidayId = PublicHolidayId | EveId;

export interface Holiday {
  readonly id: HolidayId;
  readonly date: DateParts;
  readonly kind: 'public' | 'eve';
}

/** Easter Sunday by the anonymous Gregorian algorithm (Meeus/Jones/Butcher). */
export function easterSunday(year: number): DateParts {
  const a = year % 19;
  const b = Math.floor(year / 100);
  const c = year % 100;
  const d = Math.floor(b / 4);
  const e = b % 4;
  const f = Math.floor((b + 8) / 25);
  const g = Math.floor((b - f + 1) / 3);
  const h = (19 * a + b - d - g + 15) % 30;
  const i = Math.floor(c / 4);
  const k = c % 4;
  const l = (32 + 2 * e + 2 * i - h - k) % 7;
  const m = Math.floor((a + 11 * h + 22 * l) / 451);
  const n = h + l - 7 * m + 114;
  return { year, month: Math.floor(n / 31), day: (n % 31) + 1 };
}

/** The first day from `from` on that falls on ISO weekday `weekday` (6 = Saturday). */
function firstWeekdayFrom(from: DateParts, weekday: number): DateParts {
  return addDays(from, (weekday - isoWeekday(from) + 7) % 7);
}

/** Every public holiday and eve of `year`, in date order. */
export function swedishHolidays(year: number): readonly Holiday[] {
  const on = (month: number, day: number): DateParts => ({ year, month, day });
  const easter = easterSunday(year);
  const midsummer = firstWeekdayFrom(on(6, 20), 6);
  const allSaints = firstWeekdayFrom(on(10, 31), 6);
  const list: Holiday[] = [
    { id: 'nyarsdagen', date: on(1, 1), kind: 'public' },
    { id: 'trettondagsafton', date: on(1, 5), kind: 'eve' },
    { id: 'trettondedag-jul', date: on(1, 6), kind: 'public' },
    { id: 'skartorsdagen', date: addDays(easter, -3), kind: 'eve' },
    { id: 'langfredagen', date: addDays(easter, -2), kind: 'public' },
    { id: 'paskdagen', date: easter, kind: 'public' },
    { id: 'annandag-pask', date: addDays(easter, 1), kind: 'public' },
    { id: 'valborgsmassoafton', date: on(4, 30), kind: 'eve' },
    { id: 'forsta-maj', date: on(5, 1), kind: 'public' },
    { id: 'kristi-himmelsfardsdag', date: addDays(easter, 39), kind: 'public' },
    { id: 'pingstdagen', date: addDays(easter, 49), kind: 'public' },
    // Whit Monday gave way to the national day in 2005.
    ...(year < 2005
      ? [{ id: 'annandag-pingst', date: addDays(easter, 50), kind: 'public' } as const]
      : [{ id: 'nationaldagen', date: on(6, 6), kind: 'public' } as const]),
    { id: 'midsommarafton', date: addDays(midsummer, -1), kind: 'eve' },
    { id: 'midsommardagen', date: midsummer, kind: 'public' },
    { id: 'allhelgonaafton', date: addDays(allSaints, -1), kind: 'eve' },
    { id: 'alla-helgons-dag', date: allSaints, kind: 'public' },
    { id: 'julafton', date: on(12, 24), kind: 'eve' },
    { id: 'juldagen', date: on(12, 25), kind: 'public' },
    { id: 'annandag-jul', date: on(12, 26), kind: 'public' },
    { id: 'nyarsafton', date: on(12, 31), kind: 'eve' },
  ];
  const key = (d: DateParts): number => d.month * 100 + d.day;
  return list.sort((x, y) => key(x.date) - key(y.date));
}

/**
 * The public holiday or eve on `date`, if any; a public holiday where two fall together (Ascension
 * Day on 1 May in 2008, or on Valborgsmässoafton in some years).
 */
export function holidayOn(date: DateParts): Holiday | undefined {
  const on = swedishHolidays(date.year).filter((h) => h.date.month === date.month && h.date.day === date.day);
  return on.find((h) => h.kind === 'public') ?? on[0];
}
