import { expect } from 'chai';
import { mkdtemp, rm } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { after, before, describe, it } from 'node:test';
import type { Page } from 'puppeteer-core';
import { launchChromium, preparePage, watchProblems, type LaunchedBrowser } from '../../scripts/browser.js';
import { spawnDemoServer, type SpawnedServer } from '../server/spawn.js';
import { startCoturn, type Coturn } from './coturn.js';
import { bookSoon, deep, openAsPatient, openLobby, smsTo, startVisit, waitDeep } from './helpers.js';

// Calls through a real TURN server (Debian's coturn on loopback), with relay-only ICE on both
// sides, as on a hospital network that lets no UDP through: the demo server hands each page a
// short-lived credential signed with the secret it shares with coturn.

let turn: Coturn;
let chromium: LaunchedBrowser;
const dirs: string[] = [];

/** A demo server whose pages use `turn` relay-only, signing credentials with `secret`. */
async function demoWith(secret: string): Promise<SpawnedServer> {
  const dir = await mkdtemp(join(tmpdir(), 'dh-turn-'));
  dirs.push(dir);
  return spawnDemoServer({ dataDir: dir, ice: { urls: [`${turn.url}?transport=udp`], secret, policy: 'relay' } });
}

/** What WebRTC says of the call's connections in a page, reached through the call view's session. */
async function callStats(page: Page, host: 'dh-lobby' | 'dh-patient-join'): Promise<{ local: string; remote: string; localPort: number; framesDecoded: number }[]> {
  return page.evaluate(async (host) => {
    const call = document.querySelector(host)?.shadowRoot?.querySelector('dh-call') as (HTMLElement & { session?: { peerConnections: RTCPeerConnection[] } }) | null;
    const figures = [];
    for (const pc of call?.session?.peerConnections ?? []) {
      const stats = [...(await pc.getStats()).values()] as (Record<string, unknown> & { id: string; type: string })[];
      const byId = new Map(stats.map((s) => [s.id, s]));
      const transport = stats.find((s) => s.type === 'transport');
      const pair = byId.get(String(transport?.selectedCandidatePairId)) ?? stats.find((s) => s.type === 'candidate-pair' && s.nominated === true && s.state === 'succeeded');
      const video = stats.find((s) => s.type === 'inbound-rtp' && s.kind === 'video');
      figures.push({
        local: String(byId.get(String(pair?.localCandidateId))?.candidateType),
        localPort: Number(byId.get(String(pair?.localCandidateId))?.port),
        remote: String(byId.get(String(pair?.remoteCandidateId))?.candidateType),
        framesDecoded: Number(video?.framesDecoded ?? 0),
      });
    }
    return figures;
  }, host);
}

before(async () => {
  turn = await startCoturn();
  chromium = await launchChromium();
});
after(async () => {
  await chromium.close();
  await turn.close();
  for (const dir of dirs) await rm(dir, { recursive: true, force: true });
});

describe('a visit relayed through TURN', () => {
  it('connects nurse and patient with relay-only ICE: the selected pair is relay on both sides and video frames are decoded', async () => {
    const server = await demoWith(turn.secret);
    try {
      const nurse = await preparePage(await (await chromium.browser.createBrowserContext()).newPage());
      const patient = await preparePage(await (await chromium.browser.createBrowserContext()).newPage());
      const problems = [...watchProblems(nurse), ...watchProblems(patient)];
      await bookSoon(server.url, nurse, '070-555 21 01');
      const link = /https?:\/\/\S+\/besok#[\w-]{22}/.exec((await smsTo(server.url, '+46705552101'))[0] ?? '')?.[0];
      expect(link).to.be.a('string');
      await openAsPatient(patient, link!);
      await waitDeep(patient, ['dh-patient-join'], 'text', (t) => String(t).includes('väntrummet'), 'the waiting room');
      await openLobby(nurse);
      // The knock itself (a data connection) goes through the relay too.
      await waitDeep(nurse, ['dh-lobby'], 'text', (t) => String(t).includes('Patienten väntar'), 'the knock in the lobby');
      await startVisit(nurse);
      await waitDeep(nurse, ['dh-lobby', 'dh-call', 'video.remote'], 'frames', (n) => Number(n) > 5, 'video at the nurse');
      await waitDeep(patient, ['dh-patient-join', 'dh-call', 'video.remote'], 'frames', (n) => Number(n) > 5, 'video at the patient');

      for (const [page, host] of [[nurse, 'dh-lobby'], [patient, 'dh-patient-join']] as const) {
        const figures = await callStats(page, host);
        expect(figures, host).to.have.length(1);
        expect(figures[0], host).to.include({ local: 'relay', remote: 'relay' });
        expect(figures[0]?.framesDecoded, host).to.be.greaterThan(0);
        // A relay address from this test's coturn, not from anywhere else.
        expect(figures[0]?.localPort, host).to.be.within(...turn.relayPorts);
      }
      expect(problems.filter((p) => !p.includes('favicon'))).to.deep.equal([]);
    } finally {
      await server.close();
    }
  });

  it('tells nurse and patient at once, with the phone, when the TURN server refuses the credential', async () => {
    // The web server signs with a secret coturn does not share: every credential is wrong (401).
    const server = await demoWith('not-the-turn-servers-secret');
    try {
      const nurse = await preparePage(await (await chromium.browser.createBrowserContext()).newPage());
      const patient = await preparePage(await (await chromium.browser.createBrowserContext()).newPage());
      await bookSoon(server.url, nurse, '070-555 21 02');
      const link = /https?:\/\/\S+\/besok#[\w-]{22}/.exec((await smsTo(server.url, '+46705552102'))[0] ?? '')?.[0];
      await openAsPatient(patient, link!);
      await openLobby(nurse);

      await waitDeep(patient, ['dh-patient-join'], 'text', (t) => String(t).includes('kan inte kopplas upp'), 'the patient to be told');
      const patientText = String(await deep(patient, ['dh-patient-join'], 'text'));
      expect(patientText).to.include('Sjuksköterskan ringer dig på telefon i stället');
      // Not the waiting room: nothing promises a call that cannot come.
      expect(patientText).to.not.include('väntrummet');
      expect(await patient.evaluate(() => document.querySelector('dh-patient-join')?.shadowRoot?.querySelector('[role="alert"]')?.textContent)).to.include('kan inte kopplas upp');

      await waitDeep(nurse, ['dh-lobby'], 'text', (t) => String(t).includes('TURN-servern'), 'the nurse to be told');
      const alert = await nurse.evaluate(() => document.querySelector('dh-lobby')?.shadowRoot?.querySelector('[role="alert"]')?.innerHTML ?? '');
      expect(alert).to.include('fel eller utgånget lösenord');
      expect(alert).to.match(/href="tel:\+46705552102"/);
      // The camera and microphone the patient's device check opened are released with the failed visit.
      expect(await patient.evaluate(() => {
        const join = document.querySelector('dh-patient-join') as (HTMLElement & { session?: { localTracks: readonly MediaStreamTrack[] } }) | null;
        const tracks = join?.session?.localTracks ?? [];
        return tracks.length > 0 && tracks.every((t) => t.readyState === 'ended');
      })).to.equal(true);
      // coturn refused the short-lived usernames the server signed (expiry:random label, nothing personal).
      expect(turn.output()).to.match(/Cannot find credentials of user <\d{10}:[\w-]{8}>/);
    } finally {
      await server.close();
    }
  });
});
