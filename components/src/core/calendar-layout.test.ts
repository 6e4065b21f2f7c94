import { expect } from 'chai';
import { describe, it } from 'node:test';
import { DEFAULT_AXIS, axisFor, hourMarks, layoutDay, nowPosition, positionOf, type Span } from './calendar-layout.js';
import { parseClock } from './time.js';

/** '08:00-17:00' → a span. */
const span = (text: string): Span => {
  const [a = '', b = ''] = text.split('-');
  return { start: parseClock(a)!, end: parseClock(b)! };
};
const hours = (text: string) => {
  const axis = axisFor([], [span(text)]);
  return `${String(axis.from / 60)}-${String(axis.to / 60)}`;
};

describe('the time axis', () => {
  it('spans the opening hours of the days shown, widened to whole hours to fit every visit', () => {
    const cases: [what: string, openings: string[], visits: string[], from: number, to: number][] = [
      ['one opening', ['08:00-17:00'], [], 8, 17],
      ['different days', ['08:00-17:00', '07:30-16:00', '10:00-19:15'], [], 7, 20],
      ['a visit after closing', ['08:00-17:00'], ['17:30-18:15'], 8, 19],
      ['a visit before opening', ['08:00-17:00'], ['06:45-07:30'], 6, 17],
      ['an always-open clinic', ['00:00-24:00'], ['23:30-24:00'], 0, 24],
      ['visits only (a closed week)', [], ['10:00-10:45'], 10, 11],
    ];
    for (const [what, openings, visits, from, to] of cases) {
      expect(axisFor(openings.map(span), visits.map(span)), what).to.deep.equal({ from: from * 60, to: to * 60 });
    }
    expect(axisFor([], [])).to.deep.equal(DEFAULT_AXIS);
    expect(hours('10:00-10:00')).to.equal('10-11'); // never an axis of no height
  });

  it('labels every whole hour', () => {
    expect(hourMarks({ from: 7 * 60, to: 10 * 60 })).to.deep.equal([420, 480, 540]);
  });

  it('places times as fractions of the axis, clamped', () => {
    const axis = { from: 8 * 60, to: 18 * 60 };
    expect(positionOf(13 * 60, axis)).to.equal(0.5);
    expect(positionOf(6 * 60, axis)).to.equal(0);
    expect(positionOf(20 * 60, axis)).to.equal(1);
  });

  it('draws the now-line only while now is on the axis', () => {
    const axis = { from: 8 * 60, to: 18 * 60 };
    expect(nowPosition(8 * 60, axis)).to.equal(0);
    expect(nowPosition(10 * 60 + 30, axis)).to.equal(0.25);
    expect(nowPosition(7 * 60 + 59, axis)).to.equal(undefined);
    expect(nowPosition(18 * 60 + 1, axis)).to.equal(undefined);
  });
});

describe('laying out a day', () => {
  const axis = { from: 8 * 60, to: 16 * 60 };
  /** Each visit as 'column/columns'. */
  const columns = (visits: string[]): string[] =>
    layoutDay(visits, span, axis).map((p) => `${String(p.column)}/${String(p.columns)}`);

  it('places and sizes a visit by its time', () => {
    const [placed] = layoutDay(['10:00-11:00'], span, axis);
    expect(placed).to.deep.include({ top: 0.25, height: 0.125, column: 0, columns: 1 });
  });

  it('puts overlapping visits side by side, and only those', () => {
    const cases: [what: string, visits: string[], expected: string[]][] = [
      ['no overlap', ['08:00-08:45', '09:00-09:45'], ['0/1', '0/1']],
      ['back to back', ['08:00-08:45', '08:45-09:30'], ['0/1', '0/1']],
      ['two overlapping', ['08:00-09:00', '08:30-09:30'], ['0/2', '1/2']],
      ['three at once', ['08:00-09:00', '08:15-09:00', '08:30-09:00'], ['0/3', '1/3', '2/3']],
      // A chain: the first and the third never meet, so the third reuses the first column.
      ['a chain of two pairs', ['08:00-09:00', '08:30-09:30', '09:00-10:00'], ['0/2', '1/2', '0/2']],
      ['a separate visit keeps the full width', ['08:00-09:00', '08:30-09:30', '11:00-11:45'], ['0/2', '1/2', '0/1']],
      ['a long visit under short ones', ['08:00-12:00', '08:00-08:30', '09:00-09:30', '10:00-10:30'], ['0/2', '1/2', '1/2', '1/2']],
      ['given out of order', ['08:30-09:30', '08:00-09:00'], ['1/2', '0/2']],
    ];
    for (const [what, visits, expected] of cases) expect(columns(visits), what).to.deep.equal(expected);
  });

  it('never needs more columns than visits at one moment (greedy colouring in start order)', () => {
    // A seeded day of 100 random visits, as the benchmark's busiest week has.
    let seed = 7;
    const random = (n: number): number => {
      seed = (seed * 48271) % 2147483647;
      return seed % n;
    };
    const visits = Array.from({ length: 100 }, () => {
      const start = 8 * 60 + random(96) * 5;
      return { start, end: start + 15 + random(8) * 15 };
    });
    const placed = layoutDay(visits, (v) => v, axis);
    for (const p of placed) {
      const atOnce = visits.filter((v) => v.start <= p.item.start && v.end > p.item.start).length;
      const together = placed.filter((q) => q.item.start < p.item.end && q.item.end > p.item.start && q !== p);
      // No two overlapping visits share a column, and no cluster is wider than its busiest moment needs.
      for (const q of together) expect(q.column, `${JSON.stringify(p.item)} and ${JSON.stringify(q.item)}`).to.not.equal(p.column);
      expect(p.column).to.be.below(p.columns);
      expect(atOnce).to.be.at.most(p.columns);
    }
    const busiest = Math.max(...visits.map((v) => visits.filter((w) => w.start <= v.start && w.end > v.start).length));
    expect(Math.max(...placed.map((p) => p.columns))).to.equal(busiest);
  });
});
