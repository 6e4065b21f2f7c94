import { expect } from 'chai';
import { mkdtemp, rm } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { after, before, describe, it } from 'node:test';
import { launchChromium, watchProblems, type LaunchedBrowser } from '../../scripts/browser.js';
import { spawnDemoServer, type SpawnedServer } from '../server/spawn.js';
import { bookSoon, deep, openAsPatient, openLobby, smsTo, startVisit, waitDeep } from './helpers.js';

// The signalling server (PeerServer in the demo server) restarts while a patient waits in the
// lobby: both sides say the link is lost, come back by themselves, and the visit starts as usual.
let dir: string;
let server: SpawnedServer;
let chromium: LaunchedBrowser;

before(async () => {
  dir = await mkdtemp(join(tmpdir(), 'dh-restart-'));
  server = await spawnDemoServer({ dataDir: dir });
  chromium = await launchChromium();
});
after(async () => {
  await chromium.close();
  await server.close();
  await rm(dir, { recursive: true, force: true });
});

describe('the signalling server restarts while people wait', () => {
  it('nurse and patient reconnect by themselves, the patient is still waiting, and the visit starts', async () => {
    const nurse = await (await chromium.browser.createBrowserContext()).newPage();
    const patient = await (await chromium.browser.createBrowserContext()).newPage();
    await bookSoon(server.url, nurse, '070-555 40 40');
    const link = /https?:\/\/\S+\/besok#[\w-]{22}/.exec((await smsTo(server.url, '+46705554040'))[0] ?? '')?.[0];
    expect(link).to.be.a('string');
    await openLobby(nurse);
    await openAsPatient(patient, link!);
    await waitDeep(nurse, ['dh-lobby'], 'text', (t) => String(t).includes('Patienten väntar'), 'the knock');
    await waitDeep(patient, ['dh-patient-join'], 'text', (t) => String(t).includes('vet att du väntar'), 'the patient to know the nurse is there');

    const { port } = server;
    await server.close();
    await waitDeep(nurse, ['dh-lobby'], 'text', (t) => String(t).includes('Förbindelsen med videotjänsten bröts'), 'the nurse to be told');
    await waitDeep(patient, ['dh-patient-join'], 'text', (t) => String(t).includes('Förbindelsen bröts en stund'), 'the patient to be told');
    await new Promise((r) => setTimeout(r, 2000)); // a restart takes a moment
    server = await spawnDemoServer({ port, dataDir: dir });
    // From here on, nothing that goes wrong is excused by the restart.
    const problems = [...watchProblems(nurse), ...watchProblems(patient)];

    await waitDeep(nurse, ['dh-lobby'], 'text', (t) => !String(t).includes('Förbindelsen med videotjänsten bröts'), 'the nurse to be back', 30_000);
    await waitDeep(patient, ['dh-patient-join'], 'text', (t) => String(t).includes('vet att du väntar'), 'the patient to be back', 30_000);
    expect(String(await deep(nurse, ['dh-lobby'], 'text'))).to.include('Patienten väntar');

    await startVisit(nurse);
    await waitDeep(nurse, ['dh-lobby', 'dh-call', 'video.remote'], 'frames', (n) => Number(n) > 5, 'video at the nurse');
    await waitDeep(patient, ['dh-patient-join', 'dh-call', 'video.remote'], 'frames', (n) => Number(n) > 5, 'video at the patient');
    expect(problems.filter((p) => !p.includes('favicon'))).to.deep.equal([]);
  });
});
