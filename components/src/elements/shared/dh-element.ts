import { LitElement } from 'lit';
import { DEFAULT_LOCALE, isLocale, t, type Locale, type MessageKey, type Params } from '../../core/index.js';
import { dhEvent } from './events.js';

/**
 * The base of every element: its language (from the nearest `lang`, Swedish by default) and a
 * typed way to fire our events.
 */
export abstract class DhElement extends LitElement {
  /** The UI language: the nearest `lang` attribute (this element's, then its ancestors'). */
  get locale(): Locale {
    const lang = this.closest('[lang]')?.getAttribute('lang')?.slice(0, 2);
    return isLocale(lang) ? lang : DEFAULT_LOCALE;
  }

  protected t(key: MessageKey, params?: Params): string {
    return t(key, params, this.locale);
  }

  /** Fires a typed `dh-` event; returns false when a listener cancelled it. */
  protected emit<K extends keyof GlobalEventHandlersEventMap>(
    type: K,
    detail: GlobalEventHandlersEventMap[K] extends CustomEvent<infer D> ? D : never,
    options: { cancelable?: boolean } = {},
  ): boolean {
    return this.dispatchEvent(dhEvent(type, detail, options));
  }
}
