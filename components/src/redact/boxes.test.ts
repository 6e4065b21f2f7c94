import { expect } from 'chai';
import { describe, it } from 'node:test';
import { pageText, redactionBoxes, type OcrWord } from './boxes.js';

/**
 * One OCR line at `y`: each word 10 px per character, 10 px apart, 20 px high, from x = 100.
 * Box expectations below are worked out from these figures.
 */
function line(y: number, text: string): OcrWord[] {
  let x = 100;
  return text.split(' ').map((word) => {
    const bbox = { x0: x, y0: y, x1: x + 10 * word.length, y1: y + 20 };
    x = bbox.x1 + 10;
    return { text: word, bbox };
  });
}

describe('pageText', () => {
  it('joins words by one space and lines by a line break, with each word\'s span', () => {
    const { text, words } = pageText([line(0, 'Namn: Tolvan'), line(30, 'Tel 070')]);
    expect(text).to.equal('Namn: Tolvan\nTel 070');
    expect(words).to.deep.equal([
      { start: 0, end: 5, line: 0, index: 0 },
      { start: 6, end: 12, line: 0, index: 1 },
      { start: 13, end: 16, line: 1, index: 0 },
      { start: 17, end: 20, line: 1, index: 1 },
    ]);
  });

  it('keeps an empty line as an empty line, and a line break inside a word as a space', () => {
    const word = { text: 'a\nb', bbox: { x0: 0, y0: 0, x1: 1, y1: 1 } };
    const { text, words } = pageText([[word], [], [word]]);
    expect(text).to.equal('a b\n\na b');
    expect(words.map((w) => [w.start, w.end, w.line])).to.deep.equal([[0, 3, 0], [5, 8, 2]]);
  });

  it('is empty for a page without words', () => {
    expect(pageText([])).to.deep.equal({ text: '', words: [] });
  });
});

describe('redactionBoxes', () => {
  it('covers a hit of several words with one box, padded by 4 px', () => {
    // "Ring" 100–140, "070-123" 150–220, "45" 230–250, "67" 260–280.
    expect(redactionBoxes([line(50, 'Ring 070-123 45 67 i dag')])).to.deep.equal([
      { x: 146, y: 46, width: 138, height: 28, kind: 'phone', source: 'auto' },
    ]);
  });

  it('covers the value of a label and not the label', () => {
    // "Namn:" 100–150, "Tolvan" 160–220, "Tolvansson" 230–330.
    expect(redactionBoxes([line(0, 'Namn: Tolvan Tolvansson')], { padding: 0 })).to.deep.equal([
      { x: 160, y: 0, width: 170, height: 20, kind: 'name', source: 'auto' },
    ]);
  });

  it('covers a word touched in part whole', () => {
    // OCR joined the label and the number: the hit starts inside "Pnr:19121212-1212".
    expect(redactionBoxes([line(0, 'Pnr:19121212-1212 Blodtryck 135/85')], { padding: 0 })).to.deep.equal([
      { x: 100, y: 0, width: 170, height: 20, kind: 'personnummer', source: 'auto' },
    ]);
  });

  it('gives a hit across a line break one box on each line', () => {
    // A personnummer written in a narrow box, going on to the next line after its dash.
    // Line 1: "Deltagare" 100–190, "19121212-" 200–290; line 2: "1212" 100–140.
    expect(redactionBoxes([line(0, 'Deltagare 19121212-'), line(30, '1212 kallad')], { padding: 0 })).to.deep.equal([
      { x: 200, y: 0, width: 90, height: 20, kind: 'personnummer', source: 'auto' },
      { x: 100, y: 30, width: 40, height: 20, kind: 'personnummer', source: 'auto' },
    ]);
  });

  it('covers a value written on the line below its label, and not the label', () => {
    const boxes = redactionBoxes(
      [line(0, 'Blodtryck 135/85 Namn:'), line(30, 'Tolvan Tolvansson'), line(60, 'BMI 27')],
      { padding: 0 },
    );
    expect(boxes).to.deep.equal([{ x: 100, y: 30, width: 170, height: 20, kind: 'name', source: 'auto' }]);
  });

  it('takes the union of word boxes that do not line up', () => {
    const uneven: OcrWord[][] = [
      [{ text: 'Namn:', bbox: { x0: 10, y0: 10, x1: 60, y1: 30 } }],
      [
        { text: 'Tolvan', bbox: { x0: 10, y0: 40, x1: 70, y1: 60 } },
        { text: 'Tolvansson', bbox: { x0: 80, y0: 41, x1: 180, y1: 62 } },
      ],
    ];
    expect(redactionBoxes(uneven, { padding: 2 })).to.deep.equal([
      { x: 8, y: 38, width: 174, height: 26, kind: 'name', source: 'auto' },
    ]);
  });

  it('keeps padded boxes inside the page', () => {
    const corner: OcrWord[][] = [[
      { text: 'Tel', bbox: { x0: 0, y0: 0, x1: 30, y1: 20 } },
      { text: '070-123', bbox: { x0: 40, y0: 1, x1: 110, y1: 21 } },
      { text: '45', bbox: { x0: 120, y0: 2, x1: 140, y1: 22 } },
      { text: '67', bbox: { x0: 150, y0: 0, x1: 198, y1: 20 } },
    ]];
    expect(redactionBoxes(corner, { padding: 10, width: 200, height: 25 })).to.deep.equal([
      { x: 30, y: 0, width: 170, height: 25, kind: 'phone', source: 'auto' },
    ]);
    // Without a page size the far edges grow freely; the near ones still stop at 0.
    expect(redactionBoxes(corner, { padding: 10 })).to.deep.equal([
      { x: 30, y: 0, width: 178, height: 32, kind: 'phone', source: 'auto' },
    ]);
  });

  it('gives each hit its own box and kind', () => {
    const boxes = redactionBoxes([
      line(0, 'Namn: Tolvan Tolvansson Personnr: 19121212-1212'),
      line(30, 'E-post: tolvan@example.se'),
      line(60, '123 45 Gagnef'),
    ], { padding: 0 });
    expect(boxes.map((b) => [b.kind, b.x, b.y, b.width])).to.deep.equal([
      ['name', 160, 0, 170],
      ['personnummer', 440, 0, 130],
      ['email', 180, 30, 170],
      ['postcode', 100, 60, 130],
    ]);
    expect(boxes.every((b) => b.source === 'auto' && b.height === 20)).to.equal(true);
  });

  it('leaves health values, dates and the chart\'s scale uncovered', () => {
    const page = [
      'Stjärnprofil hälsosamtal 50 år Datum: 2026-11-26',
      'Blodtryck 135/85 mmHg Kolesterol 5,2 mmol/l',
      'BMI 27 Midjemått 94 cm Vikt 82 kg',
      'Fysisk aktivitet 150 min/vecka Sömn 7 timmar',
      '0 1 2 3 4 5 6 7 8 9 10',
      'kl. 10:30 26.11.2026 26/11/2026',
    ].map((text, n) => line(30 * n, text));
    expect(redactionBoxes(page)).to.deep.equal([]);
  });

  it('is empty for an empty page', () => {
    expect(redactionBoxes([])).to.deep.equal([]);
    expect(redactionBoxes([[]])).to.deep.equal([]);
  });
});
