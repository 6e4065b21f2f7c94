/**
 * Personal data in the OCR text of a scanned star profile: what must be blacked out before the page
 * is shown to anyone else. The page also carries health values (135/85, 5,2 mmol/l, BMI 27, 94 cm,
 * dates), which are the point of showing it and must stay readable.
 *
 * The rules lean towards covering: a box too many hides a word the nurse can still read aloud, a box
 * too few shows a patient's identity in a call. Only the health values are guarded on the other side.
 * Every rule works on the text as it is; offsets always point into the caller's text.
 */
import { parsePersonnummer } from './personnummer.js';
import { isValidDate } from './time.js';

export type PersonalDataKind = 'personnummer' | 'phone' | 'email' | 'postcode' | 'name' | 'address';

/** A piece of personal data: `text.slice(start, end)`. */
export interface PersonalDataHit {
  readonly kind: PersonalDataKind;
  readonly start: number;
  readonly end: number;
}

/**
 * Personnummer and samordningsnummer, phone numbers, e-mail addresses, postcodes with their town,
 * street addresses, and whatever follows a personal field label (Namn, Adress, Tel, …), in `text`.
 * Hits are sorted and never overlap: overlapping finds become one hit of the more specific kind
 * (personnummer, e-mail, phone, address, postcode, name, in that order).
 */
export function findPersonalData(text: string): PersonalDataHit[] {
  const digits = readDigits(text);
  return merge([
    ...personnummerHits(digits),
    ...phoneHits(digits),
    ...postcodeHits(digits),
    ...emailHits(text),
    ...streetHits(text),
    ...labelledHits(text),
  ]);
}

const SPECIFICITY: Readonly<Record<PersonalDataKind, number>> = {
  personnummer: 0,
  email: 1,
  phone: 2,
  // An address found with its postcode is still an address.
  address: 3,
  postcode: 4,
  name: 5,
};

function merge(hits: readonly PersonalDataHit[]): PersonalDataHit[] {
  const sorted = hits.filter((h) => h.end > h.start).sort((a, b) => a.start - b.start || b.end - a.end);
  const merged: PersonalDataHit[] = [];
  for (const hit of sorted) {
    const last = merged.at(-1);
    if (last && hit.start < last.end) {
      const kind = SPECIFICITY[hit.kind] < SPECIFICITY[last.kind] ? hit.kind : last.kind;
      merged[merged.length - 1] = { kind, start: last.start, end: Math.max(last.end, hit.end) };
    } else {
      merged.push(hit);
    }
  }
  return merged;
}

// Horizontal space only: a number never continues on the next line of a form.
const GAP = '[ \\t\\u00a0\\u2009\\u202f]';
const DASHES = '\\-\\u2010-\\u2014\\u2212';

// ---------------------------------------------------------------------------------------------
// Digits as OCR misreads them

/** What Tesseract reads for a digit in the fonts and handwriting of a form. */
const READ_AS_DIGIT: Readonly<Record<string, string>> = {
  O: '0', o: '0', l: '1', I: '1', '|': '1', S: '5', s: '5', B: '8', Z: '2', G: '6',
};

/**
 * `text` with misread digits put back, character for character, so that every offset still
 * points into the original. Only inside a piece of a word that is all digits and look-alikes, at
 * least half of them real digits: "l9l2l2l2" is a number, "Is", "SOS" and "mmol/l" are words.
 * A '|' at either end of a piece is a table rule, not a one.
 */
function readDigits(text: string): string {
  return text.replace(new RegExp(`[^\\s${DASHES}+/:;,()\\[\\]]+`, 'gu'), (piece) => {
    const lead = /^\|*/.exec(piece)?.[0].length ?? 0;
    const trail = /\|*$/.exec(piece.slice(lead))?.[0].length ?? 0;
    const core = piece.slice(lead, piece.length - trail);
    let real = 0;
    let misread = 0;
    for (const c of core) {
      if (c >= '0' && c <= '9') real++;
      else if (c in READ_AS_DIGIT) misread++;
      else return piece;
    }
    if (misread === 0 || real < misread) return piece;
    const mapped = Array.from(core, (c) => READ_AS_DIGIT[c] ?? c).join('');
    return piece.slice(0, lead) + mapped + piece.slice(piece.length - trail);
  });
}

// ---------------------------------------------------------------------------------------------
// Personnummer

// Digit groups of two or more, apart by spaces or one dash or plus: 19121212-1212, 12 12 12-12 12.
// Groups of one digit are left out on purpose: the radar chart's scale reads "1 2 3 4 5". A number
// written in a narrow box may go on to the next line after its dash ("19121212-" / "1212"). Letters
// may touch it: OCR glues a label to its value ("Pnr19121212-1212").
const NUMBER_RUN = new RegExp(
  `(?<!\\p{N})\\d{2,}(?:(?:${GAP}{1,3}|${GAP}{0,2}[${DASHES}+]${GAP}{0,2}(?:\\r?\\n${GAP}{0,2})?)\\d{2,})*(?!\\p{N})`,
  'gu',
);

function personnummerHits(digits: string): PersonalDataHit[] {
  const hits: PersonalDataHit[] = [];
  for (const run of digits.matchAll(NUMBER_RUN)) {
    const groups = Array.from(run[0].matchAll(/\d+/g), (g) => ({
      digits: g[0],
      start: run.index + g.index,
      end: run.index + g.index + g[0].length,
    }));
    // Every stretch of whole groups that holds 10 or 12 digits is a candidate.
    groups.forEach((first, a) => {
      let number = '';
      let separator = '';
      let separatorAt = -1;
      let separators = 0;
      let spaced = false;
      const cuts: number[] = [];
      for (let b = a; b < groups.length; b++) {
        const group = groups[b];
        if (!group) break;
        if (b > a) {
          const between = digits.slice(groups[b - 1]?.end ?? group.start, group.start);
          const dash = new RegExp(`[${DASHES}+]`, 'u').exec(between);
          if (dash) {
            separators++;
            separator = dash[0] === '+' ? '+' : '-';
            separatorAt = number.length;
          }
          // A line break after the dash is wrapping, not spacing.
          if (new RegExp(GAP, 'u').test(between)) spaced = true;
          cuts.push(number.length);
        }
        number += group.digits;
        if (number.length > 12) break;
        if (number.length !== 10 && number.length !== 12) continue;
        // Written personnummer put a dash or plus only before the last four digits.
        if (separators > 1 || (separators === 1 && separatorAt !== number.length - 4)) continue;
        if (!writtenInFields(number.length, cuts)) continue;
        if (isPersonnummer(number, separator, spaced)) {
          hits.push({ kind: 'personnummer', start: first.start, end: group.end });
        }
      }
    });
  }
  return hits;
}

/**
 * People split a personnummer only between its fields (19 12 12 12-12 12, 19121212 1212), and always
 * between the date and the last four when they split it at all. Numbers side by side in a table
 * ("2001 1990 13", "75 100 18943") are split anywhere.
 */
function writtenInFields(length: number, cuts: readonly number[]): boolean {
  if (cuts.length === 0) return true;
  const century = length - 10;
  return cuts.includes(length - 4) && cuts.every((cut) => cut === century || (cut - century) % 2 === 0);
}

function isPersonnummer(number: string, separator: string, spaced: boolean): boolean {
  const cut = number.length - 4;
  if (parsePersonnummer(number.slice(0, cut) + separator + number.slice(cut)).ok) return true;
  // A misread check digit must not leave the number readable. The written shapes YYMMDD-NNNN,
  // YYYYMMDD-NNNN and YYYYMMDDNNNN with a real birth date are personnummer whatever Luhn says; ten
  // bare digits are not, since phone and reference numbers look just the same.
  return !spaced && (separator !== '' || number.length === 12) && plausibleBirthDate(number);
}

function plausibleBirthDate(number: string): boolean {
  const long = number.length === 12;
  const d = long ? 4 : 2;
  // Any century will do for a short number: 2000 keeps 29 February of a year ending in 00.
  const year = long ? Number(number.slice(0, 4)) : 2000 + Number(number.slice(0, 2));
  if (year < 1800 || year > 2099) return false;
  const month = Number(number.slice(d, d + 2));
  const typedDay = Number(number.slice(d + 2, d + 4));
  return isValidDate({ year, month, day: typedDay > 60 ? typedDay - 60 : typedDay });
}

// ---------------------------------------------------------------------------------------------
// Phone numbers

// Swedish numbering plan rather than libphonenumber's ranges: a number with one digit misread
// must still be covered, and the plan's shape (trunk 0 or +46, 7–9 digits after it, 07 mobiles
// with 9) is what tells a phone number from the numbers around it. A number never starts inside
// another one, nor after a time's colon ("kl. 10:08 24-02-2023").
const PHONE_START = new RegExp(`(?<![\\p{L}\\p{N}+.,/${DASHES}])(?<!\\d:)(?:\\+|00|\\(?0)`, 'gu');
const INTERNATIONAL = new RegExp(`(?:\\+|00)${GAP}?46${GAP}?(?:\\(0\\)${GAP}?|0(?=\\d))?`, 'y');
const PHONE_GROUP = /\d+/y;
const PHONE_SEPARATOR = new RegExp(
  `(?:${GAP}{1,2}|${GAP}?[${DASHES}]${GAP}?|\\)${GAP}?|${GAP}?/${GAP}?)(?=\\d)`,
  'y',
);

function phoneHits(digits: string): PersonalDataHit[] {
  const hits: PersonalDataHit[] = [];
  for (const start of digits.matchAll(PHONE_START)) {
    const end = phoneEnd(digits, start.index);
    if (end > 0) hits.push({ kind: 'phone', start: start.index, end });
  }
  return hits;
}

/** Where a Swedish phone number starting at `at` ends, or -1. */
function phoneEnd(s: string, at: number): number {
  let i = at;
  INTERNATIONAL.lastIndex = i;
  const international = INTERNATIONAL.exec(s);
  let opened = false;
  if (international) {
    i += international[0].length;
  } else {
    if (s[i] === '(') {
      opened = true;
      i++;
    }
    if (s[i] !== '0') return -1;
  }
  const groups: string[] = [];
  const separators: string[] = [];
  PHONE_GROUP.lastIndex = i;
  const first = PHONE_GROUP.exec(s)?.[0];
  if (first === undefined) return -1;
  groups.push(first);
  i += first.length;
  let significant = international ? first : first.slice(1);
  for (;;) {
    PHONE_SEPARATOR.lastIndex = i;
    const separator = PHONE_SEPARATOR.exec(s)?.[0];
    if (separator === undefined) break;
    // "(08) 123 45 67" and the old "08/123 45 67": both only right after the area code.
    if (separator.includes(')') && !(opened && groups.length === 1)) break;
    if (separator.includes('/') && groups.length !== 1) break;
    PHONE_GROUP.lastIndex = i + separator.length;
    const group = PHONE_GROUP.exec(s)?.[0] ?? '';
    if (group.length < 2 || significant.length + group.length > 9) {
      // More digits follow: a longer number or a list of values, not a phone number, unless a
      // second number starts right here ("070-123 45 67 08-123 456 78").
      if (group.startsWith('0')) break;
      return -1;
    }
    groups.push(group);
    separators.push(separator.trim());
    significant += group;
    i += separator.length + group.length;
  }
  if (significant.length < 7 || significant.length > 9 || significant.startsWith('0')) return -1;
  if (significant.startsWith('7') && significant.length !== 9) return -1;
  if (!international && groups.length > 1 && first.length < 2) return -1;
  if (!international && looksLikeDate(groups, separators)) return -1;
  // A decimal goes on: "08 123 45,5" is no phone number.
  if (/^[.,]\d/.test(s.slice(i, i + 2))) return -1;
  return i;
}

/**
 * A date among the groups, however joined: 01-12-2026, 01/12/26, 05 11 2026, or a value and then a
 * date ("08 2019-03-22"). Phone groups after the area code are never a year with a month beside it.
 */
function looksLikeDate(groups: readonly string[], separators: readonly string[]): boolean {
  const isMonth = (g: string): boolean => g.length <= 2 && Number(g) >= 1 && Number(g) <= 12;
  const isDay = (g: string): boolean => g.length <= 2 && Number(g) >= 1 && Number(g) <= 31;
  const isYear = (g: string): boolean => /^(?:19|20)\d\d$/.test(g);
  for (let k = 0; k + 2 < groups.length; k++) {
    const [a = '', b = '', c = ''] = groups.slice(k, k + 3);
    const sameJoin = separators[k] !== '' && separators[k] === separators[k + 1];
    if (isDay(a) && isMonth(b) && (isYear(c) || (sameJoin && c.length === 2))) return true;
    if (isYear(a) && isMonth(b) && isDay(c)) return true;
  }
  return false;
}

// ---------------------------------------------------------------------------------------------
// E-mail addresses

// OCR puts spaces around '@' and '.' ("tolvan @ example. se"). A spaced dot counts only before a
// lower-case part, so that the end of a sentence ("… example.se. Vikt 82 kg") is not taken along.
// An address written in a narrow box may go on to the next line after its '@'.
const EMAIL = new RegExp(
  `(?<![\\p{L}\\p{N}._%+\\-])[\\p{L}\\p{N}._%+\\-]+${GAP}{0,2}@${GAP}{0,2}(?:\\r?\\n${GAP}{0,2})?[\\p{L}\\p{N}\\-]+` +
    `(?:(?:\\.|${GAP}{1,2}\\.${GAP}{0,2}(?=\\p{Ll})|\\.${GAP}{1,2}(?=\\p{Ll}))[\\p{L}\\p{N}\\-]+)*` +
    `(?:\\.|${GAP}{1,2}\\.${GAP}{0,2}(?=\\p{Ll})|\\.${GAP}{1,2}(?=\\p{Ll}))\\p{L}{2,}(?![\\p{L}\\p{N}\\-])`,
  'gu',
);

function emailHits(text: string): PersonalDataHit[] {
  return Array.from(text.matchAll(EMAIL), (m) => ({ kind: 'email', start: m.index, end: m.index + m[0].length }));
}

// ---------------------------------------------------------------------------------------------
// Postcodes and street addresses

/**
 * Words of the star profile itself, never a town: a capitalised word after "120 80" (a blood
 * pressure whose slash OCR lost) or "10000" (steps) must not make a postcode of the numbers.
 */
const NOT_TOWNS = new Set([
  'alkohol', 'blodfetter', 'blodsocker', 'blodtryck', 'bmi', 'datum', 'diastoliskt', 'fysisk', 'glukos',
  'hba1c', 'hdl', 'kcal', 'kg', 'kolesterol', 'kost', 'ldl', 'längd', 'matvanor', 'midja', 'midjemått',
  'midjeomfång', 'min', 'minuter', 'mmhg', 'mmol', 'motion', 'poäng', 'puls', 'rökning', 'snus', 'sömn',
  'steg', 'stress', 'systoliskt', 'timmar', 'tobak', 'triglycerider', 'vikt', 'välbefinnande', 'år',
]);

const POSTCODE = new RegExp(
  `(?<![\\p{L}\\p{N}+.,/${DASHES}])(?:SE${GAP}?[${DASHES}]?${GAP}?|S${GAP}?[${DASHES}]${GAP}?)?` +
    `[1-9]\\d{2}${GAP}?\\d{2}(?!\\p{N})${GAP}{1,2}(\\p{Lu}\\p{L}+)(?:([ \\t${DASHES}])(\\p{Lu}\\p{L}+))?(?![\\p{L}\\p{N}])`,
  'gu',
);

const isTown = (word: string): boolean => !NOT_TOWNS.has(word.toLowerCase()) && !patterns().fieldLabelWord.test(word);

function postcodeHits(digits: string): PersonalDataHit[] {
  const hits: PersonalDataHit[] = [];
  for (const m of digits.matchAll(POSTCODE)) {
    const [whole, town = '', join = '', second = ''] = m;
    if (!isTown(town)) continue;
    // Two-word towns (Upplands Väsby, Norra Sandby) keep their second word.
    const end = m.index + whole.length - (second !== '' && !isTown(second) ? join.length + second.length : 0);
    hits.push({ kind: 'postcode', start: m.index, end });
  }
  return hits;
}

const STREET_SUFFIXES = [
  'gatan', 'gata', 'vägen', 'väg', 'gränden', 'gränd', 'stigen', 'backen', 'backe', 'torget', 'torg',
  'allén', 'allé', 'leden', 'stråket', 'platsen', 'slingan', 'gärdet',
];
const streetPattern = (): RegExp =>
  new RegExp(
    `(?<![\\p{L}\\p{N}])(?:\\p{Lu}\\p{Ll}*(?:${STREET_SUFFIXES.join('|')})|\\p{Lu}*(?:${STREET_SUFFIXES.map((s) => s.toUpperCase()).join('|')})|Box)` +
      `${GAP}{1,2}\\d{1,5}(?:${GAP}?\\p{L}(?![\\p{L}\\p{N}]))?` +
      `(?:${GAP}*,?${GAP}*(?:lgh|tr|vån)\\.?${GAP}*\\d{1,4})?(?!\\p{N})`,
    'gu',
  );

function streetHits(text: string): PersonalDataHit[] {
  return Array.from(text.matchAll(patterns().street), (m) => ({ kind: 'address', start: m.index, end: m.index + m[0].length }));
}

// ---------------------------------------------------------------------------------------------
// Field labels

// A postcode has no label of its own: an address label's value that is only a postcode is one.
type LabelKind = Exclude<PersonalDataKind, 'postcode'>;

/**
 * Labels whose value is personal data, by kind, and labels of the form's other fields: those are
 * not personal, but end the value before them ("Namn: Tolvan Tolvansson Datum: 2026-11-26").
 */
const FIELD_LABELS: Readonly<Record<LabelKind | 'other', readonly string[]>> = {
  name: ['namn', 'name', 'förnamn', 'efternamn', 'tilltalsnamn', 'patient', 'namnteckning', 'underskrift', 'signatur'],
  // "Ort och datum" is one field: the date beside the town is covered with it.
  address: [
    'ort och datum', 'ort/datum', 'datum och ort', 'adress', 'address', 'gatuadress', 'postadress', 'hemadress',
    'utdelningsadress', 'bostadsadress', 'ort', 'postort', 'postnummer', 'postnr', 'post nr', 'post\\.nr',
  ],
  // A date of birth is the first half of a personnummer.
  personnummer: [
    'personnummer', 'personnr', 'person nr', 'person\\.nr', 'pers\\.? ?nr', 'pnr', 'p-nr', 'samordningsnummer',
    'födelsedatum',
  ],
  phone: [
    'tel', 'telefon', 'telefonnummer', 'telefonnr', 'telnr', 'tel\\.? ?nr', 'tfn', 'mobil', 'mobilnr',
    'mobilnummer', 'mobiltelefon', 'mobiltel',
  ],
  email: [`e[${DASHES} ]?post`, `e[${DASHES} ]?postadress`, `e[${DASHES} ]?mail`, 'epost', 'email', 'mejl'],
  other: [
    'datum', 'ålder', 'kön', 'vikt', 'längd', 'bmi', 'midjemått', 'midjeomfång', 'midja', 'blodtryck', 'kolesterol',
    'p-glukos', 'glukos', 'blodsocker', 'puls', 'hba1c', 'ldl', 'hdl', 'triglycerider', 'poäng', 'summa',
  ],
};

const labelGroup = (kind: keyof typeof FIELD_LABELS): string =>
  `(?<${kind}>${[...FIELD_LABELS[kind]].sort((a, b) => b.length - a.length).join('|')})`;
// Groups in this order: a personal label is tried before the other fields' ("datum och ort").
const LABEL_KINDS: readonly LabelKind[] = ['name', 'address', 'personnummer', 'phone', 'email'];

/**
 * The patterns built from word lists, made on first use rather than at import: the patient's
 * bundle imports the core, and a bundler keeps every top-level call it cannot prove pure (these
 * cost the patient 0.6 kB gzip).
 */
let built: { street: RegExp; fieldLabel: RegExp; fieldLabelWord: RegExp } | undefined;
function patterns(): { street: RegExp; fieldLabel: RegExp; fieldLabelWord: RegExp } {
  if (!built) {
    const labels = [...LABEL_KINDS, 'other' as const].map(labelGroup).join('|');
    built = {
      street: streetPattern(),
      fieldLabel: new RegExp(`(?<![\\p{L}\\p{N}])(?:${labels})(?![\\p{L}\\p{N}])`, 'giu'),
      fieldLabelWord: new RegExp(`^(?:${labels})$`, 'iu'),
    };
  }
  return built;
}

interface FieldLabel {
  readonly kind: LabelKind | undefined;
  readonly start: number;
  /** After the label and its colon: where the value may start. */
  readonly end: number;
  readonly colon: boolean;
  readonly first: boolean;
}

/**
 * The field labels on one line. Without a colon a personal label counts at the start of the line
 * or capitalised (form fields are; "tala med din patient om …" is not a field), another field's
 * label only before a number ("Vikt 82 kg"), so that a name is not cut at a word like "Längd".
 */
function fieldLabels(text: string, from: number, to: number): FieldLabel[] {
  const line = text.slice(from, to);
  const labels: FieldLabel[] = [];
  for (const m of line.matchAll(patterns().fieldLabel)) {
    const groups = m.groups ?? {};
    const kind = LABEL_KINDS.find((k) => groups[k] !== undefined);
    const after = /^[ \t]*\.?[ \t]*(:?)/.exec(line.slice(m.index + m[0].length)) ?? ['', ''];
    const colon = after[1] === ':';
    const first = /^[\s|•*\-–]*$/u.test(line.slice(0, m.index));
    const initial = m[0].charAt(0);
    const capital = initial !== initial.toLowerCase();
    const numberNext = /^[ \t]*\.?[ \t]*[\d(+]/.test(line.slice(m.index + m[0].length));
    const counts = colon || (kind ? first || capital : numberNext);
    if (!counts) continue;
    const end = m.index + m[0].length + (colon ? after[0].length : 0);
    labels.push({ kind, start: from + m.index, end: from + end, colon, first });
  }
  return labels;
}

/** The value between `from` and `to`, without blanks, rules and punctuation around it. */
function fieldValue(text: string, from: number, to: number): { start: number; end: number } | undefined {
  let start = from;
  let end = to;
  while (start < end && /[\s:.|_\-–—]/u.test(text[start] ?? '')) start++;
  while (end > start && /[\s,;:|_\-–—]/u.test(text[end - 1] ?? '')) end--;
  return end > start ? { start, end } : undefined;
}

const BARE_POSTCODE = new RegExp(`^(?:SE${GAP}?[${DASHES}]?${GAP}?)?\\d{3}${GAP}?\\d{2}$`, 'u');

function labelledHits(text: string): PersonalDataHit[] {
  const lines: { start: number; end: number }[] = [];
  let at = 0;
  for (const line of text.split('\n')) {
    lines.push({ start: at, end: at + line.length });
    at += line.length + 1;
  }
  const labels = lines.map((line) => fieldLabels(text, line.start, line.end));
  const hits: PersonalDataHit[] = [];
  lines.forEach((line, n) => {
    const onLine = labels[n] ?? [];
    // A table's header row: "Namn Personnr" over "Tolvan Tolvansson 19121212-1212".
    const header = onLine.every((label, k) => !fieldValue(text, label.end, onLine[k + 1]?.start ?? line.end));
    onLine.forEach((label, k) => {
      if (!label.kind) return;
      let value = fieldValue(text, label.end, onLine[k + 1]?.start ?? line.end);
      // A label at the end of its line with the value written below it ("Namn:" / "Tolvan Tolvansson").
      // A line to write on ("Namn: ________") left empty is a blank form, and the line below is not
      // its value.
      const next = lines[n + 1];
      const blank = /^[\s|]*$/u.test(text.slice(label.end, line.end));
      if (!value && blank && k === onLine.length - 1 && (label.colon || label.first || header) && next) {
        value = fieldValue(text, next.start, labels[n + 1]?.[0]?.start ?? next.end);
      }
      if (!value) return;
      const bare = label.kind === 'address' && BARE_POSTCODE.test(text.slice(value.start, value.end));
      hits.push({ kind: bare ? 'postcode' : label.kind, ...value });
    });
  });
  return hits;
}
