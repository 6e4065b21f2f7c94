import { bridgeRequest, bridgeResponse, parseBridgeMessage, type BridgeRequests, type BridgeType } from './protocol.js';

/**
 * The page's side of the bridge to the nurses' extension. Only messages from this very window and
 * origin count: the extension's content script runs in the page's window, and a page in another
 * frame or tab cannot reach these listeners.
 */

const fromHere = (event: MessageEvent, target: Window): boolean => event.source === target && event.origin === target.location.origin;

/**
 * Asks the extension; resolves with its answer, or undefined when none answers in `timeoutMs`
 * (no extension, or one that does not serve this page's origin).
 */
export function askExtension<T extends BridgeType>(type: T, body: BridgeRequests[T]['request'], options: { target?: Window; timeoutMs?: number } = {}): Promise<BridgeRequests[T]['response'] | undefined> {
  const target = options.target ?? window;
  const request = bridgeRequest(type, body, crypto.randomUUID());
  return new Promise((resolve) => {
    const done = (answer: BridgeRequests[T]['response'] | undefined): void => {
      clearTimeout(timer);
      target.removeEventListener('message', onMessage);
      resolve(answer);
    };
    const onMessage = (event: MessageEvent): void => {
      if (!fromHere(event, target)) return;
      const message = parseBridgeMessage(event.data);
      if (message?.kind === 'response' && message.id === request.id && message.type === type) done(message.body);
    };
    const timer = setTimeout(() => {
      done(undefined);
    }, options.timeoutMs ?? 700);
    target.addEventListener('message', onMessage);
    target.postMessage(request, target.location.origin);
  });
}

export type BridgeHandlers = { readonly [T in BridgeType]?: (body: BridgeRequests[T]['request']) => Promise<BridgeRequests[T]['response']> };

/** Answers the extension's requests of the types in `handlers`; returns a function that stops it. */
export function serveExtension(handlers: BridgeHandlers, target: Window = window): () => void {
  const onMessage = (event: MessageEvent): void => {
    if (!fromHere(event, target)) return;
    const message = parseBridgeMessage(event.data);
    if (message?.kind !== 'request') return;
    const handler = handlers[message.type] as ((body: unknown) => Promise<BridgeRequests[BridgeType]['response']>) | undefined;
    if (!handler) return;
    void handler(message.body).then((answer) => {
      target.postMessage(bridgeResponse(message, answer), target.location.origin);
    }, () => undefined);
  };
  target.addEventListener('message', onMessage);
  return () => { target.removeEventListener('message', onMessage); };
}
