import { expect } from 'chai';
import { afterEach, before, describe, it } from 'node:test';
import { $, $$, axeViolations, mount, until } from '../../testing/dom.js';
import { demoUrl } from '../../testing/env.js';
import type { DhDeviceCheck } from './device-check.element.js';
import './define.js';

let peerjs = '';
before(async () => {
  peerjs = `${await demoUrl()}/peerjs`;
});
afterEach(() => {
  document.body.replaceChildren();
});

async function checked(): Promise<DhDeviceCheck> {
  const el = await mount('dh-device-check', (e) => (e.signallingUrl = peerjs));
  await until(() => el.ready, 'camera, microphone and server checked');
  return el;
}

describe('dh-device-check', () => {
  it('lists the devices by name with the ones in use selected, and switching the microphone keeps the camera', async () => {
    const el = await checked();
    const names = (await navigator.mediaDevices.enumerateDevices()).filter((d) => d.kind === 'audioinput').map((d) => d.label);
    const microphone = $<HTMLSelectElement>(el, '#microphone')!;
    expect([...microphone.options].map((o) => o.textContent.trim())).to.deep.equal(names);
    const stream = el.devices.stream!;
    expect(microphone.value).to.equal(stream.getAudioTracks()[0]!.getSettings().deviceId);

    const before = stream.getTracks();
    const other = [...microphone.options].find((o) => !o.selected)!;
    microphone.value = other.value;
    microphone.dispatchEvent(new Event('change'));
    await until(() => el.devices.stream && el.devices.stream !== stream && el.ready, 'the other microphone');
    expect(el.devices.stream!.getAudioTracks()[0]!.getSettings().deviceId).to.equal(other.value);
    expect(el.devices.stream!.getVideoTracks()).to.have.length(1);
    expect(before.map((t) => t.readyState)).to.deep.equal(['ended', 'ended']); // the old ones are released
    await el.updateComplete;
    expect($<HTMLSelectElement>(el, '#microphone')!.value).to.equal(other.value);
  });

  it('gives a verdict per check, with the speaker test among them, and no axe violations', async () => {
    const el = await checked();
    // Camera, microphone and connection each get a visible verdict.
    await until(() => $$(el, '.verdict.ok').length === 3, 'three verdicts');
    expect($$(el, '.verdict.bad')).to.deep.equal([]);
    expect($(el, 'dh-speaker-test')).to.not.equal(null); // the speaker: the person's own answer
    expect(await axeViolations(el)).to.deep.equal([]);
  });

  it('stops every track it opened when removed', async () => {
    const el = await checked();
    const tracks = el.devices.stream!.getTracks();
    el.remove();
    expect(tracks.map((t) => t.readyState)).to.deep.equal(['ended', 'ended']);
  });

  it('says the video service does not answer when the signalling server cannot be reached', async () => {
    const el = await mount('dh-device-check', (e) => (e.signallingUrl = 'http://127.0.0.1:9/peerjs'));
    await until(() => $(el, 'ul')?.textContent.includes('Videotjänsten svarar inte'), 'the verdict');
    expect(el.ready).to.equal(false);
  });
});
