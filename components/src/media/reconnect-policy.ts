/** What a reconnect policy is told before each new attempt. */
export interface ReconnectContext {
  /** 1 for the first retry. */
  readonly attempt: number;
  /** Time since the connection was lost. */
  readonly elapsedMs: number;
}

/**
 * Decides when to try again after a lost connection, or that it is time to give up (null).
 * Injected into the call, so a region (or a test) can choose another.
 */
export interface ReconnectPolicy {
  nextDelayMs(context: ReconnectContext): number | null;
}

export interface DefaultReconnectOptions {
  /** Waits before each attempt; the last one repeats. */
  readonly delaysMs?: readonly number[];
  /** Give up after this long without a connection. */
  readonly giveUpAfterMs?: number;
}

/**
 * Quick retries first (a short Wi-Fi drop often heals in a second), then every few seconds, and
 * give up after 45 s: by then a phone call serves the patient better.
 */
export class DefaultReconnectPolicy implements ReconnectPolicy {
  readonly #delays: readonly number[];
  readonly #giveUpAfterMs: number;

  constructor(options: DefaultReconnectOptions = {}) {
    this.#delays = options.delaysMs ?? [0, 500, 1000, 2000, 3000];
    this.#giveUpAfterMs = options.giveUpAfterMs ?? 45_000;
  }

  nextDelayMs({ attempt, elapsedMs }: ReconnectContext): number | null {
    if (elapsedMs >= this.#giveUpAfterMs) return null;
    const delay = this.#delays[Math.min(attempt - 1, this.#delays.length - 1)] ?? 0;
    return Math.min(delay, Math.max(0, this.#giveUpAfterMs - elapsedMs));
  }
}
