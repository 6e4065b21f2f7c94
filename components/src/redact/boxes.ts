/**
 * From OCR words to the boxes blacked out on a scanned page: pure geometry over
 * `findPersonalData`, no DOM, so it runs and is tested in Node.
 */
import { findPersonalData, type PersonalDataKind } from '../core/personal-data.js';

/** A word as tesseract.js gives it, in pixel coordinates of the page. */
export interface OcrWord {
  readonly text: string;
  readonly bbox: { readonly x0: number; readonly y0: number; readonly x1: number; readonly y1: number };
}

/** A rectangle to black out, in pixel coordinates of the page. */
export interface RedactionBox {
  readonly x: number;
  readonly y: number;
  readonly width: number;
  readonly height: number;
  readonly kind: PersonalDataKind;
  /** 'auto' from the OCR text, 'manual' drawn by the nurse. */
  readonly source: 'auto' | 'manual';
}

/**
 * The page as one text (words apart by one space, lines by '\n') and where each word is in it.
 * A line break inside a word's text becomes a space: lines are the OCR's, and field labels read
 * their values line by line.
 */
export function pageText(lines: readonly (readonly OcrWord[])[]): {
  text: string;
  words: { start: number; end: number; line: number; index: number }[];
} {
  let text = '';
  const words: { start: number; end: number; line: number; index: number }[] = [];
  lines.forEach((line, l) => {
    if (l > 0) text += '\n';
    line.forEach((word, index) => {
      if (index > 0) text += ' ';
      const start = text.length;
      text += word.text.replace(/[\r\n]/g, ' ');
      words.push({ start, end: text.length, line: l, index });
    });
  });
  return { text, words };
}

/**
 * Boxes over the personal data on a page: per hit and line, the union of the words it touches
 * (a word touched in part is covered whole, since a half-covered personnummer still reads),
 * grown by `padding` pixels (4 by default) and kept inside the page: never below 0, and within
 * `width` and `height` when they are given.
 */
export function redactionBoxes(
  lines: readonly (readonly OcrWord[])[],
  options: { padding?: number; width?: number; height?: number } = {},
): RedactionBox[] {
  const { padding = 4, width, height } = options;
  const { text, words } = pageText(lines);
  const boxes: RedactionBox[] = [];
  for (const hit of findPersonalData(text)) {
    const byLine = new Map<number, { x0: number; y0: number; x1: number; y1: number }>();
    for (const word of words) {
      if (word.start >= hit.end || word.end <= hit.start) continue;
      const bbox = lines[word.line]?.[word.index]?.bbox;
      if (!bbox) continue;
      const union = byLine.get(word.line);
      byLine.set(
        word.line,
        union
          ? {
              x0: Math.min(union.x0, bbox.x0),
              y0: Math.min(union.y0, bbox.y0),
              x1: Math.max(union.x1, bbox.x1),
              y1: Math.max(union.y1, bbox.y1),
            }
          : { ...bbox },
      );
    }
    for (const union of byLine.values()) {
      const x0 = Math.max(0, union.x0 - padding);
      const y0 = Math.max(0, union.y0 - padding);
      const x1 = width === undefined ? union.x1 + padding : Math.min(width, union.x1 + padding);
      const y1 = height === undefined ? union.y1 + padding : Math.min(height, union.y1 + padding);
      boxes.push({ x: x0, y: y0, width: Math.max(0, x1 - x0), height: Math.max(0, y1 - y0), kind: hit.kind, source: 'auto' });
    }
  }
  return boxes;
}
