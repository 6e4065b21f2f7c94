import type Tesseract from 'tesseract.js/dist/tesseract.esm.min.js';
import type { OcrWord } from './boxes.js';

/**
 * Reading a page's text in the browser, offline: a tesseract.js worker (Swedish and English) that
 * starts on first use and loads everything from the project's own served folder (see
 * scripts/ocr-assets.mjs), never from a CDN. The text read is personal data: nothing here logs it.
 */

export interface OcrOptions {
  /**
   * The folder the OCR assets are served from, `dist/ocr/` of the build; a URL or a path. The
   * worker is started from it, so it must be on the page's own origin.
   */
  readonly assetsUrl: string | URL;
  /**
   * Where tesseract.js keeps the models after the first download: 'write' (IndexedDB, the
   * default) or 'none' (tests, or a browser that should keep nothing).
   */
  readonly cacheMethod?: 'write' | 'none';
  /**
   * A start that reports no progress for this long has failed (60 s by default: room for the models
   * on a slow network). A worker whose WebAssembly a CSP refuses never says so; it just stops.
   */
  readonly startStallMs?: number;
}

/** How far the engine is: 'starting' the first time (models and core), then 'reading'. */
export interface OcrProgress {
  readonly stage: 'starting' | 'reading';
  /** 0–1 within the stage. */
  readonly progress: number;
}

/**
 * 'ocr-unavailable': the engine could not start (an asset missing, WebAssembly refused);
 * 'ocr-crashed': the worker died while reading; 'ocr-failed': it read nothing from the image;
 * 'ocr-stopped': the engine was terminated while reading.
 */
export type OcrErrorCode = 'ocr-unavailable' | 'ocr-crashed' | 'ocr-failed' | 'ocr-stopped';

export type OcrOutcome = { readonly ok: true; readonly lines: OcrWord[][] } | { readonly ok: false; readonly code: OcrErrorCode };

/** tesseract.js's worker with the Web Worker it runs in (present at run time, not in its types). */
type EngineWorker = Tesseract.Worker & { readonly worker?: Worker };

const LANGUAGES = ['swe', 'eng'];
const START_STALL_MS = 60_000;
/** tesseract.js's start-up steps, in order, each reporting 0–1. */
const START_STEPS = ['loading tesseract core', 'initializing tesseract', 'loading language traineddata', 'initializing api'];

class Stopped extends Error {
  constructor(readonly code: OcrErrorCode) {
    super(code);
  }
}

export class OcrEngine {
  readonly #options: OcrOptions;
  #worker: Promise<EngineWorker> | undefined;
  /** Ends the job in progress (crash or terminate); set while a job runs. */
  #abort: ((code: OcrErrorCode) => void) | undefined;
  #onProgress: ((p: OcrProgress) => void) | undefined;
  /** Restarts the stall timer while a worker starts. */
  #starting: (() => void) | undefined;
  /** One job at a time: the worker reads one image at a time anyway. */
  #queue: Promise<unknown> = Promise.resolve();

  constructor(options: OcrOptions) {
    this.#options = options;
  }

  /** True while a worker is running or starting. */
  get started(): boolean {
    return this.#worker !== undefined;
  }

  /**
   * The words of the page, grouped by line, in the page's pixel coordinates. Starts the worker
   * first if none runs; a worker that crashed or failed is dropped, and the next call starts anew.
   */
  recognize(page: HTMLCanvasElement | OffscreenCanvas, onProgress?: (p: OcrProgress) => void): Promise<OcrOutcome> {
    const job = this.#queue.then(() => this.#run(page, onProgress));
    this.#queue = job.catch(() => undefined);
    return job;
  }

  /** Stops the worker (freeing its memory); a job in progress ends with 'ocr-stopped'. */
  async terminate(): Promise<void> {
    this.#abort?.('ocr-stopped');
    await this.#drop();
  }

  async #run(page: HTMLCanvasElement | OffscreenCanvas, onProgress?: (p: OcrProgress) => void): Promise<OcrOutcome> {
    this.#onProgress = onProgress;
    const aborted = new Promise<never>((_, reject) => {
      this.#abort = (code) => { reject(new Stopped(code)); };
    });
    try {
      const image = greyscalePgm(page);
      let worker: EngineWorker;
      try {
        worker = await Promise.race([this.#start(), aborted]);
      } catch (e) {
        await this.#drop();
        return { ok: false, code: e instanceof Stopped ? e.code : 'ocr-unavailable' };
      }
      onProgress?.({ stage: 'reading', progress: 0 });
      // tesseract.js reads bytes as an image file: a PGM is the quickest to make and to decode.
      const result = await Promise.race([worker.recognize(image as unknown as Blob, {}, { blocks: true, text: false }), aborted]);
      onProgress?.({ stage: 'reading', progress: 1 });
      return { ok: true, lines: linesOf(result.data.blocks) };
    } catch (e) {
      // Whatever went wrong inside the worker, it may have left it in a bad state.
      await this.#drop();
      return { ok: false, code: e instanceof Stopped ? e.code : 'ocr-failed' };
    } finally {
      this.#abort = undefined;
      this.#onProgress = undefined;
    }
  }

  #start(): Promise<EngineWorker> {
    this.#worker ??= this.#create();
    return this.#worker;
  }

  async #create(): Promise<EngineWorker> {
    const { default: T } = await import('tesseract.js/dist/tesseract.esm.min.js');
    const base = new URL(this.#options.assetsUrl, document.baseURI);
    // tesseract.js settles createWorker only when the core fails to load; a model that fails to
    // load or initialise reaches the errorHandler alone.
    let failStart: (reason: unknown) => void = () => undefined;
    const startFailed = new Promise<never>((_, reject) => { failStart = reject; });
    let stall: ReturnType<typeof setTimeout> | undefined;
    this.#starting = () => {
      clearTimeout(stall);
      stall = setTimeout(() => { failStart(new Error('the OCR worker stopped starting')); }, this.#options.startStallMs ?? START_STALL_MS);
    };
    this.#starting();
    const created = T.createWorker(LANGUAGES, T.OEM.LSTM_ONLY, {
      workerPath: new URL('tesseract/worker.min.js', base).href,
      corePath: new URL('tesseract/core/', base).href,
      langPath: new URL('tesseract/lang', base).href,
      // A worker from the script's own URL: no blob: in the page's worker-src.
      workerBlobURL: false,
      cacheMethod: this.#options.cacheMethod ?? 'write',
      gzip: true,
      logger: (m) => { this.#report(m); },
      errorHandler: (e: unknown) => { failStart(e); },
    }) as Promise<EngineWorker>;
    // Tesseract's default page segmentation (one block) is kept: it reads a form's rows whole, a
    // label with its value, where automatic segmentation puts a column of labels in a block apart.
    let worker: EngineWorker;
    try {
      worker = await Promise.race([created, startFailed]);
    } finally {
      clearTimeout(stall);
      this.#starting = undefined;
    }
    // A worker that dies (out of memory, a fault in the core) fires 'error' and answers nothing more.
    worker.worker?.addEventListener('error', (e) => {
      e.preventDefault();
      this.#abort?.('ocr-crashed');
      void this.#drop();
    });
    return worker;
  }

  #report(m: Tesseract.LoggerMessage): void {
    const step = START_STEPS.indexOf(m.status);
    if (step >= 0) this.#starting?.();
    if (step >= 0) this.#onProgress?.({ stage: 'starting', progress: (step + m.progress) / START_STEPS.length });
    else if (m.status === 'recognizing text') this.#onProgress?.({ stage: 'reading', progress: m.progress });
  }

  async #drop(): Promise<void> {
    const worker = this.#worker;
    this.#worker = undefined;
    if (!worker) return;
    try {
      await (await worker).terminate();
    } catch {
      // It never started, or is gone already.
    }
  }
}

/** Words by line from tesseract's blocks → paragraphs → lines, empty words left out. */
export function linesOf(blocks: readonly Tesseract.Block[] | null): OcrWord[][] {
  const lines: OcrWord[][] = [];
  for (const block of blocks ?? []) {
    for (const paragraph of block.paragraphs) {
      for (const line of paragraph.lines) {
        const words = line.words
          .filter((w) => w.text.trim() !== '')
          .map((w) => ({ text: w.text, bbox: { x0: w.bbox.x0, y0: w.bbox.y0, x1: w.bbox.x1, y1: w.bbox.y1 } }));
        if (words.length > 0) lines.push(words);
      }
    }
  }
  return lines;
}

/** The page as a binary greyscale PGM (P5): what tesseract reads anyway, at a quarter of the bytes. */
export function greyscalePgm(page: HTMLCanvasElement | OffscreenCanvas): Uint8Array {
  const { width, height } = page;
  const context = page.getContext('2d', { willReadFrequently: true });
  if (!context) throw new Error('no 2d context');
  const rgba = context.getImageData(0, 0, width, height).data;
  const header = new TextEncoder().encode(`P5\n${String(width)} ${String(height)}\n255\n`);
  const out = new Uint8Array(header.length + width * height);
  out.set(header);
  for (let i = 0, o = header.length; i < rgba.length; i += 4, o++) {
    // ITU-R BT.601 luma, in integers (every index is in range: the array is width × height × 4).
    out[o] = ((rgba[i] ?? 0) * 77 + (rgba[i + 1] ?? 0) * 150 + (rgba[i + 2] ?? 0) * 29) >> 8;
  }
  return out;
}
