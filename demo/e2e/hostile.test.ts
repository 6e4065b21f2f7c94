import { expect } from 'chai';
import { after, before, describe, it } from 'node:test';
import { watchProblems } from '../../scripts/browser.js';
import { attack, oversized, sendInvalidFrame, upgrade } from '../server/hostile-clients.js';
import { bookSoon, deep, openAsPatient, openLobby, smsTo, startDemoRun, startVisit, waitDeep, type DemoRun } from './helpers.js';

// A patient waits for her visit while someone sends the demo's signalling server what no PeerJS
// client would: each attacker is dropped, and the visit goes on as if nothing had happened.
let run: DemoRun;

before(async () => {
  run = await startDemoRun('hostile');
});
after(() => run.close());

describe('hostile clients against the signalling server', () => {
  it('a waiting patient keeps her place, and the visit starts, after garbage, a broken frame, a huge message and a foreign page', async () => {
    const { server, chromium } = run;
    const nurse = await (await chromium.browser.createBrowserContext()).newPage();
    const patient = await (await chromium.browser.createBrowserContext()).newPage();
    const problems = [...watchProblems(nurse), ...watchProblems(patient)];

    await bookSoon(server.url, nurse, '070-555 31 31');
    const link = /https?:\/\/\S+\/besok#[\w-]{22}/.exec((await smsTo(server.url, '+46705553131'))[0] ?? '')?.[0];
    expect(link).to.be.a('string');
    await openAsPatient(patient, link!);
    await waitDeep(patient, ['dh-patient-join'], 'text', (t) => String(t).includes('väntrummet'), 'the waiting room');

    // Something only this server process holds in memory (a restart would forget it): an SMS outage
    // armed for one number.
    const outage = await fetch(`${server.url}/api/demo/sms-outage`, {
      method: 'POST', headers: { 'Content-Type': 'application/json' }, body: JSON.stringify({ failNext: 1, status: 503, to: '+46705553199' }),
    });
    expect(outage.status).to.equal(200);

    // Watch the patient's page the whole time for the "connection lost" notice.
    let patientLostLink = false;
    const stopWatching = new AbortController();
    const watcher = (async () => {
      while (!stopWatching.signal.aborted) {
        patientLostLink ||= String(await deep(patient, ['dh-patient-join'], 'text')).includes('Förbindelsen bröts');
        await new Promise((r) => setTimeout(r, 100));
      }
    })();

    expect(await attack(server.url, ['this is not json']), 'garbage').to.equal(1008);
    expect(await sendInvalidFrame(server.url), 'a frame with RSV1 set').to.equal(1002);
    expect(await attack(server.url, [oversized()]), 'a message over 64 KiB').to.equal(1009);
    expect((await upgrade(server.url, { origin: 'http://evil.example' })).status, 'another site\'s page').to.equal(403);
    await new Promise((r) => setTimeout(r, 1000)); // a dropped signalling socket would show by now

    await openLobby(nurse);
    await waitDeep(nurse, ['dh-lobby'], 'text', (t) => String(t).includes('Patienten väntar'), 'the knock in the lobby');
    await startVisit(nurse);
    await waitDeep(nurse, ['dh-lobby', 'dh-call', 'video.remote'], 'frames', (n) => Number(n) > 5, 'video at the nurse');
    await waitDeep(patient, ['dh-patient-join', 'dh-call', 'video.remote'], 'frames', (n) => Number(n) > 5, 'video at the patient');
    stopWatching.abort();
    await watcher;

    expect(patientLostLink, 'the patient was told the link was lost').to.equal(false);
    // The same process throughout: the armed outage is still there, and the invitation is listed.
    const sms = { id: crypto.randomUUID(), to: '+46705553199', text: 'Hej!', kind: 'invite' };
    const relayed = await fetch(`${server.url}/api/sms`, { method: 'POST', headers: { 'Content-Type': 'application/json' }, body: JSON.stringify(sms) });
    expect(relayed.status, 'the outage armed before the attacks').to.equal(503);
    expect(await smsTo(server.url, '+46705553131')).to.have.length(1);
    expect(problems.filter((p) => !p.includes('favicon'))).to.deep.equal([]);
  });
});
