import { expect } from 'chai';
import { describe, it } from 'node:test';
import type { VisitSummary } from '../../../components/src/bridge/protocol.js';
import { cachedToday, cacheOf, dayOf, popupSpan } from './visit-cache.js';

// Noon in Sweden, winter time (UTC+1).
const NOW = new Date('2026-11-25T11:00:00Z');
const visit = (start: string): VisitSummary => ({
  bookingId: '3f2b8c1e-1111-4222-8333-444455556666', start, durationMinutes: 45, firstName: 'Tolvan',
  interpreter: false, status: 'booked', lobbyUrl: 'https://intranat.regionexempel.se/lobby#3f2b8c1e-1111-4222-8333-444455556666',
});

describe('the popup’s visit cache', () => {
  it('spans today and tomorrow in Swedish time', () => {
    expect(popupSpan(NOW)).to.deep.equal({ from: '2026-11-24T23:00:00.000Z', to: '2026-11-26T23:00:00.000Z' });
  });

  it('keeps only what the popup shows', () => {
    const cache = cacheOf([visit('2026-11-25T08:00:00.000Z'), visit('2026-11-26T22:30:00.000Z'), visit('2026-11-26T23:00:00.000Z'), visit('2026-11-24T22:59:00.000Z')], NOW);
    expect(cache.visits.map((v) => v.start)).to.deep.equal(['2026-11-25T08:00:00.000Z', '2026-11-26T22:30:00.000Z']);
    expect(cache.day).to.equal('2026-11-25');
  });

  it('is read back the same Swedish day and purged the next', () => {
    const cache = cacheOf([visit('2026-11-25T08:00:00.000Z')], NOW);
    expect(cachedToday(cache, new Date('2026-11-25T22:59:00Z'))).to.deep.equal(cache);
    expect(cachedToday(cache, new Date('2026-11-25T23:00:00Z'))).to.equal(undefined);
    expect(cachedToday({ day: '2026-11-25' }, NOW)).to.equal(undefined);
    expect(cachedToday(null, NOW)).to.equal(undefined);
  });

  it('puts each visit under today or tomorrow, across the change to summer time too', () => {
    expect(dayOf(visit('2026-11-25T22:30:00.000Z'), NOW)).to.equal('today');
    expect(dayOf(visit('2026-11-25T23:30:00.000Z'), NOW)).to.equal('tomorrow');
    expect(dayOf(visit('2026-11-27T09:00:00.000Z'), NOW)).to.equal('other');
    // 28 March 2026, the day before summer time: tomorrow is 29 March, 23 hours long.
    const beforeDst = new Date('2026-03-28T20:00:00Z');
    expect(dayOf(visit('2026-03-29T21:30:00.000Z'), beforeDst)).to.equal('tomorrow');
    expect(dayOf(visit('2026-03-29T22:30:00.000Z'), beforeDst)).to.equal('other');
  });
});
