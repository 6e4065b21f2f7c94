/**
 * Characters that have no place in a short text shown to a patient or sent by SMS: control
 * characters (C0, DEL, C1) and the invisible direction overrides and isolates, which can make a
 * text read differently from what it is ("Trojan Source"), e.g. turn a phone number around.
 */
// eslint-disable-next-line no-control-regex -- finding control characters is the point
const UNSAFE = /[\u0000-\u001f\u007f-\u009f\u061c\u200e\u200f\u202a-\u202e\u2066-\u2069]/u;

/** The first unsafe character of `text` as a code point like "U+202E", or undefined. */
export function unsafeCharacter(text: string): string | undefined {
  const found = UNSAFE.exec(text)?.[0];
  return found === undefined ? undefined : `U+${(found.codePointAt(0) ?? 0).toString(16).toUpperCase().padStart(4, '0')}`;
}
