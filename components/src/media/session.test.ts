import { expect } from 'chai';
import { afterEach, before, describe, it } from 'node:test';
import { deleteDB } from 'idb';
import type Peer from 'peerjs';
import type { DataConnection } from 'peerjs';
import {
  addDays, emptyDraft, isoDate, newBooking, newNonce, newSmsCode, newToken, nextOpenDay, roomPeerId, swedishDate, validateInvite,
} from '../core/index.js';
import { LocalStore } from '../store/index.js';
import { until, untilDecoding, within } from '../testing/dom.js';
import { demoUrl, uniqueDbName } from '../testing/env.js';
import { GuestSession, HostSession, type GuestOptions, type HostOptions } from './index.js';
import { DefaultReconnectPolicy, type ReconnectPolicy } from './reconnect-policy.js';
import { createPeer, type SignallingConfig } from './signalling.js';

let signalling: SignallingConfig;
const sessions: (HostSession | GuestSession)[] = [];
const elements: HTMLMediaElement[] = [];
const contexts: AudioContext[] = [];

const media = (): Promise<MediaStream> => navigator.mediaDevices.getUserMedia({ video: true, audio: true });

function host(participantToken: string, interpreter?: { token: string; code?: string }, more: Partial<HostOptions> = {}): HostSession {
  const s = new HostSession({ signalling, participantToken, ...(interpreter ? { interpreter } : {}), policy: new DefaultReconnectPolicy({ giveUpAfterMs: 10_000 }), ...more });
  sessions.push(s);
  return s;
}
function guest(token: string, role: 'patient' | 'interpreter', more: Partial<GuestOptions> = {}): GuestSession {
  const s = new GuestSession({ signalling, token, role, knockEveryMs: 300, ...more });
  sessions.push(s);
  return s;
}

/** Retries every 200 ms, for a while: the tests need not wait out the default delays. */
const quickRetries = (): DefaultReconnectPolicy => new DefaultReconnectPolicy({ delaysMs: [200], giveUpAfterMs: 60_000 });

/** A page that found a room id (the signalling server sees it) but holds no link. */
async function stranger(): Promise<Peer> {
  const peer = createPeer(signalling);
  strangers.push(peer);
  await within(new Promise((resolve) => peer.once('open', resolve)), 'the stranger’s peer');
  return peer;
}
const strangers: Peer[] = [];

/** Opens a data connection to `room` and says `messages`; resolves when the other side closes it. */
async function knockAs(peer: Peer, room: string, messages: unknown[]): Promise<{ closed: Promise<void>; received: unknown[] }> {
  const conn: DataConnection = peer.connect(room, { reliable: true });
  const received: unknown[] = [];
  conn.on('data', (d) => received.push(d));
  const closed = new Promise<void>((resolve) => conn.once('close', () => { resolve(); }));
  await within(new Promise((resolve) => conn.once('open', () => { resolve(undefined); })), 'the stranger’s connection');
  for (const m of messages) {
    await conn.send(m);
    await new Promise((r) => setTimeout(r, 100));
  }
  return { closed, received };
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
  for (const p of strangers.splice(0)) p.destroy();
  for (const e of elements.splice(0)) e.remove();
  for (const c of contexts.splice(0)) void c.close();
});

describe('call sessions over the real PeerServer', () => {
  it('a patient who arrives first keeps knocking until the nurse is there, then waits to be let in', async () => {
    const token = newToken();
    const patient = guest(token, 'patient');
    await patient.start(await media());
    expect(patient.state).to.equal('waiting');
    await until(() => patient.knocks >= 2, 'a second knock on the empty room', 20_000); // the server expires the first after ~5 s
    expect(patient.listed).to.equal(false);

    const nurse = host(token);
    await nurse.open();
    await until(() => nurse.guests.length === 1, 'the knock');
    expect(nurse.guests[0]).to.deep.include({ role: 'patient', admitted: false, verified: true });
    expect(nurse.guests[0]!.arrivedAt).to.be.closeTo(Date.now(), 10_000);
    await until(() => patient.listed, 'the patient to know the nurse sees them');
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
    await nurse.end();
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
    await until(() => tolk.listed, 'the knock');
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

    const elsewhere = host(token, undefined, { peerToken: newToken(), policy: quickRetries() });
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
    // The policy is asked before every new try: counting its questions counts the tries.
    const asked = { nurse: 0, patient: 0 };
    const counted = (who: keyof typeof asked): ReconnectPolicy => {
      const policy = quickRetries();
      return { nextDelayMs: (context) => { asked[who]++; return policy.nextDelayMs(context); } };
    };
    const nurse = new HostSession({ signalling: away, participantToken: newToken(), policy: counted('nurse') });
    const patient = new GuestSession({ signalling: away, token: newToken(), role: 'patient', policy: counted('patient') });
    sessions.push(nurse, patient);
    const settled: string[] = [];
    const opening = nurse.open().then(() => settled.push('nurse resolved'), () => settled.push('nurse rejected'));
    const starting = patient.start(await media()).then(() => settled.push('patient resolved'), () => settled.push('patient rejected'));
    await until(() => nurse.signalling === 'offline' && patient.signalling === 'offline', 'both to be offline');
    const before = { ...asked };
    await until(() => asked.nurse >= before.nurse + 3 && asked.patient >= before.patient + 3, 'three more tries on each side');
    expect(settled).to.deep.equal([]);
    expect([nurse.state, patient.state]).to.deep.equal(['idle', 'idle']);
    nurse.teardown();
    patient.teardown();
    await Promise.all([opening, starting]);
    expect(settled.sort()).to.deep.equal(['nurse resolved', 'patient resolved']);
  });
  it('reports each state change with where it came from, where it went and why', async () => {
    const nurse = host(newToken());
    const seen: string[] = [];
    nurse.addEventListener('state-change', (e) => seen.push(`${e.from} -> ${e.to} (${e.reason})`));
    // @ts-expect-error -- a misspelt event name does not compile (tsc --noEmit fails if it does)
    nurse.addEventListener('state-chnage', () => undefined);
    // @ts-expect-error -- nor does an event the nurse's side never fires
    nurse.addEventListener('listed-change', () => undefined);
    await nurse.open();
    await nurse.end();
    expect(seen).to.deep.equal(['idle -> waiting (rooms open)', 'waiting -> ended (nurse ended the visit)']);
  });

  it('lists only a guest who proves the link: a page that knows the room id alone is never listed, and is cut off', async () => {
    const token = newToken();
    const nurse = host(token);
    await nurse.open();
    let changes = 0;
    nurse.addEventListener('guests-change', () => changes++);
    const room = await roomPeerId(token);

    // A well-formed knock, then a made-up answer to the challenge.
    const forged = await knockAs(await stranger(), room, [{ t: 'knock', role: 'patient', instance: newToken(), nonce: newNonce() }]);
    await until(() => forged.received.length > 0, 'the challenge');
    expect(forged.received[0]).to.have.property('t', 'challenge');
    const again = await knockAs(await stranger(), room, [{ t: 'knock', role: 'patient', instance: newToken(), nonce: newNonce() }, { t: 'proof', proof: newNonce() }]);
    await within(again.closed, 'the forged proof to be refused');
    // Garbage, and a knock claiming the interpreter's role on the patient's room.
    const garbage = await knockAs(await stranger(), room, ['hello', { t: 'admit-me' }]);
    await within(garbage.closed, 'garbage to be refused');
    const wrongRole = await knockAs(await stranger(), room, [{ t: 'knock', role: 'interpreter', instance: newToken(), nonce: newNonce() }]);
    await within(wrongRole.closed, 'the wrong role to be refused');
    expect(nurse.guests).to.deep.equal([]);
    expect(changes).to.equal(0);

    // The link holder still gets in.
    const patient = guest(token, 'patient');
    await patient.start(await media());
    await until(() => nurse.guests.length === 1 && patient.listed, 'the real patient');
  });

  it('a waiting guest answers no call but the nurse’s: a stranger who learns its id gets nothing', async () => {
    const token = newToken();
    const nurse = host(token);
    await nurse.open();
    const patient = guest(token, 'patient');
    await patient.start(await media());
    await until(() => nurse.guests.length === 1, 'the knock');
    const peer = await stranger();
    const call = peer.call(nurse.guests[0]!.peerId, await media());
    let streamed = false;
    call.on('stream', () => (streamed = true));
    await new Promise((r) => setTimeout(r, 6000)); // longer than a guest holds an unnamed call
    expect(streamed).to.equal(false);
    expect(patient.state).to.equal('waiting');
    expect(patient.remoteStreams.size).to.equal(0);
  });

  it('lets guests in one at a time ("Släpp in"), says no to another ("Neka"), and a late interpreter joins the mesh', async () => {
    const token = newToken();
    const interpreter = { token: newToken(), code: newSmsCode() };
    const nurse = host(token, interpreter);
    await nurse.open();
    const patient = guest(token, 'patient');
    const tolk = guest(interpreter.token, 'interpreter');
    const other = guest(interpreter.token, 'interpreter');
    await Promise.all([patient.start(await media()), tolk.start(await media()), other.start(await media())]);
    await until(() => nurse.guests.length === 3 && tolk.listed && other.listed, 'three knocks');
    // Until it gives the code, an interpreter is not ready.
    expect(nurse.guests.filter((g) => g.role === 'interpreter').map((g) => g.verified)).to.deep.equal([false, false]);
    const peerOf = (role: string, verified?: boolean): string =>
      nurse.guests.find((g) => g.role === role && (verified === undefined || g.verified === verified))!.peerId;

    nurse.admitGuest(peerOf('patient'), await media());
    await until(() => patient.state === 'connected' && nurse.state === 'connected', 'the patient let in');
    expect(nurse.remoteStreams.size).to.equal(1);
    expect([tolk.state, other.state]).to.deep.equal(['waiting', 'waiting']);

    tolk.sendCode(interpreter.code);
    await until(() => nurse.guests.filter((g) => g.role === 'interpreter' && g.verified).length === 1, 'the code');
    const unproven = peerOf('interpreter', false);
    nurse.deny(unproven);
    await until(() => other.state === 'ended', 'the refusal');
    expect(other.ending).to.equal('denied');
    expect(nurse.guests.map((g) => g.peerId)).not.to.include(unproven);

    // The late interpreter: the nurse lets them in from the call; they call the patient.
    nurse.admitGuest(peerOf('interpreter'));
    await until(() => nurse.remoteStreams.size === 2 && patient.remoteStreams.size === 2 && tolk.remoteStreams.size === 2, 'the mesh of three');
    expect(tolk.state).to.equal('connected');
  });

  it('lets a patient whose page reloaded back in without a click; the same link on another device waits for the nurse', async () => {
    const token = newToken();
    const nurse = host(token);
    await nurse.open();
    const instance = newToken();
    const first = guest(token, 'patient', { instance });
    await first.start(await media());
    await until(() => nurse.guests.length === 1, 'the knock');
    nurse.admit(await media());
    await until(() => first.state === 'connected' && nurse.remoteStreams.size === 1, 'the call');
    const before = [...nurse.remoteStreams.keys()][0];

    // The page dies without a word; the same tab loads it again.
    first.teardown();
    const reloaded = guest(token, 'patient', { instance });
    await reloaded.start(await media());
    await until(() => reloaded.state === 'connected', 'the reloaded page back in the call');
    await until(() => nurse.remoteStreams.size === 1 && !nurse.remoteStreams.has(before!) && nurse.state === 'connected', 'one tile, the new one');
    expect(nurse.guests.filter((g) => g.admitted)).to.have.length(1);

    const elsewhere = guest(token, 'patient');
    await elsewhere.start(await media());
    await until(() => nurse.guests.some((g) => !g.admitted), 'the other device listed');
    // Told it is listed: the nurse's side has decided about it, and it waits for her.
    await until(() => elsewhere.listed, 'the other device to know it is listed');
    expect(elsewhere.state).to.equal('waiting');
    expect(nurse.remoteStreams.size).to.equal(1);
  });

  it('counts wrong interpreter codes in the nurse’s store across reconnects: locked after the fifth in all', async () => {
    const name = uniqueDbName('session-codes');
    const store = await LocalStore.open({ name });
    try {
      const checked = validateInvite({
        ...emptyDraft(), clinic: 'gagnef', personnummer: '19121212-1212', givenName: 'Tolvan', familyName: 'Tolvansson', mobile: '070-123 45 67',
        reason: 'Hälsosamtal 50 år', date: isoDate(nextOpenDay({}, addDays(swedishDate(new Date()), 1))!), time: '10:00',
        interpreter: true, interpreterLanguage: 'ar', interpreterMobile: '073-123 45 67', interpreterEmail: 'tolk@tolk.se',
      }, new Date());
      if (!checked.ok) throw new Error(JSON.stringify(checked.errors));
      const booking = await store.bookings.create(newBooking(checked.value));
      const nurse = host(booking.token, { token: booking.interpreter!.token }, { codeCheck: (typed) => store.interpreterCodes.check(booking.id, typed) });
      await nurse.open();
      const wrong = booking.interpreter!.code === '000000' ? '111111' : '000000';
      const answers: string[] = [];
      for (let i = 0; i <= 5; i++) {
        // Every guess from a fresh page: a reconnect must not give new tries.
        const tolk = guest(booking.interpreter!.token, 'interpreter');
        await tolk.start(await media());
        await until(() => tolk.listed, 'the knock');
        tolk.sendCode(i < 5 ? wrong : booking.interpreter!.code);
        await until(() => tolk.codeCheck, 'the answer');
        answers.push(tolk.codeCheck!.result);
        tolk.teardown();
      }
      expect(answers).to.deep.equal(['wrong', 'wrong', 'wrong', 'wrong', 'locked', 'locked']);
    } finally {
      store.close();
      await deleteDB(name);
    }
  });

  it('ends and leaves from every state, a failed call included, without throwing', async () => {
    const fresh = host(newToken());
    await fresh.end();
    expect(fresh.state).to.equal('ended');
    const idleGuest = guest(newToken(), 'patient');
    await idleGuest.leave();
    expect(idleGuest.state).to.equal('ended');

    const gaveUpSoon = new DefaultReconnectPolicy({ delaysMs: [100], giveUpAfterMs: 1000 });
    const pair = async (): Promise<[HostSession, GuestSession]> => {
      const token = newToken();
      const nurse = host(token, undefined, { policy: gaveUpSoon });
      await nurse.open();
      const patient = guest(token, 'patient', { policy: gaveUpSoon });
      await patient.start(await media());
      await until(() => nurse.guests.length === 1, 'the knock');
      nurse.admit(await media());
      await until(() => patient.state === 'connected' && nurse.state === 'connected', 'the call');
      return [nurse, patient];
    };
    // The patient's page vanishes: the nurse's side gives up, then the nurse ends the visit.
    const [nurse, gone] = await pair();
    gone.teardown();
    await until(() => nurse.state === 'failed', 'the nurse to give up', 30_000);
    await nurse.end();
    expect(nurse.state).to.equal('failed');
    expect(nurse.localTracks.every((t) => t.readyState === 'ended')).to.equal(true);
    // The nurse's page vanishes: the patient's side gives up, then the patient leaves.
    const [vanished, patient] = await pair();
    vanished.teardown();
    await until(() => patient.state === 'failed', 'the patient to give up', 30_000);
    await patient.leave();
    expect(patient.state).to.equal('failed');
    expect(patient.localTracks.every((t) => t.readyState === 'ended')).to.equal(true);
  });

  it('stops asking the signalling server when the policy gives up, says so, and starts again on request', async () => {
    const away = { url: 'http://127.0.0.1:9/peerjs', iceServers: [] };
    const nurse = new HostSession({ signalling: away, participantToken: newToken(), policy: new DefaultReconnectPolicy({ delaysMs: [100], giveUpAfterMs: 800 }) });
    sessions.push(nurse);
    await within(nurse.open(), 'the registration to give up');
    expect(nurse.signalling).to.equal('unreachable');
    nurse.retrySignalling();
    await until(() => nurse.signalling === 'offline', 'a new try');
    await until(() => nurse.signalling === 'unreachable', 'giving up again');
  });
  it('a page that takes the room id before the nurse cannot pose as the nurse: it cannot answer the patient’s challenge, so gets no proof and no media', async () => {
    const token = newToken();
    const room = await roomPeerId(token);
    const impostor = createPeer(signalling, room);
    strangers.push(impostor);
    await within(new Promise((resolve) => impostor.once('open', resolve)), 'the impostor’s peer');
    const heard: unknown[] = [];
    let guestId = '';
    let closed = false;
    impostor.on('connection', (conn) => {
      guestId = conn.peer;
      conn.on('data', (d) => {
        heard.push(d);
        void conn.send({ t: 'challenge', nonce: newNonce(), proof: newNonce() });
      });
      conn.on('close', () => (closed = true));
    });
    const patient = guest(token, 'patient');
    await patient.start(await media());
    await until(() => closed, 'the patient to hang up on the impostor');
    expect(heard.map((m) => (m as { t: string }).t)).to.deep.equal(['knock']); // no proof was given
    const call = impostor.call(guestId, await media());
    let streamed = false;
    call.on('stream', () => (streamed = true));
    await new Promise((r) => setTimeout(r, 6000));
    expect(streamed).to.equal(false);
    expect(patient.listed).to.equal(false);
    expect(patient.remoteStreams.size).to.equal(0);
  });

  it('a flood of connections that never prove anything does not keep the patient out', async () => {
    const token = newToken();
    const nurse = host(token);
    await nurse.open();
    const room = await roomPeerId(token);
    const flood = await stranger();
    for (let i = 0; i < 8; i++) flood.connect(room, { reliable: true });
    await new Promise((r) => setTimeout(r, 1500));
    const patient = guest(token, 'patient');
    await patient.start(await media());
    await until(() => nurse.guests.length === 1 && patient.listed, 'the patient listed despite the flood', 20_000);
  });

  it('without the nurse there is no visit: a guest whose nurse is gone gives up, though the other guest is still there', async () => {
    const token = newToken();
    const interpreter = { token: newToken(), code: newSmsCode() };
    const soon = new DefaultReconnectPolicy({ delaysMs: [100], giveUpAfterMs: 1500 });
    const nurse = host(token, interpreter, { policy: soon });
    await nurse.open();
    const patient = guest(token, 'patient', { policy: soon });
    const tolk = guest(interpreter.token, 'interpreter', { policy: soon });
    await Promise.all([patient.start(await media()), tolk.start(await media())]);
    await until(() => nurse.guests.length === 2 && tolk.listed, 'both knocks');
    tolk.sendCode(interpreter.code);
    await until(() => nurse.guests.every((g) => g.verified), 'the code');
    nurse.admit(await media());
    await until(() => patient.remoteStreams.size === 2 && tolk.remoteStreams.size === 2, 'the mesh');
    nurse.teardown();
    await until(() => patient.state === 'failed' && tolk.state === 'failed', 'both guests to give up', 30_000);
  });
  it('sends the star profile the patient filled in to the nurse once let in, never before, and again when it changes', async () => {
    const token = newToken();
    const nurse = host(token);
    await nurse.open();
    const patient = guest(token, 'patient');
    patient.setStarProfile({ 'physical-activity': 'level-2', bmi: 27.4 });
    await patient.start(await media());
    await until(() => nurse.guests.length === 1 && patient.listed, 'the knock');
    await new Promise((r) => setTimeout(r, 500));
    expect(nurse.starProfile).to.equal(undefined);
    let changes = 0;
    nurse.addEventListener('star-profile-change', () => changes++);
    nurse.admit(await media());
    await until(() => nurse.starProfile, 'the answers at the nurse');
    expect(nurse.starProfile).to.deep.equal({ 'physical-activity': 'level-2', bmi: 27.4 });
    patient.setStarProfile({ 'physical-activity': 'level-3', bmi: 27.4 });
    await until(() => nurse.starProfile?.['physical-activity'] === 'level-3', 'the change');
    expect(changes).to.equal(2);
  });
  it('hands the patient’s ID token to the nurse’s verifier once listed, and shows what it found; an interpreter’s is ignored', async () => {
    const token = newToken();
    const interpreter = { token: newToken(), code: newSmsCode() };
    const seen: string[] = [];
    const nurse = host(token, interpreter, {
      verifyIdentity: (idToken) => {
        seen.push(idToken);
        return Promise.resolve(idToken.startsWith('good.') ? { state: 'verified', name: 'Tolvan Tolvansson', method: 'bankid' } : { state: 'failed', code: 'person' });
      },
    });
    await nurse.open();
    const patient = guest(token, 'patient');
    patient.setIdentity('good.eyJzdWIiOiIxIn0.c2ln');
    const tolk = guest(interpreter.token, 'interpreter');
    tolk.setIdentity('good.eyJzdWIiOiIyIn0.c2ln');
    await Promise.all([patient.start(await media()), tolk.start(await media())]);
    await until(() => nurse.guests.find((g) => g.role === 'patient')?.identity.state === 'verified', 'the verified patient');
    expect(nurse.guests.find((g) => g.role === 'patient')?.identity).to.deep.equal({ state: 'verified', name: 'Tolvan Tolvansson', method: 'bankid' });
    await until(() => tolk.listed, 'the interpreter listed');
    await new Promise((r) => setTimeout(r, 300));
    expect(nurse.guests.find((g) => g.role === 'interpreter')?.identity).to.deep.equal({ state: 'none' });
    expect(seen).to.deep.equal(['good.eyJzdWIiOiIxIn0.c2ln']);

    // Someone else signed in with the same link: the nurse is told, the patient is still listed.
    const other = guest(token, 'patient');
    other.setIdentity('bad.eyJzdWIiOiIzIn0.c2ln');
    await other.start(await media());
    await until(() => nurse.guests.some((g) => g.identity.state === 'failed'), 'the failed check');
    expect(nurse.guests.filter((g) => g.role === 'patient').map((g) => g.identity.state).sort()).to.deep.equal(['failed', 'verified']);
  });
});
