import { expect } from 'chai';
import { describe, it } from 'node:test';
import { reconnectLoop } from './reconnect-loop.js';
import { DefaultReconnectPolicy, type ReconnectContext } from './reconnect-policy.js';

/** A clock that moves only when the loop sleeps or an attempt takes time. */
function fakeTime(): { now: () => number; sleep: (ms: number) => Promise<void>; pass: (ms: number) => void } {
  let t = 1_000_000;
  return {
    now: () => t,
    sleep: (ms) => {
      t += ms;
      return Promise.resolve();
    },
    pass: (ms) => {
      t += ms;
    },
  };
}

describe('reconnectLoop', () => {
  it('stops trying as soon as an attempt works', async () => {
    const time = fakeTime();
    const tries: number[] = [];
    const outcome = await reconnectLoop({
      policy: () => new DefaultReconnectPolicy(), stopped: () => false, ...time,
      attempt: (n) => {
        tries.push(n);
        return Promise.resolve(n === 3);
      },
    });
    expect(outcome).to.equal('recovered');
    expect(tries).to.deep.equal([1, 2, 3]);
  });

  it('gives the policy the real elapsed time, attempts included, so it gives up on time', async () => {
    const time = fakeTime();
    const seen: ReconnectContext[] = [];
    const policy = new DefaultReconnectPolicy({ delaysMs: [1000], giveUpAfterMs: 30_000 });
    const outcome = await reconnectLoop({
      policy: () => ({ nextDelayMs: (c) => (seen.push(c), policy.nextDelayMs(c)) }),
      stopped: () => false,
      ...time,
      // Each attempt takes 4 s (waiting for a connection that does not come).
      attempt: () => {
        time.pass(4000);
        return Promise.resolve(false);
      },
    });
    expect(outcome).to.equal('gave-up');
    expect(seen.map((c) => c.elapsedMs).slice(0, 3)).to.deep.equal([0, 5000, 10_000]);
    expect(seen.at(-1)?.elapsedMs).to.be.at.least(30_000);
    expect(seen.length).to.equal(7);
  });

  it('ends quietly when stopped meanwhile, without another attempt', async () => {
    const time = fakeTime();
    let stopped = false;
    let attempts = 0;
    const outcome = await reconnectLoop({
      policy: () => new DefaultReconnectPolicy(), ...time, stopped: () => stopped,
      attempt: () => {
        attempts++;
        stopped = true;
        return Promise.resolve(false);
      },
    });
    expect(outcome).to.equal('stopped');
    expect(attempts).to.equal(1);
  });

  it('asks the current policy each time (one injected meanwhile applies)', async () => {
    const time = fakeTime();
    let policy = new DefaultReconnectPolicy({ giveUpAfterMs: 3_600_000 });
    let attempts = 0;
    const outcome = await reconnectLoop({
      policy: () => policy, stopped: () => false, ...time,
      attempt: () => {
        if (++attempts === 2) policy = new DefaultReconnectPolicy({ giveUpAfterMs: 0 });
        return Promise.resolve(false);
      },
    });
    expect(outcome).to.equal('gave-up');
    expect(attempts).to.equal(2);
  });
});
