import { jpegSize } from '../core/pdf-image.js';

/**
 * What a scanned file is and how many pixels it holds, read from its first bytes: decided by
 * content, never by name or MIME type, and before anything is decoded, so that a small file that
 * would decode to gigabytes (a "decompression bomb") is refused up front. Pure, runs in Node.
 */

export type ScanKind = 'png' | 'jpeg' | 'pdf';

/** PNG, JPEG or PDF by their signatures; a PDF's `%PDF-` may follow up to 1 KiB of junk. */
export function sniffKind(bytes: Uint8Array): ScanKind | undefined {
  const png = [0x89, 0x50, 0x4e, 0x47, 0x0d, 0x0a, 0x1a, 0x0a];
  if (png.every((b, i) => bytes[i] === b)) return 'png';
  if (bytes[0] === 0xff && bytes[1] === 0xd8 && bytes[2] === 0xff) return 'jpeg';
  const head = new TextDecoder('latin1').decode(bytes.subarray(0, 1024));
  if (head.includes('%PDF-')) return 'pdf';
  return undefined;
}

export interface PixelSize {
  readonly width: number;
  readonly height: number;
}

/** Width and height from a PNG's IHDR or a JPEG's start-of-frame; undefined when not found. */
export function imageSize(bytes: Uint8Array, kind: 'png' | 'jpeg'): PixelSize | undefined {
  if (kind === 'jpeg') {
    const size = jpegSize(bytes);
    return size && { width: size.width, height: size.height };
  }
  // Signature (8), chunk length (4), 'IHDR' (4), then width and height.
  if (bytes.length < 24 || String.fromCharCode(...bytes.subarray(12, 16)) !== 'IHDR') return undefined;
  const view = new DataView(bytes.buffer, bytes.byteOffset, bytes.byteLength);
  return { width: view.getUint32(16), height: view.getUint32(20) };
}
