import { expect } from 'chai';
import { mkdtemp, rm } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { after, before, describe, it } from 'node:test';
import { clockText, isoDate, swedishClock } from '../../components/src/core/index.js';
import { fillInvite, launchChromium, watchProblems, type LaunchedBrowser } from '../../scripts/browser.js';
import { bookSoon, deep, openLobby, smsTo, waitDeep } from './helpers.js';
import { startDemoServer, type DemoServer } from '../server/server.js';

// Nurse and patient in two isolated browser contexts against the demo server: invite, SMS link,
// knock, "Starta besök", video both ways, hang up. (Mute as silence: media/call-session.test.ts.)
let server: DemoServer;
let chromium: LaunchedBrowser;
let dir = '';

before(async () => {
  dir = await mkdtemp(join(tmpdir(), 'dh-visit-'));
  server = await startDemoServer({ port: 0, dataDir: dir });
  chromium = await launchChromium();
});
after(async () => {
  await chromium.close();
  await server.close();
  await rm(dir, { recursive: true, force: true });
});

describe('a video visit, nurse and patient', () => {
  it('tells a patient whose browser blocks the camera exactly how to allow it', async () => {
    const nurse = await (await chromium.browser.createBrowserContext()).newPage();
    await bookSoon(server.url, nurse, '070-555 00 01');
    const link = /https?:\/\/\S+\/besok#[\w-]{22}/.exec((await smsTo(server.url, '+46705550001'))[0] ?? '')?.[0];
    const denied = await launchChromium([], { denyMedia: true });
    try {
      const patient = await denied.browser.newPage();
      await patient.goto(link!, { waitUntil: 'networkidle0' });
      await waitDeep(patient, ['dh-patient-join', 'dh-device-check'], 'text', (t) => String(t).includes('blockerat'), 'the explanation');
      const text = String(await deep(patient, ['dh-patient-join', 'dh-device-check'], 'text'));
      expect(text).to.match(/Webbläsaren har blockerat kameran\. Klicka på kamerasymbolen eller hänglåset i adressfältet/);
      expect(text).to.match(/blockerat mikrofonen/);
    } finally {
      await denied.close();
    }
  });

  it('locks out an interpreter who types a wrong code five times', async () => {
    const nurse = await (await chromium.browser.createBrowserContext()).newPage();
    const tolk = await (await chromium.browser.createBrowserContext()).newPage();
    await bookSoon(server.url, nurse, '070-555 00 02', { language: 'ar', mobile: '073-555 00 03' });
    const [invite] = await smsTo(server.url, '+46735550003');
    const link = /https?:\/\/\S+\/tolk#[\w-]{22}/.exec(invite ?? '')?.[0];
    expect(link).to.be.a('string');
    await openLobby(nurse);
    await tolk.goto(link!, { waitUntil: 'networkidle0' });
    await tolk.waitForFunction(() => document.querySelector('dh-guest-join')?.shadowRoot?.querySelector('#code'));
    await tolk.waitForFunction(() => document.querySelector('dh-guest-join')?.shadowRoot?.querySelector('button.primary:not([disabled])'));
    for (let i = 1; i <= 5; i++) {
      await tolk.locator('dh-guest-join >>> #code').fill('000000');
      await tolk.locator('dh-guest-join >>> button.primary').click();
      const expected = i < 5 ? `${String(5 - i)} försök kvar` : 'för många gånger';
      await waitDeep(tolk, ['dh-guest-join'], 'text', (t) => String(t).includes(expected), `answer ${String(i)}`);
    }
    expect(await tolk.evaluate(() => document.querySelector('dh-guest-join')?.shadowRoot?.querySelector<HTMLInputElement>('#code')?.disabled)).to.equal(true);
    await waitDeep(nurse, ['dh-lobby'], 'text', (t) => String(t).includes('har inte angett koden'), 'the nurse to see an unverified interpreter');
  });

  it('goes from invitation to a two-way call that the nurse ends, every track stopped', async () => {
    const nurse = await (await chromium.browser.createBrowserContext()).newPage();
    const patient = await (await chromium.browser.createBrowserContext()).newPage();
    const problems = [...watchProblems(nurse), ...watchProblems(patient)];

    // Book a visit five minutes from now at the always-open demo clinic.
    await nurse.goto(`${server.url}/`, { waitUntil: 'networkidle0' });
    const start = swedishClock(new Date(Date.now() + 5 * 60_000));
    await fillInvite(nurse, {
      clinic: 'demo-jour', personnummer: '19121212-1212', givenName: 'Tolvan', familyName: 'Tolvansson',
      mobile: '070-555 12 34', reason: 'Hälsosamtal 50 år', date: isoDate(start.date), time: clockText(start.minutes),
    });
    await nurse.locator('dh-invite >>> #confirm').click();
    await nurse.locator('dh-invite >>> button[type="submit"]').click();
    await nurse.waitForFunction(() => document.querySelector('dh-invite')?.shadowRoot?.querySelector('.status.good'));

    // The SMS in the outbox carries the link; the patient opens it.
    const outbox = (await (await fetch(`${server.url}/outbox.json`)).json()) as { to: string; text: string }[];
    const link = /https?:\/\/\S+\/besok#[\w-]{22}/.exec(outbox.find((m) => m.to === '+46705551234')?.text ?? '')?.[0];
    expect(link).to.be.a('string');
    await patient.goto(link!, { waitUntil: 'networkidle0' });
    await waitDeep(patient, ['dh-patient-join'], 'text', (t) => String(t).includes('Demomottagningen'), 'the visit on the patient page');
    await waitDeep(patient, ['dh-patient-join'], 'text', (t) => String(t).includes('väntrummet'), 'the waiting room');

    // The nurse opens the visit from the calendar and sees the patient waiting.
    await nurse.evaluate(() => document.querySelector('dh-calendar')?.setAttribute('clinic', 'demo-jour'));
    await nurse.evaluate((d) => document.querySelector('dh-calendar')?.setAttribute('date', d), isoDate(start.date));
    await nurse.waitForFunction(() => document.querySelector('dh-calendar')?.shadowRoot?.querySelector('button.booking'));
    await deep(nurse, ['dh-calendar', 'button.booking'], 'click');
    await nurse.waitForFunction(() => document.querySelector('dh-calendar')?.shadowRoot?.querySelector('dh-booking')?.shadowRoot?.querySelector('[part~="start"]:not([disabled])'));
    await Promise.all([nurse.waitForNavigation(), deep(nurse, ['dh-calendar', 'dh-booking', '[part~="start"]'], 'click')]);
    await waitDeep(nurse, ['dh-lobby'], 'text', (t) => String(t).includes('Patienten väntar'), 'the knock in the lobby');
    await nurse.waitForFunction(() => document.title.startsWith('(1)'));
    await nurse.waitForFunction(() => document.querySelector('dh-lobby')?.shadowRoot?.querySelector('[part~="start"]:not([disabled])'));
    await deep(nurse, ['dh-lobby', '[part~="start"]'], 'click');

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
});
