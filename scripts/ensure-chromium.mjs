// Makes sure Debian's Chromium is there before any browser test or benchmark, with fonts for
// every script the patient's pages are written in. No test tool may download a browser of its
// own here, so we install the distribution's packages when we can.
import { spawnSync } from 'node:child_process';
import { aptInstall } from './apt.mjs';
import { CHROME_PATH, chromiumPresent } from './chromium.mjs';

/**
 * A Debian font package for each script beyond Latin that the patient languages use, found by
 * fontconfig's language coverage: without one Chromium draws boxes ("tofu"). DejaVu (Arabic and
 * Persian) usually comes with fontconfig; Ge'ez script (Tigrinya) comes with nothing.
 */
const FONTS = [
  { lang: 'ar', pkg: 'fonts-dejavu-core' },
  { lang: 'fa', pkg: 'fonts-dejavu-core' },
  { lang: 'ti', pkg: 'fonts-sil-abyssinica' },
];

/** True when fontconfig knows a font that covers `lang`; true as well when there is no fc-list to ask. */
function fontFor(lang) {
  const r = spawnSync('fc-list', [`:lang=${lang}`, 'family'], { encoding: 'utf8' });
  return r.error !== undefined || r.stdout.trim() !== '';
}

const missing = [];
if (!chromiumPresent()) {
  if (process.env.CHROME_PATH) {
    console.error(`CHROME_PATH is set to ${CHROME_PATH}, but there is no file there.`);
    process.exit(1);
  }
  missing.push('chromium');
}
for (const { lang, pkg } of FONTS) if (!fontFor(lang) && !missing.includes(pkg)) missing.push(pkg);

if (missing.length > 0) {
  aptInstall(missing, { hint: ' (or set CHROME_PATH for Chromium)' });
  if (!chromiumPresent()) {
    console.error(`Installed chromium, but ${CHROME_PATH} is still missing.`);
    process.exit(1);
  }
  for (const { lang, pkg } of FONTS) {
    if (!fontFor(lang)) {
      console.error(`Installed ${pkg}, but fontconfig still has no font for "${lang}".`);
      process.exit(1);
    }
  }
}
