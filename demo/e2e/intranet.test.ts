import { expect } from 'chai';
import { after, before, describe, it } from 'node:test';
import { chooseClinic, fillInvite, nextWorkday, watchProblems, type LaunchedBrowser } from '../../scripts/browser.js';
import type { SpawnedServer } from '../server/spawn.js';
import { startDemoRun, type DemoRun } from './helpers.js';

// The built bundles in a plain page, under the demo server's strict CSP, as a region would embed them.
let run: DemoRun;
let server: SpawnedServer;
let chromium: LaunchedBrowser;

before(async () => {
  run = await startDemoRun('e2e');
  ({ server, chromium } = run);
});
after(() => run.close());

describe('the demo intranet page', () => {
  it('invites through the page, the SMS reaches the outbox and the visit shows in the calendar, with no CSP violation', async () => {
    const page = await chromium.browser.newPage();
    const problems = watchProblems(page);
    const violations: string[] = [];
    await page.exposeFunction('reportViolation', (v: string) => violations.push(v));
    await page.evaluateOnNewDocument(() => {
      document.addEventListener('securitypolicyviolation', (e) => {
        void (window as unknown as { reportViolation(v: string): Promise<void> }).reportViolation(`${e.violatedDirective} ${e.blockedURI}`);
      });
    });
    await page.goto(`${server.url}/`, { waitUntil: 'networkidle0' });
    expect(await page.evaluate(() => Boolean(customElements.get('dh-invite') && customElements.get('dh-calendar')))).to.equal(true);

    const date = nextWorkday();
    await fillInvite(page, {
      clinic: 'gagnef', personnummer: '19121212-1212', givenName: 'Tolvan', familyName: 'Tolvansson',
      mobile: '070-987 65 43', reason: 'Hälsosamtal 50 år', date, time: '10:00',
    });
    await page.locator('dh-invite >>> #confirm').click();
    await page.locator('dh-invite >>> button[type="submit"]').click();
    await page.waitForFunction(() => document.querySelector('dh-invite')?.shadowRoot?.querySelector('.status.good'));

    const outbox = (await (await fetch(`${server.url}/outbox.json`)).json()) as { to: string; text: string }[];
    const sms = outbox.find((m) => m.to === '+46709876543');
    expect(sms?.text).to.match(new RegExp(`${server.url.replace(/[.:/]/g, '\\$&')}/besok#[A-Za-z0-9_-]{22}`));

    // The calendar shows the week of the visit.
    await page.evaluate((d) => document.querySelector('dh-calendar')?.setAttribute('date', d), date);
    const text = await page.waitForFunction(() => document.querySelector('dh-calendar')?.shadowRoot?.querySelector('button.booking')?.textContent);
    expect(await text.jsonValue()).to.match(/10:00–10:45\s+Tolvan Tolvansson/);
    expect(violations).to.deep.equal([]);
    expect(problems).to.deep.equal([]);
    await page.close();
  });

  it('follows one current clinic: book at one, switch, book at another, and each calendar shows its own; the choice is remembered', async () => {
    const page = await chromium.browser.newPage();
    const problems = watchProblems(page);
    await page.goto(`${server.url}/`, { waitUntil: 'networkidle0' });
    const date = nextWorkday();
    const calendarText = async (): Promise<string> =>
      page.evaluate(() => document.querySelector('dh-calendar')?.shadowRoot?.querySelector('[part="grid"]')?.textContent ?? '');
    const waitForCalendar = (has: string, hasNot: string): Promise<unknown> => page.waitForFunction((has: string, hasNot: string) => {
      const text = document.querySelector('dh-calendar')?.shadowRoot?.querySelector('[part="grid"]')?.textContent ?? '';
      return text.includes(has) && !text.includes(hasNot);
    }, {}, has, hasNot);

    for (const [clinic, givenName, mobile] of [['leksand', 'Lena', '070-111 22 01'], ['falun-norra', 'Frida', '070-111 22 02']] as const) {
      await fillInvite(page, { clinic, personnummer: '19121212-1212', givenName, familyName: 'Tolvansson', mobile, reason: 'Hälsosamtal 50 år', date, time: '11:00' });
      await page.locator('dh-invite >>> #confirm').click();
      await page.locator('dh-invite >>> button[type="submit"]').click();
      await page.waitForFunction(() => document.querySelector('dh-invite')?.shadowRoot?.querySelector('.status.good'));
      await page.locator('dh-invite >>> button.primary').click(); // "Ny inbjudan"
      if (clinic === 'leksand') {
        // The calendar beside it follows the clinic chosen in the picker, with no reload.
        await page.evaluate((d) => document.querySelector('dh-calendar')?.setAttribute('date', d), date);
        await waitForCalendar('Lena Tolvansson', 'Frida');
      }
    }
    await waitForCalendar('Frida Tolvansson', 'Lena');
    await chooseClinic(page, 'leksand');
    await waitForCalendar('Lena Tolvansson', 'Frida');
    expect(await calendarText()).to.match(/11:00–11:45\s+Lena Tolvansson/);

    // Remembered in this browser: the next page stands on Leksand, the invitation too.
    await page.reload({ waitUntil: 'networkidle0' });
    await page.waitForFunction(() => document.querySelector('dh-invite')?.shadowRoot?.querySelector('.clinic')?.textContent === 'Mottagning: Vårdcentralen Leksand');
    expect(await page.evaluate(() => document.querySelector('dh-clinic-picker')?.shadowRoot?.querySelector('select')?.value)).to.equal('leksand');
    expect(problems).to.deep.equal([]);
    await page.close();
  });

  it('keeps page CSS out of the elements and theme properties in', async () => {
    const page = await chromium.browser.newPage();
    await page.goto(`${server.url}/`, { waitUntil: 'networkidle0' });
    const styles = await page.evaluate(() => {
      const sheet = document.createElement('style');
      // A hostile page stylesheet: must not reach inside.
      sheet.textContent = 'button { background: rgb(255, 0, 0) !important; } label { display: none !important; }';
      document.head.append(sheet);
      const invite = document.querySelector('dh-invite');
      invite?.style.setProperty('--dh-color-primary', 'rgb(0, 128, 0)');
      const button = invite?.shadowRoot?.querySelector('button.primary');
      const label = invite?.shadowRoot?.querySelector('label');
      return {
        button: button ? getComputedStyle(button).backgroundColor : '',
        label: label ? getComputedStyle(label).display : '',
      };
    });
    await page.close();
    expect(styles).to.deep.equal({ button: 'rgb(0, 128, 0)', label: 'block' });
  });
});
