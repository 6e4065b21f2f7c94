/**
 * Covering a page: boxes filled opaque into a canvas's own pixels, so that what lies under them is
 * gone from the copy, not hidden behind an overlay. Edges are rounded outwards to whole pixels: no
 * half-covered pixel keeps a blend of what was under it.
 */

export interface Rect {
  readonly x: number;
  readonly y: number;
  readonly width: number;
  readonly height: number;
}

/** The colour of a covered area. */
export const COVER = '#000';

/** `rect` grown to whole pixels and clipped to a `width` × `height` page; undefined if nothing is left. */
export function pixelRect(rect: Rect, width: number, height: number): Rect | undefined {
  const x0 = Math.max(0, Math.floor(rect.x));
  const y0 = Math.max(0, Math.floor(rect.y));
  const x1 = Math.min(width, Math.ceil(rect.x + rect.width));
  const y1 = Math.min(height, Math.ceil(rect.y + rect.height));
  return x1 > x0 && y1 > y0 ? { x: x0, y: y0, width: x1 - x0, height: y1 - y0 } : undefined;
}

/** Fills every rect opaque on `context` (drawn in page pixels, no transform). */
export function cover(context: CanvasRenderingContext2D, rects: readonly Rect[], width: number, height: number): void {
  context.save();
  context.setTransform(1, 0, 0, 1, 0, 0);
  context.globalAlpha = 1;
  context.globalCompositeOperation = 'source-over';
  context.fillStyle = COVER;
  for (const rect of rects) {
    const r = pixelRect(rect, width, height);
    if (r) context.fillRect(r.x, r.y, r.width, r.height);
  }
  context.restore();
}

/** A new canvas: `page` with every rect covered in its pixels. `page` itself is left as it was. */
export function redactedCopy(page: HTMLCanvasElement, rects: readonly Rect[]): HTMLCanvasElement {
  const copy = document.createElement('canvas');
  copy.width = page.width;
  copy.height = page.height;
  const context = copy.getContext('2d');
  if (!context) throw new Error('no 2d context');
  context.drawImage(page, 0, 0);
  cover(context, rects, copy.width, copy.height);
  return copy;
}
