/**
 * The state of one video visit, seen from one participant. Pure: no DOM, no WebRTC, so the rules
 * are tested on their own and every view shows the same truth.
 */
export type CallState = 'idle' | 'waiting' | 'connecting' | 'connected' | 'reconnecting' | 'ended' | 'failed';

/** Which changes are allowed. `ended` and `failed` are final: a new visit needs a new machine. */
export const CALL_TRANSITIONS: Readonly<Record<CallState, readonly CallState[]>> = {
  idle: ['waiting', 'connecting', 'ended', 'failed'],
  waiting: ['connecting', 'ended', 'failed'],
  connecting: ['connected', 'reconnecting', 'ended', 'failed'],
  connected: ['reconnecting', 'ended', 'failed'],
  reconnecting: ['connecting', 'connected', 'ended', 'failed'],
  ended: [],
  failed: [],
};

export class IllegalTransitionError extends Error {
  constructor(
    readonly from: CallState,
    readonly to: CallState,
  ) {
    super(`illegal call transition ${from} -> ${to}`);
    this.name = 'IllegalTransitionError';
  }
}

export class CallStateChangeEvent extends Event {
  constructor(
    readonly from: CallState,
    readonly to: CallState,
    readonly reason: string,
  ) {
    super('state-change');
  }
}

export type TransitionLog = (line: string) => void;

/**
 * One transition function over the table above. A change to the current state is ignored (no
 * event); a change the table does not allow throws, because it is a bug, not a network event.
 * Every transition is logged as `from -> to (reason)` — reasons never hold personal data.
 */
export class CallStateMachine extends EventTarget {
  #state: CallState = 'idle';
  readonly #log: TransitionLog;

  constructor(log: TransitionLog = () => undefined) {
    super();
    this.#log = log;
  }

  get state(): CallState {
    return this.#state;
  }

  get done(): boolean {
    return this.#state === 'ended' || this.#state === 'failed';
  }

  can(to: CallState): boolean {
    return to === this.#state || CALL_TRANSITIONS[this.#state].includes(to);
  }

  /** Returns true when the state changed. */
  transition(to: CallState, reason: string): boolean {
    const from = this.#state;
    if (to === from) return false;
    if (!CALL_TRANSITIONS[from].includes(to)) throw new IllegalTransitionError(from, to);
    this.#state = to;
    this.#log(`${from} -> ${to} (${reason})`);
    this.dispatchEvent(new CallStateChangeEvent(from, to, reason));
    return true;
  }
}
