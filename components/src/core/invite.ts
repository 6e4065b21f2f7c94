import {
  DEFAULT_INTERPRETER_LANGUAGES, DEFAULT_OPENING_HOURS, MAX_DURATION_MINUTES, MIN_DURATION_MINUTES,
  type Clinic, type WeeklyHours,
} from './config.js';
import { isUiLocale, t, type MessageKey, type Params, type UiLocale } from './i18n.js';
import { parseMobile } from './phone.js';
import { parsePersonnummer } from './personnummer.js';
import { ok } from './result.js';
import { dateKey, isoWeekday, parseClock, parseIsoDate, swedishDate, swedishInstant } from './time.js';

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
export type InviteErrors = Partial<Record<InviteField, string>>;

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
 * Checks every field of an invitation and returns either the normalised invite or one Swedish
 * message per field in error (all of them at once, so the form can show them together).
 */
export function validateInvite(
  draft: InviteDraft,
  now: Date = new Date(),
  rules: InviteRules = {},
): { ok: true; value: ValidInvite } | { ok: false; errors: InviteErrors } {
  const errors: InviteErrors = {};
  const err = (field: InviteField, key: MessageKey, params?: Params): null => {
    errors[field] ??= t(key, params);
    return null;
  };

  const clinic = checkClinic(draft.clinic, rules.clinics, err);
  const pnr = parsePersonnummer(draft.personnummer, now);
  if (!pnr.ok) errors.personnummer = pnr.error.message;
  const givenName = checkName(draft.givenName, 'givenName', err);
  const familyName = checkName(draft.familyName, 'familyName', err);
  const mobile = parseMobile(draft.mobile);
  if (!mobile.ok) errors.mobile = mobile.error.message;
  const email = draft.email.trim();
  if (email !== '' && !EMAIL.test(email)) err('email', 'invite.email.invalid');

  const reason = draft.reason.trim();
  if (reason === '') err('reason', 'invite.reason.required');
  else if (reason.length > REASON_MAX) err('reason', 'invite.reason.long', { max: REASON_MAX });

  const duration = Number(draft.duration);
  const durationOk = Number.isInteger(duration) && duration >= MIN_DURATION_MINUTES && duration <= MAX_DURATION_MINUTES;
  if (!durationOk) err('duration', 'invite.duration.invalid', { min: MIN_DURATION_MINUTES, max: MAX_DURATION_MINUTES });

  const start = checkStart(draft, durationOk ? duration : MIN_DURATION_MINUTES, now, err, clinic?.openingHours);

  if (!isUiLocale(draft.language)) err('language', 'invite.language.invalid');

  let interpreter: ValidInvite['interpreter'];
  if (draft.interpreter) {
    const languages = rules.interpreterLanguages ?? DEFAULT_INTERPRETER_LANGUAGES;
    if (!languages.includes(draft.interpreterLanguage)) err('interpreterLanguage', 'invite.interpreterLanguage.required');
    const iMobile = parseMobile(draft.interpreterMobile);
    if (!iMobile.ok) errors.interpreterMobile = iMobile.error.message;
    const iEmail = draft.interpreterEmail.trim();
    if (iEmail === '') err('interpreterEmail', 'invite.email.required');
    else if (!EMAIL.test(iEmail)) err('interpreterEmail', 'invite.email.invalid');
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
type Err = (field: InviteField, key: MessageKey, params?: Params) => null;

function checkClinic(id: string, clinics: readonly Clinic[] | undefined, err: Err): Clinic | null {
  if (id.trim() === '') return err('clinic', 'invite.clinic.required');
  if (!clinics) return { id, name: id };
  return clinics.find((c) => c.id === id) ?? err('clinic', 'invite.clinic.unknown');
}

function checkName(value: string, field: 'givenName' | 'familyName', err: Err): string | null {
  const name = value.trim().replace(/\s+/g, ' ');
  if (name === '') return err(field, `invite.${field}.required`);
  if (name.length > NAME_MAX) return err(field, 'invite.name.long', { max: NAME_MAX });
  if (!NAME.test(name)) return err(field, 'invite.name.invalid');
  return name;
}

function checkStart(
  draft: InviteDraft, duration: number, now: Date, err: Err, hours: WeeklyHours = DEFAULT_OPENING_HOURS,
): Date | null {
  if (draft.date.trim() === '') err('date', 'invite.date.required');
  if (draft.time.trim() === '') err('time', 'invite.time.required');
  if (draft.date.trim() === '' || draft.time.trim() === '') return null;
  const date = parseIsoDate(draft.date);
  if (!date) return err('date', 'invite.date.invalid');
  if (dateKey(date) < dateKey(swedishDate(now))) return err('date', 'invite.date.past');
  const open = hours[isoWeekday(date) as keyof WeeklyHours];
  if (!open) return err('date', 'invite.date.closed');
  const minutes = parseClock(draft.time);
  if (minutes === undefined || minutes >= 24 * 60) return err('time', 'invite.time.invalid');
  const start = swedishInstant(date, minutes);
  if (start.getTime() <= now.getTime()) return err('time', 'invite.time.past');
  const [from, to] = [parseClock(open[0]) ?? 0, parseClock(open[1]) ?? 24 * 60];
  const end = minutes + duration;
  if (minutes < from || (end > to && !goesOnPastMidnight(hours, isoWeekday(date), to, end))) {
    return err('time', 'invite.time.hours', { open: open[0], close: open[1] });
  }
  return start;
}

/** A visit may run past midnight when the clinic is open until 24:00 and again from 00:00 the next day. */
function goesOnPastMidnight(hours: WeeklyHours, weekday: number, closes: number, end: number): boolean {
  const day = 24 * 60;
  const next = hours[((weekday % 7) + 1) as keyof WeeklyHours];
  return closes === day && next !== undefined && parseClock(next[0]) === 0 && end - day <= (parseClock(next[1]) ?? day);
}
