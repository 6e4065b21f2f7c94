import browser from 'webextension-polyfill';
import { isSignInPage, readOptions } from '../lib/options.js';
import { sithsFailure, type SithsFailure } from '../lib/siths.js';
import { say } from '../lib/texts.js';

/**
 * The SITHS login helper, on the configured sign-in pages only: a small panel (an extension page
 * in a frame, so that it may ask for the bookmarks permission on a click) with the checklist and,
 * when the page shows a known failure, what it means. It reads the page's visible text only —
 * never a field's value: no PIN, certificate or password.
 */
const HOST_TAG = 'dh-siths-helper';

async function start(): Promise<void> {
  const options = readOptions((await browser.storage.sync.get('options')).options);
  if (!isSignInPage(location.href, options.signInUrls) || document.querySelector(HOST_TAG)) return;
  const host = document.createElement(HOST_TAG);
  const root = host.attachShadow({ mode: 'closed' });
  const style = document.createElement('style');
  style.textContent = `:host { all: initial; position: fixed; right: 16px; bottom: 16px; z-index: 2147483647; }
    iframe { width: 380px; height: 440px; max-height: calc(100vh - 32px); border: 0; border-radius: 8px; box-shadow: 0 4px 18px rgba(0,0,0,.25); background: #fff; display: block; }
    button { all: initial; font: 14px system-ui, sans-serif; background: #0b5cad; color: #fff; padding: 4px 10px; border-radius: 6px; cursor: pointer; position: absolute; top: 8px; right: 8px; }
    button:focus-visible { outline: 3px solid #f5a300; outline-offset: 2px; }`;
  const frame = document.createElement('iframe');
  frame.title = say('siths.title');
  const panel = browser.runtime.getURL('siths/panel.html');
  let shown: SithsFailure | undefined;
  frame.src = `${panel}#none`;
  const close = document.createElement('button');
  close.type = 'button';
  close.textContent = say('siths.close');
  close.addEventListener('click', () => { host.remove(); });
  root.append(style, frame, close);
  document.documentElement.append(host);

  // What the page says may change without a reload (a script shows the error): look again.
  const look = (): void => {
    const failure = sithsFailure(document.body.innerText);
    if (failure === shown) return;
    shown = failure;
    frame.src = `${panel}#${failure ?? 'none'}`;
  };
  look();
  window.addEventListener('hashchange', look);
  let pending = false;
  new MutationObserver(() => {
    if (pending) return;
    pending = true;
    setTimeout(() => { pending = false; look(); }, 300);
  }).observe(document.body, { childList: true, subtree: true, characterData: true });
}

void start();
