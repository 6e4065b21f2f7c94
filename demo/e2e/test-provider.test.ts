import { expect } from 'chai';
import { decodeJwt } from 'jose';
import { readFile } from 'node:fs/promises';
import { createRequire } from 'node:module';
import { after, before, describe, it } from 'node:test';
import type { Page } from 'puppeteer-core';
import { watchProblems } from '../../scripts/browser.js';
import { authorize, redeem } from '../server/oidc-test-client.js';
import { startDemoRun, type DemoRun } from './helpers.js';

// The test identity provider's sign-in page in Chromium, by keyboard alone and under its CSP; the
// client's page on another of the server's origins (localhost), so that the form's way back is
// cross-origin, as it is at a region's broker.
let run: DemoRun;
const axeSource = readFile(createRequire(import.meta.url).resolve('axe-core/axe.min.js'), 'utf8');

before(async () => {
  run = await startDemoRun('idp');
});
after(() => run.close());

/** Violations of the CSP on pages of `origin`, as the page reports them. */
async function watchViolations(page: Page): Promise<{ origin: string; what: string }[]> {
  const violations: { origin: string; what: string }[] = [];
  await page.exposeFunction('reportViolation', (origin: string, what: string) => violations.push({ origin, what }));
  await page.evaluateOnNewDocument(() => {
    document.addEventListener('securitypolicyviolation', (e) => {
      void (window as unknown as { reportViolation(o: string, v: string): Promise<void> }).reportViolation(location.origin, `${e.violatedDirective} ${e.blockedURI}`);
    });
  });
  return violations;
}

const focused = (page: Page): Promise<string> => page.evaluate(() => {
  const el = document.activeElement;
  return el instanceof HTMLInputElement ? `${el.name}=${el.value}${el.checked ? ' (checked)' : ''}` : (el?.textContent ?? '').trim();
});

describe('the test provider’s sign-in page in Chromium', () => {
  it('signs in by keyboard alone, passes axe, breaks no CSP rule, and leads back to the client on another origin', async () => {
    const { server, chromium } = run;
    const page = await chromium.browser.newPage();
    const problems = watchProblems(page);
    const violations = await watchViolations(page);
    const a = await authorize(server, { params: { redirect_uri: `http://localhost:${server.port}/besok` } });
    await page.goto(a.url.href, { waitUntil: 'networkidle0' });
    expect(await page.title()).to.equal('Testinloggning – inte riktigt BankID eller Freja eID');
    expect(await page.$eval('h1', (h) => h.textContent)).to.contain('Testinloggning – inte riktigt BankID');
    // The stylesheet applied (it is a file: the CSP allows no inline style).
    expect(await page.$eval('.idp-banner', (el) => getComputedStyle(el).borderBottomStyle)).to.equal('solid');

    await page.evaluate(await axeSource);
    const axe = await page.evaluate(async () => {
      const result = await (window as unknown as { axe: { run(): Promise<{ violations: { id: string }[] }> } }).axe.run();
      return result.violations.map((v) => v.id);
    });
    expect(axe).to.deep.equal([]);

    await page.keyboard.press('Tab');
    expect(await focused(page)).to.equal('method=bankid (checked)');
    await page.keyboard.press('ArrowDown');
    expect(await focused(page)).to.equal('method=freja (checked)');
    await page.keyboard.press('Tab');
    expect(await focused(page)).to.equal('person=191212121212 (checked)');
    for (let i = 0; i < 3; i++) await page.keyboard.press('ArrowDown');
    expect(await focused(page)).to.equal('person=197302889931 (checked)');
    await page.keyboard.press('Tab');
    expect(await focused(page)).to.equal('Legitimera');
    expect(await page.evaluate(() => getComputedStyle(document.activeElement ?? document.body).outlineStyle)).to.equal('solid');

    // What the provider's page itself said; the client's page it leads to is not under test here.
    const providerProblems = [...problems];
    await Promise.all([page.waitForNavigation(), page.keyboard.press('Enter')]);
    const callback = new URL(page.url());
    expect(`${callback.origin}${callback.pathname}`).to.equal(`http://localhost:${server.port}/besok`);
    expect(callback.searchParams.get('state')).to.equal(a.state);
    const claims = decodeJwt(await redeem(a, callback));
    expect(claims).to.include({ 'https://id.oidc.se/claim/coordinationNumber': '197302889931', name: 'Amir Exempelsson' });
    expect(claims.amr).to.deep.equal(['freja']);

    expect(violations.filter((v) => v.origin === new URL(server.issuer).origin)).to.deep.equal([]);
    expect(providerProblems).to.deep.equal([]);
    await page.close();
  });

  it('"Avbryt" by keyboard goes back to the client with access_denied', async () => {
    const { server, chromium } = run;
    const page = await chromium.browser.newPage();
    const a = await authorize(server);
    await page.goto(a.url.href, { waitUntil: 'networkidle0' });
    for (let i = 0; i < 4; i++) await page.keyboard.press('Tab');
    expect(await focused(page)).to.equal('Avbryt');
    await Promise.all([page.waitForNavigation(), page.keyboard.press('Enter')]);
    const callback = new URL(page.url());
    expect(callback.pathname).to.equal('/besok');
    expect(callback.searchParams.get('error')).to.equal('access_denied');
    expect(callback.searchParams.get('state')).to.equal(a.state);
    await page.close();
  });
});
