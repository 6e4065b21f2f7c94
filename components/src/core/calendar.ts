import type { Booking } from './booking.js';
import { bookingEnd } from './booking.js';
import { addDays, isoDate, mondayOf, swedishDate, swedishInstant, type DateParts } from './time.js';

export type CalendarView = 'day' | 'week' | 'agenda';
export const CALENDAR_VIEWS: readonly CalendarView[] = ['day', 'week', 'agenda'];

/** How far ahead the agenda looks. */
export const AGENDA_DAYS = 30;
/** A visit can be started this long before its start (and until it ends). */
export const START_EARLY_MINUTES = 15;

export interface CalendarRange {
  /** The Swedish days shown, in order. */
  readonly days: readonly DateParts[];
  /** Start of the first day, Swedish midnight. */
  readonly from: Date;
  /** Start of the day after the last. */
  readonly to: Date;
}

export function calendarRange(view: CalendarView, anchor: DateParts): CalendarRange {
  const first = view === 'week' ? mondayOf(anchor) : anchor;
  const count = view === 'day' ? 1 : view === 'week' ? 7 : AGENDA_DAYS;
  const days = Array.from({ length: count }, (_, i) => addDays(first, i));
  return { days, from: swedishInstant(first, 0), to: swedishInstant(addDays(first, count), 0) };
}

/** The anchor one page earlier or later in a view. */
export function shiftAnchor(view: CalendarView, anchor: DateParts, direction: -1 | 1): DateParts {
  return addDays(anchor, direction * (view === 'day' ? 1 : view === 'week' ? 7 : AGENDA_DAYS));
}

/** Bookings by Swedish day ('YYYY-MM-DD'), each day in start order. */
export function bookingsByDay(bookings: readonly Booking[]): Map<string, Booking[]> {
  const byDay = new Map<string, Booking[]>();
  for (const b of [...bookings].sort((a, z) => a.start.localeCompare(z.start))) {
    const key = isoDate(swedishDate(new Date(b.start)));
    const list = byDay.get(key);
    if (list) list.push(b);
    else byDay.set(key, [b]);
  }
  return byDay;
}

/** "Starta besök" is possible from 15 minutes before the start until the visit's end. */
export function canStartVisit(booking: Pick<Booking, 'start' | 'durationMinutes' | 'status'>, now: Date): boolean {
  if (booking.status !== 'booked') return false;
  const t = now.getTime();
  return t >= Date.parse(booking.start) - START_EARLY_MINUTES * 60_000 && t < bookingEnd(booking).getTime();
}
