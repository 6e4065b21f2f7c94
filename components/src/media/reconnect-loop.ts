import type { ReconnectPolicy } from './reconnect-policy.js';

export type LoopOutcome = 'recovered' | 'gave-up' | 'stopped';

export interface ReconnectLoopOptions {
  /** Asked before every attempt, so a policy changed meanwhile applies at once. */
  readonly policy: () => ReconnectPolicy;
  /** One attempt; true when the connection is back. */
  readonly attempt: (attempt: number) => Promise<boolean>;
  /** Asked after every wait: the session ended, or the thing to restore is no longer wanted. */
  readonly stopped: () => boolean;
  readonly now?: () => number;
  readonly sleep?: (ms: number) => Promise<void>;
  /** When the connection was lost, if before this loop began (a loop taken up again). */
  readonly since?: number;
}

const realSleep = (ms: number): Promise<void> => new Promise((resolve) => setTimeout(resolve, ms));

/**
 * The one reconnect loop of a session, for calls and for the signalling server alike: wait as the
 * policy says, try, and repeat until it works, the policy gives up, or nobody wants it any more.
 * The policy sees the real time since the loss, so "give up after 45 s" means 45 s of wall time
 * however long each attempt takes.
 */
export async function reconnectLoop(options: ReconnectLoopOptions): Promise<LoopOutcome> {
  const now = options.now ?? Date.now;
  const sleep = options.sleep ?? realSleep;
  const since = options.since ?? now();
  for (let attempt = 1; ; attempt++) {
    if (options.stopped()) return 'stopped';
    const delay = options.policy().nextDelayMs({ attempt, elapsedMs: now() - since });
    if (delay === null) return 'gave-up';
    await sleep(delay);
    if (options.stopped()) return 'stopped';
    if (await options.attempt(attempt)) return 'recovered';
  }
}
