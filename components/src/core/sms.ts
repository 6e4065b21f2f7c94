import { format as formatDate } from 'date-fns';
import { enGB, sv } from 'date-fns/locale';
import { languageName, type Clinic } from './config.js';
import { t, type Locale, type MessageKey } from './i18n.js';
import { inSweden } from './time.js';

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

const dateLocales = { sv, en: enGB } as const;
const datePatterns: Record<Locale, string> = { sv: 'EEEE d MMMM yyyy', en: 'EEEE d MMMM yyyy' };

/** 'tisdag 1 december 2026' and '14:30', in Swedish time. */
export function visitDateText(start: Date, locale: Locale): { date: string; time: string } {
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
  readonly locale: Locale;
}

function visitText(key: MessageKey, input: VisitSmsInput, extra: Record<string, string> = {}): SmsText {
  const { date, time } = visitDateText(input.start, input.locale);
  const end = visitDateText(new Date(input.start.getTime() + input.durationMinutes * 60_000), input.locale).time;
  return measureSms(t(key, { clinic: input.clinic.name, date, time, end, ...extra }, input.locale));
}

export const inviteSms = (input: VisitSmsInput & { readonly link: string }): SmsText =>
  visitText('sms.invite', input, { link: input.link });

export const updateSms = (input: VisitSmsInput & { readonly link: string }): SmsText =>
  visitText('sms.update', input, { link: input.link });

export const cancelSms = (input: VisitSmsInput): SmsText =>
  input.clinic.phone
    ? visitText('sms.cancel.phone', input, { phone: input.clinic.phone })
    : visitText('sms.cancel', input);

export const interpreterInviteSms = (input: VisitSmsInput & { readonly link: string; readonly language: string }): SmsText =>
  visitText('sms.interpreterInvite', input, {
    link: input.link,
    language: languageName(input.language, input.locale),
  });

export const interpreterCodeSms = (input: VisitSmsInput & { readonly code: string }): SmsText =>
  visitText('sms.interpreterCode', input, { code: input.code });
