import { expect } from 'chai';
import { after, before, describe, it } from 'node:test';
import type { Page } from 'puppeteer-core';
import { watchProblems, type LaunchedBrowser } from '../../scripts/browser.js';
import { pdfOf } from '../../components/src/testing/pdf.js';
import type { SpawnedServer } from '../server/spawn.js';
import { startDemoRun, type DemoRun } from './helpers.js';

// The built nurse bundle reads scans in the demo's pages under their CSP: the lazy chunk, the OCR
// worker and models, pdf.js and its worker all come from the site, nothing is refused, and the
// patient's page can compile no WebAssembly at all.
let run: DemoRun;
let server: SpawnedServer;
let chromium: LaunchedBrowser;

before(async () => {
  run = await startDemoRun('e2e-ocr');
  ({ server, chromium } = run);
});
after(() => run.close());

interface Watched {
  readonly page: Page;
  readonly problems: string[];
  readonly violations: string[];
  readonly requests: string[];
}

async function watchedPage(path: string): Promise<Watched> {
  const page = await chromium.browser.newPage();
  const problems = watchProblems(page);
  const violations: string[] = [];
  const requests: string[] = [];
  page.on('request', (r) => requests.push(r.url()));
  // Workers' requests too (the models, the core), and what their CSP refuses.
  page.on('workercreated', (worker) => { requests.push(worker.url()); });
  await page.exposeFunction('reportViolation', (v: string) => violations.push(v));
  await page.evaluateOnNewDocument(() => {
    document.addEventListener('securitypolicyviolation', (e) => {
      void (window as unknown as { reportViolation(v: string): Promise<void> }).reportViolation(`${e.violatedDirective} ${e.blockedURI} ${e.sourceFile}:${String(e.lineNumber)}:${String(e.columnNumber)}`);
    });
  });
  await page.goto(`${server.url}${path}`, { waitUntil: 'networkidle0' });
  return { page, problems, violations, requests };
}

/** Picks a file in a fresh dh-share on the page; returns the number of boxes, or the error shown. */
async function pick(page: Page, file: { name: string; type: string; base64?: string; drawn?: boolean }): Promise<{ boxes: number; kinds: string[] } | { error: string }> {
  return page.evaluate(async (file) => {
    document.querySelector('dh-share')?.remove();
    const share = document.createElement('dh-share');
    document.body.append(share);
    await share.updateComplete;
    let blob: Blob;
    if (file.drawn) {
      // A scanned page, drawn here: personal data beside its labels, and a health value.
      const canvas = document.createElement('canvas');
      canvas.width = 1700;
      canvas.height = 700;
      const ctx = canvas.getContext('2d')!;
      ctx.fillStyle = '#fff';
      ctx.fillRect(0, 0, canvas.width, canvas.height);
      ctx.fillStyle = '#000';
      ctx.font = '44px "Liberation Sans"';
      ['Stjärnprofil', 'Namn: Tolvan Tolvansson', 'Personnr: 19121212-1212', 'Tel: 070-174 06 55', 'Blodtryck: 128/84 mmHg']
        .forEach((line, i) => { ctx.fillText(line, 80, 100 + i * 110); });
      blob = await new Promise<Blob>((resolve) => { canvas.toBlob((b) => { resolve(b!); }, 'image/png'); });
    } else {
      blob = new Blob([Uint8Array.from(atob(file.base64 ?? ''), (c) => c.charCodeAt(0))]);
    }
    const input = share.shadowRoot!.querySelector<HTMLInputElement>('input[name="scan"]')!;
    const result = new Promise<{ boxes: number; kinds: string[] } | { error: string }>((resolve) => {
      share.addEventListener('dh-redaction-ready', (e) => { resolve({ boxes: e.detail.boxes.length, kinds: e.detail.boxes.map((b) => b.kind) }); }, { once: true });
      const seen = new MutationObserver(() => {
        const error = share.shadowRoot?.querySelector('.error');
        if (error) resolve({ error: error.textContent });
      });
      seen.observe(share.shadowRoot!, { subtree: true, childList: true });
    });
    const files = new DataTransfer();
    files.items.add(new File([blob], file.name, { type: file.type }));
    input.files = files.files;
    input.dispatchEvent(new Event('change', { bubbles: true }));
    return result;
  }, file);
}

describe('reading a scan under the demo CSP', () => {
  it("reads and covers a PNG and a PDF on the nurse's intranet page, everything from the site, nothing refused", async () => {
    const { page, problems, violations, requests } = await watchedPage('/');
    const png = await pick(page, { name: 'stjarnprofil.png', type: 'image/png', drawn: true });
    expect(png).to.have.property('boxes').above(2);
    expect((png as { kinds: string[] }).kinds).to.include.members(['personnummer', 'phone']);

    const pdf = pdfOf([{ width: 595, height: 842, text: [
      { x: 60, y: 760, size: 16, value: 'Stjärnprofil' },
      { x: 60, y: 720, size: 12, value: 'Namn: Tolvan Tolvansson' },
      { x: 60, y: 700, size: 12, value: 'Personnr: 19121212-1212' },
      { x: 60, y: 680, size: 12, value: 'Blodtryck: 128/84 mmHg' },
    ] }]);
    const base64 = Buffer.from(await pdf.arrayBuffer()).toString('base64');
    const read = await pick(page, { name: 'stjarnprofil.pdf', type: 'application/pdf', base64 });
    expect((read as { kinds: string[] }).kinds).to.include('personnummer');

    expect(violations).to.deep.equal([]);
    expect(problems).to.deep.equal([]);
    expect(requests.filter((url) => !url.startsWith(`${server.url}/`))).to.deep.equal([]);
    expect(requests.some((url) => url.includes('/dist/ocr/tesseract/worker.min.js'))).to.equal(true);
    expect(requests.some((url) => url.includes('/dist/ocr/pdfjs/pdf.worker.min.mjs'))).to.equal(true);
    await page.close();
  });

  it('says so in Swedish, and shares nothing, for a PDF without pages', async () => {
    const { page, problems } = await watchedPage('/lobby');
    const base64 = Buffer.from(await pdfOf([]).arrayBuffer()).toString('base64');
    expect(await pick(page, { name: 'tom.pdf', type: 'application/pdf', base64 })).to.deep.equal({ error: 'PDF-filen har inga sidor. Välj en annan fil. Inget har delats.' });
    expect(problems).to.deep.equal([]);
    await page.close();
  });

  it("gives the patient's and the interpreter's pages no WebAssembly, and loads no OCR there", async () => {
    for (const path of ['/besok', '/tolk']) {
      const { page, requests } = await watchedPage(path);
      const compiled = await page.evaluate(async () => {
        // The smallest module there is: the magic number and version 1.
        try {
          await WebAssembly.compile(new Uint8Array([0, 0x61, 0x73, 0x6d, 1, 0, 0, 0]));
          return 'compiled';
        } catch (e) {
          return (e as Error).name;
        }
      });
      expect(compiled, path).to.equal('CompileError');
      expect(requests.filter((url) => url.includes('/ocr/') || url.includes('tesseract') || url.includes('pdf')), path).to.deep.equal([]);
      await page.close();
    }
  });
});
