import { appendFile, mkdir, readFile, writeFile } from 'node:fs/promises';
import { join } from 'node:path';
import { domainText, measureSms, parseMobile, retentionCutoff, type SmsEncoding } from '../../components/src/core/index.js';

/** One message as the demo's "phone network" received it. */
export interface OutboxMessage {
  readonly id: string;
  readonly to: string;
  readonly text: string;
  readonly kind: string;
  readonly receivedAt: string;
  readonly encoding: SmsEncoding;
  readonly segments: number;
}

export type AcceptResult =
  | { readonly status: 'accepted' | 'duplicate'; readonly message: OutboxMessage }
  | { readonly status: 'invalid'; readonly errors: Record<string, string> };

/** Ten parts is what operators concatenate reliably. */
export const MAX_SEGMENTS = 10;
const ID = /^[A-Za-z0-9-]{8,64}$/;
const KIND = /^[a-z-]{1,32}$/;

/**
 * The demo's SMS relay sink: validates what a client posts and keeps every message, in memory
 * and as JSON lines on disk, so the outbox page can show it as a phone would.
 */
export class SmsOutbox {
  readonly #messages: OutboxMessage[] = [];
  readonly #ids = new Set<string>();
  readonly #file: string;

  private constructor(dir: string) {
    this.#file = join(dir, 'outbox.jsonl');
  }

  static async open(dir: string, now: Date = new Date()): Promise<SmsOutbox> {
    await mkdir(dir, { recursive: true });
    const outbox = new SmsOutbox(dir);
    let lines: string[] = [];
    try {
      lines = (await readFile(outbox.#file, 'utf8')).split('\n').filter((l) => l.trim() !== '');
    } catch (e) {
      if ((e as NodeJS.ErrnoException).code !== 'ENOENT') throw e;
    }
    // Demo data holds phone numbers too: the 30-day rule applies here as well.
    const cutoff = retentionCutoff(now).toISOString();
    for (const line of lines) {
      try {
        const m = JSON.parse(line) as OutboxMessage;
        if (m.receivedAt >= cutoff) outbox.#remember(m);
      } catch {
        // A torn last line after a crash: skip it rather than refuse to start.
      }
    }
    if (outbox.#messages.length !== lines.length) {
      await writeFile(outbox.#file, outbox.#messages.map((m) => JSON.stringify(m) + '\n').join(''));
    }
    return outbox;
  }

  /** Newest last. */
  list(): readonly OutboxMessage[] {
    return this.#messages;
  }

  async accept(body: unknown, now: Date = new Date()): Promise<AcceptResult> {
    const errors: Record<string, string> = {};
    const b = (typeof body === 'object' && body !== null ? body : {}) as Record<string, unknown>;
    const id = typeof b.id === 'string' ? b.id : '';
    const text = typeof b.text === 'string' ? b.text : '';
    const kind = b.kind === undefined ? 'sms' : b.kind;
    if (!ID.test(id)) errors.id = 'id saknas eller är ogiltigt (8–64 tecken, A–Z, 0–9, -).';
    const to = parseMobile(typeof b.to === 'string' ? b.to : '');
    // The relay answers in Swedish, as all its reasons: the nurse's page shows them as they are.
    if (!to.ok) errors.to = domainText(`mobile.${to.error.code}`);
    else if (to.value !== b.to) errors.to = 'Mottagaren ska anges i E.164-format, till exempel +46701234567.';
    const measured = measureSms(text);
    if (text.trim() === '') errors.text = 'Texten är tom.';
    else if (measured.segments > MAX_SEGMENTS) errors.text = `Texten är för lång (${measured.segments} sms, högst ${MAX_SEGMENTS}).`;
    if (typeof kind !== 'string' || !KIND.test(kind)) errors.kind = 'kind ska vara ett kort ord med gemener.';
    if (Object.keys(errors).length > 0) return { status: 'invalid', errors };

    const existing = this.#messages.find((m) => m.id === id);
    if (existing) return { status: 'duplicate', message: existing };
    const message: OutboxMessage = {
      id,
      to: b.to as string,
      text,
      kind: kind as string,
      receivedAt: now.toISOString(),
      encoding: measured.encoding,
      segments: measured.segments,
    };
    this.#remember(message);
    await appendFile(this.#file, JSON.stringify(message) + '\n');
    return { status: 'accepted', message };
  }

  #remember(m: OutboxMessage): void {
    if (this.#ids.has(m.id)) return;
    this.#ids.add(m.id);
    this.#messages.push(m);
  }
}
