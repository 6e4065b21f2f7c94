import { parsePhoneNumberFromString } from 'libphonenumber-js/mobile';
import { ok, type Result } from './result.js';

/** Why a mobile number is refused; its text is `mobile.<code>` in the catalogues. */
export type MobileErrorCode = 'empty' | 'letters' | 'not-swedish' | 'landline' | 'invalid';

const fail = (code: MobileErrorCode): Result<string, MobileErrorCode> => ({ ok: false, error: { code } });

/**
 * Parses a Swedish mobile number (070-123 45 67, +46 70 123 45 67, 0046…) to E.164 ('+467…').
 * Landlines and foreign numbers are refused with a reason: the invitation goes by SMS.
 * Uses libphonenumber's mobile-only metadata, so "valid" already means "a Swedish mobile range".
 */
export function parseMobile(input: string): Result<string, MobileErrorCode> {
  const text = input.trim();
  if (text === '') return fail('empty');
  if (/[^\d\s()+\-./]/.test(text)) return fail('letters');
  const phone = parsePhoneNumberFromString(text, 'SE');
  if (!phone) return fail('invalid');
  if (phone.country !== 'SE' && phone.countryCallingCode !== '46') return fail('not-swedish');
  if (phone.isValid()) return ok(phone.number);
  // Swedish fixed-line numbers have 7–9 digits after the leading 0 and never start with 7.
  const national = phone.nationalNumber;
  return fail(!national.startsWith('7') && national.length >= 7 && national.length <= 9 ? 'landline' : 'invalid');
}

/** '+46701234567' → '070-123 45 67', the way it is read aloud and checked against a phone. */
export function formatMobile(e164: string): string {
  const m = /^\+46(7\d)(\d{3})(\d{2})(\d{2})$/.exec(e164);
  return m ? `0${m[1]}-${m[2]} ${m[3]} ${m[4]}` : e164;
}
