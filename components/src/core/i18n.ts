import { en } from './i18n/en.js';
import type { DomainKey } from './i18n/domain.js';
import type { NurseKey } from './i18n/nurse.js';
import type { StarKey } from './i18n/star.js';
import { sv, type Catalog, type MessageKey as CatalogKey } from './i18n/sv.js';

export type { Catalog };

/**
 * Every text's key: the catalogues' (`sv.ts` and the others), and those a part brings along when
 * it loads (a section: the star profile's `ui.star.*`, the nurse's elements' texts).
 */
export type MessageKey = CatalogKey | StarKey | NurseKey | DomainKey;

/** Languages with a complete catalogue (the nurse's side, and SMS). Swedish is the default everywhere. */
export const LOCALES = ['sv', 'en'] as const;
export type Locale = (typeof LOCALES)[number];
export const DEFAULT_LOCALE: Locale = 'sv';

/**
 * Languages a patient or interpreter can choose on the join pages, and that a patient can be
 * invited in (the invitation's SMS texts). The ones beyond Swedish and English are loaded only when
 * chosen (see `loadLocale`).
 */
export const PATIENT_LOCALES = ['sv', 'en', 'ar', 'fa', 'fi', 'so', 'ti'] as const;
export type UiLocale = (typeof PATIENT_LOCALES)[number];

/** Each language by its own name, so a patient finds theirs whatever the page shows now. */
export const LOCALE_NAMES: Readonly<Record<UiLocale, string>> = {
  sv: 'Svenska',
  en: 'English',
  ar: 'العربية',
  fa: 'فارسی',
  fi: 'Suomi',
  so: 'Soomaali',
  ti: 'ትግርኛ',
};

const RIGHT_TO_LEFT: ReadonlySet<UiLocale> = new Set(['ar', 'fa']);

export function localeDirection(locale: UiLocale): 'ltr' | 'rtl' {
  return RIGHT_TO_LEFT.has(locale) ? 'rtl' : 'ltr';
}

/** The patient language a BCP 47 tag asks for ('so-SO' → 'so', 'en_GB' → 'en'), if the pages speak it. */
export function patientLocaleOf(tag: unknown): UiLocale | undefined {
  if (typeof tag !== 'string') return undefined;
  const primary = tag.trim().toLowerCase().split(/[-_]/)[0];
  return isUiLocale(primary) ? primary : undefined;
}

/** What a join page knows about the reader's language, strongest first. */
export interface LocaleHints {
  /** What the patient chose on this device before, on any visit's page. */
  readonly remembered?: unknown;
  /** The element's own `lang`, given by the host page. */
  readonly element?: unknown;
  /** The invitation's language, from the visit directory. */
  readonly invited?: unknown;
  /** The browser's languages, most wanted first (`navigator.languages`). */
  readonly browser?: readonly string[];
  /** The host page's `lang` (usually Swedish, whoever reads it). */
  readonly page?: unknown;
}

/**
 * The language a join page opens in: the first hint that names a patient language, in the order
 * of `LocaleHints`, Swedish otherwise.
 */
export function chooseLocale(hints: LocaleHints): UiLocale {
  for (const hint of [hints.remembered, hints.element, hints.invited, ...(hints.browser ?? []), hints.page]) {
    const locale = patientLocaleOf(hint);
    if (locale) return locale;
  }
  return DEFAULT_LOCALE;
}

/**
 * A message with plural variants, one per category of the language's `Intl.PluralRules`, chosen by
 * the message's numeric `{n}`: `{ one: '{n} try left.', other: '{n} tries left.' }`. Every language
 * gives every category its rules can produce (a test checks it); a variant may leave `{n}` out
 * where the language says the number in the word (Arabic 'محاولتان', two tries).
 */
export type Plural = Readonly<Partial<Record<Intl.LDMLPluralRule, string>>> & { readonly other: string };
export type Message = string | Plural;

/**
 * The shape of a translation of `Source` (a Swedish catalogue or section, `as const`): the same
 * keys, a plain text where Swedish has one and plural variants where Swedish has them.
 */
export type Messages<Source> = { readonly [K in keyof Source]: Source[K] extends string ? string : Plural };

/**
 * Texts no human translator has checked yet: the whole language (`'all'`) or the keys listed. It
 * sits beside the texts it speaks of (`needsReview` in a catalogue file, `…NeedsReview` for a
 * section), so a translator's list can be made from the code (`npx tsx scripts/translations.ts`);
 * a checked text is taken off the list in the same commit that checks it.
 */
export type NeedsReview<K extends string> = 'all' | readonly K[];

/** What the patient's and interpreter's pages show: every other catalogue must provide these. */
export type PatientKey = Extract<MessageKey, `ui.${'call' | 'device' | 'guest' | 'join' | 'role'}.${string}`> | 'ui.calendar.loading';
export type PatientCatalog = Readonly<Pick<Catalog, PatientKey>>;

type Texts = Readonly<Partial<Record<MessageKey, Message>>>;

const catalogs = new Map<UiLocale, Texts>([['sv', sv], ['en', en]]);

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
 * The texts of a part that loads on its own, complete in every patient language: `Source` is its
 * Swedish texts. A lazily loaded element registers its section when it loads, so its texts weigh
 * nothing on pages without it.
 */
export type Section<Source> = Readonly<Record<UiLocale, Messages<Source>>>;

const sections = new Map<UiLocale, Texts>();

export function registerSection(section: Readonly<Record<UiLocale, Texts>>): void {
  for (const locale of PATIENT_LOCALES) sections.set(locale, { ...sections.get(locale), ...section[locale] });
}

export type Params = Readonly<Record<string, string | number>>;

/**
 * How numbers are written in `locale`: Persian with its own digits, Arabic with 0–9 as Swedish
 * health care's Arabic texts do, no grouping (a count or a measured value, never an amount).
 */
export function numberFormat(locale: string): Intl.NumberFormat {
  let f = numberFormats.get(locale);
  if (!f) {
    f = new Intl.NumberFormat(locale === 'ar' ? 'ar-u-nu-latn' : locale, { maximumFractionDigits: 3, useGrouping: false });
    numberFormats.set(locale, f);
  }
  return f;
}
const numberFormats = new Map<string, Intl.NumberFormat>();

/**
 * Replaces `{name}` placeholders, numbers written as `locale` writes them; an unknown placeholder is
 * left visible so it is noticed.
 */
export function format(template: string, params: Params = {}, locale: string = DEFAULT_LOCALE): string {
  return template.replace(/\{(\w+)\}/g, (whole, name: string) => {
    if (!Object.hasOwn(params, name)) return whole;
    const value = params[name];
    return typeof value === 'number' ? numberFormat(locale).format(value) : String(value);
  });
}

const swedish: Texts = sv;
const pluralRules = new Map<string, Intl.PluralRules>();

/** The variant of a plural message for the count `n` (not a number: 'other'). */
export function pluralVariant(message: Plural, n: unknown, locale: string): string {
  if (typeof n !== 'number') return message.other;
  let rules = pluralRules.get(locale);
  if (!rules) {
    rules = new Intl.PluralRules(locale);
    pluralRules.set(locale, rules);
  }
  return message[rules.select(n)] ?? message.other;
}

/**
 * The message for `key` in `locale`, with placeholders filled in; a plural message takes the
 * variant for its numeric `{n}`. A patient language has only the patient's texts; anything else (or
 * a language not loaded yet) falls back to Swedish. A section's key before its section is
 * registered shows as itself, so it is noticed.
 */
export function t(key: MessageKey, params?: Params, locale: UiLocale = DEFAULT_LOCALE): string {
  let from: UiLocale = locale;
  let message = catalogs.get(locale)?.[key] ?? sections.get(locale)?.[key];
  if (message === undefined) {
    from = DEFAULT_LOCALE;
    message = swedish[key] ?? sections.get(DEFAULT_LOCALE)?.[key];
  }
  if (message === undefined) return key;
  const template = typeof message === 'string' ? message : pluralVariant(message, params?.n, from);
  return format(template, params, from);
}
