import { askExtension } from '../bridge/page-bridge.js';
import type { PreShareReport } from '../bridge/protocol.js';

export type { FlaggedWindow, PreShareReport, RiskReason } from '../bridge/protocol.js';

/**
 * The page side of the pre-share check: before the nurse picks a window to share, the page asks
 * the nurses' browser extension, over the bridge (`bridge/protocol.ts`, docs/extension-protocol.md),
 * which other windows are open and which look risky (the EHR, mail, 1177, anything showing a
 * personnummer). Undefined when no extension answers in time: the page then shows a checklist the
 * nurse must confirm.
 */
export function preShareCheck(target: Window = window, timeoutMs = 700): Promise<PreShareReport | undefined> {
  return askExtension('pre-share-check', {}, { target, timeoutMs });
}
