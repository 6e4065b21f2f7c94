/**
 * The bridge between the intranet page's components and the nurses' browser extension: one typed,
 * versioned protocol, used by both sides (the page imports it, the extension bundles it). Messages
 * go through `window.postMessage` in the page's own window — the extension's content script runs
 * there — and every receiver checks `event.source === window`, the exact origin, and the shape
 * below; anything else is ignored. Pure: no DOM, no extension APIs, tested in Node.
 *
 * A request carries an `id`; its response carries the same `id` and `type`. Either side may ask:
 * the page asks the extension for the pre-share check, the extension asks the page for the day's
 * visits (for its toolbar popup).
 */

export const BRIDGE_PROTOCOL = 'digitala-halsosamtal/bridge/v1';

/** Why the extension flags a window or tab. */
export const RISK_REASONS = ['ehr', 'mail', '1177', 'personnummer', 'patient-data'] as const;
export type RiskReason = (typeof RISK_REASONS)[number];

export interface FlaggedWindow {
  /** The window's or tab's title, as the extension read it (shortened to 200 characters). */
  readonly title: string;
  readonly reason: RiskReason;
}

/** The extension's answer to the pre-share check. Counts and titles only: nothing else leaves it. */
export interface PreShareReport {
  /** How many other windows and tabs are open, flagged or not. */
  readonly others: number;
  readonly flagged: readonly FlaggedWindow[];
  /**
   * Whether the extension may read titles and addresses (the optional `tabs` permission). Without
   * it, it can count windows but not tell which are risky: the page says so and shows its checklist.
   */
  readonly titles: 'granted' | 'missing';
}

/** One visit as the popup shows it: time, first name, interpreter, status, where its lobby is. */
export interface VisitSummary {
  readonly bookingId: string;
  /** ISO instant. */
  readonly start: string;
  readonly durationMinutes: number;
  /** First name only: the popup shows no more of the person. */
  readonly firstName: string;
  readonly interpreter: boolean;
  readonly status: 'booked' | 'cancelled';
  /** The intranet page's lobby for this visit (an address on the page's own origin). */
  readonly lobbyUrl: string;
}

/** Every request, with what it carries and what it is answered with. */
export interface BridgeRequests {
  /** Page → extension: which other windows are open, and which look risky. */
  'pre-share-check': { readonly request: Record<string, never>; readonly response: PreShareReport };
  /** Extension → page: the visits from `from` to `to` (the popup shows today and tomorrow). */
  visits: { readonly request: { readonly from: string; readonly to: string }; readonly response: { readonly visits: readonly VisitSummary[] } };
}

export type BridgeType = keyof BridgeRequests;

export interface BridgeRequest<T extends BridgeType = BridgeType> {
  readonly protocol: typeof BRIDGE_PROTOCOL;
  readonly kind: 'request';
  readonly id: string;
  readonly type: T;
  readonly body: BridgeRequests[T]['request'];
}

export interface BridgeResponse<T extends BridgeType = BridgeType> {
  readonly protocol: typeof BRIDGE_PROTOCOL;
  readonly kind: 'response';
  readonly id: string;
  readonly type: T;
  readonly body: BridgeRequests[T]['response'];
}

export type BridgeMessage = BridgeRequest | BridgeResponse;

const ID = /^[A-Za-z0-9-]{8,64}$/;
const MAX_FLAGGED = 50;
const MAX_TITLE = 200;
const MAX_VISITS = 200;
const ISO_INSTANT = /^\d{4}-\d{2}-\d{2}T\d{2}:\d{2}:\d{2}(\.\d{1,3})?Z$/;
const UUID = /^[0-9a-f]{8}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{12}$/;

type Shape = Record<string, unknown>;
const isShape = (v: unknown): v is Shape => typeof v === 'object' && v !== null && !Array.isArray(v);
const hasKeys = (v: Shape, keys: readonly string[]): boolean => {
  const own = Object.keys(v);
  return own.length === keys.length && keys.every((k) => own.includes(k));
};

function isReport(b: unknown): b is PreShareReport {
  if (!isShape(b) || !hasKeys(b, ['others', 'flagged', 'titles'])) return false;
  if (typeof b.others !== 'number' || !Number.isInteger(b.others) || b.others < 0 || b.others > 10_000) return false;
  if (b.titles !== 'granted' && b.titles !== 'missing') return false;
  return Array.isArray(b.flagged) && b.flagged.length <= MAX_FLAGGED && b.flagged.every((w) =>
    isShape(w) && hasKeys(w, ['title', 'reason']) && typeof w.title === 'string' && w.title.length <= MAX_TITLE
    && typeof w.reason === 'string' && (RISK_REASONS as readonly string[]).includes(w.reason));
}

function isVisit(v: unknown): v is VisitSummary {
  return isShape(v) && hasKeys(v, ['bookingId', 'start', 'durationMinutes', 'firstName', 'interpreter', 'status', 'lobbyUrl'])
    && typeof v.bookingId === 'string' && UUID.test(v.bookingId)
    && typeof v.start === 'string' && ISO_INSTANT.test(v.start)
    && typeof v.durationMinutes === 'number' && Number.isInteger(v.durationMinutes) && v.durationMinutes > 0 && v.durationMinutes <= 600
    && typeof v.firstName === 'string' && v.firstName.length <= 50
    && typeof v.interpreter === 'boolean'
    && (v.status === 'booked' || v.status === 'cancelled')
    && typeof v.lobbyUrl === 'string' && v.lobbyUrl.length <= 500 && /^https?:\/\//.test(v.lobbyUrl);
}

const REQUEST_CHECKS: Readonly<Record<BridgeType, (b: unknown) => boolean>> = {
  'pre-share-check': (b) => isShape(b) && hasKeys(b, []),
  visits: (b) => isShape(b) && hasKeys(b, ['from', 'to']) && typeof b.from === 'string' && ISO_INSTANT.test(b.from)
    && typeof b.to === 'string' && ISO_INSTANT.test(b.to),
};

const RESPONSE_CHECKS: Readonly<Record<BridgeType, (b: unknown) => boolean>> = {
  'pre-share-check': isReport,
  visits: (b) => isShape(b) && hasKeys(b, ['visits']) && Array.isArray(b.visits) && b.visits.length <= MAX_VISITS && b.visits.every(isVisit),
};

/** A bridge message of exactly this protocol and shape, or undefined for anything else. */
export function parseBridgeMessage(data: unknown): BridgeMessage | undefined {
  if (!isShape(data) || !hasKeys(data, ['protocol', 'kind', 'id', 'type', 'body'])) return undefined;
  if (data.protocol !== BRIDGE_PROTOCOL || typeof data.id !== 'string' || !ID.test(data.id)) return undefined;
  if (typeof data.type !== 'string' || !Object.hasOwn(REQUEST_CHECKS, data.type)) return undefined;
  const type = data.type as BridgeType;
  if (data.kind === 'request') return REQUEST_CHECKS[type](data.body) ? (data as unknown as BridgeRequest) : undefined;
  if (data.kind === 'response') return RESPONSE_CHECKS[type](data.body) ? (data as unknown as BridgeResponse) : undefined;
  return undefined;
}

export function bridgeRequest<T extends BridgeType>(type: T, body: BridgeRequests[T]['request'], id: string): BridgeRequest<T> {
  return { protocol: BRIDGE_PROTOCOL, kind: 'request', id, type, body };
}

export function bridgeResponse<T extends BridgeType>(request: BridgeRequest<T>, body: BridgeRequests[T]['response']): BridgeResponse<T> {
  return { protocol: BRIDGE_PROTOCOL, kind: 'response', id: request.id, type: request.type, body };
}
