import { expect } from 'chai';
import { describe, it } from 'node:test';
import { within } from '../testing/dom.js';
import { OcrEngine, type OcrProgress } from './ocr.js';

// The real tesseract.js worker, core and Swedish and English models, from the served folder.
const ASSETS = '/__dh/ocr/';

/** A small page with two lines of text. */
function page(): HTMLCanvasElement {
  const canvas = document.createElement('canvas');
  canvas.width = 1000;
  canvas.height = 260;
  const ctx = canvas.getContext('2d')!;
  ctx.fillStyle = '#fff';
  ctx.fillRect(0, 0, canvas.width, canvas.height);
  ctx.fillStyle = '#000';
  ctx.font = '48px "Liberation Sans"';
  ctx.fillText('Stjärnprofil för hälsosamtal', 40, 90);
  ctx.fillText('Blodtryck 128/84 mmHg', 40, 190);
  return canvas;
}

/** A served folder whose worker crashes on its next page once per arm. */
function crashingAssets(prefix = 'crash'): { url: string; arm(): Promise<void> } {
  const url = `/__dh/ocr-crash/${prefix}-${crypto.randomUUID()}/`;
  return { url, arm: async () => { await fetch(`${url}arm`, { method: 'POST' }); } };
}

describe('OcrEngine', () => {
  it('starts no worker before the first page, then reads words by line with their boxes', async () => {
    const engine = new OcrEngine({ assetsUrl: ASSETS, cacheMethod: 'none' });
    expect(engine.started).to.equal(false);
    const progress: OcrProgress[] = [];
    const result = await within(engine.recognize(page(), (p) => progress.push(p)), 'the first page', 60_000);
    try {
      if (!result.ok) throw new Error(result.code);
      expect(engine.started).to.equal(true);
      expect(result.lines.map((line) => line.map((w) => w.text).join(' '))).to.deep.equal(['Stjärnprofil för hälsosamtal', 'Blodtryck 128/84 mmHg']);
      const first = result.lines[0]![0]!.bbox;
      expect(first.x0).to.be.within(30, 50);
      expect(first.y1).to.be.within(85, 110);
      // Starting first (models, core), then reading, each rising to 1.
      expect(progress[0]?.stage).to.equal('starting');
      expect(progress.findLast((p) => p.stage === 'starting')?.progress).to.equal(1);
      expect(progress.at(-1)).to.deep.equal({ stage: 'reading', progress: 1 });
      // The worker stays for the next page.
      const again = await engine.recognize(page());
      expect(again.ok && again.lines.length).to.equal(2);
    } finally {
      await engine.terminate();
    }
    expect(engine.started).to.equal(false);
  });

  it('says ocr-crashed when the worker dies while reading, and starts a fresh one for the next page', async () => {
    const assets = crashingAssets();
    const engine = new OcrEngine({ assetsUrl: assets.url, cacheMethod: 'none' });
    try {
      await assets.arm();
      expect(await within(engine.recognize(page()), 'the crash', 60_000)).to.deep.equal({ ok: false, code: 'ocr-crashed' });
      expect(engine.started).to.equal(false);
      const next = await within(engine.recognize(page()), 'the page after the crash', 60_000);
      expect(next.ok && next.lines.length).to.equal(2);
    } finally {
      await engine.terminate();
    }
  });

  it('says ocr-unavailable, without hanging, when the worker or its models cannot load', async () => {
    for (const assetsUrl of ['/__dh/nothing-here/', crashingAssets('nolang').url]) {
      const engine = new OcrEngine({ assetsUrl, cacheMethod: 'none' });
      expect(await within(engine.recognize(page()), `the failed start from ${assetsUrl}`, 30_000), assetsUrl).to.deep.equal({ ok: false, code: 'ocr-unavailable' });
      expect(engine.started).to.equal(false);
    }
  });

  it('says ocr-unavailable when a CSP refuses the worker its WebAssembly (a start that stops without a word)', async () => {
    const engine = new OcrEngine({ assetsUrl: crashingAssets('nowasm').url, cacheMethod: 'none', startStallMs: 3000 });
    expect(await within(engine.recognize(page()), 'the stalled start', 30_000)).to.deep.equal({ ok: false, code: 'ocr-unavailable' });
    expect(engine.started).to.equal(false);
  });

  it('ends a page being read with ocr-stopped when terminated', async () => {
    const engine = new OcrEngine({ assetsUrl: ASSETS, cacheMethod: 'none' });
    const reading = engine.recognize(page());
    await new Promise((r) => setTimeout(r, 50));
    await engine.terminate();
    expect(await within(reading, 'the stopped page')).to.deep.equal({ ok: false, code: 'ocr-stopped' });
  });
});
