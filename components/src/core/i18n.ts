import { en } from './i18n/en.js';
import type { NurseKey } from './i18n/nurse.js';
import type { StarKey } from './i18n/star.js';
import { sv, type Catalog, type MessageKey as CatalogKey } from './i18n/sv.js';

export type { Catalog };

/**
 * Every text's key: the catalogues' (`sv.ts` and the others), and those a part brings along when
 * it loads (a section: the star profile's `ui.star.*`, the nurse's elements' texts).
 */
export type MessageKey = CatalogKey | StarKey | NurseKey;

/** Languages with a complete catalogue (the nurse's side, and SMS). Swedish is the default everywhere. */
export const LOCALES = ['sv', 'en'] as const;
export type Locale = (typeof LOCALES)[number];
export const DEFAULT_LOCALE: Locale = 'sv';

/**
 * Languages a patient or interpreter can choose on the join pages. The ones beyond Swedish and
 * English are loaded only when chosen (see `loadLocale`).
 */
export const PATIENT_LOCALES = ['sv', 'en', 'ar', 'fa', 'fi'] as const;
export type UiLocale = (typeof PATIENT_LOCALES)[number];

/** Each language by its own name, so a patient finds theirs whatever the page shows now. */
export const LOCALE_NAMES: Readonly<Record<UiLocale, string>> = {
  sv: 'Svenska',
  en: 'English',
  ar: 'العربية',
  fa: 'فارسی',
  fi: 'Suomi',
};

const RIGHT_TO_LEFT: ReadonlySet<UiLocale> = new Set(['ar', 'fa']);

export function localeDirection(locale: UiLocale): 'ltr' | 'rtl' {
  return RIGHT_TO_LEFT.has(locale) ? 'rtl' : 'ltr';
}

/** What the patient's and interpreter's pages show: every other catalogue must provide these. */
export type PatientKey = Extract<MessageKey, `ui.${'call' | 'device' | 'guest' | 'join' | 'role'}.${string}`> | 'ui.calendar.loading';
export type PatientCatalog = Readonly<Record<PatientKey, string>>;

const catalogs = new Map<UiLocale, Partial<Catalog>>([['sv', sv], ['en', en]]);

export function isLocale(value: unknown): value is Locale {
  return typeof value === 'string' && (LOCALES as readonly string[]).includes(value);
}

export function isUiLocale(value: unknown): value is UiLocale {
  return typeof value === 'string' && (PATIENT_LOCALES as readonly string[]).includes(value);
}

/** True once the language's texts are at hand (Swedish and English always are). */
export function hasCatalog(locale: UiLocale): boolean {
  return catalogs.has(locale);
}

export function registerCatalog(locale: UiLocale, catalog: PatientCatalog): void {
  catalogs.set(locale, catalog);
}

/**
 * The texts of a part that loads on its own, complete in every patient language. A lazily loaded
 * element registers its section when it loads, so its texts weigh nothing on pages without it.
 */
export type Section<K extends MessageKey> = Readonly<Record<UiLocale, Readonly<Record<K, string>>>>;

const sections = new Map<UiLocale, Partial<Record<MessageKey, string>>>();

export function registerSection(section: Readonly<Record<UiLocale, Readonly<Partial<Record<MessageKey, string>>>>>): void {
  for (const locale of PATIENT_LOCALES) sections.set(locale, { ...sections.get(locale), ...section[locale] });
}

export type Params = Readonly<Record<string, string | number>>;

/** Replaces `{name}` placeholders; an unknown placeholder is left visible so it is noticed. */
export function format(template: string, params: Params = {}): string {
  return template.replace(/\{(\w+)\}/g, (whole, name: string) =>
    Object.hasOwn(params, name) ? String(params[name]) : whole,
  );
}

const swedish: Partial<Record<MessageKey, string>> = sv;

/**
 * The message for `key` in `locale`, with placeholders filled in. A patient language has only the
 * patient's texts; anything else (or a language not loaded yet) falls back to Swedish. A section's
 * key before its section is registered shows as itself, so it is noticed.
 */
export function t(key: MessageKey, params?: Params, locale: UiLocale = DEFAULT_LOCALE): string {
  const catalog: Partial<Record<MessageKey, string>> | undefined = catalogs.get(locale);
  return format(catalog?.[key] ?? sections.get(locale)?.[key] ?? swedish[key] ?? sections.get('sv')?.[key] ?? key, params);
}
