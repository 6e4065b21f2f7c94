import { css, html, type PropertyValues, type TemplateResult } from 'lit';
import { state } from 'lit/decorators.js';
import { baseStyles } from '../shared/base.styles.js';
import { DhElement } from '../shared/dh-element.js';

/**
 * @tagname dh-speaker-test
 * @summary Plays a short tone and asks whether it was heard: a speaker has no signal a page can
 * measure, so the person's answer is the verdict.
 *
 * @fires dh-speaker-test - After an answer; `detail.heard`.
 *
 * @csspart button - Every button.
 *
 * @cssproperty --dh-color-success - The "works" mark.
 * @cssproperty --dh-color-error - The "no sound" advice.
 */
export class DhSpeakerTest extends DhElement {
  static override styles = [baseStyles, css`
    :host { display: block; }
    fieldset { border: 0; padding: 0; margin: 0; display: flex; flex-wrap: wrap; gap: 0.5rem; align-items: center; }
    legend { padding: 0; margin-block-end: 0.25rem; }
    .verdict { display: block; }
  `];

  @state() private accessor step: 'untested' | 'asking' | 'ok' | 'bad' = 'untested';

  /** What the person answered, if they have. */
  get heard(): boolean | undefined {
    return this.step === 'ok' ? true : this.step === 'bad' ? false : undefined;
  }

  #play = (): void => {
    this.step = 'asking';
    const context = new AudioContext();
    const oscillator = context.createOscillator();
    const gain = context.createGain();
    oscillator.frequency.value = 660;
    gain.gain.value = 0.2;
    oscillator.connect(gain).connect(context.destination);
    oscillator.start();
    oscillator.stop(context.currentTime + 0.6);
    oscillator.onended = () => void context.close();
  };

  #answer(heard: boolean): void {
    this.step = heard ? 'ok' : 'bad';
    this.emit('dh-speaker-test', { heard });
  }

  // The button pressed is gone after each step: focus goes to what replaced it, so keyboard and
  // screen-reader users carry on from there.
  protected override updated(changed: PropertyValues): void {
    if (!changed.has('step') || changed.get('step') === undefined) return;
    this.renderRoot.querySelector<HTMLElement>(this.step === 'asking' ? 'fieldset button' : '.verdict')?.focus();
  }

  protected override render(): TemplateResult {
    const play = html`<button part="button" type="button" @click=${this.#play}>${this.t('ui.device.speakerTest')}</button>`;
    switch (this.step) {
      case 'untested':
        return html`${play} <span class="hint">${this.t('ui.device.speakerHint')}</span>`;
      case 'asking':
        return html`
          <fieldset>
            <legend>${this.t('ui.device.speakerAsk')}</legend>
            <button part="button" type="button" @click=${() => { this.#answer(true); }}>${this.t('ui.device.yes')}</button>
            <button part="button" type="button" @click=${() => { this.#answer(false); }}>${this.t('ui.device.no')}</button>
            ${play}
          </fieldset>`;
      case 'ok':
        return html`<span class="verdict ok" role="status" tabindex="-1">✓ ${this.t('ui.device.ok')}</span>`;
      case 'bad':
        return html`<span class="verdict bad" role="status" tabindex="-1">✗ ${this.t('ui.device.speakerBad')}</span>${play}`;
    }
  }
}
