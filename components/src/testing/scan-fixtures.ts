import { luhnCheckDigit } from '../core/personnummer.js';

/**
 * Scanned star profiles with hidden data, made in the browser: a one-page questionnaire with a
 * radar chart, fictitious personal data beside its labels, health values, then what a copier does
 * to a page (slight rotation, blur, noise, JPEG). Every personal string comes back with where its
 * ink is on the final image, so a test can check that redaction covers it.
 *
 * Everything personal here is invented: Skatteverket-style test personnummer (Luhn-valid, serial
 * 98x), phone numbers from PTS's series for fiction (070-174 06 05 – 070-174 06 99), e-mail at
 * example domains, names and streets put together at random.
 */

export type PersonalKind = 'personnummer' | 'phone' | 'email' | 'name' | 'address';

export interface Point {
  readonly x: number;
  readonly y: number;
}

export interface TruthText {
  readonly kind: PersonalKind | 'label' | 'health' | 'chart' | 'heading';
  readonly text: string;
  /** The ink box of the string on the final image: four corners (rotated rectangle), clockwise. */
  readonly corners: readonly [Point, Point, Point, Point];
  /**
   * For personal strings: every pixel of the final image (its top-left corner) that the string's
   * glyphs cover at least half, before blur and noise. What must end up under the boxes.
   */
  readonly ink?: readonly Point[];
}

export interface ScanFixture {
  /** The page as a scanner's JPEG. */
  readonly blob: Blob;
  readonly width: number;
  readonly height: number;
  readonly dpi: number;
  /** Degrees, clockwise. */
  readonly angle: number;
  /** Every string on the page; `personal` are those of a personal kind. */
  readonly texts: readonly TruthText[];
  readonly personal: readonly TruthText[];
}

export interface ScanOptions {
  /** 200–300 (A4 is 2480 × 3508 px at 300 dpi). */
  readonly dpi?: number;
  /** Rotation in degrees; random within ±3 by default. */
  readonly angle?: number;
  /** JPEG quality, 0–1; random within 0.55–0.8 by default. */
  readonly quality?: number;
  /** Standard deviation of the grain, in 0–255 levels; 14 by default. */
  readonly noise?: number;
}

const PERSONAL: ReadonlySet<string> = new Set(['personnummer', 'phone', 'email', 'name', 'address']);

/** A small seeded generator (mulberry32): the same seed gives the same page. */
export function seeded(seed: number): () => number {
  let a = seed >>> 0;
  return () => {
    a = (a + 0x6d2b79f5) >>> 0;
    let t = a;
    t = Math.imul(t ^ (t >>> 15), t | 1);
    t ^= t + Math.imul(t ^ (t >>> 7), t | 61);
    return ((t ^ (t >>> 14)) >>> 0) / 4294967296;
  };
}

const GIVEN = ['Anna', 'Erik', 'Maria', 'Lars', 'Karin', 'Johan', 'Elin', 'Mikael', 'Sofia', 'Anders', 'Ingrid', 'Björn', 'Åsa', 'Göran', 'Märta', 'Tolvan'];
const FAMILY = ['Lindqvist', 'Bergström', 'Öberg', 'Sandberg', 'Holmgren', 'Nyström', 'Åkesson', 'Fransson', 'Wikström', 'Lundgren', 'Tolvansson', 'Hedlund'];
const STREETS = ['Storgatan', 'Kyrkvägen', 'Björkallén', 'Sjövägen', 'Ringvägen', 'Skolgatan', 'Ängsvägen', 'Bergsgatan'];
const PLACES = ['791 31 Falun', '785 30 Gagnef', '793 30 Leksand', '792 32 Mora', '781 70 Borlänge', '776 30 Hedemora'];
const DOMAINS = ['exempel.se', 'example.com', 'example.org'];
const DOMAINS_OF_LIFE = ['Fysisk aktivitet', 'Matvanor', 'Alkohol', 'Tobak', 'Stress', 'Sömn', 'Socialt stöd'];
const FONTS = ['"Liberation Sans"', '"DejaVu Sans"', '"Liberation Serif"'];

const pick = <T>(rand: () => number, xs: readonly T[]): T => xs[Math.floor(rand() * xs.length)]!;
const digits = (rand: () => number, n: number): string => Array.from({ length: n }, () => String(Math.floor(rand() * 10))).join('');
const ascii = (s: string): string => s.toLowerCase().normalize('NFD').replace(/[\u0300-\u036f]/g, '');

/** A Luhn-valid test personnummer of someone born in 1976, in one of the forms people write. */
function personnummer(rand: () => number): string {
  if (rand() < 0.2) return '19121212-1212';
  const month = String(1 + Math.floor(rand() * 12)).padStart(2, '0');
  const day = String(1 + Math.floor(rand() * 28)).padStart(2, '0');
  const nine = `76${month}${day}98${digits(rand, 1)}`;
  const ten = `${nine}${String(luhnCheckDigit(nine))}`;
  const forms = [`19${ten.slice(0, 6)}-${ten.slice(6)}`, `${ten.slice(0, 6)}-${ten.slice(6)}`, `19${ten}`];
  return pick(rand, forms);
}

/** A number from PTS's series for fiction, 070-174 06 05 to 070-174 06 99, in a common form. */
function phone(rand: () => number): string {
  const last = String(5 + Math.floor(rand() * 95)).padStart(2, '0');
  const forms = [`070-174 06 ${last}`, `070-17406${last}`, `070 174 06 ${last}`, `+46 70 174 06 ${last}`, `07017406${last}`];
  return pick(rand, forms);
}

interface Drawn {
  readonly kind: TruthText['kind'];
  readonly text: string;
  readonly ink?: Point[];
  /** Ink box before rotation. */
  readonly x0: number;
  readonly y0: number;
  readonly x1: number;
  readonly y1: number;
}

/** Draws one star profile, returning the JPEG and the truth. Takes 0.3–1 s at 300 dpi. */
export async function starProfileScan(seed: number, options: ScanOptions = {}): Promise<ScanFixture> {
  const rand = seeded(seed);
  const dpi = options.dpi ?? 300;
  const angle = options.angle ?? (rand() * 6 - 3);
  const quality = options.quality ?? (0.55 + rand() * 0.25);
  const noise = options.noise ?? 14;
  const mm = (v: number): number => (v * dpi) / 25.4;
  const pt = (v: number): number => (v * dpi) / 72;
  const width = Math.round(mm(210));
  const height = Math.round(mm(297));
  const font = pick(rand, FONTS);

  const canvas = document.createElement('canvas');
  canvas.width = width;
  canvas.height = height;
  const ctx = canvas.getContext('2d', { willReadFrequently: true })!;
  ctx.fillStyle = 'rgb(246, 244, 238)';
  ctx.fillRect(0, 0, width, height);
  const cx = width / 2;
  const cy = height / 2;
  const radians = (angle * Math.PI) / 180;
  ctx.translate(cx, cy);
  ctx.rotate(radians);
  ctx.translate(-cx, -cy);
  /** Where a point of the upright page lands on the turned one. */
  const turn = (x: number, y: number): Point => ({
    x: cx + (x - cx) * Math.cos(radians) - (y - cy) * Math.sin(radians),
    y: cy + (x - cx) * Math.sin(radians) + (y - cy) * Math.cos(radians),
  });

  const drawn: Drawn[] = [];
  const ink = 'rgb(28, 28, 30)';
  const text = (kind: Drawn['kind'], value: string, x: number, y: number, size: number, weight = 'normal'): number => {
    ctx.font = `${weight} ${String(pt(size))}px ${font}`;
    ctx.fillStyle = ink;
    ctx.textBaseline = 'alphabetic';
    ctx.fillText(value, x, y);
    const m = ctx.measureText(value);
    const box = { x0: x - m.actualBoundingBoxLeft, y0: y - m.actualBoundingBoxAscent, x1: x + m.actualBoundingBoxRight, y1: y + m.actualBoundingBoxDescent };
    drawn.push({ kind, text: value, ...box, ...(PERSONAL.has(kind) ? { ink: inkOf(value, x, y, box) } : {}) });
    return x + m.width;
  };
  /** The string drawn alone, turned as the page is, on a canvas just its size: its pixels. */
  const inkOf = (value: string, x: number, y: number, box: { x0: number; y0: number; x1: number; y1: number }): Point[] => {
    const corners = [turn(box.x0, box.y0), turn(box.x1, box.y0), turn(box.x1, box.y1), turn(box.x0, box.y1)];
    const left = Math.floor(Math.min(...corners.map((c) => c.x))) - 2;
    const top = Math.floor(Math.min(...corners.map((c) => c.y))) - 2;
    const w = Math.ceil(Math.max(...corners.map((c) => c.x))) + 2 - left;
    const h = Math.ceil(Math.max(...corners.map((c) => c.y))) + 2 - top;
    const alone = document.createElement('canvas');
    alone.width = w;
    alone.height = h;
    const a = alone.getContext('2d', { willReadFrequently: true })!;
    a.translate(-left, -top);
    a.setTransform(a.getTransform().multiply(ctx.getTransform()));
    a.font = ctx.font;
    a.textBaseline = 'alphabetic';
    a.fillText(value, x, y);
    const alpha = a.getImageData(0, 0, w, h).data;
    const points: Point[] = [];
    for (let j = 0; j < h; j++) {
      for (let i = 0; i < w; i++) if (alpha[(j * w + i) * 4 + 3]! >= 128) points.push({ x: left + i, y: top + j });
    }
    return points;
  };

  // Header and title.
  text('heading', 'Region Exempel', mm(20), mm(16), 9);
  text('heading', 'Hälsosamtal 50 år', mm(150), mm(16), 9);
  text('heading', 'Stjärnprofil', mm(20), mm(32), 20, 'bold');
  text('heading', 'Personuppgifter', mm(20), mm(45), 12, 'bold');

  // Personal data beside labels: inline ('Namn: Anna …') or in a column, as forms do.
  const given = pick(rand, GIVEN);
  const family = pick(rand, FAMILY);
  const street = `${pick(rand, STREETS)} ${String(1 + Math.floor(rand() * 60))}${rand() < 0.2 ? ' B' : ''}`;
  const place = pick(rand, PLACES);
  const rows: [string, PersonalKind, string][] = [
    ['Namn:', 'name', `${given} ${family}`],
    [pick(rand, ['Personnr:', 'Personnummer:']), 'personnummer', personnummer(rand)],
    ['Adress:', 'address', `${street}, ${place}`],
    [pick(rand, ['Tel:', 'Mobil:', 'Telefon:']), 'phone', phone(rand)],
    ['E-post:', 'email', `${ascii(given)}.${ascii(family)}${rand() < 0.5 ? digits(rand, 2) : ''}@${pick(rand, DOMAINS)}`],
  ];
  const column = rand() < 0.5;
  rows.forEach(([label, kind, value], i) => {
    const y = mm(54 + i * 8.5);
    const after = text('label', label, mm(20), y, 11);
    text(kind, value, column ? mm(52) : after + pt(11) * 0.35, y, 11);
  });

  // Health values: numbers that look like nothing personal.
  const visit = `2026-${String(1 + Math.floor(rand() * 12)).padStart(2, '0')}-${String(1 + Math.floor(rand() * 28)).padStart(2, '0')}`;
  const decimal = (lo: number, hi: number): string => (lo + rand() * (hi - lo)).toFixed(1).replace('.', ',');
  const values: [string, string][] = [
    ['Datum:', visit],
    ['Blodtryck:', `${String(110 + Math.floor(rand() * 40))}/${String(70 + Math.floor(rand() * 25))} mmHg`],
    ['Kolesterol:', `${decimal(3.5, 7)} mmol/l`],
    ['Glukos (fP):', `${decimal(4.2, 7.5)} mmol/l`],
    ['BMI:', decimal(19, 34)],
    ['Midjemått:', `${String(70 + Math.floor(rand() * 45))} cm`],
  ];
  text('heading', 'Mätvärden', mm(20), mm(108), 12, 'bold');
  values.forEach(([label, value], i) => {
    const y = mm(117 + i * 8);
    text('label', label, mm(20), y, 11);
    text('health', value, mm(62), y, 11);
  });

  // The radar chart: seven domains scored 1–5.
  const chartX = mm(105);
  const chartY = mm(222);
  const radius = mm(45);
  const axes = DOMAINS_OF_LIFE.length;
  const at = (i: number, r: number): [number, number] => {
    const a = -Math.PI / 2 + (i * 2 * Math.PI) / axes;
    return [chartX + Math.cos(a) * r, chartY + Math.sin(a) * r];
  };
  ctx.strokeStyle = 'rgb(120, 120, 120)';
  ctx.lineWidth = Math.max(1, dpi / 150);
  for (let ring = 1; ring <= 5; ring++) {
    ctx.beginPath();
    for (let i = 0; i <= axes; i++) ctx.lineTo(...at(i % axes, (radius * ring) / 5));
    ctx.stroke();
  }
  for (let i = 0; i < axes; i++) {
    ctx.beginPath();
    ctx.moveTo(chartX, chartY);
    ctx.lineTo(...at(i, radius));
    ctx.stroke();
  }
  ctx.beginPath();
  for (let i = 0; i <= axes; i++) ctx.lineTo(...at(i % axes, (radius * (1 + Math.floor(rand() * 5))) / 5));
  ctx.fillStyle = 'rgba(60, 60, 60, 0.25)';
  ctx.fill();
  ctx.strokeStyle = ink;
  ctx.lineWidth = Math.max(2, dpi / 75);
  ctx.stroke();
  DOMAINS_OF_LIFE.forEach((name, i) => {
    const [x, y] = at(i, radius + mm(6));
    ctx.font = `normal ${String(pt(9))}px ${font}`;
    const w = ctx.measureText(name).width;
    text('chart', name, x - w / 2, y + pt(3), 9);
  });
  text('heading', 'Fyll i före besöket och ta med till mottagningen.', mm(20), mm(285), 9);

  // What a scanner adds: a little blur, grain and specks, then JPEG.
  ctx.setTransform(1, 0, 0, 1, 0, 0);
  const scanned = document.createElement('canvas');
  scanned.width = width;
  scanned.height = height;
  const out = scanned.getContext('2d', { willReadFrequently: true })!;
  out.filter = `blur(${String(dpi / 500)}px)`;
  out.drawImage(canvas, 0, 0);
  out.filter = 'none';
  const image = out.getImageData(0, 0, width, height);
  const px = image.data;
  for (let i = 0; i < px.length; i += 4) {
    const grain = (rand() + rand() + rand() - 1.5) * 2 * noise;
    const speck = rand() < 0.0004 ? -140 : 0;
    for (let c = 0; c < 3; c++) px[i + c] = Math.max(0, Math.min(255, px[i + c]! + grain + speck));
  }
  out.putImageData(image, 0, 0);
  const blob = await new Promise<Blob>((resolve, reject) => {
    scanned.toBlob((b) => { if (b) resolve(b); else reject(new Error('toBlob gave nothing')); }, 'image/jpeg', quality);
  });
  canvas.width = 0;
  scanned.width = 0;

  const texts: TruthText[] = drawn.map((d) => ({
    kind: d.kind,
    text: d.text,
    corners: [turn(d.x0, d.y0), turn(d.x1, d.y0), turn(d.x1, d.y1), turn(d.x0, d.y1)],
    ...(d.ink ? { ink: d.ink } : {}),
  }));
  return { blob, width, height, dpi, angle, texts, personal: texts.filter((t) => PERSONAL.has(t.kind)) };
}

/** True when `p` lies inside the convex quadrilateral `q` grown by `margin` pixels. */
export function inQuad(q: TruthText['corners'], p: Point, margin = 0): boolean {
  for (let i = 0; i < 4; i++) {
    const a = q[i]!;
    const b = q[(i + 1) % 4]!;
    const ex = b.x - a.x;
    const ey = b.y - a.y;
    const length = Math.hypot(ex, ey) || 1;
    // Clockwise corners on a y-down page: inside is where the cross product is positive.
    if ((ex * (p.y - a.y) - ey * (p.x - a.x)) / length < -margin) return false;
  }
  return true;
}

/** Points spread over a quadrilateral (a `cols` × `rows` grid, inset from its edges). */
export function samplePoints(q: TruthText['corners'], cols = 16, rows = 5): Point[] {
  const [a, b, , d] = q;
  const points: Point[] = [];
  for (let i = 0; i < cols; i++) {
    for (let j = 0; j < rows; j++) {
      const u = (i + 0.5) / cols;
      const v = (j + 0.5) / rows;
      points.push({ x: a.x + (b.x - a.x) * u + (d.x - a.x) * v, y: a.y + (b.y - a.y) * u + (d.y - a.y) * v });
    }
  }
  return points;
}
