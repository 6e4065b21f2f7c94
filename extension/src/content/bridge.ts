import browser from 'webextension-polyfill';
import { bridgeRequest, bridgeResponse, parseBridgeMessage, type BridgeRequests } from '../../../components/src/bridge/protocol.js';
import { readOptions } from '../lib/options.js';
import { parseRuntimeMessage, runtimeMessage, type RuntimeRequests } from '../messaging.js';

/**
 * The bridge's content script, on the configured intranet origins: relays the page's requests
 * (`window.postMessage`, protocol `bridge/v1`) to the background and the background's requests to
 * the page. Only messages from this very window and origin count, and only while this origin is in
 * the options' list (the background checks the sender again).
 */
const PAGE_TIMEOUT_MS = 1500;

async function allowed(): Promise<boolean> {
  const options = readOptions((await browser.storage.sync.get('options')).options);
  return options.intranetOrigins.includes(location.origin);
}

const fromThisPage = (event: MessageEvent): boolean => event.source === window && event.origin === location.origin;

// Page → extension: the pre-share check.
window.addEventListener('message', (event: MessageEvent) => {
  if (!fromThisPage(event)) return;
  const message = parseBridgeMessage(event.data);
  if (message?.kind !== 'request' || message.type !== 'pre-share-check') return;
  void (async () => {
    if (!(await allowed())) return;
    const report: RuntimeRequests['pre-share-check']['response'] | null = await browser.runtime.sendMessage(runtimeMessage('pre-share-check', {}));
    const answer = report ? parseBridgeMessage(bridgeResponse(message, report)) : undefined;
    if (answer) window.postMessage(answer, location.origin);
  })();
});

/** Extension → page: asks the page and waits for its answer, or undefined after the time limit. */
function askPage(body: BridgeRequests['visits']['request']): Promise<BridgeRequests['visits']['response'] | undefined> {
  const request = bridgeRequest('visits', body, crypto.randomUUID());
  return new Promise((resolve) => {
    const done = (answer: BridgeRequests['visits']['response'] | undefined): void => {
      clearTimeout(timer);
      window.removeEventListener('message', onMessage);
      resolve(answer);
    };
    const onMessage = (event: MessageEvent): void => {
      if (!fromThisPage(event)) return;
      const message = parseBridgeMessage(event.data);
      if (message?.kind === 'response' && message.id === request.id && message.type === 'visits') done(message.body as BridgeRequests['visits']['response']);
    };
    const timer = setTimeout(() => { done(undefined); }, PAGE_TIMEOUT_MS);
    window.addEventListener('message', onMessage);
    window.postMessage(request, location.origin);
  });
}

browser.runtime.onMessage.addListener((data: unknown, sender: browser.Runtime.MessageSender) => {
  const message = parseRuntimeMessage(data);
  // Only the background of this extension asks (never another tab's script).
  if (message?.type !== 'page-visits' || sender.id !== browser.runtime.id || sender.tab !== undefined) return undefined;
  return allowed().then((ok) => (ok ? askPage(message.body as BridgeRequests['visits']['request']) : undefined)).then((a) => a ?? null);
});
