import { format as formatDate } from 'date-fns';
import { languageName, type Clinic } from './config.js';
import { dateLocales } from './date-locales.js';
import { format, isLocale, type Locale, type UiLocale } from './i18n.js';
import { interpreterSmsTexts, smsTexts, type InterpreterSmsKey, type SmsKey } from './i18n/sms.js';
import { soDates } from './i18n/so-dates.js';
import { tiDates } from './i18n/ti-dates.js';
import { inSweden, localVisitText, type DateNames } from './time.js';

export type SmsEncoding = 'GSM-7' | 'UCS-2';

export interface SmsText {
  readonly text: string;
  readonly encoding: SmsEncoding;
  /** How many SMS parts the operator will bill and the phone will join. */
  readonly segments: number;
}

// GSM 03.38 default alphabet (ESC excluded) and the characters reached through its escape table.
const GSM_BASIC = new Set(
  '@£$¥èéùìòÇ\nØø\rÅåΔ_ΦΓΛΩΠΨΣΘΞÆæßÉ !"#¤%&\'()*+,-./0123456789:;<=>?¡ABCDEFGHIJKLMNOPQRSTUVWXYZÄÖÑÜ§¿abcdefghijklmnopqrstuvwxyzäöñüà',
);
const GSM_EXTENDED = new Set('\f^{}\\[~]|€');

/** Encoding, and segment count per 3GPP TS 23.040: 160/153 septets or 70/67 UTF-16 units. */
export function measureSms(text: string): SmsText {
  const chars = Array.from(text);
  const gsm = chars.every((c) => GSM_BASIC.has(c) || GSM_EXTENDED.has(c));
  // Units per character: an escaped GSM character takes two septets, an astral character two UTF-16 units.
  const units = chars.map((c) => (gsm ? (GSM_EXTENDED.has(c) ? 2 : 1) : c.length));
  const total = units.reduce((a, b) => a + b, 0);
  const [single, multi] = gsm ? [160, 153] : [70, 67];
  if (total <= single) return { text, encoding: gsm ? 'GSM-7' : 'UCS-2', segments: total === 0 ? 0 : 1 };
  // A two-unit character is never split across parts, so fill greedily.
  let segments = 1;
  let used = 0;
  for (const u of units) {
    if (used + u > multi) {
      segments++;
      used = 0;
    }
    used += u;
  }
  return { text, encoding: gsm ? 'GSM-7' : 'UCS-2', segments };
}

/** The day and month names browsers lack: the nurse's side writes every invitation language at once. */
const dateNames: Readonly<Partial<Record<UiLocale, DateNames>>> = { so: soDates, ti: tiDates };
const datePatterns: Record<Locale, string> = { sv: 'EEEE d MMMM yyyy', en: 'EEEE d MMMM yyyy' };

/**
 * 'tisdag 1 december 2026' and '14:30', in Swedish time: through date-fns in Swedish and English,
 * in the other invitation languages as the patient's page writes them (`localVisitText`).
 */
export function visitDateText(start: Date, locale: UiLocale): { date: string; time: string } {
  if (!isLocale(locale)) return localVisitText(start, locale, dateNames[locale]);
  const z = inSweden(start);
  return {
    date: formatDate(z, datePatterns[locale], { locale: dateLocales[locale] }),
    time: formatDate(z, 'HH:mm'),
  };
}

/**
 * What every visit text may say. Deliberately no personnummer, no names and no reason:
 * an SMS can be read on a locked screen by anyone.
 */
export interface VisitSmsInput {
  readonly clinic: Pick<Clinic, 'name' | 'phone'>;
  readonly start: Date;
  readonly durationMinutes: number;
  /** The invitation's language. */
  readonly locale: UiLocale;
}

/** The interpreter's texts come in Swedish (or English): see `interpreterSmsTexts`. */
export type InterpreterSmsInput = VisitSmsInput & { readonly locale: Locale };

function visitText(template: string, input: VisitSmsInput, extra: Record<string, string> = {}): SmsText {
  const { date, time } = visitDateText(input.start, input.locale);
  const end = visitDateText(new Date(input.start.getTime() + input.durationMinutes * 60_000), input.locale).time;
  return measureSms(format(template, { clinic: input.clinic.name, date, time, end, ...extra }, input.locale));
}

const patientText = (key: SmsKey, input: VisitSmsInput, extra?: Record<string, string>): SmsText =>
  visitText(smsTexts[input.locale][key], input, extra);

const interpreterText = (key: InterpreterSmsKey, input: InterpreterSmsInput, extra?: Record<string, string>): SmsText =>
  visitText(interpreterSmsTexts[input.locale][key], input, extra);

export const inviteSms = (input: VisitSmsInput & { readonly link: string }): SmsText =>
  patientText('sms.invite', input, { link: input.link });

export const updateSms = (input: VisitSmsInput & { readonly link: string }): SmsText =>
  patientText('sms.update', input, { link: input.link });

export const cancelSms = (input: VisitSmsInput): SmsText =>
  input.clinic.phone
    ? patientText('sms.cancel.phone', input, { phone: input.clinic.phone })
    : patientText('sms.cancel', input);

export const interpreterInviteSms = (input: InterpreterSmsInput & { readonly link: string; readonly language: string }): SmsText =>
  interpreterText('sms.interpreterInvite', input, {
    link: input.link,
    language: languageName(input.language, input.locale),
  });

export const interpreterCodeSms = (input: InterpreterSmsInput & { readonly code: string }): SmsText =>
  interpreterText('sms.interpreterCode', input, { code: input.code });
