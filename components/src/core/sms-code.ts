/**
 * Compares two strings in time that depends only on their lengths, so that the nurse's side does
 * not reveal how much of an interpreter's code was right.
 */
export function constantTimeEqual(a: string, b: string): boolean {
  const length = Math.max(a.length, b.length);
  let diff = a.length ^ b.length;
  for (let i = 0; i < length; i++) diff |= (a.charCodeAt(i) | 0) ^ (b.charCodeAt(i) | 0);
  return diff === 0;
}

export const MAX_CODE_TRIES = 5;

export type CodeCheck =
  | { readonly result: 'ok' }
  | { readonly result: 'wrong'; readonly triesLeft: number }
  | { readonly result: 'locked' };

/**
 * One try of `typed` against `code`, given how many wrong tries that code has had already. Pure, so
 * the count can live wherever the booking lives (the nurse's store keeps it across reconnects).
 */
export function tryCode(code: string, wrongSoFar: number, typed: string, maxTries: number = MAX_CODE_TRIES): { check: CodeCheck; wrong: number } {
  if (wrongSoFar >= maxTries) return { check: { result: 'locked' }, wrong: wrongSoFar };
  // Spaces and dashes are how people read codes aloud and type them; they never matter.
  if (constantTimeEqual(typed.replace(/[\s-]/g, ''), code)) return { check: { result: 'ok' }, wrong: wrongSoFar };
  const wrong = wrongSoFar + 1;
  const triesLeft = maxTries - wrong;
  return { check: triesLeft <= 0 ? { result: 'locked' } : { result: 'wrong', triesLeft }, wrong };
}

/**
 * One interpreter code held in memory: at most five tries, then locked for good (a new code needs a
 * new SMS). The lobby keeps the count in the nurse's store instead, so a reconnect gives no new tries.
 */
export class CodeGuard {
  #wrong = 0;
  #passed = false;

  constructor(
    private readonly code: string,
    private readonly maxTries: number = MAX_CODE_TRIES,
  ) {}

  get locked(): boolean {
    return !this.#passed && this.#wrong >= this.maxTries;
  }

  check(input: string): CodeCheck {
    const { check, wrong } = tryCode(this.code, this.#passed ? 0 : this.#wrong, input, this.maxTries);
    if (!this.#passed) this.#wrong = wrong;
    if (check.result === 'ok') this.#passed = true;
    return check;
  }
}
