import type * as PdfJs from 'pdfjs-dist';
import { imageSize, sniffKind } from './image-header.js';

/**
 * A picked file (a scanned star profile: PNG, JPEG or PDF) turned into one page on a canvas. A
 * PDF's first page is rendered by pdf.js, loaded only when a PDF is opened, with its worker and
 * decoders from the project's own served folder. Every failure is a code; nothing here throws at
 * the caller, and nothing is logged (a scan is personal data).
 */

/** A scanner's PDF or photo of one page is far below this; anything larger is refused unread. */
export const MAX_FILE_BYTES = 20 * 1024 * 1024;
/** Pixels in the file's own image: a 48-megapixel phone photo passes, a decompression bomb does not. */
export const MAX_IMAGE_PIXELS = 50_000_000;
/** A PDF page is rendered at this resolution: what OCR reads best. */
export const PDF_DPI = 300;
/**
 * The page's longest side after reading, in pixels (A4 at 300 dpi): a larger photo or page is
 * scaled down to it, so OCR time, memory and the shared picture stay bounded.
 */
export const MAX_PAGE_SIDE = 3508;

export type ScanErrorCode = 'too-large' | 'too-many-pixels' | 'unsupported' | 'unreadable' | 'pdf-no-pages' | 'pdf-password';

export interface ScanError {
  readonly code: ScanErrorCode;
  /** For 'too-large': the limit in megabytes; for 'too-many-pixels': in megapixels. */
  readonly limit?: number;
}

export type ScanOutcome =
  | { readonly ok: true; readonly canvas: HTMLCanvasElement; readonly kind: 'png' | 'jpeg' | 'pdf' }
  | { readonly ok: false; readonly error: ScanError };

export interface ScanOptions {
  /** The folder the OCR and PDF assets are served from (dist/ocr/ of the build). */
  readonly assetsUrl: string | URL;
}

const fail = (code: ScanErrorCode, limit?: number): ScanOutcome => ({ ok: false, error: limit === undefined ? { code } : { code, limit } });

/** Reads `file` into a canvas of at most MAX_PAGE_SIDE on its longest side. */
export async function readScan(file: Blob, options: ScanOptions): Promise<ScanOutcome> {
  if (file.size > MAX_FILE_BYTES) return fail('too-large', MAX_FILE_BYTES / (1024 * 1024));
  if (file.size === 0) return fail('unreadable');
  let bytes: Uint8Array;
  try {
    bytes = new Uint8Array(await file.arrayBuffer());
  } catch {
    // The file went away or cannot be read (a picked file deleted since).
    return fail('unreadable');
  }
  const kind = sniffKind(bytes);
  if (!kind) return fail('unsupported');
  return kind === 'pdf' ? readPdf(bytes, options) : readImage(file, bytes, kind);
}

async function readImage(file: Blob, bytes: Uint8Array, kind: 'png' | 'jpeg'): Promise<ScanOutcome> {
  const size = imageSize(bytes, kind);
  if (!size || size.width === 0 || size.height === 0) return fail('unreadable');
  if (size.width * size.height > MAX_IMAGE_PIXELS) return fail('too-many-pixels', MAX_IMAGE_PIXELS / 1e6);
  let bitmap: ImageBitmap;
  try {
    // Turned as the camera's orientation tag says.
    bitmap = await createImageBitmap(file, { imageOrientation: 'from-image' });
  } catch {
    return fail('unreadable');
  }
  try {
    return { ok: true, canvas: pageCanvas(bitmap, bitmap.width, bitmap.height), kind };
  } finally {
    bitmap.close();
  }
}

/** A white page of at most MAX_PAGE_SIDE with `source` drawn on it, scaled down if larger. */
function pageCanvas(source: CanvasImageSource, width: number, height: number): HTMLCanvasElement {
  const scale = Math.min(1, MAX_PAGE_SIDE / Math.max(width, height));
  const canvas = document.createElement('canvas');
  canvas.width = Math.max(1, Math.round(width * scale));
  canvas.height = Math.max(1, Math.round(height * scale));
  const context = canvas.getContext('2d', { willReadFrequently: true });
  if (!context) throw new Error('no 2d context');
  // A transparent PNG reads as black text on white, not on black.
  context.fillStyle = '#fff';
  context.fillRect(0, 0, canvas.width, canvas.height);
  context.imageSmoothingQuality = 'high';
  context.drawImage(source, 0, 0, canvas.width, canvas.height);
  return canvas;
}

async function readPdf(bytes: Uint8Array, options: ScanOptions): Promise<ScanOutcome> {
  let pdfjs: typeof PdfJs;
  try {
    pdfjs = await import('pdfjs-dist');
  } catch {
    return fail('unreadable');
  }
  const base = new URL(options.assetsUrl, document.baseURI);
  pdfjs.GlobalWorkerOptions.workerSrc = new URL('pdfjs/pdf.worker.min.mjs', base).href;
  const task = pdfjs.getDocument({
    data: bytes,
    // No eval (the page's CSP has none): fonts and functions are interpreted instead.
    isEvalSupported: false,
    wasmUrl: new URL('pdfjs/wasm/', base).href,
    // An image inside the PDF is bounded like a picked image.
    maxImageSize: MAX_IMAGE_PIXELS,
    enableXfa: false,
    verbosity: pdfjs.VerbosityLevel.ERRORS,
  });
  try {
    const pdf = await task.promise;
    if (pdf.numPages < 1) return fail('pdf-no-pages');
    const page = await pdf.getPage(1);
    const unscaled = page.getViewport({ scale: 1 });
    const scale = Math.min(PDF_DPI / 72, MAX_PAGE_SIDE / Math.max(unscaled.width, unscaled.height));
    const viewport = page.getViewport({ scale });
    const canvas = document.createElement('canvas');
    canvas.width = Math.max(1, Math.round(viewport.width));
    canvas.height = Math.max(1, Math.round(viewport.height));
    // 'print': form fields filled in show on the page, as on paper, so they are read and covered too.
    await page.render({ canvas, viewport, intent: 'print', annotationMode: pdfjs.AnnotationMode.ENABLE_STORAGE }).promise;
    return { ok: true, canvas, kind: 'pdf' };
  } catch (e) {
    const name = (e as { name?: unknown } | null)?.name;
    if (name === 'PasswordException') return fail('pdf-password');
    return fail('unreadable');
  } finally {
    // Ends pdf.js's worker too.
    await task.destroy().catch(() => undefined);
  }
}
