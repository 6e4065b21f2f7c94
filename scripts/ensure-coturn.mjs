// Makes sure Debian's coturn (the TURN server the relayed-call test runs on loopback) is there,
// installing it with apt-get when we are root, as ensure-chromium.mjs does for the browser.
import { spawnSync } from 'node:child_process';

const TURNSERVER = process.env.TURNSERVER_PATH ?? '/usr/bin/turnserver';

const present = () => spawnSync(TURNSERVER, ['--version'], { encoding: 'utf8' }).error === undefined;

if (!present()) {
  if (process.env.TURNSERVER_PATH) {
    console.error(`TURNSERVER_PATH is set to ${TURNSERVER}, but it does not run.`);
    process.exit(1);
  }
  if (process.getuid?.() !== 0) {
    console.error('Missing: coturn. Run "sudo apt-get install -y coturn" (or set TURNSERVER_PATH), then try again.');
    process.exit(1);
  }
  console.log("Installing Debian's coturn…");
  // The package would start its own system service where it can; the test runs its own instance.
  const env = { ...process.env, DEBIAN_FRONTEND: 'noninteractive' };
  for (const args of [['update', '-qq'], ['install', '-y', '-qq', '--no-install-recommends', 'coturn']]) {
    const r = spawnSync('apt-get', args, { stdio: 'inherit', env });
    if (r.status !== 0) {
      console.error(`apt-get ${args.join(' ')} failed (exit ${r.status}).`);
      process.exit(1);
    }
  }
  if (!present()) {
    console.error(`Installed coturn, but ${TURNSERVER} still does not run.`);
    process.exit(1);
  }
}
