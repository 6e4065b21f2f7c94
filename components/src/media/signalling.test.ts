import { expect } from 'chai';
import { after, before, describe, it } from 'node:test';
import type Peer from 'peerjs';
import type { DataConnection, MediaConnection } from 'peerjs';
import { newToken, roomPeerId } from '../core/index.js';
import { until, untilDecoding, within } from '../testing/dom.js';
import { demoUrl } from '../testing/env.js';
import { createPeer, peerOptions, type SignallingConfig } from './signalling.js';

let config: SignallingConfig;
const opened: Peer[] = [];
const tracks: MediaStreamTrack[] = [];

const openPeer = (id?: string): Promise<Peer> =>
  within(new Promise((resolve, reject) => {
    const peer = createPeer(config, id);
    opened.push(peer);
    peer.once('open', () => {
      resolve(peer);
    });
    peer.once('error', reject);
  }), 'the peer to open');

async function camera(): Promise<MediaStream> {
  const stream = await navigator.mediaDevices.getUserMedia({ video: true, audio: true });
  tracks.push(...stream.getTracks());
  return stream;
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
    const fromPatient = await within(knocked, 'the knock');
    expect(fromPatient.peer).to.equal(patient.id);
    await until(() => door.open, 'the data connection');

    const patientMedia = await camera();
    const nurseMedia = await camera();
    let answeredCall: MediaConnection | undefined;
    const answered = new Promise<MediaStream>((resolve) => {
      patient.once('call', (call: MediaConnection) => {
        answeredCall = call;
        call.answer(patientMedia);
        call.once('stream', resolve);
      });
    });
    const call = nurse.call(patient.id, nurseMedia);
    const atNurse = await within(new Promise<MediaStream>((resolve) => call.once('stream', resolve)), 'the stream at the nurse');
    const atPatient = await within(answered, 'the stream at the patient');
    expect(atNurse.getVideoTracks()).to.have.length(1);
    expect(atPatient.getVideoTracks()).to.have.length(1);
    await untilDecoding([call.peerConnection], 'frames decoded at the nurse');
    await untilDecoding([answeredCall!.peerConnection], 'frames decoded at the patient');
    call.close();
  });
});
