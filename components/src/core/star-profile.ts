/**
 * The star profile ("stjärnprofil") as data: which areas it has, how an answer or a measured value
 * becomes a score from 1 to 5 (5 is best), which colour band a score falls in, and the geometry of
 * the radar chart. Regions use different templates, so all of it is configuration;
 * `DEFAULT_STAR_PROFILE` is a sensible starting point, not a clinical standard.
 *
 * Pure: no DOM, no Lit. Errors are codes with parameters; the element says them in its language.
 */
import type { UiLocale } from './i18n.js';

export type Score = 1 | 2 | 3 | 4 | 5;
export const SCORES: readonly Score[] = [1, 2, 3, 4, 5];
export const MAX_SCORE = 5;

/**
 * A text in Swedish and in whichever patient languages the region has written it in; a language
 * left out shows the Swedish.
 */
export type LocalisedText = { readonly sv: string } & Readonly<Partial<Record<Exclude<UiLocale, 'sv'>, string>>>;

export function localised(text: LocalisedText, locale: UiLocale): string {
  return text[locale] ?? text.sv;
}

/** One answer a lifestyle question offers, e.g. "150–299 minuter" scoring 4. */
export interface StarLevel {
  /** What is stored when it is chosen: a small number that stays the same if the labels are reworded. */
  readonly value: number;
  readonly label: LocalisedText;
  readonly score: Score;
}

/** Answered by choosing one of the levels, in the order shown. */
export interface LevelScale {
  readonly kind: 'levels';
  readonly levels: readonly StarLevel[];
}

/** A value below `below` scores `score` (the first such threshold wins). */
export interface Threshold {
  readonly below: number;
  readonly score: Score;
}

/** A measured number with a unit, scored by thresholds. */
export interface MeasureScale {
  readonly kind: 'measure';
  readonly unit: LocalisedText;
  /** What the form accepts: plausible values, not healthy ones. */
  readonly min: number;
  readonly max: number;
  /** Decimals shown and accepted, e.g. 1 for mmol/l. */
  readonly decimals: number;
  /** Ascending by `below`. A value at or above the last one scores `otherwise`. */
  readonly thresholds: readonly Threshold[];
  readonly otherwise: Score;
}

export type StarScale = LevelScale | MeasureScale;
export type StarGroup = 'lifestyle' | 'measure';
export const STAR_GROUPS: readonly StarGroup[] = ['lifestyle', 'measure'];

export interface StarDimension<Id extends string = string> {
  readonly id: Id;
  /** The question's title, and the name in the table. */
  readonly label: LocalisedText;
  /** A shorter name for the chart's axis, where room is tight on a phone; `label` otherwise. */
  readonly short?: LocalisedText;
  /** One sentence under the title in the form: what to count, how to measure. */
  readonly hint?: LocalisedText;
  readonly group: StarGroup;
  readonly scale: StarScale;
  /** The form will not save without it. Nothing is required in the default profile. */
  readonly required?: boolean;
}

/** A colour shown for a score band; the element maps each to a themeable custom property. */
export type BandTone = 'red' | 'yellow' | 'green';

export interface StarBand {
  readonly id: string;
  readonly label: LocalisedText;
  /** Scores `from` to `to`, both included. */
  readonly from: Score;
  readonly to: Score;
  readonly tone: BandTone;
}

export interface StarProfileConfig<Id extends string = string> {
  /** In the order of the chart's axes (the first straight up, then clockwise) and of the form. */
  readonly dimensions: readonly StarDimension<Id>[];
  /** Together they cover every score from 1 to 5 once. */
  readonly bands: readonly StarBand[];
}

/**
 * What was filled in: per dimension id, the chosen level's `value` or the measured number; any of
 * them may be missing. Numbers only, by design: there is no place for a name, a personnummer or
 * free text, so a star profile can be shown or shared without personal data.
 */
export type StarProfileValues<Id extends string = string> = Readonly<Partial<Record<Id, number>>>;

export type StarProfileErrorCode = 'required' | 'number' | 'range' | 'choice' | 'unknown';

/**
 * What is wrong with one field, as data. `range` carries `min` and `max`; `choice` is a value that
 * is none of the levels; `unknown` a field the configuration does not have.
 */
export interface StarProfileError {
  readonly field: string;
  readonly code: StarProfileErrorCode;
  readonly min?: number;
  readonly max?: number;
}

/**
 * Checks what was filled in against the configuration. Every field is optional unless the
 * dimension says `required`, so a half-filled profile is valid. Accepts anything keyed by string
 * (say, parsed JSON): a value that is not a finite number is `number`, a key the configuration
 * lacks is `unknown`.
 */
export function validateStarProfile(config: StarProfileConfig, values: Readonly<Record<string, unknown>>): StarProfileError[] {
  const errors: StarProfileError[] = [];
  for (const dimension of config.dimensions) {
    const field = dimension.id;
    const value = Object.hasOwn(values, field) ? values[field] : undefined;
    if (value === undefined) {
      if (dimension.required) errors.push({ field, code: 'required' });
      continue;
    }
    if (typeof value !== 'number' || !Number.isFinite(value)) {
      errors.push({ field, code: 'number' });
      continue;
    }
    const { scale } = dimension;
    if (scale.kind === 'levels') {
      if (!scale.levels.some((l) => l.value === value)) errors.push({ field, code: 'choice' });
    } else if (value < scale.min || value > scale.max) {
      errors.push({ field, code: 'range', min: scale.min, max: scale.max });
    }
  }
  const known = new Set(config.dimensions.map((d) => d.id));
  for (const field of Object.keys(values)) {
    if (!known.has(field)) errors.push({ field, code: 'unknown' });
  }
  return errors;
}

/** The score of one answer or measured value; undefined when unanswered or not valid for the scale. */
export function scoreValue(scale: StarScale, value: number | undefined): Score | undefined {
  if (value === undefined || !Number.isFinite(value)) return undefined;
  if (scale.kind === 'levels') return scale.levels.find((l) => l.value === value)?.score;
  if (value < scale.min || value > scale.max) return undefined;
  return scale.thresholds.find((t) => value < t.below)?.score ?? scale.otherwise;
}

/** Every dimension's score, keyed by its id; undefined where nothing (valid) was filled in. */
export function scoreOf<Id extends string>(config: StarProfileConfig<Id>, values: StarProfileValues<Id>): Record<Id, Score | undefined> {
  const scores = {} as Record<Id, Score | undefined>;
  for (const d of config.dimensions) scores[d.id] = scoreValue(d.scale, values[d.id]);
  return scores;
}

/** The band a score falls in. */
export function bandOf(config: StarProfileConfig, score: Score | undefined): StarBand | undefined {
  return score === undefined ? undefined : config.bands.find((b) => b.from <= score && score <= b.to);
}

/** How many dimensions fall in each band (by band id), and how many are unanswered. */
export function bandCounts(config: StarProfileConfig, values: StarProfileValues): { bands: Record<string, number>; unanswered: number } {
  const bands: Record<string, number> = Object.fromEntries(config.bands.map((b) => [b.id, 0]));
  let unanswered = 0;
  for (const d of config.dimensions) {
    const band = bandOf(config, scoreValue(d.scale, values[d.id]));
    if (band) bands[band.id] = (bands[band.id] ?? 0) + 1;
    else unanswered++;
  }
  return { bands, unanswered };
}

// Digits a patient may type with an Arabic or Persian keyboard, and the Arabic decimal separator.
const EASTERN_DIGITS = /[\u0660-\u0669\u06f0-\u06f9]/g;
const DECIMAL = /^[+-]?(?:\d+(?:[.,\u066b]\d*)?|[.,\u066b]\d+)$/;

/**
 * Reads a typed number the way people write it: "5,4" and "5.4" alike, Arabic-Indic and Persian
 * digits too. Undefined for an empty field, NaN for anything that is not one number.
 */
export function parseMeasure(text: string): number | undefined {
  const trimmed = text.trim().replace(EASTERN_DIGITS, (d) => String((d.codePointAt(0) ?? 0) & 0xf));
  if (trimmed === '') return undefined;
  if (!DECIMAL.test(trimmed)) return NaN;
  return Number(trimmed.replace(/[,\u066b]/, '.'));
}

/**
 * A number as the reader writes it ("5,4" in Swedish, "۵٫۴" in Persian). Arabic keeps the digits
 * 0–9, as Swedish health care's Arabic texts do.
 */
export function formatMeasure(value: number, locale: UiLocale, decimals = 1): string {
  return new Intl.NumberFormat(locale === 'ar' ? 'ar-u-nu-latn' : locale, { maximumFractionDigits: decimals, useGrouping: false }).format(value);
}

/** What was filled in, as text: the level's label or the number with its unit. */
export function valueText(dimension: StarDimension, value: number | undefined, locale: UiLocale): string | undefined {
  if (value === undefined || !Number.isFinite(value)) return undefined;
  const { scale } = dimension;
  if (scale.kind === 'levels') {
    const level = scale.levels.find((l) => l.value === value);
    return level && localised(level.label, locale);
  }
  return `${formatMeasure(value, locale, scale.decimals)} ${localised(scale.unit, locale)}`;
}

/**
 * Mistakes in a configuration, for the developer who wrote it (plain English, never shown to a
 * patient): duplicate ids, bands that leave a score out, thresholds out of order.
 */
export function starConfigProblems(config: StarProfileConfig): string[] {
  const problems: string[] = [];
  const ids = config.dimensions.map((d) => d.id);
  if (ids.length < 3) problems.push('a radar chart needs at least three dimensions');
  for (const id of new Set(ids.filter((id, i) => ids.indexOf(id) !== i))) problems.push(`dimension id "${id}" is used twice`);
  for (const score of SCORES) {
    const n = config.bands.filter((b) => b.from <= score && score <= b.to).length;
    if (n !== 1) problems.push(`score ${score} is in ${n} bands, not 1`);
  }
  for (const d of config.dimensions) {
    const { scale } = d;
    if (scale.kind === 'levels') {
      const values = scale.levels.map((l) => l.value);
      if (values.length < 2) problems.push(`${d.id}: fewer than two levels`);
      if (new Set(values).size !== values.length) problems.push(`${d.id}: two levels share a value`);
    } else {
      if (!(scale.min < scale.max)) problems.push(`${d.id}: min is not below max`);
      if (scale.thresholds.some((t, i) => i > 0 && t.below <= (scale.thresholds[i - 1]?.below ?? -Infinity))) {
        problems.push(`${d.id}: thresholds are not ascending`);
      }
    }
  }
  return problems;
}

// ---------------------------------------------------------------------------------------------
// Radar geometry, in SVG user units (y grows downwards). The chart is a picture, not text: it is
// drawn the same way in right-to-left languages.

export interface Point {
  readonly x: number;
  readonly y: number;
}

export interface RadarGeometry {
  readonly cx: number;
  readonly cy: number;
  /** The outer edge of the chart, where a ring of score 5 ends. */
  readonly radius: number;
  /** The number of axes. */
  readonly count: number;
}

const round = (n: number): number => Math.round(n * 100) / 100 || 0;

/** The angle of axis `index`, in radians: the first straight up, then clockwise. */
export function axisAngle(index: number, count: number): number {
  return -Math.PI / 2 + (2 * Math.PI * index) / count;
}

/** The point on axis `index` at `fraction` of the radius (0 is the centre, 1 the outer edge). */
export function polarPoint(g: RadarGeometry, index: number, fraction: number): Point {
  const angle = axisAngle(index, g.count);
  return { x: round(g.cx + Math.cos(angle) * g.radius * fraction), y: round(g.cy + Math.sin(angle) * g.radius * fraction) };
}

/**
 * Each score has a ring of its own, one fifth of the radius wide; a score sits in the middle of
 * its ring, so a point never lies on the border between two bands.
 */
export const scoreFraction = (score: Score): number => (score - 0.5) / MAX_SCORE;

/** The outer edge of score `score`'s ring, as a fraction of the radius. */
export const ringFraction = (score: number): number => score / MAX_SCORE;

/** The polygon's corners, one per axis; undefined where a dimension has no score. */
export function radarPoints(scores: readonly (Score | undefined)[], g: RadarGeometry): (Point | undefined)[] {
  return Array.from({ length: g.count }, (_, i) => {
    const score = scores[i];
    return score === undefined ? undefined : polarPoint(g, i, scoreFraction(score));
  });
}

/** The outer end of every axis. */
export function radarAxes(g: RadarGeometry): Point[] {
  return Array.from({ length: g.count }, (_, i) => polarPoint(g, i, 1));
}

// ---------------------------------------------------------------------------------------------
// The default profile. The areas are those seen across Swedish regions' health dialogues for
// 50-year-olds (DESIGN §5). Wording, levels and thresholds are a reasonable default drawn from
// commonly used limits (blood pressure grades, the 150 minutes a week of activity, the 10
// standard drinks a week of risky drinking, WHO's fasting glucose and BMI classes): a region
// replaces them with its own template. They are not a clinical standard.
//
// Plain data, no helper calls: a bundle that imports the core without the star profile (the
// patient's join page) then leaves all of it out.

/** For questions answered from very poor to very good (sleep, social situation). */
const POOR_TO_GOOD: readonly StarLevel[] = [
  { value: 1, score: 1, label: { sv: 'Mycket dåligt', en: 'Very poor', ar: 'سيئ جدًا', fa: 'خیلی بد', fi: 'Erittäin huono', so: 'Aad u xun', ti: 'ኣዝዩ ሕማቕ' } },
  { value: 2, score: 2, label: { sv: 'Ganska dåligt', en: 'Quite poor', ar: 'سيئ إلى حد ما', fa: 'نسبتاً بد', fi: 'Melko huono', so: 'Xoogaa xun', ti: 'ብመጠኑ ሕማቕ' } },
  { value: 3, score: 3, label: { sv: 'Varken bra eller dåligt', en: 'Neither good nor poor', ar: 'لا جيد ولا سيئ', fa: 'نه خوب نه بد', fi: 'Ei hyvä eikä huono', so: 'Ma wanaagsana mana xuna', ti: 'ጽቡቕ ኮነ ሕማቕ ኣይኮነን' } },
  { value: 4, score: 4, label: { sv: 'Ganska bra', en: 'Quite good', ar: 'جيد إلى حد ما', fa: 'نسبتاً خوب', fi: 'Melko hyvä', so: 'Xoogaa wanaagsan', ti: 'ብመጠኑ ጽቡቕ' } },
  { value: 5, score: 5, label: { sv: 'Mycket bra', en: 'Very good', ar: 'جيد جدًا', fa: 'خیلی خوب', fi: 'Erittäin hyvä', so: 'Aad u wanaagsan', ti: 'ኣዝዩ ጽቡቕ' } },
];

/**
 * Waist circumference, cm. Risk limits differ by sex (women 80 and 88 cm, men 94 and 102 cm). The
 * values hold no sex on purpose, so the default uses the women's, lower limits (it flags sooner);
 * a region may use `WAIST_SCALE_MEN` or a template of its own.
 */
export const WAIST_SCALE_WOMEN: MeasureScale = { kind: 'measure', unit: { sv: 'cm' }, min: 40, max: 200, decimals: 0, thresholds: [{ below: 80, score: 5 }, { below: 88, score: 3 }], otherwise: 1 };
export const WAIST_SCALE_MEN: MeasureScale = { kind: 'measure', unit: { sv: 'cm' }, min: 40, max: 200, decimals: 0, thresholds: [{ below: 94, score: 5 }, { below: 102, score: 3 }], otherwise: 1 };

export type DefaultStarDimensionId =
  | 'activity' | 'diet' | 'alcohol' | 'tobacco' | 'stress' | 'sleep' | 'social'
  | 'systolic' | 'diastolic' | 'cholesterol' | 'glucose' | 'bmi' | 'waist';

export const DEFAULT_STAR_BANDS: readonly StarBand[] = [
  { id: 'change', from: 1, to: 2, tone: 'red', label: { sv: 'Behöver förändras', en: 'Needs change', ar: 'يحتاج إلى تغيير', fa: 'نیاز به تغییر', fi: 'Kaipaa muutosta', so: 'Isbeddel ayuu u baahan yahay', ti: 'ለውጢ የድልዮ' } },
  { id: 'watch', from: 3, to: 3, tone: 'yellow', label: { sv: 'Var uppmärksam', en: 'Worth watching', ar: 'يحتاج إلى انتباه', fa: 'نیاز به توجه', fi: 'Seurattava', so: 'Fiiro gaar ah u baahan', ti: 'ኣቓልቦ የድልዮ' } },
  { id: 'good', from: 4, to: 5, tone: 'green', label: { sv: 'Bra', en: 'Good', ar: 'جيد', fa: 'خوب', fi: 'Hyvä', so: 'Wanaagsan', ti: 'ጽቡቕ' } },
];

/** The default profile's texts in these languages were written without a human translator's check. */
export const DEFAULT_STAR_PROFILE_NEEDS_REVIEW: readonly UiLocale[] = ['ar', 'fa', 'fi', 'so', 'ti'];

export const DEFAULT_STAR_PROFILE: StarProfileConfig<DefaultStarDimensionId> = {
  bands: DEFAULT_STAR_BANDS,
  dimensions: [
    {
      id: 'activity', group: 'lifestyle',
      label: { sv: 'Fysisk aktivitet', en: 'Physical activity', ar: 'النشاط البدني', fa: 'فعالیت بدنی', fi: 'Liikunta', so: 'Dhaqdhaqaaqa jirka', ti: 'ኣካላዊ ንጥፈት' },
      hint: {
        sv: 'Minuter i veckan som du rör dig så att du blir lite andfådd, till exempel rask promenad, cykling eller träning.',
        en: 'Minutes a week when you move enough to get a little out of breath, for example brisk walking, cycling or exercise.',
        ar: 'عدد الدقائق في الأسبوع التي تتحرك فيها بما يكفي لتلهث قليلًا، مثل المشي السريع أو ركوب الدراجة أو التمارين الرياضية.',
        fa: 'چند دقیقه در هفته آن‌قدر تحرک دارید که کمی نفس‌نفس بزنید، مثلاً پیاده‌روی تند، دوچرخه‌سواری یا ورزش.',
        fi: 'Minuutit viikossa, jolloin liikut niin, että hengästyt hieman, esimerkiksi reipas kävely, pyöräily tai kuntoilu.',
        so: 'Daqiiqadaha toddobaadkii aad u dhaqdhaqaaqdo si aad wax yar u neef tuurto, tusaale ahaan socod degdeg ah, baaskiil wadis ama jimicsi.',
        ti: 'ኣብ ሰሙን ትንፋስኩም ቁሩብ ክሳብ ዝሓጽር እትንቀሳቐስሉ ደቓይቕ፣ ንኣብነት ቅልጡፍ ምኻድ፣ ብሽክለታ ምዝዋር ወይ ስፖርት።',
      },
      scale: {
        kind: 'levels',
        levels: [
          { value: 1, score: 1, label: { sv: 'Mindre än 30 minuter', en: 'Less than 30 minutes', ar: 'أقل من 30 دقيقة', fa: 'کمتر از ۳۰ دقیقه', fi: 'Alle 30 minuuttia', so: 'Ka yar 30 daqiiqo', ti: 'ትሕቲ 30 ደቒቕ' } },
          { value: 2, score: 2, label: { sv: '30–89 minuter', en: '30–89 minutes', ar: 'من 30 إلى 89 دقيقة', fa: '۳۰ تا ۸۹ دقیقه', fi: '30–89 minuuttia', so: '30–89 daqiiqo', ti: '30–89 ደቒቕ' } },
          { value: 3, score: 3, label: { sv: '90–149 minuter', en: '90–149 minutes', ar: 'من 90 إلى 149 دقيقة', fa: '۹۰ تا ۱۴۹ دقیقه', fi: '90–149 minuuttia', so: '90–149 daqiiqo', ti: '90–149 ደቒቕ' } },
          { value: 4, score: 4, label: { sv: '150–299 minuter', en: '150–299 minutes', ar: 'من 150 إلى 299 دقيقة', fa: '۱۵۰ تا ۲۹۹ دقیقه', fi: '150–299 minuuttia', so: '150–299 daqiiqo', ti: '150–299 ደቒቕ' } },
          { value: 5, score: 5, label: { sv: '300 minuter eller mer', en: '300 minutes or more', ar: '300 دقيقة أو أكثر', fa: '۳۰۰ دقیقه یا بیشتر', fi: '300 minuuttia tai enemmän', so: '300 daqiiqo ama ka badan', ti: '300 ደቒቕ ወይ ልዕሊኡ' } },
        ],
      },
    },
    {
      id: 'diet', group: 'lifestyle',
      label: { sv: 'Matvanor', en: 'Eating habits', ar: 'العادات الغذائية', fa: 'عادت‌های غذایی', fi: 'Ruokatottumukset', so: 'Caadooyinka cuntada', ti: 'ልምድታት ምግቢ' },
      short: { sv: 'Matvanor', en: 'Eating habits', ar: 'الغذاء', fa: 'تغذیه', fi: 'Ruokavalio', so: 'Cuntada', ti: 'ምግቢ' },
      hint: {
        sv: 'Hur många portioner frukt och grönsaker äter du en vanlig dag? En portion är till exempel en frukt eller en näve grönsaker.',
        en: 'How many portions of fruit and vegetables do you eat on a normal day? A portion is, for example, a piece of fruit or a handful of vegetables.',
        ar: 'كم حصة من الفواكه والخضروات تتناول في يوم عادي؟ الحصة مثلًا ثمرة فاكهة واحدة أو حفنة من الخضروات.',
        fa: 'در یک روز معمولی چند واحد میوه و سبزی می‌خورید؟ یک واحد مثلاً یک میوه یا یک مشت سبزی است.',
        fi: 'Kuinka monta annosta hedelmiä ja kasviksia syöt tavallisena päivänä? Annos on esimerkiksi yksi hedelmä tai kourallinen kasviksia.',
        so: 'Immisa qaybood oo miro iyo khudaar ah ayaad cuntaa maalin caadi ah? Hal qayb waa tusaale ahaan hal miro ama sacab khudaar ah.',
        ti: 'ኣብ ንቡር መዓልቲ ክንደይ ዓቐን ፍረታትን ኣሕምልትን ትበልዑ? ሓደ ዓቐን ንኣብነት ሓንቲ ፍረ ወይ ሓደ ጭብጢ ኣሕምልቲ እዩ።',
      },
      scale: {
        kind: 'levels',
        levels: [
          { value: 1, score: 1, label: { sv: 'Mindre än 1 portion', en: 'Less than 1 portion', ar: 'أقل من حصة واحدة', fa: 'کمتر از ۱ واحد', fi: 'Alle 1 annos', so: 'Ka yar 1 qayb', ti: 'ትሕቲ 1 ዓቐን' } },
          { value: 2, score: 2, label: { sv: '1–2 portioner', en: '1–2 portions', ar: 'حصة أو حصتان', fa: '۱ تا ۲ واحد', fi: '1–2 annosta', so: '1–2 qaybood', ti: '1–2 ዓቐን' } },
          { value: 3, score: 3, label: { sv: '3 portioner', en: '3 portions', ar: '3 حصص', fa: '۳ واحد', fi: '3 annosta', so: '3 qaybood', ti: '3 ዓቐን' } },
          { value: 4, score: 4, label: { sv: '4 portioner', en: '4 portions', ar: '4 حصص', fa: '۴ واحد', fi: '4 annosta', so: '4 qaybood', ti: '4 ዓቐን' } },
          { value: 5, score: 5, label: { sv: '5 portioner eller mer', en: '5 portions or more', ar: '5 حصص أو أكثر', fa: '۵ واحد یا بیشتر', fi: '5 annosta tai enemmän', so: '5 qaybood ama ka badan', ti: '5 ዓቐን ወይ ልዕሊኡ' } },
        ],
      },
    },
    {
      id: 'alcohol', group: 'lifestyle',
      label: { sv: 'Alkohol', en: 'Alcohol', ar: 'الكحول', fa: 'الکل', fi: 'Alkoholi', so: 'Khamriga', ti: 'ኣልኮል' },
      hint: {
        sv: 'Standardglas i veckan. Ett standardglas är till exempel 33 cl starköl, 12–15 cl vin eller 4 cl sprit.',
        en: 'Standard drinks a week. A standard drink is, for example, 33 cl of strong beer, 12–15 cl of wine or 4 cl of spirits.',
        ar: 'عدد المشروبات القياسية في الأسبوع. المشروب القياسي مثلًا 33 سل من البيرة القوية، أو من 12 إلى 15 سل من النبيذ، أو 4 سل من المشروبات الروحية.',
        fa: 'تعداد نوشیدنی استاندارد در هفته. یک نوشیدنی استاندارد مثلاً ۳۳ سانتی‌لیتر آبجوی قوی، ۱۲ تا ۱۵ سانتی‌لیتر شراب یا ۴ سانتی‌لیتر مشروب قوی است.',
        fi: 'Alkoholiannoksia viikossa. Annos on esimerkiksi 33 cl keskiolutta, 12–15 cl viiniä tai 4 cl väkevää alkoholijuomaa.',
        so: 'Koobab caadi ah toddobaadkii. Hal koob caadi ah waa tusaale ahaan 33 cl oo biir xoog leh, 12–15 cl oo khamri canab ah ama 4 cl oo khamri adag ah.',
        ti: 'ኣብ ሰሙን ዝስተ መደበኛ ብርጭቆ። ሓደ መደበኛ ብርጭቆ ንኣብነት 33 cl ሓያል ቢራ፣ 12–15 cl ነቢት ወይ 4 cl ሓያል መስተ እዩ።',
      },
      scale: {
        kind: 'levels',
        levels: [
          { value: 1, score: 5, label: { sv: 'Dricker inte alkohol', en: 'I do not drink alcohol', ar: 'لا أشرب الكحول', fa: 'الکل نمی‌نوشم', fi: 'En juo alkoholia', so: 'Ma cabbo khamri', ti: 'ኣልኮል ኣይሰቲን እየ' } },
          { value: 2, score: 4, label: { sv: '1–4 standardglas', en: '1–4 standard drinks', ar: 'من 1 إلى 4 مشروبات قياسية', fa: '۱ تا ۴ نوشیدنی استاندارد', fi: '1–4 annosta', so: '1–4 koob oo caadi ah', ti: '1–4 መደበኛ ብርጭቆ' } },
          { value: 3, score: 3, label: { sv: '5–9 standardglas', en: '5–9 standard drinks', ar: 'من 5 إلى 9 مشروبات قياسية', fa: '۵ تا ۹ نوشیدنی استاندارد', fi: '5–9 annosta', so: '5–9 koob oo caadi ah', ti: '5–9 መደበኛ ብርጭቆ' } },
          { value: 4, score: 2, label: { sv: '10–14 standardglas', en: '10–14 standard drinks', ar: 'من 10 إلى 14 مشروبًا قياسيًا', fa: '۱۰ تا ۱۴ نوشیدنی استاندارد', fi: '10–14 annosta', so: '10–14 koob oo caadi ah', ti: '10–14 መደበኛ ብርጭቆ' } },
          { value: 5, score: 1, label: { sv: '15 standardglas eller fler', en: '15 standard drinks or more', ar: '15 مشروبًا قياسيًا أو أكثر', fa: '۱۵ نوشیدنی استاندارد یا بیشتر', fi: '15 annosta tai enemmän', so: '15 koob oo caadi ah ama ka badan', ti: '15 መደበኛ ብርጭቆ ወይ ልዕሊኡ' } },
        ],
      },
    },
    {
      id: 'tobacco', group: 'lifestyle',
      label: { sv: 'Tobak och nikotin', en: 'Tobacco and nicotine', ar: 'التبغ والنيكوتين', fa: 'دخانیات و نیکوتین', fi: 'Tupakka ja nikotiini', so: 'Tubaakada iyo nikotiinka', ti: 'ትምባኾን ኒኮቲንን' },
      short: { sv: 'Tobak', en: 'Tobacco', ar: 'التبغ', fa: 'دخانیات', fi: 'Tupakka', so: 'Tubaakada', ti: 'ትምባኾ' },
      scale: {
        kind: 'levels',
        levels: [
          { value: 1, score: 5, label: { sv: 'Använder inte tobak eller nikotin', en: 'I do not use tobacco or nicotine', ar: 'لا أستخدم التبغ أو النيكوتين', fa: 'دخانیات یا نیکوتین مصرف نمی‌کنم', fi: 'En käytä tupakkaa enkä nikotiinia', so: 'Ma isticmaalo tubaako ama nikotiin', ti: 'ትምባኾ ወይ ኒኮቲን ኣይጥቀምን እየ' } },
          { value: 2, score: 4, label: { sv: 'Har slutat under det senaste året', en: 'I stopped during the past year', ar: 'توقفت خلال السنة الماضية', fa: 'در یک سال گذشته ترک کرده‌ام', fi: 'Lopetin viimeisen vuoden aikana', so: 'Waan joojiyay sannadkii la soo dhaafay', ti: 'ኣብ ዝሓለፈ ዓመት ገዲፈዮ' } },
          { value: 3, score: 3, label: { sv: 'Snusar eller använder annan nikotin, men röker inte', en: 'I use snus or other nicotine, but do not smoke', ar: 'أستخدم السنوس أو نيكوتين آخر، لكنني لا أدخن', fa: 'اسنوس یا نیکوتین دیگری مصرف می‌کنم، اما سیگار نمی‌کشم', fi: 'Käytän nuuskaa tai muuta nikotiinia, mutta en tupakoi', so: 'Waxaan isticmaalaa snus ama nikotiin kale, laakiin sigaar ma cabbo', ti: 'ስኑስ ወይ ካልእ ኒኮቲን እጥቀም፣ ግን ሽጋራ ኣየትክኽን እየ' } },
          { value: 4, score: 2, label: { sv: 'Röker ibland', en: 'I smoke sometimes', ar: 'أدخن أحيانًا', fa: 'گاهی سیگار می‌کشم', fi: 'Tupakoin joskus', so: 'Mararka qaar ayaan sigaar cabbaa', ti: 'ሓሓሊፈ ሽጋራ የትክኽ' } },
          { value: 5, score: 1, label: { sv: 'Röker dagligen', en: 'I smoke every day', ar: 'أدخن يوميًا', fa: 'هر روز سیگار می‌کشم', fi: 'Tupakoin päivittäin', so: 'Maalin kasta ayaan sigaar cabbaa', ti: 'መዓልታዊ ሽጋራ የትክኽ' } },
        ],
      },
    },
    {
      id: 'stress', group: 'lifestyle',
      label: { sv: 'Stress och psykiskt mående', en: 'Stress and mental wellbeing', ar: 'التوتر والصحة النفسية', fa: 'استرس و حال روانی', fi: 'Stressi ja mieliala', so: 'Walbahaarka iyo caafimaadka maskaxda', ti: 'ጸቕጢን ኣእምሮኣዊ ጥዕናን' },
      short: { sv: 'Stress', en: 'Stress', ar: 'التوتر', fa: 'استرس', fi: 'Stressi', so: 'Walbahaarka', ti: 'ጸቕጢ' },
      hint: {
        sv: 'Hur ofta har du känt dig stressad, nedstämd eller orolig den senaste månaden?',
        en: 'How often have you felt stressed, low or worried during the past month?',
        ar: 'كم مرة شعرت بالتوتر أو الحزن أو القلق خلال الشهر الماضي؟',
        fa: 'در یک ماه گذشته چند وقت یک‌بار احساس استرس، دلتنگی یا نگرانی کرده‌اید؟',
        fi: 'Kuinka usein olet viimeisen kuukauden aikana tuntenut itsesi stressaantuneeksi, alakuloiseksi tai huolestuneeksi?',
        so: 'Intee jeer ayaad dareentay walbahaar, niyad-jab ama welwel bishii la soo dhaafay?',
        ti: 'ኣብ ዝሓለፈ ወርሒ ክንደይ ግዜ ጸቕጢ፣ ጓሂ ወይ ጭንቀት ተሰሚዑኩም?',
      },
      scale: {
        kind: 'levels',
        levels: [
          { value: 1, score: 5, label: { sv: 'Aldrig', en: 'Never', ar: 'أبدًا', fa: 'هرگز', fi: 'En koskaan', so: 'Marna', ti: 'ፈጺሙ' } },
          { value: 2, score: 4, label: { sv: 'Sällan', en: 'Rarely', ar: 'نادرًا', fa: 'به‌ندرت', fi: 'Harvoin', so: 'Dhif', ti: 'ሳሕቲ' } },
          { value: 3, score: 3, label: { sv: 'Ibland', en: 'Sometimes', ar: 'أحيانًا', fa: 'گاهی', fi: 'Joskus', so: 'Mararka qaar', ti: 'ሓሓሊፉ' } },
          { value: 4, score: 2, label: { sv: 'Ofta', en: 'Often', ar: 'غالبًا', fa: 'اغلب', fi: 'Usein', so: 'Inta badan', ti: 'ብዙሕ ግዜ' } },
          { value: 5, score: 1, label: { sv: 'Hela tiden', en: 'All the time', ar: 'طوال الوقت', fa: 'همیشه', fi: 'Koko ajan', so: 'Had iyo jeer', ti: 'ኩሉ ግዜ' } },
        ],
      },
    },
    {
      id: 'sleep', group: 'lifestyle',
      label: { sv: 'Sömn', en: 'Sleep', ar: 'النوم', fa: 'خواب', fi: 'Uni', so: 'Hurdada', ti: 'ድቃስ' },
      hint: {
        sv: 'Hur har du sovit den senaste månaden – känner du dig utvilad?',
        en: 'How have you slept during the past month – do you feel rested?',
        ar: 'كيف كان نومك خلال الشهر الماضي؟ هل تشعر بأنك مرتاح؟',
        fa: 'در یک ماه گذشته خوابتان چطور بوده است؟ آیا احساس می‌کنید استراحت کافی دارید؟',
        fi: 'Miten olet nukkunut viimeisen kuukauden aikana – tunnetko itsesi levänneeksi?',
        so: 'Sidee ayaad u seexatay bishii la soo dhaafay – ma dareemaysaa inaad nasatay?',
        ti: 'ኣብ ዝሓለፈ ወርሒ ድቃስኩም ከመይ ነይሩ – ዕሩፍ ኮይኑ ይስምዓኩምዶ?',
      },
      scale: { kind: 'levels', levels: POOR_TO_GOOD },
    },
    {
      id: 'social', group: 'lifestyle',
      label: { sv: 'Social situation', en: 'Social situation', ar: 'الوضع الاجتماعي', fa: 'وضعیت اجتماعی', fi: 'Sosiaalinen tilanne', so: 'Xaaladda bulshada', ti: 'ማሕበራዊ ኩነታት' },
      hint: {
        sv: 'Hur har du det i vardagen: familj, vänner, arbete eller sysselsättning och ekonomi?',
        en: 'How are things in your everyday life: family, friends, work or occupation, and money?',
        ar: 'كيف هي حياتك اليومية: الأسرة والأصدقاء والعمل أو النشاط اليومي والوضع المالي؟',
        fa: 'زندگی روزمره‌تان چطور است: خانواده، دوستان، کار یا فعالیت روزانه و وضع مالی؟',
        fi: 'Millaista arkesi on: perhe, ystävät, työ tai muu toiminta ja talous?',
        so: 'Sidee tahay noloshaada maalinlaha ah: qoyska, saaxiibada, shaqada ama hawlaha, iyo dhaqaalaha?',
        ti: 'መዓልታዊ ህይወትኩም ከመይ እዩ፦ ስድራ፣ ኣዕሩኽ፣ ስራሕ ወይ ንጥፈት፣ ቁጠባ?',
      },
      scale: { kind: 'levels', levels: POOR_TO_GOOD },
    },
    {
      id: 'systolic', group: 'measure',
      label: { sv: 'Blodtryck, övre (systoliskt)', en: 'Blood pressure, upper (systolic)', ar: 'ضغط الدم، الرقم الأعلى (الانقباضي)', fa: 'فشار خون، عدد بالا (سیستولیک)', fi: 'Verenpaine, yläpaine (systolinen)', so: 'Cadaadiska dhiigga, kan sare (systolic)', ti: 'ጸቕጢ ደም፣ ላዕለዋይ (ሲስቶሊክ)' },
      short: { sv: 'Övre blodtryck', en: 'Upper blood pressure', ar: 'الضغط الانقباضي', fa: 'فشار سیستولیک', fi: 'Yläpaine', so: 'Cadaadiska dhiigga ee sare', ti: 'ላዕለዋይ ጸቕጢ ደም' },
      hint: {
        sv: 'Det övre talet, till exempel 130 i 130/85.',
        en: 'The upper number, for example 130 in 130/85.',
        ar: 'الرقم الأعلى، مثلًا 130 في 130/85.',
        fa: 'عدد بالا، مثلاً ۱۳۰ در ۱۳۰/۸۵.',
        fi: 'Ylempi luku, esimerkiksi 130 lukemassa 130/85.',
        so: 'Tirada sare, tusaale ahaan 130 marka la qoro 130/85.',
        ti: 'እቲ ላዕለዋይ ቁጽሪ፣ ንኣብነት 130 ኣብ 130/85።',
      },
      // Optimal < 120, normal < 130, high normal < 140, grade 1 < 160, grade 2 and above.
      scale: { kind: 'measure', unit: { sv: 'mmHg' }, min: 60, max: 260, decimals: 0, thresholds: [{ below: 120, score: 5 }, { below: 130, score: 4 }, { below: 140, score: 3 }, { below: 160, score: 2 }], otherwise: 1 },
    },
    {
      id: 'diastolic', group: 'measure',
      label: { sv: 'Blodtryck, undre (diastoliskt)', en: 'Blood pressure, lower (diastolic)', ar: 'ضغط الدم، الرقم الأدنى (الانبساطي)', fa: 'فشار خون، عدد پایین (دیاستولیک)', fi: 'Verenpaine, alapaine (diastolinen)', so: 'Cadaadiska dhiigga, kan hoose (diastolic)', ti: 'ጸቕጢ ደም፣ ታሕተዋይ (ዳያስቶሊክ)' },
      short: { sv: 'Undre blodtryck', en: 'Lower blood pressure', ar: 'الضغط الانبساطي', fa: 'فشار دیاستولیک', fi: 'Alapaine', so: 'Cadaadiska dhiigga ee hoose', ti: 'ታሕተዋይ ጸቕጢ ደም' },
      hint: {
        sv: 'Det undre talet, till exempel 85 i 130/85.',
        en: 'The lower number, for example 85 in 130/85.',
        ar: 'الرقم الأدنى، مثلًا 85 في 130/85.',
        fa: 'عدد پایین، مثلاً ۸۵ در ۱۳۰/۸۵.',
        fi: 'Alempi luku, esimerkiksi 85 lukemassa 130/85.',
        so: 'Tirada hoose, tusaale ahaan 85 marka la qoro 130/85.',
        ti: 'እቲ ታሕተዋይ ቁጽሪ፣ ንኣብነት 85 ኣብ 130/85።',
      },
      scale: { kind: 'measure', unit: { sv: 'mmHg' }, min: 30, max: 160, decimals: 0, thresholds: [{ below: 80, score: 5 }, { below: 85, score: 4 }, { below: 90, score: 3 }, { below: 100, score: 2 }], otherwise: 1 },
    },
    {
      id: 'cholesterol', group: 'measure',
      label: { sv: 'Blodfetter (totalkolesterol)', en: 'Blood lipids (total cholesterol)', ar: 'دهون الدم (الكوليسترول الكلي)', fa: 'چربی خون (کلسترول کل)', fi: 'Veren rasva-arvot (kokonaiskolesteroli)', so: 'Dufanka dhiigga (kolestaroolka guud)', ti: 'ስብሒ ደም (ጠቕላላ ኮለስትሮል)' },
      short: { sv: 'Kolesterol', en: 'Cholesterol', ar: 'الكوليسترول', fa: 'کلسترول', fi: 'Kolesteroli', so: 'Kolestarool', ti: 'ኮለስትሮል' },
      scale: { kind: 'measure', unit: { sv: 'mmol/l' }, min: 1, max: 20, decimals: 1, thresholds: [{ below: 5, score: 5 }, { below: 5.5, score: 4 }, { below: 6.5, score: 3 }, { below: 8, score: 2 }], otherwise: 1 },
    },
    {
      id: 'glucose', group: 'measure',
      label: { sv: 'Blodsocker (fastande)', en: 'Blood sugar (fasting)', ar: 'سكر الدم (صائم)', fa: 'قند خون (ناشتا)', fi: 'Verensokeri (paastoarvo)', so: 'Sonkorta dhiigga (calool madhan)', ti: 'ሽኮር ደም (ብጾም)' },
      short: { sv: 'Blodsocker', en: 'Blood sugar', ar: 'سكر الدم', fa: 'قند خون', fi: 'Verensokeri', so: 'Sonkorta dhiigga', ti: 'ሽኮር ደም' },
      // WHO: below 6.1 normal, 6.1–6.9 impaired fasting glucose, 7.0 and above the diabetes range.
      scale: { kind: 'measure', unit: { sv: 'mmol/l' }, min: 1, max: 35, decimals: 1, thresholds: [{ below: 6.1, score: 5 }, { below: 7, score: 3 }], otherwise: 1 },
    },
    {
      id: 'bmi', group: 'measure',
      label: { sv: 'BMI (kroppsmasseindex)', en: 'BMI (body mass index)', ar: 'مؤشر كتلة الجسم (BMI)', fa: 'شاخص توده بدنی (BMI)', fi: 'Painoindeksi (BMI)', so: 'BMI (tusaha culeyska jirka)', ti: 'BMI (መመዘኒ ክብደት ኣካላት)' },
      short: { sv: 'BMI', en: 'BMI', ar: 'مؤشر كتلة الجسم', fa: 'شاخص توده بدنی', fi: 'Painoindeksi', so: 'BMI', ti: 'BMI' },
      hint: {
        sv: 'Vikten i kilo delad med längden i meter i kvadrat.',
        en: 'Weight in kilograms divided by the square of height in metres.',
        ar: 'الوزن بالكيلوغرام مقسومًا على مربع الطول بالمتر.',
        fa: 'وزن به کیلوگرم تقسیم بر مجذور قد به متر.',
        fi: 'Paino kiloina jaettuna pituuden neliöllä metreinä.',
        so: 'Miisaanka kiilooyinka oo loo qaybiyay dhererka mitirka oo labajibbaaran.',
        ti: 'ክብደት ብኪሎ፣ ብካሬ ቁመት ብሜትሮ ዝተመቐለ።',
      },
      // WHO: underweight < 18.5, normal < 25, overweight < 30, obesity class I < 35, above.
      scale: { kind: 'measure', unit: { sv: 'kg/m²' }, min: 10, max: 80, decimals: 1, thresholds: [{ below: 18.5, score: 3 }, { below: 25, score: 5 }, { below: 30, score: 3 }, { below: 35, score: 2 }], otherwise: 1 },
    },
    {
      id: 'waist', group: 'measure',
      label: { sv: 'Midjemått', en: 'Waist circumference', ar: 'محيط الخصر', fa: 'دور کمر', fi: 'Vyötärönympärys', so: 'Wareegga dhexda', ti: 'ዙርያ መዓንጣ' },
      short: { sv: 'Midjemått', en: 'Waist', ar: 'الخصر', fa: 'دور کمر', fi: 'Vyötärö', so: 'Dhexda', ti: 'መዓንጣ' },
      hint: {
        sv: 'Mät runt midjan, mitt emellan nedersta revbenet och höftbenet.',
        en: 'Measure around the waist, midway between the lowest rib and the hip bone.',
        ar: 'قِس محيط الخصر في منتصف المسافة بين أسفل ضلع وعظم الورك.',
        fa: 'دور کمر را در میانه‌ی پایین‌ترین دنده و استخوان لگن اندازه بگیرید.',
        fi: 'Mittaa vyötärön ympärys alimman kylkiluun ja lonkkaluun puolivälistä.',
        so: 'Ku cabbir wareegga dhexda, bartamaha u dhexeeya feeraha ugu hooseeya iyo lafta misigta.',
        ti: 'ዙርያ መዓንጣ ኣብ ማእከል እቲ ታሕተዋይ ጎድንን ዓጽሚ ዳሌን ዓቐኑ።',
      },
      scale: WAIST_SCALE_WOMEN,
    },
  ],
};
