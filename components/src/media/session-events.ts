import type { CallState } from './call-state.js';

/** The session's state changed: from what, to what, and why (never personal data in the reason). */
export class SessionStateEvent extends Event {
  constructor(
    readonly from: CallState,
    readonly to: CallState,
    readonly reason: string,
  ) {
    super('state-change');
  }
}

/** What every session reports. */
export interface SessionEventMap {
  'state-change': SessionStateEvent;
  /** A remote stream came or went (one tile per peer, never a ghost). */
  'streams-change': Event;
  /** The link to the signalling server changed (see `signalling`). */
  'signalling-change': Event;
  /** A shared document started or stopped (the nurse's `sharing`, a guest's `shareStream`). */
  'share-change': Event;
}

/** The nurse's session also reports who is waiting. */
export interface HostEventMap extends SessionEventMap {
  'guests-change': Event;
  /** The patient's own star-profile answers arrived (see `starProfile`). */
  'star-profile-change': Event;
}

/** A guest's session also reports being listed in the waiting room and the code's result. */
export interface GuestEventMap extends SessionEventMap {
  /** The proof held and the nurse's side lists this guest (or the knock was lost again). */
  'listed-change': Event;
  'code-result': Event;
}

type Listener<E> = (event: E) => void;

/**
 * An event target whose event names and event types are checked by the compiler: a misspelt name
 * or a listener for the wrong event does not compile. It wraps, rather than extends, EventTarget so
 * that the untyped `addEventListener(string, …)` is not offered beside the typed one.
 */
export class TypedEventTarget<M> {
  readonly #target = new EventTarget();

  addEventListener<K extends keyof M & string>(type: K, listener: Listener<M[K]>, options?: AddEventListenerOptions): void {
    this.#target.addEventListener(type, listener as EventListener, options);
  }

  removeEventListener<K extends keyof M & string>(type: K, listener: Listener<M[K]>): void {
    this.#target.removeEventListener(type, listener as EventListener);
  }

  /** Fires `event` (whose type must be `type`), or a plain Event of that type. */
  protected emit<K extends keyof M & string>(type: K, event?: M[K] & Event): void {
    this.#target.dispatchEvent(event ?? new Event(type));
  }
}
