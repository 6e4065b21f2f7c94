import { expect } from 'chai';
import { describe, it } from 'node:test';
import { en } from './i18n/en.js';
import { sv, type MessageKey } from './i18n/sv.js';
import { LOCALE_NAMES, PATIENT_LOCALES, hasCatalog, loadLocale, localeDirection, t, type PatientKey } from './index.js';

const placeholders = (text: string): string[] => [...text.matchAll(/\{(\w+)\}/g)].map((m) => m[1] ?? '').sort();
const isPatientKey = (key: string): key is PatientKey => /^ui\.(call|device|guest|join|role)\./.test(key) || key === 'ui.calendar.loading';

describe('localisation', () => {
  it('gives English every key with the same placeholders as Swedish', () => {
    for (const key of Object.keys(sv) as MessageKey[]) {
      expect(en[key], key).to.be.a('string').and.not.equal('');
      expect(placeholders(en[key]), key).to.deep.equal(placeholders(sv[key]));
    }
  });

  for (const locale of PATIENT_LOCALES.filter((l) => l !== 'sv' && l !== 'en')) {
    it(`loads ${LOCALE_NAMES[locale]} (${locale}) on demand with every patient text, placeholders intact`, async () => {
      expect(hasCatalog(locale)).to.equal(false);
      expect(t('ui.join.title', {}, locale)).to.equal(sv['ui.join.title']); // not loaded yet: Swedish
      await loadLocale(locale);
      expect(hasCatalog(locale)).to.equal(true);
      for (const key of (Object.keys(sv) as MessageKey[]).filter(isPatientKey)) {
        const text = t(key, {}, locale);
        expect(text, key).to.not.equal('');
        expect(placeholders(text), key).to.deep.equal(placeholders(sv[key]));
        if (!/^ui\.device\.(camera|microphone)$/.test(key)) expect(text, `${key} translated`).to.not.equal(en[key]);
      }
      // What is not on the patient's side stays Swedish rather than showing a key.
      expect(t('ui.lobby.start', {}, locale)).to.equal('Starta besök');
    });
  }

  it('writes Arabic and Persian right to left, the others left to right', () => {
    expect(PATIENT_LOCALES.filter((l) => localeDirection(l) === 'rtl')).to.deep.equal(['ar', 'fa']);
  });
});
