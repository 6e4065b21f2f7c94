import browser from 'webextension-polyfill';
import { registerContentScripts } from './background/content-scripts.js';
import { preShareCheck } from './background/pre-share.js';
import { popupVisits, purgeVisitCache } from './background/visits.js';
import { serveRuntime, type RuntimeHandlers } from './runtime.js';

// The background: every handler of the runtime message map, registered here in one place.
const handlers: RuntimeHandlers = {
  'pre-share-check': (_body, sender) => preShareCheck(sender),
  'popup-visits': (_body, sender) => popupVisits(sender),
};
serveRuntime(handlers);

const PURGE_ALARM = 'purge-visits';
const refresh = (): void => {
  void registerContentScripts().catch((error: unknown) => { console.error('Content scripts not registered:', error); });
  void purgeVisitCache();
};

browser.runtime.onInstalled.addListener(refresh);
browser.runtime.onStartup.addListener(refresh);
browser.storage.onChanged.addListener((changes, area) => {
  if (area === 'sync' && 'options' in changes) refresh();
});
browser.permissions.onAdded.addListener(refresh);
browser.permissions.onRemoved.addListener(refresh);
// Hourly: the saved visits do not outlive their day even in a browser left open overnight.
void browser.alarms.create(PURGE_ALARM, { periodInMinutes: 60 });
browser.alarms.onAlarm.addListener((alarm) => {
  if (alarm.name === PURGE_ALARM) void purgeVisitCache();
});
