import { expect } from 'chai';
import { describe, it } from 'node:test';
import { checkPeerMessage, messageCost, TokenBucket, type MessageProblem } from './signalling-guard.js';

describe('checkPeerMessage', () => {
  const table: [string, MessageProblem | undefined][] = [
    // What PeerJS 1.5 sends.
    ['{"type":"HEARTBEAT"}', undefined],
    ['{"type":"OFFER","payload":{"sdp":{"type":"offer","sdp":"v=0"},"type":"media"},"dst":"dh-0123456789abcdef0123456789abcdef"}', undefined],
    ['{"type":"OFFER","payload":{"type":"data","serialization":"binary","reliable":true},"dst":"b"}', undefined],
    ['{"type":"ANSWER","payload":{},"dst":"2f1c9a52-6c0e-4b8f-9d3c-1a2b3c4d5e6f"}', undefined],
    ['{"type":"CANDIDATE","payload":{},"dst":"b"}', undefined],
    ['{"type":"LEAVE","dst":"b"}', undefined],
    [JSON.stringify({ type: 'OFFER', dst: 'x'.repeat(64), payload: { type: 'media' } }), undefined],
    // What it never sends.
    ['', 'not-json'],
    ['not json', 'not-json'],
    ['{"type":"OFFER",', 'not-json'],
    ['null', 'not-object'],
    ['[]', 'not-object'],
    ['[{"type":"HEARTBEAT"}]', 'not-object'],
    ['"HEARTBEAT"', 'not-object'],
    ['7', 'not-object'],
    ['{}', 'type'],
    ['{"type":7}', 'type'],
    ['{"type":"heartbeat"}', 'type'],
    ['{"type":"OPEN"}', 'type'],
    ['{"type":"ID-TAKEN"}', 'type'],
    ['{"type":"__proto__"}', 'type'],
    ['{"type":"OFFER","dst":null}', 'dst'],
    ['{"type":"OFFER","dst":""}', 'dst'],
    ['{"type":"OFFER","dst":["b"]}', 'dst'],
    ['{"type":"OFFER","dst":{"toString":"b"}}', 'dst'],
    [JSON.stringify({ type: 'OFFER', dst: 'x'.repeat(65) }), 'dst'],
    // Offers PeerJS would turn into a broken object on the other side.
    ['{"type":"OFFER","payload":{"type":"data","serialization":"constructor"},"dst":"b"}', 'payload'],
    ['{"type":"OFFER","payload":{"type":"data","serialization":"toString"},"dst":"b"}', 'payload'],
    ['{"type":"OFFER","payload":{"type":"data"},"dst":"b"}', 'payload'],
    ['{"type":"OFFER","payload":{"type":"screen"},"dst":"b"}', 'payload'],
    ['{"type":"OFFER","dst":"b"}', 'payload'],
  ];
  for (const [text, problem] of table) {
    it(`${text.length > 60 ? `${text.slice(0, 57)}...` : text || '(empty)'} -> ${problem ?? 'accepted'}`, () => {
      expect(checkPeerMessage(text)).to.equal(problem);
    });
  }
});

describe('messageCost', () => {
  for (const [bytes, cost] of [[0, 1], [20, 1], [4096, 1], [4097, 2], [8192, 2], [8193, 3], [64 * 1024, 16]] as const) {
    it(`${String(bytes)} bytes cost ${String(cost)}`, () => {
      expect(messageCost(bytes)).to.equal(cost);
    });
  }
});

describe('TokenBucket', () => {
  it('gives the burst at once, then refills at the rate, never beyond the burst', () => {
    let now = 1_000_000;
    const bucket = new TokenBucket(3, 2, () => now);
    expect([bucket.take(), bucket.take(), bucket.take(), bucket.take()]).to.deep.equal([true, true, true, false]);
    now += 500; // one token back
    expect([bucket.take(), bucket.take()]).to.deep.equal([true, false]);
    now += 60_000; // long idle: full again, no more
    expect([bucket.take(), bucket.take(), bucket.take(), bucket.take()]).to.deep.equal([true, true, true, false]);
  });

  it('takes nothing when a cost is more than it holds', () => {
    let now = 0;
    const bucket = new TokenBucket(10, 1, () => now);
    expect(bucket.take(8)).to.equal(true);
    expect(bucket.take(3)).to.equal(false);
    expect(bucket.take(2)).to.equal(true);
    now += 1000;
    expect(bucket.take(1)).to.equal(true);
    expect(bucket.take(1)).to.equal(false);
  });
});
