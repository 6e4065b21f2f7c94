import { parseBridgeMessage, type BridgeRequests, type PreShareReport, type VisitSummary } from '../../components/src/bridge/protocol.js';

/**
 * The extension's own messages (popup, options and content scripts ↔ background): one typed map.
 * The page's messages are the bridge protocol (`components/src/bridge/protocol.ts`); a content
 * script passes their bodies on, checked again here with the same parser. Pure: the calls that send
 * and serve these messages are in `runtime.ts`.
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
