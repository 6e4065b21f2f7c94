/** Builds an element with text content only (never HTML from data), attributes and children. */
export function el<K extends keyof HTMLElementTagNameMap>(tag: K, attrs: Readonly<Record<string, string>> = {}, ...children: (Node | string)[]): HTMLElementTagNameMap[K] {
  const node = document.createElement(tag);
  for (const [name, value] of Object.entries(attrs)) node.setAttribute(name, value);
  node.append(...children);
  return node;
}

export function byId<T extends HTMLElement = HTMLElement>(id: string, kind?: new () => T): T {
  const found = document.getElementById(id);
  if (!found || (kind && !(found instanceof kind))) throw new Error(`#${id} missing`);
  return found as T;
}

/** Fills every `data-text` element of the page from the text table (the HTML holds no wording). */
export function fillTexts(say: (key: never) => string): void {
  for (const node of document.querySelectorAll<HTMLElement>('[data-text]')) node.textContent = say(node.dataset.text as never);
  const title = document.querySelector<HTMLElement>('title[data-text]');
  if (title) document.title = title.textContent;
}
