// Where Chromium is, and the flags every tool of this project starts it with.
import { existsSync } from 'node:fs';

export const CHROME_PATH = process.env.CHROME_PATH || '/usr/bin/chromium';

/** Headless flags that work as root on a closed network, plus fake media devices. */
export const CHROMIUM_ARGS = [
  '--headless=new',
  '--no-sandbox',
  '--disable-gpu',
  '--disable-quic',
  '--no-first-run',
  '--disable-background-networking',
  '--disable-component-update',
  '--disable-sync',
  '--disable-dev-shm-usage',
  // Tests run pages side by side: a page in the background must still render video frames and run timers.
  '--disable-background-timer-throttling',
  '--disable-renderer-backgrounding',
  '--disable-backgrounding-occluded-windows',
  '--use-fake-ui-for-media-stream',
  '--use-fake-device-for-media-stream',
  '--autoplay-policy=no-user-gesture-required',
  '--disable-features=WebRtcHideLocalIpsWithMdns',
  // A Swedish nurse's browser: date and time inputs read YYYY-MM-DD and 24-hour time.
  '--lang=sv-SE',
  // And a Swedish reader's languages (navigator.languages, Accept-Language): the patient's pages
  // take the browser's language when the invitation names none.
  '--accept-lang=sv-SE,sv',
];

export const chromiumPresent = () => existsSync(CHROME_PATH);
