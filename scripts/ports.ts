import { createServer } from 'node:net';

/** A TCP port on loopback that nothing listens on right now (for a child process to take). */
export function freePort(): Promise<number> {
  return new Promise((resolve, reject) => {
    const probe = createServer();
    probe.once('error', reject);
    probe.listen(0, '127.0.0.1', () => {
      const address = probe.address();
      probe.close(() => { resolve(typeof address === 'object' && address ? address.port : 0); });
    });
  });
}
