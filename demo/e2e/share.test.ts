import { expect } from 'chai';
import { after, before, describe, it } from 'node:test';
import { watchProblems, type LaunchedBrowser } from '../../scripts/browser.js';
import type { SpawnedServer } from '../server/spawn.js';
import { bookSoon, openAsPatient, openLobby, smsTo, startDemoRun, startVisit, waitDeep, type DemoRun } from './helpers.js';

// Nurse and patient in two browser contexts: the nurse reads a scanned star profile in the lobby,
// reviews what was covered and shares it; the patient sees the document large, never the screen.
let run: DemoRun;
let server: SpawnedServer;
let chromium: LaunchedBrowser;

before(async () => {
  run = await startDemoRun('e2e-share');
  ({ server, chromium } = run);
});
after(() => run.close());

describe('sharing a scanned star profile in a visit', () => {
  it('is read and covered in the nurse’s browser, reviewed, shared as a picture, and stopped everywhere', async () => {
    const nurse = await (await chromium.browser.createBrowserContext()).newPage();
    const patient = await (await chromium.browser.createBrowserContext()).newPage();
    const problems = [...watchProblems(nurse), ...watchProblems(patient)];
    let screens = 0;
    await nurse.exposeFunction('reportScreenShare', () => { screens++; });
    await nurse.evaluateOnNewDocument(() => {
      // This path must never capture the screen: count any attempt.
      const original = navigator.mediaDevices.getDisplayMedia.bind(navigator.mediaDevices);
      navigator.mediaDevices.getDisplayMedia = (options) => {
        void (window as unknown as { reportScreenShare(): Promise<void> }).reportScreenShare();
        return original(options);
      };
    });
    await bookSoon(server.url, nurse, '070-555 31 01');
    const link = /https?:\/\/\S+\/besok#[\w-]{22}/.exec((await smsTo(server.url, '+46705553101'))[0] ?? '')?.[0];
    await openAsPatient(patient, link!);
    await openLobby(nurse);
    await waitDeep(nurse, ['dh-lobby'], 'text', (t) => String(t).includes('Patienten väntar'), 'the patient waiting');
    await startVisit(nurse);
    await waitDeep(patient, ['dh-patient-join', 'dh-call', 'video.remote'], 'frames', (n) => Number(n) > 5, 'the call at the patient');

    // "Dela…" → "Skannad stjärnprofil": the scan is read in the nurse's browser.
    await nurse.locator('dh-lobby >>> dh-share-menu >>> button[aria-controls="panel"]').click();
    await nurse.locator('dh-lobby >>> dh-share-menu >>> ::-p-text(Skannad stjärnprofil)').click();
    await nurse.waitForFunction(() => document.querySelector('dh-lobby')?.shadowRoot?.querySelector('dh-share')?.shadowRoot?.querySelector('input[name="scan"]'));
    const boxes = await nurse.evaluate(async () => {
      const share = document.querySelector('dh-lobby')!.shadowRoot!.querySelector('dh-share')!;
      const canvas = document.createElement('canvas');
      canvas.width = 1700;
      canvas.height = 700;
      const ctx = canvas.getContext('2d')!;
      ctx.fillStyle = '#fff';
      ctx.fillRect(0, 0, canvas.width, canvas.height);
      ctx.fillStyle = '#000';
      ctx.font = '44px "Liberation Sans"';
      ['Stjärnprofil', 'Namn: Tolvan Tolvansson', 'Personnr: 19121212-1212', 'Blodtryck: 128/84 mmHg']
        .forEach((line, i) => { ctx.fillText(line, 80, 100 + i * 110); });
      const blob = await new Promise<Blob>((resolve) => { canvas.toBlob((b) => { resolve(b!); }, 'image/png'); });
      const ready = new Promise<string[]>((resolve) => {
        share.addEventListener('dh-redaction-ready', (e) => { resolve(e.detail.boxes.map((b) => b.kind)); }, { once: true });
      });
      const input = share.shadowRoot!.querySelector<HTMLInputElement>('input[name="scan"]')!;
      const files = new DataTransfer();
      files.items.add(new File([blob], 'stjarnprofil.png', { type: 'image/png' }));
      input.files = files.files;
      input.dispatchEvent(new Event('change', { bubbles: true }));
      return ready;
    });
    expect(boxes).to.include.members(['name', 'personnummer']);

    // "Dela" only after the review.
    const shareButton = 'dh-lobby >>> dh-share >>> button.share';
    expect(await nurse.$eval('dh-lobby >>> dh-share >>> #reviewed', (c) => (c as HTMLInputElement).checked)).to.equal(false);
    await nurse.locator('dh-lobby >>> dh-share >>> #reviewed').click();
    await nurse.locator(shareButton).click();
    await waitDeep(nurse, ['dh-lobby', 'dh-call'], 'text', (t) => String(t).includes('Du delar: dokument'), 'the sharing bar');
    await waitDeep(patient, ['dh-patient-join', 'dh-call', 'video.shared'], 'frames', (n) => Number(n) > 2, 'the document at the patient');
    // The nurse still sees the patient, small is the patient's own picture, large the document.
    await waitDeep(patient, ['dh-patient-join', 'dh-call', 'video.remote'], 'frames', (n) => Number(n) > 5, 'the nurse still seen, small');

    await nurse.locator('dh-lobby >>> dh-call >>> ::-p-text(Sluta dela)').click();
    await waitDeep(patient, ['dh-patient-join', 'dh-call', 'video.shared'], 'frames', (n) => n === null, 'the document gone at the patient', 10_000);
    expect(screens).to.equal(0);
    expect(problems.filter((p) => !p.includes('favicon'))).to.deep.equal([]);
  });
});
