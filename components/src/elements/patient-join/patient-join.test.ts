import { expect } from 'chai';
import { afterEach, before, describe, it } from 'node:test';
import { sendKeys } from '@web/test-runner-commands';
import { LOCALE_NAMES, PATIENT_LOCALES, loadLocale, localVisitText, localeDirection, newToken, roomPeerId, t } from '../../core/index.js';
import { HostSession } from '../../media/index.js';
import { $, axeViolations, click, fill, focusedElement, mount, tabUntil, until } from '../../testing/dom.js';
import { demoUrl } from '../../testing/env.js';
import { watchResources } from '../../testing/leaks.js';
import type { DhCall } from '../call/call.element.js';
import type { DhStarProfile } from '../star-profile/star-profile.element.js';
import { configure, resetConfig, type DhConfig } from '../shared/config.js';
import { LANGUAGE_STORAGE_KEY } from '../shared/join-base.js';
import './define.js';
import '../guest-join/define.js';

let base = '';
const hosts: HostSession[] = [];

/** Lists a visit as the nurse's side does (the demo server knows the clinic 'gagnef' as Vårdcentralen Gagnef). */
async function list(token: string, listing: { start: string; durationMinutes: number; status: string; language?: string }): Promise<void> {
  const r = await fetch(`${base}/api/visits/${await roomPeerId(token)}`, {
    method: 'PUT', headers: { 'Content-Type': 'application/json' }, body: JSON.stringify({ clinicId: 'gagnef', ...listing }),
  });
  expect(r.status).to.equal(201);
}
const soon = (): string => new Date(Date.now() + 10 * 60_000).toISOString();

/** A listed visit and its patient's page, in the waiting room with its self view showing. */
async function inWaitingRoom(): Promise<{ token: string; el: HTMLElementTagNameMap['dh-patient-join']; preview: HTMLVideoElement; stream: MediaStream }> {
  const token = newToken();
  await list(token, { start: soon(), durationMinutes: 45, status: 'booked' });
  const el = await mount('dh-patient-join', (e) => (e.token = token));
  const preview = await until(() => $<HTMLVideoElement>(el, '.self-view video'), 'the self view', 20_000);
  const stream = await until(() => preview.srcObject as MediaStream | null, 'its stream');
  return { token, el, preview, stream };
}

/** The nurse's side of `token`'s visit, with the patient knocking on it. */
async function nurseFor(token: string): Promise<HostSession> {
  const nurse = new HostSession({ signalling: { url: `${base}/peerjs`, iceServers: [] }, participantToken: token });
  hosts.push(nurse);
  await nurse.open();
  await until(() => nurse.guests.length === 1, 'the knock');
  return nurse;
}

before(async () => {
  base = await demoUrl();
});
afterEach(() => {
  document.body.replaceChildren();
  localStorage.removeItem(LANGUAGE_STORAGE_KEY);
  for (const h of hosts.splice(0)) h.teardown();
  resetConfig();
});

describe('dh-patient-join', () => {
  const setup = (): void => {
    configure({ visitDirectoryUrl: `${base}/api/visits`, signallingUrl: `${base}/peerjs`, iceServers: [] });
  };

  for (const [what, status, start, message] of [
    ['cancelled', 'cancelled', soon(), /avbokat/],
    ['past', 'booked', '2020-01-01T10:00:00.000Z', /redan varit/],
  ] as const) {
    it(`says plainly that a ${what} visit's link no longer works`, async () => {
      setup();
      const token = newToken();
      await list(token, { start, durationMinutes: 45, status });
      const el = await mount('dh-patient-join', (e) => (e.token = token));
      await until(() => $(el, '[role="alert"]'), 'the message');
      expect($(el, '[role="alert"]')!.textContent).to.match(message);
      expect($(el, 'dh-device-check')).to.equal(null);
      expect(await axeViolations(el)).to.deep.equal([]);
    });
  }

  it('says plainly when the link is missing, or was damaged on the way (cut short, a stray %)', async () => {
    setup();
    const cut = await mount('dh-patient-join', (e) => (e.token = 'abc'));
    await until(() => $(cut, '[role="alert"]'), 'the message');
    expect($(cut, '[role="alert"]')!.textContent).to.match(/skadats på vägen/);
    const before = location.hash;
    try {
      for (const [hash, message] of [['#' + newToken().slice(0, 20) + '%', /skadats på vägen/], ['', /ofullständig/]] as const) {
        history.replaceState(null, '', `${location.pathname}${location.search}${hash}`);
        const el = await mount('dh-patient-join');
        await until(() => $(el, '[role="alert"]'), `the message for "${hash}"`);
        expect($(el, '[role="alert"]')!.textContent).to.match(message);
        expect(await axeViolations(el)).to.deep.equal([]);
        el.remove();
      }
    } finally {
      history.replaceState(null, '', `${location.pathname}${location.search}${before}`);
    }
  });

  it('keeps asking while the directory does not know the visit yet, says it is trying again, and shows the visit once it is listed', async () => {
    setup();
    const token = newToken();
    const el = await mount('dh-patient-join', (e) => {
      e.token = token;
      e.directoryPatienceMs = 60_000;
    });
    await until(() => $(el, '[role="status"]')?.textContent.includes('försöker igen'), 'the retry notice');
    expect(await axeViolations(el)).to.deep.equal([]);
    await list(token, { start: soon(), durationMinutes: 45, status: 'booked' });
    await until(() => el.shadowRoot?.textContent.includes('Vårdcentralen Gagnef') && $(el, 'dh-device-check'), 'the visit, then the device check', 15_000);
  });

  it('lets the patient go on to the waiting room when the directory stays down, and the nurse’s room decides', async () => {
    configure({ visitDirectoryUrl: 'http://127.0.0.1:9/api/visits', signallingUrl: `${base}/peerjs`, iceServers: [] });
    const token = newToken();
    const el = await mount('dh-patient-join', (e) => {
      e.token = token;
      e.directoryPatienceMs = 1500;
    });
    await until(() => $(el, '[role="status"]')?.textContent.includes('försöker igen'), 'the retry notice');
    const goOn = await until(() => [...el.shadowRoot!.querySelectorAll('button')].find((b) => b.textContent.includes('Fortsätt till väntrummet')), 'the way on');
    expect($(el, '[role="status"]')!.textContent).to.match(/kunde inte hämta uppgifterna/);
    expect(await axeViolations(el)).to.deep.equal([]);
    goOn.click();
    await until(() => $(el, '[role="status"]')?.textContent.includes('väntrummet'), 'the waiting room');
    const nurse = new HostSession({ signalling: { url: `${base}/peerjs`, iceServers: [] }, participantToken: token });
    hosts.push(nurse);
    await nurse.open();
    await until(() => nurse.guests.length === 1, 'the knock at the nurse’s room');
  });

  it('shows the visit, checks devices, waits calmly, knocks by itself and joins the call', async () => {
    setup();
    const token = newToken();
    await list(token, { start: soon(), durationMinutes: 45, status: 'booked' });
    const el = await mount('dh-patient-join', (e) => (e.token = token));
    await until(() => el.shadowRoot?.textContent.includes('Vårdcentralen Gagnef'), 'the visit');
    await until(() => $(el, '[role="status"]')?.textContent.includes('väntrummet'), 'the waiting room');
    expect(await axeViolations(el)).to.deep.equal([]);
    expect($(el, '.hint')!.textContent).to.match(/inte öppnat besöket ännu/);
    // While waiting, the patient can still check that sound is heard.
    expect(el.shadowRoot!.textContent).to.include('Medan du väntar kan du prova att ljudet hörs');
    expect($(el, 'dh-speaker-test')).to.not.equal(null);

    const nurse = new HostSession({ signalling: { url: `${base}/peerjs`, iceServers: [] }, participantToken: token });
    hosts.push(nurse);
    await nurse.open();
    await until(() => nurse.guests.length === 1, 'the knock');
    nurse.admit(await navigator.mediaDevices.getUserMedia({ video: true, audio: true }));
    const call = await until(() => $<DhCall>(el, 'dh-call'), 'the call');
    await until(() => $<HTMLVideoElement>(call, 'video.remote')?.srcObject, 'the nurse on screen');
    expect(await axeViolations(el)).to.deep.equal([]);

    // The language can change in the call too: the call's own controls follow, right to left.
    await el.setLanguage('fa');
    await until(() => call.shadowRoot?.textContent.includes('خاموش کردن میکروفون'), 'the call controls in Persian');
    expect(getComputedStyle(call).direction).to.equal('rtl');
    expect($(call, 'video.remote')!.getAttribute('aria-label')).to.equal('تصویر پرستار');
    expect(await axeViolations(el)).to.deep.equal([]);
  });

  it('switches language, including the visit date', async () => {
    setup();
    const token = newToken();
    await list(token, { start: '2099-12-01T13:30:00.000Z', durationMinutes: 45, status: 'booked' });
    const el = await mount('dh-patient-join', (e) => (e.token = token));
    await until(() => el.shadowRoot?.textContent.includes('december'), 'the visit');
    const select = $<HTMLSelectElement>(el, '#lang')!;
    select.value = 'en';
    select.dispatchEvent(new Event('change'));
    await until(() => $(el, 'h1')?.textContent === 'Your video visit', 'English');
    expect($(el, '.when')!.textContent).to.contain('Tuesday, 1 December 2099 at 14:30');
  });

  it('ends in the last language asked for, however long an earlier one takes to load', async () => {
    setup();
    const token = newToken();
    await list(token, { start: '2099-12-01T13:30:00.000Z', durationMinutes: 45, status: 'booked' });
    const el = await mount('dh-patient-join', (e) => (e.token = token));
    await until(() => $(el, '.when'), 'the visit');
    const slow = el.setLanguage('ti'); // a chunk to fetch
    await el.setLanguage('en'); // at hand
    await slow;
    expect(el.lang).to.equal('en');
    expect($(el, 'h1')!.textContent).to.equal('Your video visit');
  });

  it('offers each language by its own name, and right to left reads right to left', async () => {
    setup();
    const token = newToken();
    await list(token, { start: '2099-12-01T13:30:00.000Z', durationMinutes: 45, status: 'booked' });
    const el = await mount('dh-patient-join', (e) => (e.token = token));
    const select = $<HTMLSelectElement>(el, '#lang')!;
    expect([...select.options].map((o) => o.textContent.trim())).to.deep.equal(['Svenska', 'English', 'العربية', 'فارسی', 'Suomi', 'Soomaali', 'ትግርኛ']);
    expect([...select.options].map((o) => o.lang)).to.deep.equal(['sv', 'en', 'ar', 'fa', 'fi', 'so', 'ti']);

    select.value = 'ar';
    select.dispatchEvent(new Event('change'));
    await until(() => $(el, 'h1')?.textContent === 'زيارتك عبر الفيديو', 'Arabic');
    expect(el.getAttribute('dir')).to.equal('rtl');
    expect(getComputedStyle($(el, 'h1')!).direction).to.equal('rtl');
    // The heading's text starts at the right.
    const range = document.createRange();
    range.selectNodeContents($(el, 'h1')!);
    const text = range.getBoundingClientRect();
    const box = $(el, 'h1')!.getBoundingClientRect();
    expect(box.right - text.right).to.be.lessThan(text.left - box.left);
    await until(() => el.shadowRoot?.textContent.includes('أنت الآن في غرفة الانتظار'), 'the waiting room in Arabic');
    expect($(el, '.when')!.textContent).to.contain('Vårdcentralen Gagnef');
    expect($(el, '.when')!.textContent).to.match(/ديسمبر|كانون الأول/);
    expect(await axeViolations(el)).to.deep.equal([]);

    select.value = 'fi';
    select.dispatchEvent(new Event('change'));
    await until(() => $(el, 'h1')?.textContent === 'Videokäyntisi', 'Finnish');
    expect(el.getAttribute('dir')).to.equal('ltr');
    expect(el.shadowRoot!.textContent).to.include('Olet odotushuoneessa');
  });

  it('opens in the language of the invitation, unless the element has a language of its own', async () => {
    setup();
    const token = newToken();
    await list(token, { start: '2099-12-01T13:30:00.000Z', durationMinutes: 45, status: 'booked', language: 'en' });
    const invited = await mount('dh-patient-join', (e) => (e.token = token));
    await until(() => $(invited, 'h1')?.textContent === 'Your video visit', 'English from the invitation');
    expect($<HTMLSelectElement>(invited, '#lang')!.value).to.equal('en');
    invited.remove();

    const own = await mount('dh-patient-join', (e) => {
      e.token = token;
      e.setAttribute('lang', 'fi');
    });
    await until(() => own.shadowRoot?.textContent.includes('Vårdcentralen Gagnef'), 'the visit');
    // Past loading, where the invitation's language would have been applied.
    await until(() => $(own, 'dh-device-check') ?? $(own, 'dh-speaker-test'), 'the device check or the waiting room');
    expect($(own, 'h1')!.textContent).to.equal('Videokäyntisi');
  });

  it('opens in the language the page asks for', async () => {
    setup();
    const token = newToken();
    await list(token, { start: '2099-12-01T13:30:00.000Z', durationMinutes: 45, status: 'booked' });
    const el = await mount('dh-patient-join', (e) => {
      e.token = token;
      e.setAttribute('lang', 'fa');
    });
    await until(() => $(el, 'h1')?.textContent === 'ملاقات ویدیویی شما', 'Persian');
    expect(el.getAttribute('dir')).to.equal('rtl');
    expect($<HTMLSelectElement>(el, '#lang')!.value).to.equal('fa');
  });

  it('works by keyboard alone, with focus always visible: language, then the sound check while waiting', async () => {
    setup();
    const token = newToken();
    await list(token, { start: soon(), durationMinutes: 45, status: 'booked' });
    const el = await mount('dh-patient-join', (e) => (e.token = token));
    await until(() => $(el, '[role="status"]')?.textContent.includes('väntrummet'), 'the waiting room');

    await tabUntil((f) => f.id === 'lang', 'the language choice');
    await sendKeys({ press: 'ArrowDown' });
    await until(() => $(el, 'h1')?.textContent === 'Your video visit', 'English by keyboard');
    await tabUntil((f) => f.textContent.trim() === 'Play a test sound', 'the sound check');
    await sendKeys({ press: 'Enter' });
    // Focus moves on to the question's first answer, then to the verdict.
    await until(() => focusedElement()?.textContent.trim() === 'Yes', 'focus on the answer');
    await sendKeys({ press: 'Space' });
    await until(() => focusedElement()?.classList.contains('verdict'), 'focus on the verdict');
    expect(focusedElement()!.textContent.trim()).to.equal('✓ Works');
  });
  it('lets the patient fill in the star profile while waiting; it stays on the device until the nurse lets the patient in', async () => {
    setup();
    const token = newToken();
    await list(token, { start: soon(), durationMinutes: 45, status: 'booked' });
    const el = await mount('dh-patient-join', (e) => (e.token = token));
    await until(() => $(el, '[role="status"]')?.textContent.includes('väntrummet'), 'the waiting room');
    await click(el, 'Fyll i stjärnprofilen');
    const profile = await until(() => $<DhStarProfile>(el, 'dh-star-profile'), 'the form, loaded when asked for');
    await until(() => $(profile, '[name="systolic"]'), 'its fields');
    await fill(profile, 'systolic', '142');
    await fill(profile, 'bmi', '27,5');
    await click(profile, 'Spara');
    const room = await roomPeerId(token);
    await until(() => localStorage.getItem(`dh-star-profile:${room}`) !== null, 'the answers kept on the device');
    expect(JSON.parse(localStorage.getItem(`dh-star-profile:${await roomPeerId(token)}`)!)).to.deep.include({ values: { systolic: 142, bmi: 27.5 } });
    expect(await axeViolations(el)).to.deep.equal([]);

    const nurse = new HostSession({ signalling: { url: `${base}/peerjs`, iceServers: [] }, participantToken: token });
    hosts.push(nurse);
    await nurse.open();
    await until(() => nurse.guests.length === 1, 'the knock');
    await new Promise((r) => setTimeout(r, 500));
    expect(nurse.starProfile).to.equal(undefined); // nothing before the nurse lets the patient in
    nurse.admit(await navigator.mediaDevices.getUserMedia({ video: true, audio: true }));
    await until(() => nurse.starProfile, 'the answers at the nurse');
    expect(nurse.starProfile).to.deep.equal({ systolic: 142, bmi: 27.5 });
    localStorage.removeItem(`dh-star-profile:${await roomPeerId(token)}`);
  });

  describe('in every patient language', () => {
    /**
     * Whether the page's font draws `a` and `b` differently: two different letters drawn as the
     * same box are tofu (no font on the machine has them).
     */
    const drawnApart = (font: string, a: string, b: string): boolean => {
      const draw = (text: string): string => {
        const canvas = document.createElement('canvas');
        canvas.width = 64;
        canvas.height = 64;
        const g = canvas.getContext('2d')!;
        g.font = font;
        g.fillText(text, 8, 48);
        return canvas.toDataURL();
      };
      return draw(a) !== draw(b);
    };

    for (const locale of PATIENT_LOCALES) {
      it(`opens in ${LOCALE_NAMES[locale]} (${locale}) when invited in it, dates too, with no axe violations`, async () => {
        setup();
        await loadLocale(locale);
        const token = newToken();
        const start = '2099-12-01T13:30:00.000Z';
        await list(token, { start, durationMinutes: 45, status: 'booked', language: locale });
        const el = await mount('dh-patient-join', (e) => (e.token = token));
        await until(() => $(el, '.when') && $(el, 'h1')?.textContent === t('ui.join.title', {}, locale), `the visit, titled in ${locale}`);
        expect(el.lang).to.equal(locale);
        expect(el.dir).to.equal(localeDirection(locale));
        expect(getComputedStyle($(el, 'h1')!).direction).to.equal(localeDirection(locale));
        expect($<HTMLSelectElement>(el, '#lang')!.value).to.equal(locale);
        const when = localVisitText(new Date(start), locale);
        expect($(el, '.when')!.textContent).to.equal(t('ui.join.when', { clinic: 'Vårdcentralen Gagnef', date: when.date, time: when.time }, locale));
        expect(await axeViolations(el)).to.deep.equal([]);
        // On to the waiting room (the fake devices pass the check), the sound check in it speaking the same language.
        await until(() => el.shadowRoot?.textContent.includes(t('ui.join.waiting', {}, locale)), `the waiting room in ${locale}`);
        const speaker = $(el, 'dh-speaker-test')!;
        await until(() => speaker.shadowRoot?.textContent.includes(t('ui.device.speakerTest', {}, locale)), `the sound check in ${locale}`);
        expect(await axeViolations(el)).to.deep.equal([]);
        // Every letter is drawn by a font of the machine, Ge'ez script too (not tofu).
        const font = getComputedStyle($(el, 'h1')!).font;
        const letters = [...new Set(Array.from(new Intl.Segmenter(locale).segment(t('ui.join.title', {}, locale)), (g) => g.segment).filter((c) => /^\p{L}/u.test(c)))];
        if (letters.length > 1) expect(drawnApart(font, letters[0]!, letters[1]!), `${letters[0]!} and ${letters[1]!} drawn apart`).to.equal(true);
      });
    }

    it('remembers the patient\'s choice on the device, and opens the next visit\'s link in it', async () => {
      setup();
      const first = newToken();
      await list(first, { start: soon(), durationMinutes: 45, status: 'booked', language: 'en' });
      const el = await mount('dh-patient-join', (e) => (e.token = first));
      await until(() => $(el, 'h1')?.textContent === 'Your video visit', 'English, as invited');
      expect(localStorage.getItem(LANGUAGE_STORAGE_KEY)).to.equal(null); // a default is not a choice
      const select = $<HTMLSelectElement>(el, '#lang')!;
      select.value = 'so';
      select.dispatchEvent(new Event('change'));
      await until(() => $(el, 'h1')?.textContent === 'Booqashadaada fiidiyowga', 'Somali, chosen');
      expect(el.dir).to.equal('ltr');
      expect(localStorage.getItem(LANGUAGE_STORAGE_KEY)).to.equal('so'); // the code, nothing else
      el.remove();

      // Another visit, invited in Arabic: the patient's own choice wins.
      const next = newToken();
      await list(next, { start: soon(), durationMinutes: 45, status: 'booked', language: 'ar' });
      const again = await mount('dh-patient-join', (e) => (e.token = next));
      await until(() => $(again, '.when'), 'the next visit');
      await until(() => again.shadowRoot?.textContent.includes('Waxaad joogtaa qolka sugitaanka'), 'past loading, to the waiting room');
      expect($(again, 'h1')!.textContent).to.equal('Booqashadaada fiidiyowga');
      expect($(again, '.when')!.textContent).to.match(/saacadda \d\d:\d\d$/);
    });
  });
  it('asks the patient to sign in with BankID or Freja eID where the region has a broker, and lets them go on without', async () => {
    const identity = (await (await fetch(`${base}/api/identity-config`)).json()) as DhConfig['identity'];
    configure({ visitDirectoryUrl: `${base}/api/visits`, signallingUrl: `${base}/peerjs`, iceServers: [], ...(identity ? { identity } : {}) });
    const token = newToken();
    await list(token, { start: soon(), durationMinutes: 45, status: 'booked' });
    const el = await mount('dh-patient-join', (e) => (e.token = token));
    const section = await until(() => $(el, 'section[aria-labelledby="sign-in-heading"]'), 'the sign-in step');
    expect(section.querySelector('h2')!.textContent).to.equal('Legitimera dig');
    expect([...section.querySelectorAll('button.primary')].map((b) => b.textContent.trim())).to.deep.equal(['BankID', 'Freja eID']);
    expect(await axeViolations(el)).to.deep.equal([]);
    // Keyboard: the first method is a Tab away from the language menu.
    await tabUntil((f) => f.textContent.trim() === 'BankID', 'BankID by keyboard');
    // Found again at the click: the step re-renders when the visit's listing and language arrive.
    const onWithout = await until(() => $<HTMLButtonElement>(el, 'section[aria-labelledby="sign-in-heading"] button.link'), 'the way on without');
    onWithout.click();
    await until(() => $(el, 'dh-device-check'), 'the device check without e-legitimation');
  });

  it('keeps every word at twice the text size on a phone-sized page, with nothing to scroll sideways', async () => {
    setup();
    const token = newToken();
    await list(token, { start: soon(), durationMinutes: 45, status: 'booked' });
    document.documentElement.style.fontSize = '200%';
    try {
      const frame = document.createElement('div');
      frame.style.width = '360px';
      document.body.append(frame);
      const el = document.createElement('dh-patient-join');
      el.token = token;
      frame.append(el);
      await until(() => $(el, 'dh-device-check') ?? $(el, '[role="status"]')?.textContent.includes('väntrummet'), 'the page');
      await new Promise((r) => setTimeout(r, 300));
      const wide: string[] = [];
      const walk = (root: ShadowRoot | Element): void => {
        const texts = document.createTreeWalker(root, NodeFilter.SHOW_TEXT);
        for (let n = texts.nextNode(); n; n = texts.nextNode()) {
          const range = document.createRange();
          range.selectNodeContents(n);
          const r = range.getBoundingClientRect();
          if (r.right > frame.getBoundingClientRect().left + 361) wide.push(`text "${(n.textContent ?? '').trim().slice(0, 40)}" ${String(Math.round(r.right))}`);
        }
        for (const child of root.querySelectorAll('*')) {
          const r = child.getBoundingClientRect();
          if (r.right > frame.getBoundingClientRect().left + 361) wide.push(`${child.tagName}.${child.className} ${String(Math.round(r.width))}`);
          if (child.shadowRoot) walk(child.shadowRoot);
        }
      };
      walk(el.shadowRoot!);
      expect(wide, 'nothing wider than the phone').to.deep.equal([]);
      expect(el.scrollWidth, 'no sideways scrolling').to.be.at.most(360 + 1);
      for (const control of [...el.shadowRoot!.querySelectorAll<HTMLElement>('select, button, h1')]) {
        const box = control.getBoundingClientRect();
        expect(box.right - frame.getBoundingClientRect().left, control.textContent.trim()).to.be.at.most(361);
      }
    } finally {
      document.documentElement.style.fontSize = '';
    }
  });
  describe('the waiting room', () => {
    it('shows the patient mirrored, with the microphone level, from the very tracks the call then sends; they stop when the patient leaves', async () => {
      setup();
      const { token, el, preview, stream } = await inWaitingRoom();
      await until(() => preview.videoWidth > 0, 'a picture');
      expect(preview.hidden).to.equal(false);
      expect(getComputedStyle(preview).scale).to.equal('-1 1');
      expect(preview.getAttribute('aria-label')).to.equal('Din kamerabild');
      const meter = $<HTMLMeterElement>(el, '.self-view meter')!;
      expect(meter.getAttribute('aria-label')).to.equal('Ljudnivå från mikrofonen');
      await until(() => $<HTMLMeterElement>(el, '.self-view meter')!.value > 0, 'the microphone level');
      expect(await axeViolations(el)).to.deep.equal([]);
      const tracks = stream.getTracks();
      expect(tracks.map((t) => t.kind).sort()).to.deep.equal(['audio', 'video']);

      const nurse = await nurseFor(token);
      nurse.admit(await navigator.mediaDevices.getUserMedia({ video: true, audio: true }));
      const call = await until(() => $<DhCall>(el, 'dh-call'), 'the call');
      const sent = await until(() => {
        const ids = call.session?.peerConnections.flatMap((pc) => pc.getSenders()).map((s) => s.track?.id).filter((id) => id !== undefined);
        return ids?.length === 2 ? ids : undefined;
      }, 'the call sending');
      expect([...sent].sort(), 'no second camera: the call sends what the waiting room showed').to.deep.equal(tracks.map((t) => t.id).sort());
      el.remove();
      expect(tracks.map((t) => t.readyState)).to.deep.equal(['ended', 'ended']);
    });

    it('says the camera is blocked, and how to allow it in this browser, when the browser refused it', async () => {
      setup();
      const media = navigator.mediaDevices;
      const getUserMedia = media.getUserMedia.bind(media);
      // The browser's answer when the site's camera permission is blocked and the microphone's allowed.
      media.getUserMedia = (constraints?: MediaStreamConstraints): Promise<MediaStream> =>
        constraints?.video ? Promise.reject(new DOMException('Permission denied', 'NotAllowedError')) : getUserMedia(constraints);
      try {
        const { el, preview, stream } = await inWaitingRoom();
        expect(stream.getVideoTracks()).to.deep.equal([]);
        const told = await until(() => $(el, '.self-view [role="status"]'), 'the message');
        expect(told.textContent).to.include('Kameran är blockerad i webbläsaren. Sjuksköterskan hör dig men ser dig inte.');
        // Headless Chromium: the fix for Chrome and Edge, not the others'.
        expect(told.textContent).to.include('Chrome och Edge: tryck på kamerasymbolen (eller hänglåset) i adressfältet');
        expect(told.textContent).not.to.include('Firefox');
        expect(preview.hidden).to.equal(true);
        expect(await axeViolations(el)).to.deep.equal([]);
        // Still in the waiting room with sound only: the microphone's level shows.
        await until(() => $<HTMLMeterElement>(el, '.self-view meter')!.value > 0, 'the microphone level');
        await el.setLanguage('ar');
        await until(() => $(el, '.self-view [role="status"]')?.textContent.includes(t('ui.join.cameraBlocked', {}, 'ar')), 'the message in Arabic');
        expect($(el, '.self-view [role="status"]')!.textContent).to.include(t('ui.join.fix.chromium', {}, 'ar'));
      } finally {
        Reflect.deleteProperty(media, 'getUserMedia');
      }
    });

    it('releases everything it opened when removed, in the waiting room and in the call (no leak)', async () => {
      setup();
      const nurseMedia = await navigator.mediaDevices.getUserMedia({ video: true, audio: true });
      const watched = watchResources();
      try {
        for (const admitted of [false, true]) {
          const { token, el, stream } = await inWaitingRoom();
          const nurse = await nurseFor(token);
          if (admitted) {
            nurse.admit(nurseMedia.clone());
            const call = await until(() => $<DhCall>(el, 'dh-call'), 'the call');
            await until(() => call.session?.state === 'connected', 'the call connected');
          }
          expect(watched.tracks.length).to.be.greaterThan(0);
          el.remove();
          // The camera goes off at once; the rest closes as its protocols allow.
          expect(stream.getTracks().map((tr) => tr.readyState)).to.deep.equal(['ended', 'ended']);
          nurse.teardown();
          await until(() => watched.open().length === 0 ? true : undefined, `everything closed (${admitted ? 'call' : 'waiting room'}): ${watched.open().join(', ')}`).catch(() => {
            throw new Error(`still open: ${watched.open().join(', ')}`);
          });
          expect(watched.connections.length, 'peer connections were watched').to.be.greaterThan(0);
          expect(watched.sockets.length, 'signalling sockets were watched').to.be.greaterThan(0);
          expect(watched.audio.length, 'the level meter was watched').to.be.greaterThan(0);
        }
      } finally {
        watched.restore();
        for (const track of nurseMedia.getTracks()) track.stop();
      }
    });
  });
});
