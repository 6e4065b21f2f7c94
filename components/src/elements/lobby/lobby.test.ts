import { expect } from 'chai';
import { afterEach, before, beforeEach, describe, it } from 'node:test';
import { sendKeys } from '@web/test-runner-commands';
import { deleteDB } from 'idb';
import { emptyDraft, validateInvite, type Booking } from '../../core/index.js';
import { GuestSession } from '../../media/index.js';
import { $, $$, axeViolations, click, focusedElement, mount, tabUntil, until } from '../../testing/dom.js';
import { demoUrl, uniqueDbName } from '../../testing/env.js';
import { watchResources } from '../../testing/leaks.js';
import type { DhDeviceCheck } from '../device-check/device-check.element.js';
import type { DhShareMenu } from '../share-menu/share-menu.element.js';
import type { DhStarProfile } from '../star-profile/star-profile.element.js';
import { configure, getServices, resetServices } from '../shared/services.js';
import './define.js';

let base = '';
let dbName = '';
const guests: GuestSession[] = [];

async function book(): Promise<Booking> {
  const now = new Date();
  const start = new Date(now.getTime() + 5 * 60_000);
  const services = await getServices();
  const r = validateInvite({
    ...emptyDraft(), clinic: 'demo-jour', personnummer: '19121212-1212', givenName: 'Tolvan', familyName: 'Tolvansson',
    mobile: '0701234567', reason: 'Hälsosamtal', date: start.toISOString().slice(0, 10), time: '00:00',
  }, new Date(0), { clinics: services.config.clinics });
  if (!r.ok) throw new Error(JSON.stringify(r.errors));
  return (await services.book({ ...r.value, start }, now)).booking;
}

before(async () => {
  base = await demoUrl();
});
beforeEach(() => {
  dbName = uniqueDbName('lobby');
  const always = ['00:00', '24:00'] as const;
  configure({
    dbName, relayUrl: `${base}/api/sms`, signallingUrl: `${base}/peerjs`, visitDirectoryUrl: `${base}/api/visits`, iceServers: [],
    clinics: [{ id: 'demo-jour', name: 'Demomottagningen (alltid öppen)', openingHours: { 1: always, 2: always, 3: always, 4: always, 5: always, 6: always, 7: always },
      holidays: { public: 'open', eves: { midsommarafton: 'open', julafton: 'open', nyarsafton: 'open' } } }],
  });
});
afterEach(async () => {
  document.body.replaceChildren();
  for (const g of guests.splice(0)) g.teardown();
  await resetServices();
  await deleteDB(dbName);
});

describe('dh-lobby', () => {
  it('checks devices, shows who knocks with a title badge, and starts the visit', async () => {
    const booking = await book();
    document.title = 'Intranät';
    const title = document.title;
    const el = await mount('dh-lobby', (l) => (l.bookingId = booking.id));
    const check = await until(() => $<DhDeviceCheck>(el, 'dh-device-check'), 'the device check');
    await until(() => check.ready, 'devices ready');
    expect(check.shadowRoot!.textContent).to.contain('Anslutningen till videotjänsten fungerar');
    expect($<HTMLAnchorElement>(el, 'a.phone')!.href).to.equal('tel:+46701234567');
    expect($(el, 'dh-booking')).not.to.equal(null); // "Ändra" and "Avboka" come from the booking's own actions
    expect(await axeViolations(el)).to.deep.equal([]);
    expect($<HTMLButtonElement>(el, '[part~="start"]')!.disabled).to.equal(true);

    const patient = new GuestSession({ signalling: { url: `${base}/peerjs`, iceServers: [] }, token: booking.token, role: 'patient', knockEveryMs: 300 });
    guests.push(patient);
    await patient.start(await navigator.mediaDevices.getUserMedia({ video: true, audio: true }));
    await until(() => $(el, '[part="waiting"]')?.textContent.includes('Patienten väntar'), 'the knock');
    expect(document.title).to.equal(`(1) väntar – ${title}`);
    expect(await axeViolations(el)).to.deep.equal([]);

    $<HTMLButtonElement>(el, '[part~="start"]')!.click();
    await until(() => $(el, 'dh-call'), 'the call');
    await until(() => patient.state === 'connected', 'the patient in the call');
    expect(document.title).to.equal(title);
  });

  it('can be run by keyboard alone, with focus always visible: start the visit, mute, end it for all', async () => {
    const booking = await book();
    const el = await mount('dh-lobby', (l) => (l.bookingId = booking.id));
    const check = await until(() => $<DhDeviceCheck>(el, 'dh-device-check'), 'the device check');
    await until(() => check.ready, 'devices ready');
    const patient = new GuestSession({ signalling: { url: `${base}/peerjs`, iceServers: [] }, token: booking.token, role: 'patient', knockEveryMs: 300 });
    guests.push(patient);
    await patient.start(await navigator.mediaDevices.getUserMedia({ video: true, audio: true }));
    await until(() => !$<HTMLButtonElement>(el, '[part~="start"]')!.disabled, 'the start button');


    await tabUntil((f) => f.textContent.trim() === 'Starta besök', 'Starta besök');
    await sendKeys({ press: 'Enter' });
    const call = await until(() => $(el, 'dh-call'), 'the call');
    await until(() => patient.state === 'connected', 'the patient in the call');

    await tabUntil((f) => f.textContent.trim() === 'Stäng av mikrofonen', 'the mute button');
    await sendKeys({ press: 'Space' });
    await until(() => focusedElement()?.textContent.trim() === 'Sätt på mikrofonen', 'the pressed mute button');
    expect(focusedElement()!.getAttribute('aria-pressed')).to.equal('true');

    await tabUntil((f) => f.textContent.trim() === 'Avsluta besöket', 'Avsluta besöket');
    await sendKeys({ press: 'Enter' });
    await until(() => focusedElement()?.textContent.trim() === 'Nej, fortsätt', 'focus on the safe answer');
    await sendKeys({ press: 'Escape' });
    await until(() => focusedElement()?.textContent.trim() === 'Avsluta besöket', 'focus back on the button');
    expect($(call, '[role="alertdialog"]')).to.equal(null);
    await sendKeys({ press: 'Enter' });
    await until(() => focusedElement()?.textContent.trim() === 'Nej, fortsätt', 'the question again');
    await sendKeys({ down: 'Shift' });
    await sendKeys({ press: 'Tab' });
    await sendKeys({ up: 'Shift' });
    expect(focusedElement()!.textContent.trim()).to.equal('Ja, avsluta');
    await sendKeys({ press: 'Enter' });
    await until(() => patient.state === 'ended', 'the visit to end for the patient');
  });

  it('opened without a visit, lists the day\'s visits at the nurse\'s clinic and opens the one she chooses', async () => {
    const booking = await book();
    const el = await mount('dh-lobby');
    const button = await until(() => $<HTMLButtonElement>(el, `button[data-id="${booking.id}"]`), 'the day\'s visits');
    expect($(el, 'h2')!.textContent).to.equal('Dagens besök – Demomottagningen (alltid öppen)');
    expect(button.textContent.replace(/\s+/g, ' ')).to.contain('Tolvan Tolvansson');
    expect(await axeViolations(el)).to.deep.equal([]);
    button.click();
    await until(() => $(el, 'dh-device-check'), 'the lobby of that visit');
    expect(el.bookingId).to.equal(booking.id);
  });

  it('says so for a cancelled visit instead of opening a room', async () => {
    const booking = await book();
    await (await getServices()).cancel(booking);
    const el = await mount('dh-lobby', (l) => (l.bookingId = booking.id));
    await until(() => $(el, '[role="alert"]'), 'the message');
    expect($(el, '[role="alert"]')!.textContent).to.match(/Avbokad/);
    expect($(el, 'dh-device-check')).to.equal(null);
  });
  it('lists each proven guest with role and time of arrival; "Neka" refuses one, "Släpp in" lets another in', async () => {
    const booking = await book();
    const el = await mount('dh-lobby', (l) => (l.bookingId = booking.id));
    const check = await until(() => $<DhDeviceCheck>(el, 'dh-device-check'), 'the device check');
    await until(() => check.ready, 'devices ready');
    const join = async (): Promise<GuestSession> => {
      const g = new GuestSession({ signalling: { url: `${base}/peerjs`, iceServers: [] }, token: booking.token, role: 'patient', knockEveryMs: 300 });
      guests.push(g);
      await g.start(await navigator.mediaDevices.getUserMedia({ video: true, audio: true }));
      return g;
    };
    const first = await join();
    await until(() => $$(el, '[part="waiting"] li').length === 1, 'the first knock');
    const second = await join();
    const rows = await until(() => ($$(el, '[part="waiting"] li').length === 2 ? $$(el, '[part="waiting"] li') : undefined), 'both knocks');
    for (const row of rows) expect(row.textContent).to.match(/Patienten väntar sedan \d{2}:\d{2}/);
    expect(await axeViolations(el)).to.deep.equal([]);

    // "Neka" on the second arrival: told so, gone from the list.
    rows[1]!.querySelector<HTMLButtonElement>('[part~="deny"]')!.click();
    await until(() => second.state === 'ended', 'the refusal');
    expect(second.ending).to.equal('denied');
    await until(() => $$(el, '[part="waiting"] li').length === 1, 'one left');

    $$(el, '[part="waiting"] li')[0]!.querySelector<HTMLButtonElement>('[part~="admit"]')!.click();
    await until(() => $(el, 'dh-call'), 'the call');
    await until(() => first.state === 'connected', 'the patient in the call');
  });

  it('shows someone who arrives after the start in the call view, where the nurse lets them in', async () => {
    const booking = await book();
    const el = await mount('dh-lobby', (l) => (l.bookingId = booking.id));
    const check = await until(() => $<DhDeviceCheck>(el, 'dh-device-check'), 'the device check');
    await until(() => check.ready, 'devices ready');
    const patient = new GuestSession({ signalling: { url: `${base}/peerjs`, iceServers: [] }, token: booking.token, role: 'patient', knockEveryMs: 300 });
    guests.push(patient);
    await patient.start(await navigator.mediaDevices.getUserMedia({ video: true, audio: true }));
    await until(() => !$<HTMLButtonElement>(el, '[part~="start"]')!.disabled, 'the start button');
    $<HTMLButtonElement>(el, '[part~="start"]')!.click();
    const call = await until(() => $(el, 'dh-call'), 'the call');
    await until(() => patient.state === 'connected', 'the patient in the call');

    // The same link on another device (say, the patient's tablet): the nurse decides.
    const tablet = new GuestSession({ signalling: { url: `${base}/peerjs`, iceServers: [] }, token: booking.token, role: 'patient', knockEveryMs: 300 });
    guests.push(tablet);
    await tablet.start(await navigator.mediaDevices.getUserMedia({ video: true, audio: true }));
    // Shown in the call view's "waiting" slot, above the videos.
    const admit = await until(() => $<HTMLButtonElement>(el, 'dh-call > [slot="waiting"] [part~="admit"]'), 'the late arrival in the call view');
    const late = $(el, 'dh-call > [slot="waiting"]')!;
    expect(late.assignedSlot?.getRootNode()).to.equal(call.shadowRoot);
    expect(late.textContent).to.match(/Väntar på att släppas in[\s\S]*Patienten väntar sedan/);
    expect(late.querySelector('[part~="deny"]')).not.to.equal(null);
    expect(await axeViolations(el)).to.deep.equal([]);
    expect(tablet.state).to.equal('waiting');
    admit.click();
    await until(() => tablet.state === 'connected', 'the tablet in the call');
    await until(() => $(el, 'dh-call > [slot="waiting"]') === null, 'the list gone');
  });
  it('completes the star profile the patient sent, shows it as a picture of its own, and saves what was shown as a PDF', async () => {
    const booking = await book();
    const el = await mount('dh-lobby', (l) => (l.bookingId = booking.id));
    const check = await until(() => $<DhDeviceCheck>(el, 'dh-device-check'), 'the device check');
    await until(() => check.ready, 'devices ready');
    const patient = new GuestSession({ signalling: { url: `${base}/peerjs`, iceServers: [] }, token: booking.token, role: 'patient', knockEveryMs: 300 });
    guests.push(patient);
    patient.setStarProfile({ systolic: 142, bmi: 27.5, name: 3 });
    await patient.start(await navigator.mediaDevices.getUserMedia({ video: true, audio: true }));
    await until(() => !$<HTMLButtonElement>(el, '[part~="start"]')!.disabled, 'the start button');
    $<HTMLButtonElement>(el, '[part~="start"]')!.click();
    await until(() => patient.state === 'connected', 'the call');

    const menu = await until(() => $<DhShareMenu>(el, 'dh-share-menu'), 'the share menu below the call');
    await click(menu, 'Dela…');
    await click(menu, 'Stjärnprofilen');
    const profile = await until(() => $<DhStarProfile>(el, '.share-panel dh-star-profile'), 'the star profile panel');
    // What the patient sent is there, and only what the profile knows ("name" is not an area).
    await until(() => profile.values.systolic === 142, 'the patient’s answers');
    expect(profile.values).to.deep.equal({ systolic: 142, bmi: 27.5 });
    expect(el.shadowRoot!.textContent).to.contain('Patienten fyllde i det här före besöket');
    expect(await axeViolations(el)).to.deep.equal([]);

    $$(el, '.share-panel button').find((b) => b.textContent.trim() === 'Visa stjärnprofilen')!.click();
    await until(() => patient.shareStream && patient.shareKind === 'star-profile', 'the picture at the patient');
    const call = $(el, 'dh-call')!;
    await until(() => $(call, '[part="sharing"]')?.textContent.includes('Du delar: stjärnprofil'), 'the sharing bar');
    expect((await (await getServices()).store.bookings.get(booking.id))?.starProfileShown).to.equal(true);

    // Saving: the PDF is a real one-page PDF of the picture.
    const blobs: Blob[] = [];
    const create = URL.createObjectURL.bind(URL);
    URL.createObjectURL = (obj: Blob | MediaSource) => {
      if (obj instanceof Blob) blobs.push(obj);
      return create(obj);
    };
    try {
      $$(el, '.share-panel button').find((b) => b.textContent.trim() === 'Spara som PDF')!.click();
      await until(() => blobs.length === 1, 'the PDF');
    } finally {
      URL.createObjectURL = create;
    }
    expect(blobs[0]!.type).to.equal('application/pdf');
    const head = new TextDecoder('latin1').decode(await blobs[0]!.slice(0, 8).arrayBuffer());
    expect(head).to.equal('%PDF-1.4');
  });
  it('shows each patient’s sign-in, and lets one in unverified only after the nurse confirms it, noted for the EHR', async () => {
    const booking = await book();
    const el = await mount('dh-lobby', (l) => {
      // The host page's own check (the lobby makes one from the configured broker otherwise).
      l.verifyIdentity = () => (idToken) => Promise.resolve(idToken.startsWith('good.')
        ? { state: 'verified', name: 'Tolvan Tolvansson', method: 'bankid' } : { state: 'failed', code: 'person' });
      l.bookingId = booking.id;
    });
    const check = await until(() => $<DhDeviceCheck>(el, 'dh-device-check'), 'the device check');
    await until(() => check.ready, 'devices ready');
    const join = async (idToken: string): Promise<GuestSession> => {
      const g = new GuestSession({ signalling: { url: `${base}/peerjs`, iceServers: [] }, token: booking.token, role: 'patient', knockEveryMs: 300 });
      guests.push(g);
      g.setIdentity(idToken);
      await g.start(await navigator.mediaDevices.getUserMedia({ video: true, audio: true }));
      return g;
    };
    const impostor = await join('bad.eyJzdWIiOiIxIn0.c2ln');
    await until(() => $(el, '[part="waiting"]')?.textContent.includes('annan person än den bokade'), 'the warning');
    expect(await axeViolations(el)).to.deep.equal([]);

    // Letting in the unverified one asks first; "Nej, vänta" leaves everyone waiting.
    // Read at the moment of the click: the list re-renders as the identity check settles.
    const admitFirst = (): HTMLButtonElement | null | undefined => $$(el, '[part="waiting"] li')[0]?.querySelector<HTMLButtonElement>('[part~="admit"]');
    await until(() => admitFirst()?.disabled === false, 'the admit button');
    admitFirst()!.click();
    const ask = await until(() => $(el, '[role="alertdialog"]'), 'the question');
    expect(ask.textContent).to.contain('inte verifierad med e-legitimation');
    expect(await axeViolations(el)).to.deep.equal([]);
    await click(el, 'Nej, vänta');
    expect($(el, '[role="alertdialog"]')).to.equal(null);
    expect(impostor.state).to.equal('waiting');

    const patient = await join('good.eyJzdWIiOiIyIn0.c2ln');
    await until(() => $(el, '[part="waiting"]')?.textContent.includes('Identitet verifierad: Tolvan Tolvansson (BankID)'), 'the verified patient');
    const rows = $$(el, '[part="waiting"] li');
    rows.find((r) => r.textContent.includes('Identitet verifierad'))!.querySelector<HTMLButtonElement>('[part~="admit"]')!.click();
    await until(() => patient.state === 'connected', 'the verified patient let in without a question');
    await until(async () => (await (await getServices()).store.bookings.get(booking.id))?.identity?.verified === 'bankid', 'the note');

    // The impostor, now a late arrival in the call view, again only after a yes.
    const late = await until(() => $(el, 'dh-call > [slot="waiting"] [part~="admit"]'), 'the late arrival');
    late.click();
    await until(() => $(el, '[role="alertdialog"]'), 'the question again');
    await click(el, 'Ja, släpp in ändå');
    await until(() => impostor.state === 'connected', 'let in after the yes');
    await until(async () => (await (await getServices()).store.bookings.get(booking.id))?.identity?.override === true, 'the override noted');
  });
  it('releases everything it opened when removed, before and after the start (no leak)', async () => {
    const patientMedia = await navigator.mediaDevices.getUserMedia({ video: true, audio: true });
    const watched = watchResources();
    try {
      for (const started of [false, true]) {
        const booking = await book();
        const el = await mount('dh-lobby', (l) => (l.bookingId = booking.id));
        const check = await until(() => $<DhDeviceCheck>(el, 'dh-device-check'), 'the device check');
        await until(() => check.ready, 'devices ready');
        const tracks = check.devices.stream!.getTracks();
        const patient = new GuestSession({ signalling: { url: `${base}/peerjs`, iceServers: [] }, token: booking.token, role: 'patient', knockEveryMs: 300 });
        guests.push(patient);
        await patient.start(patientMedia.clone());
        await until(() => $(el, '[part="waiting"]')?.textContent.includes('Patienten väntar'), 'the knock');
        if (started) {
          // The knock shows before the patient can be let in (the proof is still on its way).
          await until(() => !$<HTMLButtonElement>(el, '[part~="start"]')!.disabled, 'the start button');
          $<HTMLButtonElement>(el, '[part~="start"]')!.click();
          await until(() => patient.state === 'connected', 'the call');
        }
        el.remove();
        // The camera goes off at once; the rest closes as its protocols allow.
        expect(tracks.map((t) => t.readyState)).to.deep.equal(['ended', 'ended']);
        patient.teardown();
        await until(() => watched.open().length === 0, 'everything closed').catch(() => {
          throw new Error(`still open ${started ? 'after the start' : 'before the start'}: ${watched.open().join(', ')}`);
        });
        expect(watched.connections.length, 'peer connections were watched').to.be.greaterThan(0);
        expect(watched.sockets.length, 'signalling sockets were watched').to.be.greaterThan(0);
      }
    } finally {
      watched.restore();
      for (const track of patientMedia.getTracks()) track.stop();
    }
  });
});
