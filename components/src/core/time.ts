import { TZDate } from '@date-fns/tz';

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

// Time-zone conversion goes through Intl and costs microseconds; bulk work (a list of
// personnummer checked against one `now`) asks for the same instant over and over.
let lastInstant = NaN;
let lastDate: DateParts = { year: 0, month: 0, day: 0 };

/** The date it is in Sweden at `instant`. */
export function swedishDate(instant: Date): DateParts {
  const time = instant.getTime();
  if (time !== lastInstant) {
    const z = new TZDate(time, TIME_ZONE);
    lastDate = { year: z.getFullYear(), month: z.getMonth() + 1, day: z.getDate() };
    lastInstant = time;
  }
  return lastDate;
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

/** Parses 'HH:MM' (24 h) to minutes after midnight. */
export function parseClock(text: string): number | undefined {
  const m = /^([01]?\d|2[0-3])[:.]([0-5]\d)$/.exec(text.trim());
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
  const d = new Date(Date.UTC(date.year, date.month - 1, date.day)).getUTCDay();
  return d === 0 ? 7 : d;
}

/** `instant` as a zoned date for date-fns formatting in Swedish time. */
export const inSweden = (instant: Date): TZDate => new TZDate(instant.getTime(), TIME_ZONE);
