import { expect } from 'chai';
import { describe, it } from 'node:test';
import { imagePdf, jpegSize } from './pdf-image.js';

/** The markers of a baseline JPEG of `width`×`height` (no picture data: enough for the PDF's structure). */
function jpegHeader(width: number, height: number, components = 3): Uint8Array {
  return Uint8Array.from([
    0xff, 0xd8, // SOI
    0xff, 0xe0, 0x00, 0x10, 0x4a, 0x46, 0x49, 0x46, 0x00, 0x01, 0x01, 0x00, 0x00, 0x01, 0x00, 0x01, 0x00, 0x00, // APP0 JFIF
    0xff, 0xc0, 0x00, 0x11, 0x08, height >> 8, height & 0xff, width >> 8, width & 0xff, components,
    0x01, 0x22, 0x00, 0x02, 0x11, 0x01, 0x03, 0x11, 0x01, // SOF0
    0xff, 0xd9, // EOI
  ]);
}

const latin1 = (bytes: Uint8Array): string => Array.from(bytes, (b) => String.fromCharCode(b)).join('');

describe('jpegSize', () => {
  it('reads width, height and colour components from the frame header', () => {
    expect(jpegSize(jpegHeader(2480, 3508))).to.deep.equal({ width: 2480, height: 3508, components: 3 });
    expect(jpegSize(jpegHeader(10, 20, 1))).to.deep.equal({ width: 10, height: 20, components: 1 });
  });
  it('says nothing for what is not a JPEG', () => {
    expect(jpegSize(Uint8Array.from([0x89, 0x50, 0x4e, 0x47]))).to.equal(undefined);
    expect(jpegSize(new Uint8Array(0))).to.equal(undefined);
  });
});

describe('imagePdf', () => {
  const jpeg = jpegHeader(2480, 3508);
  const pdf = imagePdf(jpeg, { title: 'Stjärnprofil (utan personuppgifter)' });
  const text = latin1(pdf);

  it('is a PDF whose cross-reference table points at each object', () => {
    expect(text.startsWith('%PDF-1.4\n')).to.equal(true);
    expect(text.trimEnd().endsWith('%%EOF')).to.equal(true);
    const startxref = Number(/startxref\n(\d+)\n/.exec(text)?.[1]);
    expect(text.slice(startxref, startxref + 4)).to.equal('xref');
    const entries = text.slice(startxref).split('\n').slice(3, 9);
    entries.forEach((entry, i) => {
      const offset = Number(entry.slice(0, 10));
      expect(text.slice(offset, offset + 8), `object ${String(i + 1)}`).to.equal(`${String(i + 1)} 0 obj\n`);
    });
  });

  it('carries the picture unchanged, fitted to an A4 page with its proportions', () => {
    const at = text.indexOf('stream\n', text.indexOf('/Subtype /Image')) + 'stream\n'.length;
    expect(Array.from(pdf.slice(at, at + jpeg.length))).to.deep.equal(Array.from(jpeg));
    expect(text).to.contain('/Width 2480 /Height 3508 /ColorSpace /DeviceRGB');
    const scale = /q ([\d.]+) 0 0 ([\d.]+) /.exec(text)!;
    expect(Number(scale[1]) / Number(scale[2])).to.be.closeTo(2480 / 3508, 0.001);
    expect(Number(scale[2])).to.be.at.most(841.89);
  });

  it('keeps the title in Latin-1 and escapes what would end the string', () => {
    expect(text).to.contain('/Title (Stj\u00e4rnprofil \\(utan personuppgifter\\))');
    expect(latin1(imagePdf(jpeg, { title: 'a) b\\ c ☆' }))).to.contain('/Title (a\\) b\\\\ c ?)');
  });

  it('refuses bytes that are not a JPEG', () => {
    expect(() => imagePdf(Uint8Array.from([1, 2, 3]))).to.throw(TypeError);
  });
});
