import { expect } from 'chai';
import { describe, it } from 'node:test';
import { RENEW_BEFORE_MS, renewIn } from './ice.js';

describe('when a TURN grant is renewed', () => {
  const now = Date.parse('2026-03-02T09:00:00Z');
  const table: [string, number, number][] = [
    ['four hours left: ten minutes before it lapses', now + 4 * 3_600_000, 4 * 3_600_000 - RENEW_BEFORE_MS],
    ['eleven minutes left: in a minute', now + 11 * 60_000, 60_000],
    ['five minutes left: after half a minute, not in a tight loop', now + 5 * 60_000, 30_000],
    ['lapsed already: after half a minute', now - 60_000, 30_000],
    ['a year away: no further than a timer can wait', now + 365 * 86_400_000, 2 ** 31 - 1],
  ];
  for (const [what, expiresAt, expected] of table) {
    it(what, () => {
      expect(renewIn(expiresAt, now)).to.equal(expected);
    });
  }
});
