import { LitElement, type PropertyValues } from 'lit';
import { DEFAULT_LOCALE, hasCatalog, isLocale, isUiLocale, t, type Locale, type MessageKey, type Params, type UiLocale } from '../../core/index.js';
import { dhEvent } from './events.js';

/** The nearest `lang` of an element, looking through shadow roots to their hosts. */
export function nearestLang(element: Element): string | undefined {
  for (let node: Element | null = element; node;) {
    const lang = node.closest('[lang]')?.getAttribute('lang');
    if (lang !== undefined && lang !== null) return lang.slice(0, 2).toLowerCase();
    const root = node.getRootNode();
    node = root instanceof ShadowRoot ? root.host : null;
  }
  return undefined;
}

/**
 * The base of every element: its language (from the nearest `lang`, Swedish by default) and a
 * typed way to fire our events.
 */
export abstract class DhElement extends LitElement {
  // `lang` is not a Lit property (HTMLElement owns it), yet a change must re-render the texts.
  static override get observedAttributes(): string[] {
    return [...super.observedAttributes, 'lang'];
  }

  override attributeChangedCallback(name: string, old: string | null, value: string | null): void {
    super.attributeChangedCallback(name, old, value);
    if (name === 'lang' && old !== value) this.requestUpdate();
  }

  /**
   * The UI language: the nearest `lang` attribute (this element's, then its ancestors', across
   * shadow roots), if its texts are loaded; Swedish otherwise.
   */
  get locale(): UiLocale {
    const lang = nearestLang(this);
    return isUiLocale(lang) && hasCatalog(lang) ? lang : DEFAULT_LOCALE;
  }

  /** The language for what only Swedish and English cover (the nurse's side, dates via date-fns). */
  get fullLocale(): Locale {
    const locale = this.locale;
    return isLocale(locale) ? locale : DEFAULT_LOCALE;
  }

  // The language is looked up once per render, not once per text.
  #renderLocale: UiLocale | undefined;

  protected override update(changed: PropertyValues): void {
    this.#renderLocale = this.locale;
    try {
      super.update(changed);
    } finally {
      this.#renderLocale = undefined;
    }
  }

  protected t(key: MessageKey, params?: Params): string {
    return t(key, params, this.#renderLocale ?? this.locale);
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
