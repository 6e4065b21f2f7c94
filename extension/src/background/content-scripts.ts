import browser from 'webextension-polyfill';
import { hostPatterns, type ExtensionOptions } from '../lib/options.js';
import { loadOptions } from './settings.js';

/**
 * The content scripts run only where the options say: the bridge on the intranet origins, the login
 * helper on the sign-in pages. They are registered at run time, for the hosts the nurse has granted
 * (optional host permissions), and registered anew whenever the options or permissions change.
 */
const BRIDGE = 'dh-bridge';
const SITHS = 'dh-siths';

/** Match patterns for these addresses whose host the extension may reach. */
async function granted(addresses: readonly string[]): Promise<string[]> {
  const out: string[] = [];
  for (const pattern of hostPatterns({ intranetOrigins: addresses, signInUrls: [] })) {
    if (await browser.permissions.contains({ origins: [pattern] })) out.push(pattern);
  }
  return out;
}

export async function registerContentScripts(options?: ExtensionOptions): Promise<void> {
  const current = options ?? await loadOptions();
  const old = await browser.scripting.getRegisteredContentScripts({ ids: [BRIDGE, SITHS] });
  if (old.length > 0) await browser.scripting.unregisterContentScripts({ ids: old.map((s) => s.id) });
  const bridge = await granted(current.intranetOrigins);
  const siths = await granted(current.signInUrls.map((u) => new URL(u).origin));
  const scripts: browser.Scripting.RegisteredContentScript[] = [];
  // Each script checks the exact origin or page itself: a match pattern cannot name a port everywhere.
  if (bridge.length > 0) scripts.push({ id: BRIDGE, matches: bridge, js: ['content/bridge.js'], runAt: 'document_start', persistAcrossSessions: true });
  if (siths.length > 0) scripts.push({ id: SITHS, matches: siths, js: ['content/siths.js'], runAt: 'document_idle', persistAcrossSessions: true });
  if (scripts.length > 0) await browser.scripting.registerContentScripts(scripts);
}
