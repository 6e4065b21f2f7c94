// Makes sure the Debian packages the server tests need are there: coturn (the relayed call),
// PostgreSQL (the shared visit directory), nginx, openssl and systemd-analyze (the production set-up). Installed as root when missing, as
// ensure-chromium.mjs does for the browser; otherwise says what to run.
import { existsSync, readdirSync } from 'node:fs';
import { spawnSync } from 'node:child_process';
import { aptInstall } from './apt.mjs';

const has = (bin) => spawnSync('sh', ['-c', `command -v ${bin}`]).status === 0;
const postgres = () => existsSync('/usr/lib/postgresql') && readdirSync('/usr/lib/postgresql').some((v) => existsSync(`/usr/lib/postgresql/${v}/bin/initdb`));

const TURNSERVER = process.env.TURNSERVER_PATH ?? '/usr/bin/turnserver';
if (process.env.TURNSERVER_PATH && spawnSync(TURNSERVER, ['--version']).error !== undefined) {
  console.error(`TURNSERVER_PATH is set to ${TURNSERVER}, but it does not run.`);
  process.exit(1);
}

const PACKAGES = [
  { pkg: 'coturn', present: () => spawnSync(TURNSERVER, ['--version']).error === undefined },
  { pkg: 'postgresql', present: postgres },
  { pkg: 'nginx', present: () => has('nginx') || existsSync('/usr/sbin/nginx') },
  { pkg: 'openssl', present: () => has('openssl') },
  // systemd-analyze checks the unit in deploy/systemd/ as systemd would read it.
  { pkg: 'systemd', present: () => has('systemd-analyze') },
];

const missing = PACKAGES.filter((p) => !p.present()).map((p) => p.pkg);
if (missing.length > 0) {
  aptInstall(missing, { recommends: false });
  // Debian starts the services it installs; the tests run their own, on ports of their own.
  for (const service of ['nginx', 'postgresql', 'coturn']) spawnSync('sh', ['-c', `command -v service >/dev/null && service ${service} stop`], { stdio: 'ignore' });
  const still = PACKAGES.filter((p) => !p.present()).map((p) => p.pkg);
  if (still.length > 0) {
    console.error(`Installed, but still missing: ${still.join(', ')}.`);
    process.exit(1);
  }
}
