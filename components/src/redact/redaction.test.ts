import { expect } from 'chai';
import { after, before, describe, it } from 'node:test';
import { inQuad, samplePoints, starProfileScan, type ScanFixture, type TruthText } from '../testing/scan-fixtures.js';
import type { RedactionBox } from './boxes.js';
import { redactedCopy } from './draw.js';
import { OcrEngine } from './ocr.js';
import { readDocument } from './read-document.js';

// The hidden-data set: generated star profiles (fictitious personal data beside labels, health
// values, a radar chart; rotated, blurred, grainy, JPEG) read by the real pipeline — the browser's
// decoder, tesseract.js with the real Swedish and English models, the personal-data rules, the
// boxes — with no mock anywhere. Every personal string must end up under the boxes.

const ASSETS = '/__dh/ocr/';
/** Seed, resolution, rotation: both directions, the whole ±3° range, 200 to 300 dpi. */
const SET: readonly [seed: number, dpi: number, angle: number][] = [
  [11, 300, -2.6], [12, 200, 3], [13, 250, 0.8], [14, 300, 1.9], [15, 200, -0.4], [16, 250, -3],
];

let engine: OcrEngine;
const pages: { fixture: ScanFixture; page: HTMLCanvasElement; boxes: RedactionBox[] }[] = [];

before(async () => {
  engine = new OcrEngine({ assetsUrl: ASSETS, cacheMethod: 'none' });
  for (const [seed, dpi, angle] of SET) {
    const fixture = await starProfileScan(seed, { dpi, angle });
    const result = await readDocument(new File([fixture.blob], `profil-${String(seed)}.jpg`, { type: 'image/jpeg' }), { assetsUrl: ASSETS, ocr: engine });
    if (!result.ok) throw new Error(`page ${String(seed)} was not read: ${result.error.code}`);
    pages.push({ fixture, page: result.page, boxes: result.boxes });
  }
  // About 10 s on its own; give room for a 2-core machine running another test file beside it.
}, { timeout: 150_000 });
after(async () => {
  await engine.terminate();
});

const inBox = (box: RedactionBox, p: { x: number; y: number }): boolean =>
  p.x >= box.x && p.x <= box.x + box.width && p.y >= box.y && p.y <= box.y + box.height;

/** Pixels of the string's ink that no box covers (a pixel counts by its centre). */
const uncovered = (truth: TruthText, boxes: readonly RedactionBox[]): number =>
  (truth.ink ?? []).filter((p) => !boxes.some((b) => inBox(b, { x: p.x + 0.5, y: p.y + 0.5 }))).length;

describe('redaction of scanned star profiles', () => {
  it('covers every pixel of every personnummer, phone number, e-mail, labelled name and address', () => {
    const missed: string[] = [];
    let strings = 0;
    for (const { fixture, boxes } of pages) {
      for (const truth of fixture.personal) {
        strings++;
        expect(truth.ink?.length, truth.kind).to.be.above(100);
        const left = uncovered(truth, boxes);
        // Only the kind and the page are named: even invented personal data is not printed.
        if (left > 0) missed.push(`${truth.kind} on the ${String(fixture.dpi)} dpi page turned ${fixture.angle.toFixed(1)}°: ${String(left)} of ${String(truth.ink?.length)} ink pixels uncovered`);
      }
    }
    expect(strings).to.equal(SET.length * 5);
    expect(missed).to.deep.equal([]);
  });

  it('puts at most 5 % of its boxes over nothing personal', () => {
    let boxes = 0;
    const stray: string[] = [];
    for (const { fixture, boxes: found } of pages) {
      // A box touches personal data when part of it lies on a personal string's ink, give or take
      // a few pixels of the box's own padding.
      const margin = fixture.dpi / 50;
      for (const box of found) {
        boxes++;
        const corners = [{ x: box.x, y: box.y }, { x: box.x + box.width, y: box.y }, { x: box.x + box.width, y: box.y + box.height }, { x: box.x, y: box.y + box.height }] as const;
        const touches = fixture.personal.some((t) => samplePoints(corners, 12, 4).some((p) => inQuad(t.corners, p, margin)));
        if (!touches) stray.push(`${box.kind} box on the ${String(fixture.dpi)} dpi page`);
      }
    }
    expect(boxes).to.be.at.least(SET.length * 5);
    expect(stray.length / boxes, stray.join('; ')).to.be.at.most(0.05);
  });

  it('leaves no original pixel under a box in the redacted copy', () => {
    for (const { page, boxes } of pages.slice(0, 2)) {
      const copy = redactedCopy(page, boxes);
      const original = page.getContext('2d')!;
      const redacted = copy.getContext('2d')!;
      for (const box of boxes) {
        const x = Math.floor(box.x);
        const y = Math.floor(box.y);
        const w = Math.ceil(box.x + box.width) - x;
        const h = Math.ceil(box.y + box.height) - y;
        // There was something under it (ink on paper)...
        const before = original.getImageData(x, y, w, h).data;
        let varied = false;
        for (let i = 4; i < before.length && !varied; i += 4) varied = before[i] !== before[0];
        expect(varied, box.kind).to.equal(true);
        // ...and now every pixel is the same opaque colour.
        const after = redacted.getImageData(x, y, w, h).data;
        const [r, g, b, a] = [after[0], after[1], after[2], after[3]];
        expect([r, g, b, a]).to.deep.equal([0, 0, 0, 255]);
        for (let i = 0; i < after.length; i += 4) {
          if (after[i] !== r || after[i + 1] !== g || after[i + 2] !== b || after[i + 3] !== a) throw new Error(`a ${box.kind} box is not uniform at pixel ${String(i / 4)}`);
        }
      }
      // The page itself is untouched: the copy is a copy.
      expect(copy).not.to.equal(page);
    }
  });
});
