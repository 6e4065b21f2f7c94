import 'axe-core/axe.min.js';
import type { AxeResults, RunOptions } from 'axe-core';
import { sendKeys } from '@web/test-runner-commands';
import type { LitElement } from 'lit';

declare global {
  interface Window {
    axe: { run(context: Element, options?: RunOptions): Promise<AxeResults> };
  }
}

/** A container in the page whose texts are in `lang`, for mounting an element in it. */
export function page(lang: string): HTMLElement {
  const container = document.createElement('div');
  container.lang = lang;
  document.body.append(container);
  return container;
}

/** Polls until `check` returns a truthy value (or throws after `timeoutMs`). */
export async function until<T>(check: () => T | Promise<T>, what = 'condition', timeoutMs = 10_000): Promise<NonNullable<T>> {
  const deadline = Date.now() + timeoutMs;
  for (;;) {
    const value = await check();
    if (value) return value;
    if (Date.now() > deadline) throw new Error(`timed out waiting for ${what}`);
    await new Promise((r) => setTimeout(r, 20));
  }
}

/** Creates `tag`, lets `setup` set it up, and puts it in `parent` (an element with `lang`, say). */
export async function mount<K extends keyof HTMLElementTagNameMap>(
  tag: K,
  setup: (el: HTMLElementTagNameMap[K]) => void = () => undefined,
  parent: Element = document.body,
): Promise<HTMLElementTagNameMap[K]> {
  const el = document.createElement(tag);
  setup(el);
  parent.append(el);
  await (el as unknown as LitElement).updateComplete;
  return el;
}

// The type parameter mirrors querySelector's own: the caller names the element it expects.
// eslint-disable-next-line @typescript-eslint/no-unnecessary-type-parameters
export const $ = <E extends Element = HTMLElement>(host: Element, selector: string): E | null =>
  host.shadowRoot?.querySelector<E>(selector) ?? null;
export const $$ = (host: Element, selector: string): HTMLElement[] =>
  Array.from(host.shadowRoot?.querySelectorAll<HTMLElement>(selector) ?? []);

/** Types into a named control the way a browser reports it: value, then an input/change event. */
export async function fill(host: LitElement, name: string, value: string | boolean): Promise<void> {
  const control = await until(() => $<HTMLInputElement | HTMLSelectElement>(host, `[name="${name}"]`), `field ${name}`);
  if (control instanceof HTMLInputElement && control.type === 'checkbox') {
    control.checked = value as boolean;
    control.dispatchEvent(new Event('change', { bubbles: true, composed: true }));
  } else {
    control.value = String(value);
    control.dispatchEvent(new Event(control instanceof HTMLSelectElement ? 'change' : 'input', { bubbles: true, composed: true }));
  }
  await host.updateComplete;
}

/** Clicks the button whose text is `label`. */
export async function click(host: LitElement, label: string | RegExp): Promise<void> {
  const button = await until(
    () => $$(host, 'button').find((b) => (typeof label === 'string' ? b.textContent.trim() === label : label.test(b.textContent))),
    `button ${String(label)}`,
  );
  button.click();
  await host.updateComplete;
}

/** axe-core over the element's rendered shadow tree; returns the violations' ids and targets. */
export async function axeViolations(host: Element): Promise<string[]> {
  const results = await window.axe.run(host, { resultTypes: ['violations'] });
  return results.violations.map((v) => `${v.id}: ${v.nodes.map((n) => JSON.stringify(n.target)).join(', ')}`);
}

/** The next event of `type` from `target`, typed by our event map. */
export function nextEvent<K extends keyof GlobalEventHandlersEventMap>(target: EventTarget, type: K): Promise<GlobalEventHandlersEventMap[K]> {
  return new Promise((resolve) => {
    target.addEventListener(type, (e) => {
      resolve(e as GlobalEventHandlersEventMap[K]);
    }, { once: true });
  });
}

/** `promise`, or an error naming `what` after `ms`: a hung step says which one it was. */
export function within<T>(promise: Promise<T>, what: string, ms = 15_000): Promise<T> {
  return Promise.race([
    promise,
    new Promise<never>((_, reject) => setTimeout(() => {
      reject(new Error(`timed out waiting for ${what}`));
    }, ms)),
  ]);
}

/**
 * Video frames each connection has decoded from the other side (WebRTC statistics). Unlike a
 * video element's callbacks, this does not depend on the page being rendered.
 */
export async function framesDecoded(connections: readonly RTCPeerConnection[]): Promise<number[]> {
  return Promise.all(connections.map(async (pc) => {
    let frames = 0;
    (await pc.getStats()).forEach((r: { type: string; kind?: string; framesDecoded?: number }) => {
      if (r.type === 'inbound-rtp' && r.kind === 'video') frames += r.framesDecoded ?? 0;
    });
    return frames;
  }));
}

/** Waits until every connection has decoded at least `min` remote video frames. */
export async function untilDecoding(connections: readonly RTCPeerConnection[], what: string, min = 3): Promise<void> {
  await until(async () => connections.length > 0 && (await framesDecoded(connections)).every((n) => n >= min), what, 20_000);
}

/** The focused element, through shadow roots. */
export function focusedElement(): HTMLElement | null {
  let active = document.activeElement as HTMLElement | null;
  while (active?.shadowRoot?.activeElement) active = active.shadowRoot.activeElement as HTMLElement;
  return active;
}

/**
 * Presses Tab until `matches` holds for the focused element. Every stop on the way must show its
 * focus: an outline of at least 2 px.
 */
export async function tabUntil(matches: (e: HTMLElement) => boolean, what: string, maxStops = 60): Promise<HTMLElement> {
  for (let i = 0; i < maxStops; i++) {
    await sendKeys({ press: 'Tab' });
    const f = focusedElement();
    if (!f || f === document.body) continue;
    const style = getComputedStyle(f);
    if (style.outlineStyle === 'none' || parseFloat(style.outlineWidth) < 2) throw new Error(`no visible focus on ${f.outerHTML.slice(0, 60)}`);
    if (matches(f)) return f;
  }
  throw new Error(`Tab never reached ${what}`);
}

/**
 * Types a date ('YYYY-MM-DD') into the focused native date field, part by part in the order the
 * browser shows them: its own language orders them (ÅÅÅÅ-MM-DD in a Swedish browser, MM/DD/YYYY in
 * the test runner's headless en-US one), the same as the page's default Intl locale.
 */
export async function typeDate(iso: string): Promise<void> {
  const [year = '', month = '', day = ''] = iso.split('-');
  const parts = new Intl.DateTimeFormat(undefined, { year: 'numeric', month: '2-digit', day: '2-digit' }).formatToParts(new Date(2000, 0, 2));
  for (const { type } of parts) {
    if (type === 'year' || type === 'month' || type === 'day') await sendKeys({ type: { year, month, day }[type] });
  }
}
