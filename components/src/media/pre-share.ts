/**
 * The page side of the pre-share check: before the nurse picks a window to share, the page asks
 * the nurses' browser extension which other windows are open and which look risky (the EHR, mail,
 * anything showing a personnummer). The extension's content script answers through
 * `window.postMessage` on the same page (see docs/extension-protocol.md). No answer within the
 * time limit means no extension: the page then shows a checklist the nurse must confirm.
 */

export const PRE_SHARE_PROTOCOL = 'digitala-halsosamtal/pre-share/v1';

/** Why the extension flags a window. */
export type RiskReason = 'ehr' | 'mail' | 'personnummer' | 'patient-data';
const REASONS: ReadonlySet<string> = new Set(['ehr', 'mail', 'personnummer', 'patient-data']);

export interface FlaggedWindow {
  /** The window's or tab's title, as the extension read it (shortened). */
  readonly title: string;
  readonly reason: RiskReason;
}

/** Page → extension. */
export interface PreShareRequest {
  readonly protocol: typeof PRE_SHARE_PROTOCOL;
  readonly type: 'check';
  readonly id: string;
}

/** Extension → page. */
export interface PreShareReport {
  readonly protocol: typeof PRE_SHARE_PROTOCOL;
  readonly type: 'report';
  readonly id: string;
  /** How many other windows and tabs are open, flagged or not. */
  readonly others: number;
  readonly flagged: readonly FlaggedWindow[];
}

const MAX_FLAGGED = 50;
const MAX_TITLE = 200;

/** The extension's answer to request `id`, checked, or undefined for anything else. */
export function parseReport(data: unknown, id: string): PreShareReport | undefined {
  if (typeof data !== 'object' || data === null) return undefined;
  const d = data as Record<string, unknown>;
  if (d.protocol !== PRE_SHARE_PROTOCOL || d.type !== 'report' || d.id !== id) return undefined;
  if (typeof d.others !== 'number' || !Number.isInteger(d.others) || d.others < 0 || d.others > 10_000) return undefined;
  if (!Array.isArray(d.flagged) || d.flagged.length > MAX_FLAGGED) return undefined;
  const flagged: FlaggedWindow[] = [];
  for (const item of d.flagged as unknown[]) {
    const w = item as Record<string, unknown> | null;
    if (typeof w !== 'object' || w === null || typeof w.title !== 'string' || typeof w.reason !== 'string' || !REASONS.has(w.reason)) return undefined;
    flagged.push({ title: w.title.slice(0, MAX_TITLE), reason: w.reason as RiskReason });
  }
  return { protocol: PRE_SHARE_PROTOCOL, type: 'report', id, others: d.others, flagged };
}

/**
 * Asks the extension; resolves with its report, or undefined when none answers in `timeoutMs`.
 * Only a message from this very window and origin counts (the content script runs in it).
 */
export function askExtension(target: Window = window, timeoutMs = 700): Promise<PreShareReport | undefined> {
  const id = crypto.randomUUID();
  return new Promise((resolve) => {
    const done = (report: PreShareReport | undefined): void => {
      clearTimeout(timer);
      target.removeEventListener('message', onMessage);
      resolve(report);
    };
    const onMessage = (event: MessageEvent): void => {
      if (event.source !== target || event.origin !== target.location.origin) return;
      const report = parseReport(event.data, id);
      if (report) done(report);
    };
    const timer = setTimeout(() => {
      done(undefined);
    }, timeoutMs);
    target.addEventListener('message', onMessage);
    target.postMessage({ protocol: PRE_SHARE_PROTOCOL, type: 'check', id } satisfies PreShareRequest, target.location.origin);
  });
}
