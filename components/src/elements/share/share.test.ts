import { expect } from 'chai';
import { after, afterEach, before, describe, it } from 'node:test';
import { sendKeys, sendMouse } from '@web/test-runner-commands';
import { OcrEngine } from '../../redact/ocr.js';
import { MAX_FILE_BYTES } from '../../redact/scan.js';
import { $, $$, axeViolations, focusedElement, mount, nextEvent, tabUntil, until, within } from '../../testing/dom.js';
import { pdfOf } from '../../testing/pdf.js';
import { configure, resetConfig } from '../shared/config.js';
import type { RedactionReadyDetail } from '../shared/events.js';
import './define.js';
import type { DhShare } from './share.element.js';

// Real OCR (tesseract.js with the Swedish and English models) and real decoding, from the served
// folder; one engine for the file, so that its worker starts once.
const ASSETS = '/__dh/ocr/';
let engine: OcrEngine;

before(() => {
  engine = new OcrEngine({ assetsUrl: ASSETS, cacheMethod: 'none' });
});
after(async () => {
  await engine.terminate();
});
afterEach(() => {
  document.body.replaceChildren();
  resetConfig();
});

/** A scanned page drawn here: personal data beside labels, a health value, as a PNG file. */
async function scan(lines = ['Stjärnprofil', 'Namn: Tolvan Tolvansson', 'Personnr: 19121212-1212', 'Tel: 070-174 06 55', 'Blodtryck: 128/84 mmHg']): Promise<File> {
  const canvas = document.createElement('canvas');
  canvas.width = 1400;
  canvas.height = 120 + lines.length * 100;
  const ctx = canvas.getContext('2d')!;
  ctx.fillStyle = '#fff';
  ctx.fillRect(0, 0, canvas.width, canvas.height);
  ctx.fillStyle = '#000';
  ctx.font = '40px "Liberation Sans"';
  lines.forEach((line, i) => { ctx.fillText(line, 60, 100 + i * 100); });
  const blob = await new Promise<Blob>((resolve) => { canvas.toBlob((b) => { resolve(b!); }, 'image/png'); });
  return new File([blob], 'stjarnprofil.png', { type: 'image/png' });
}

async function share(setup: (el: DhShare) => void = (el) => {
  el.ocr = engine;
  el.assetsUrl = ASSETS;
}): Promise<DhShare> {
  return mount('dh-share', setup);
}

/** Picks `file` in the element's file input, as the browser reports a pick. */
function pick(el: DhShare, file: File): void {
  const input = $<HTMLInputElement>(el, 'input[name="scan"]')!;
  const files = new DataTransfer();
  files.items.add(file);
  input.files = files.files;
  input.dispatchEvent(new Event('change', { bubbles: true }));
}

/** Picks a file and waits until its page is ready for review. */
async function read(el: DhShare, file: File): Promise<RedactionReadyDetail> {
  const ready = nextEvent(el, 'dh-redaction-ready');
  pick(el, file);
  return (await within(ready, 'the covered page', 60_000)).detail;
}

/** A key pressed with Shift held. */
async function shifted(key: string): Promise<void> {
  await sendKeys({ down: 'Shift' });
  await sendKeys({ press: key });
  await sendKeys({ up: 'Shift' });
}

const boxButtons = (el: DhShare): HTMLButtonElement[] => $$(el, '.boxes button') as HTMLButtonElement[];
const shareButton = (el: DhShare): HTMLButtonElement => $<HTMLButtonElement>(el, 'button.share')!;
const status = (el: DhShare): string => $(el, '[role="status"].visually-hidden')?.textContent ?? '';

/** Every pixel of `rect` on `canvas`, as [min, max] of its grey levels. */
function greyRange(canvas: HTMLCanvasElement, rect: { x: number; y: number; width: number; height: number }): [number, number] {
  const x = Math.floor(rect.x);
  const y = Math.floor(rect.y);
  const data = canvas.getContext('2d')!.getImageData(x, y, Math.ceil(rect.x + rect.width) - x, Math.ceil(rect.y + rect.height) - y).data;
  let min = 255;
  let max = 0;
  for (let i = 0; i < data.length; i += 4) {
    const grey = Math.round((data[i]! + data[i + 1]! + data[i + 2]!) / 3);
    min = Math.min(min, grey);
    max = Math.max(max, grey);
  }
  return [min, max];
}

describe('dh-share', () => {
  it('has no axe violations before, while and after reading a scan', async () => {
    const el = await share();
    const input = $<HTMLInputElement>(el, 'input[name="scan"]')!;
    expect(input.type).to.equal('file');
    expect(input.accept).to.include('image/png').and.include('image/jpeg').and.include('application/pdf');
    expect(await axeViolations(el)).to.deep.equal([]);

    const ready = nextEvent(el, 'dh-redaction-ready');
    pick(el, await scan());
    await until(() => $(el, 'progress'), 'the progress indicator');
    expect(await axeViolations(el)).to.deep.equal([]);
    await within(ready, 'the covered page', 60_000);
    await el.updateComplete;
    expect($(el, 'progress')).to.equal(null);
    expect(await axeViolations(el)).to.deep.equal([]);
  });

  describe('when a scan has been read', () => {
    it('fires dh-redaction-ready with the page size and the listed boxes, drawn opaque on the page', async () => {
      const el = await share();
      const detail = await read(el, await scan());
      expect([detail.width, detail.height]).to.deep.equal([1400, 620]);
      const kinds = detail.boxes.map((b) => b.kind);
      expect(kinds).to.include.members(['name', 'personnummer', 'phone']);
      expect(detail.boxes.every((b) => b.active && b.source === 'auto')).to.equal(true);
      // The review lists the same boxes, in the same order.
      expect(boxButtons(el).map((b) => b.getAttribute('aria-pressed'))).to.deep.equal(detail.boxes.map(() => 'true'));
      expect(boxButtons(el)[0]!.textContent).to.match(/^Ruta 1: /);
      // On the shown page every box is solid.
      const canvas = $<HTMLCanvasElement>(el, 'canvas.page')!;
      for (const box of detail.boxes) expect(greyRange(canvas, box)).to.deep.equal([0, 0]);
      expect($(el, '#review-summary')!.textContent).to.include(`${String(detail.boxes.length)} rutor täcker personuppgifter.`);
      expect(shareButton(el).disabled).to.equal(true);
    });

    it('says so when it found nothing to cover, and still asks for a review', async () => {
      const el = await share();
      const detail = await read(el, await scan(['Stjärnprofil', 'Blodtryck: 128/84 mmHg', 'Midjemått: 94 cm']));
      expect(detail.boxes).to.deep.equal([]);
      expect($(el, '#review-summary')!.textContent).to.include('Inga personuppgifter hittades automatiskt');
      expect(boxButtons(el)).to.deep.equal([]);
      expect(shareButton(el).disabled).to.equal(true);
    });

    it('shares only after "Jag har granskat": a cancelable dh-before-share, then the covered copy', async () => {
      const el = await share();
      const detail = await read(el, await scan());
      const reviewed = $<HTMLInputElement>(el, 'input[name="reviewed"]')!;
      reviewed.click();
      await el.updateComplete;
      expect(shareButton(el).disabled).to.equal(false);

      // A host page says no: nothing is shared.
      const veto = (e: Event): void => { e.preventDefault(); };
      el.addEventListener('dh-before-share', veto, { once: true });
      let started = 0;
      el.addEventListener('dh-share-start', () => started++);
      shareButton(el).click();
      await el.updateComplete;
      expect(started).to.equal(0);
      expect($(el, '#share-hint')!.textContent).to.include('Sidan stoppade delningen');

      const before = nextEvent(el, 'dh-before-share');
      const start = nextEvent(el, 'dh-share-start');
      shareButton(el).click();
      expect((await before).detail).to.deep.equal({ kind: 'document' });
      expect((await before).cancelable).to.equal(true);
      const { canvas } = (await start).detail;
      expect(canvas).to.be.instanceOf(HTMLCanvasElement);
      expect([canvas.width, canvas.height]).to.deep.equal([detail.width, detail.height]);
      for (const box of detail.boxes) expect(greyRange(canvas, box), box.kind).to.deep.equal([0, 0]);
      // Outside the boxes the page is as it was: white margin, black heading.
      expect(greyRange(canvas, { x: 1300, y: 0, width: 100, height: 100 })[0]).to.be.above(240);
      expect(greyRange(el.redactedCanvas()!, { x: 50, y: 60, width: 400, height: 50 })[0]).to.be.below(60);
    });

    it('is reviewed by keyboard alone: toggle, zoom, add, move, resize, remove, confirm, share', async () => {
      const el = await share();
      const detail = await read(el, await scan());
      let last: RedactionReadyDetail = detail;
      el.addEventListener('dh-redaction-ready', (e) => { last = e.detail; });
      const isBox = (n: number) => (f: HTMLElement): boolean => f.dataset.n === String(n);

      // Toggle the first box with Space and Enter, announced each time.
      const first = await tabUntil(isBox(1), 'box 1');
      await sendKeys({ press: 'Space' });
      await el.updateComplete;
      expect(first.getAttribute('aria-pressed')).to.equal('false');
      expect(last.boxes[0]!.active).to.equal(false);
      await until(() => status(el).includes('Ruta 1 visas nu'), 'the announcement');
      // Uncovered, the page shows what is under the box again.
      expect(greyRange($<HTMLCanvasElement>(el, 'canvas.page')!, detail.boxes[0]!)[1]).to.be.above(200);
      await sendKeys({ press: 'Enter' });
      await el.updateComplete;
      expect(first.getAttribute('aria-pressed')).to.equal('true');
      await until(() => status(el).includes('Ruta 1 täcker nu'), 'the announcement');

      // Zoom in and out.
      await shifted('Tab');
      await tabUntil((f) => f.classList.contains('zoom-in'), 'zoom in');
      await sendKeys({ press: 'Enter' });
      await el.updateComplete;
      expect($(el, '.zoom-level')!.textContent).to.equal('Zoom 150 %');
      expect($<HTMLCanvasElement>(el, 'canvas.page')!.style.width).to.equal('150%');

      // Add a box: it is focused in the list; arrows move it, Shift + arrows resize it.
      await tabUntil((f) => f.classList.contains('add'), 'add a box');
      await sendKeys({ press: 'Enter' });
      const n = detail.boxes.length + 1;
      await until(() => focusedElement()?.dataset.n === String(n), 'the new box focused');
      const added = last.boxes.at(-1)!;
      expect(added).to.include({ source: 'manual', active: true });
      await sendKeys({ press: 'ArrowRight' });
      await sendKeys({ press: 'ArrowDown' });
      expect([last.boxes.at(-1)!.x - added.x, last.boxes.at(-1)!.y - added.y]).to.deep.equal([6, 6]);
      await shifted('ArrowRight');
      await shifted('ArrowDown');
      expect([last.boxes.at(-1)!.width - added.width, last.boxes.at(-1)!.height - added.height]).to.deep.equal([6, 6]);
      // Its pixels are covered in the copy, where it now is.
      expect(greyRange(el.redactedCanvas()!, last.boxes.at(-1)!)).to.deep.equal([0, 0]);
      await sendKeys({ press: 'Delete' });
      await el.updateComplete;
      expect(last.boxes).to.have.length(detail.boxes.length);
      await until(() => status(el).includes(`Ruta ${String(n)} borttagen`), 'the announcement');
      // An automatic box cannot be deleted, only uncovered.
      const auto = await tabUntil(isBox(1), 'box 1');
      await sendKeys({ press: 'Delete' });
      expect(auto.isConnected && last.boxes.length).to.equal(detail.boxes.length);

      // Confirm and share.
      await tabUntil((f) => f.getAttribute('name') === 'reviewed', 'the confirmation');
      await sendKeys({ press: 'Space' });
      await el.updateComplete;
      const shared = nextEvent(el, 'dh-share-start');
      await tabUntil((f) => f.classList.contains('share'), 'Dela');
      await sendKeys({ press: 'Enter' });
      expect((await within(shared, 'the share')).detail.canvas).to.be.instanceOf(HTMLCanvasElement);
      expect(await axeViolations(el)).to.deep.equal([]);
    });

    it('takes a box drawn by pointer, and asks for a new review after any change', async () => {
      const el = await share();
      const detail = await read(el, await scan());
      $<HTMLInputElement>(el, 'input[name="reviewed"]')!.click();
      await el.updateComplete;
      const canvas = $<HTMLCanvasElement>(el, 'canvas.page')!;
      canvas.scrollIntoView();
      const rect = canvas.getBoundingClientRect();
      const scale = rect.width / canvas.width;
      /** A page point as a position in the browser window, for the real mouse. */
      const at = (x: number, y: number): [number, number] => [Math.round(rect.left + x * scale), Math.round(rect.top + y * scale)];
      const changed = nextEvent(el, 'dh-redaction-ready');
      await sendMouse({ type: 'move', position: at(1000, 40) });
      await sendMouse({ type: 'down' });
      await sendMouse({ type: 'move', position: at(1100, 80) });
      await sendMouse({ type: 'move', position: at(1200, 100) });
      await sendMouse({ type: 'up' });
      const box = (await changed).detail.boxes.at(-1)!;
      expect(box).to.include({ source: 'manual', active: true });
      // Within what one screen pixel is on the page.
      const slack = 1 / scale + 1;
      expect(box.x).to.be.closeTo(1000, slack);
      expect(box.y).to.be.closeTo(40, slack);
      expect(box.width).to.be.closeTo(200, 2 * slack);
      expect(box.height).to.be.closeTo(60, 2 * slack);
      expect((await changed).detail.boxes).to.have.length(detail.boxes.length + 1);
      await el.updateComplete;
      // The confirmation was for the boxes as they were.
      expect($<HTMLInputElement>(el, 'input[name="reviewed"]')!.checked).to.equal(false);
      expect(shareButton(el).disabled).to.equal(true);
      await until(() => status(el).includes('granska igen'), 'the announcement');
      // A slip (a click) adds nothing.
      await sendMouse({ type: 'move', position: at(500, 500) });
      await sendMouse({ type: 'down' });
      await sendMouse({ type: 'up' });
      await el.updateComplete;
      expect(boxButtons(el)).to.have.length(detail.boxes.length + 1);
    });
  });

  describe('when a file cannot be shared', () => {
    const cases: [string, () => Promise<File> | File, string][] = [
      ['an oversize file', () => new File([new Uint8Array(MAX_FILE_BYTES + 1)], 'stor.png', { type: 'image/png' }), 'Filen är för stor (högst 20 MB).'],
      ['an unreadable image', async () => new File([(await scan()).slice(0, 60)], 'trasig.png', { type: 'image/png' }), 'Filen går inte att läsa'],
      ['a PDF with no pages', () => new File([pdfOf([])], 'tom.pdf', { type: 'application/pdf' }), 'PDF-filen har inga sidor.'],
      ['a file of another kind', () => new File(['Namn: Tolvan'], 'profil.txt', { type: 'text/plain' }), 'inte en PNG-, JPEG- eller PDF-fil'],
    ];
    for (const [what, file, message] of cases) {
      it(`says so for ${what}, shares nothing, and keeps the page reviewed before`, async () => {
        const el = await share();
        const detail = await read(el, await scan());
        boxButtons(el)[1]!.click();
        $<HTMLInputElement>(el, 'input[name="reviewed"]')!.click();
        await el.updateComplete;
        let events = 0;
        for (const type of ['dh-redaction-ready', 'dh-before-share', 'dh-share-start'] as const) el.addEventListener(type, () => events++);

        pick(el, await file());
        const alert = await until(() => $(el, '[role="alert"]'), 'the message', 30_000);
        expect(alert.textContent).to.include(message).and.include('Inget har delats.');
        expect($(el, 'input[name="scan"]')!.getAttribute('aria-invalid')).to.equal('true');
        expect(events).to.equal(0);
        // What the nurse did is still there: the page, her change, her confirmation.
        expect(boxButtons(el)).to.have.length(detail.boxes.length);
        expect(boxButtons(el)[1]!.getAttribute('aria-pressed')).to.equal('false');
        expect($<HTMLInputElement>(el, 'input[name="reviewed"]')!.checked).to.equal(true);
        expect(shareButton(el).disabled).to.equal(false);
        expect(await axeViolations(el)).to.deep.equal([]);
      });
    }

    it('says so when the OCR worker crashes, and reads the next file with a fresh worker', async () => {
      const assets = `/__dh/ocr-crash/share-${crypto.randomUUID()}/`;
      const crashing = new OcrEngine({ assetsUrl: assets, cacheMethod: 'none' });
      try {
        const el = await share((e) => { e.ocr = crashing; });
        await fetch(`${assets}arm`, { method: 'POST' });
        let events = 0;
        el.addEventListener('dh-redaction-ready', () => events++);
        const file = await scan();
        pick(el, file);
        const alert = await until(() => $(el, '[role="alert"]'), 'the message', 60_000);
        expect(alert.textContent).to.equal('Textigenkänningen avbröts. Välj filen igen för att försöka på nytt. Inget har delats.');
        expect(events).to.equal(0);
        expect($(el, 'canvas.page')).to.equal(null);
        // The same file again: the input was cleared, so picking it again is a change.
        expect($<HTMLInputElement>(el, 'input[name="scan"]')!.value).to.equal('');
        const detail = await read(el, file);
        expect(detail.boxes.length).to.be.above(2);
        expect($(el, '[role="alert"]')).to.equal(null);
      } finally {
        await crashing.terminate();
      }
    });
  });

  it('starts its own worker from the configured folder, and stops it when removed (no leak)', async () => {
    configure({ ocrAssetsUrl: ASSETS });
    const live = new Set<Worker>();
    const Original = window.Worker;
    window.Worker = class extends Original {
      constructor(url: string | URL, options?: WorkerOptions) {
        super(url, options);
        live.add(this);
      }

      override terminate(): void {
        live.delete(this);
        super.terminate();
      }
    };
    try {
      for (let i = 0; i < 3; i++) {
        const el = await share(() => undefined);
        await read(el, await scan(['Personnr: 19121212-1212']));
        expect(live.size).to.equal(1);
        el.remove();
        await until(() => live.size === 0, 'the worker stopped');
      }
    } finally {
      window.Worker = Original;
    }
  });
});
