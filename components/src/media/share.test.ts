import { expect } from 'chai';
import { afterEach, before, describe, it } from 'node:test';
import { newSmsCode, newToken } from '../core/index.js';
import { until } from '../testing/dom.js';
import { demoUrl } from '../testing/env.js';
import { GuestSession, HostSession, canvasTrack, type GuestOptions, type HostOptions } from './index.js';
import { DefaultReconnectPolicy } from './reconnect-policy.js';
import type { SignallingConfig } from './signalling.js';

// Sharing as a video track of its own, over the real PeerServer: what each side receives, and
// that it outlives a lost camera call and follows a guest let back in.

let signalling: SignallingConfig;
const sessions: (HostSession | GuestSession)[] = [];
const media = (): Promise<MediaStream> => navigator.mediaDevices.getUserMedia({ video: true, audio: true });
const policy = (): DefaultReconnectPolicy => new DefaultReconnectPolicy({ delaysMs: [200], giveUpAfterMs: 30_000 });

function host(token: string, more: Partial<HostOptions> = {}): HostSession {
  const s = new HostSession({ signalling, participantToken: token, policy: policy(), ...more });
  sessions.push(s);
  return s;
}
function guest(token: string, role: 'patient' | 'interpreter', more: Partial<GuestOptions> = {}): GuestSession {
  const s = new GuestSession({ signalling, token, role, knockEveryMs: 300, policy: policy(), ...more });
  sessions.push(s);
  return s;
}

/** A page of one colour that no camera shows: what arrives is the document, not a camera. */
function documentPage(colour: string): HTMLCanvasElement {
  const canvas = document.createElement('canvas');
  canvas.width = 640;
  canvas.height = 900;
  const context = canvas.getContext('2d')!;
  context.fillStyle = colour;
  context.fillRect(0, 0, canvas.width, canvas.height);
  return canvas;
}

const close = (a: [number, number, number], b: [number, number, number]): boolean => a.every((v, i) => Math.abs(v - (b[i] ?? 0)) < 40);

/**
 * Waits until the middle of what `stream` shows has `colour` (polling the decoded picture, not
 * waiting on frame callbacks, which a page the runner keeps in the background may never get).
 */
async function showsColour(stream: MediaStream, colour: [number, number, number]): Promise<boolean> {
  const video = document.createElement('video');
  video.muted = true;
  video.srcObject = stream;
  document.body.append(video);
  void video.play().catch(() => undefined);
  const canvas = document.createElement('canvas');
  const context = canvas.getContext('2d', { willReadFrequently: true })!;
  try {
    await until(() => {
      if (video.videoWidth === 0) return false;
      canvas.width = video.videoWidth;
      canvas.height = video.videoHeight;
      context.drawImage(video, 0, 0);
      const [r, g, b] = context.getImageData(canvas.width >> 1, canvas.height >> 1, 1, 1).data;
      return close([r ?? 0, g ?? 0, b ?? 0], colour);
    }, 'the shared colour in the picture', 30_000);
    return true;
  } finally {
    video.remove();
  }
}

before(async () => {
  signalling = { url: `${await demoUrl()}/peerjs`, iceServers: [] };
});
afterEach(() => {
  for (const s of sessions.splice(0)) s.teardown();
});

describe('sharing a document as a video track', () => {
  // Three browsers' worth of calls on a 2-core machine that may be reading a scan in the next page.
  it('reaches the patient and the interpreter, and stops everywhere when the nurse stops it', { timeout: 150_000 }, async () => {
    const token = newToken();
    const interpreter = { token: newToken(), code: newSmsCode() };
    const nurse = host(token, { interpreter });
    await nurse.open();
    const patient = guest(token, 'patient');
    const tolk = guest(interpreter.token, 'interpreter');
    await Promise.all([patient.start(await media()), tolk.start(await media())]);
    await until(() => nurse.guests.length === 2 && tolk.listed, 'both knocks');
    tolk.sendCode(interpreter.code);
    await until(() => nurse.guests.every((g) => g.verified), 'the code');
    nurse.admit(await media());
    await until(() => patient.remoteStreams.size === 2 && tolk.remoteStreams.size === 2, 'the mesh');

    const track = canvasTrack(documentPage('#00c000'));
    nurse.startShare(track, 'star-profile');
    expect(nurse.sharing).to.equal('star-profile');
    await until(() => patient.shareStream && tolk.shareStream, 'the share at both guests');
    expect(patient.shareKind).to.equal('star-profile');
    expect(await showsColour(patient.shareStream!, [0, 192, 0])).to.equal(true);
    expect(await showsColour(tolk.shareStream!, [0, 192, 0])).to.equal(true);
    // The camera calls are untouched: still one tile per other participant.
    expect([patient.remoteStreams.size, tolk.remoteStreams.size]).to.deep.equal([2, 2]);

    nurse.stopShare();
    expect(track.readyState).to.equal('ended');
    await until(() => !patient.shareStream && !tolk.shareStream, 'the share gone at both guests', 3000);
    expect(nurse.sharing).to.equal(undefined);
  });

  it('outlives a lost camera call, and follows a patient whose page reloaded back in', { timeout: 150_000 }, async () => {
    const token = newToken();
    const nurse = host(token);
    await nurse.open();
    const instance = newToken();
    const patient = guest(token, 'patient', { instance });
    await patient.start(await media());
    await until(() => nurse.guests.length === 1, 'the knock');
    nurse.admit(await media());
    await until(() => patient.state === 'connected', 'the call');
    nurse.startShare(canvasTrack(documentPage('#0000e0')), 'document');
    await until(() => patient.shareStream, 'the share');

    // The camera call breaks (its connection closes on the patient's side); the nurse places it again.
    for (const pc of patient.peerConnections) pc.close();
    await until(() => nurse.state === 'reconnecting', 'the loss seen by the nurse', 20_000);
    await until(() => nurse.state === 'connected' && patient.state === 'connected', 'the camera call back', 30_000);
    expect(patient.shareStream).not.to.equal(undefined);
    expect(await showsColour(patient.shareStream!, [0, 0, 224])).to.equal(true);

    // The page reloads (same tab): let back in without a click, and the share with it.
    patient.teardown();
    const reloaded = guest(token, 'patient', { instance });
    await reloaded.start(await media());
    await until(() => reloaded.state === 'connected' && reloaded.shareStream, 'the share at the reloaded page', 30_000);
    expect(await showsColour(reloaded.shareStream!, [0, 0, 224])).to.equal(true);
  });

  it('shares nothing until asked, and a share started after the visit ended is stopped at once', async () => {
    const token = newToken();
    const nurse = host(token);
    await nurse.open();
    const patient = guest(token, 'patient');
    await patient.start(await media());
    await until(() => nurse.guests.length === 1, 'the knock');
    nurse.admit(await media());
    await until(() => patient.state === 'connected', 'the call');
    // Nothing shared: no share stream, and the session owns no share track to leak.
    expect(patient.shareStream).to.equal(undefined);
    expect(nurse.sharing).to.equal(undefined);
    // A share started after teardown is stopped at once, not left running.
    nurse.teardown();
    const late = canvasTrack(documentPage('#e00000'));
    nurse.startShare(late, 'document');
    expect(late.readyState).to.equal('ended');
  });
});
