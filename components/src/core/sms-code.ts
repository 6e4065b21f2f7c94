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

/** One interpreter code: at most five tries, then locked for good (a new code needs a new SMS). */
export class CodeGuard {
  #tries = 0;
  #passed = false;

  constructor(
    private readonly code: string,
    private readonly maxTries: number = MAX_CODE_TRIES,
  ) {}

  get locked(): boolean {
    return !this.#passed && this.#tries >= this.maxTries;
  }

  check(input: string): CodeCheck {
    if (this.locked) return { result: 'locked' };
    // Spaces and dashes are how people read codes aloud and type them; they never matter.
    const typed = input.replace(/[\s-]/g, '');
    if (constantTimeEqual(typed, this.code)) {
      this.#passed = true;
      return { result: 'ok' };
    }
    this.#tries++;
    const triesLeft = this.maxTries - this.#tries;
    return triesLeft <= 0 ? { result: 'locked' } : { result: 'wrong', triesLeft };
  }
}
