import { TZDate } from '@date-fns/tz';
import ical, { ICalEventStatus } from 'ical-generator';
import type { Booking } from './booking.js';
import { bookingEnd } from './booking.js';
import type { Clinic } from './config.js';
import { TIME_ZONE } from './time.js';

/**
 * Sweden's time-zone rules (EU summer time since 1996) as an RFC 5545 VTIMEZONE. Packages that
 * ship every zone read them from disk, which a browser cannot; this one zone is all we need.
 */
const STOCKHOLM_VTIMEZONE = [
  'BEGIN:VTIMEZONE',
  'TZID:Europe/Stockholm',
  'X-LIC-LOCATION:Europe/Stockholm',
  'BEGIN:DAYLIGHT',
  'TZOFFSETFROM:+0100',
  'TZOFFSETTO:+0200',
  'TZNAME:CEST',
  'DTSTART:19700329T020000',
  'RRULE:FREQ=YEARLY;BYMONTH=3;BYDAY=-1SU',
  'END:DAYLIGHT',
  'BEGIN:STANDARD',
  'TZOFFSETFROM:+0200',
  'TZOFFSETTO:+0100',
  'TZNAME:CET',
  'DTSTART:19701025T030000',
  'RRULE:FREQ=YEARLY;BYMONTH=10;BYDAY=-1SU',
  'END:STANDARD',
  'END:VTIMEZONE',
].join('\r\n');

const vtimezone = (zone: string): string | null => (zone === TIME_ZONE ? STOCKHOLM_VTIMEZONE : null);

/**
 * The booking as an RFC 5545 calendar file in Swedish time (with its VTIMEZONE), for the nurse's
 * own calendar. Kept out of the core's index: the calendar loads it (and ical-generator) only
 * when a nurse asks for a file.
 */
export function bookingIcs(
  booking: Pick<Booking, 'id' | 'version' | 'start' | 'durationMinutes' | 'reason' | 'status' | 'participant'>,
  clinic: Pick<Clinic, 'name'>,
  now: Date = new Date(),
): string {
  const calendar = ical({ prodId: { company: 'digitala-halsosamtal', product: 'dh-calendar', language: 'SV' } });
  calendar.timezone({ name: null, generator: vtimezone });
  calendar.createEvent({
    id: `${booking.id}@digitala-halsosamtal`,
    sequence: booking.version,
    stamp: now,
    start: new TZDate(Date.parse(booking.start), TIME_ZONE),
    end: new TZDate(bookingEnd(booking).getTime(), TIME_ZONE),
    timezone: TIME_ZONE,
    // The nurse's own calendar: the name helps her, the personnummer stays out.
    summary: `Videobesök: ${booking.participant.givenName} ${booking.participant.familyName}`,
    description: `Ärende: ${booking.reason}\nMottagning: ${clinic.name}`,
    location: clinic.name,
    status: booking.status === 'cancelled' ? ICalEventStatus.CANCELLED : ICalEventStatus.CONFIRMED,
  });
  return calendar.toString();
}
