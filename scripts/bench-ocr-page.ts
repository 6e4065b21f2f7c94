// Runs in the benchmark's browser page (the nurse's intranet page, under its CSP): a generated
// degraded A4 star profile at 300 dpi, read and covered by dh-share from the built bundle (file
// picked → dh-redaction-ready), and the same JPEG given to bare tesseract.js `recognize`, with the
// same served worker, core and models.
import Tesseract from 'tesseract.js/dist/tesseract.esm.min.js';
import { starProfileScan } from '../components/src/testing/scan-fixtures.js';

declare global {
  interface Window {
    benchOcr: typeof benchOcr;
  }
}

const ASSETS = new URL('/dist/ocr/', location.origin);
let scan: File | undefined;
let bare: Tesseract.Worker | undefined;

async function bareWorker(): Promise<Tesseract.Worker> {
  return Tesseract.createWorker(['swe', 'eng'], Tesseract.OEM.LSTM_ONLY, {
    workerPath: new URL('tesseract/worker.min.js', ASSETS).href,
    corePath: new URL('tesseract/core/', ASSETS).href,
    langPath: new URL('tesseract/lang', ASSETS).href,
    workerBlobURL: false,
  });
}

const benchOcr = {
  /** Makes the page to read; not timed. */
  async makePage(seed: number): Promise<{ width: number; height: number; bytes: number }> {
    const page = await starProfileScan(seed, { dpi: 300, angle: 1.5, quality: 0.65 });
    scan = new File([page.blob], 'stjarnprofil.jpg', { type: 'image/jpeg' });
    return { width: page.width, height: page.height, bytes: scan.size };
  },

  /** Ours: the file picked in dh-share until the covered page is ready for review, in ms. */
  async ours(): Promise<{ ms: number; boxes: number }> {
    if (!scan) throw new Error('no page made');
    let share = document.querySelector('dh-share');
    if (!share) {
      share = document.createElement('dh-share');
      document.body.append(share);
      await share.updateComplete;
    }
    const input = share.shadowRoot?.querySelector<HTMLInputElement>('input[name="scan"]');
    if (!input) throw new Error('no file input');
    const ready = new Promise<number>((resolve, reject) => {
      share.addEventListener('dh-redaction-ready', (e) => { resolve(e.detail.boxes.length); }, { once: true });
      setTimeout(() => { reject(new Error(share.shadowRoot?.querySelector('.error')?.textContent ?? 'timed out')); }, 60_000);
    });
    const files = new DataTransfer();
    files.items.add(scan);
    const t0 = performance.now();
    input.files = files.files;
    input.dispatchEvent(new Event('change', { bubbles: true }));
    const boxes = await ready;
    return { ms: performance.now() - t0, boxes };
  },

  /** Bare tesseract.js: `recognize` of the same JPEG; a worker is started first when `fresh`. */
  async bare(fresh: boolean): Promise<{ ms: number; chars: number }> {
    if (!scan) throw new Error('no page made');
    const t0 = performance.now();
    if (fresh || !bare) {
      await bare?.terminate();
      bare = await bareWorker();
    }
    const result = await bare.recognize(scan);
    return { ms: performance.now() - t0, chars: result.data.text.length };
  },
};

window.benchOcr = benchOcr;
