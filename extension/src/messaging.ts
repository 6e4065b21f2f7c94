import browser from 'webextension-polyfill';
import { parseBridgeMessage, type BridgeRequests, type PreShareReport, type VisitSummary } from '../../components/src/bridge/protocol.js';

/**
 * The extension's own messages (popup, options and content scripts ↔ background): one typed map.
 * The page's messages are the bridge protocol (`components/src/bridge/protocol.ts`); a content
 * script passes their bodies on, checked again here with the same parser.
 */

/** Where the popup's visits came from: an open intranet page, today's saved copy, or nowhere. */
export interface PopupVisits {
  readonly source: 'page' | 'cache' | 'none';
  readonly visits: readonly VisitSummary[];
  /** ISO instant the copy was saved ('cache' only). */
  readonly savedAt?: string;
}

export interface RuntimeRequests {
  /** Content script (for the page) or popup → background. Undefined: not for this sender. */
  'pre-share-check': { readonly request: Record<string, never>; readonly response: PreShareReport | undefined };
  /** Popup → background: today's and tomorrow's visits. */
  'popup-visits': { readonly request: Record<string, never>; readonly response: PopupVisits };
  /** Background → the bridge content script in an intranet tab: ask the page. Undefined: no answer. */
  'page-visits': { readonly request: BridgeRequests['visits']['request']; readonly response: BridgeRequests['visits']['response'] | undefined };
}

export type RuntimeType = keyof RuntimeRequests;

export interface RuntimeMessage<T extends RuntimeType = RuntimeType> {
  readonly channel: 'digitala-halsosamtal';
  readonly type: T;
  readonly body: RuntimeRequests[T]['request'];
}

export const runtimeMessage = <T extends RuntimeType>(type: T, body: RuntimeRequests[T]['request']): RuntimeMessage<T> =>
  ({ channel: 'digitala-halsosamtal', type, body });

const isShape = (v: unknown): v is Record<string, unknown> => typeof v === 'object' && v !== null && !Array.isArray(v);
const TYPES: readonly RuntimeType[] = ['pre-share-check', 'popup-visits', 'page-visits'];

/** A runtime message of this map and shape, or undefined (another extension's, or damaged). */
export function parseRuntimeMessage(data: unknown): RuntimeMessage | undefined {
  if (!isShape(data) || data.channel !== 'digitala-halsosamtal' || !TYPES.includes(data.type as RuntimeType) || !isShape(data.body)) return undefined;
  const type = data.type as RuntimeType;
  if (type === 'page-visits') {
    // The same shape as the bridge's request body.
    const asBridge = parseBridgeMessage({ protocol: 'digitala-halsosamtal/bridge/v1', kind: 'request', id: 'runtime-check', type: 'visits', body: data.body });
    return asBridge ? (data as unknown as RuntimeMessage) : undefined;
  }
  return Object.keys(data.body).length === 0 ? (data as unknown as RuntimeMessage) : undefined;
}

/** Sends a message to the background and returns its typed answer. */
export async function ask<T extends RuntimeType>(type: T, body: RuntimeRequests[T]['request']): Promise<RuntimeRequests[T]['response']> {
  return (await browser.runtime.sendMessage(runtimeMessage(type, body))) as RuntimeRequests[T]['response'];
}

/** Sends a message to the content script of one tab. */
export async function askTab<T extends RuntimeType>(tabId: number, type: T, body: RuntimeRequests[T]['request']): Promise<RuntimeRequests[T]['response']> {
  return (await browser.tabs.sendMessage(tabId, runtimeMessage(type, body))) as RuntimeRequests[T]['response'];
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
