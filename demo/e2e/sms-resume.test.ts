import { expect } from 'chai';
import { after, before, describe, it } from 'node:test';
import { fillInvite, nextWorkday, preparePage, watchProblems, type LaunchedBrowser } from '../../scripts/browser.js';
import type { SpawnedServer } from '../server/spawn.js';
import { startDemoRun, type DemoRun } from './helpers.js';

// The nurse closes the tab while the SMS relay is failing, between two tries of the invitation:
// the SMS is not lost. The next intranet page she opens in the same browser sends it, once.
let run: DemoRun;
let server: SpawnedServer;
let chromium: LaunchedBrowser;

/** A test number no other end-to-end test uses, so its outage touches nobody else's messages. */
const MOBILE = '+46705550061';

before(async () => {
  run = await startDemoRun('sms-resume');
  ({ server, chromium } = run);
});
after(() => run.close());

async function outage(failNext: number): Promise<void> {
  const response = await fetch(`${server.url}/api/demo/sms-outage`, {
    method: 'POST', headers: { 'Content-Type': 'application/json' }, body: JSON.stringify({ failNext, status: 503, to: MOBILE }),
  });
  expect(response.status).to.equal(200);
}

/** Ids of the invitations to MOBILE that the relay took, as the demo's outbox lists them. */
async function invitations(): Promise<string[]> {
  const outbox = (await (await fetch(`${server.url}/outbox.json`)).json()) as { id: string; to: string; kind: string }[];
  return outbox.filter((m) => m.to === MOBILE && m.kind === 'invite').map((m) => m.id);
}

const sleep = (ms: number): Promise<void> => new Promise((resolve) => setTimeout(resolve, ms));

describe('an invitation whose page was closed between two tries', () => {
  it('is sent, once, by the next intranet page opened in the same browser', async () => {
    await outage(1000);
    const page = await chromium.browser.newPage();
    await page.goto(`${server.url}/`, { waitUntil: 'networkidle0' });
    await fillInvite(page, {
      clinic: 'gagnef', personnummer: '19121212-1212', givenName: 'Tolvan', familyName: 'Tolvansson',
      mobile: '070-555 00 61', reason: 'Hälsosamtal 50 år', date: nextWorkday(), time: '10:00',
    });
    await page.locator('dh-invite >>> #confirm').click();
    const firstTry = page.waitForResponse((r) => new URL(r.url()).pathname === '/api/sms' && r.status() === 503);
    await page.locator('dh-invite >>> button[type="submit"]').click();
    await firstTry;
    // The relay still fails and the page waits for its next try: the nurse closes the tab.
    await page.close();
    expect(await invitations()).to.deep.equal([]);
    await outage(0);

    // Same browser context, so the same IndexedDB: the reopened page finds the message and sends it.
    const again = await preparePage(await chromium.browser.newPage());
    const problems = watchProblems(again);
    await again.goto(`${server.url}/`, { waitUntil: 'networkidle0' });
    const end = Date.now() + 20_000;
    while ((await invitations()).length === 0) {
      if (Date.now() > end) throw new Error('timed out waiting for the invitation to reach the outbox');
      await sleep(200);
    }
    await sleep(3_000);
    expect(await invitations()).to.have.length(1);

    // And it has left the nurse's outbox: nothing pending is shown or sent again.
    const left = await again.evaluate(() => new Promise<number>((resolve, reject) => {
      const open = indexedDB.open('digitala-halsosamtal');
      open.onerror = () => { reject(new Error('cannot open the database')); };
      open.onsuccess = () => {
        const db = open.result;
        const count = db.transaction('outbox').objectStore('outbox').count();
        count.onsuccess = () => {
          db.close();
          resolve(count.result);
        };
        count.onerror = () => { reject(new Error('cannot count the outbox')); };
      };
    }));
    expect(left).to.equal(0);
    expect(problems).to.deep.equal([]);
    await again.close();
  });
});
