import type { ReactiveController, ReactiveControllerHost } from 'lit';

/**
 * A clock for the now-line: asks its host to render again every `interval` milliseconds while the
 * host is connected; the timer starts in `hostConnected` and is cleared in `hostDisconnected`.
 */
export class NowController implements ReactiveController {
  #timer: ReturnType<typeof setInterval> | undefined;

  constructor(private readonly host: ReactiveControllerHost, private readonly interval: () => number) {
    host.addController(this);
  }

  /** Whether the timer is running (for tests: none is left behind by a removed calendar). */
  get running(): boolean {
    return this.#timer !== undefined;
  }

  hostConnected(): void {
    this.#timer ??= setInterval(() => {
      this.host.requestUpdate();
    }, this.interval());
  }

  hostDisconnected(): void {
    clearInterval(this.#timer);
    this.#timer = undefined;
  }
}
