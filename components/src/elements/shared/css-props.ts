import { noChange, nothing } from 'lit';
import { Directive, PartType, directive, type ElementPart, type PartInfo } from 'lit/directive.js';

/**
 * Sets custom properties on an element through the CSSOM, every time: `<li ${cssProps({ '--top': '0.5' })}>`.
 * Lit's `styleMap` writes a `style` attribute on its first render, which a strict CSP
 * (`style-src 'self'`) refuses; the CSSOM is not subject to it.
 */
class CssPropsDirective extends Directive {
  #names: readonly string[] = [];

  constructor(part: PartInfo) {
    super(part);
    if (part.type !== PartType.ELEMENT) throw new Error('cssProps belongs in an element, not an attribute');
  }

  // The argument types the directive's call; its values are applied in update().
  // eslint-disable-next-line @typescript-eslint/no-unused-vars
  render(_props: Readonly<Record<`--${string}`, string>>): typeof nothing {
    return nothing;
  }

  override update(part: ElementPart, [props]: [Readonly<Record<`--${string}`, string>>]): typeof noChange {
    const { style } = part.element as HTMLElement;
    for (const name of this.#names) if (!(name in props)) style.removeProperty(name);
    for (const [name, value] of Object.entries(props)) style.setProperty(name, value);
    this.#names = Object.keys(props);
    return noChange;
  }
}

export const cssProps = directive(CssPropsDirective);
