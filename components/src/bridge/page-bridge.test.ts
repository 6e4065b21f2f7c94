import { expect } from 'chai';
import { afterEach, describe, it } from 'node:test';
import { askExtension, serveExtension } from './page-bridge.js';
import { bridgeRequest, bridgeResponse, parseBridgeMessage, type BridgeRequest } from './protocol.js';

// The page's side of the bridge, in a real window: this test plays the extension's content script.
const stops: (() => void)[] = [];
afterEach(() => {
  for (const stop of stops.splice(0)) stop();
});

function contentScript(answer: (request: BridgeRequest) => unknown): void {
  const listener = (event: MessageEvent): void => {
    const message = parseBridgeMessage(event.data);
    if (message?.kind === 'request' && message.type === 'pre-share-check') window.postMessage(answer(message), location.origin);
  };
  window.addEventListener('message', listener);
  stops.push(() => { window.removeEventListener('message', listener); });
}

describe('the page side of the bridge', () => {
  it('hears nothing without an extension, within the time limit', async () => {
    const started = Date.now();
    expect(await askExtension('pre-share-check', {}, { timeoutMs: 300 })).to.equal(undefined);
    expect(Date.now() - started).to.be.at.least(250);
  });

  it('gets the extension’s answer to its own request', async () => {
    contentScript((request) => bridgeResponse(request as BridgeRequest<'pre-share-check'>, { others: 3, flagged: [{ title: 'Webbmejl – Inkorg', reason: 'mail' }], titles: 'granted' }));
    expect(await askExtension('pre-share-check', {}, { timeoutMs: 2000 })).to.deep.equal({ others: 3, flagged: [{ title: 'Webbmejl – Inkorg', reason: 'mail' }], titles: 'granted' });
  });

  it('ignores an answer of another shape, or to another request, as if none came', async () => {
    contentScript((request) => ({ ...bridgeResponse(request as BridgeRequest<'pre-share-check'>, { others: 0, flagged: [], titles: 'granted' }), id: crypto.randomUUID() }));
    contentScript((request) => ({ ...bridgeResponse(request as BridgeRequest<'pre-share-check'>, { others: 0, flagged: [], titles: 'granted' }), body: { others: 'many' } }));
    expect(await askExtension('pre-share-check', {}, { timeoutMs: 400 })).to.equal(undefined);
  });

  it('answers the extension’s request for visits with what its handler gives, and nothing from another frame', async () => {
    stops.push(serveExtension({ visits: () => Promise.resolve({ visits: [] }) }));
    const answers: unknown[] = [];
    const listener = (event: MessageEvent): void => {
      const message = parseBridgeMessage(event.data);
      if (message?.kind === 'response') answers.push(message);
    };
    window.addEventListener('message', listener);
    stops.push(() => { window.removeEventListener('message', listener); });
    const request = bridgeRequest('visits', { from: '2026-11-26T00:00:00.000Z', to: '2026-11-28T00:00:00.000Z' }, crypto.randomUUID());
    // From another frame (another origin's page could be embedded): no answer.
    const frame = document.createElement('iframe');
    frame.srcdoc = `<script>parent.postMessage(${JSON.stringify(request)}, '*');</script>`;
    document.body.append(frame);
    await new Promise((r) => setTimeout(r, 500));
    expect(answers).to.deep.equal([]);
    frame.remove();
    window.postMessage(request, location.origin);
    await new Promise((r) => setTimeout(r, 300));
    expect(answers).to.deep.equal([bridgeResponse(request, { visits: [] })]);
  });
});
