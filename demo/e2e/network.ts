// A test host of the project's own: a network namespace joined to this machine by a veth pair, so
// that a test can cut real traffic (link down) between the nurse and a patient's browser.
import { execFileSync } from 'node:child_process';
import { chmod, mkdtemp, rm, writeFile } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { CHROME_PATH } from '../../scripts/chromium.mjs';

const ip = (...args: string[]): void => {
  execFileSync('ip', args, { stdio: 'pipe' });
};

export interface TestHost {
  /** This machine's address on the link. */
  readonly hostAddress: string;
  /** A Chromium wrapper that runs inside the namespace. */
  readonly chromium: string;
  cut(): void;
  restore(): void;
  remove(): Promise<void>;
}

/** Creates the namespace, or returns undefined where that is not allowed (not root, no netns). */
export async function createTestHost(): Promise<TestHost | undefined> {
  if (process.getuid?.() !== 0) return undefined;
  const id = String(process.pid % 10000);
  const ns = `dh-e2e-${id}`;
  const hostIf = `dhh${id}`;
  const nsIf = `dhn${id}`;
  // A /30 of the project's own, used only inside this machine between the namespace and the host.
  const [hostAddress, nsAddress] = ['10.213.7.1', '10.213.7.2'];
  try {
    ip('netns', 'add', ns);
    ip('link', 'add', hostIf, 'type', 'veth', 'peer', 'name', nsIf);
    ip('link', 'set', nsIf, 'netns', ns);
    ip('addr', 'add', `${hostAddress}/30`, 'dev', hostIf);
    ip('link', 'set', hostIf, 'up');
    ip('-n', ns, 'addr', 'add', `${nsAddress}/30`, 'dev', nsIf);
    ip('-n', ns, 'link', 'set', nsIf, 'up');
    ip('-n', ns, 'link', 'set', 'lo', 'up');
  } catch {
    try {
      ip('netns', 'del', ns);
    } catch {
      // nothing to undo
    }
    return undefined;
  }
  const dir = await mkdtemp(join(tmpdir(), 'dh-netns-'));
  const chromium = join(dir, 'chromium-in-netns');
  await writeFile(chromium, `#!/bin/sh\nexec ip netns exec ${ns} ${CHROME_PATH} "$@"\n`);
  await chmod(chromium, 0o755);
  return {
    hostAddress,
    chromium,
    cut: () => {
      ip('link', 'set', hostIf, 'down');
    },
    restore: () => {
      ip('link', 'set', hostIf, 'up');
    },
    async remove() {
      try {
        ip('link', 'del', hostIf);
      } catch {
        // gone with the namespace
      }
      ip('netns', 'del', ns);
      await rm(dir, { recursive: true, force: true });
    },
  };
}
