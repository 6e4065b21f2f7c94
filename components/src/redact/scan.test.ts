import { expect } from 'chai';
import { describe, it } from 'node:test';
import { pdfOf } from '../testing/pdf.js';
import { MAX_FILE_BYTES, MAX_PAGE_SIDE, readScan } from './scan.js';

// Real decoders: the browser's for images, pdf.js (its worker and WebAssembly from the served
// folder, as the build serves them) for PDFs.
const options = { assetsUrl: '/__dh/ocr/' };

/** A picture with a black square at a known place, as PNG or JPEG. */
async function picture(width: number, height: number, type: 'image/png' | 'image/jpeg'): Promise<Blob> {
  const canvas = document.createElement('canvas');
  canvas.width = width;
  canvas.height = height;
  const ctx = canvas.getContext('2d')!;
  ctx.fillStyle = '#fff';
  ctx.fillRect(0, 0, width, height);
  ctx.fillStyle = '#000';
  ctx.fillRect(width / 4, height / 4, width / 4, height / 4);
  return new Promise((resolve) => { canvas.toBlob((b) => { resolve(b!); }, type, 0.9); });
}

/** The grey level at a fraction of the canvas's width and height. */
function greyAt(canvas: HTMLCanvasElement, fx: number, fy: number): number {
  const [r, g, b] = canvas.getContext('2d')!.getImageData(Math.floor(canvas.width * fx), Math.floor(canvas.height * fy), 1, 1).data;
  return Math.round((r! + g! + b!) / 3);
}

const jpegBytes = async (width: number, height: number): Promise<Uint8Array> =>
  new Uint8Array(await (await picture(width, height, 'image/jpeg')).arrayBuffer());

describe('readScan', () => {
  describe('when the file is a picture', () => {
    it('reads a PNG at its own size, by its content whatever its name says', async () => {
      const png = await picture(800, 1100, 'image/png');
      const result = await readScan(new File([png], 'profil.pdf', { type: 'application/pdf' }), options);
      if (!result.ok) throw new Error(result.error.code);
      expect(result.kind).to.equal('png');
      expect([result.canvas.width, result.canvas.height]).to.deep.equal([800, 1100]);
      expect(greyAt(result.canvas, 0.35, 0.35)).to.be.below(20);
      expect(greyAt(result.canvas, 0.75, 0.75)).to.be.above(235);
    });

    it('scales a large JPEG down to an A4 page at 300 dpi on its longest side', async () => {
      const result = await readScan(await picture(4800, 3600, 'image/jpeg'), options);
      if (!result.ok) throw new Error(result.error.code);
      expect(result.kind).to.equal('jpeg');
      expect([result.canvas.width, result.canvas.height]).to.deep.equal([MAX_PAGE_SIDE, Math.round(3600 * (MAX_PAGE_SIDE / 4800))]);
      expect(greyAt(result.canvas, 0.35, 0.35)).to.be.below(30);
    });
  });

  describe('when the file is a PDF', () => {
    it('renders the first page of a scanner\'s PDF at 300 dpi', async () => {
      const pdf = pdfOf([
        { width: 595, height: 842, jpeg: { bytes: await jpegBytes(620, 877), width: 620, height: 877 } },
        { width: 595, height: 842, text: [{ x: 72, y: 700, size: 24, value: 'Sida två' }] },
      ]);
      const result = await readScan(pdf, options);
      if (!result.ok) throw new Error(result.error.code);
      expect(result.kind).to.equal('pdf');
      expect([result.canvas.width, result.canvas.height]).to.deep.equal([2479, 3508]);
      expect(greyAt(result.canvas, 0.35, 0.35)).to.be.below(30);
      expect(greyAt(result.canvas, 0.75, 0.75)).to.be.above(225);
    });

    it('renders text in a standard font (a form saved as PDF)', async () => {
      const pdf = pdfOf([{ width: 595, height: 842, text: [{ x: 72, y: 760, size: 48, value: 'Stjärnprofil ████' }] }]);
      const result = await readScan(pdf, options);
      if (!result.ok) throw new Error(result.error.code);
      const ctx = result.canvas.getContext('2d')!;
      const band = ctx.getImageData(300, Math.round(((842 - 760) / 842) * 3508) - 120, 1400, 130).data;
      let dark = 0;
      for (let i = 0; i < band.length; i += 4) if (band[i]! < 100) dark++;
      expect(dark).to.be.above(5000);
    });

    it('refuses a PDF with no pages', async () => {
      expect(await readScan(pdfOf([]), options)).to.deep.equal({ ok: false, error: { code: 'pdf-no-pages' } });
    });

    it('calls a broken PDF unreadable', async () => {
      const broken = new Blob(['%PDF-1.7\n1 0 obj << /Type /Catalog /Pages 9 0 R >> endobj\n%%EOF\n'], { type: 'application/pdf' });
      expect(await readScan(broken, options)).to.deep.equal({ ok: false, error: { code: 'unreadable' } });
    });
  });

  describe('when the file cannot be a scan', () => {
    it('refuses a file over the size limit without reading it', async () => {
      const big = new Blob([new Uint8Array(MAX_FILE_BYTES + 1)]);
      expect(await readScan(big, options)).to.deep.equal({ ok: false, error: { code: 'too-large', limit: 20 } });
    });

    it('refuses an image whose header claims more pixels than allowed, before decoding it', async () => {
      const header = new Uint8Array(await (await picture(10, 10, 'image/png')).arrayBuffer());
      const view = new DataView(header.buffer);
      view.setUint32(16, 20_000);
      view.setUint32(20, 20_000);
      expect(await readScan(new Blob([header]), options)).to.deep.equal({ ok: false, error: { code: 'too-many-pixels', limit: 50 } });
    });

    it('calls a damaged picture unreadable', async () => {
      const png = new Uint8Array(await (await picture(200, 200, 'image/png')).arrayBuffer());
      const damaged = png.slice(0, 40);
      damaged.fill(0x42, 33);
      expect(await readScan(new Blob([damaged]), options)).to.deep.equal({ ok: false, error: { code: 'unreadable' } });
      expect(await readScan(new Blob([]), options)).to.deep.equal({ ok: false, error: { code: 'unreadable' } });
    });

    it('names anything else unsupported', async () => {
      const text = new File(['Namn: Tolvan Tolvansson'], 'profil.png', { type: 'image/png' });
      expect(await readScan(text, options)).to.deep.equal({ ok: false, error: { code: 'unsupported' } });
    });
  });
});
