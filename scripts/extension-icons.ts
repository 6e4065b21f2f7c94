// Draws the extension's toolbar icons (a white speech bubble with a cross on the region's blue)
// as PNGs in extension/src/icons/. Run once after changing the drawing: `tsx scripts/extension-icons.ts`.
import { writeFileSync } from 'node:fs';
import { deflateSync } from 'node:zlib';

const BLUE: [number, number, number, number] = [11, 92, 173, 255];

function crc32(bytes: Buffer): number {
  let c = ~0;
  for (const b of bytes) {
    c ^= b;
    for (let k = 0; k < 8; k++) c = (c >>> 1) ^ (0xedb88320 & -(c & 1));
  }
  return ~c >>> 0;
}

function chunk(type: string, data: Buffer): Buffer {
  const head = Buffer.alloc(8);
  head.writeUInt32BE(data.length, 0);
  head.write(type, 4, 'ascii');
  const crc = Buffer.alloc(4);
  crc.writeUInt32BE(crc32(Buffer.concat([head.subarray(4), data])));
  return Buffer.concat([head, data, crc]);
}

/** RGBA of the pixel at (x, y) in a unit square: rounded square, white bubble, blue cross. */
function pixel(x: number, y: number): [number, number, number, number] {
  const r = 0.2;
  const dx = Math.max(r - x, x - (1 - r), 0);
  const dy = Math.max(r - y, y - (1 - r), 0);
  if (dx * dx + dy * dy > r * r) return [0, 0, 0, 0];
  const bubble = ((x - 0.5) ** 2) / 0.12 + ((y - 0.45) ** 2) / 0.085 <= 1 || (x > 0.28 && x < 0.42 && y > 0.6 && y < 0.8 && y - 0.6 < (0.42 - x) * 1.4);
  const cross = (Math.abs(x - 0.5) < 0.06 && Math.abs(y - 0.45) < 0.18) || (Math.abs(y - 0.45) < 0.06 && Math.abs(x - 0.5) < 0.18);
  if (bubble && !cross) return [255, 255, 255, 255];
  return BLUE;
}

function png(size: number): Buffer {
  const raw = Buffer.alloc((size * 4 + 1) * size);
  const samples = 4;
  for (let y = 0; y < size; y++) {
    raw[y * (size * 4 + 1)] = 0;
    for (let x = 0; x < size; x++) {
      let [r, g, b, a] = [0, 0, 0, 0];
      for (let sy = 0; sy < samples; sy++) for (let sx = 0; sx < samples; sx++) {
        const [pr, pg, pb, pa] = pixel((x + (sx + 0.5) / samples) / size, (y + (sy + 0.5) / samples) / size);
        // Colour weighted by coverage, so edges blend into transparency without a dark fringe.
        r += pr * pa / 255;
        g += pg * pa / 255;
        b += pb * pa / 255;
        a += pa;
      }
      const n = samples * samples;
      const at = y * (size * 4 + 1) + 1 + x * 4;
      const alpha = a / n;
      raw.set(alpha === 0 ? [0, 0, 0, 0] : [r, g, b].map((c) => Math.round((c / n) * 255 / alpha)).concat(Math.round(alpha)), at);
    }
  }
  const ihdr = Buffer.alloc(13);
  ihdr.writeUInt32BE(size, 0);
  ihdr.writeUInt32BE(size, 4);
  ihdr.set([8, 6, 0, 0, 0], 8);
  return Buffer.concat([Buffer.from([137, 80, 78, 71, 13, 10, 26, 10]), chunk('IHDR', ihdr), chunk('IDAT', deflateSync(raw)), chunk('IEND', Buffer.alloc(0))]);
}

for (const size of [16, 32, 48, 128]) writeFileSync(`extension/src/icons/icon-${size}.png`, png(size));
console.log('Wrote extension/src/icons/icon-{16,32,48,128}.png');
