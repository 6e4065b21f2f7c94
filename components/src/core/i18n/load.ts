import { hasCatalog, registerCatalog, type PatientCatalog, type UiLocale } from '../i18n.js';

/** Fetches a patient language's texts the first time it is chosen; each is a small chunk of its own. */
export async function loadLocale(locale: UiLocale): Promise<void> {
  if (hasCatalog(locale)) return;
  const loaders: Partial<Record<UiLocale, () => Promise<PatientCatalog>>> = {
    ar: async () => (await import('./ar.js')).ar,
    fa: async () => (await import('./fa.js')).fa,
    fi: async () => (await import('./fi.js')).fi,
  };
  const load = loaders[locale];
  if (load) registerCatalog(locale, await load());
}
