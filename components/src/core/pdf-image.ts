/**
 * A one-page PDF holding one JPEG picture, fitted to an A4 page: enough to send a redacted star
 * profile to the participant (via 1177 or e-mail). Written by hand because that is all it takes —
 * five objects and a cross-reference table — and a PDF library would add a hundred kilobytes for it.
 * Pure: bytes in, bytes out.
 */

/** A4 in PDF points (1/72 inch). */
const A4 = { width: 595.28, height: 841.89 } as const;
const MARGIN = 28;

export interface ImagePdfOptions {
  /** The document's title (shown by PDF readers); plain ASCII or Latin-1 text is kept, anything else replaced. */
  readonly title?: string;
}

/** A PDF literal string: Latin-1 only, with its special characters escaped. */
function pdfString(text: string): string {
  // Anything beyond Latin-1 (one '?' per code point, emoji included) cannot be written as is.
  const latin1 = Array.from(text, (c) => (c.charCodeAt(0) < 256 ? c : '?')).join('');
  return `(${latin1.replace(/[\\()]/g, (c) => `\\${c}`).replace(/[\r\n]/g, ' ')})`;
}

/** The JPEG's pixel size and colour components, from its start-of-frame marker; undefined if it is not a JPEG. */
export function jpegSize(jpeg: Uint8Array): { width: number; height: number; components: number } | undefined {
  if (jpeg[0] !== 0xff || jpeg[1] !== 0xd8) return undefined;
  for (let i = 2; i + 9 < jpeg.length;) {
    if (jpeg[i] !== 0xff) return undefined;
    const marker = jpeg[i + 1] ?? 0;
    const length = ((jpeg[i + 2] ?? 0) << 8) | (jpeg[i + 3] ?? 0);
    // SOF0–SOF15, except DHT (C4), JPG (C8) and DAC (CC).
    if (marker >= 0xc0 && marker <= 0xcf && marker !== 0xc4 && marker !== 0xc8 && marker !== 0xcc) {
      return { height: ((jpeg[i + 5] ?? 0) << 8) | (jpeg[i + 6] ?? 0), width: ((jpeg[i + 7] ?? 0) << 8) | (jpeg[i + 8] ?? 0), components: jpeg[i + 9] ?? 0 };
    }
    i += 2 + length;
  }
  return undefined;
}

/** The PDF bytes; throws for bytes that are not a JPEG (a bug in the caller, not a user's error). */
export function imagePdf(jpeg: Uint8Array, options: ImagePdfOptions = {}): Uint8Array<ArrayBuffer> {
  const size = jpegSize(jpeg);
  const colours = size ? ({ 1: 'DeviceGray', 3: 'DeviceRGB', 4: 'DeviceCMYK' } as Record<number, string | undefined>)[size.components] : undefined;
  if (!size || size.width === 0 || size.height === 0 || !colours) throw new TypeError('not a JPEG picture');
  const scale = Math.min((A4.width - 2 * MARGIN) / size.width, (A4.height - 2 * MARGIN) / size.height);
  const w = size.width * scale;
  const h = size.height * scale;
  const x = (A4.width - w) / 2;
  const y = (A4.height - h) / 2;
  const n = (v: number): string => v.toFixed(2);
  const content = `q ${n(w)} 0 0 ${n(h)} ${n(x)} ${n(y)} cm /Im0 Do Q`;

  // Everything but the picture is Latin-1 text, one byte per character, as PDF wants it.
  const latin1 = (s: string): Uint8Array => Uint8Array.from(s, (c) => c.charCodeAt(0) & 0xff);
  const parts: Uint8Array[] = [];
  const offsets: number[] = [];
  let length = 0;
  const push = (bytes: Uint8Array): void => {
    parts.push(bytes);
    length += bytes.length;
  };
  const text = (s: string): void => {
    push(latin1(s));
  };
  const object = (id: number, body: string, stream?: Uint8Array): void => {
    offsets[id] = length;
    text(`${String(id)} 0 obj\n${body}\n`);
    if (stream) {
      text('stream\n');
      push(stream);
      text('\nendstream\n');
    }
    text('endobj\n');
  };

  // The binary comment tells transfer programs the file is binary.
  text('%PDF-1.4\n%\u00e2\u00e3\u00cf\u00d3\n');
  object(1, '<< /Type /Catalog /Pages 2 0 R >>');
  object(2, '<< /Type /Pages /Kids [3 0 R] /Count 1 >>');
  object(3, `<< /Type /Page /Parent 2 0 R /MediaBox [0 0 ${n(A4.width)} ${n(A4.height)}] /Resources << /XObject << /Im0 4 0 R >> >> /Contents 5 0 R >>`);
  object(4, `<< /Type /XObject /Subtype /Image /Width ${String(size.width)} /Height ${String(size.height)} /ColorSpace /${colours} /BitsPerComponent 8 /Filter /DCTDecode /Length ${String(jpeg.length)} >>`, jpeg);
  object(5, `<< /Length ${String(content.length)} >>`, latin1(content));
  object(6, `<< /Title ${pdfString(options.title ?? '')} /Producer (digitala-halsosamtal) >>`);
  const xref = length;
  text(`xref\n0 7\n0000000000 65535 f \n${offsets.slice(1).map((o) => `${String(o).padStart(10, '0')} 00000 n \n`).join('')}`);
  text(`trailer\n<< /Size 7 /Root 1 0 R /Info 6 0 R >>\nstartxref\n${String(xref)}\n%%EOF\n`);

  const out = new Uint8Array(length);
  let at = 0;
  for (const part of parts) {
    out.set(part, at);
    at += part.length;
  }
  return out;
}
