import type { ClinicHolidays } from './opening-hours.js';

/** Opening hours per ISO weekday (1 = Monday … 7 = Sunday); a missing day is closed. */
export type WeeklyHours = Readonly<Partial<Record<1 | 2 | 3 | 4 | 5 | 6 | 7, readonly [open: string, close: string]>>>;

export interface Clinic {
  readonly id: string;
  /** Shown to patients in SMS texts: keep it free of health information (e.g. not "Beroendemottagningen"). */
  readonly name: string;
  /** Switchboard number for patients, mentioned in cancellation texts when set. */
  readonly phone?: string;
  readonly openingHours?: WeeklyHours;
  /** Public holidays and eves (aftnar): closed on public holidays and the three big eves unless set here. */
  readonly holidays?: ClinicHolidays;
}

export const DEFAULT_OPENING_HOURS: WeeklyHours = {
  1: ['08:00', '17:00'],
  2: ['08:00', '17:00'],
  3: ['08:00', '17:00'],
  4: ['08:00', '17:00'],
  5: ['08:00', '17:00'],
};

export const DEFAULT_DURATION_MINUTES = 45;
export const MIN_DURATION_MINUTES = 15;
export const MAX_DURATION_MINUTES = 120;

/** How long a participant's details are kept after their last activity (the seed's 30 days). */
export const PARTICIPANT_RETENTION_DAYS = 30;

/** Interpreter languages offered by default (ISO 639 codes; 'swl' is Swedish Sign Language). */
export const DEFAULT_INTERPRETER_LANGUAGES: readonly string[] = [
  'ar', 'so', 'ti', 'fa', 'prs', 'ckb', 'kmr', 'pl', 'bs', 'fi', 'tr', 'ru', 'uk', 'en', 'es', 'th', 'swl',
];

// Intl.DisplayNames names most languages; these are the ones its data lacks or names too vaguely.
const LANGUAGE_NAME_OVERRIDES: Readonly<Record<string, Readonly<Record<string, string>>>> = {
  sv: { swl: 'svenskt teckenspråk', kmr: 'kurdiska (kurmanji)', ckb: 'kurdiska (sorani)' },
  en: { swl: 'Swedish Sign Language', kmr: 'Kurdish (Kurmanji)', ckb: 'Kurdish (Sorani)' },
};

/** The name of a language (ISO 639 code) in the reader's language, e.g. 'ar' → 'arabiska'. */
export function languageName(code: string, locale: string): string {
  const override = LANGUAGE_NAME_OVERRIDES[locale]?.[code];
  if (override) return override;
  try {
    return new Intl.DisplayNames([locale], { type: 'language', fallback: 'code' }).of(code) ?? code;
  } catch {
    return code;
  }
}
