import { expect } from 'chai';
import { after, before, describe, it } from 'node:test';
import type { Page } from 'puppeteer-core';
import { watchProblems, type LaunchedBrowser } from '../../scripts/browser.js';
import type { SpawnedServer } from '../server/spawn.js';
import { bookSoon, deep, openLobby, smsTo, startDemoRun, waitDeep, type DemoRun } from './helpers.js';

// The patient proves who they are at the demo's OpenID provider (standing in for BankID/Freja),
// in Arabic; the nurse's browser checks what the provider signed against the booking.
let run: DemoRun;
let server: SpawnedServer;
let chromium: LaunchedBrowser;

before(async () => {
  run = await startDemoRun('e2e-identity');
  ({ server, chromium } = run);
});
after(() => run.close());

/** From the patient's SMS link: Arabic, then BankID at the test provider as `person` (12 digits). */
async function signInAs(patient: Page, link: string, person: string): Promise<void> {
  await patient.goto(link, { waitUntil: 'networkidle0' });
  await patient.waitForFunction(() => document.querySelector('dh-patient-join')?.shadowRoot?.querySelector('#lang'));
  await patient.locator('dh-patient-join >>> #lang').fill('ar');
  await patient.waitForFunction(() => document.querySelector('dh-patient-join')?.getAttribute('dir') === 'rtl');
  // The sign-in step, in Arabic: "أثبت هويتك".
  await waitDeep(patient, ['dh-patient-join'], 'text', (t) => String(t).includes('أثبت هويتك'), 'the sign-in step in Arabic');
  await Promise.all([patient.waitForNavigation({ waitUntil: 'networkidle0' }), patient.locator('dh-patient-join >>> section[aria-labelledby="sign-in-heading"] button.primary').click()]);
  expect(await patient.title()).to.contain('Testinloggning');
  await patient.click(`input[name="person"][value="${person}"]`);
  await patient.click('input[name="method"][value="bankid"]');
  await Promise.all([patient.waitForNavigation({ waitUntil: 'networkidle0' }), patient.click('button[type="submit"]')]);
  // Back on the join page, still in Arabic, the link's token back in the fragment, the code gone.
  const back = new URL(patient.url());
  expect(back.pathname).to.equal('/besok');
  expect(back.search).to.equal('');
  expect(back.hash).to.match(/^#[\w-]{22}$/);
  await patient.waitForFunction(() => document.querySelector('dh-patient-join')?.getAttribute('lang') === 'ar');
}

describe('a patient who signs in with e-legitimation, in Arabic', () => {
  it('is shown to the nurse as verified, by name, and let in', async () => {
    const nurse = await (await chromium.browser.createBrowserContext()).newPage();
    const patient = await (await chromium.browser.createBrowserContext()).newPage();
    const problems = [...watchProblems(nurse), ...watchProblems(patient)];
    await bookSoon(server.url, nurse, '070-555 41 01');
    const link = /https?:\/\/\S+\/besok#[\w-]{22}/.exec((await smsTo(server.url, '+46705554101'))[0] ?? '')?.[0];
    await signInAs(patient, link!, '191212121212');
    await openLobby(nurse);
    await waitDeep(nurse, ['dh-lobby'], 'text', (t) => String(t).includes('Identitet verifierad: Tolvan Tolvansson (BankID)'), 'the verified patient at the nurse', 45_000);
    await nurse.waitForFunction(() => document.querySelector('dh-lobby')?.shadowRoot?.querySelector('[part~="admit"]:not([disabled])'));
    await deep(nurse, ['dh-lobby', '[part~="admit"]'], 'click');
    await waitDeep(patient, ['dh-patient-join', 'dh-call', 'video.remote'], 'frames', (n) => Number(n) > 5, 'the call at the patient');
    await waitDeep(nurse, ['dh-lobby', 'dh-call', 'video.remote'], 'frames', (n) => Number(n) > 5, 'the call at the nurse');
    expect(problems.filter((p) => !p.includes('favicon'))).to.deep.equal([]);
  });

  it('as another person than the booking’s: the nurse is warned, and nobody is let in without her confirmation', async () => {
    const nurse = await (await chromium.browser.createBrowserContext()).newPage();
    const patient = await (await chromium.browser.createBrowserContext()).newPage();
    await bookSoon(server.url, nurse, '070-555 41 02');
    const link = /https?:\/\/\S+\/besok#[\w-]{22}/.exec((await smsTo(server.url, '+46705554102'))[0] ?? '')?.[0];
    await signInAs(patient, link!, '194608239986');
    await openLobby(nurse);
    await waitDeep(nurse, ['dh-lobby'], 'text', (t) => String(t).includes('annan person än den bokade'), 'the warning at the nurse', 45_000);
    await nurse.waitForFunction(() => document.querySelector('dh-lobby')?.shadowRoot?.querySelector('[part~="admit"]:not([disabled])'));
    await deep(nurse, ['dh-lobby', '[part~="admit"]'], 'click');
    await waitDeep(nurse, ['dh-lobby', '[role="alertdialog"]'], 'text', (t) => String(t).includes('inte verifierad med e-legitimation'), 'the question');
    await deep(nurse, ['dh-lobby', '[role="alertdialog"] button.safe'], 'click');
    await new Promise((r) => setTimeout(r, 2000));
    // Still waiting: no call reached the patient.
    expect(await deep(patient, ['dh-patient-join', 'dh-call'], 'text')).to.equal(null);
    await waitDeep(patient, ['dh-patient-join'], 'text', (t) => String(t).length > 0, 'the patient page');
  });
});
