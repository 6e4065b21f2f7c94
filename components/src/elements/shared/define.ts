/**
 * Registers a custom element unless the tag is taken already, so that a host page can load two
 * bundles (or the same one twice) without "already been used with this registry".
 */
export function defineElement(tag: string, ctor: CustomElementConstructor): void {
  if (!customElements.get(tag)) customElements.define(tag, ctor);
}
