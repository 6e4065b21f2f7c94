import { expect } from 'chai';
import { after, before, describe, it } from 'node:test';
import type Peer from 'peerjs';
import type { DataConnection, MediaConnection } from 'peerjs';
import { newToken, roomPeerId } from '../core/index.js';
import { until } from '../testing/dom.js';
import { demoUrl } from '../testing/env.js';
import { createPeer, peerOptions, type SignallingConfig } from './signalling.js';

let config: SignallingConfig;
const opened: Peer[] = [];
const tracks: MediaStreamTrack[] = [];

const openPeer = (id?: string): Promise<Peer> =>
  new Promise((resolve, reject) => {
    const peer = createPeer(config, id);
    opened.push(peer);
    peer.once('open', () => {
      resolve(peer);
    });
    peer.once('error', reject);
  });

async function camera(): Promise<MediaStream> {
  const stream = await navigator.mediaDevices.getUserMedia({ video: true, audio: true });
  tracks.push(...stream.getTracks());
  return stream;
}

/** Resolves once the video element has decoded and presented a frame of `stream`. */
async function decodesFrames(stream: MediaStream): Promise<number> {
  const video = document.createElement('video');
  video.muted = true;
  video.srcObject = stream;
  document.body.append(video);
  await video.play();
  const frames = await new Promise<number>((resolve) => {
    video.requestVideoFrameCallback((_now, meta) => {
      resolve(meta.presentedFrames);
    });
  });
  video.remove();
  return frames;
}

before(async () => {
  config = { url: `${await demoUrl()}/peerjs`, iceServers: [] };
});
after(() => {
  for (const p of opened) p.destroy();
  for (const t of tracks) t.stop();
});

describe('signalling through the configured PeerServer', () => {
  it('builds PeerJS options from the configuration only', () => {
    const options = peerOptions({ url: 'https://video.region.se/peerjs', iceServers: [{ urls: 'turn:turn.region.se', username: 'u', credential: 'c' }] });
    expect(options).to.deep.include({ host: 'video.region.se', port: 443, path: '/peerjs', secure: true });
    expect(options.config).to.deep.equal({ iceServers: [{ urls: 'turn:turn.region.se', username: 'u', credential: 'c' }] });
  });

  it('lets a patient knock on the nurse’s room id and both see each other’s video', async () => {
    const token = newToken();
    const room = await roomPeerId(token);
    const nurse = await openPeer(room);
    const patient = await openPeer();

    const knocked = new Promise<DataConnection>((resolve) => nurse.once('connection', resolve));
    const door = patient.connect(room, { reliable: true });
    const fromPatient = await knocked;
    expect(fromPatient.peer).to.equal(patient.id);
    await until(() => door.open, 'the data connection');

    const patientMedia = await camera();
    const nurseMedia = await camera();
    const answered = new Promise<MediaStream>((resolve) => {
      patient.once('call', (call: MediaConnection) => {
        call.answer(patientMedia);
        call.once('stream', resolve);
      });
    });
    const call = nurse.call(patient.id, nurseMedia);
    const atNurse = await new Promise<MediaStream>((resolve) => call.once('stream', resolve));
    const atPatient = await answered;
    expect(await decodesFrames(atNurse)).to.be.greaterThan(0);
    expect(await decodesFrames(atPatient)).to.be.greaterThan(0);
    call.close();
  });
});
