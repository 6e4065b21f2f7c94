// `npm run screenshots`: drives the demo intranet page in headless Chromium and saves a picture
// of each element for the README (docs/screenshots/). Uses only Skatteverket's test numbers.
import { mkdtemp, rm } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { startDemoServer } from '../demo/server/server.js';
import { fillInvite, launchChromium, nextWorkday } from './browser.js';

const OUT = 'docs/screenshots';
const dir = await mkdtemp(join(tmpdir(), 'dh-shots-'));
const server = await startDemoServer({ port: 0, dataDir: dir });
const chromium = await launchChromium();
try {
  const page = await chromium.browser.newPage();
  await page.setViewport({ width: 1360, height: 1000, deviceScaleFactor: 1 });
  await page.goto(`${server.url}/`, { waitUntil: 'networkidle0' });
  const date = nextWorkday();
  const people: [string, string, string, string, string][] = [
    ['19121212-1212', 'Tolvan', 'Tolvansson', '070-111 22 33', '09:00'],
    ['19811218-9876', 'Greta', 'Testsson', '070-222 33 44', '10:30'],
    ['19730288-9931', 'Sven', 'Provsson', '070-333 44 55', '13:15'],
  ];
  for (const [personnummer, givenName, familyName, mobile, time] of people) {
    await fillInvite(page, { clinic: 'gagnef', personnummer, givenName, familyName, mobile, reason: 'Hälsosamtal 50 år', date, time });
    await page.locator('dh-invite >>> #confirm').click();
    await page.locator('dh-invite >>> button[type="submit"]').click();
    await page.waitForFunction(() => document.querySelector('dh-invite')?.shadowRoot?.querySelector('.status.good'));
    await page.locator('dh-invite >>> button.primary').click(); // "Ny inbjudan"
  }
  await fillInvite(page, {
    clinic: 'gagnef', personnummer: '19121212-1212', givenName: 'Tolvan', familyName: 'Tolvansson',
    mobile: '070-123 45 67', reason: 'Hälsosamtal 50 år', date, time: '15:00',
  });
  await page.evaluate((d) => document.querySelector('dh-calendar')?.setAttribute('date', d), date);
  await page.waitForFunction(() => (document.querySelector('dh-calendar')?.shadowRoot?.querySelectorAll('button.booking').length ?? 0) >= 3);
  await (await page.$('dh-invite'))?.screenshot({ path: `${OUT}/dh-invite.png` });
  await (await page.$('dh-calendar'))?.screenshot({ path: `${OUT}/dh-calendar.png` });
  await page.locator('dh-calendar >>> button.booking').click();
  await page.waitForFunction(() => document.querySelector('dh-calendar')?.shadowRoot?.querySelector('dh-booking')?.shadowRoot?.querySelector('dl'));
  await page.screenshot({ path: `${OUT}/dh-booking.png` });
  console.log(`Saved ${OUT}/dh-invite.png, dh-calendar.png and dh-booking.png`);
} finally {
  await chromium.close();
  await server.close();
  await rm(dir, { recursive: true, force: true });
}
process.exit(0);
