import { expect } from 'chai';
import { describe, it } from 'node:test';
import * as ar from './i18n/ar.js';
import { en } from './i18n/en.js';
import * as fa from './i18n/fa.js';
import * as fi from './i18n/fi.js';
import { nurseTexts } from './i18n/nurse.js';
import { interpreterSmsTexts, smsNeedsReview, smsTexts } from './i18n/sms.js';
import * as so from './i18n/so.js';
import { starNeedsReview, starTexts } from './i18n/star.js';
import { sv } from './i18n/sv.js';
import * as ti from './i18n/ti.js';
import {
  DEFAULT_STAR_PROFILE, DEFAULT_STAR_PROFILE_NEEDS_REVIEW, LOCALES, LOCALE_NAMES, PATIENT_LOCALES, chooseLocale, hasCatalog, loadLocale,
  localeDirection, patientLocaleOf, registerSection, t, type LocalisedText, type Message, type NeedsReview, type PatientCatalog, type PatientKey, type UiLocale,
} from './index.js';

type Texts = Readonly<Record<string, Message>>;

const placeholders = (text: string): string[] => [...new Set([...text.matchAll(/\{(\w+)\}/g)].map((m) => m[1] ?? ''))].sort();
const variants = (message: Message): [string, string][] => (typeof message === 'string' ? [['', message]] : Object.entries(message));
const isPatientKey = (key: string): key is PatientKey => /^ui\.(call|device|guest|join|role)\./.test(key) || key === 'ui.calendar.loading';
const categories = (locale: string): string[] => new Intl.PluralRules(locale).resolvedOptions().pluralCategories;

/** The languages beyond Swedish and English, each a catalogue file of its own. */
const lazy: Readonly<Record<Exclude<UiLocale, 'sv' | 'en'>, { catalog: PatientCatalog; needsReview: NeedsReview<PatientKey> }>> = {
  ar: { catalog: ar.ar, needsReview: ar.needsReview },
  fa: { catalog: fa.fa, needsReview: fa.needsReview },
  fi: { catalog: fi.fi, needsReview: fi.needsReview },
  so: { catalog: so.so, needsReview: so.needsReview },
  ti: { catalog: ti.ti, needsReview: ti.needsReview },
};
const patientKeys = Object.keys(sv).filter(isPatientKey).sort();

/**
 * `texts` (in `locale`) against the Swedish `source`: the same keys, each text non-empty with
 * Swedish's placeholders, plural exactly where Swedish is, with every category the language's
 * plural rules can produce and none they cannot. A variant may leave `{n}` out ('محاولتان').
 */
function checkAgainst(source: Texts, texts: Texts, locale: UiLocale, what: string, keys: readonly string[] = Object.keys(source)): void {
  expect(Object.keys(texts).sort(), `${what}: the keys`).to.deep.equal([...keys].sort());
  for (const key of keys) {
    const message = texts[key];
    const original = source[key];
    if (message === undefined || original === undefined) continue;
    const label = `${what} ${key}`;
    expect(typeof message, `${label}: plural where Swedish is`).to.equal(typeof original);
    const expected = placeholders(variants(original).map(([, v]) => v).join(' '));
    for (const [category, text] of variants(message)) {
      expect(text.trim(), `${label} ${category}`).to.not.equal('');
      const found = placeholders(text);
      if (typeof message === 'string') expect(found, label).to.deep.equal(expected);
      else expect(found, `${label} ${category}`).to.deep.equal(category === 'other' ? expected : expected.filter((p) => p !== 'n' || found.includes('n')));
    }
    if (typeof message !== 'string') expect(Object.keys(message).sort(), `${label}: plural categories`).to.deep.equal(categories(locale).sort());
  }
}

describe('localisation', () => {
  describe('catalogues (complete, same placeholders, plurals for every category)', () => {
    it('gives English every key of Swedish', () => {
      checkAgainst(sv, sv, 'sv', 'sv');
      checkAgainst(sv, en, 'en', 'en');
    });

    for (const [locale, { catalog }] of Object.entries(lazy) as [keyof typeof lazy, (typeof lazy)[keyof typeof lazy]][]) {
      it(`gives ${LOCALE_NAMES[locale]} (${locale}) every text a patient or interpreter sees`, () => {
        checkAgainst(sv, catalog, locale, locale, patientKeys);
      });
    }

    it('gives the star profile\'s section in every patient language', () => {
      for (const locale of PATIENT_LOCALES) checkAgainst(starTexts.sv, starTexts[locale], locale, `star ${locale}`);
    });

    it('gives the nurse\'s section in Swedish and English, and nothing half-done in a patient language', () => {
      checkAgainst(nurseTexts.sv, nurseTexts.en, 'en', 'nurse en');
      for (const locale of PATIENT_LOCALES.filter((l) => l !== 'sv' && l !== 'en')) expect(nurseTexts[locale], locale).to.deep.equal({});
    });

    it('gives the patient\'s SMS texts in every invitation language, the interpreter\'s in Swedish and English', () => {
      for (const locale of PATIENT_LOCALES) checkAgainst(smsTexts.sv, smsTexts[locale], locale, `sms ${locale}`);
      for (const locale of LOCALES) checkAgainst(interpreterSmsTexts.sv, interpreterSmsTexts[locale], locale, `interpreter sms ${locale}`);
    });

    it('gives the default star profile\'s labels in every patient language (units stay as written)', () => {
      const texts: [string, LocalisedText][] = [
        ...DEFAULT_STAR_PROFILE.bands.map((b): [string, LocalisedText] => [`band ${b.id}`, b.label]),
        ...DEFAULT_STAR_PROFILE.dimensions.flatMap((d) => [
          [`${d.id} label`, d.label] as [string, LocalisedText],
          ...(d.short ? [[`${d.id} short`, d.short] as [string, LocalisedText]] : []),
          ...(d.hint ? [[`${d.id} hint`, d.hint] as [string, LocalisedText]] : []),
          ...(d.scale.kind === 'levels' ? d.scale.levels.map((l): [string, LocalisedText] => [`${d.id} level ${l.value}`, l.label]) : []),
        ]),
      ];
      for (const [what, text] of texts) {
        for (const locale of PATIENT_LOCALES) expect(text[locale]?.trim(), `${what} in ${locale}`).to.be.a('string').and.not.equal('');
      }
    });

    it('has plural rules of the language itself for every patient language, not a fallback', () => {
      for (const locale of PATIENT_LOCALES) expect(new Intl.PluralRules(locale).resolvedOptions().locale, locale).to.equal(locale);
      expect(categories('ar').sort()).to.deep.equal(['few', 'many', 'one', 'other', 'two', 'zero']);
    });
  });

  describe('texts no human translator has checked', () => {
    const markers: [string, UiLocale, NeedsReview<string> | undefined, readonly string[]][] = [
      ...Object.entries(lazy).map(([locale, { needsReview }]): [string, UiLocale, NeedsReview<string>, readonly string[]] => [`catalogue ${locale}`, locale as UiLocale, needsReview, patientKeys]),
      ...PATIENT_LOCALES.map((l): [string, UiLocale, NeedsReview<string> | undefined, readonly string[]] => [`star ${l}`, l, starNeedsReview[l], Object.keys(starTexts.sv)]),
      ...PATIENT_LOCALES.map((l): [string, UiLocale, NeedsReview<string> | undefined, readonly string[]] => [`sms ${l}`, l, smsNeedsReview[l], Object.keys(smsTexts.sv)]),
    ];

    it('marks every text written without a translator, Somali and Tigrinya throughout', () => {
      for (const [what, locale, marker] of markers) {
        if (locale === 'so' || locale === 'ti') expect(marker, what).to.equal('all');
      }
      expect(DEFAULT_STAR_PROFILE_NEEDS_REVIEW).to.include.members(['so', 'ti']);
    });

    it('names only keys that exist, and never Swedish, the source', () => {
      for (const [what, locale, marker, keys] of markers) {
        if (locale === 'sv') expect(marker, what).to.equal(undefined);
        if (Array.isArray(marker)) for (const key of marker) expect(keys, what).to.include(key);
      }
      expect(DEFAULT_STAR_PROFILE_NEEDS_REVIEW).to.not.include('sv');
    });
  });

  describe('t()', () => {
    it('chooses a plural variant by {n} with the language\'s rules, and writes the number as the language does', async () => {
      expect(t('ui.guest.wrong', { n: 1 }, 'en')).to.equal('The code is not right. You have 1 try left.');
      expect(t('ui.guest.wrong', { n: 2 }, 'en')).to.equal('The code is not right. You have 2 tries left.');
      expect(t('ui.guest.wrong', { n: 1 })).to.equal('Koden stämmer inte. Du har 1 försök kvar.');
      await loadLocale('ar');
      await loadLocale('fa');
      expect([0, 1, 2, 3, 11, 100].map((n) => t('ui.guest.wrong', { n }, 'ar'))).to.deep.equal([
        'الرمز غير صحيح. لم تبقَ لديك أي محاولة.',
        'الرمز غير صحيح. بقيت لديك محاولة واحدة.',
        'الرمز غير صحيح. بقيت لديك محاولتان.',
        'الرمز غير صحيح. بقيت لديك 3 محاولات.',
        'الرمز غير صحيح. بقيت لديك 11 محاولة.',
        'الرمز غير صحيح. بقيت لديك 100 محاولة.',
      ]);
      expect(t('ui.guest.wrong', { n: 4 }, 'fa')).to.contain('۴ بار');
      // Not a number: the 'other' variant, the placeholder filled in as given.
      expect(t('ui.guest.wrong', { n: 'x' }, 'en')).to.equal('The code is not right. You have x tries left.');
    });

  });

  for (const locale of ['fi', 'so', 'ti'] as const) {
    it(`loads ${LOCALE_NAMES[locale]} (${locale}) on demand; until then, and for what is not a patient's text, Swedish`, async () => {
      expect(hasCatalog(locale)).to.equal(false);
      expect(t('ui.join.title', {}, locale)).to.equal(sv['ui.join.title']);
      expect(t('ui.guest.wrong', { n: 0 }, locale)).to.equal('Koden stämmer inte. Du har 0 försök kvar.'); // Swedish plural rules for Swedish text
      await loadLocale(locale);
      expect(hasCatalog(locale)).to.equal(true);
      const { catalog } = lazy[locale];
      for (const key of patientKeys) {
        const text = catalog[key];
        if (typeof text === 'string') expect(t(key, {}, locale), key).to.equal(text);
      }
      expect(t('ui.join.title', {}, locale)).to.not.equal(sv['ui.join.title']);
      expect(t('ui.share.stop', {}, locale)).to.equal(sv['ui.share.stop']);
    });
  }

  it('keeps the nurse\'s element texts out of the catalogues: they come as a section, in Swedish and English', () => {
    expect(Object.keys(sv).some((k) => k.startsWith('ui.lobby.') || k.startsWith('ui.booking.'))).to.equal(false);
    expect(Object.keys(sv).some((k) => k.startsWith('sms.'))).to.equal(false);
    registerSection(nurseTexts);
    expect(t('ui.lobby.start')).to.equal('Starta besök');
    expect(t('ui.lobby.start', {}, 'en')).to.equal('Start visit');
    expect(t('ui.lobby.start', {}, 'ar')).to.equal('Starta besök');
    expect(t('ui.share.scan.ready', { n: 1 })).to.contain('1 ruta täcker');
    expect(t('ui.share.scan.ready', { n: 3 }, 'en')).to.contain('3 boxes cover');
  });

  it('gives a section (the star profile\'s texts) in every patient language once it is registered', () => {
    expect(t('ui.star.save')).to.equal('ui.star.save'); // not loaded: the key shows, so it is noticed
    const loaded = PATIENT_LOCALES.filter(hasCatalog);
    registerSection(starTexts);
    for (const locale of PATIENT_LOCALES) {
      expect(t('ui.star.save', {}, locale)).to.equal(starTexts[locale]['ui.star.save']);
      if (locale !== 'en') expect(t('ui.star.save', {}, locale)).to.not.equal(starTexts.en['ui.star.save']);
    }
    expect(t('ui.star.chart', { n: 1, summary: '' }, 'en')).to.equal('Star profile with 1 area. ');
    expect(t('ui.star.chart', { n: 13, summary: '' }, 'fi')).to.equal('Tähtiprofiili, jossa on 13 osa-aluetta. ');
    // A section does not make its language count as loaded: the rest of the page's texts are not there.
    expect(PATIENT_LOCALES.filter(hasCatalog)).to.deep.equal(loaded);
    expect(t('ui.star.save')).to.equal('Spara');
  });

  it('names each language in its own script, and writes Arabic and Persian right to left, the others left to right', () => {
    expect(LOCALE_NAMES.so).to.equal('Soomaali');
    expect(LOCALE_NAMES.ti).to.equal('ትግርኛ');
    // Against CLDR where the runtime has the language's data (Node's full ICU; browsers lack some).
    for (const locale of Intl.DisplayNames.supportedLocalesOf([...PATIENT_LOCALES]) as UiLocale[]) {
      expect(LOCALE_NAMES[locale].toLowerCase(), locale).to.equal(new Intl.DisplayNames([locale], { type: 'language' }).of(locale)?.toLowerCase());
    }
    expect(PATIENT_LOCALES.filter((l) => localeDirection(l) === 'rtl')).to.deep.equal(['ar', 'fa']);
  });

  describe('the language a join page opens in', () => {
    const cases: [string, Parameters<typeof chooseLocale>[0], UiLocale][] = [
      ['nothing known: Swedish', {}, 'sv'],
      ['the browser\'s first language the pages speak', { browser: ['de-DE', 'so-SO', 'en'] }, 'so'],
      ['the invitation\'s language over the browser\'s', { invited: 'ti', browser: ['en-GB'] }, 'ti'],
      ['the host\'s lang on the element over the invitation', { element: 'fa', invited: 'ti' }, 'fa'],
      ['the patient\'s remembered choice over everything', { remembered: 'ar', element: 'fa', invited: 'ti', browser: ['en'] }, 'ar'],
      ['the page\'s lang only when nothing else says', { page: 'en', browser: ['de'] }, 'en'],
      ['the browser over the page (a Swedish site, an English browser)', { page: 'sv', browser: ['en-US'] }, 'en'],
      ['no language the pages speak: Swedish', { remembered: 'xx', invited: 'de', browser: ['pl-PL'] }, 'sv'],
    ];
    for (const [what, hints, expected] of cases) {
      it(what, () => {
        expect(chooseLocale(hints)).to.equal(expected);
      });
    }
    it('reads a language tag by its primary subtag', () => {
      expect(['so-SO', 'TI_er', ' fa-AF ', 'sv', 'swe', '', 12].map(patientLocaleOf)).to.deep.equal(['so', 'ti', 'fa', 'sv', undefined, undefined, undefined]);
    });
  });
});
