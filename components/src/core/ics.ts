import { TZDate } from '@date-fns/tz';
import { getVtimezoneComponent } from '@touch4it/ical-timezones';
import ical, { ICalEventStatus } from 'ical-generator';
import type { Booking } from './booking.js';
import { bookingEnd } from './booking.js';
import type { Clinic } from './config.js';
import { TIME_ZONE } from './time.js';

/**
 * The booking as an RFC 5545 calendar file in Swedish time (with its VTIMEZONE), for the nurse's
 * own calendar. Kept out of the core's index: the time-zone data is large, so the calendar loads
 * this module only when a nurse asks for a file.
 */
export function bookingIcs(
  booking: Pick<Booking, 'id' | 'version' | 'start' | 'durationMinutes' | 'reason' | 'status' | 'participant'>,
  clinic: Pick<Clinic, 'name'>,
  now: Date = new Date(),
): string {
  const calendar = ical({ prodId: { company: 'digitala-halsosamtal', product: 'dh-calendar', language: 'SV' } });
  calendar.timezone({ name: null, generator: getVtimezoneComponent });
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
