import { mkdtemp, rm } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import type { Page } from 'puppeteer-core';
import { clockText, isoDate, swedishClock } from '../../components/src/core/index.js';
import { fillInvite, launchChromium, type LaunchedBrowser } from '../../scripts/browser.js';
import { spawnDemoServer, type SpawnedServer } from '../server/spawn.js';

// Shared steps of the end-to-end tests: they drive the demo pages as a nurse and a patient would.

/** Evaluates in the page with access to nested shadow roots by a path of selectors. */
export const deep = (page: Page, path: string[], what: string): Promise<string | number | boolean | null> =>
  page.evaluate((path: string[], what: string) => {
    let scope: ParentNode = document;
    let el: (HTMLVideoElement & HTMLElement) | null = null;
    for (const selector of path) {
      el = scope.querySelector<HTMLVideoElement>(selector);
      if (!el) return null;
      scope = el.shadowRoot ?? el;
    }
    if (!el) return null;
    if (what === 'frames') return el.getVideoPlaybackQuality().totalVideoFrames;
    if (what === 'text') return (el.shadowRoot ?? el).textContent;
    if (what === 'tracks-ended') return (el.srcObject as MediaStream | null)?.getTracks().every((t) => t.readyState === 'ended') ?? null;
    if (what === 'click') {
      el.click();
      return true;
    }
    return null;
  }, path, what);

export async function waitDeep(page: Page, path: string[], what: string, test: (v: unknown) => boolean, label: string, ms = 30_000): Promise<void> {
  const end = Date.now() + ms;
  for (;;) {
    if (test(await deep(page, path, what))) return;
    if (Date.now() > end) throw new Error(`timed out waiting for ${label}`);
    await new Promise((r) => setTimeout(r, 200));
  }
}

/** Books a visit five minutes from now at the always-open demo clinic; returns the SMS texts by number. */
export async function bookSoon(baseUrl: string, page: Page, mobile: string, interpreter?: { language: string; mobile: string }): Promise<void> {
  await page.goto(`${baseUrl}/`, { waitUntil: 'networkidle0' });
  const start = swedishClock(new Date(Date.now() + 5 * 60_000));
  await fillInvite(page, {
    clinic: 'demo-jour', personnummer: '19121212-1212', givenName: 'Tolvan', familyName: 'Tolvansson', mobile,
    reason: 'Hälsosamtal 50 år', date: isoDate(start.date), time: clockText(start.minutes),
    ...(interpreter ? { interpreterLanguage: interpreter.language, interpreterMobile: interpreter.mobile, interpreterEmail: 'tolk@tolk.se' } : {}),
  });
  await page.locator('dh-invite >>> #confirm').click();
  await page.locator('dh-invite >>> button[type="submit"]').click();
  await page.waitForFunction(() => document.querySelector('dh-invite')?.shadowRoot?.querySelector('.status.good'));
  // The calendar follows the clinic chosen in the picker (fillInvite chose it): only the week to show.
  await page.evaluate((d) => document.querySelector('dh-calendar')?.setAttribute('date', d), isoDate(start.date));
}

export async function smsTo(baseUrl: string, e164: string): Promise<string[]> {
  const outbox = (await (await fetch(`${baseUrl}/outbox.json`)).json()) as { to: string; text: string }[];
  return outbox.filter((m) => m.to === e164).map((m) => m.text);
}

/** From the calendar: open the newest visit and press "Starta besök" (the demo then opens the lobby). */
export async function openLobby(page: Page): Promise<void> {
  await page.waitForFunction(() => document.querySelector('dh-calendar')?.shadowRoot?.querySelector('button.booking'));
  await deep(page, ['dh-calendar', 'button.booking'], 'click');
  await page.waitForFunction(() => document.querySelector('dh-calendar')?.shadowRoot?.querySelector('dh-booking')?.shadowRoot?.querySelector('[part~="start"]:not([disabled])'));
  await Promise.all([page.waitForNavigation(), deep(page, ['dh-calendar', 'dh-booking', '[part~="start"]'], 'click')]);
}


export interface DemoRun {
  readonly server: SpawnedServer;
  readonly chromium: LaunchedBrowser;
  close(): Promise<void>;
}

/** A demo server with a data folder of its own, and a Chromium to drive it. */
export async function startDemoRun(label: string): Promise<DemoRun> {
  const dir = await mkdtemp(join(tmpdir(), `dh-${label}-`));
  const server = await spawnDemoServer({ dataDir: dir });
  const chromium = await launchChromium();
  return {
    server,
    chromium,
    async close() {
      await chromium.close();
      await server.close();
      await rm(dir, { recursive: true, force: true });
    },
  };
}

/**
 * The demo's patients sign in (BankID/Freja at the test provider) before the waiting room. Tests
 * that are not about identity go past that step without e-legitimation, as a patient without one
 * would; the nurse then confirms letting them in (see `startVisit`).
 */
export async function skipSignIn(page: Page): Promise<void> {
  await page.waitForFunction(() => {
    const root = document.querySelector('dh-patient-join')?.shadowRoot;
    return root?.querySelector('section[aria-labelledby="sign-in-heading"], dh-device-check, [role="alert"], .status');
  }, { timeout: 30_000 });
  await page.evaluate(() => {
    const section = document.querySelector('dh-patient-join')?.shadowRoot?.querySelector('section[aria-labelledby="sign-in-heading"]');
    section?.querySelector<HTMLButtonElement>('button.link')?.click();
  });
}

/** Opens the patient's SMS link and goes past the sign-in step. */
export async function openAsPatient(page: Page, link: string): Promise<void> {
  await page.goto(link, { waitUntil: 'networkidle0' });
  await skipSignIn(page);
}

/** "Starta besök" in the lobby, confirming a patient who did not sign in when the lobby asks. */
export async function startVisit(nurse: Page): Promise<void> {
  await nurse.waitForFunction(() => document.querySelector('dh-lobby')?.shadowRoot?.querySelector('[part~="start"]:not([disabled])'));
  await deep(nurse, ['dh-lobby', '[part~="start"]'], 'click');
  await new Promise((r) => setTimeout(r, 200));
  await nurse.evaluate(() => {
    document.querySelector('dh-lobby')?.shadowRoot?.querySelector<HTMLButtonElement>('[role="alertdialog"] button.primary')?.click();
  });
}

/** Waits until `path` (shadow roots down to a dh-call) shows both others' videos, decoding. */
export const bothDecoded = (page: Page, path: readonly string[], timeout = 30_000): Promise<unknown> => page.waitForFunction((path: string[]) => {
  let scope: ParentNode | null = document;
  for (const s of path) scope = scope?.querySelector(s)?.shadowRoot ?? null;
  const videos = [...(scope?.querySelectorAll<HTMLVideoElement>('video.remote') ?? [])];
  return videos.length === 2 && videos.every((v) => v.getVideoPlaybackQuality().totalVideoFrames > 5);
}, { timeout, polling: 200 }, [...path]);

/** The interpreter types the SMS code on the open interpreter page and sends it. */
export async function enterCode(tolk: Page, code: string): Promise<void> {
  await tolk.waitForFunction(() => document.querySelector('dh-guest-join')?.shadowRoot?.querySelector('button.primary:not([disabled])'));
  await tolk.locator('dh-guest-join >>> #code').fill(code);
  await tolk.locator('dh-guest-join >>> button.primary').click();
}
