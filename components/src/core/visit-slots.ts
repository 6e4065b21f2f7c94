import type { Booking } from './booking.js';
import { clockText, parseClock, swedishInstant, type DateParts } from './time.js';

/**
 * A typed time in any of the ways nurses write it — '09:30', '9:30', '9.30', '0930', '930' or a
 * whole hour '9' — as 'HH:MM'; undefined when it is not a time of day.
 */
export function normaliseClock(text: string): string | undefined {
  const t = text.trim();
  const m = /^(\d{1,2})(?:[:.]?(\d{2}))?$/.exec(t);
  if (!m) return undefined;
  const [hours, minutes] = [Number(m[1]), Number(m[2] ?? '0')];
  return hours < 24 && minutes < 60 ? clockText(hours * 60 + minutes) : undefined;
}

/** How far apart the offered start times are. */
export const SLOT_STEP_MINUTES = 15;

export interface FreeStartQuery {
  /** The Swedish date of the visit. */
  readonly date: DateParts;
  /** That day's opening hours ('HH:MM', '24:00' for midnight); closed when undefined. */
  readonly hours: readonly [open: string, close: string] | undefined;
  readonly durationMinutes: number;
  /** The clinic's bookings that day; cancelled ones do not take a time. */
  readonly bookings: readonly Pick<Booking, 'start' | 'durationMinutes' | 'status'>[];
  readonly now: Date;
  readonly stepMinutes?: number;
}

/**
 * The start times, 'HH:MM' every quarter of an hour, at which a visit of the given length fits
 * that day: after now, within opening hours, overlapping no other visit of the clinic.
 */
export function freeStartTimes({ date, hours, durationMinutes, bookings, now, stepMinutes = SLOT_STEP_MINUTES }: FreeStartQuery): string[] {
  if (!hours) return [];
  const open = parseClock(hours[0]);
  const close = parseClock(hours[1]);
  if (open === undefined || close === undefined) return [];
  const taken = bookings.filter((b) => b.status !== 'cancelled').map((b) => {
    const start = Date.parse(b.start);
    return [start, start + b.durationMinutes * 60_000] as const;
  });
  const free: string[] = [];
  for (let minutes = Math.ceil(open / stepMinutes) * stepMinutes; minutes + durationMinutes <= close; minutes += stepMinutes) {
    const start = swedishInstant(date, minutes).getTime();
    const end = start + durationMinutes * 60_000;
    if (start <= now.getTime()) continue;
    if (taken.some(([s, e]) => start < e && s < end)) continue;
    free.push(clockText(minutes));
  }
  return free;
}
