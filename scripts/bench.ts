// `npm run bench`: one JSON line per figure, { name, value, unit, runs, floor?, ratio? }.
// `floor` is the same work done by the bare underlying technique in the same run, so the ratio
// stays meaningful on a noisy machine. Benchmarks are never tests: nothing here fails on time.
import { build } from 'esbuild';
import { mkdtemp, readFile, readdir, rm } from 'node:fs/promises';
import { gzipSync } from 'node:zlib';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import type * as Core from '../components/src/core/index.js';
import { newToken } from '../components/src/core/index.js';
import type * as Bundle from '../components/src/index.js';
import type * as Store from '../components/src/store/index.js';
import { startDemoServer } from '../demo/server/server.js';
import type { Page } from 'puppeteer-core';
import { launchChromium, preparePage } from './browser.js';
import { benchSignalling } from './bench-signalling.js';

interface Figure {
  name: string;
  value: number;
  unit: string;
  runs: number;
  floor?: number;
  ratio?: number;
}

const median = (xs: number[]): number => {
  const s = [...xs].sort((a, b) => a - b);
  const mid = Math.floor(s.length / 2);
  return s.length % 2 ? (s[mid] ?? 0) : ((s[mid - 1] ?? 0) + (s[mid] ?? 0)) / 2;
};
const round = (x: number): number => Math.round(x * 100) / 100;

function emit(figure: Figure): void {
  console.log(JSON.stringify(figure));
}

/**
 * calendar-week-2000: 2,000 bookings in the store (500 a week over four weeks); the week view's
 * time from element connected to bookings rendered, against reading the same week from the store.
 */
async function calendarWeek(): Promise<void> {
  const dir = await mkdtemp(join(tmpdir(), 'dh-bench-'));
  const server = await startDemoServer({ port: 0, dataDir: dir });
  const chromium = await launchChromium();
  try {
    const page = await preparePage(await chromium.browser.newPage());
    await page.goto(`${server.url}/blank.html`);
    const runs = 15;
    const result = await page.evaluate(async (runs: number) => {
      // Served by the demo server from dist/: the built bundles, as a host page gets them.
      const url = (path: string): string => path;
      const [{ LocalStore }, core, bundle] = (await Promise.all([
        import(url('/dist/store.js')), import(url('/dist/core.js')), import(url('/dist/digitala-halsosamtal.js')),
      ])) as [typeof Store, typeof Core, typeof Bundle];
      const dbName = `dh-bench-${String(Date.now())}`;
      bundle.configure({ dbName, clinics: [{ id: 'bench', name: 'Vårdcentralen Mätning' }] });
      const store = await LocalStore.open({ name: dbName });
      const monday = { year: 2027, month: 3, day: 1 };
      for (let i = 0; i < 2000; i++) {
        const week = Math.floor(i / 500);
        const day = core.addDays(monday, week * 7 + (i % 5));
        const start = core.swedishInstant(day, 8 * 60 + ((i * 7) % 96) * 5);
        await store.bookings.create(core.newBooking({
          clinicId: 'bench',
          participant: { personnummer: '19121212-1212', givenName: 'Tolvan', familyName: `Testsson ${String(i)}`, mobile: '+46701234567' },
          reason: 'Hälsosamtal 50 år', start, durationMinutes: 45, language: 'sv',
        }));
      }
      const { from, to } = core.calendarRange('week', core.addDays(monday, 7));
      const render: number[] = [];
      const floor: number[] = [];
      let shown = 0;
      for (let r = 0; r < runs + 2; r++) {
        const t0 = performance.now();
        const read = await store.bookings.list({ clinicId: 'bench', from, to });
        const t1 = performance.now();
        const el = document.createElement('dh-calendar');
        el.setAttribute('clinic', 'bench');
        el.setAttribute('date', '2027-03-10');
        const t2 = performance.now();
        document.body.append(el);
        await el.whenLoaded();
        const t3 = performance.now();
        shown = el.shadowRoot?.querySelectorAll('button.booking').length ?? 0;
        el.remove();
        if (read.length !== 500) throw new Error(`expected 500 bookings in the week, read ${String(read.length)}`);
        // The first two runs warm up the JIT and open the database.
        if (r >= 2) {
          floor.push(t1 - t0);
          render.push(t3 - t2);
        }
      }
      store.close();
      return { render, floor, shown };
    }, runs);
    if (result.shown !== 500) throw new Error(`the week view showed ${String(result.shown)} bookings, not 500`);
    const value = median(result.render);
    const floor = median(result.floor);
    emit({ name: 'calendar-week-2000', value: round(value), unit: 'ms', runs, floor: round(floor), ratio: round(value / floor) });
    emit({ name: 'calendar-week-2000-max', value: round(Math.max(...result.render)), unit: 'ms', runs });
  } finally {
    await chromium.close();
    await server.close();
    await rm(dir, { recursive: true, force: true });
  }
}

/**
 * call-setup: from the nurse's "Starta besök" to the first decoded remote video frame on both
 * sides (the later of the two), nurse and patient in two browser contexts; the floor is a bare
 * PeerJS call between the same two pages.
 */
async function callSetup(): Promise<void> {
  await build({
    entryPoints: ['scripts/bench-call-page.ts'], bundle: true, format: 'esm', target: 'es2022',
    outfile: 'dist/bench/call-page.js', logLevel: 'warning', tsconfig: 'tsconfig.json',
  });
  const dir = await mkdtemp(join(tmpdir(), 'dh-bench-call-'));
  const server = await startDemoServer({ port: 0, dataDir: dir });
  const chromium = await launchChromium();
  try {
    const nurse = await preparePage(await (await chromium.browser.createBrowserContext()).newPage());
    const patient = await preparePage(await (await chromium.browser.createBrowserContext()).newPage());
    for (const page of [nurse, patient]) {
      await page.goto(`${server.url}/blank.html`);
      await page.addScriptTag({ url: '/dist/bench/call-page.js', type: 'module' });
      await page.waitForFunction(() => 'bench' in window);
    }
    const runs = 12;
    const ours: number[] = [];
    const bare: number[] = [];
    for (let r = 0; r < runs + 1; r++) {
      const token = newToken();
      await nurse.evaluate((t) => window.bench.openHost(t), token);
      await patient.evaluate((t) => window.bench.joinGuest(t), token);
      await nurse.evaluate(() => window.bench.waitForKnock());
      const [atNurse, atPatient] = await Promise.all([
        nurse.evaluate(() => window.bench.admit()),
        patient.evaluate(() => window.bench.guestFrame()),
      ]);
      await nurse.evaluate(() => { window.bench.end(); });
      await patient.evaluate(() => { window.bench.end(); });

      const id = `bench-${newToken().replace(/[^A-Za-z0-9]/g, '')}`;
      await nurse.evaluate((i) => window.bench.bare.open(i), id);
      const patientId = await patient.evaluate(() => window.bench.bare.open());
      await patient.evaluate(() => window.bench.bare.answerNext());
      const [bareNurse, barePatient] = await Promise.all([
        nurse.evaluate((p) => window.bench.bare.call(p), patientId),
        patient.evaluate(() => window.bench.guestFrame()),
      ]);
      await nurse.evaluate(() => { window.bench.bare.close(); });
      await patient.evaluate(() => { window.bench.bare.close(); });
      if (r === 0) continue; // warm-up
      ours.push(Math.max(atNurse.frame, atPatient) - atNurse.clicked);
      bare.push(Math.max(bareNurse.frame, barePatient) - bareNurse.clicked);
    }
    const value = median(ours);
    const floor = median(bare);
    emit({ name: 'call-setup', value: round(value), unit: 'ms', runs, floor: round(floor), ratio: round(value / floor) });
    emit({ name: 'call-setup-max', value: round(Math.max(...ours)), unit: 'ms', runs, floor: round(Math.max(...bare)), ratio: round(Math.max(...ours) / Math.max(...bare)) });
  } finally {
    await chromium.close();
    await server.close();
    await rm(dir, { recursive: true, force: true });
  }
}

/**
 * patient-bundle-gzip: what a patient's browser downloads to show the join page (bundle + polyfill
 * loader); patient-call-chunk-gzip: the call's element, fetched while the patient waits.
 */
async function patientBundle(): Promise<void> {
  let bytes = 0;
  for (const f of ['dist/digitala-halsosamtal-patient.js', 'dist/vendor/webcomponentsjs/webcomponents-loader.js']) bytes += gzipSync(await readFile(f), { level: 9 }).length;
  emit({ name: 'patient-bundle-gzip', value: bytes, unit: 'bytes', runs: 1 });
  const call = (await readdir('dist/patient')).find((f) => /^call-[\w-]+\.js$/.test(f));
  if (call) emit({ name: 'patient-call-chunk-gzip', value: gzipSync(await readFile(join('dist/patient', call)), { level: 9 }).length, unit: 'bytes', runs: 1 });
  // A language beyond Swedish and English is fetched when the patient chooses it: the largest one.
  // The star profile form is fetched when the patient opens it.
  const files = await readdir('dist/patient');
  let largest = 0;
  for (const f of files.filter((name) => /^(ar|fa|fi|so|ti)-.*\.js$/.test(name))) {
    largest = Math.max(largest, gzipSync(await readFile(join('dist/patient', f)), { level: 9 }).length);
  }
  const form = files.find((name) => /^star-profile-.*\.js$/.test(name));
  if (form) emit({ name: 'patient-star-profile-gzip', value: gzipSync(await readFile(join('dist/patient', form)), { level: 9 }).length, unit: 'bytes', runs: 1 });
  emit({ name: 'patient-language-gzip', value: largest, unit: 'bytes', runs: 1 });
}

/**
 * redact-a4-first / redact-a4-warm: a generated degraded A4 star profile at 300 dpi (rotated 1.5°,
 * grain, JPEG at 0.65) picked in dh-share on the nurse's intranet page, under its CSP, until the
 * covered page is ready for review (dh-redaction-ready): file read, OCR, boxes, drawing. The floor is
 * bare tesseract.js `recognize` of the same JPEG with the same served worker, core and models.
 * 'first' starts everything in a fresh browser context (lazy chunk, worker, models: nothing cached);
 * 'warm' reads the page again with the worker running.
 */
async function redactA4(): Promise<void> {
  await build({
    entryPoints: ['scripts/bench-ocr-page.ts'], bundle: true, format: 'esm', target: 'es2022',
    outfile: 'dist/bench/ocr-page.js', logLevel: 'warning', tsconfig: 'tsconfig.json',
  });
  const dir = await mkdtemp(join(tmpdir(), 'dh-bench-ocr-'));
  const server = await startDemoServer({ port: 0, dataDir: dir });
  const chromium = await launchChromium();
  const open = async (): Promise<{ page: Page; close(): Promise<void> }> => {
    const context = await chromium.browser.createBrowserContext();
    const page = await preparePage(await context.newPage());
    await page.goto(`${server.url}/`, { waitUntil: 'networkidle0' });
    await page.addScriptTag({ url: '/dist/bench/ocr-page.js', type: 'module' });
    await page.waitForFunction(() => 'benchOcr' in window);
    await page.evaluate(() => window.benchOcr.makePage(7));
    return { page, close: () => context.close() };
  };
  try {
    // First: each in a browser context of its own, ours and bare taking turns.
    const firstRuns = 3;
    const first: number[] = [];
    const firstBare: number[] = [];
    for (let r = 0; r < firstRuns; r++) {
      const a = await open();
      first.push((await a.page.evaluate(() => window.benchOcr.ours())).ms);
      await a.close();
      const b = await open();
      firstBare.push((await b.page.evaluate(() => window.benchOcr.bare(true))).ms);
      await b.close();
    }
    // Warm: one page, both workers started, ours and bare taking turns.
    const warmRuns = 7;
    const warm: number[] = [];
    const warmBare: number[] = [];
    const w = await open();
    let boxes = 0;
    await w.page.evaluate(() => window.benchOcr.ours());
    await w.page.evaluate(() => window.benchOcr.bare(false));
    for (let r = 0; r < warmRuns; r++) {
      const ours = await w.page.evaluate(() => window.benchOcr.ours());
      boxes = ours.boxes;
      warm.push(ours.ms);
      warmBare.push((await w.page.evaluate(() => window.benchOcr.bare(false))).ms);
    }
    await w.close();
    if (boxes === 0) throw new Error('the page was read with no box: the benchmark did no redaction');
    for (const [name, runs, value, floor] of [['redact-a4-first', firstRuns, median(first), median(firstBare)], ['redact-a4-warm', warmRuns, median(warm), median(warmBare)]] as const) {
      emit({ name, value: round(value), unit: 'ms', runs, floor: round(floor), ratio: round(value / floor) });
    }
  } finally {
    await chromium.close();
    await server.close();
    await rm(dir, { recursive: true, force: true });
  }
}

/**
 * ocr-chunk-gzip: what the nurse's browser fetches as code when she opens her first scan — the
 * chunks behind the share element's lazy import (our reading code, tesseract.js's page side, and
 * pdf.js, fetched for a PDF only). The initial bundles (nurse and patient, with their static chunks) must hold
 * none of it. The worker, core and models under dist/ocr/ are data fetched beside it, not counted.
 */
async function ocrChunk(): Promise<void> {
  const read = async (file: string): Promise<string> => readFile(join('dist', file), 'utf8');
  const imports = (code: string, dynamic: boolean): string[] =>
    [...code.matchAll(dynamic ? /\bimport\(\s*["'](\.\.?\/[^"']+)["']\s*\)/g : /(?:\bfrom|\bimport)\s*["'](\.\.?\/[^"']+)["']/g)].map((m) => m[1] ?? '');
  /** Files reachable from `entries` (paths under dist/), by static imports, and by dynamic ones too if asked. */
  const closure = async (entries: string[], dynamic: boolean): Promise<Set<string>> => {
    const seen = new Set<string>();
    const queue = [...entries];
    for (let file = queue.shift(); file !== undefined; file = queue.shift()) {
      if (seen.has(file)) continue;
      seen.add(file);
      const code = await read(file);
      for (const spec of [...imports(code, false), ...(dynamic ? imports(code, true) : [])]) {
        queue.push(join(file, '..', spec).replace(/^dist\//, ''));
      }
    }
    return seen;
  };
  const initialEntries = ['digitala-halsosamtal.js', 'digitala-halsosamtal-patient.js'];
  const initial = await closure(initialEntries, false);
  const markers = [/tesseract-core|createWorker/, /GlobalWorkerOptions|pdf\.worker/];
  for (const file of initial) {
    const code = await read(file);
    if (markers.some((m) => m.test(code))) throw new Error(`${file} is loaded with the page but holds OCR or PDF code`);
  }
  // The page's lazy imports (languages, the star profile, …): those whose chunks hold OCR or PDF code.
  const lazyTargets = new Set<string>();
  for (const file of initial) {
    for (const spec of imports(await read(file), true)) lazyTargets.add(join(file, '..', spec).replace(/^dist\//, ''));
  }
  const ocrChunks = new Set<string>();
  for (const target of lazyTargets) {
    const reached = [...await closure([target], true)].filter((f) => !initial.has(f));
    const codes = await Promise.all(reached.map(read));
    if (codes.some((code) => markers.some((m) => m.test(code)))) for (const f of reached) ocrChunks.add(f);
  }
  let bytes = 0;
  const found = markers.map(() => false);
  for (const file of ocrChunks) {
    const code = await read(file);
    markers.forEach((m, i) => { if (m.test(code)) found[i] = true; });
    bytes += gzipSync(code, { level: 9 }).length;
  }
  if (!found.every(Boolean)) throw new Error('the lazy chunks hold no tesseract.js or no pdf.js: nothing was measured');
  emit({ name: 'ocr-chunk-gzip', value: bytes, unit: 'bytes', runs: 1 });
}

// `npm run bench -- call-setup` runs only the benchmarks named (all of them by default).
const only = process.argv.slice(2);
const benchmarks: [string, () => unknown][] = [
  ['calendar-week', calendarWeek], ['call-setup', callSetup], ['patient-bundle', patientBundle],
  ['redact-a4', redactA4], ['redact-a4-first', redactA4], ['redact-a4-warm', redactA4], ['ocr-chunk-gzip', ocrChunk],
];
// Signalling capacity (slow: about 5 minutes): `npm run bench:signalling` runs it alone.
benchmarks.push(['signalling', () => benchSignalling(emit)]);
// One run per function, however many of its names were given ('redact-a4-first' and '-warm' are measured together).
const done = new Set<() => unknown>();
for (const [name, run] of benchmarks) {
  if ((only.length === 0 || only.includes(name)) && !done.has(run)) {
    done.add(run);
    await run();
  }
}
process.exit(0);
