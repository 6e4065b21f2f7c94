import { expect } from 'chai';
import { afterEach, before, describe, it } from 'node:test';
import { newSmsCode, newToken } from '../core/index.js';
import { until, untilDecoding } from '../testing/dom.js';
import { demoUrl } from '../testing/env.js';
import { GuestSession, HostSession, type HostOptions } from './call-session.js';
import { DefaultReconnectPolicy } from './reconnect-policy.js';
import type { SignallingConfig } from './signalling.js';

let signalling: SignallingConfig;
const sessions: (HostSession | GuestSession)[] = [];
const elements: HTMLMediaElement[] = [];
const contexts: AudioContext[] = [];

const media = (): Promise<MediaStream> => navigator.mediaDevices.getUserMedia({ video: true, audio: true });

function host(participantToken: string, interpreter?: { token: string; code: string }, more: Partial<HostOptions> = {}): HostSession {
  const s = new HostSession({ signalling, participantToken, ...(interpreter ? { interpreter } : {}), policy: new DefaultReconnectPolicy({ giveUpAfterMs: 10_000 }), ...more });
  sessions.push(s);
  return s;
}
function guest(token: string, role: 'patient' | 'interpreter'): GuestSession {
  const s = new GuestSession({ signalling, token, role, knockEveryMs: 300 });
  sessions.push(s);
  return s;
}

/**
 * Listens to a remote stream as the other side would hear it. Chromium only feeds remote WebRTC
 * audio to Web Audio while a media element plays it, so a (muted) element plays it too.
 */
async function listen(stream: MediaStream): Promise<{ rms: (ms: number) => Promise<number> }> {
  const audio = new Audio();
  audio.muted = true;
  audio.srcObject = stream;
  elements.push(audio);
  await audio.play();
  const context = new AudioContext();
  contexts.push(context);
  const analyser = context.createAnalyser();
  context.createMediaStreamSource(stream).connect(analyser);
  const data = new Float32Array(analyser.fftSize);
  return {
    async rms(ms: number): Promise<number> {
      let sum = 0;
      let n = 0;
      for (const end = Date.now() + ms; Date.now() < end;) {
        analyser.getFloatTimeDomainData(data);
        for (const v of data) sum += v * v;
        n += data.length;
        await new Promise((r) => setTimeout(r, 20));
      }
      return Math.sqrt(sum / n);
    },
  };
}

before(async () => {
  signalling = { url: `${await demoUrl()}/peerjs`, iceServers: [] };
});
afterEach(() => {
  for (const s of sessions.splice(0)) s.teardown();
  for (const e of elements.splice(0)) e.remove();
  for (const c of contexts.splice(0)) void c.close();
});

describe('call sessions over the real PeerServer', () => {
  it('a patient who arrives first keeps knocking until the nurse is there, then waits to be let in', async () => {
    const token = newToken();
    const patient = guest(token, 'patient');
    await patient.start(await media());
    expect(patient.state).to.equal('waiting');
    await new Promise((r) => setTimeout(r, 800)); // several knocks on an empty room
    expect(patient.knocking).to.equal(false);

    const nurse = host(token);
    await nurse.open();
    await until(() => nurse.guests.length === 1, 'the knock');
    expect(nurse.guests[0]).to.deep.include({ role: 'patient', admitted: false });
    expect(patient.remoteStreams.size).to.equal(0); // nothing before "Starta besök"
  });

  it('connects nurse, patient and interpreter in a full mesh; mute is silence; hang-up ends all tracks', async () => {
    const token = newToken();
    const interpreter = { token: newToken(), code: newSmsCode() };
    const nurse = host(token, interpreter);
    await nurse.open();
    const patient = guest(token, 'patient');
    const tolk = guest(interpreter.token, 'interpreter');
    await patient.start(await media());
    await tolk.start(await media());
    await until(() => nurse.guests.length === 2, 'both knocks');
    expect(nurse.guests.find((g) => g.role === 'interpreter')?.verified).to.equal(false);
    tolk.sendCode(interpreter.code.replace(/^(\d{3})/, '$1 '));
    await until(() => tolk.codeCheck, 'the code result');
    expect(tolk.codeCheck).to.deep.equal({ result: 'ok' });
    await until(() => nurse.guests.every((g) => g.verified), 'the verified interpreter');

    nurse.admit(await media());
    await until(() => nurse.state === 'connected' && patient.state === 'connected' && tolk.state === 'connected', 'all connected');
    await until(() => nurse.remoteStreams.size === 2 && patient.remoteStreams.size === 2 && tolk.remoteStreams.size === 2, 'the mesh');
    const roles = (s: HostSession | GuestSession): string[] => [...s.remoteStreams.keys()].map((id) => s.roleOf(id)).sort();
    expect(roles(nurse)).to.deep.equal(['interpreter', 'patient']);
    expect(roles(patient)).to.deep.equal(['interpreter', 'nurse']);
    expect(roles(tolk)).to.deep.equal(['nurse', 'patient']);
    for (const [name, s] of [['nurse', nurse], ['patient', patient], ['interpreter', tolk]] as const) {
      expect(s.peerConnections, name).to.have.length(2);
      await untilDecoding(s.peerConnections, `video decoded by the ${name} from both others`);
    }

    const fromPatient = nurse.remoteStreams.get([...nurse.remoteStreams.keys()].find((id) => nurse.guests.find((g) => g.peerId === id)?.role === 'patient')!)!;
    const ear = await listen(fromPatient);
    const speaking = await ear.rms(1000);
    expect(speaking).to.be.greaterThan(0.01);
    patient.setMicrophone(false);
    // The jitter buffer still plays out, and a loaded machine may conceal a late packet with a
    // little noise; what the nurse hears must still fall at least 40 dB below the patient's voice.
    await until(async () => (await ear.rms(500)) < speaking / 100, 'silence from the muted patient', 15_000);

    const tracks = [...nurse.localTracks, ...patient.localTracks, ...tolk.localTracks];
    expect(tracks).to.have.length(6);
    nurse.end();
    await until(() => patient.state === 'ended' && tolk.state === 'ended', 'the guests to hear the end');
    expect(nurse.state).to.equal('ended');
    expect(tracks.map((t) => t.readyState)).to.deep.equal(Array(6).fill('ended'));
    nurse.teardown(); // idempotent
    expect(nurse.remoteStreams.size).to.equal(0);
  });

  it('locks the interpreter out after five wrong codes', async () => {
    const token = newToken();
    const interpreter = { token: newToken(), code: '123456' };
    const nurse = host(token, interpreter);
    await nurse.open();
    const tolk = guest(interpreter.token, 'interpreter');
    await tolk.start(await media());
    await until(() => tolk.knocking, 'the knock');
    const results = [];
    for (let i = 0; i < 5; i++) {
      const seen = tolk.codeCheck;
      tolk.sendCode('000000');
      await until(() => tolk.codeCheck !== seen && tolk.codeCheck, 'a result');
      results.push(tolk.codeCheck);
    }
    expect(results.at(-2)).to.deep.equal({ result: 'wrong', triesLeft: 1 });
    expect(results.at(-1)).to.deep.equal({ result: 'locked' });
    const seen = tolk.codeCheck;
    tolk.sendCode('123456');
    await until(() => tolk.codeCheck !== seen, 'the answer to the right code');
    expect(tolk.codeCheck).to.deep.equal({ result: 'locked' });
    nurse.admit(await media());
    expect(nurse.guests[0]?.verified).to.equal(false);
    expect(nurse.state).to.equal('waiting');
  });

  it('a reloaded lobby takes its room back at once; a second lobby elsewhere is told the visit is open there, and gets it when that one closes', async () => {
    const token = newToken();
    const tabToken = newToken();
    // The lobby before the reload: its connection to the server is never closed (as when a page dies).
    const before = host(token, undefined, { peerToken: tabToken });
    await before.open();
    const reloaded = host(token, undefined, { peerToken: tabToken });
    await reloaded.open();
    expect(reloaded.signalling).to.equal('online');
    expect(reloaded.state).to.equal('waiting');

    const elsewhere = host(token, undefined, { peerToken: newToken(), retryMs: 200 });
    const opened = elsewhere.open();
    await until(() => elsewhere.signalling === 'taken', 'the taken room');
    expect(elsewhere.state).to.equal('idle');
    before.teardown();
    reloaded.teardown();
    await opened;
    expect(elsewhere.signalling).to.equal('online');

    const patient = guest(token, 'patient');
    await patient.start(await media());
    await until(() => elsewhere.guests.length === 1, 'the knock at the lobby that has the room now');
  });

  it('while the signalling server cannot be reached, both sides say so and keep trying instead of failing', async () => {
    const away = { url: 'http://127.0.0.1:9/peerjs', iceServers: [] };
    const nurse = new HostSession({ signalling: away, participantToken: newToken(), retryMs: 200 });
    const patient = new GuestSession({ signalling: away, token: newToken(), role: 'patient', retryMs: 200 });
    sessions.push(nurse, patient);
    const settled: string[] = [];
    const opening = nurse.open().then(() => settled.push('nurse resolved'), () => settled.push('nurse rejected'));
    const starting = patient.start(await media()).then(() => settled.push('patient resolved'), () => settled.push('patient rejected'));
    await until(() => nurse.signalling === 'offline' && patient.signalling === 'offline', 'both to be offline');
    await new Promise((r) => setTimeout(r, 1000)); // several more tries
    expect(settled).to.deep.equal([]);
    expect([nurse.state, patient.state]).to.deep.equal(['idle', 'idle']);
    nurse.teardown();
    patient.teardown();
    await Promise.all([opening, starting]);
    expect(settled.sort()).to.deep.equal(['nurse resolved', 'patient resolved']);
  });
});
