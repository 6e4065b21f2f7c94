// Installs Debian packages a test needs, as the project's ensure-* scripts do: as root with
// apt-get, otherwise stopping with the one line to run. Exits the process on failure.
import { spawnSync } from 'node:child_process';

/** `hint` is added to the instruction for a user who is not root (another way to provide it). */
export function aptInstall(missing, { hint = '', recommends = true } = {}) {
  if (missing.length === 0) return;
  if (process.getuid?.() !== 0) {
    console.error(`Missing: ${missing.join(', ')}. Run "sudo apt-get install -y ${missing.join(' ')}"${hint}, then try again.`);
    process.exit(1);
  }
  console.log(`Installing Debian's ${missing.join(', ')}…`);
  const env = { ...process.env, DEBIAN_FRONTEND: 'noninteractive' };
  for (const args of [['update', '-qq'], ['install', '-y', '-qq', ...(recommends ? [] : ['--no-install-recommends']), ...missing]]) {
    const r = spawnSync('apt-get', args, { stdio: 'inherit', env });
    if (r.status !== 0) {
      console.error(`apt-get ${args.join(' ')} failed (exit ${r.status}).`);
      process.exit(1);
    }
  }
}
