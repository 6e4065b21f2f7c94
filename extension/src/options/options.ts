import browser from 'webextension-polyfill';
import { hostPatterns, lines, PATTERN_REASONS, validateOptions, type ExtensionOptions, type OptionsField, type PatternReason } from '../lib/options.js';
import { errorText, say } from '../lib/texts.js';
import { loadOptions, saveOptions } from '../background/settings.js';
import { byId, fillTexts } from '../ui/dom.js';
import { requestTabs } from '../ui/pre-share-view.js';

// The options page: the region's addresses, the risky words, the support contacts. Saving asks for
// access to exactly the configured hosts (optional host permissions), in the click itself.

type Field = HTMLInputElement | HTMLTextAreaElement;
const FIELDS: readonly OptionsField[] = ['signInUrls', 'intranetOrigins', 'riskPatterns', 'supportEmail', 'supportPhone', 'clinic'];
const field = (id: string): Field => byId<Field>(id);

function fill(options: ExtensionOptions): void {
  field('signInUrls').value = options.signInUrls.join('\n');
  field('intranetOrigins').value = options.intranetOrigins.join('\n');
  for (const reason of PATTERN_REASONS) field(`pattern-${reason}`).value = options.riskPatterns[reason].join(', ');
  field('supportEmail').value = options.supportEmail;
  field('supportPhone').value = options.supportPhone;
  field('clinic').value = options.clinic;
}

function read(): ExtensionOptions {
  return {
    signInUrls: field('signInUrls').value.split(/\r?\n/).map((l) => l.trim()).filter(Boolean),
    intranetOrigins: lines(field('intranetOrigins').value),
    riskPatterns: Object.fromEntries(PATTERN_REASONS.map((r) => [r, lines(field(`pattern-${r}`).value)])) as Record<PatternReason, string[]>,
    supportEmail: field('supportEmail').value,
    supportPhone: field('supportPhone').value,
    clinic: field('clinic').value,
  };
}

async function showTabsState(): Promise<void> {
  const granted = await browser.permissions.contains({ permissions: ['tabs'] });
  byId('tabs-state').textContent = say(granted ? 'options.tabsGranted' : 'options.tabsMissing');
  byId('allow-tabs').hidden = granted;
}

function onSubmit(event: SubmitEvent): void {
  event.preventDefault();
  const result = validateOptions(read());
  for (const name of FIELDS) {
    byId(`${name}-error`).textContent = '';
    document.getElementById(name)?.removeAttribute('aria-invalid');
  }
  const status = byId('status');
  if (!result.ok) {
    for (const error of result.errors) {
      const out = byId(`${error.field}-error`);
      out.textContent = [out.textContent, errorText(error.code, error.value)].filter(Boolean).join(' ');
      document.getElementById(error.field)?.setAttribute('aria-invalid', 'true');
    }
    status.textContent = say('options.invalid');
    document.querySelector<HTMLElement>('[aria-invalid="true"]')?.focus();
    return;
  }
  // Asked first, inside the click: after another await the browser no longer sees a user gesture.
  const wanted = hostPatterns(result.options);
  const access = wanted.length > 0 ? browser.permissions.request({ origins: wanted }) : Promise.resolve(true);
  void access.catch(() => false).then(async (granted) => {
    await saveOptions(result.options);
    fill(result.options);
    status.textContent = say(granted ? 'options.saved' : 'options.savedNoAccess');
  });
}

fillTexts(say);
byId<HTMLFormElement>('form').addEventListener('submit', onSubmit);
byId('allow-tabs').addEventListener('click', () => {
  void requestTabs().catch(() => false).then(showTabsState);
});
void loadOptions().then(fill);
void showTabsState();
