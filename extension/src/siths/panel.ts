import browser from 'webextension-polyfill';
import { isSignInPage, validateOptions } from '../lib/options.js';
import { SITHS_FAILURES, type SithsFailure } from '../lib/siths.js';
import { failureText, say } from '../lib/texts.js';
import { loadOptions, saveOptions } from '../background/settings.js';
import { byId, fillTexts } from '../ui/dom.js';

// The login helper's panel, shown in a frame on the sign-in page: the failure (from the fragment the
// content script sets), the support contacts, a bookmark of the sign-in page, the clinic to remember.

function showFailure(): void {
  const flag = location.hash.slice(1);
  const failure = (SITHS_FAILURES as readonly string[]).includes(flag) ? (flag as SithsFailure) : undefined;
  byId('failure').textContent = failure ? failureText(failure) : '';
  byId('failure').className = failure ? 'bad' : '';
}

async function showContacts(): Promise<void> {
  const options = await loadOptions();
  const contacts = [options.supportEmail, options.supportPhone].filter(Boolean).join(', ');
  byId('contacts').textContent = contacts ? say('siths.contact', { contacts }) : '';
  byId<HTMLInputElement>('clinic').value = options.clinic;
}

/** The configured sign-in address for this tab's page (never the page's own address, which may carry a session). */
async function signInAddress(): Promise<string | undefined> {
  const options = await loadOptions();
  const tab = await browser.tabs.getCurrent();
  return options.signInUrls.find((s) => tab.url !== undefined && isSignInPage(tab.url, [s])) ?? options.signInUrls[0];
}

function onBookmark(): void {
  // Asked first, inside the click: the browser wants a user gesture.
  void browser.permissions.request({ permissions: ['bookmarks'] }).catch(() => false).then(async (granted) => {
    const status = byId('bookmark-status');
    if (!granted) {
      status.textContent = say('siths.bookmarkDenied');
      return;
    }
    const url = await signInAddress();
    if (!url) return;
    if ((await browser.bookmarks.search({ url })).length === 0) await browser.bookmarks.create({ title: say('siths.title'), url });
    status.textContent = say('siths.bookmarked');
  });
}

function onClinic(event: SubmitEvent): void {
  event.preventDefault();
  const clinic = byId<HTMLInputElement>('clinic').value;
  void loadOptions().then(async (options) => {
    const result = validateOptions({ ...options, clinic });
    if (!result.ok) return;
    await saveOptions(result.options);
    byId('clinic-status').textContent = say('siths.clinicSaved');
  });
}

fillTexts(say);
showFailure();
window.addEventListener('hashchange', showFailure);
byId('bookmark').addEventListener('click', onBookmark);
byId<HTMLFormElement>('clinic-form').addEventListener('submit', onClinic);
void showContacts();
