import type { OutboxEntry, OutboxError, OutboxStore } from '../store/index.js';

export interface SmsMessage {
  /** E.164 mobile number. */
  readonly to: string;
  readonly text: string;
  /** What the text is, e.g. 'invite', 'update', 'cancel', for the UI and the outbox. */
  readonly kind: string;
  readonly bookingId?: string;
}

/** How a send went. A failure is a code (and the relay's reason), worded where it is shown. */
export type SendResult =
  | { readonly status: 'sent'; readonly id: string }
  /** Not delivered yet: kept in the outbox and retried later. */
  | { readonly status: 'queued'; readonly id: string; readonly error: Extract<OutboxError, { code: 'queued' }> }
  /** The relay refused it (4xx): retrying would not help; a person must look at it. */
  | { readonly status: 'rejected'; readonly id: string; readonly error: Extract<OutboxError, { code: 'rejected' }> };

export interface BackoffOptions {
  /** Tries within one `send()`; after the last, the outbox's slower retries (`flush()`) take over. */
  readonly attempts: number;
  /** First wait between tries; doubles each time up to `maxMs`. */
  readonly baseMs: number;
  readonly maxMs: number;
  /** First wait before an outbox entry is retried; doubles per failed flush up to `outboxMaxMs`. */
  readonly outboxBaseMs: number;
  readonly outboxMaxMs: number;
}

export const DEFAULT_BACKOFF: BackoffOptions = {
  attempts: 3,
  baseMs: 1_000,
  maxMs: 8_000,
  outboxBaseMs: 30_000,
  outboxMaxMs: 15 * 60_000,
};

export interface SmsRelayOptions {
  /** The region's relay endpoint (JSON POST). The browser never holds an SMS provider key. */
  readonly url: string;
  readonly outbox: OutboxStore;
  readonly backoff?: Partial<BackoffOptions>;
  readonly now?: () => Date;
  /** Per-request time limit. */
  readonly timeoutMs?: number;
}

/** Fired on the relay whenever the outbox changes, so a view can show what is still unsent. */
export class OutboxChangeEvent extends Event {
  constructor(readonly entries: readonly OutboxEntry[]) {
    super('outbox-change');
  }
}

interface Attempt {
  readonly outcome: 'sent' | 'retry' | 'rejected';
  /** The relay's reason for a refusal, in its words. */
  readonly reason?: string;
}

/** The outcome of a failed attempt, as a result and as what the outbox keeps. */
function failure(id: string, attempt: Attempt): Exclude<SendResult, { status: 'sent' }> {
  return attempt.outcome === 'rejected'
    ? { status: 'rejected', id, error: { code: 'rejected', reason: attempt.reason ?? '' } }
    : { status: 'queued', id, error: { code: 'queued' } };
}

const sleep = (ms: number): Promise<void> => new Promise((resolve) => setTimeout(resolve, ms));

/**
 * Sends SMS through the configured relay. Every message is written to a persistent outbox
 * before its first try and leaves it only when the relay has accepted it (2xx), so a page closed
 * mid-send loses nothing: the next page that starts a relay on the same database sends it.
 * Network errors, timeouts, 408, 429 and 5xx are retried with exponential backoff; what still
 * fails stays in the outbox and is retried by `flush()` (on a timer and when the browser comes
 * back online). A 4xx answer is not retried and is reported with the relay's reason. No text or
 * number is ever logged.
 */
export class SmsRelay extends EventTarget {
  readonly #url: string;
  readonly #outbox: OutboxStore;
  readonly #backoff: BackoffOptions;
  readonly #now: () => Date;
  readonly #timeoutMs: number;
  #timer: ReturnType<typeof setInterval> | undefined;
  #flushing: Promise<number> | undefined;
  /** What this relay is posting right now (a send(), a retry or a flush), by message id. */
  readonly #inFlight = new Map<string, Promise<SendResult>>();
  readonly #onOnline = (): void => void this.flush();

  constructor(options: SmsRelayOptions) {
    super();
    this.#url = options.url;
    this.#outbox = options.outbox;
    this.#backoff = { ...DEFAULT_BACKOFF, ...options.backoff };
    this.#now = options.now ?? (() => new Date());
    this.#timeoutMs = options.timeoutMs ?? 15_000;
  }

  send(message: SmsMessage): Promise<SendResult> {
    const id = crypto.randomUUID();
    return this.#track(id, () => this.#send(id, message));
  }

  /** What has not been accepted by the relay, oldest first (including what is being sent now). */
  pending(): Promise<OutboxEntry[]> {
    return this.#outbox.all();
  }

  /**
   * Tries again every pending entry that is due (or all with `force`). Returns how many were
   * sent. Concurrent calls share one run.
   */
  flush(options: { force?: boolean } = {}): Promise<number> {
    this.#flushing ??= this.#flush(options.force ?? false).finally(() => {
      this.#flushing = undefined;
    });
    return this.#flushing;
  }

  /**
   * Retries one entry now, whatever its state (the UI's "retry" button). An entry this relay is
   * already sending is not posted twice: the answer is that sending's result.
   */
  async retry(id: string): Promise<SendResult | undefined> {
    const running = this.#inFlight.get(id);
    if (running) return running;
    const entry = await this.#outbox.get(id);
    if (!entry) return undefined;
    const result = await (this.#inFlight.get(id) ?? this.#track(id, () => this.#retryEntry(entry)));
    await this.#changed();
    return result;
  }

  /**
   * Flushes at once (what a closed page left behind is due), then on an interval and whenever
   * the browser reports it is back online.
   */
  start(intervalMs = 30_000): void {
    this.stop();
    this.#timer = setInterval(() => void this.flush(), intervalMs);
    // Absent in workers and Node; there the timer alone drives retries.
    if ('addEventListener' in globalThis) globalThis.addEventListener('online', this.#onOnline);
    void this.flush();
  }

  stop(): void {
    clearInterval(this.#timer);
    this.#timer = undefined;
    if ('removeEventListener' in globalThis) globalThis.removeEventListener('online', this.#onOnline);
  }

  async #send(id: string, message: SmsMessage): Promise<SendResult> {
    const createdAt = this.#now().toISOString();
    // Due at once: while this page is alive its own flush leaves the entry alone (in flight), and
    // if the page dies mid-send, any other or reopened page sends it at its next flush.
    const entry: OutboxEntry = { id, ...message, createdAt, attempts: 0, nextAttemptAt: createdAt, status: 'pending' };
    let stored = true;
    try {
      await this.#outbox.put(entry);
    } catch {
      // The outbox cannot be written (e.g. the database was closed for another tab's upgrade):
      // delivering now is still better than not trying.
      stored = false;
    }
    if (stored) await this.#changed();

    let attempt: Attempt = { outcome: 'retry' };
    let attempts = 0;
    while (attempts < this.#backoff.attempts) {
      if (attempts > 0) await sleep(Math.min(this.#backoff.baseMs * 2 ** (attempts - 1), this.#backoff.maxMs));
      attempt = await this.#post(id, message);
      attempts++;
      if (attempt.outcome !== 'retry') break;
    }
    if (attempt.outcome === 'sent') {
      if (stored) await this.#forget(id);
      return { status: 'sent', id };
    }

    const result = failure(id, attempt);
    // Another tab may have sent this entry meanwhile and removed it; writing it back is harmless:
    // its next resend is answered 200 by the relay (same id, not sent twice) and removes it.
    await this.#outbox.put({
      ...entry,
      attempts,
      nextAttemptAt: new Date(this.#now().getTime() + this.#backoff.outboxBaseMs).toISOString(),
      status: result.status === 'rejected' ? 'rejected' : 'pending',
      lastError: result.error,
    });
    await this.#changed();
    return result;
  }

  async #flush(force: boolean): Promise<number> {
    const now = this.#now().toISOString();
    // Skips what this relay is posting now (a send() between its tries, a retry). Another tab's
    // relay may post the same entry at the same time: harmless, the relay takes a message id once
    // and answers a repeat with 200, so the SMS arrives once and both tabs remove the entry.
    const due = (await this.#outbox.all()).filter((e) => e.status === 'pending' && (force || e.nextAttemptAt <= now));
    let tried = 0;
    let sent = 0;
    for (const entry of due) {
      if (this.#inFlight.has(entry.id)) continue;
      tried++;
      if ((await this.#track(entry.id, () => this.#retryEntry(entry))).status === 'sent') sent++;
    }
    if (tried > 0) await this.#changed();
    return sent;
  }

  /** Runs `work` for message `id`, known as in flight until it settles. */
  #track(id: string, work: () => Promise<SendResult>): Promise<SendResult> {
    const running = work().finally(() => this.#inFlight.delete(id));
    this.#inFlight.set(id, running);
    return running;
  }

  async #retryEntry(entry: OutboxEntry): Promise<SendResult> {
    const attempt = await this.#post(entry.id, entry);
    if (attempt.outcome === 'sent') {
      await this.#outbox.delete(entry.id);
      return { status: 'sent', id: entry.id };
    }
    const attempts = entry.attempts + 1;
    const result = failure(entry.id, attempt);
    const wait = Math.min(this.#backoff.outboxBaseMs * 2 ** (attempts - this.#backoff.attempts), this.#backoff.outboxMaxMs);
    await this.#outbox.put({
      ...entry,
      attempts,
      status: result.status === 'rejected' ? 'rejected' : 'pending',
      nextAttemptAt: new Date(this.#now().getTime() + wait).toISOString(),
      lastError: result.error,
    });
    return result;
  }

  async #post(id: string, message: SmsMessage): Promise<Attempt> {
    let response: Response;
    try {
      response = await fetch(this.#url, {
        method: 'POST',
        headers: { 'Content-Type': 'application/json' },
        body: JSON.stringify({ id, to: message.to, text: message.text, kind: message.kind }),
        signal: AbortSignal.timeout(this.#timeoutMs),
        credentials: 'same-origin',
        referrerPolicy: 'no-referrer',
      });
    } catch {
      return { outcome: 'retry' };
    }
    if (response.ok) return { outcome: 'sent' };
    if (response.status >= 500 || response.status === 408 || response.status === 429) return { outcome: 'retry' };
    return { outcome: 'rejected', reason: await reasonOf(response) };
  }

  async #changed(): Promise<void> {
    this.dispatchEvent(new OutboxChangeEvent(await this.#outbox.all()));
  }

  /** Removes an entry the relay accepted. The SMS is sent: a failure here must not say otherwise. */
  async #forget(id: string): Promise<void> {
    try {
      await this.#outbox.delete(id);
      await this.#changed();
    } catch {
      // The entry stays; its next resend is answered 200 by the relay (same id) and removes it.
    }
  }
}

async function reasonOf(response: Response): Promise<string> {
  try {
    const body = (await response.json()) as { error?: unknown };
    if (typeof body.error === 'string' && body.error !== '') return body.error;
  } catch {
    // Not JSON: fall back to the status line.
  }
  return `${response.status} ${response.statusText}`.trim();
}
