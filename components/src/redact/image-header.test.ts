import { expect } from 'chai';
import { describe, it } from 'node:test';
import { imageSize, sniffKind } from './image-header.js';

const bytes = (...parts: (number[] | string)[]): Uint8Array =>
  Uint8Array.from(parts.flatMap((p) => (typeof p === 'string' ? Array.from(p, (c) => c.charCodeAt(0)) : p)));
const u32 = (n: number): number[] => [n >>> 24, (n >>> 16) & 0xff, (n >>> 8) & 0xff, n & 0xff];
const u16 = (n: number): number[] => [n >>> 8, n & 0xff];

const PNG_SIGNATURE = [0x89, 0x50, 0x4e, 0x47, 0x0d, 0x0a, 0x1a, 0x0a];
const png = (width: number, height: number): Uint8Array => bytes(PNG_SIGNATURE, u32(13), 'IHDR', u32(width), u32(height), [8, 2, 0, 0, 0]);
/** SOI, an APP0 segment, then a start-of-frame of the given marker. */
const jpeg = (width: number, height: number, sof = 0xc0): Uint8Array =>
  bytes([0xff, 0xd8], [0xff, 0xe0], u16(16), 'JFIF', [0, 1, 1, 0, 0, 1, 0, 1, 0, 0], [0xff, sof], u16(17), [8], u16(height), u16(width), [3]);

describe('sniffKind', () => {
  const cases: [string, Uint8Array, string | undefined][] = [
    ['PNG signature', png(1, 1), 'png'],
    ['JPEG SOI and a marker', jpeg(1, 1), 'jpeg'],
    ['PDF header', bytes('%PDF-1.7\n'), 'pdf'],
    ['PDF header after junk', bytes('\r\n\xef\xbb\xbf  %PDF-1.4'), 'pdf'],
    ['PDF header beyond 1 KiB', bytes(' '.repeat(1100), '%PDF-1.4'), undefined],
    ['text', bytes('Namn: Tolvan'), undefined],
    ['GIF', bytes('GIF89a'), undefined],
    ['empty', bytes(), undefined],
  ];
  for (const [name, input, kind] of cases) {
    it(`${name} → ${String(kind)}`, () => {
      expect(sniffKind(input)).to.equal(kind);
    });
  }
});

describe('imageSize', () => {
  const cases: [string, Uint8Array, 'png' | 'jpeg', { width: number; height: number } | undefined][] = [
    ['PNG', png(2480, 3508), 'png', { width: 2480, height: 3508 }],
    ['PNG claiming 20 000 × 20 000', png(20_000, 20_000), 'png', { width: 20_000, height: 20_000 }],
    ['PNG cut short', png(10, 10).subarray(0, 20), 'png', undefined],
    ['PNG without IHDR first', bytes(PNG_SIGNATURE, u32(13), 'IDAT', u32(1), u32(1)), 'png', undefined],
    ['baseline JPEG', jpeg(3508, 2480), 'jpeg', { width: 3508, height: 2480 }],
    ['progressive JPEG (SOF2)', jpeg(640, 480, 0xc2), 'jpeg', { width: 640, height: 480 }],
    ['JPEG without a frame', bytes([0xff, 0xd8], [0xff, 0xd9]), 'jpeg', undefined],
  ];
  for (const [name, input, kind, size] of cases) {
    it(`${name} → ${JSON.stringify(size)}`, () => {
      expect(imageSize(input, kind)).to.deep.equal(size);
    });
  }
});
