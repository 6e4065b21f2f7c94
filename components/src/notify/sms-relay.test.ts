import { expect } from 'chai';
import { afterEach, before, describe, it } from 'node:test';
import { deleteDB } from 'idb';
import { LocalStore } from '../store/index.js';
import { demoUrl, uniqueDbName } from '../testing/env.js';
import { OutboxChangeEvent, SmsRelay } from './sms-relay.js';

// Against the real demo server: its relay endpoint, its outbox and its outage switch.
let base = '';
const FAST = { attempts: 3, baseMs: 10, maxMs: 40, outboxBaseMs: 60_000, outboxMaxMs: 600_000 };

interface Relayed { id: string; to: string; text: string; kind: string }
async function relayed(text: string): Promise<Relayed[]> {
  const all = (await (await fetch(`${base}/outbox.json`)).json()) as Relayed[];
  return all.filter((m) => m.text === text);
}
/** This file's own number: its simulated outages touch no other test's messages. */
const TO = `+4670${String(Math.floor(Math.random() * 1e7)).padStart(7, '0')}`;
async function outage(failNext: number, status = 503): Promise<void> {
  await fetch(`${base}/api/demo/sms-outage`, {
    method: 'POST', headers: { 'Content-Type': 'application/json' }, body: JSON.stringify({ failNext, status, to: TO }),
  });
}
const unique = (label: string): string => `Test ${label} ${crypto.randomUUID()}`;

const opened: { store: LocalStore; name: string }[] = [];
async function store(name = uniqueDbName('relay')): Promise<LocalStore> {
  const s = await LocalStore.open({ name });
  opened.push({ store: s, name });
  return s;
}

before(async () => {
  base = await demoUrl();
});

afterEach(async () => {
  await outage(0);
  for (const { store: s, name } of opened.splice(0)) {
    s.close();
    await deleteDB(name);
  }
});

describe('SmsRelay against the demo relay', () => {
  it('sends a message that then shows in the outbox, once', async () => {
    const text = unique('sent');
    const relay = new SmsRelay({ url: `${base}/api/sms`, outbox: (await store()).outbox, backoff: FAST });
    const result = await relay.send({ to: TO, text, kind: 'invite' });
    expect(result.status).to.equal('sent');
    const got = await relayed(text);
    expect(got.map(({ to, kind }) => ({ to, kind }))).to.deep.equal([{ to: TO, kind: 'invite' }]);
    expect(await relay.pending()).to.deep.equal([]);
  });

  it('retries 5xx answers with backoff and succeeds when the relay recovers', async () => {
    const text = unique('retry');
    await outage(2, 503);
    const relay = new SmsRelay({ url: `${base}/api/sms`, outbox: (await store()).outbox, backoff: FAST });
    expect((await relay.send({ to: TO, text, kind: 'update' })).status).to.equal('sent');
    expect(await relayed(text)).to.have.length(1);
  });

  it('keeps a message that still fails in the persistent outbox, reports it, and sends it later', async () => {
    const text = unique('queued');
    const name = uniqueDbName('queued');
    await outage(3, 502);
    const first = await store(name);
    const relay = new SmsRelay({ url: `${base}/api/sms`, outbox: first.outbox, backoff: FAST });
    const reported: OutboxChangeEvent[] = [];
    relay.addEventListener('outbox-change', (e) => {
      if (e instanceof OutboxChangeEvent) reported.push(e);
    });

    const result = await relay.send({ to: TO, text, kind: 'invite', bookingId: 'b-1' });
    expect(result.status).to.equal('queued');
    expect(result.status === 'queued' && result.error).to.match(/skickas automatiskt/);
    expect(reported.at(-1)?.entries.map((e) => e.text)).to.deep.equal([text]);
    expect(await relayed(text)).to.deep.equal([]);

    // The page is reloaded: the message is still there.
    const again = await store(name);
    const pending = await again.outbox.all();
    expect(pending.map((e) => [e.text, e.status, e.bookingId])).to.deep.equal([[text, 'pending', 'b-1']]);

    // Not due yet (backoff), so a plain flush leaves it; a forced one sends it.
    const later = new SmsRelay({ url: `${base}/api/sms`, outbox: again.outbox, backoff: FAST });
    expect(await later.flush()).to.equal(0);
    expect(await later.flush({ force: true })).to.equal(1);
    expect(await again.outbox.all()).to.deep.equal([]);
    expect(await relayed(text)).to.have.length(1);
  });

  it('queues on a network error (nothing listening) and delivers once the relay is reachable', async () => {
    const text = unique('network');
    const s = await store();
    const unreachable = new SmsRelay({ url: 'http://127.0.0.1:9/api/sms', outbox: s.outbox, backoff: FAST });
    expect((await unreachable.send({ to: TO, text, kind: 'cancel' })).status).to.equal('queued');

    const reachable = new SmsRelay({ url: `${base}/api/sms`, outbox: s.outbox, backoff: { ...FAST, outboxBaseMs: 0 } });
    const sent = await reachable.retry((await s.outbox.all())[0]!.id);
    expect(sent?.status).to.equal('sent');
    expect(await relayed(text)).to.have.length(1);
  });

  it('shows a 4xx answer as an error with the relay’s reason and does not retry it', async () => {
    const s = await store();
    const relay = new SmsRelay({ url: `${base}/api/sms`, outbox: s.outbox, backoff: FAST });
    const result = await relay.send({ to: '+4681234567', text: unique('landline'), kind: 'invite' });
    expect(result.status).to.equal('rejected');
    expect(result.status === 'rejected' && result.error).to.match(/tog inte emot.*fast telefon/);
    const [entry] = await s.outbox.all();
    expect(entry?.status).to.equal('rejected');
    // A flush leaves rejected messages alone: a person has to look at them.
    expect(await relay.flush({ force: true })).to.equal(0);
  });

  it('makes exactly one request for a 4xx', async () => {
    const text = unique('once');
    // One 422 and then a healthy relay: a retry would have delivered the message.
    await outage(1, 422);
    const relay = new SmsRelay({ url: `${base}/api/sms`, outbox: (await store()).outbox, backoff: FAST });
    expect((await relay.send({ to: TO, text, kind: 'invite' })).status).to.equal('rejected');
    expect(await relayed(text)).to.deep.equal([]);
  });
});
