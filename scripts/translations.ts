// `npx tsx scripts/translations.ts [locale]`: the texts no human translator has checked yet, read
// from the NeedsReview markers beside them, as tab-separated lines for a translator's sheet:
// language, where, key, Swedish (the source), English, the text as it stands.
// A checked text is taken off its marker in the same commit that checks (or corrects) it.
import * as ar from '../components/src/core/i18n/ar.js';
import { en } from '../components/src/core/i18n/en.js';
import * as fa from '../components/src/core/i18n/fa.js';
import * as fi from '../components/src/core/i18n/fi.js';
import { smsNeedsReview, smsTexts } from '../components/src/core/i18n/sms.js';
import * as so from '../components/src/core/i18n/so.js';
import { starNeedsReview, starTexts } from '../components/src/core/i18n/star.js';
import { sv } from '../components/src/core/i18n/sv.js';
import * as ti from '../components/src/core/i18n/ti.js';
import {
  DEFAULT_STAR_PROFILE, DEFAULT_STAR_PROFILE_NEEDS_REVIEW, PATIENT_LOCALES, isUiLocale,
  type LocalisedText, type Message, type NeedsReview, type UiLocale,
} from '../components/src/core/index.js';

type Texts = Readonly<Record<string, Message>>;

const only = process.argv[2];
if (only !== undefined && !isUiLocale(only)) {
  console.error(`Not a patient language: ${only}. One of ${PATIENT_LOCALES.join(', ')}.`);
  process.exit(1);
}

const flat = (message: Message | undefined): string =>
  message === undefined ? '' : typeof message === 'string' ? message : Object.entries(message).map(([c, v]) => `[${c}] ${v}`).join(' ');
const cell = (text: string): string => text.replace(/\s+/g, ' ');

function listed(locale: UiLocale, where: string, marker: NeedsReview<string> | undefined, source: Texts, english: Texts, texts: Texts): void {
  if (!marker || (only && only !== locale)) return;
  const keys = marker === 'all' ? Object.keys(texts) : marker;
  for (const key of keys) console.log([locale, where, key, flat(source[key]), flat(english[key]), flat(texts[key])].map(cell).join('\t'));
}

console.log(['language', 'where', 'key', 'sv', 'en', 'text'].join('\t'));
for (const [locale, m] of [['ar', { catalog: ar.ar, needsReview: ar.needsReview }], ['fa', { catalog: fa.fa, needsReview: fa.needsReview }],
  ['fi', { catalog: fi.fi, needsReview: fi.needsReview }], ['so', { catalog: so.so, needsReview: so.needsReview }],
  ['ti', { catalog: ti.ti, needsReview: ti.needsReview }]] as const) {
  listed(locale, 'catalogue', m.needsReview, sv, en, m.catalog);
}
for (const locale of PATIENT_LOCALES) {
  listed(locale, 'star profile', starNeedsReview[locale], starTexts.sv, starTexts.en, starTexts[locale]);
  listed(locale, 'sms', smsNeedsReview[locale], smsTexts.sv, smsTexts.en, smsTexts[locale]);
}

// The default star profile's labels, by their place in the configuration.
const profileTexts: [string, LocalisedText][] = [
  ...DEFAULT_STAR_PROFILE.bands.map((b): [string, LocalisedText] => [`band.${b.id}`, b.label]),
  ...DEFAULT_STAR_PROFILE.dimensions.flatMap((d): [string, LocalisedText][] => [
    [`${d.id}.label`, d.label],
    ...(d.short ? [[`${d.id}.short`, d.short] as [string, LocalisedText]] : []),
    ...(d.hint ? [[`${d.id}.hint`, d.hint] as [string, LocalisedText]] : []),
    ...(d.scale.kind === 'levels' ? d.scale.levels.map((l): [string, LocalisedText] => [`${d.id}.level.${String(l.value)}`, l.label]) : []),
  ]),
];
for (const locale of DEFAULT_STAR_PROFILE_NEEDS_REVIEW) {
  const texts: Texts = Object.fromEntries(profileTexts.map(([key, text]) => [key, text[locale] ?? '']));
  const source: Texts = Object.fromEntries(profileTexts.map(([key, text]) => [key, text.sv]));
  const english: Texts = Object.fromEntries(profileTexts.map(([key, text]) => [key, text.en ?? '']));
  listed(locale, 'default star profile', 'all', source, english, texts);
}
