import type { Clinic, WeeklyHours } from './config.js';
import { DEFAULT_OPENING_HOURS } from './config.js';
import { holidayOn, type EveId, type Holiday } from './holidays.js';
import { addDays, isoWeekday, parseClock, type DateParts } from './time.js';

/** What a clinic does on an eve: closed, its usual hours, or these hours (a half day). */
export type EveRule = 'closed' | 'open' | readonly [open: string, close: string];

/** A clinic's holiday settings; every field optional, with Sweden's usual practice as default. */
export interface ClinicHolidays {
  /** Public holidays: 'closed' (the default), or 'open' on the weekday's usual hours (a clinic that never closes). */
  readonly public?: 'closed' | 'open';
  /** Per eve; an eve not named follows `DEFAULT_EVES`. */
  readonly eves?: Readonly<Partial<Record<EveId, EveRule>>>;
}

/** Midsommarafton, julafton and nyårsafton are closed in practice; the other eves keep usual hours unless configured. */
export const DEFAULT_EVES: Readonly<Partial<Record<EveId, EveRule>>> = {
  midsommarafton: 'closed', julafton: 'closed', nyarsafton: 'closed',
};

/** A clinic's hours on one date, in minutes after midnight; `holiday` when it is a holiday or an eve. */
export type DayHours =
  | { readonly open: false; readonly holiday?: Holiday }
  | {
    readonly open: true;
    readonly from: number;
    readonly to: number;
    /** As configured, e.g. ['08:00', '12:00'], for texts. */
    readonly hours: readonly [open: string, close: string];
    readonly holiday?: Holiday;
    /** The hours are an eve's own (a half day), not the weekday's. */
    readonly halfDay?: true;
  };

const withHoliday = (holiday: Holiday | undefined): { holiday?: Holiday } => (holiday ? { holiday } : {});

function opening(hours: readonly [string, string], holiday: Holiday | undefined, halfDay = false): DayHours {
  return {
    open: true, from: parseClock(hours[0]) ?? 0, to: parseClock(hours[1]) ?? 24 * 60, hours, ...withHoliday(holiday),
    ...(halfDay ? { halfDay } : {}),
  };
}

/**
 * When `clinic` is open on `date`: its weekly hours, unless a public holiday closes it or an eve
 * closes it or shortens the day. A half day applies only to a weekday the clinic is open anyway.
 */
export function hoursOn(clinic: Pick<Clinic, 'openingHours' | 'holidays'>, date: DateParts): DayHours {
  const weekly = (clinic.openingHours ?? DEFAULT_OPENING_HOURS)[isoWeekday(date) as keyof WeeklyHours];
  const holiday = holidayOn(date);
  if (!weekly) return { open: false, ...withHoliday(holiday) };
  if (!holiday) return opening(weekly, undefined);
  const rule = holiday.kind === 'public'
    ? (clinic.holidays?.public ?? 'closed')
    : (clinic.holidays?.eves?.[holiday.id as EveId] ?? DEFAULT_EVES[holiday.id as EveId] ?? 'open');
  if (rule === 'closed') return { open: false, holiday };
  return rule === 'open' ? opening(weekly, holiday) : opening(rule, holiday, true);
}

/** The first date from `from` on when `clinic` is open; none within a year for a clinic with no open weekday. */
export function nextOpenDay(clinic: Pick<Clinic, 'openingHours' | 'holidays'>, from: DateParts): DateParts | undefined {
  for (let i = 0; i < 366; i++) {
    const date = addDays(from, i);
    if (hoursOn(clinic, date).open) return date;
  }
  return undefined;
}
