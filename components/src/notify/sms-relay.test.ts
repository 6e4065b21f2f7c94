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

/** Every outbox-change the relay fires, in order. */
function changesOf(relay: SmsRelay): OutboxChangeEvent[] {
  const seen: OutboxChangeEvent[] = [];
  relay.addEventListener('outbox-change', (e) => {
    if (e instanceof OutboxChangeEvent) seen.push(e);
  });
  return seen;
}
/** The relay's next outbox-change, or a failure after `ms` (a relay that never stores one). */
function nextChange(relay: SmsRelay, ms = 5_000): Promise<OutboxChangeEvent> {
  return new Promise((resolve, reject) => {
    const timer = setTimeout(() => {
      reject(new Error(`no outbox-change within ${ms} ms`));
    }, ms);
    relay.addEventListener('outbox-change', (e) => {
      clearTimeout(timer);
      if (e instanceof OutboxChangeEvent) resolve(e);
    }, { once: true });
  });
}

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
    expect(result.status === 'queued' && result.error).to.deep.equal({ code: 'queued' }); // worded where it is shown
    expect((await first.outbox.all()).map((e) => e.lastError)).to.deep.equal([{ code: 'queued' }]);
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
    // The relay's reason is the relay's own text (the demo relay's is Swedish), kept as it is, beside the code.
    expect(result.status === 'rejected' && result.error).to.deep.equal({ code: 'rejected', reason: 'Numret ser ut att vara en fast telefon. Inbjudan skickas med sms, så ange ett mobilnummer (07…).' });
    const [entry] = await s.outbox.all();
    expect(entry?.status).to.equal('rejected');
    expect(entry?.lastError).to.deep.equal(result.status === 'rejected' ? result.error : undefined);
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

  describe('when a page closes between two tries', () => {
    it('reports the message as stored before its first try, and as gone once the relay accepted it', async () => {
      const text = unique('stored-first');
      const relay = new SmsRelay({ url: `${base}/api/sms`, outbox: (await store()).outbox, backoff: FAST });
      const seen = changesOf(relay);
      expect((await relay.send({ to: TO, text, kind: 'invite', bookingId: 'b-2' })).status).to.equal('sent');
      // The first event came before the relay had it: a view could show "sending".
      expect(seen.at(0)?.entries.map((e) => [e.text, e.status, e.attempts, e.bookingId])).to.deep.equal([[text, 'pending', 0, 'b-2']]);
      expect(seen.at(-1)?.entries).to.deep.equal([]);
      expect(await relay.pending()).to.deep.equal([]);
      expect(await relayed(text)).to.have.length(1);
    });

    it('keeps the message in the outbox while a try is on its way, due at once for another page, and not posted again by this page’s flush', async () => {
      const text = unique('in-flight');
      const name = uniqueDbName('in-flight');
      // The first try fails, so the message is still on its way for at least `baseMs`.
      await outage(1, 503);
      const relay = new SmsRelay({ url: `${base}/api/sms`, outbox: (await store(name)).outbox, backoff: { ...FAST, baseMs: 1_500, maxMs: 1_500 } });
      const stored = nextChange(relay);
      const sending = relay.send({ to: TO, text, kind: 'invite' });
      await stored;

      // Another page (its own connection to the same database) sees it, already due.
      const other = await store(name);
      const [entry, ...rest] = await other.outbox.all();
      expect(rest).to.deep.equal([]);
      expect([entry?.text, entry?.status, entry?.attempts, entry?.lastError]).to.deep.equal([text, 'pending', 0, undefined]);
      expect(entry!.nextAttemptAt <= new Date().toISOString()).to.equal(true);
      expect(await relayed(text)).to.deep.equal([]);

      // This page's own flush (the interval's) leaves a message send() is working on alone.
      expect(await relay.flush({ force: true })).to.equal(0);
      expect((await other.outbox.get(entry!.id))?.attempts).to.equal(0);
      expect(await relayed(text)).to.deep.equal([]);

      expect((await sending).status).to.equal('sent');
      expect(await other.outbox.all()).to.deep.equal([]);
      expect((await relayed(text)).map((m) => m.id)).to.deep.equal([entry!.id]);
    });

    it('sends, once, a message left behind by a page that died mid-send, when another page starts', async () => {
      const text = unique('resumed');
      const name = uniqueDbName('resumed');
      // The dying page: its first try fails and it would wait a minute before the next. It never
      // gets there (as if its tab was closed), so its message is only in the outbox.
      const dying = new SmsRelay({ url: 'http://127.0.0.1:9/api/sms', outbox: (await store(name)).outbox, backoff: { ...FAST, baseMs: 60_000, maxMs: 60_000 } });
      const stored = nextChange(dying);
      dying.send({ to: TO, text, kind: 'invite' }).catch(() => undefined);
      const id = (await stored).entries[0]?.id;

      const reopened = new SmsRelay({ url: `${base}/api/sms`, outbox: (await store(name)).outbox, backoff: FAST });
      reopened.start(60_000);
      try {
        // start() flushes at once; a flush while that runs shares its run.
        expect(await reopened.flush()).to.equal(1);
        expect(await reopened.pending()).to.deep.equal([]);
        expect(await reopened.flush({ force: true })).to.equal(0);
      } finally {
        reopened.stop();
      }
      expect((await relayed(text)).map((m) => m.id)).to.deep.equal([id]);
    });

    it('still delivers when the outbox cannot be written', async () => {
      const text = unique('no-store');
      const s = await store();
      const relay = new SmsRelay({ url: `${base}/api/sms`, outbox: s.outbox, backoff: FAST });
      // As when another tab upgrades the database and this page's connection steps aside.
      s.close();
      expect((await relay.send({ to: TO, text, kind: 'invite' })).status).to.equal('sent');
      expect(await relayed(text)).to.have.length(1);
    });
  });
});
