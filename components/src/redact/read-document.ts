import { redactionBoxes, type RedactionBox } from './boxes.js';
import { OcrEngine, type OcrErrorCode, type OcrProgress } from './ocr.js';
import { readScan, type ScanError } from './scan.js';

/**
 * From a picked file to a covered page: read the scan, read its text, box the personal data. The
 * one module the share element loads when a scan is opened; with it come tesseract.js (and pdf.js,
 * only for a PDF), never in the page's first bundle.
 */

export { OcrEngine };

/**
 * The served OCR folder when none is configured: `dist/ocr/`, beside `dist/chunks/` where the
 * build puts this module.
 */
export const DEFAULT_ASSETS_URL = new URL('../ocr/', import.meta.url).href;

export type ReadProgress = { readonly stage: 'opening'; readonly progress: number } | OcrProgress;
export type ReadError = ScanError | { readonly code: OcrErrorCode };

export type ReadOutcome =
  | { readonly ok: true; readonly page: HTMLCanvasElement; readonly boxes: RedactionBox[] }
  | { readonly ok: false; readonly error: ReadError };

export interface ReadOptions {
  readonly assetsUrl: string | URL;
  readonly ocr: OcrEngine;
  readonly onProgress?: (progress: ReadProgress) => void;
}

export async function readDocument(file: Blob, options: ReadOptions): Promise<ReadOutcome> {
  options.onProgress?.({ stage: 'opening', progress: 0 });
  const scan = await readScan(file, { assetsUrl: options.assetsUrl });
  if (!scan.ok) return scan;
  const text = await options.ocr.recognize(scan.canvas, options.onProgress);
  if (!text.ok) return { ok: false, error: { code: text.code } };
  const boxes = redactionBoxes(text.lines, { width: scan.canvas.width, height: scan.canvas.height });
  return { ok: true, page: scan.canvas, boxes };
}
