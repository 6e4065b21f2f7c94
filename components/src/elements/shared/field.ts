import { html, nothing, type TemplateResult } from 'lit';
import { live } from 'lit/directives/live.js';

/** What every labelled field shows around its control: label, hint, error, wired for screen readers. */
export interface FieldFrame {
  /** The control's `name` and `id`; the hint and error get `<name>-hint` and `<name>-error`. */
  readonly name: string;
  readonly label: string;
  readonly hint?: string | TemplateResult | undefined;
  /** The error's text, worded by the element; no error when undefined. */
  readonly error?: string | undefined;
}

export interface InputField extends FieldFrame {
  readonly value: string;
  readonly type?: string;
  readonly inputmode?: string;
  readonly autocomplete?: string;
  readonly min?: string | undefined;
  readonly max?: string;
  readonly step?: string;
  /** The id of a `<datalist>` of suggestions (rendered by the caller, inside the same shadow root). */
  readonly list?: string | undefined;
  readonly onInput: (e: Event) => void;
  readonly onBlur?: (() => void) | undefined;
}

export interface SelectField extends FieldFrame {
  readonly value: string;
  /** [value, label] pairs, after a first "Välj…" option with the given text. */
  readonly options: readonly (readonly [string, string])[];
  readonly choose: string;
  readonly onChange: (e: Event) => void;
}

const describedBy = (f: FieldFrame): string | typeof nothing =>
  [f.hint ? `${f.name}-hint` : '', f.error ? `${f.name}-error` : ''].filter(Boolean).join(' ') || nothing;

/** Label, hint, the control and its error: the one frame of every field in the nurse's forms. */
export function field(f: FieldFrame, control: TemplateResult): TemplateResult {
  return html`
    <div class="field" part="field">
      <label for=${f.name}>${f.label}</label>
      ${f.hint ? html`<p id="${f.name}-hint" class="hint">${f.hint}</p>` : nothing}
      ${control}
      ${f.error ? html`<p id="${f.name}-error" class="error" part="error">${f.error}</p>` : nothing}
    </div>`;
}

export function inputField(f: InputField): TemplateResult {
  return field(f, html`
    <input id=${f.name} name=${f.name} type=${f.type ?? 'text'} .value=${live(f.value)}
      inputmode=${f.inputmode ?? nothing} autocomplete=${f.autocomplete ?? 'off'}
      min=${f.min ?? nothing} max=${f.max ?? nothing} step=${f.step ?? nothing} list=${f.list ?? nothing}
      aria-invalid=${f.error ? 'true' : 'false'} aria-describedby=${describedBy(f)}
      @input=${f.onInput} @blur=${f.onBlur ?? nothing} />`);
}

export function selectField(f: SelectField): TemplateResult {
  return field(f, html`
    <select id=${f.name} name=${f.name} aria-invalid=${f.error ? 'true' : 'false'} aria-describedby=${describedBy(f)} @change=${f.onChange}>
      <option value="" ?selected=${f.value === ''}>${f.choose}</option>
      ${f.options.map(([v, label]) => html`<option value=${v} ?selected=${v === f.value}>${label}</option>`)}
    </select>`);
}
