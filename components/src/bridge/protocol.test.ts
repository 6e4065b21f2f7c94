import { expect } from 'chai';
import { describe, it } from 'node:test';
import { BRIDGE_PROTOCOL, bridgeRequest, bridgeResponse, parseBridgeMessage } from './protocol.js';

const id = '3f2b6f0e-8c1d-4f7a-9a51-2d3c4b5a6978';
const visit = {
  bookingId: '0b9a4c61-2f1e-4d3a-9b8c-7d6e5f4a3b2c', start: '2026-11-26T09:00:00.000Z', durationMinutes: 45, firstName: 'Tolvan',
  interpreter: false, status: 'booked', lobbyUrl: 'https://intranat.region.se/videobesok/lobby#0b9a4c61-2f1e-4d3a-9b8c-7d6e5f4a3b2c',
} as const;

describe('the bridge protocol', () => {
  const valid: [string, unknown][] = [
    ['a pre-share check', bridgeRequest('pre-share-check', {}, id)],
    ['its report', bridgeResponse(bridgeRequest('pre-share-check', {}, id), { others: 2, flagged: [{ title: 'TakeCare – Journal', reason: 'ehr' }], titles: 'granted' })],
    ['a report without titles', bridgeResponse(bridgeRequest('pre-share-check', {}, id), { others: 5, flagged: [], titles: 'missing' })],
    ['a request for visits', bridgeRequest('visits', { from: '2026-11-26T00:00:00.000Z', to: '2026-11-28T00:00:00.000Z' }, id)],
    ['the visits', bridgeResponse(bridgeRequest('visits', { from: '2026-11-26T00:00:00.000Z', to: '2026-11-28T00:00:00.000Z' }, id), { visits: [visit] })],
  ];
  for (const [what, message] of valid) it(`takes ${what}`, () => {
    expect(parseBridgeMessage(message)).to.deep.equal(message);
  });

  const request = bridgeRequest('pre-share-check', {}, id);
  const report = (body: unknown): unknown => ({ ...bridgeResponse(request, { others: 0, flagged: [], titles: 'granted' }), body });
  const visits = (v: unknown): unknown => ({ protocol: BRIDGE_PROTOCOL, kind: 'response', id, type: 'visits', body: { visits: [v] } });
  const invalid: [string, unknown][] = [
    ['nothing', null],
    ['another protocol', { ...request, protocol: 'digitala-halsosamtal/pre-share/v1' }],
    ['an unknown type', { ...request, type: 'open-tab' }],
    ['a prototype key as type', { ...request, type: 'constructor' }],
    ['a kind that is neither', { ...request, kind: 'event' }],
    ['a short id', { ...request, id: 'x' }],
    ['an extra field', { ...request, extra: 1 }],
    ['a report with a made-up reason', report({ others: 1, flagged: [{ title: 't', reason: 'all-clear' }], titles: 'granted' })],
    ['a report with a long title', report({ others: 1, flagged: [{ title: 'x'.repeat(201), reason: 'mail' }], titles: 'granted' })],
    ['a report of 51 windows', report({ others: 51, flagged: Array.from({ length: 51 }, () => ({ title: 't', reason: 'mail' })), titles: 'granted' })],
    ['a report with "many" windows', report({ others: 'many', flagged: [], titles: 'granted' })],
    ['a report without the titles field', report({ others: 0, flagged: [] })],
    ['a visit with the whole name', visits({ ...visit, firstName: undefined, name: 'Tolvan Tolvansson' })],
    ['a visit with a personnummer added', visits({ ...visit, personnummer: '19121212-1212' })],
    ['a visit whose lobby is a script', visits({ ...visit, lobbyUrl: 'javascript:alert(1)' })],
    ['a visit with a local time', visits({ ...visit, start: '2026-11-26 10:00' })],
    ['a request for visits without an end', bridgeRequest('visits', { from: '2026-11-26T00:00:00.000Z' } as never, id)],
  ];
  for (const [what, message] of invalid) it(`drops ${what}`, () => {
    expect(parseBridgeMessage(message)).to.equal(undefined);
  });
});
