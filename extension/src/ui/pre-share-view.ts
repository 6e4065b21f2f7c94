import browser from 'webextension-polyfill';
import type { PreShareReport } from '../../../components/src/bridge/protocol.js';
import { reasonText, say } from '../lib/texts.js';
import { el } from './dom.js';

/** The pre-share report as a list, for the popup. */
export function renderReport(report: PreShareReport): HTMLElement {
  const box = el('div', { class: 'report' }, el('p', {}, say('check.others', { n: report.others })));
  if (report.titles === 'missing') box.append(el('p', { class: 'warn' }, say('check.titlesMissing')));
  if (report.flagged.length > 0) {
    box.append(el('p', { class: 'bad', role: 'alert' }, say('check.flagged', { n: report.flagged.length })),
      el('ul', { class: 'flagged' }, ...report.flagged.map((w) => el('li', {}, `${w.title} (${reasonText(w.reason)})`))));
  } else if (report.titles === 'granted') {
    box.append(el('p', { class: 'good' }, say('check.clear')));
  }
  return box;
}

/**
 * Asks for the `tabs` permission: must run inside a click handler (a user gesture), before any
 * other await, or the browser refuses.
 */
export function requestTabs(): Promise<boolean> {
  return browser.permissions.request({ permissions: ['tabs'] });
}
