import browser from 'webextension-polyfill';
import type { PopupVisits } from '../messaging.js';
import { askTab } from '../runtime.js';
import { hostPatterns, isIntranetPage } from '../lib/options.js';
import { CACHE_KEY, cacheOf, cachedToday, popupSpan } from '../lib/visit-cache.js';
import { fromExtensionPage } from './pre-share.js';
import { loadOptions } from './settings.js';

/**
 * The popup's visits: asked of an open intranet page (its bridge content script asks the page),
 * kept as today's copy for when none is open, and purged when the day changes.
 */
export async function popupVisits(sender: browser.Runtime.MessageSender): Promise<PopupVisits> {
  if (!fromExtensionPage(sender)) return { source: 'none', visits: [] };
  const options = await loadOptions();
  const now = new Date();
  const patterns = hostPatterns({ intranetOrigins: options.intranetOrigins, signInUrls: [] });
  // Tabs whose address the extension may see: those on the granted intranet hosts.
  const tabs = patterns.length === 0 ? [] : await browser.tabs.query({ url: patterns });
  for (const tab of tabs) {
    if (tab.id === undefined || !isIntranetPage(tab.url, options.intranetOrigins)) continue;
    const answer = await askTab(tab.id, 'page-visits', popupSpan(now)).catch(() => undefined);
    if (!answer) continue;
    // Only the page's own lobbies: a visit pointing elsewhere is not shown.
    const visits = answer.visits.filter((v) => isIntranetPage(v.lobbyUrl, options.intranetOrigins));
    const cache = cacheOf(visits, now);
    await browser.storage.local.set({ [CACHE_KEY]: cache });
    return { source: 'page', visits: cache.visits };
  }
  const cache = cachedToday((await browser.storage.local.get(CACHE_KEY))[CACHE_KEY], now);
  if (!cache) {
    await purgeVisitCache(now);
    return { source: 'none', visits: [] };
  }
  return { source: 'cache', visits: cache.visits, savedAt: cache.savedAt };
}

/** Removes the saved visits unless they are today's. */
export async function purgeVisitCache(now = new Date()): Promise<void> {
  const stored = (await browser.storage.local.get(CACHE_KEY))[CACHE_KEY];
  if (stored !== undefined && !cachedToday(stored, now)) await browser.storage.local.remove(CACHE_KEY);
}
