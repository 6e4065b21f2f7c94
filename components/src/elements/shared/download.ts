import { imagePdf } from '../../core/index.js';

/** Offers `blob` as a download named `filename`, from inside `host`'s shadow root (works in any embedding page). */
export function download(host: Element, blob: Blob, filename: string): void {
  const url = URL.createObjectURL(blob);
  const a = document.createElement('a');
  a.href = url;
  a.download = filename;
  (host.shadowRoot ?? host).append(a);
  a.click();
  a.remove();
  // Some browsers read the blob after click() returns.
  setTimeout(() => {
    URL.revokeObjectURL(url);
  }, 10_000);
}

function toBlob(canvas: HTMLCanvasElement, type: string, quality?: number): Promise<Blob> {
  return new Promise((resolve, reject) => {
    canvas.toBlob((blob) => {
      if (blob) resolve(blob);
      else reject(new Error('the picture could not be encoded'));
    }, type, quality);
  });
}

/** The canvas as PNG. */
export const canvasPng = (canvas: HTMLCanvasElement): Promise<Blob> => toBlob(canvas, 'image/png');

/** The canvas as a one-page A4 PDF (the picture as JPEG inside). */
export async function canvasPdf(canvas: HTMLCanvasElement, title: string): Promise<Blob> {
  const jpeg = new Uint8Array(await (await toBlob(canvas, 'image/jpeg', 0.92)).arrayBuffer());
  return new Blob([imagePdf(jpeg, { title })], { type: 'application/pdf' });
}
