import type { FlaggedWindow, PreShareReport, RiskReason } from '../../../components/src/bridge/protocol.js';
import { findPersonalData } from '../../../components/src/core/personal-data.js';
import type { ExtensionOptions, PatternReason } from './options.js';

/**
 * Which open windows and tabs would be risky to have open while sharing a window: the pure rules of
 * the pre-share check. Counts and titles only leave the extension; addresses are read to judge,
 * never passed on.
 */

export interface OpenTab {
  readonly title?: string | undefined;
  readonly url?: string | undefined;
}

const MAX_TITLE = 200;
const MAX_FLAGGED = 50;
/** Checked in this order: the first that fits is the reason shown. 1177 before the EHR ("Journalen"). */
const WORD_ORDER: readonly PatternReason[] = ['1177', 'ehr', 'mail', 'patient-data'];

/** A web address as a person reads it: %-escapes decoded, so a personnummer in a query is seen. */
function readable(url: string): string {
  try {
    return decodeURIComponent(url);
  } catch {
    return url;
  }
}

/**
 * Whether `text` shows a personnummer or samordningsnummer (the same rules as the redaction of scans,
 * which lean towards covering: a real date is enough, a wrong check digit may be a typo).
 */
export function showsPersonnummer(text: string): boolean {
  return findPersonalData(text).some((hit) => hit.kind === 'personnummer');
}

/** Whether `text` contains `word` as it is written, ignoring case (words, not regular expressions). */
const contains = (text: string, word: string): boolean => text.toLocaleLowerCase('sv').includes(word.toLocaleLowerCase('sv'));

/** Why this tab is risky, or undefined when nothing in its title or address says so. */
export function riskOf(tab: OpenTab, patterns: ExtensionOptions['riskPatterns']): RiskReason | undefined {
  const title = tab.title ?? '';
  const url = tab.url ? readable(tab.url) : '';
  if (showsPersonnummer(title) || showsPersonnummer(url)) return 'personnummer';
  return WORD_ORDER.find((reason) => patterns[reason].some((word) => contains(title, word) || contains(url, word)));
}

/** The title shown for a flagged tab: its title, or its site when it has none. */
function shownTitle(tab: OpenTab): string {
  let title = tab.title?.trim() ?? '';
  if (!title && tab.url) {
    try {
      title = new URL(tab.url).host;
    } catch {
      title = '';
    }
  }
  return title.length > MAX_TITLE ? `${title.slice(0, MAX_TITLE - 1)}…` : title;
}

/** The report for these other tabs: how many, and the risky ones with their titles. */
export function preShareReport(others: readonly OpenTab[], patterns: ExtensionOptions['riskPatterns'], titles: PreShareReport['titles']): PreShareReport {
  const flagged: FlaggedWindow[] = [];
  for (const tab of others) {
    const reason = riskOf(tab, patterns);
    if (reason && flagged.length < MAX_FLAGGED) flagged.push({ title: shownTitle(tab), reason });
  }
  return { others: Math.min(others.length, 10_000), flagged, titles };
}
