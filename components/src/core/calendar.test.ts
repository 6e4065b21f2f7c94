import { expect } from 'chai';
import { describe, it } from 'node:test';
import { bookingsByDay, calendarRange, canStartVisit, shiftAnchor } from './calendar.js';
import { addDays, isoWeek, mondayOf } from './time.js';
import type { Booking } from './booking.js';

const d = (year: number, month: number, day: number) => ({ year, month, day });

describe('calendar rules', () => {
  it('numbers ISO weeks as Swedish calendars do', () => {
    const cases: [[number, number, number], number][] = [
      [[2026, 11, 25], 48], [[2026, 11, 30], 49], [[2026, 12, 31], 53], [[2027, 1, 1], 53], [[2027, 1, 4], 1],
      [[2025, 12, 29], 1], [[2024, 12, 30], 1], [[2021, 1, 3], 53], [[2020, 12, 31], 53], [[2026, 1, 1], 1],
    ];
    for (const [[y, m, dd], week] of cases) expect(isoWeek(d(y, m, dd)), `${y}-${m}-${dd}`).to.equal(week);
  });

  it('starts weeks on Monday', () => {
    expect(mondayOf(d(2026, 11, 25))).to.deep.equal(d(2026, 11, 23));
    expect(mondayOf(d(2026, 11, 29))).to.deep.equal(d(2026, 11, 23)); // Sunday belongs to the week before
    expect(mondayOf(d(2026, 11, 30))).to.deep.equal(d(2026, 11, 30));
  });

  it('gives a week range from Swedish Monday midnight to the next, across the DST change', () => {
    const r = calendarRange('week', d(2027, 3, 31));
    expect(r.days).to.have.length(7);
    expect(r.from.toISOString()).to.equal('2027-03-28T22:00:00.000Z'); // Mon 29 March, summer time
    expect(r.to.toISOString()).to.equal('2027-04-04T22:00:00.000Z');
    const winter = calendarRange('week', d(2026, 10, 28));
    expect(winter.from.toISOString()).to.equal('2026-10-25T23:00:00.000Z');
  });

  it('pages by a day, a week or the agenda length', () => {
    expect(shiftAnchor('day', d(2026, 12, 31), 1)).to.deep.equal(d(2027, 1, 1));
    expect(shiftAnchor('week', d(2026, 11, 25), -1)).to.deep.equal(d(2026, 11, 18));
    expect(shiftAnchor('agenda', d(2026, 11, 25), 1)).to.deep.equal(addDays(d(2026, 11, 25), 30));
  });

  it('groups bookings by Swedish day in start order', () => {
    const b = (start: string) => ({ start }) as Booking;
    const byDay = bookingsByDay([b('2026-11-30T13:00:00Z'), b('2026-11-29T23:30:00Z'), b('2026-11-30T08:00:00Z')]);
    expect([...byDay.keys()]).to.deep.equal(['2026-11-30']);
    expect(byDay.get('2026-11-30')!.map((x) => x.start)).to.deep.equal(['2026-11-29T23:30:00Z', '2026-11-30T08:00:00Z', '2026-11-30T13:00:00Z']);
  });

  it('allows starting a visit from 15 minutes before until it ends, never when cancelled', () => {
    const booking = { start: '2026-11-30T13:30:00.000Z', durationMinutes: 45, status: 'booked' as const };
    const at = (iso: string) => canStartVisit(booking, new Date(iso));
    expect(at('2026-11-30T13:14:59Z')).to.equal(false);
    expect(at('2026-11-30T13:15:00Z')).to.equal(true);
    expect(at('2026-11-30T14:14:59Z')).to.equal(true);
    expect(at('2026-11-30T14:15:00Z')).to.equal(false);
    expect(canStartVisit({ ...booking, status: 'cancelled' }, new Date('2026-11-30T13:30:00Z'))).to.equal(false);
  });
});
