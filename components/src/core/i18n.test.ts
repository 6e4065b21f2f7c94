import { expect } from 'chai';
import { describe, it } from 'node:test';
import { en } from './i18n/en.js';
import { nurseTexts } from './i18n/nurse.js';
import { starTexts, type StarKey } from './i18n/star.js';
import { sv, type MessageKey } from './i18n/sv.js';
import { LOCALE_NAMES, PATIENT_LOCALES, hasCatalog, loadLocale, localeDirection, registerSection, t, type PatientKey } from './index.js';

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
      expect(t('store.stale', {}, locale)).to.equal(sv['store.stale']);
    });
  }

  it('keeps the nurse\'s element texts out of the catalogues: they come as a section, in Swedish and English', () => {
    expect(Object.keys(sv).some((k) => k.startsWith('ui.lobby.') || k.startsWith('ui.booking.'))).to.equal(false);
    registerSection(nurseTexts);
    expect(t('ui.lobby.start')).to.equal('Starta besök');
    expect(t('ui.lobby.start', {}, 'en')).to.equal('Start visit');
    expect(t('ui.lobby.start', {}, 'ar')).to.equal('Starta besök');
  });

  it('gives a section (the star profile\'s texts) in every patient language once it is registered', () => {
    expect(t('ui.star.save')).to.equal('ui.star.save'); // not loaded: the key shows, so it is noticed
    const loaded = PATIENT_LOCALES.filter(hasCatalog);
    registerSection(starTexts);
    for (const locale of PATIENT_LOCALES) {
      for (const key of Object.keys(starTexts.sv) as StarKey[]) {
        const text = t(key, {}, locale);
        expect(text, `${locale} ${key}`).to.equal(starTexts[locale][key]).and.not.equal('');
        expect(placeholders(text), `${locale} ${key}`).to.deep.equal(placeholders(starTexts.sv[key]));
        if (locale !== 'en' && key !== 'ui.star.count') expect(text, `${locale} ${key} translated`).to.not.equal(starTexts.en[key]);
      }
    }
    // A section does not make its language count as loaded: the rest of the page's texts are not there.
    expect(PATIENT_LOCALES.filter(hasCatalog)).to.deep.equal(loaded);
    expect(t('ui.star.save')).to.equal('Spara');
  });

  it('writes Arabic and Persian right to left, the others left to right', () => {
    expect(PATIENT_LOCALES.filter((l) => localeDirection(l) === 'rtl')).to.deep.equal(['ar', 'fa']);
  });
});
