/**
 * Minimal PDFs written by hand for tests: pages that each hold a JPEG filling the page (what a
 * scanner makes) and lines of text in Helvetica (what a form exported from a program makes), or no
 * pages at all.
 */

export interface PdfPage {
  /** Page size in points (1/72 inch); A4 is 595 × 842. */
  readonly width: number;
  readonly height: number;
  /** A JPEG drawn over the whole page. */
  readonly jpeg?: { readonly bytes: Uint8Array; readonly width: number; readonly height: number };
  /** Text lines: baseline position in points from the bottom left, size in points. Latin-1 only. */
  readonly text?: readonly { readonly x: number; readonly y: number; readonly size: number; readonly value: string }[];
}

const latin1 = (s: string): Uint8Array => Uint8Array.from(s, (c) => c.charCodeAt(0) & 0xff);
const pdfString = (s: string): string => `(${s.replace(/[\\()]/g, '\\$&')})`;

export function pdfOf(pages: readonly PdfPage[]): Blob {
  const objects: Uint8Array[][] = [];
  const add = (...parts: (string | Uint8Array)[]): number => {
    objects.push(parts.map((p) => (typeof p === 'string' ? latin1(p) : p)));
    return objects.length;
  };
  // Object numbers are fixed up front: 1 catalogue, 2 page tree, 3 font, then three per page.
  add('<< /Type /Catalog /Pages 2 0 R >>');
  const kids = pages.map((_, i) => `${String(4 + i * 3)} 0 R`).join(' ');
  add(`<< /Type /Pages /Kids [${kids}] /Count ${String(pages.length)} >>`);
  add('<< /Type /Font /Subtype /Type1 /BaseFont /Helvetica /Encoding /WinAnsiEncoding >>');
  pages.forEach((page, i) => {
    const self = 4 + i * 3;
    const image = page.jpeg ? `/XObject << /Im0 ${String(self + 2)} 0 R >>` : '';
    add(`<< /Type /Page /Parent 2 0 R /MediaBox [0 0 ${String(page.width)} ${String(page.height)}] /Resources << /Font << /F1 3 0 R >> ${image} >> /Contents ${String(self + 1)} 0 R >>`);
    let content = page.jpeg ? `q ${String(page.width)} 0 0 ${String(page.height)} 0 0 cm /Im0 Do Q\n` : '';
    for (const line of page.text ?? []) content += `BT /F1 ${String(line.size)} Tf ${String(line.x)} ${String(line.y)} Td ${pdfString(line.value)} Tj ET\n`;
    add(`<< /Length ${String(latin1(content).length)} >>\nstream\n`, content, '\nendstream');
    if (page.jpeg) {
      add(`<< /Type /XObject /Subtype /Image /Width ${String(page.jpeg.width)} /Height ${String(page.jpeg.height)} /ColorSpace /DeviceRGB /BitsPerComponent 8 /Filter /DCTDecode /Length ${String(page.jpeg.bytes.length)} >>\nstream\n`, page.jpeg.bytes, '\nendstream');
    } else {
      add('null');
    }
  });
  const chunks: Uint8Array[] = [latin1('%PDF-1.7\n%\xe2\xe3\xcf\xd3\n')];
  let offset = chunks[0]!.length;
  const offsets: number[] = [];
  objects.forEach((parts, i) => {
    offsets.push(offset);
    for (const part of [latin1(`${String(i + 1)} 0 obj\n`), ...parts, latin1('\nendobj\n')]) {
      chunks.push(part);
      offset += part.length;
    }
  });
  const xref = [`xref\n0 ${String(objects.length + 1)}\n0000000000 65535 f \n`, ...offsets.map((o) => `${String(o).padStart(10, '0')} 00000 n \n`)].join('');
  chunks.push(latin1(`${xref}trailer\n<< /Size ${String(objects.length + 1)} /Root 1 0 R >>\nstartxref\n${String(offset)}\n%%EOF\n`));
  return new Blob(chunks as BlobPart[], { type: 'application/pdf' });
}
