import browser from 'webextension-polyfill';
import { readOptions, type ExtensionOptions } from '../lib/options.js';

/** The options as stored in `storage.sync`, defaults for whatever is missing. */
export async function loadOptions(): Promise<ExtensionOptions> {
  return readOptions((await browser.storage.sync.get('options')).options);
}

export async function saveOptions(options: ExtensionOptions): Promise<void> {
  await browser.storage.sync.set({ options });
}
