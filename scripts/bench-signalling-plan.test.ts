import { expect } from 'chai';
import { describe, it } from 'node:test';
import { checkPeerMessage } from '../demo/server/signalling-guard.js';
import { answerMessage, HEARTBEAT, knocksDue, largestHeld, nextStep, offerMessage, percentile, visitsOf, type StepResult } from './bench-signalling-plan.js';

describe('percentile', () => {
  const table: [number[], number, number][] = [
    [[5], 95, 5],
    [[1, 2, 3, 4], 50, 2],
    [[4, 3, 2, 1], 100, 4],
    [[4, 3, 2, 1], 0, 1],
    // Nearest rank: of 20 samples the 19th is the p95, of 21 the 20th.
    [Array.from({ length: 20 }, (_, i) => i + 1), 95, 19],
    [Array.from({ length: 21 }, (_, i) => i + 1), 95, 20],
    // One lost knock in 20 leaves the p95 finite; two make it Infinity.
    [[...Array.from({ length: 19 }, () => 3), Infinity], 95, 3],
    [[...Array.from({ length: 18 }, () => 3), Infinity, Infinity], 95, Infinity],
  ];
  for (const [samples, p, expected] of table) {
    it(`p${p} of [${samples.join(', ')}] is ${expected}`, () => {
      expect(percentile(samples, p)).to.equal(expected);
    });
  }
  it('is NaN for no samples, and leaves its input unsorted', () => {
    expect(percentile([], 95)).to.be.NaN;
    const samples = [3, 1, 2];
    percentile(samples, 50);
    expect(samples).to.deep.equal([3, 1, 2]);
  });
});

describe('nextStep', () => {
  const plan = { start: 1000, cap: 19_000, refine: 1, grain: 500 };
  const steps = (...results: [number, boolean][]): StepResult[] => results.map(([peers, ok]) => ({ peers, ok }));
  const table: [string, StepResult[], number | undefined][] = [
    ['starts at start', [], 1000],
    ['doubles while counts hold', steps([1000, true], [2000, true]), 4000],
    ['tries the cap once when doubling would pass it', steps([1000, true], [2000, true], [4000, true], [8000, true], [16_000, true]), 19_000],
    ['stops at the cap', steps([16_000, true], [19_000, true]), undefined],
    ['halves the gap after the first failure', steps([1000, true], [2000, true], [4000, true], [8000, false]), 6000],
    ['stops after the refinements asked for', steps([4000, true], [8000, false], [6000, true]), undefined],
    ['rounds to the grain', steps([1000, true], [2000, false]), 1500],
    ['stops when the gap is one grain', steps([1000, true], [1500, false]), undefined],
    ['halves down to zero when the first count fails', steps([1000, false]), 500],
  ];
  for (const [name, done, expected] of table) {
    it(name, () => {
      expect(nextStep(done, plan)).to.equal(expected);
    });
  }
  it('refines as often as asked, each time between the nearest held and failed counts', () => {
    const deeper = { ...plan, refine: 2 };
    expect(nextStep(steps([4000, true], [8000, false], [6000, true]), deeper)).to.equal(7000);
    expect(nextStep(steps([4000, true], [8000, false], [6000, false]), deeper)).to.equal(5000);
    expect(nextStep(steps([4000, true], [8000, false], [6000, true], [7000, true]), deeper)).to.equal(undefined);
  });
  it('never starts beyond the cap', () => {
    expect(nextStep([], { ...plan, cap: 700 })).to.equal(700);
  });
});

describe('largestHeld', () => {
  it('is the largest count that held, or 0', () => {
    expect(largestHeld([{ peers: 4000, ok: true }, { peers: 8000, ok: false }, { peers: 6000, ok: true }])).to.equal(6000);
    expect(largestHeld([{ peers: 1000, ok: false }])).to.equal(0);
  });
});

describe('visitsOf', () => {
  const table: [number, number, { rooms: number; guests: number }][] = [
    [2000, 2, { rooms: 667, guests: 1333 }],
    [2000, 1, { rooms: 1000, guests: 1000 }],
    [3, 2, { rooms: 1, guests: 2 }],
    [2, 3, { rooms: 1, guests: 1 }],
    [1, 2, { rooms: 0, guests: 0 }],
  ];
  for (const [peers, k, expected] of table) {
    it(`${peers} peers with ${k} guests a room are ${expected.rooms} rooms and ${expected.guests} guests`, () => {
      expect(visitsOf(peers, k)).to.deep.equal(expected);
    });
  }
});

describe('knocksDue', () => {
  it('keeps the rate over uneven ticks by carrying the fraction', () => {
    let carry = 0;
    let sent = 0;
    // 2,000 peers knocking once a minute: 33.3 a second, over 3 s of 7 ms to 93 ms ticks.
    for (let t = 0, i = 0; t < 3000; i++) {
      const elapsed = 7 + ((i * 37) % 87);
      const due = knocksDue(carry, Math.min(elapsed, 3000 - t), 2000 / 60);
      carry = due.carry;
      sent += due.now;
      t += Math.min(elapsed, 3000 - t);
    }
    expect(sent).to.equal(100);
  });
});

describe('the knock the bench sends', () => {
  it('is what the demo server guard lets through, as are the answer and the heartbeat', () => {
    expect(checkPeerMessage(offerMessage('dh-0123456789abcdef0123456789abcdef', 'dc_0a1b2c3d4e'))).to.equal(undefined);
    expect(checkPeerMessage(answerMessage('g-17-3f9a', 'dc_0a1b2c3d4e'))).to.equal(undefined);
    expect(checkPeerMessage(HEARTBEAT)).to.equal(undefined);
  });
});
