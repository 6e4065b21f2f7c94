import browser from 'webextension-polyfill';
import { parseRuntimeMessage, runtimeMessage, type RuntimeMessage, type RuntimeRequests, type RuntimeType } from './messaging.js';

// Sending and serving the runtime messages of `messaging.ts`.

/** Sends a message to the background and returns its typed answer. */
export async function ask<T extends RuntimeType>(type: T, body: RuntimeRequests[T]['request']): Promise<RuntimeRequests[T]['response']> {
  return browser.runtime.sendMessage<RuntimeMessage<T>, RuntimeRequests[T]['response']>(runtimeMessage(type, body));
}

/** Sends a message to the content script of one tab. */
export async function askTab<T extends RuntimeType>(tabId: number, type: T, body: RuntimeRequests[T]['request']): Promise<RuntimeRequests[T]['response']> {
  return browser.tabs.sendMessage<RuntimeMessage<T>, RuntimeRequests[T]['response']>(tabId, runtimeMessage(type, body));
}

export type RuntimeHandler<T extends RuntimeType> = (body: RuntimeRequests[T]['request'], sender: browser.Runtime.MessageSender) => Promise<RuntimeRequests[T]['response']>;
export type RuntimeHandlers = { readonly [T in RuntimeType]?: RuntimeHandler<T> };

/** Listens for this map's messages and answers those with a handler; others are left to other listeners. */
export function serveRuntime(handlers: RuntimeHandlers): void {
  browser.runtime.onMessage.addListener((data: unknown, sender: browser.Runtime.MessageSender) => {
    const message = parseRuntimeMessage(data);
    const handler = message ? (handlers[message.type] as RuntimeHandler<RuntimeType> | undefined) : undefined;
    if (!message || !handler) return undefined;
    // Null rather than undefined: a promise resolving to undefined is "no answer" to the polyfill.
    return handler(message.body as never, sender).then((answer) => answer ?? null, () => null);
  });
}
