import {
  DEFAULT_INTERPRETER_LANGUAGES, MAX_DURATION_MINUTES, MIN_DURATION_MINUTES, type Clinic,
} from './config.js';
import { isUiLocale, type MessageKey, type Params, type UiLocale } from './i18n.js';
import { parseMobile, type MobileErrorCode } from './phone.js';
import { parsePersonnummer, type PersonnummerErrorCode } from './personnummer.js';
import { ok } from './result.js';
import { hoursOn } from './opening-hours.js';
import { addDays, dateKey, parseClock, parseIsoDate, swedishDate, swedishInstant, type DateParts } from './time.js';
import { normaliseClock } from './visit-slots.js';

/** What the nurse has typed, field by field; names match the form controls' `name`. */
export interface InviteDraft {
  clinic: string;
  personnummer: string;
  givenName: string;
  familyName: string;
  mobile: string;
  email: string;
  reason: string;
  /** 'YYYY-MM-DD', Swedish local date. */
  date: string;
  /** 'HH:MM', Swedish local time. */
  time: string;
  duration: number | string;
  /** Language of the SMS invitation. */
  language: string;
  interpreter: boolean;
  interpreterLanguage: string;
  interpreterMobile: string;
  interpreterEmail: string;
}

export type InviteField = Exclude<keyof InviteDraft, 'interpreter'>;

/** What can be wrong with each field. */
export interface InviteErrorCodes {
  clinic: 'required' | 'unknown';
  personnummer: PersonnummerErrorCode;
  givenName: 'required' | 'long' | 'invalid';
  familyName: 'required' | 'long' | 'invalid';
  mobile: MobileErrorCode;
  email: 'invalid';
  reason: 'required' | 'long';
  date: 'required' | 'invalid' | 'past' | 'closed' | 'holiday';
  time: 'required' | 'invalid' | 'past' | 'hours' | 'holiday-hours';
  duration: 'invalid';
  language: 'invalid';
  interpreterLanguage: 'required';
  interpreterMobile: MobileErrorCode;
  interpreterEmail: 'required' | 'invalid';
}

/**
 * One field's error: a code, and the values its text needs (`{ max }`, `{ open, close }`, `{ min, max }`);
 * a `holiday` parameter is a holiday's id, worded by `inviteErrorText`.
 */
export interface InviteError<F extends InviteField = InviteField> {
  readonly code: InviteErrorCodes[F];
  readonly params?: Params;
}

/** The first error of each field in error, keyed by the form control's `name`. */
export type InviteErrors = { [F in InviteField]?: InviteError<F> };

const PNR_KEYS: Readonly<Record<PersonnummerErrorCode, MessageKey>> = {
  empty: 'pnr.empty', letters: 'pnr.letters', format: 'pnr.format', date: 'pnr.date', future: 'pnr.future',
  serial: 'pnr.serial', checksum: 'pnr.checksum',
};
const MOBILE_KEYS: Readonly<Record<MobileErrorCode, MessageKey>> = {
  empty: 'mobile.empty', letters: 'mobile.letters', 'not-swedish': 'mobile.not-swedish', landline: 'mobile.landline',
  invalid: 'mobile.invalid',
};

/**
 * The catalogue key of each field's each error: what an element passes to its `t()`, with the
 * error's `params`, to show the error in its own language. Keys, not texts: the core decides no
 * language.
 */
export const INVITE_ERROR_KEYS: { readonly [F in InviteField]: Readonly<Record<InviteErrorCodes[F], MessageKey>> } = {
  clinic: { required: 'invite.clinic.required', unknown: 'invite.clinic.unknown' },
  personnummer: PNR_KEYS,
  givenName: { required: 'invite.givenName.required', long: 'invite.name.long', invalid: 'invite.name.invalid' },
  familyName: { required: 'invite.familyName.required', long: 'invite.name.long', invalid: 'invite.name.invalid' },
  mobile: MOBILE_KEYS,
  email: { invalid: 'invite.email.invalid' },
  reason: { required: 'invite.reason.required', long: 'invite.reason.long' },
  date: {
    required: 'invite.date.required', invalid: 'invite.date.invalid', past: 'invite.date.past', closed: 'invite.date.closed',
    holiday: 'invite.date.holiday',
  },
  time: {
    required: 'invite.time.required', invalid: 'invite.time.invalid', past: 'invite.time.past', hours: 'invite.time.hours',
    'holiday-hours': 'invite.time.holiday-hours',
  },
  duration: { invalid: 'invite.duration.invalid' },
  language: { invalid: 'invite.language.invalid' },
  interpreterLanguage: { required: 'invite.interpreterLanguage.required' },
  interpreterMobile: MOBILE_KEYS,
  interpreterEmail: { required: 'invite.email.required', invalid: 'invite.email.invalid' },
};

/** The catalogue key for `error` on `field` (see `INVITE_ERROR_KEYS`). */
export function inviteErrorKey<F extends InviteField>(field: F, error: InviteError<F>): MessageKey {
  const keys: Readonly<Record<InviteErrorCodes[F], MessageKey>> = INVITE_ERROR_KEYS[field];
  return keys[error.code];
}

/**
 * `error` on `field` in the language of `translate` (an element's own `t()`): its text, with a
 * holiday's id in the parameters turned into the holiday's name.
 */
export function inviteErrorText<F extends InviteField>(
  field: F, error: InviteError<F>, translate: (key: MessageKey, params?: Params) => string,
): string {
  const holiday = error.params?.holiday;
  const params = typeof holiday === 'string' ? { ...error.params, holiday: translate(`holiday.${holiday}` as MessageKey) } : error.params;
  return translate(inviteErrorKey(field, error), params);
}

/** A checked invitation, normalised: E.164 mobiles, canonical personnummer, an instant for the start. */
export interface ValidInvite {
  readonly clinicId: string;
  readonly participant: {
    readonly personnummer: string;
    readonly givenName: string;
    readonly familyName: string;
    readonly mobile: string;
    readonly email?: string;
  };
  readonly reason: string;
  readonly start: Date;
  readonly durationMinutes: number;
  /** The invitation's language: its SMS texts, and the patient's page. */
  readonly language: UiLocale;
  readonly interpreter?: { readonly language: string; readonly mobile: string; readonly email: string };
}

export interface InviteRules {
  /** Known clinics; when given, the draft's clinic must be one of them and its hours apply. */
  readonly clinics?: readonly Clinic[];
  readonly interpreterLanguages?: readonly string[];
}

export const NAME_MAX = 100;
export const REASON_MAX = 200;
const NAME = /^[\p{L}\p{M}][\p{L}\p{M}' .-]*$/u;
// Deliberately loose: the address is checked by a human on the summary; this only catches typos.
const EMAIL = /^[^\s@]+@[^\s@.]+(\.[^\s@.]+)+$/;

export function emptyDraft(): InviteDraft {
  return {
    clinic: '', personnummer: '', givenName: '', familyName: '', mobile: '', email: '', reason: '',
    date: '', time: '', duration: 45, language: 'sv', interpreter: false, interpreterLanguage: '',
    interpreterMobile: '', interpreterEmail: '',
  };
}

/**
 * Checks every field of an invitation and returns either the normalised invite or one error per
 * field in error (all of them at once, so the form can show them together), as codes with
 * parameters: the form words them in its own language.
 */
export function validateInvite(
  draft: InviteDraft,
  now: Date = new Date(),
  rules: InviteRules = {},
): { ok: true; value: ValidInvite } | { ok: false; errors: InviteErrors } {
  const errors: InviteErrors = {};
  const err: Err = (field, code, params) => {
    (errors as Record<string, InviteError>)[field] ??= params ? { code, params } : { code };
    return null;
  };

  const clinic = checkClinic(draft.clinic, rules.clinics, err);
  const pnr = parsePersonnummer(draft.personnummer, now);
  if (!pnr.ok) err('personnummer', pnr.error.code);
  const givenName = checkName(draft.givenName, 'givenName', err);
  const familyName = checkName(draft.familyName, 'familyName', err);
  const mobile = parseMobile(draft.mobile);
  if (!mobile.ok) err('mobile', mobile.error.code);
  const email = draft.email.trim();
  if (email !== '' && !EMAIL.test(email)) err('email', 'invalid');

  const reason = draft.reason.trim();
  if (reason === '') err('reason', 'required');
  else if (reason.length > REASON_MAX) err('reason', 'long', { max: REASON_MAX });

  const duration = Number(draft.duration);
  const durationOk = Number.isInteger(duration) && duration >= MIN_DURATION_MINUTES && duration <= MAX_DURATION_MINUTES;
  if (!durationOk) err('duration', 'invalid', { min: MIN_DURATION_MINUTES, max: MAX_DURATION_MINUTES });

  const start = checkStart(draft, durationOk ? duration : MIN_DURATION_MINUTES, now, err, clinic ?? {});

  if (!isUiLocale(draft.language)) err('language', 'invalid');

  let interpreter: ValidInvite['interpreter'];
  if (draft.interpreter) {
    const languages = rules.interpreterLanguages ?? DEFAULT_INTERPRETER_LANGUAGES;
    if (!languages.includes(draft.interpreterLanguage)) err('interpreterLanguage', 'required');
    const iMobile = parseMobile(draft.interpreterMobile);
    if (!iMobile.ok) err('interpreterMobile', iMobile.error.code);
    const iEmail = draft.interpreterEmail.trim();
    if (iEmail === '') err('interpreterEmail', 'required');
    else if (!EMAIL.test(iEmail)) err('interpreterEmail', 'invalid');
    if (iMobile.ok) interpreter = { language: draft.interpreterLanguage, mobile: iMobile.value, email: iEmail };
  }

  if (Object.keys(errors).length > 0 || !pnr.ok || !mobile.ok || !start || !givenName || !familyName) {
    return { ok: false, errors };
  }
  return ok({
    clinicId: draft.clinic,
    participant: {
      personnummer: pnr.value.id,
      givenName,
      familyName,
      mobile: mobile.value,
      ...(email !== '' ? { email } : {}),
    },
    reason,
    start,
    durationMinutes: duration,
    language: draft.language as UiLocale,
    ...(interpreter ? { interpreter } : {}),
  });
}

/** Records the first error of a field; returns null so that a check can `return err(…)`. */
type Err = <F extends InviteField>(field: F, code: InviteErrorCodes[F], params?: Params) => null;

function checkClinic(id: string, clinics: readonly Clinic[] | undefined, err: Err): Clinic | null {
  if (id.trim() === '') return err('clinic', 'required');
  if (!clinics) return { id, name: id };
  return clinics.find((c) => c.id === id) ?? err('clinic', 'unknown');
}

function checkName(value: string, field: 'givenName' | 'familyName', err: Err): string | null {
  const name = value.trim().replace(/\s+/g, ' ');
  if (name === '') return err(field, 'required');
  if (name.length > NAME_MAX) return err(field, 'long', { max: NAME_MAX });
  if (!NAME.test(name)) return err(field, 'invalid');
  return name;
}

function checkStart(
  draft: InviteDraft, duration: number, now: Date, err: Err, clinic: Pick<Clinic, 'openingHours' | 'holidays'>,
): Date | null {
  if (draft.date.trim() === '') err('date', 'required');
  if (draft.time.trim() === '') err('time', 'required');
  if (draft.date.trim() === '' || draft.time.trim() === '') return null;
  const date = parseIsoDate(draft.date);
  if (!date) return err('date', 'invalid');
  if (dateKey(date) < dateKey(swedishDate(now))) return err('date', 'past');
  const day = hoursOn(clinic, date);
  if (!day.open) return day.holiday ? err('date', 'holiday', { holiday: day.holiday.id }) : err('date', 'closed');
  // '0930' and '9.30' are times as much as '09:30' (the way nurses type them).
  const minutes = parseClock(normaliseClock(draft.time) ?? draft.time);
  if (minutes === undefined || minutes >= 24 * 60) return err('time', 'invalid');
  const start = swedishInstant(date, minutes);
  if (start.getTime() <= now.getTime()) return err('time', 'past');
  const end = minutes + duration;
  if (minutes < day.from || (end > day.to && !goesOnPastMidnight(clinic, date, day.to, end))) {
    const [open, close] = day.hours;
    return day.holiday ? err('time', 'holiday-hours', { open, close, holiday: day.holiday.id }) : err('time', 'hours', { open, close });
  }
  return start;
}

/** A visit may run past midnight when the clinic is open until 24:00 and again from 00:00 the next day. */
function goesOnPastMidnight(clinic: Pick<Clinic, 'openingHours' | 'holidays'>, date: DateParts, closes: number, end: number): boolean {
  const midnight = 24 * 60;
  const next = hoursOn(clinic, addDays(date, 1));
  return closes === midnight && next.open && next.from === 0 && end - midnight <= next.to;
}
