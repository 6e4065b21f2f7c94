import { TZDate } from '@date-fns/tz';
import { addDays as addLocalDays, getISOWeek, startOfISOWeek } from 'date-fns';

/** Every booking is in Swedish local time, whatever the machine's own time zone. */
export const TIME_ZONE = 'Europe/Stockholm';

/** A calendar date as numbers, no time zone attached. */
export interface DateParts {
  readonly year: number;
  readonly month: number; // 1–12
  readonly day: number;
}

export function isLeapYear(year: number): boolean {
  return year % 4 === 0 && (year % 100 !== 0 || year % 400 === 0);
}

export function daysInMonth(year: number, month: number): number {
  return month === 2 ? (isLeapYear(year) ? 29 : 28) : [4, 6, 9, 11].includes(month) ? 30 : 31;
}

export function isValidDate({ year, month, day }: DateParts): boolean {
  return month >= 1 && month <= 12 && day >= 1 && day <= daysInMonth(year, month);
}

export const DAY_MS = 86_400_000;

/**
 * `date` as a local Date at noon, for date-fns's calendar arithmetic and formatting: noon keeps a
 * machine's own daylight-saving change from moving it to another day.
 */
export const localDate = ({ year, month, day }: DateParts): Date => new Date(year, month - 1, day, 12);

const partsOf = (d: Date): DateParts => ({ year: d.getFullYear(), month: d.getMonth() + 1, day: d.getDate() });

export const addDays = (date: DateParts, days: number): DateParts => partsOf(addLocalDays(localDate(date), days));

/** Monday of the ISO week that holds `date` (Swedish weeks start on Monday). */
export const mondayOf = (date: DateParts): DateParts => partsOf(startOfISOWeek(localDate(date)));

/** ISO 8601 week number, as printed in Swedish calendars ("vecka 49"). */
export const isoWeek = (date: DateParts): number => getISOWeek(localDate(date));

// Time-zone conversion through Intl costs microseconds, and calendars convert thousands of
// instants. Sweden's UTC offset only changes on the hour, so it is looked up once per hour.
const offsetByHour = new Map<number, number>();
const HOUR_MS = 3_600_000;

/** Minutes to add to UTC to get Swedish wall-clock time at `ms` (60 in winter, 120 in summer). */
export function swedishOffsetMinutes(ms: number): number {
  const hour = Math.floor(ms / HOUR_MS);
  let offset = offsetByHour.get(hour);
  if (offset === undefined) {
    offset = -new TZDate(hour * HOUR_MS, TIME_ZONE).getTimezoneOffset();
    if (offsetByHour.size > 50_000) offsetByHour.clear();
    offsetByHour.set(hour, offset);
  }
  return offset;
}

/** The Swedish date and wall-clock minutes after midnight at `instant`. */
export function swedishClock(instant: Date): { readonly date: DateParts; readonly minutes: number } {
  const ms = instant.getTime();
  const local = new Date(ms + swedishOffsetMinutes(ms) * 60_000);
  return {
    date: { year: local.getUTCFullYear(), month: local.getUTCMonth() + 1, day: local.getUTCDate() },
    minutes: local.getUTCHours() * 60 + local.getUTCMinutes(),
  };
}

/** The date it is in Sweden at `instant`. */
export function swedishDate(instant: Date): DateParts {
  return swedishClock(instant).date;
}

/** Comparable number YYYYMMDD; works for impossible dates too, which callers rely on. */
export const dateKey = ({ year, month, day }: DateParts): number => year * 10000 + month * 100 + day;

const pad = (n: number, width = 2): string => String(n).padStart(width, '0');

export const isoDate = ({ year, month, day }: DateParts): string => `${pad(year, 4)}-${pad(month)}-${pad(day)}`;

/** Parses 'YYYY-MM-DD' strictly (real dates only). */
export function parseIsoDate(text: string): DateParts | undefined {
  const m = /^(\d{4})-(\d{2})-(\d{2})$/.exec(text.trim());
  if (!m) return undefined;
  const parts = { year: Number(m[1]), month: Number(m[2]), day: Number(m[3]) };
  return isValidDate(parts) ? parts : undefined;
}

/** Parses 'HH:MM' (24 h) to minutes after midnight; '24:00' is the end of the day (a closing time). */
export function parseClock(text: string): number | undefined {
  const t = text.trim();
  if (t === '24:00') return 24 * 60;
  const m = /^([01]?\d|2[0-3])[:.]([0-5]\d)$/.exec(t);
  return m ? Number(m[1]) * 60 + Number(m[2]) : undefined;
}

export const clockText = (minutes: number): string => `${pad(Math.floor(minutes / 60))}:${pad(minutes % 60)}`;

/** The instant of a Swedish wall-clock time. */
export function swedishInstant(date: DateParts, minutes: number): Date {
  return new Date(
    new TZDate(date.year, date.month - 1, date.day, Math.floor(minutes / 60), minutes % 60, TIME_ZONE).getTime(),
  );
}

/** ISO weekday in Sweden, Monday = 1 … Sunday = 7. */
export function isoWeekday(date: DateParts): number {
  return localDate(date).getDay() || 7;
}

/** `instant` as a zoned date for date-fns formatting in Swedish time. */
export const inSweden = (instant: Date): TZDate => new TZDate(instant.getTime(), TIME_ZONE);

/**
 * The language tags handed to Intl. Persian is written with the Gregorian calendar (the one of the
 * booking, the SMS and every letter from Swedish health care), not the Solar Hijri one its locale
 * defaults to; Arabic keeps the digits 0–9, as Swedish health care's Arabic texts do.
 */
const INTL_LOCALES: Readonly<Record<string, string>> = {
  sv: 'sv-SE', en: 'en-GB', fi: 'fi-FI', ar: 'ar-u-nu-latn', fa: 'fa-u-ca-gregory',
};

/**
 * Day and month names for a language whose dates browsers' Intl data lacks: Chromium's trimmed ICU
 * has no Somali or Tigrinya dates (it writes English, or 'M12'). They come with the language's
 * catalogue (`registerDateNames`), so the patient's page carries only the chosen language's.
 */
export interface DateNames {
  /** January first. */
  readonly months: readonly string[];
  /** Monday first. */
  readonly weekdays: readonly string[];
  /** The parts in the language's order: `{weekday}`, `{day}`, `{month}`, `{year}`. */
  readonly pattern: string;
}

const dateNames = new Map<string, DateNames>();

export function registerDateNames(locale: string, names: DateNames): void {
  dateNames.set(locale, names);
}

/**
 * The visit's date and time in the reader's language, in Swedish time, through the browser's own
 * Intl data (the patient side supports many languages without shipping date-fns locale tables),
 * or the language's own names where that data is missing (registered, or given as `names`).
 */
export function localVisitText(start: Date, locale: string, names: DateNames | undefined = dateNames.get(locale)): { date: string; time: string } {
  if (names) {
    // The Swedish date as numbers through Intl (not swedishClock: the patient's bundle then
    // carries no time-zone library).
    const parts = Object.fromEntries(
      new Intl.DateTimeFormat('en-GB', { year: 'numeric', month: 'numeric', day: 'numeric', hour: '2-digit', minute: '2-digit', hourCycle: 'h23', timeZone: TIME_ZONE })
        .formatToParts(start).map((p) => [p.type, p.value]),
    );
    const date = { year: Number(parts.year), month: Number(parts.month), day: Number(parts.day) };
    const fill: Readonly<Record<string, string>> = {
      weekday: names.weekdays[isoWeekday(date) - 1] ?? '', day: String(date.day), month: names.months[date.month - 1] ?? '', year: String(date.year),
    };
    return {
      date: names.pattern.replace(/\{(\w+)\}/g, (whole, part: string) => fill[part] ?? whole),
      time: `${parts.hour ?? ''}:${parts.minute ?? ''}`,
    };
  }
  const tag = INTL_LOCALES[locale] ?? locale;
  return {
    date: new Intl.DateTimeFormat(tag, { weekday: 'long', day: 'numeric', month: 'long', year: 'numeric', timeZone: TIME_ZONE }).format(start),
    time: new Intl.DateTimeFormat(tag, { hour: '2-digit', minute: '2-digit', hourCycle: 'h23', timeZone: TIME_ZONE }).format(start),
  };
}
