// Makes sure Debian's Chromium is there before any browser test or benchmark. No test tool may
// download a browser of its own here, so we install the distribution's package when we can.
import { spawnSync } from 'node:child_process';
import { CHROME_PATH, chromiumPresent } from './chromium.mjs';

if (!chromiumPresent()) {
  if (process.env.CHROME_PATH) {
    console.error(`CHROME_PATH is set to ${CHROME_PATH}, but there is no file there.`);
    process.exit(1);
  }
  if (process.getuid?.() !== 0) {
    console.error('Chromium is missing: run "sudo apt-get install -y chromium" (or set CHROME_PATH), then try again.');
    process.exit(1);
  }
  console.log('Chromium is missing: installing Debian\'s chromium package…');
  const env = { ...process.env, DEBIAN_FRONTEND: 'noninteractive' };
  for (const args of [['update', '-qq'], ['install', '-y', '-qq', 'chromium']]) {
    const r = spawnSync('apt-get', args, { stdio: 'inherit', env });
    if (r.status !== 0) {
      console.error(`apt-get ${args.join(' ')} failed (exit ${r.status}).`);
      process.exit(1);
    }
  }
  if (!chromiumPresent()) {
    console.error(`Installed chromium, but ${CHROME_PATH} is still missing.`);
    process.exit(1);
  }
}
