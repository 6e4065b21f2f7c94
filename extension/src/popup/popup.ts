import browser from 'webextension-polyfill';
import type { VisitSummary } from '../../../components/src/bridge/protocol.js';
import { clockText, swedishClock } from '../../../components/src/core/time.js';
import { ask } from '../runtime.js';
import { dayOf } from '../lib/visit-cache.js';
import { isIntranetPage } from '../lib/options.js';
import { say } from '../lib/texts.js';
import { loadOptions } from '../background/settings.js';
import { byId, el, fillTexts } from '../ui/dom.js';
import { renderReport, requestTabs } from '../ui/pre-share-view.js';

// The toolbar popup: today's and tomorrow's visits, the sign-in shortcut, support, and the
// pre-share check at any time.

const time = (iso: string): string => clockText(swedishClock(new Date(iso)).minutes);

function visitItem(visit: VisitSummary, origins: readonly string[]): HTMLElement {
  const status = visit.status === 'booked' ? say('popup.status.booked') : say('popup.status.cancelled');
  const row = el('li', { class: `visit ${visit.status}` },
    el('span', { class: 'time' }, time(visit.start)),
    el('span', { class: 'name' }, visit.firstName),
    ...(visit.interpreter ? [el('span', { class: 'tag' }, say('popup.interpreter'))] : []),
    el('span', { class: 'status' }, status));
  if (visit.status === 'booked' && isIntranetPage(visit.lobbyUrl, origins)) {
    const start = el('button', { type: 'button', class: 'primary', 'aria-label': say('popup.startLabel', { time: time(visit.start), name: visit.firstName }) }, say('popup.start'));
    start.addEventListener('click', () => {
      void browser.tabs.create({ url: visit.lobbyUrl }).then(() => { window.close(); });
    });
    row.append(start);
  }
  return row;
}

async function showVisits(): Promise<void> {
  const [options, answer] = await Promise.all([loadOptions(), ask('popup-visits', {})]);
  const box = byId('visits');
  box.replaceChildren();
  const now = new Date();
  for (const day of ['today', 'tomorrow'] as const) {
    const visits = answer.visits.filter((v) => dayOf(v, now) === day);
    box.append(el('h2', {}, say(day === 'today' ? 'popup.today' : 'popup.tomorrow')),
      visits.length === 0 ? el('p', { class: 'muted' }, say('popup.none')) : el('ul', { class: 'visits' }, ...visits.map((v) => visitItem(v, options.intranetOrigins))));
  }
  byId('source').textContent = answer.source === 'page' ? say('popup.fromPage')
    : answer.source === 'cache' ? say('popup.fromCache', { time: answer.savedAt ? time(answer.savedAt) : '' }) : say('popup.noSource');
  byId('visits').setAttribute('aria-busy', 'false');
}

async function showLinks(): Promise<void> {
  const options = await loadOptions();
  const signIn = byId('sign-in');
  const first = options.signInUrls[0];
  if (first) signIn.replaceChildren(el('a', { href: first, target: '_blank', rel: 'noopener', class: 'button' }, say('popup.signIn')));
  else signIn.replaceChildren(el('p', { class: 'muted' }, say('popup.noSignIn')));
  if (options.clinic) byId('clinic').textContent = say('popup.clinic', { clinic: options.clinic });
  const support = byId('support');
  const contacts: HTMLElement[] = [];
  if (options.supportEmail) contacts.push(el('li', {}, el('a', { href: `mailto:${options.supportEmail}` }, options.supportEmail)));
  if (options.supportPhone) contacts.push(el('li', {}, el('a', { href: `tel:${options.supportPhone.replace(/[\s-]/g, '')}` }, options.supportPhone)));
  support.replaceChildren(contacts.length > 0 ? el('ul', { class: 'contacts' }, ...contacts) : el('p', { class: 'muted' }, say('popup.supportNone')));
}

async function runCheck(): Promise<void> {
  const out = byId('check-result');
  const report = await ask('pre-share-check', {});
  out.replaceChildren(...(report ? [renderReport(report)] : []));
  const allow = byId<HTMLButtonElement>('allow-tabs');
  allow.hidden = report?.titles !== 'missing';
  byId('allow-why').hidden = allow.hidden;
}

function wire(): void {
  byId('check').addEventListener('click', () => { void runCheck(); });
  byId('allow-tabs').addEventListener('click', () => {
    void requestTabs().then((ok) => {
      if (ok) return runCheck();
      byId('check-result').replaceChildren(el('p', { class: 'bad', role: 'alert' }, say('check.denied')));
      return undefined;
    });
  });
  byId('open-options').addEventListener('click', () => { void browser.runtime.openOptionsPage(); });
}

fillTexts(say);
wire();
void showLinks();
void showVisits().catch(() => {
  // The background did not answer (it is starting, or was updated): say where the list comes from.
  byId('visits').replaceChildren();
  byId('source').textContent = say('popup.noSource');
  byId('visits').setAttribute('aria-busy', 'false');
});
