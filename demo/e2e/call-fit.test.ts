import { expect } from 'chai';
import { after, before, describe, it } from 'node:test';
import type { Page } from 'puppeteer-core';
import { launchChromium, watchProblems } from '../../scripts/browser.js';
import { bookSoon, bothDecoded, deep, enterCode, openAsPatient, openLobby, smsTo, startDemoRun, startVisit, waitDeep, type DemoRun } from './helpers.js';

// A visit with an interpreter as a new user tries it: the patient and the interpreter on 360 px
// phones, in Swedish and in Arabic, the nurse on a desktop. Nothing may stick out sideways, every
// video must be on screen, and every remote tile says who it is.
let run: DemoRun;

before(async () => {
  run = await startDemoRun('call-fit');
});
after(() => run.close());

const PHONE = { width: 360, height: 740, deviceScaleFactor: 2, isMobile: true, hasTouch: true };

/** Picks `lang` in a join page's own language menu, as the reader would. */
async function chooseLanguage(page: Page, tag: 'dh-patient-join' | 'dh-guest-join', lang: string): Promise<void> {
  await page.evaluate((tag: string, lang: string) => {
    const select = document.querySelector(tag)?.shadowRoot?.querySelector<HTMLSelectElement>('#lang');
    if (!select) throw new Error('no language menu');
    select.value = lang;
    select.dispatchEvent(new Event('change'));
  }, tag, lang);
  await page.waitForFunction((tag: string, lang: string) => document.querySelector(tag)?.getAttribute('lang') === lang, {}, tag, lang);
}

/** How a page's call sits in its window: sideways scrolling, and the videos outside the window. */
function layoutOf(page: Page, tag: string): Promise<{ scrollWidth: number; width: number; outside: string[]; names: string[] }> {
  return page.evaluate((tag: string) => {
    const call = document.querySelector(tag)?.shadowRoot?.querySelector('dh-call')?.shadowRoot;
    const outside = [...(call?.querySelectorAll('video') ?? [])].flatMap((v) => {
      const r = v.getBoundingClientRect();
      const inside = r.width > 0 && r.left >= -0.5 && r.top >= -0.5 && r.right <= innerWidth + 0.5 && r.bottom <= innerHeight + 0.5;
      return inside ? [] : [`${v.getAttribute('aria-label') ?? v.className} ${JSON.stringify([r.left, r.top, r.right, r.bottom].map(Math.round))}`];
    });
    const names = [...(call?.querySelectorAll('.tile .name') ?? [])].map((n) => n.textContent.trim()).sort();
    return { scrollWidth: document.scrollingElement?.scrollWidth ?? 0, width: innerWidth, outside, names };
  }, tag);
}

describe('a three-party call on phones', () => {
  const cases = [
    { lang: 'sv', mobile: ['070-555 88 01', '+46705558801'], tolk: ['073-555 88 02', '+46735558802'], names: ['Sjuksköterskan', 'Tolken'] },
    { lang: 'ar', mobile: ['070-555 88 03', '+46705558803'], tolk: ['073-555 88 04', '+46735558804'], names: ['الممرضة', 'المترجم'] },
  ] as const;
  for (const { lang, mobile, tolk: tolkMobile, names } of cases) {
    it(`fits a 360 × 740 phone in ${lang === 'sv' ? 'Swedish' : 'Arabic'}, every video on screen and every tile named`, async () => {
      const { server, chromium } = run;
      const [nurse, patient, tolk] = await Promise.all([0, 1, 2].map(async () => (await chromium.browser.createBrowserContext()).newPage())) as [Page, Page, Page];
      const problems = [nurse, patient, tolk].flatMap((p) => watchProblems(p));
      await Promise.all([patient.setViewport(PHONE), tolk.setViewport(PHONE)]);
      await bookSoon(server.url, nurse, mobile[0], { language: 'ar', mobile: tolkMobile[0] });
      const patientLink = /https?:\/\/\S+\/besok#[\w-]{22}/.exec((await smsTo(server.url, mobile[1]))[0] ?? '')?.[0];
      const [invite, codeSms] = await smsTo(server.url, tolkMobile[1]);
      const tolkLink = /https?:\/\/\S+\/tolk#[\w-]{22}/.exec(invite ?? '')?.[0];
      const code = /\b(\d{6})\b/.exec(codeSms ?? '')?.[1];
      expect([patientLink, tolkLink, code].every(Boolean)).to.equal(true);

      await openLobby(nurse);
      await openAsPatient(patient, patientLink!);
      if (lang !== 'sv') await chooseLanguage(patient, 'dh-patient-join', lang);
      // The waiting room shows the patient's own picture.
      await waitDeep(patient, ['dh-patient-join', '.self-view video'], 'frames', (n) => Number(n) > 2, 'the self view in the waiting room');
      await tolk.goto(tolkLink!, { waitUntil: 'networkidle0' });
      if (lang !== 'sv') await chooseLanguage(tolk, 'dh-guest-join', lang);
      await enterCode(tolk, code!);
      await waitDeep(nurse, ['dh-lobby'], 'text', (t) => String(t).includes('Patienten väntar') && String(t).includes('kod kontrollerad'), 'both in the lobby');
      await startVisit(nurse);

      await bothDecoded(nurse, ['dh-lobby', 'dh-call']);
      await bothDecoded(patient, ['dh-patient-join', 'dh-call']);
      await bothDecoded(tolk, ['dh-guest-join', 'dh-call']);

      for (const [page, tag] of [[patient, 'dh-patient-join'], [tolk, 'dh-guest-join']] as const) {
        const layout = await layoutOf(page, tag);
        expect(layout.scrollWidth, `${tag}: nothing to scroll sideways`).to.be.at.most(layout.width);
        expect(layout.outside, `${tag}: every video on screen`).to.deep.equal([]);
      }
      // The nurse tells the patient from the interpreter by name; the patient sees titles.
      expect((await layoutOf(nurse, 'dh-lobby')).names).to.deep.equal(['Tolk, arabiska', 'Tolvan Tolvansson']);
      expect((await layoutOf(patient, 'dh-patient-join')).names).to.deep.equal([...names].sort());

      await deep(nurse, ['dh-lobby', 'dh-call', 'button.hangup'], 'click');
      await deep(nurse, ['dh-lobby', 'dh-call', '[role="alertdialog"] button.primary'], 'click');
      await waitDeep(patient, ['dh-patient-join', 'dh-call', 'video.self'], 'tracks-ended', (v) => v === true, 'the patient’s tracks to stop');
      expect(problems.filter((p) => !p.includes('favicon'))).to.deep.equal([]);
    });
  }

  it('tells a patient whose browser blocks only the camera, in the waiting room, how to allow it in Chrome', async () => {
    const { server, chromium } = run;
    const nurse = await (await chromium.browser.createBrowserContext()).newPage();
    await bookSoon(server.url, nurse, '070-555 88 05');
    const link = /https?:\/\/\S+\/besok#[\w-]{22}/.exec((await smsTo(server.url, '+46705558805'))[0] ?? '')?.[0];
    // A real refusal: a browser with nobody to answer its camera prompt, the microphone allowed for the site.
    const refusing = await launchChromium([], { denyMedia: true });
    try {
      const context = await refusing.browser.createBrowserContext();
      await context.setPermission(new URL(server.url).origin, { permission: { name: 'microphone' }, state: 'granted' });
      const patient = await context.newPage();
      await patient.setViewport(PHONE);
      await openAsPatient(patient, link!);
      await waitDeep(patient, ['dh-patient-join'], 'text', (t) => String(t).includes('Kameran är blockerad'), 'the explanation in the waiting room');
      const text = String(await deep(patient, ['dh-patient-join', '.self-view'], 'text'));
      expect(text).to.include('Sjuksköterskan hör dig men ser dig inte');
      expect(text).to.include('Chrome och Edge: tryck på kamerasymbolen (eller hänglåset) i adressfältet');
      expect(text).not.to.include('Firefox');
      expect(await patient.evaluate(() => document.scrollingElement!.scrollWidth <= innerWidth)).to.equal(true);
    } finally {
      await refusing.close();
    }
  });
});
