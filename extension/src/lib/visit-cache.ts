import type { VisitSummary } from '../../../components/src/bridge/protocol.js';
import { isoDate, swedishDate, swedishInstant } from '../../../components/src/core/time.js';

/**
 * The popup's own copy of the visits, for when no intranet page is open: only what the popup shows
 * (today's and tomorrow's visits, first names only), and only for the day it was saved — it is
 * purged when the day changes in Sweden.
 */

export interface VisitCache {
  /** The Swedish day the list was saved, 'YYYY-MM-DD'. */
  readonly day: string;
  /** ISO instant of the save. */
  readonly savedAt: string;
  readonly visits: readonly VisitSummary[];
}

export const CACHE_KEY = 'visit-cache';

/** The span the popup shows: from midnight today to midnight after tomorrow, Swedish time. */
export function popupSpan(now: Date): { from: string; to: string } {
  const today = swedishDate(now);
  const after = swedishDate(new Date(swedishInstant(today, 12 * 60).getTime() + 2 * 86_400_000));
  return { from: swedishInstant(today, 0).toISOString(), to: swedishInstant(after, 0).toISOString() };
}

/** What to keep: the visits within the popup's span, nothing more. */
export function cacheOf(visits: readonly VisitSummary[], now: Date): VisitCache {
  const { from, to } = popupSpan(now);
  const shown = visits.filter((v) => v.start >= from && v.start < to);
  return { day: isoDate(swedishDate(now)), savedAt: now.toISOString(), visits: shown };
}

/** The cached visits if saved today, else undefined (the caller then removes the stale copy). */
export function cachedToday(stored: unknown, now: Date): VisitCache | undefined {
  if (typeof stored !== 'object' || stored === null) return undefined;
  const cache = stored as Partial<VisitCache>;
  if (cache.day !== isoDate(swedishDate(now)) || !Array.isArray(cache.visits) || typeof cache.savedAt !== 'string') return undefined;
  return cache as VisitCache;
}

/** 'today' or 'tomorrow' for a visit, in Swedish time (the popup's two headings). */
export function dayOf(visit: VisitSummary, now: Date): 'today' | 'tomorrow' | 'other' {
  const day = isoDate(swedishDate(new Date(visit.start)));
  if (day === isoDate(swedishDate(now))) return 'today';
  const tomorrow = isoDate(swedishDate(new Date(new Date(popupSpan(now).from).getTime() + 36 * 3_600_000)));
  return day === tomorrow ? 'tomorrow' : 'other';
}
