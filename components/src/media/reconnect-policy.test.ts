import { expect } from 'chai';
import { describe, it } from 'node:test';
import { DefaultReconnectPolicy } from './reconnect-policy.js';

describe('DefaultReconnectPolicy', () => {
  it('retries at once, then backs off, then repeats the last delay', () => {
    const p = new DefaultReconnectPolicy({ delaysMs: [0, 500, 1000], giveUpAfterMs: 60_000 });
    expect([1, 2, 3, 4, 5].map((attempt) => p.nextDelayMs({ attempt, elapsedMs: 0 }))).to.deep.equal([0, 500, 1000, 1000, 1000]);
  });
  it('gives up after the limit and never waits past it', () => {
    const p = new DefaultReconnectPolicy({ delaysMs: [5000], giveUpAfterMs: 10_000 });
    expect(p.nextDelayMs({ attempt: 3, elapsedMs: 8000 })).to.equal(2000);
    expect(p.nextDelayMs({ attempt: 4, elapsedMs: 10_000 })).to.equal(null);
  });
  it('by default gives up after 45 seconds', () => {
    const p = new DefaultReconnectPolicy();
    expect(p.nextDelayMs({ attempt: 1, elapsedMs: 44_999 })).to.not.equal(null);
    expect(p.nextDelayMs({ attempt: 9, elapsedMs: 45_000 })).to.equal(null);
  });
});
