import { expect } from 'chai';
import { describe, it } from 'node:test';
import { freeStartTimes, normaliseClock } from './visit-slots.js';

describe('normaliseClock: a time as nurses type it', () => {
  const cases: [string, string | undefined][] = [
    ['09:30', '09:30'], ['9:30', '09:30'], ['9.30', '09:30'], ['0930', '09:30'], ['930', '09:30'], [' 14.05 ', '14:05'],
    ['9', '09:00'], ['23:59', '23:59'], ['0000', '00:00'],
    ['24:00', undefined], ['9:60', undefined], ['2430', undefined], ['halv tre', undefined], ['', undefined], ['9:3', undefined], ['12345', undefined],
  ];
  for (const [typed, expected] of cases) {
    it(`${JSON.stringify(typed)} → ${String(expected)}`, () => {
      expect(normaliseClock(typed)).to.equal(expected);
    });
  }
});

describe('freeStartTimes: the start times a visit fits that day', () => {
  const date = { year: 2026, month: 11, day: 30 }; // Monday, winter time (UTC+1)
  const early = new Date('2026-11-25T11:00:00Z');
  const at = (hhmm: string): string => new Date(`2026-11-30T${hhmm}:00+01:00`).toISOString();

  it('every quarter within opening hours, the last one ending at closing time', () => {
    const times = freeStartTimes({ date, hours: ['08:00', '10:00'], durationMinutes: 45, bookings: [], now: early });
    expect(times).to.deep.equal(['08:00', '08:15', '08:30', '08:45', '09:00', '09:15']);
  });

  it('none on a closed day', () => {
    expect(freeStartTimes({ date, hours: undefined, durationMinutes: 45, bookings: [], now: early })).to.deep.equal([]);
  });

  it('leaves out times overlapping a booked visit, but not a cancelled one', () => {
    const times = freeStartTimes({
      date, hours: ['08:00', '11:00'], durationMinutes: 30, now: early,
      bookings: [
        { start: at('09:00'), durationMinutes: 45, status: 'booked' },
        { start: at('10:00'), durationMinutes: 60, status: 'cancelled' },
      ],
    });
    expect(times).to.deep.equal(['08:00', '08:15', '08:30', '09:45', '10:00', '10:15', '10:30']);
  });

  it('only times still ahead today', () => {
    const now = new Date('2026-11-30T08:20:00+01:00');
    expect(freeStartTimes({ date, hours: ['08:00', '09:30'], durationMinutes: 30, bookings: [], now })).to.deep.equal(['08:30', '08:45', '09:00']);
  });

  it('a clinic open around the clock offers the whole day, in Swedish time across daylight saving', () => {
    const summerDay = { year: 2027, month: 6, day: 1 };
    const times = freeStartTimes({ date: summerDay, hours: ['00:00', '24:00'], durationMinutes: 15, bookings: [], now: early });
    expect(times).to.have.length(96);
    expect([times[0], times[95]]).to.deep.equal(['00:00', '23:45']);
  });
});
