import { expect } from 'chai';
import { describe, it } from 'node:test';
import { CALL_TRANSITIONS, CallStateChangeEvent, CallStateMachine, IllegalTransitionError, type CallState } from './call-state.js';

const ALL: CallState[] = ['idle', 'waiting', 'connecting', 'connected', 'reconnecting', 'ended', 'failed'];

describe('CallStateMachine', () => {
  it('walks a normal visit, logging and emitting every change', () => {
    const log: string[] = [];
    const events: string[] = [];
    const m = new CallStateMachine((line) => log.push(line));
    m.addEventListener('state-change', (e) => {
      if (e instanceof CallStateChangeEvent) events.push(`${e.from}>${e.to}`);
    });
    for (const [to, why] of [['waiting', 'knocked'], ['connecting', 'admitted'], ['connected', 'media'], ['reconnecting', 'ice failed'], ['connecting', 'new call'], ['connected', 'media'], ['ended', 'hang up']] as const) {
      expect(m.transition(to, why)).to.equal(true);
    }
    expect(log).to.deep.equal([
      'idle -> waiting (knocked)', 'waiting -> connecting (admitted)', 'connecting -> connected (media)',
      'connected -> reconnecting (ice failed)', 'reconnecting -> connecting (new call)', 'connecting -> connected (media)',
      'connected -> ended (hang up)',
    ]);
    expect(events).to.have.length(7);
    expect(m.done).to.equal(true);
  });

  it('ignores a change to the current state: no log, no event', () => {
    const log: string[] = [];
    const m = new CallStateMachine((line) => log.push(line));
    m.transition('waiting', 'knock');
    let fired = 0;
    m.addEventListener('state-change', () => fired++);
    expect(m.transition('waiting', 'knock again')).to.equal(false);
    expect(fired).to.equal(0);
    expect(log).to.have.length(1);
  });

  describe('the table', () => {
    for (const from of ALL) {
      for (const to of ALL) {
        if (from === to) continue;
        const allowed = CALL_TRANSITIONS[from].includes(to);
        it(`${allowed ? 'allows' : 'refuses'} ${from} -> ${to}`, () => {
          const m = new CallStateMachine();
          // Reach `from` along allowed edges.
          const path: Record<CallState, CallState[]> = {
            idle: [], waiting: ['waiting'], connecting: ['connecting'], connected: ['connecting', 'connected'],
            reconnecting: ['connecting', 'reconnecting'], ended: ['ended'], failed: ['failed'],
          };
          for (const step of path[from]) m.transition(step, 'setup');
          if (allowed) expect(m.transition(to, 'test')).to.equal(true);
          else expect(() => m.transition(to, 'test')).to.throw(IllegalTransitionError, `${from} -> ${to}`);
        });
      }
    }
  });

  it('treats ended and failed as final', () => {
    expect(CALL_TRANSITIONS.ended).to.deep.equal([]);
    expect(CALL_TRANSITIONS.failed).to.deep.equal([]);
  });
});
