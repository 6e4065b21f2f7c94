import { expect } from 'chai';
import { describe, it } from 'node:test';
import { parseRuntimeMessage, runtimeMessage } from './messaging.js';

describe('parseRuntimeMessage', () => {
  it('takes the map’s messages', () => {
    expect(parseRuntimeMessage(runtimeMessage('pre-share-check', {}))).to.deep.equal(runtimeMessage('pre-share-check', {}));
    const span = { from: '2026-11-24T23:00:00.000Z', to: '2026-11-26T23:00:00.000Z' };
    expect(parseRuntimeMessage(runtimeMessage('page-visits', span))?.body).to.deep.equal(span);
  });

  const bad: [what: string, data: unknown][] = [
    ['another channel', { channel: 'other', type: 'pre-share-check', body: {} }],
    ['an unknown type', { channel: 'digitala-halsosamtal', type: 'tabs', body: {} }],
    ['extra body fields', { channel: 'digitala-halsosamtal', type: 'popup-visits', body: { all: true } }],
    ['a span that is no instant', { channel: 'digitala-halsosamtal', type: 'page-visits', body: { from: 'today', to: 'tomorrow' } }],
    ['nothing', undefined],
  ];
  for (const [what, data] of bad) {
    it(`ignores ${what}`, () => {
      expect(parseRuntimeMessage(data)).to.equal(undefined);
    });
  }
});
