import { expect } from 'chai';
import { after, before, describe, it } from 'node:test';
import { launchChromium, preparePage, watchProblems, type LaunchedBrowser } from '../../scripts/browser.js';
import { bookSoon, bothDecoded, deep, enterCode, openAsPatient, openLobby, smsTo, startDemoRun, startVisit, waitDeep, type DemoRun } from './helpers.js';
import type { SpawnedServer } from '../server/spawn.js';

// Nurse and patient in two isolated browser contexts against the demo server: invite, SMS link,
// knock, "Starta besök", video both ways, hang up. (Mute as silence: media/call-session.test.ts.)
let run: DemoRun;
let server: SpawnedServer;
let chromium: LaunchedBrowser;

before(async () => {
  run = await startDemoRun('visit');
  ({ server, chromium } = run);
});
after(() => run.close());

describe('a video visit, nurse and patient', () => {
  it('tells a patient whose browser blocks the camera exactly how to allow it', async () => {
    const nurse = await (await chromium.browser.createBrowserContext()).newPage();
    await bookSoon(server.url, nurse, '070-555 00 01');
    const link = /https?:\/\/\S+\/besok#[\w-]{22}/.exec((await smsTo(server.url, '+46705550001'))[0] ?? '')?.[0];
    const denied = await launchChromium([], { denyMedia: true });
    try {
      const patient = await denied.browser.newPage();
      await openAsPatient(patient, link!);
      await waitDeep(patient, ['dh-patient-join', 'dh-device-check'], 'text', (t) => String(t).includes('blockerat'), 'the explanation');
      const text = String(await deep(patient, ['dh-patient-join', 'dh-device-check'], 'text'));
      expect(text).to.match(/Webbläsaren har blockerat kameran\. Klicka på kamerasymbolen eller hänglåset i adressfältet/);
      expect(text).to.match(/blockerat mikrofonen/);
      // Without permission the browser names no device: they are numbered, never blank.
      const options = await patient.evaluate(() => [...document.querySelector('dh-patient-join')?.shadowRoot?.querySelector('dh-device-check')?.shadowRoot
        ?.querySelectorAll('#microphone option') ?? []].map((o) => o.textContent.trim()));
      expect(options).to.deep.equal(['Mikrofon 1']);
    } finally {
      await denied.close();
    }
  });

  it('locks out an interpreter after five wrong codes in all, reloads included, until the nurse sends a new code', async () => {
    const nurse = await (await chromium.browser.createBrowserContext()).newPage();
    const tolk = await (await chromium.browser.createBrowserContext()).newPage();
    await bookSoon(server.url, nurse, '070-555 00 02', { language: 'ar', mobile: '073-555 00 03' });
    const [invite] = await smsTo(server.url, '+46735550003');
    const link = /https?:\/\/\S+\/tolk#[\w-]{22}/.exec(invite ?? '')?.[0];
    expect(link).to.be.a('string');
    await openLobby(nurse);
    const ready = async (): Promise<void> => {
      await tolk.waitForFunction(() => document.querySelector('dh-guest-join')?.shadowRoot?.querySelector('button.primary:not([disabled])'));
    };
    const guess = async (code: string, expected: string, label: string): Promise<void> => {
      await tolk.locator('dh-guest-join >>> #code').fill(code);
      await tolk.locator('dh-guest-join >>> button.primary').click();
      await waitDeep(tolk, ['dh-guest-join'], 'text', (t) => String(t).includes(expected), label);
    };
    await tolk.goto(link!, { waitUntil: 'networkidle0' });
    await ready();
    await guess('000000', '4 försök kvar', 'answer 1');
    await guess('000000', '3 försök kvar', 'answer 2');
    // A reload (a new connection) gives no new tries: the count is the booking's.
    await tolk.reload({ waitUntil: 'networkidle0' });
    await ready();
    await guess('000000', '2 försök kvar', 'answer 3');
    await guess('000000', '1 försök kvar', 'answer 4');
    await guess('000000', 'för många gånger', 'answer 5');
    await waitDeep(nurse, ['dh-lobby'], 'text', (t) => String(t).includes('fel kod för många gånger'), 'the nurse to see the locked interpreter');

    // The booking in the lobby offers a new code; the SMS carries it, and it works.
    await waitDeep(nurse, ['dh-lobby', 'dh-booking'], 'text', (t) => String(t).includes('Skicka ny kod till tolken'), 'the new-code offer');
    const before = (await smsTo(server.url, '+46735550003')).length;
    await nurse.evaluate(() => {
      const booking = document.querySelector('dh-lobby')?.shadowRoot?.querySelector('dh-booking')?.shadowRoot;
      [...booking?.querySelectorAll<HTMLButtonElement>('[role="alert"] button') ?? []].find((b) => b.textContent.includes('Skicka ny kod'))?.click();
    });
    await waitDeep(nurse, ['dh-lobby', 'dh-booking'], 'text', (t) => String(t).includes('En ny kod har skickats'), 'the new code sent');
    const texts = await smsTo(server.url, '+46735550003');
    expect(texts.length).to.equal(before + 1);
    const code = /\b(\d{6})\b/.exec(texts.at(-1) ?? '')?.[1];
    expect(code).to.be.a('string');
    await guess(code!, 'Koden stämmer', 'the new code accepted');
    await waitDeep(nurse, ['dh-lobby'], 'text', (t) => String(t).includes('kod kontrollerad'), 'the nurse to see the interpreter ready');
  });

  it('goes from invitation to a two-way call that the nurse ends, every track stopped', async () => {
    const nurse = await (await chromium.browser.createBrowserContext()).newPage();
    const patient = await (await chromium.browser.createBrowserContext()).newPage();
    const problems = [...watchProblems(nurse), ...watchProblems(patient)];

    // Book a visit five minutes from now at the always-open demo clinic.
    await bookSoon(server.url, nurse, '070-555 12 34');

    // The SMS in the outbox carries the link; the patient opens it.
    const link = /https?:\/\/\S+\/besok#[\w-]{22}/.exec((await smsTo(server.url, '+46705551234'))[0] ?? '')?.[0];
    expect(link).to.be.a('string');
    await openAsPatient(patient, link!);
    await waitDeep(patient, ['dh-patient-join'], 'text', (t) => String(t).includes('Demomottagningen'), 'the visit on the patient page');
    await waitDeep(patient, ['dh-patient-join'], 'text', (t) => String(t).includes('väntrummet'), 'the waiting room');

    // The nurse opens the visit from the calendar and sees the patient waiting.
    await openLobby(nurse);
    await waitDeep(nurse, ['dh-lobby'], 'text', (t) => String(t).includes('Patienten väntar'), 'the knock in the lobby');
    await nurse.waitForFunction(() => document.title.startsWith('(1)'));
    await startVisit(nurse);

    // Both decode the other's video.
    await waitDeep(nurse, ['dh-lobby', 'dh-call', 'video.remote'], 'frames', (n) => Number(n) > 5, 'video at the nurse');
    await waitDeep(patient, ['dh-patient-join', 'dh-call', 'video.remote'], 'frames', (n) => Number(n) > 5, 'video at the patient');

    // The nurse ends the visit for everyone, with confirmation; every local track stops.
    await deep(nurse, ['dh-lobby', 'dh-call', 'button.hangup'], 'click');
    await waitDeep(nurse, ['dh-lobby', 'dh-call'], 'text', (t) => String(t).includes('avsluta besöket för alla'), 'the confirmation');
    await deep(nurse, ['dh-lobby', 'dh-call', '[role="alertdialog"] button.primary'], 'click');
    await waitDeep(patient, ['dh-patient-join', 'dh-call'], 'text', (t) => String(t).includes('Besöket är avslutat'), 'the end at the patient');
    await waitDeep(nurse, ['dh-lobby', 'dh-call', 'video.self'], 'tracks-ended', (v) => v === true, 'the nurse’s tracks to stop');
    await waitDeep(patient, ['dh-patient-join', 'dh-call', 'video.self'], 'tracks-ended', (v) => v === true, 'the patient’s tracks to stop');
    expect(problems.filter((p) => !p.includes('favicon'))).to.deep.equal([]);
  });

  it('with an interpreter: the code from the SMS lets the interpreter in, and all three see and hear each other', async () => {
    const [nurse, patient, tolk] = await Promise.all([0, 1, 2].map(async () => (await chromium.browser.createBrowserContext()).newPage()));
    const problems = [nurse, patient, tolk].flatMap((p) => watchProblems(p!));
    await bookSoon(server.url, nurse!, '070-555 77 01', { language: 'ar', mobile: '073-555 77 02' });
    const patientLink = /https?:\/\/\S+\/besok#[\w-]{22}/.exec((await smsTo(server.url, '+46705557701'))[0] ?? '')?.[0];
    const [invite, codeSms] = await smsTo(server.url, '+46735557702');
    const tolkLink = /https?:\/\/\S+\/tolk#[\w-]{22}/.exec(invite ?? '')?.[0];
    const code = /\b(\d{6})\b/.exec(codeSms ?? '')?.[1];
    expect([patientLink, tolkLink, code].every(Boolean)).to.equal(true);

    await openLobby(nurse!);
    await openAsPatient(patient!, patientLink!);
    await tolk!.goto(tolkLink!, { waitUntil: 'networkidle0' });
    await enterCode(tolk!, code!);
    await waitDeep(tolk!, ['dh-guest-join'], 'text', (t) => String(t).includes('Koden stämmer'), 'the code accepted');
    await waitDeep(nurse!, ['dh-lobby'], 'text', (t) => String(t).includes('Patienten väntar') && String(t).includes('kod kontrollerad'), 'both in the lobby');

    await startVisit(nurse!);
    // Full mesh: every page shows the two others, and decodes video from both.
    for (const [page, path] of [[nurse!, ['dh-lobby', 'dh-call']], [patient!, ['dh-patient-join', 'dh-call']], [tolk!, ['dh-guest-join', 'dh-call']]] as const) {
      await bothDecoded(page, path);
    }
    const labels = await tolk!.evaluate(() => [...document.querySelector('dh-guest-join')?.shadowRoot?.querySelector('dh-call')?.shadowRoot
      ?.querySelectorAll('video.remote') ?? []].map((v) => v.getAttribute('aria-label')).sort());
    expect(labels).to.deep.equal(['Bild från patienten', 'Bild från sjuksköterskan']);

    await deep(nurse!, ['dh-lobby', 'dh-call', 'button.hangup'], 'click');
    await deep(nurse!, ['dh-lobby', 'dh-call', '[role="alertdialog"] button.primary'], 'click');
    await waitDeep(patient!, ['dh-patient-join', 'dh-call'], 'text', (t) => String(t).includes('Besöket är avslutat'), 'the end at the patient');
    await waitDeep(tolk!, ['dh-guest-join', 'dh-call'], 'text', (t) => String(t).includes('Besöket är avslutat'), 'the end at the interpreter');
    await waitDeep(tolk!, ['dh-guest-join', 'dh-call', 'video.self'], 'tracks-ended', (v) => v === true, 'the interpreter’s tracks to stop');
    expect(problems.filter((p) => !p.includes('favicon'))).to.deep.equal([]);
  });

  it('tells a patient whose visit the nurse cancelled that it is cancelled, on a phone-sized screen', async () => {
    const nurse = await (await chromium.browser.createBrowserContext()).newPage();
    await bookSoon(server.url, nurse, '070-555 66 01');
    const link = /https?:\/\/\S+\/besok#[\w-]{22}/.exec((await smsTo(server.url, '+46705556601'))[0] ?? '')?.[0];
    expect(link).to.be.a('string');

    // The nurse cancels from the calendar: ⋯ → Avboka → confirm.
    await nurse.waitForFunction(() => document.querySelector('dh-calendar')?.shadowRoot?.querySelector('button.booking'));
    await deep(nurse, ['dh-calendar', 'button.booking'], 'click');
    await nurse.waitForFunction(() => document.querySelector('dh-calendar')?.shadowRoot?.querySelector('dh-booking')?.shadowRoot?.querySelector('#more'));
    await deep(nurse, ['dh-calendar', 'dh-booking', '#more'], 'click');
    await nurse.waitForFunction(() => document.querySelector('dh-calendar')?.shadowRoot?.querySelector('dh-booking')?.shadowRoot?.querySelector('#menu li button'));
    await deep(nurse, ['dh-calendar', 'dh-booking', '#menu li button'], 'click');
    await nurse.waitForFunction(() => document.querySelector('dh-calendar')?.shadowRoot?.querySelector('dh-booking')?.shadowRoot?.querySelector('[aria-labelledby="cancel-question"] button.primary'));
    await deep(nurse, ['dh-calendar', 'dh-booking', '[aria-labelledby="cancel-question"] button.primary'], 'click');
    await waitDeep(nurse, ['dh-calendar', 'dh-booking'], 'text', (t) => String(t).includes('Besöket är avbokat'), 'the cancellation');
    const texts = await smsTo(server.url, '+46705556601');
    expect(texts.at(-1)).to.match(/är avbokat/);

    const patient = await (await chromium.browser.createBrowserContext()).newPage();
    await patient.setViewport({ width: 360, height: 740, deviceScaleFactor: 2, isMobile: true, hasTouch: true });
    await openAsPatient(patient, link!);
    await waitDeep(patient, ['dh-patient-join'], 'text', (t) => String(t).includes('Det här besöket är avbokat'), 'the patient to be told');
    expect(await deep(patient, ['dh-patient-join', 'dh-device-check'], 'text')).to.equal(null); // no camera asked for
    // Nothing sticks out sideways on a small phone.
    expect(await patient.evaluate(() => document.documentElement.scrollWidth <= window.innerWidth)).to.equal(true);
  });

  it('fits a phone-sized screen through the device check and the waiting room', async () => {
    const nurse = await (await chromium.browser.createBrowserContext()).newPage();
    await bookSoon(server.url, nurse, '070-555 66 02');
    const link = /https?:\/\/\S+\/besok#[\w-]{22}/.exec((await smsTo(server.url, '+46705556602'))[0] ?? '')?.[0];
    const patient = await preparePage(await (await chromium.browser.createBrowserContext()).newPage());
    await patient.setViewport({ width: 360, height: 740, deviceScaleFactor: 2, isMobile: true, hasTouch: true });
    await openAsPatient(patient, link!);
    await waitDeep(patient, ['dh-patient-join'], 'text', (t) => String(t).includes('väntrummet'), 'the waiting room');
    expect(await patient.evaluate(() => document.documentElement.scrollWidth <= window.innerWidth)).to.equal(true);
    await openLobby(nurse);
    await startVisit(nurse);
    await waitDeep(patient, ['dh-patient-join', 'dh-call', 'video.remote'], 'frames', (n) => Number(n) > 5, 'video at the patient');
    const layout = await patient.evaluate(() => {
      const call = document.querySelector('dh-patient-join')?.shadowRoot?.querySelector('dh-call')?.shadowRoot;
      const rect = (s: string): DOMRect | undefined => call?.querySelector(s)?.getBoundingClientRect();
      const stage = rect('.stage');
      const bar = rect('.bar');
      return { width: window.innerWidth, scroll: document.documentElement.scrollWidth, stage: stage?.width, barRight: bar?.right };
    });
    expect(layout.scroll).to.be.at.most(layout.width);
    expect(layout.stage).to.be.at.most(layout.width);
    expect(layout.barRight).to.be.at.most(layout.width);
  });
});
