// Starts Debian's Chromium for scripts and end-to-end tests, with the project's flags.
import { mkdtemp, rm } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import puppeteer, { type Browser, type Page } from 'puppeteer-core';
import { addDays, isoDate, nextOpenDay, swedishDate } from '../components/src/core/index.js';
import { CHROME_PATH, CHROMIUM_ARGS } from './chromium.mjs';

export interface LaunchedBrowser {
  readonly browser: Browser;
  close(): Promise<void>;
}

export async function launchChromium(
  extraArgs: readonly string[] = [],
  options: { denyMedia?: boolean; executablePath?: string; /** Unpacked extensions to load (needs the pipe). */ extensions?: string[] } = {},
): Promise<LaunchedBrowser> {
  const profile = await mkdtemp(join(tmpdir(), 'dh-chromium-'));
  // Without the fake UI flag nobody answers the permission prompt: camera and microphone are denied.
  const args = CHROMIUM_ARGS.filter((a) => !a.startsWith('--headless') && !(options.denyMedia && a === '--use-fake-ui-for-media-stream'));
  const browser = await puppeteer.launch({
    executablePath: options.executablePath ?? CHROME_PATH,
    // A pipe rather than a debugging port: it also works for a browser in another network namespace.
    pipe: true,
    headless: true,
    ...(options.extensions ? { enableExtensions: options.extensions } : {}),
    args: [...args, `--user-data-dir=${profile}`, ...extraArgs],
  });
  return {
    browser,
    async close() {
      await browser.close();
      await rm(profile, { recursive: true, force: true });
    },
  };
}

/**
 * tsx compiles this project's scripts with esbuild's keepNames, which wraps named functions in a
 * `__name` helper; functions handed to page.evaluate carry that call into the page. Define it there.
 */
export async function preparePage(page: Page): Promise<Page> {
  await page.evaluateOnNewDocument('globalThis.__name = (f) => f;');
  return page;
}

/** Collects what a user would never want to see: console errors, CSP violations, uncaught errors. */
export function watchProblems(page: Page): string[] {
  const problems: string[] = [];
  page.on('console', (m) => {
    if (m.type() === 'error') problems.push(`console: ${m.text()}`);
  });
  page.on('pageerror', (e) => problems.push(`page error: ${String(e)}`));
  return problems;
}

/**
 * The next working day from tomorrow on, as 'YYYY-MM-DD': the demo clinics are closed at weekends
 * and on holidays (a clinic with default hours is open on such a day, at least 08–12).
 */
export function nextWorkday(now = new Date()): string {
  const day = nextOpenDay({}, addDays(swedishDate(now), 1));
  if (!day) throw new Error('no working day within a year');
  return isoDate(day);
}

/** Chooses the clinic the nurse works at in the page's `dh-clinic-picker`; the page's elements follow. */
export async function chooseClinic(page: Page, clinic: string): Promise<void> {
  await page.waitForFunction((id: string) => {
    const select = document.querySelector('dh-clinic-picker')?.shadowRoot?.querySelector('select');
    return select && [...select.options].some((o) => o.value === id);
  }, {}, clinic);
  await page.select('dh-clinic-picker >>> select', clinic);
}

/** Fills the invite wizard on the page up to the summary, by its labelled controls. */
export async function fillInvite(page: Page, values: Readonly<Record<string, string>>): Promise<void> {
  const field = (name: string): string => `dh-invite >>> [name="${name}"]`;
  const next = async (): Promise<void> => {
    await page.locator('dh-invite >>> button[type="submit"]').click();
  };
  // The nurse stands on the clinic first, in the page's picker where it has one; the invitation follows.
  if (values.clinic && await page.$('dh-clinic-picker')) await chooseClinic(page, values.clinic);
  // An invitation for a known clinic starts at the participant.
  await page.waitForFunction(() => document.querySelector('dh-invite')?.shadowRoot?.querySelector('[name="clinic"], [name="personnummer"]'));
  if (await page.$(field('clinic'))) {
    await page.select(field('clinic'), values.clinic ?? 'gagnef');
    await next();
  }
  for (const name of ['personnummer', 'givenName', 'familyName', 'mobile']) {
    await page.locator(field(name)).fill(values[name] ?? '');
  }
  await next();
  for (const name of ['reason', 'date', 'time']) await page.locator(field(name)).fill(values[name] ?? '');
  await next();
  await page.locator(field('interpreter')).wait();
  if (values.interpreterLanguage) {
    await page.locator(field('interpreter')).click();
    await page.locator(field('interpreterLanguage')).wait();
    await page.select(field('interpreterLanguage'), values.interpreterLanguage);
    await page.locator(field('interpreterMobile')).fill(values.interpreterMobile ?? '');
    await page.locator(field('interpreterEmail')).fill(values.interpreterEmail ?? '');
  }
  await next();
  await page.locator('dh-invite >>> #confirm').wait();
}
