import browser from 'webextension-polyfill';
import type { PreShareReport } from '../../../components/src/bridge/protocol.js';
import { isIntranetPage } from '../lib/options.js';
import { preShareReport } from '../lib/risk.js';
import { loadOptions } from './settings.js';

/**
 * Whether the message comes from this extension's own pages (popup, options), not a web page's
 * content script (whose sender URL is the page's). The popup may also be open in a tab.
 */
export const fromExtensionPage = (sender: browser.Runtime.MessageSender): boolean =>
  sender.id === browser.runtime.id && (sender.url ?? '').startsWith(browser.runtime.getURL(''));

/**
 * The pre-share check: the other windows and tabs, and the risky ones by the options' words and
 * by a personnummer in a title or address. Titles and addresses need the optional `tabs`
 * permission; without it the report counts and says `titles: 'missing'`.
 */
export async function preShareCheck(sender: browser.Runtime.MessageSender): Promise<PreShareReport | undefined> {
  const options = await loadOptions();
  const fromIntranet = sender.tab !== undefined && sender.frameId === 0 && isIntranetPage(sender.url, options.intranetOrigins);
  // A page not in the list gets no answer, whatever its content script claims.
  if (!fromIntranet && !fromExtensionPage(sender)) return undefined;
  const titles = (await browser.permissions.contains({ permissions: ['tabs'] })) ? 'granted' : 'missing';
  const windows = await browser.windows.getAll({ populate: true });
  const others = windows.flatMap((w) => w.tabs ?? []).filter((tab) => tab.id !== sender.tab?.id)
    .map((tab) => ({ title: tab.title, url: tab.url }));
  return preShareReport(others, options.riskPatterns, titles);
}
