import { hasCatalog, registerCatalog, type PatientCatalog, type UiLocale } from '../i18n.js';
import { registerDateNames, type DateNames } from '../time.js';

type Loaded = readonly [PatientCatalog, DateNames?];

/** One loader per language beyond Swedish and English: a language added without one does not compile. */
const loaders: Readonly<Record<Exclude<UiLocale, 'sv' | 'en'>, () => Promise<Loaded>>> = {
  ar: async () => [(await import('./ar.js')).ar],
  fa: async () => [(await import('./fa.js')).fa],
  fi: async () => [(await import('./fi.js')).fi],
  so: async () => {
    const m = await import('./so.js');
    return [m.so, m.dateNames];
  },
  ti: async () => {
    const m = await import('./ti.js');
    return [m.ti, m.dateNames];
  },
};

/**
 * Fetches a patient language's texts the first time it is chosen, each a small chunk of its own,
 * with the day and month names the browser may lack for it.
 */
export async function loadLocale(locale: UiLocale): Promise<void> {
  if (hasCatalog(locale) || locale === 'sv' || locale === 'en') return;
  const [catalog, dates] = await loaders[locale]();
  if (dates) registerDateNames(locale, dates);
  registerCatalog(locale, catalog);
}
