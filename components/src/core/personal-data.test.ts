import { expect } from 'chai';
import { describe, it } from 'node:test';
import { personnummerMetaList } from '../testing/personnummer-meta-list.js';
import { findPersonalData, type PersonalDataHit, type PersonalDataKind } from './personal-data.js';

const KINDS: readonly PersonalDataKind[] = ['personnummer', 'phone', 'email', 'postcode', 'name', 'address'];

/**
 * 'Ring {phone:070-123 45 67} i dag' → the text without the braces, and the hits they mark, with
 * offsets into that text: every expected offset is exact without being counted by hand.
 */
function marked(source: string): { text: string; hits: PersonalDataHit[] } {
  const hits: PersonalDataHit[] = [];
  let text = '';
  let at = 0;
  for (const m of source.matchAll(/\{(\w+):([^{}]*)\}/g)) {
    const kind = m[1] as PersonalDataKind;
    if (!KINDS.includes(kind)) throw new Error(`unknown kind in ${source}`);
    const value = m[2] ?? '';
    text += source.slice(at, m.index);
    hits.push({ kind, start: text.length, end: text.length + value.length });
    text += value;
    at = m.index + m[0].length;
  }
  return { text: text + source.slice(at), hits };
}

const shown = (text: string, hits: readonly PersonalDataHit[]): string[] =>
  hits.map((h) => `${h.kind}:${text.slice(h.start, h.end)}`);

function expectMarked(source: string): void {
  const { text, hits } = marked(source);
  const found = findPersonalData(text);
  // The readable form first, so that a failure says which words were missed or taken.
  expect(shown(text, found)).to.deep.equal(shown(text, hits));
  expect(found).to.deep.equal(hits);
}

function table(cases: readonly string[]): void {
  for (const source of cases) {
    it(JSON.stringify(source), () => {
      expectMarked(source);
    });
  }
}

describe('findPersonalData', () => {
  it('gives offsets into the text as given, end exclusive', () => {
    expect(findPersonalData('Tel: 070-123 45 67')).to.deep.equal([{ kind: 'phone', start: 5, end: 18 }]);
    expect(findPersonalData('Id l9l2l2l2-l2l2 ok')).to.deep.equal([{ kind: 'personnummer', start: 3, end: 16 }]);
    expect(findPersonalData('')).to.deep.equal([]);
  });

  describe('when a personnummer is written in any of its forms', () => {
    table([
      'Deltagare {personnummer:19121212-1212} kallad',
      'Deltagare {personnummer:121212-1212} kallad',
      'Deltagare {personnummer:121212+1212} kallad',
      'Deltagare {personnummer:1212121212} kallad',
      'Deltagare {personnummer:191212121212} kallad',
      'Deltagare {personnummer:19121212 1212} kallad',
      'Deltagare {personnummer:12 12 12-12 12} kallad',
      'Deltagare {personnummer:1912 1212-1212} kallad',
      'Deltagare {personnummer:121212 - 1212} kallad',
      'Deltagare {personnummer:19121212–1212} kallad',
      'Deltagare {personnummer:19811218-9876}, kallad',
      '({personnummer:19121212-1212})',
      'Pnr{personnummer:19121212-1212}',
      'Deltagare {personnummer:19121212-1212}kallad',
      '{personnummer:19121212-1212}\n{personnummer:811218-9876}',
      // Written in a narrow box: the number goes on to the next line after its dash.
      'Deltagare {personnummer:19121212-\n1212} kallad',
      'Deltagare {personnummer:19121212-\n1213} kallad',
    ]);
  });

  describe('when it is a samordningsnummer (day + 60)', () => {
    table([
      'Samordnings-nr {personnummer:730288-9931}',
      'Deltagare {personnummer:19730288-9931}',
      'Deltagare {personnummer:197302889931}',
      'Deltagare {personnummer:210791-9967}',
      'Deltagare {personnummer:19121272-1219} kallad',
    ]);
  });

  describe('when the check digit is misread (covered when the shape is exact and the date real)', () => {
    table([
      'Deltagare {personnummer:19121212-1213} kallad',
      'Deltagare {personnummer:121212-1213} kallad',
      'Deltagare {personnummer:121212+1213} kallad',
      'Deltagare {personnummer:191212121213} kallad',
      'Deltagare {personnummer:19700428-9895} kallad',
      'Deltagare {personnummer:20150916-0006} kallad',
      'Deltagare {personnummer:19121272-1213} kallad',
    ]);
  });

  describe('when OCR read digits as letters', () => {
    table([
      'Pnr {personnummer:l9l2l2l2-l2l2}',
      'Pnr {personnummer:19121212-12I2}',
      'Pnr {personnummer:I2I2I2-I2I2}',
      'Pnr {personnummer:19|2|2|2-|2|2}',
      'Pnr {personnummer:2000O229-2399}',
      'Pnr {personnummer:l9S7O428-9999}',
      'Pnr {personnummer:B11218-9B76}',
      'Pnr {personnummer:8ll2l8-9876}',
      'Pnr {personnummer:19121Z12-1Z12}',
      'Pnr {personnummer:20210791-99G7}',
      'Pnr {personnummer:121212-121s}',
      '| {personnummer:19121212-1212} |',
      '|{personnummer:19121212-1212}|',
      'Mobil {phone:O70-123 45 67}',
    ]);
  });

  describe('when a phone number is written the Swedish way', () => {
    table([
      'Ring {phone:070-123 45 67}',
      'Ring {phone:070 123 45 67}',
      'Ring {phone:070-1234567}',
      'Ring {phone:073-456 78 90} i dag',
      'Ring {phone:08-123 456 78}',
      'Ring {phone:08-12 34 56}',
      'Ring {phone:08 123 45 67}',
      'Ring {phone:031-123 45 67}',
      'Ring {phone:0241-123 45}',
      'Ring {phone:0241-12 34 56}',
      'Ring {phone:(08) 123 456 78}',
      'Ring {phone:(070) 123 45 67}',
      'Ring {phone:08/123 45 67}',
      'Ring {phone:+46 70 123 45 67}',
      'Ring {phone:+46701234567}',
      'Ring {phone:+4670-123 45 67}',
      'Ring {phone:+46 8 123 456 78}',
      'Ring {phone:+46 (0)70-123 45 67}',
      'Ring {phone:+46 070 123 45 67}',
      'Ring {phone:0046 70 123 45 67}',
      'Ring {phone:070-123 45 67}, {phone:08-123 456 78}',
      'Ring {phone:070-123 45 67} {phone:08-123 456 78}',
      'Ring {phone:070 – 123 45 67}',
      'Tel:{phone:070-123 45 67}',
    ]);

    // A clinic's number is not the patient's, but a patient who lives in a small place can be
    // found through it, and covering it costs nothing: every phone number is covered.
    table([
      'Vårdcentralen Gagnef, växel {phone:0241-123 45}',
      'Frågor? Ring oss på {phone:0241-123 45} kl. 08:00–16:30.',
    ]);
  });

  describe('when an e-mail address is written, with the spaces OCR puts in', () => {
    table([
      'Skicka till {email:tolvan@example.se}',
      'Skicka till {email:tolvan.tolvansson@example.se}',
      'Skicka till {email:TOLVAN@EXAMPLE.SE}',
      'Skicka till {email:tolvan @ example. se}',
      'Skicka till {email:tolvan@ example .se}',
      'Skicka till {email:tolvan_t+halsa@mail.example.com} nu',
      'Skicka till {email:tolvan@example.se}. Vikt 82 kg',
      '<{email:tolvan@example.se}>',
      'Skicka till {email:tolvan@\nexample.se}',
    ]);
  });

  describe('when a postcode stands with its town', () => {
    table([
      '{postcode:123 45 Gagnef}',
      '{postcode:12345 GAGNEF}',
      '{postcode:SE-123 45 Gagnef}',
      '{postcode:SE 123 45 Gagnef}',
      '{postcode:S-123 45 Gagnef}',
      '{postcode:194 30 Upplands Väsby}',
      '{postcode:785 30 Gagnef} Tel {phone:0241-123 45}',
      '{address:Storgatan 1}, {postcode:123 45 Gagnef}',
      '{address:Storgatan 1} {postcode:123 45 Gagnef}',
    ]);
  });

  describe('when a street address is written without a label', () => {
    table([
      '{address:Storgatan 1}',
      '{address:Ringvägen 12B}',
      '{address:STORGATAN 12}',
      '{address:Drottninggatan 5 lgh 1102}',
      '{address:Box 123}',
    ]);
  });

  describe('when a value follows a field label', () => {
    table([
      'Namn: {name:Tolvan Tolvansson}',
      'Namn {name:Tolvan Tolvansson}',
      'NAMN: {name:TOLVAN TOLVANSSON}',
      'namn: {name:tolvan tolvansson}',
      'Name: {name:Tolvan Tolvansson}',
      'Förnamn: {name:Tolvan} Efternamn: {name:Tolvansson}',
      'Patient: {name:Tolvan Tolvansson}',
      'Patient {name:Tolvan Tolvansson}',
      'Patientens namn: {name:Tolvan Tolvansson}',
      'Adress: {address:Storgatan 1, 123 45 Gagnef}',
      'Address: {address:1 Main Street}',
      'Gatuadress: {address:Storgatan 1}',
      'Postadress: {address:Box 123, 123 45 Gagnef}',
      'Ort: {address:Gagnef}',
      'Ort {address:Gagnef}',
      'Postnummer: {postcode:123 45}',
      'Adress: {postcode:SE-123 45}',
      'Personnr: {personnummer:19121212-1212}',
      'Personnummer {personnummer:121212-121}',
      'Pnr: {personnummer:19121212-1212}',
      'Pnr {personnummer:19121212-1212}',
      'Tel: {phone:070-123 45 67}',
      'Tel. {phone:070-123 45 6}',
      'Telefon {phone:0241-123 45}',
      'Mobil: {phone:070-123 45 67}',
      'E-post: {email:tolvan@example.se}',
      'E-post: {email:tolvan(at)example.se}',
      'Epost {email:tolvan@example.se}',
      'E-mail: {email:tolvan@example.se}',
      'Email {email:tolvan @ example. se}',
      'Födelsedatum: {personnummer:1976-11-25}',
      'Ort och datum: {address:Gagnef 2026-11-26}',
      'Underskrift: {name:T. Tolvansson}',
      '   Namn : {name:Tolvan Tolvansson}  ',
      '| Namn | {name:Tolvan Tolvansson} |',
    ]);
  });

  describe('when one line holds several fields', () => {
    table([
      'Namn: {name:Tolvan Tolvansson} Personnr: {personnummer:19121212-1212}',
      'Namn {name:Tolvan Tolvansson} Personnr {personnummer:19121212-1212} Tel {phone:070-123 45 67}',
      'Namn: {name:Tolvan Tolvansson} Datum: 2026-11-26',
      'Namn: {name:Tolvan Tolvansson} Blodtryck 135/85 mmHg',
      'Namn {name:Tolvan Tolvansson} Vikt 82 kg Längd 178 cm',
      // A label's value reaching another kind becomes one hit of the more specific kind.
      'Patient {personnummer:Tolvan Tolvansson, 19121212-1212}',
      'Tel: {phone:070-123 45 67 (dagtid)}',
    ]);
  });

  describe('when the value is written on the line below its label', () => {
    table([
      'Namn:\n{name:Tolvan Tolvansson}\nBlodtryck 135/85',
      'Namn\n{name:Tolvan Tolvansson}',
      'Telefon:\n{phone:070-123 45 67}',
      'Adress:\n{address:Storgatan 1, 123 45 Gagnef}',
      'Namn:\nPersonnr: {personnummer:19121212-1212}',
      'Namn Personnr\n{personnummer:Tolvan Tolvansson 19121212-1212}',
      'Namn:\n{name:Tolvan Tolvansson} Datum: 2026-11-26',
      'Namn: {name:Tolvan Tolvansson}______\nFysisk aktivitet 3',
      // An unfilled line to write on is a blank form: the line below is not its value.
      'Namn: ____________\nFysisk aktivitet 3',
      'Namn: ..............\nBlodtryck 135/85',
    ]);
  });

  describe('when the text holds health values, dates and times only', () => {
    const negatives = [
      'Blodtryck 135/85 mmHg',
      'Blodtryck: 135 / 85',
      'BT 120/80',
      'Blodtryck 120 80 Puls 72',
      'Kolesterol 5.2 mmol/l',
      'Kolesterol 5,2 mmol/l',
      'Totalkolesterol 5,2 LDL 3,1 HDL 1,4 Triglycerider 1,7',
      'P-glukos 6,1 mmol/l',
      'HbA1c 38 mmol/mol',
      'BMI 27',
      'BMI 27,4 kg/m2',
      'Midjemått 94 cm',
      'Midja 94',
      'Vikt 82 kg',
      'Vikt 82,5 kg Längd 178 cm',
      'Puls 72 slag/min',
      'Datum 2026-11-26',
      'Datum: 26/11/2026',
      '26.11.2026',
      '01.12.2026',
      '01/12/2026',
      '01-12-2026',
      '01-12-2026 10:30',
      '05 11 2026',
      '2026-01-05',
      '20261126',
      '2026-11-26 10:30',
      'kl. 10:30',
      'kl. 09.30-10.30',
      '08:00–16:30',
      '08.00 - 16.30',
      'År 2026',
      'Född 1976',
      'Steg per dag 8000',
      'Antal steg 10000 Steg',
      'Fysisk aktivitet 150 min/vecka',
      'Alkohol: 4 standardglas/vecka, AUDIT 6 poäng',
      'Sömn 7 timmar',
      'Poäng 3 av 5',
      'Sida 1 av 2',
      'Version 2.1 (2024-03)',
      '0 1 2 3 4 5 6 7 8 9 10',
      '0 10 20 30 40 50 60 70 80 90 100',
      '0 25 50 75 100',
      '1 2 3 4 5',
      'Ordernummer 1234567890',
      'Blodtryck 135/85, kolesterol 5.2 mmol/l, BMI 27, midja 94 cm, 2026-11-26 kl. 10:30',
      'Tala med din patient om kost och motion',
      'Hur mår du på din ort?',
      'Använder du mobil eller dator?',
      'Är du nöjd med ditt namn på listan',
      'Stjärnprofil – hälsosamtal 50 år',
      'Is SOS Boss mmol/l l/min',
      '| 135 | 85 |',
      'CO2 O2-mättnad 98 %',
      'Tobak: 0 cigaretter/dag',
      '0,5 mg',
      '070',
      '0701',
      '2026-\n1126',
      '135/85 mmHg\n2026-11-26',
      'Datum:\n2026-11-26',
      '0241-12',
      '12345',
      '123 45',
      'tolvan@',
      '@example.se',
    ];
    for (const text of negatives) {
      it(`finds nothing in ${JSON.stringify(text)}`, () => {
        expect(shown(text, findPersonalData(text))).to.deep.equal([]);
      });
    }
  });

  describe('against the cross-implementation personnummer list', () => {
    // "19090527 1474" is valid here, a space being a separator (see personnummer.test.ts).
    const checked = (form: string, valid: boolean): boolean => valid || form.includes(' ');
    for (const entry of personnummerMetaList) {
      const valid = checked(entry.long_format, entry.valid);
      const spellings = [entry.long_format, entry.separated_format, entry.separated_long];
      if (valid) {
        const short = entry.short_format.replace(' ', '');
        spellings.push(
          short,
          `${short.slice(0, 6)} ${short.slice(6)}`,
          `${short.slice(0, 2)} ${short.slice(2, 4)} ${short.slice(4, 6)}-${short.slice(6, 8)} ${short.slice(8)}`,
        );
      }
      it(`finds ${entry.long_format} (${entry.type}, ${valid ? 'valid' : 'invalid'}) in ${spellings.length} spellings`, () => {
        expect(spellings.length).to.be.at.least(3);
        for (const spelling of spellings) {
          expectMarked(`Deltagare {personnummer:${spelling}} kallad`);
          expectMarked(`Personnr: {personnummer:${spelling}}`);
        }
      });
      if (!valid && !entry.short_format.includes(' ')) {
        // Ten bare digits with a wrong check digit are as likely a phone or reference number.
        it(`leaves ${entry.short_format}, ten bare digits with a wrong check digit, to its label`, () => {
          expect(findPersonalData(`Deltagare ${entry.short_format} kallad`)).to.deep.equal([]);
          expectMarked(`Pnr {personnummer:${entry.short_format}}`);
        });
      }
    }
  });

  describe('on random pages of health values', () => {
    it('finds nothing in 2,000 pages of values, dates, times and the profile\'s words', () => {
      const random = seeded(20261126);
      const int = (lo: number, hi: number): number => lo + Math.floor(random() * (hi - lo + 1));
      const pick = <T>(items: readonly T[]): T => items[int(0, items.length - 1)] as T;
      const decimal = (lo: number, hi: number): string =>
        (lo + random() * (hi - lo)).toFixed(1).replace('.', pick(['.', ',']));
      const pad = (n: number): string => String(n).padStart(2, '0');
      const date = (): string => {
        const [y, m, d] = [int(1990, 2030), int(1, 12), int(1, 28)];
        return pick([
          `${y}-${pad(m)}-${pad(d)}`, `${pad(d)}/${pad(m)}/${y}`, `${pad(d)}.${pad(m)}.${y}`,
          `${pad(d)}-${pad(m)}-${y}`, `${d}/${m}`, `${y}`,
        ]);
      };
      const time = (): string => `${pad(int(7, 18))}${pick([':', '.'])}${pad(int(0, 59))}`;
      const values: (() => string)[] = [
        () => `${int(95, 200)}/${int(50, 120)}${pick(['', ' mmHg'])}`,
        () => `${int(95, 200)} / ${int(50, 120)}`,
        () => `${decimal(2, 9.9)} mmol/l`,
        () => decimal(2, 9.9),
        () => `BMI ${pick([String(int(17, 45)), decimal(17, 45)])}`,
        () => `${int(60, 150)} cm`,
        () => `${pick([String(int(40, 180)), decimal(40, 180)])} kg`,
        () => `${int(40, 110)} slag/min`,
        () => `${int(0, 20000)} steg`,
        () => `${int(0, 40)} standardglas`,
        () => `${int(0, 10)} av ${pick([5, 10])}`,
        () => `${int(0, 100)} %`,
        () => `${int(0, 600)} min/vecka`,
        () => `${int(3, 12)} timmar`,
        () => date(),
        () => `kl. ${time()}`,
        () => `${time()}–${time()}`,
        () => `${date()} ${time()}`,
        () => pick(['0 1 2 3 4 5', '1 2 3 4 5 6 7 8 9 10', '0 10 20 30 40 50 60 70 80 90 100', '0 25 50 75 100']),
      ];
      const words = [
        'Fysisk', 'aktivitet', 'Kost', 'Alkohol', 'Tobak', 'Snus', 'Stress', 'Sömn', 'Socialt', 'stöd',
        'Blodtryck', 'Kolesterol', 'Blodsocker', 'P-glukos', 'BMI', 'Midjemått', 'Vikt', 'Längd', 'Puls',
        'Datum', 'Poäng', 'vecka', 'dag', 'per', 'och', 'eller', 'mycket', 'bra', 'dåligt', 'ja', 'nej',
        'Stjärnprofil', 'Hälsosamtal', 'Välbefinnande', 'Matvanor', 'Motion', 'HbA1c', 'LDL', 'HDL', '–', ':', '|',
      ];
      const offenders: string[] = [];
      for (let page = 0; page < 2000; page++) {
        const lines: string[] = [];
        for (let l = int(5, 25); l > 0; l--) {
          const parts: string[] = [];
          for (let p = int(1, 8); p > 0; p--) parts.push(random() < 0.5 ? pick(values)() : pick(words));
          lines.push(parts.join(' '));
        }
        const text = lines.join('\n');
        const hits = findPersonalData(text);
        if (hits.length > 0) offenders.push(...shown(text, hits));
      }
      expect(offenders).to.deep.equal([]);
    });
  });
});

function seeded(seed: number): () => number {
  let s = seed >>> 0;
  return () => {
    s = (s + 0x6d2b79f5) >>> 0;
    let x = Math.imul(s ^ (s >>> 15), 1 | s);
    x = (x + Math.imul(x ^ (x >>> 7), 61 | x)) ^ x;
    return ((x ^ (x >>> 14)) >>> 0) / 4294967296;
  };
}
