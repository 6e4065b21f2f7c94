import { expect } from 'chai';
import { cp, mkdtemp, readFile, rm, writeFile } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import { join, resolve } from 'node:path';
import { after, before, describe, it } from 'node:test';
import { TargetType, type Page, type WebWorker } from 'puppeteer-core';
import { launchChromium, preparePage, watchProblems, type LaunchedBrowser } from '../../scripts/browser.js';
import { spawnDemoServer, type SpawnedServer } from '../server/spawn.js';
import { bookSoon } from './helpers.js';

// The nurses' extension, unpacked, in Chromium, against the demo: the popup lists the visits of an
// open intranet page, the login helper shows on the sign-in page only, the pre-share check flags an
// EHR window, and a page on an origin not in the options gets no answer.
//
// Toolchain notes (checked on Chromium 156 headless):
// - `enableExtensions: [DIR]` needs `pipe: true`; the background is the service-worker target whose
//   URL ends in background.js, and its host is the extension's id.
// - `permissions.request` opens a browser dialog that nothing can answer in headless Chromium (no
//   CDP command, no flag; a request from puppeteer's evaluate counts as a gesture and then waits for
//   ever). So the test loads a copy of the build whose manifest makes the loopback hosts and `tabs`
//   required — granted at install, as the nurse's click in the options page would grant them. The
//   rest (options in storage.sync, content scripts registered at run time, both bridges, the
//   handlers) is the shipped code.
// - The options page is driven as a person would; the background registers the content scripts on
//   `storage.onChanged`, which the test waits for in the service worker.
// - DH_SCREENSHOTS=1 saves the README's pictures (docs/screenshots/) from this set-up.

/** What the test calls in the extension's service worker (no @types/chrome in this project). */
declare const chrome: {
  scripting: { getRegisteredContentScripts(): Promise<unknown[]> };
  windows: { create(data: { url: string }): Promise<unknown> };
};

let server: SpawnedServer;
let chromium: LaunchedBrowser;
let worker: WebWorker;
let extensionId: string;
let dataDir: string;
let extensionDir: string;
let listed: string;
let unlisted: string;
const SHOTS = process.env.DH_SCREENSHOTS === '1';

async function grantedCopy(): Promise<string> {
  const dir = await mkdtemp(join(tmpdir(), 'dh-extension-'));
  await cp(resolve('dist/extension'), dir, { recursive: true });
  const manifest = JSON.parse(await readFile(join(dir, 'manifest.json'), 'utf8')) as Record<string, unknown> & { permissions: string[] };
  manifest.host_permissions = ['http://127.0.0.1/*', 'http://localhost/*'];
  manifest.permissions = [...manifest.permissions, 'tabs'];
  await writeFile(join(dir, 'manifest.json'), JSON.stringify(manifest));
  return dir;
}

before(async () => {
  dataDir = await mkdtemp(join(tmpdir(), 'dh-e2e-extension-'));
  server = await spawnDemoServer({ dataDir });
  listed = `http://127.0.0.1:${server.port}`;
  unlisted = `http://localhost:${server.port}`;
  extensionDir = await grantedCopy();
  chromium = await launchChromium([], { extensions: [extensionDir] });
  const target = await chromium.browser.waitForTarget((t) => t.type() === TargetType.SERVICE_WORKER && t.url().endsWith('/background.js'));
  extensionId = new URL(target.url()).host;
  worker = (await target.worker())!;
  await configure();
  // Registered once the background has seen the options.
  await worker.evaluate(async () => {
    for (;;) {
      const scripts = await chrome.scripting.getRegisteredContentScripts();
      if (scripts.length === 2) return;
      await new Promise((r) => setTimeout(r, 100));
    }
  });
});

after(async () => {
  await chromium.close();
  await server.close();
  await rm(dataDir, { recursive: true, force: true });
  await rm(extensionDir, { recursive: true, force: true });
});

/**
 * The nurse's IT support fills in the options page: a wrong origin is refused with its field
 * marked, then the region's addresses are saved. (Saving asks for these hosts; granted at install
 * in this copy, the request answers at once.)
 */
async function configure(): Promise<void> {
  const page = await newPage();
  await page.goto(`chrome-extension://${extensionId}/options/options.html`, { waitUntil: 'load' });
  await page.waitForFunction(() => document.querySelector<HTMLInputElement>('#pattern-ehr')?.value.includes('TakeCare'));
  await page.locator('#intranetOrigins').fill(`${listed}/videobesok`);
  await page.locator('button[type="submit"]').click();
  await page.waitForFunction(() => document.querySelector('#intranetOrigins')?.getAttribute('aria-invalid') === 'true');
  expect(await page.$eval('#intranetOrigins-error', (e) => e.textContent)).to.include('är inte ett ursprung');
  await page.locator('#intranetOrigins').fill(listed);
  await page.locator('#signInUrls').fill(`${listed}/siths-login`);
  await page.locator('#supportEmail').fill('it-support@regionexempel.se');
  await page.locator('#supportPhone').fill('010-123 45 67');
  await page.locator('#clinic').fill('Vårdcentralen Gagnef');
  await page.locator('button[type="submit"]').click();
  await page.waitForFunction(() => document.querySelector('#status')?.textContent === 'Sparat.');
  expect(await page.$('[aria-invalid="true"]')).to.equal(null);
  await page.close();
}

const newPage = async (): Promise<Page> => preparePage(await chromium.browser.newPage());

/** Opens "Dela…" → "Ett fönster" in a share menu added to the page, as the lobby has it in a call. */
async function openWindowShare(page: Page): Promise<void> {
  await page.evaluate(() => {
    const menu = document.createElement('dh-share-menu') as HTMLElement & { session: unknown };
    // Only what enables the menu's button; nothing is shared in this test.
    menu.session = { sharing: undefined, startShare: () => undefined };
    document.querySelector('main')?.prepend(menu);
  });
  await page.locator('dh-share-menu >>> button[aria-controls="panel"]').click();
  await page.locator('dh-share-menu >>> ::-p-text(Ett fönster)').click();
}

const shareMenuText = (page: Page): Promise<string> => page.evaluate(() => document.querySelector('dh-share-menu')?.shadowRoot?.textContent ?? '');

describe('the nurses’ extension', () => {
  it('has popup, options and login-helper pages without accessibility violations (axe)', async () => {
    const axe = await readFile(resolve('node_modules/axe-core/axe.min.js'), 'utf8');
    for (const path of ['popup/popup.html', 'options/options.html', 'siths/panel.html#blocked-card']) {
      const page = await newPage();
      await page.goto(`chrome-extension://${extensionId}/${path}`, { waitUntil: 'load' });
      await page.waitForFunction(() => document.title !== '');
      // Evaluated over the protocol: the extension page's CSP would refuse an injected script tag.
      await page.evaluate(axe);
      const violations = await page.evaluate(async () => {
        const result = await (window as unknown as { axe: { run(): Promise<{ violations: { id: string }[] }> } }).axe.run();
        return result.violations.map((v) => v.id);
      });
      expect(violations, path).to.deep.equal([]);
      await page.close();
    }
  });


  it('lists the visits of an open intranet page in its popup, first names only, with "Starta"', async () => {
    const intranet = await newPage();
    const problems = watchProblems(intranet);
    await bookSoon(listed, intranet, '070-555 41 01');
    const popup = await newPage();
    await popup.setViewport({ width: 380, height: 560 });
    await popup.goto(`chrome-extension://${extensionId}/popup/popup.html`);
    await popup.waitForFunction(() => document.querySelector('#visits')?.getAttribute('aria-busy') === 'false');
    const rows = await popup.$$eval('.visit', (items) => items.map((i) => i.textContent));
    expect(rows.some((r) => r.includes('Tolvan') && r.includes('Bokad') && r.includes('Starta'))).to.be.true;
    expect(rows.join(' ')).not.to.include('Tolvansson');
    const text = await popup.evaluate(() => document.body.innerText);
    expect(text).to.include('Från intranätets sida');
    expect(text).to.include('it-support@regionexempel.se');
    expect(text).to.include('Logga in (SITHS)');
    if (SHOTS) await popup.screenshot({ path: 'docs/screenshots/extension-popup.png', fullPage: true });

    // With the page closed, today's copy answers.
    await intranet.close();
    await popup.reload();
    await popup.waitForFunction(() => document.querySelector('#visits')?.getAttribute('aria-busy') === 'false');
    expect(await popup.evaluate(() => document.body.innerText)).to.include('Sparad lista');
    expect(await popup.$$eval('.visit .name', (n) => n.map((x) => x.textContent))).to.include('Tolvan');

    // "Starta" opens the visit's lobby on the intranet page's site.
    const opened = chromium.browser.waitForTarget((t) => t.url().startsWith(`${listed}/lobby#`));
    await popup.locator('.visit button.primary').click();
    expect((await opened).url()).to.match(/\/lobby#[0-9a-f-]{36}$/);
    expect(problems).to.deep.equal([]);
  });

  it('shows the login helper on the sign-in page, with the failure the page shows, and not on another page', async () => {
    const page = await newPage();
    await page.goto(`${listed}/siths-login.html`, { waitUntil: 'load' });
    await page.waitForSelector('dh-siths-helper');
    const panel = await page.waitForFrame((f) => f.url().startsWith(`chrome-extension://${extensionId}/siths/panel.html`));
    await panel.waitForFunction(() => document.querySelector('#contacts')?.textContent !== '');
    // No failure on the page: the checklist only.
    expect(await panel.$eval('#failure', (e) => e.textContent)).to.equal('');

    // The page shows a failure (as its script would, without a reload): the panel explains it.
    await page.evaluate(() => { location.hash = 'no-certificate'; });
    await panel.waitForFunction(() => document.querySelector('#failure')?.textContent.includes('Inget certifikat valdes'));
    const text = await panel.evaluate(() => document.body.innerText);
    expect(text).to.include('SITHS-kortet sitter i kortläsaren');
    expect(text).to.include('it-support@regionexempel.se');

    // Another failure: the panel follows.
    await page.evaluate(() => { location.hash = 'blocked-card'; });
    await panel.waitForFunction(() => document.querySelector('#failure')?.textContent.includes('Kortet är spärrat'));

    // The clinic she asks it to remember is the popup's.
    await panel.locator('#clinic').fill('Vårdcentralen Leksand');
    await panel.locator('#clinic-form button[type="submit"]').click();
    await panel.waitForFunction(() => document.querySelector('#clinic-status')?.textContent === 'Sparat.');
    const popup = await newPage();
    await popup.goto(`chrome-extension://${extensionId}/popup/popup.html`);
    await popup.waitForFunction(() => document.querySelector('#clinic')?.textContent === 'Mottagning: Vårdcentralen Leksand');
    await popup.close();

    // Another page of the same site (the intranet): the scripts run there (the bridge answers),
    // the login helper does not show.
    const other = await newPage();
    await other.goto(`${listed}/blank.html`, { waitUntil: 'load' });
    await openWindowShareOnBlank(other);
    expect(await other.$('dh-siths-helper')).to.equal(null);
  });

  it('flags a second window titled like an EHR record in the pre-share check of an intranet page', async () => {
    await worker.evaluate(async (url: string) => { await chrome.windows.create({ url }); }, `${listed}/ehr-demo.html`);
    await chromium.browser.waitForTarget((t) => t.url().endsWith('/ehr-demo.html'));
    const page = await newPage();
    await page.setViewport({ width: 900, height: 700 });
    await page.goto(`${listed}/`, { waitUntil: 'networkidle0' });
    await openWindowShare(page);
    await page.waitForFunction(() => document.querySelector('dh-share-menu')?.shadowRoot?.querySelector('ul.flagged'));
    const text = await shareMenuText(page);
    expect(text).to.include('TakeCare – Journal 19121212-1212 Tolvansson (personnummer i rubriken)');
    if (SHOTS) await (await page.$('dh-share-menu'))?.screenshot({ path: 'docs/screenshots/extension-pre-share.png' });

    // The same check from the popup, at any time.
    const popup = await newPage();
    await popup.goto(`chrome-extension://${extensionId}/popup/popup.html`);
    await popup.locator('#check').click();
    await popup.waitForSelector('#check-result ul.flagged');
    expect(await popup.$eval('#check-result', (e) => e.textContent)).to.include('TakeCare – Journal 19121212-1212 Tolvansson (personnummer)');
  });

  it('gives a page on an origin not in the options no answer: the share menu falls back to its checklist', async () => {
    const page = await newPage();
    await page.goto(`${unlisted}/`, { waitUntil: 'networkidle0' });
    await openWindowShare(page);
    await page.waitForFunction(() => document.querySelector('dh-share-menu')?.shadowRoot?.querySelector('#confirm'));
    const text = await shareMenuText(page);
    expect(text).to.include('Stäng journalen, e-post och andra fönster med patientuppgifter');
    expect(text).not.to.include('Andra öppna');
    expect(text).not.to.include('TakeCare');
  });

  it('gives no answer either to a page on the same host at another port (the content script runs there, the origin is not listed)', async () => {
    const otherDir = await mkdtemp(join(tmpdir(), 'dh-e2e-extension-other-'));
    const other = await spawnDemoServer({ dataDir: otherDir });
    try {
      const page = await newPage();
      await page.goto(`${other.url}/`, { waitUntil: 'networkidle0' });
      await openWindowShare(page);
      await page.waitForFunction(() => document.querySelector('dh-share-menu')?.shadowRoot?.querySelector('#confirm'));
      const text = await shareMenuText(page);
      expect(text).to.include('Stäng journalen, e-post och andra fönster med patientuppgifter');
      expect(text).not.to.include('TakeCare');
    } finally {
      await other.close();
      await rm(otherDir, { recursive: true, force: true });
    }
  });
});

/** On a plain intranet page: the bridge answers a pre-share check (so the page's scripts have run). */
async function openWindowShareOnBlank(page: Page): Promise<void> {
  const answered = await page.evaluate(() => new Promise<boolean>((resolve) => {
    const id = crypto.randomUUID();
    window.addEventListener('message', (e: MessageEvent<{ kind?: string; id?: string }>) => {
      if (e.source === window && e.data.kind === 'response' && e.data.id === id) resolve(true);
    });
    window.postMessage({ protocol: 'digitala-halsosamtal/bridge/v1', kind: 'request', id, type: 'pre-share-check', body: {} }, location.origin);
  }));
  expect(answered).to.be.true;
}
