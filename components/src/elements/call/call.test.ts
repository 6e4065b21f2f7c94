import { expect } from 'chai';
import { afterEach, before, describe, it } from 'node:test';
import { sendKeys } from '@web/test-runner-commands';
import { loadLocale, localeDirection, newToken, t, type UiLocale } from '../../core/index.js';
import { GuestSession, HostSession, canvasTrack } from '../../media/index.js';
import { DefaultReconnectPolicy, type ReconnectPolicy } from '../../media/reconnect-policy.js';
import { $, $$, axeViolations, click, mount, nextEvent, until } from '../../testing/dom.js';
import { demoUrl } from '../../testing/env.js';
import './define.js';

let signalling = { url: '', iceServers: [] as RTCIceServer[] };
const sessions: (HostSession | GuestSession)[] = [];
const media = (): Promise<MediaStream> => navigator.mediaDevices.getUserMedia({ video: true, audio: true });

async function connectedPair(policy?: ReconnectPolicy): Promise<{ nurse: HostSession; patient: GuestSession }> {
  const token = newToken();
  const nurse = new HostSession({ signalling, participantToken: token, ...(policy ? { policy } : {}) });
  const patient = new GuestSession({ signalling, token, role: 'patient', knockEveryMs: 300, ...(policy ? { policy } : {}) });
  sessions.push(nurse, patient);
  await nurse.open();
  await patient.start(await media());
  await until(() => nurse.guests.length === 1, 'the knock');
  nurse.admit(await media());
  await until(() => nurse.state === 'connected' && patient.state === 'connected', 'the call');
  return { nurse, patient };
}

/** Nurse, patient and interpreter, all let in, each seeing the two others. */
async function threeParties(): Promise<{ nurse: HostSession; patient: GuestSession; interpreter: GuestSession }> {
  const token = newToken();
  const tolk = newToken();
  const nurse = new HostSession({ signalling, participantToken: token, interpreter: { token: tolk, code: '123456' } });
  const patient = new GuestSession({ signalling, token, role: 'patient', knockEveryMs: 300 });
  const interpreter = new GuestSession({ signalling, token: tolk, role: 'interpreter', knockEveryMs: 300 });
  sessions.push(nurse, patient, interpreter);
  await nurse.open();
  await Promise.all([patient.start(await media()), interpreter.start(await media())]);
  await until(() => interpreter.listed, 'the interpreter listed');
  interpreter.sendCode('123456');
  await until(() => nurse.guests.length === 2 && nurse.guests.every((g) => g.verified), 'both ready');
  nurse.admit(await media());
  await until(() => [nurse, patient, interpreter].every((s) => s.remoteStreams.size === 2), 'the full mesh', 30_000);
  return { nurse, patient, interpreter };
}

/** A phone-wide column in `lang`, its writing direction set as the join pages set it. */
function phone(lang: UiLocale, width = 360): HTMLElement {
  const frame = document.createElement('div');
  frame.style.width = `${String(width)}px`;
  frame.lang = lang;
  frame.dir = localeDirection(lang);
  document.body.append(frame);
  return frame;
}

before(async () => {
  signalling = { url: `${await demoUrl()}/peerjs`, iceServers: [] };
});
afterEach(() => {
  document.body.replaceChildren();
  for (const s of sessions.splice(0)) s.teardown();
});

describe('dh-call', () => {
  it('shows the other party large and oneself small in the lower-left corner, with no axe violations', async () => {
    const { nurse } = await connectedPair();
    const el = await mount('dh-call', (c) => {
      c.session = nurse;
      c.party = 'nurse';
      c.phone = '+46701234567';
    });
    const remote = await until(() => $<HTMLVideoElement>(el, 'video.remote'), 'the remote video');
    await until(() => remote.srcObject, 'the stream');
    const self = $<HTMLVideoElement>(el, 'video.self')!;
    const stage = $(el, '.stage')!.getBoundingClientRect();
    const me = self.getBoundingClientRect();
    expect(me.width).to.be.lessThan(stage.width / 3);
    expect(me.left - stage.left).to.be.lessThan(stage.width / 4);
    expect(stage.bottom - me.bottom).to.be.lessThan(stage.height / 4);
    expect(remote.getAttribute('aria-label')).to.equal('Bild från patienten');
    expect($<HTMLAnchorElement>(el, 'a.phone')!.href).to.equal('tel:+46701234567');
    expect(await axeViolations(el)).to.deep.equal([]);
  });

  it('shows the elapsed time and the connection quality measured from the call', async () => {
    const { patient } = await connectedPair();
    const el = await mount('dh-call', (c) => (c.session = patient));
    const meta = (): string => $$(el, '.meta').map((m) => m.textContent).join(' | ');
    expect(meta()).to.include('Samtalstid 0:00');
    expect(meta()).to.include('Anslutning: mäts…');
    // Loopback: a round trip of well under 150 ms and no loss.
    await until(() => meta().includes('Anslutning: bra'), 'the measured quality', 15_000);
    await until(() => /Samtalstid 0:0[1-9]/.test(meta()), 'the clock to run');
  });

  it('mutes and turns the camera off, announcing the pressed state', async () => {
    const { patient } = await connectedPair();
    const el = await mount('dh-call', (c) => (c.session = patient));
    await click(el, 'Stäng av mikrofonen');
    expect(patient.localStream!.getAudioTracks().every((t) => !t.enabled)).to.equal(true);
    expect($$(el, 'button').find((b) => b.textContent.includes('Sätt på mikrofonen'))!.getAttribute('aria-pressed')).to.equal('true');
    await click(el, 'Stäng av kameran');
    expect(patient.localStream!.getVideoTracks().every((t) => !t.enabled)).to.equal(true);
  });

  it('asks the nurse before ending the visit for everyone', async () => {
    const { nurse, patient } = await connectedPair();
    const el = await mount('dh-call', (c) => {
      c.session = nurse;
      c.party = 'nurse';
    });
    await click(el, 'Avsluta besöket');
    expect(nurse.state).to.equal('connected');
    expect($(el, '[role="alertdialog"]')!.textContent).to.match(/avsluta besöket för alla/);
    expect(await axeViolations(el)).to.deep.equal([]);
    const ended = new Promise<CustomEvent>((resolve) => {
      el.addEventListener('dh-call-end', (e) => {
        resolve(e);
      }, { once: true });
    });
    await click(el, 'Ja, avsluta');
    expect((await ended).detail).to.deep.equal({ state: 'ended' });
    await until(() => patient.state === 'ended', 'the patient to hear it');
  });

  it('says plainly on both sides when the connection cannot be restored, and offers the nurse the phone', async () => {
    const quick = (): DefaultReconnectPolicy => new DefaultReconnectPolicy({ giveUpAfterMs: 1500 });
    const endOf = (el: HTMLElement): Promise<unknown> => new Promise((resolve) => {
      el.addEventListener('dh-call-end', (e) => { resolve(e.detail); }, { once: true });
    });

    // The patient's side vanishes (browser closed, battery dead) without hanging up.
    const first = await connectedPair(quick());
    const atNurse = await mount('dh-call', (c) => {
      c.session = first.nurse;
      c.party = 'nurse';
      c.phone = '+46701234567';
    });
    const nurseEnd = endOf(atNurse);
    first.patient.teardown();
    await until(() => $(atNurse, '[role="status"].banner'), 'återansluter at the nurse');
    expect($(atNurse, '.banner')!.textContent).to.include('Återansluter');
    expect(await nurseEnd).to.deep.equal({ state: 'failed' });
    const alert = await until(() => $(atNurse, '[role="alert"]'), 'the failure at the nurse');
    expect(alert.textContent).to.include('Anslutningen gick inte att återställa. Ring patienten i stället');
    expect(alert.querySelector('a')?.href).to.equal('tel:+46701234567');
    expect(first.nurse.localTracks.every((t) => t.readyState === 'ended')).to.equal(true);
    atNurse.remove();

    // The nurse's side vanishes.
    const second = await connectedPair(quick());
    const atPatient = await mount('dh-call', (c) => (c.session = second.patient));
    const patientEnd = endOf(atPatient);
    second.nurse.teardown();
    expect(await patientEnd).to.deep.equal({ state: 'failed' });
    const told = await until(() => $(atPatient, '[role="alert"]'), 'the failure at the patient');
    expect(told.textContent).to.include('Sjuksköterskan ringer dig');
    expect($(atPatient, 'a.phone')).to.equal(null);
    expect(await axeViolations(atPatient)).to.deep.equal([]);
  });

  it('releases everything it holds when removed, 50 times over (no leak)', async () => {
    const { patient } = await connectedPair();
    // Count the listeners the element adds to the session and removes again.
    let added = 0;
    let removed = 0;
    const add = patient.addEventListener.bind(patient);
    const remove = patient.removeEventListener.bind(patient);
    patient.addEventListener = ((...args: Parameters<typeof add>) => {
      added++;
      add(...args);
    }) as typeof add;
    patient.removeEventListener = ((...args: Parameters<typeof remove>) => {
      removed++;
      remove(...args);
    }) as typeof remove;
    const timers = new Set<number>();
    const setI = window.setInterval.bind(window);
    const clearI = window.clearInterval.bind(window);
    window.setInterval = ((fn: () => void, ms?: number) => {
      const id = setI(fn, ms);
      timers.add(id);
      return id;
    }) as typeof window.setInterval;
    window.clearInterval = ((id?: number) => {
      if (id !== undefined) timers.delete(id);
      clearI(id);
    }) as typeof window.clearInterval;
    try {
      for (let i = 0; i < 50; i++) {
        const el = await mount('dh-call', (c) => (c.session = patient));
        await until(() => $<HTMLVideoElement>(el, 'video.remote')?.srcObject, 'the stream');
        el.remove();
        expect($<HTMLVideoElement>(el, 'video.remote')?.srcObject ?? null).to.equal(null);
      }
    } finally {
      window.setInterval = setI;
      window.clearInterval = clearI;
    }
    // Three events per mount (state, streams, share), each listener removed again.
    expect(added).to.equal(150);
    expect(removed).to.equal(150);
    expect(timers.size).to.equal(0);
  });
  it('fires dh-call-end exactly once per visit, whatever happens after', async () => {
    const { nurse, patient } = await connectedPair();
    const el = await mount('dh-call', (c) => {
      c.session = patient;
    });
    const ends: unknown[] = [];
    el.addEventListener('dh-call-end', (e) => ends.push(e.detail));
    await nurse.end();
    await until(() => patient.state === 'ended', 'the end');
    // More changes after the end: a re-render, the session set again, another teardown.
    el.session = undefined;
    await el.updateComplete;
    el.session = patient;
    await el.updateComplete;
    patient.teardown();
    await new Promise((r) => setTimeout(r, 300));
    expect(ends).to.deep.equal([{ state: 'ended' }]);
  });
  it('shows a shared document large to the patient, with the nurse small too and herself lower left; the nurse sees "Du delar" and stops it', async () => {
    const { nurse, patient } = await connectedPair();
    const page = document.createElement('canvas');
    page.width = 600;
    page.height = 840;
    const context = page.getContext('2d')!;
    context.fillStyle = '#fff';
    context.fillRect(0, 0, 600, 840);
    nurse.startShare(canvasTrack(page), 'star-profile');
    const atPatient = await mount('dh-call', (c) => (c.session = patient));
    const shared = await until(() => $<HTMLVideoElement>(atPatient, 'video.shared'), 'the shared document');
    await until(() => shared.srcObject, 'its stream');
    expect(shared.getAttribute('aria-label')).to.equal('Sjuksköterskan visar: stjärnprofilen');
    const stage = $(atPatient, '.stage')!.getBoundingClientRect();
    const doc = shared.getBoundingClientRect();
    const nurseTile = $(atPatient, 'video.remote')!.getBoundingClientRect();
    const self = $(atPatient, 'video.self')!.getBoundingClientRect();
    expect(doc.width).to.be.greaterThan(stage.width * 0.9);
    expect(nurseTile.width).to.be.lessThan(stage.width / 3);
    expect(stage.right - nurseTile.right).to.be.lessThan(stage.width / 4);
    expect(stage.bottom - nurseTile.bottom).to.be.lessThan(stage.height / 4);
    expect(self.left - stage.left).to.be.lessThan(stage.width / 4);
    expect(stage.bottom - self.bottom).to.be.lessThan(stage.height / 4);
    expect(await axeViolations(atPatient)).to.deep.equal([]);

    const atNurse = await mount('dh-call', (c) => {
      c.session = nurse;
      c.party = 'nurse';
    });
    const bar = await until(() => $(atNurse, '[part="sharing"]'), 'the sharing bar');
    expect(bar.textContent).to.match(/Du delar: stjärnprofil/);
    // The nurse keeps the participant large: no shared picture in her own view.
    expect($(atNurse, 'video.shared')).to.equal(null);
    expect(await axeViolations(atNurse)).to.deep.equal([]);
    const stopped = nextEvent(atNurse, 'dh-share-stop');
    await click(atNurse, 'Sluta dela');
    await stopped;
    expect(nurse.sharing).to.equal(undefined);
    await until(() => $(atNurse, '[part="sharing"]') === null && $(atPatient, 'video.shared') === null, 'the share gone from both views', 5000);
  });
  describe('with three parties', () => {
    for (const lang of ['sv', 'ar'] as const) {
      it(`fits a 360 px phone in ${lang}: the nurse large, the interpreter and oneself small below, in the text's direction, all named`, async () => {
        await loadLocale(lang);
        const { patient } = await threeParties();
        const frame = phone(lang);
        const el = await mount('dh-call', (c) => (c.session = patient), frame);
        await until(() => $$(el, 'video.remote').length === 2 && $$(el, 'video').every((v) => (v as HTMLVideoElement).srcObject), 'both others and oneself');
        const bounds = frame.getBoundingClientRect();
        expect(el.scrollWidth, 'nothing to scroll sideways').to.be.at.most(360);
        for (const video of $$(el, 'video')) {
          const box = video.getBoundingClientRect();
          expect(box.width, video.getAttribute('aria-label') ?? '').to.be.greaterThan(50);
          expect(box.left, video.getAttribute('aria-label') ?? '').to.be.at.least(bounds.left - 0.5);
          expect(box.right, video.getAttribute('aria-label') ?? '').to.be.at.most(bounds.right + 0.5);
        }
        const tile = (role: 'nurse' | 'interpreter'): HTMLElement =>
          $$(el, 'video.remote').find((v) => v.getAttribute('aria-label') === t('ui.call.remote', { name: t(`ui.role.${role}`, {}, lang) }, lang))!.closest('.tile')!;
        const large = tile('nurse').getBoundingClientRect();
        const small = tile('interpreter').getBoundingClientRect();
        const self = $(el, 'video.self')!.getBoundingClientRect();
        expect(large.width).to.be.greaterThan(bounds.width * 0.9);
        expect(small.width).to.be.lessThan(large.width / 2);
        expect(self.width).to.be.lessThan(large.width / 2);
        expect(small.top).to.be.at.least(large.bottom - 1);
        expect(Math.abs(self.top - small.top)).to.be.lessThan(2);
        // The small tiles follow the text: from the left in Swedish, from the right in Arabic.
        if (lang === 'sv') expect(small.left).to.be.lessThan(self.left);
        else expect(small.right).to.be.greaterThan(self.right);
        expect(tile('nurse').querySelector('.name')!.textContent.trim()).to.equal(t('ui.call.name.nurse', {}, lang));
        expect(tile('interpreter').querySelector('.name')!.textContent.trim()).to.equal(t('ui.call.name.interpreter', {}, lang));
        expect(await axeViolations(el)).to.deep.equal([]);

        // The interpreter's name, by keyboard: the interpreter large, the nurse small.
        const name = tile('interpreter').querySelector<HTMLButtonElement>('button.name')!;
        expect(name.getAttribute('aria-label')).to.equal(t('ui.call.enlarge', { name: t('ui.call.name.interpreter', {}, lang) }, lang));
        name.focus();
        await sendKeys({ press: 'Enter' });
        await until(() => tile('interpreter').classList.contains('large'), 'the interpreter large');
        expect(tile('interpreter').getBoundingClientRect().width).to.be.greaterThan(bounds.width * 0.9);
        expect(tile('nurse').getBoundingClientRect().width).to.be.lessThan(bounds.width / 2);
        expect(name.getAttribute('aria-pressed')).to.equal('true');
        expect(el.scrollWidth).to.be.at.most(360);
      });
    }

    it('names every tile for the nurse, the patient large beside the interpreter on a wide screen', async () => {
      const { nurse } = await threeParties();
      const el = await mount('dh-call', (c) => {
        c.session = nurse;
        c.party = 'nurse';
        c.names = { patient: 'Tolvan Tolvansson', interpreter: 'Tolk, arabiska' };
      }, phone('sv', 1000));
      await until(() => $$(el, 'video.remote').length === 2 && $$(el, 'video.remote').every((v) => (v as HTMLVideoElement).srcObject), 'both others');
      const [first, second] = $$(el, '.tile').sort((a, b) => a.getBoundingClientRect().left - b.getBoundingClientRect().left);
      expect(first!.querySelector('.name')!.textContent.trim()).to.equal('Tolvan Tolvansson');
      expect(second!.querySelector('.name')!.textContent.trim()).to.equal('Tolk, arabiska');
      expect(first!.getBoundingClientRect().width).to.be.greaterThan(second!.getBoundingClientRect().width * 1.5);
      const stage = $(el, '.stage')!.getBoundingClientRect();
      const self = $(el, 'video.self')!.getBoundingClientRect();
      expect(self.left - stage.left).to.be.lessThan(stage.width / 4);
      expect(await axeViolations(el)).to.deep.equal([]);
    });
  });
});
