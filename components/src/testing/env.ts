import { DAY_MS } from '../core/time.js';

/** Where the test run's demo server listens (started by web-test-runner.config.mjs). */
export async function demoUrl(): Promise<string> {
  const response = await fetch('/__dh/env.json');
  return ((await response.json()) as { demoUrl: string }).demoUrl;
}

/** A database name no other test uses, so files can run in parallel. */
export const uniqueDbName = (label: string): string => `dh-test-${label}-${crypto.randomUUID()}`;

/** A clock the test moves by hand. */
export class TestClock {
  constructor(private time: number) {}
  readonly now = (): Date => new Date(this.time);
  advanceDays(days: number): void {
    this.time += days * DAY_MS;
  }
}
