import { en } from './i18n/en.js';
import { sv, type Catalog, type MessageKey } from './i18n/sv.js';

export type { Catalog, MessageKey };

/** Languages with a complete catalogue. Swedish is the default everywhere. */
export const LOCALES = ['sv', 'en'] as const;
export type Locale = (typeof LOCALES)[number];
export const DEFAULT_LOCALE: Locale = 'sv';

const catalogs: Record<Locale, Catalog> = { sv, en };

export function isLocale(value: unknown): value is Locale {
  return typeof value === 'string' && (LOCALES as readonly string[]).includes(value);
}

export type Params = Readonly<Record<string, string | number>>;

/** Replaces `{name}` placeholders; an unknown placeholder is left visible so it is noticed. */
export function format(template: string, params: Params = {}): string {
  return template.replace(/\{(\w+)\}/g, (whole, name: string) =>
    Object.hasOwn(params, name) ? String(params[name]) : whole,
  );
}

/** The message for `key` in `locale`, with placeholders filled in. */
export function t(key: MessageKey, params?: Params, locale: Locale = DEFAULT_LOCALE): string {
  return format(catalogs[locale][key], params);
}
