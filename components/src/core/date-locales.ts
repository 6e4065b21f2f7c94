import type { Locale as DateFnsLocale } from 'date-fns';
import { enGB, sv } from 'date-fns/locale';
import type { Locale } from './i18n.js';

/** date-fns's locale for each nurse language: the one table for every date the nurse's side formats. */
export const dateLocales: Readonly<Record<Locale, DateFnsLocale>> = { sv, en: enGB };
