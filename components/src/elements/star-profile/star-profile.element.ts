import { html, nothing, svg, type PropertyValues, type TemplateResult } from 'lit';
import { property, state } from 'lit/decorators.js';
import { live } from 'lit/directives/live.js';
import {
  DEFAULT_STAR_PROFILE, MAX_SCORE, SCORES, STAR_GROUPS, axisAngle, bandCounts, bandOf, formatMeasure, localised, parseMeasure,
  radarAxes, radarPoints, registerSection, ringFraction, scoreValue, validateStarProfile, valueText,
  type LevelScale, type LocalisedText, type MeasureScale, type StarDimension, type StarProfileConfig,
  type StarProfileError, type StarProfileValues,
} from '../../core/index.js';
import { starTexts } from '../../core/i18n/star.js';
import { baseStyles } from '../shared/base.styles.js';
import { DhElement } from '../shared/dh-element.js';
import { starProfileStyles } from './star-profile.styles.js';

// The texts come with the element: a page that never shows a star profile never loads them.
registerSection(starTexts);

export type StarProfileMode = 'view' | 'edit';

/**
 * The chart in SVG units: a 100-wide view box, so a unit is 1 % of the chart's width, cropped to
 * 80 high (the labels need room at the sides more than above and below).
 */
const VIEW = { top: 10, height: 80 } as const;
const RADIUS = 24;
/** Where the axis labels start, and the widest they may be (both in % of the chart's width). */
const LABEL_RADIUS = RADIUS + 3;
const LABEL_MAX_WIDTH = 34;

/**
 * @tagname dh-star-profile
 * @summary The star profile ("stjärnprofil"): lifestyle and health measures as a radar chart with a
 * table beside it, or as a short form a patient fills in before the visit. Areas, answers, scales
 * and colour bands come from `config`; nothing in it can hold personal data.
 *
 * @fires dh-star-profile-change - "Spara" in edit mode with valid input; `detail.values` holds what was filled in.
 *
 * @csspart chart - The radar chart with its axis labels.
 * @csspart legend - What the colour bands mean.
 * @csspart table - The chart's values as a table.
 * @csspart form - The form in edit mode.
 * @csspart group - A fieldset of the form (lifestyle, measurements).
 * @csspart field - One question or measurement.
 * @csspart error - A field's error message.
 * @csspart button - Every button.
 *
 * @cssproperty --dh-star-red - Band colour for scores that need change; text is drawn on it.
 * @cssproperty --dh-star-yellow - Band colour for scores worth watching; text is drawn on it.
 * @cssproperty --dh-star-green - Band colour for good scores; text is drawn on it.
 * @cssproperty --dh-star-on-band - Text on the band colours.
 * @cssproperty --dh-star-shape - The filled shape of the answers (the primary colour by default).
 * @cssproperty --dh-color-primary - Buttons and the shape.
 * @cssproperty --dh-color-on-primary - Text on primary buttons.
 * @cssproperty --dh-color-text - Body text.
 * @cssproperty --dh-color-muted - Hints.
 * @cssproperty --dh-color-surface - Background.
 * @cssproperty --dh-color-border - Borders, rings and axes.
 * @cssproperty --dh-color-error - Error messages and invalid inputs.
 * @cssproperty --dh-focus-ring - Focus outline colour.
 * @cssproperty --dh-radius - Corner radius.
 * @cssproperty --dh-font-family - Font.
 */
export class DhStarProfile extends DhElement {
  static override styles = [baseStyles, starProfileStyles];

  /** The areas, their scales and the colour bands. */
  @property({ attribute: false }) accessor config: StarProfileConfig = DEFAULT_STAR_PROFILE;
  /** What has been filled in. Never changed in place: "Spara" sets a new object. */
  @property({ attribute: false }) accessor values: StarProfileValues = {};
  /** 'view' shows the chart and table; 'edit' the form. */
  @property({ reflect: true }) accessor mode: StarProfileMode = 'view';
  /** Shows the chart only, whatever `mode` says: for a profile that must not be changed here. */
  @property({ type: Boolean, reflect: true }) accessor readonly = false;
  /** Shows the table of values under the chart (the button beside it toggles this). */
  @property({ type: Boolean, reflect: true, attribute: 'show-table' }) accessor showTable = false;

  /** What is in the form's fields, as typed: kept as it is through errors. */
  @state() private accessor draft: Readonly<Record<string, string>> = {};
  @state() private accessor errors: ReadonlyMap<string, StarProfileError> = new Map();
  @state() private accessor status: 'saved' | 'invalid' | undefined;

  /** The values this element saved itself: setting them must not reset the form. */
  #saved: StarProfileValues | undefined;
  #focusFirstError = false;
  /** Labels wrap differently at another width: spread them again when the chart is resized. */
  readonly #resize = new ResizeObserver(() => {
    this.#spreadLabels();
  });
  #observed: Element | undefined;

  override connectedCallback(): void {
    super.connectedCallback();
    // Moved to another place in the page: lay the labels out (and watch the size) again.
    if (this.hasUpdated) this.requestUpdate();
  }

  override disconnectedCallback(): void {
    super.disconnectedCallback();
    this.#resize.disconnect();
    this.#observed = undefined;
  }

  get #editing(): boolean {
    return this.mode === 'edit' && !this.readonly;
  }

  protected override willUpdate(changed: PropertyValues<this>): void {
    if (!this.hasUpdated || ((changed.has('values') || changed.has('config')) && this.values !== this.#saved)) {
      this.draft = this.#draftOf(this.values);
      this.errors = new Map();
      this.status = undefined;
    }
  }

  protected override updated(changed: PropertyValues<this>): void {
    super.updated(changed);
    if (this.#editing) {
      if (this.#observed) {
        this.#resize.disconnect();
        this.#observed = undefined;
      }
      this.#syncValidity();
      if (this.#focusFirstError) {
        this.#focusFirstError = false;
        this.renderRoot.querySelector<HTMLElement>('[aria-invalid="true"] input:checked, [aria-invalid="true"] input, input[aria-invalid="true"]')?.focus();
      }
    } else {
      this.#placeLabels();
      this.#spreadLabels();
      const chart = this.renderRoot.querySelector('.chart') ?? undefined;
      if (chart !== this.#observed) {
        this.#resize.disconnect();
        if (chart) this.#resize.observe(chart);
        this.#observed = chart;
      }
    }
  }

  #draftOf(values: StarProfileValues): Record<string, string> {
    const draft: Record<string, string> = {};
    for (const d of this.config.dimensions) {
      const value = values[d.id];
      if (value === undefined || !Number.isFinite(value)) continue;
      draft[d.id] = d.scale.kind === 'levels' ? String(value) : formatMeasure(value, this.locale, 6);
    }
    return draft;
  }

  /** The form's fields as values: an empty field is left out, a field that is not a number is NaN. */
  #valuesOf(draft: Readonly<Record<string, string>>): Record<string, number> {
    const values: Record<string, number> = {};
    for (const d of this.config.dimensions) {
      const text = draft[d.id] ?? '';
      const value = d.scale.kind === 'levels' ? (text === '' ? undefined : Number(text)) : parseMeasure(text);
      if (value !== undefined) values[d.id] = value;
    }
    return values;
  }

  #onInput = (e: Event): void => {
    const input = e.target as HTMLInputElement;
    this.draft = { ...this.draft, [input.name]: input.value };
    this.status = undefined;
    if (this.errors.has(input.name)) {
      const errors = new Map(this.errors);
      errors.delete(input.name);
      this.errors = errors;
    }
  };

  /** Leaving a number field checks it, so a mistake shows before "Spara". */
  #onChange = (e: Event): void => {
    const { name } = e.target as HTMLInputElement;
    const error = validateStarProfile(this.config, this.#valuesOf(this.draft)).find((x) => x.field === name && x.code !== 'required');
    if (error) this.errors = new Map([...this.errors, [name, error]]);
  };

  #onSubmit = (e: Event): void => {
    e.preventDefault();
    const values = this.#valuesOf(this.draft);
    const errors = validateStarProfile(this.config, values);
    if (errors.length > 0) {
      this.errors = new Map(errors.map((x) => [x.field, x]));
      this.status = 'invalid';
      this.#focusFirstError = true;
      return;
    }
    this.errors = new Map();
    this.status = 'saved';
    this.#saved = values;
    this.values = values;
    this.emit('dh-star-profile-change', { values });
  };

  #toggleTable = (): void => {
    this.showTable = !this.showTable;
  };

  /** The browser's own validity follows ours, so `:invalid` and `validationMessage` say the same. */
  #syncValidity(): void {
    for (const d of this.config.dimensions) {
      const input = Array.from(this.renderRoot.querySelectorAll<HTMLInputElement>('input[name]')).find((i) => i.name === d.id);
      const error = this.errors.get(d.id);
      input?.setCustomValidity(error ? this.#message(d, error) : '');
    }
  }

  /**
   * Axis labels are HTML around the chart, so they keep their size and wrap on a narrow screen. Their
   * places are set here through the CSS object model: a strict Content-Security-Policy refuses
   * inline style attributes. The chart is a picture: its labels stay where their axes are in
   * right-to-left languages too.
   */
  #placeLabels(): void {
    const labels = Array.from(this.renderRoot.querySelectorAll<HTMLElement>('.label'));
    const count = labels.length;
    const xOf = (i: number): number => 50 + Math.cos(axisAngle(i, count)) * LABEL_RADIUS;
    labels.forEach((label, i) => {
      const angle = axisAngle(i, count);
      const cos = Math.cos(angle);
      const x = xOf(i);
      const y = 50 + Math.sin(angle) * LABEL_RADIUS;
      // A label right of the centre grows to the right, one left of it to the left; one straight above
      // or below is centred, as wide as its neighbours leave room for.
      const side = Math.abs(cos) < 0.05 ? 'centre' : cos > 0 ? 'right' : 'left';
      const room = side === 'right' ? 100 - x : side === 'left' ? x : 2 * Math.min(Math.abs(xOf(i + 1) - 50), Math.abs(xOf(i - 1 + count) - 50)) - 2;
      const shift = side === 'right' ? 0 : side === 'left' ? -100 : -50;
      const above = ((1 - Math.sin(angle)) / 2) * 100;
      label.style.setProperty('left', `${x.toFixed(2)}%`);
      label.style.setProperty('top', `${(((y - VIEW.top) / VIEW.height) * 100).toFixed(2)}%`);
      label.style.setProperty('max-width', `${Math.min(LABEL_MAX_WIDTH, room).toFixed(2)}%`);
      label.style.setProperty('transform', `translate(${shift}%, ${(-above).toFixed(1)}%)`);
      label.style.setProperty('text-align', side === 'centre' ? 'center' : side === 'right' ? 'left' : 'right');
    });
  }

  /**
   * Neighbouring labels that wrap onto two lines may overlap on a narrow screen. Starting from the
   * labels beside the chart, each one that would touch a label already placed moves away from the
   * middle: down below the centre, up above it.
   */
  #spreadLabels(): void {
    const labels = Array.from(this.renderRoot.querySelectorAll<HTMLElement>('.label'));
    for (const label of labels) label.style.removeProperty('translate');
    const boxes = labels.map((label, i) => ({ label, box: label.getBoundingClientRect(), sin: Math.sin(axisAngle(i, labels.length)) }));
    const placed: { top: number; bottom: number; left: number; right: number }[] = [];
    for (const { label, box, sin } of boxes.sort((a, b) => Math.abs(a.sin) - Math.abs(b.sin))) {
      const find = (dy: number) => placed.find((o) => o.left < box.right && box.left < o.right && o.top < box.bottom + dy && box.top + dy < o.bottom);
      let dy = 0;
      // Each move goes further the same way, so this ends; a label passes each other one at most once.
      for (let hit = find(dy); hit; hit = find(dy)) dy = sin >= 0 ? hit.bottom - box.top + 1 : hit.top - box.bottom - 1;
      if (dy !== 0) label.style.setProperty('translate', `0 ${dy.toFixed(1)}px`);
      placed.push({ top: box.top + dy, bottom: box.bottom + dy, left: box.left, right: box.right });
    }
  }

  /** A configured text in the reader's language, or the Swedish one marked as Swedish. */
  #text(text: LocalisedText): TemplateResult | string {
    const locale = this.locale;
    return text[locale] !== undefined ? localised(text, locale) : html`<bdi lang="sv">${text.sv}</bdi>`;
  }

  #number(value: number, decimals = 0): string {
    return formatMeasure(value, this.locale, decimals);
  }

  #message(d: StarDimension, error: StarProfileError): string {
    const decimals = d.scale.kind === 'measure' ? d.scale.decimals : 0;
    switch (error.code) {
      case 'number': {
        const { min, max } = d.scale.kind === 'measure' ? d.scale : { min: 1, max: 5 };
        const middle = (min + max) / 2;
        const example = decimals > 0 && Number.isInteger(middle) ? middle + 0.5 : middle;
        return this.t('ui.star.error.number', { example: this.#number(example, decimals) });
      }
      case 'range':
        return this.t('ui.star.error.range', { min: this.#number(error.min ?? 0, decimals), max: this.#number(error.max ?? 0, decimals) });
      case 'required':
        return this.t('ui.star.error.required');
      case 'choice':
      case 'unknown':
        return this.t('ui.star.error.choice');
    }
  }

  protected override render(): TemplateResult {
    return this.#editing ? this.#renderForm() : this.#renderView();
  }

  #renderView(): TemplateResult {
    const { config, values } = this;
    const locale = this.locale;
    const dimensions = config.dimensions;
    const scores = dimensions.map((d) => scoreValue(d.scale, values[d.id]));
    const geometry = { cx: 50, cy: 50, radius: RADIUS, count: dimensions.length };
    const points = radarPoints(scores, geometry).filter((p) => p !== undefined);
    const counts = bandCounts(config, values);
    const summary = [
      ...config.bands.map((b) => this.t('ui.star.count', { band: localised(b.label, locale), n: this.#number(counts.bands[b.id] ?? 0) })),
      ...(counts.unanswered > 0 ? [this.t('ui.star.count', { band: this.t('ui.star.unanswered'), n: this.#number(counts.unanswered) })] : []),
    ].join(' ');
    const outerFirst = [...config.bands].sort((a, b) => b.to - a.to);
    return html`
      <div class="chart" part="chart">
        <svg viewBox="0 ${VIEW.top} 100 ${VIEW.height}" role="img" aria-label=${this.t('ui.star.chart', { n: dimensions.length, summary })}>
          ${outerFirst.map((b) => svg`<circle class="band tone-${b.tone}" cx="50" cy="50" r=${ringFraction(b.to) * RADIUS}></circle>`)}
          ${SCORES.map((s) => svg`<circle class="ring" cx="50" cy="50" r=${ringFraction(s) * RADIUS}></circle>`)}
          ${radarAxes(geometry).map((p) => svg`<line class="axis" x1="50" y1="50" x2=${p.x} y2=${p.y}></line>`)}
          ${points.length > 1 ? svg`<polygon class="shape" points=${points.map((p) => `${p.x},${p.y}`).join(' ')}></polygon>` : nothing}
          ${points.map((p) => svg`<circle class="dot" cx=${p.x} cy=${p.y} r="1.3"></circle>`)}
        </svg>
        <div class="labels" aria-hidden="true">
          ${dimensions.map((d) => html`<span class="label">${this.#text(d.short?.[locale] !== undefined ? d.short : d.label)}</span>`)}
        </div>
      </div>
      <ul class="legend" part="legend" aria-label=${this.t('ui.star.legend')}>
        ${config.bands.map((b) => html`
          <li class="chip tone-${b.tone}">${this.#text(b.label)}
            <span class="points">${b.from === b.to
              ? this.t('ui.star.point', { score: this.#number(b.from) })
              : this.t('ui.star.points', { from: this.#number(b.from), to: this.#number(b.to) })}</span></li>`)}
      </ul>
      <button part="button" class="toggle" type="button" aria-expanded=${this.showTable ? 'true' : 'false'} aria-controls="table"
        @click=${this.#toggleTable}>${this.t(this.showTable ? 'ui.star.hideTable' : 'ui.star.showTable')}</button>
      <div class="table">
      <table id="table" part="table" ?hidden=${!this.showTable}>
        <caption>${this.t('ui.star.title')}</caption>
        <colgroup><col class="dimension" /><col class="value" /><col class="score" /><col class="band" /></colgroup>
        <thead>
          <tr>
            <th scope="col">${this.t('ui.star.dimension')}</th>
            <th scope="col">${this.t('ui.star.value')}</th>
            <th scope="col">${this.t('ui.star.score', { max: this.#number(MAX_SCORE) })}</th>
            <th scope="col">${this.t('ui.star.band')}</th>
          </tr>
        </thead>
        ${STAR_GROUPS.map((group) => {
          const rows = dimensions.filter((d) => d.group === group);
          return rows.length === 0 ? nothing : html`
            <tbody>
              <tr class="group"><th scope="rowgroup" colspan="4">${this.t(`ui.star.${group}`)}</th></tr>
              ${rows.map((d) => {
                const score = scoreValue(d.scale, values[d.id]);
                const band = bandOf(config, score);
                return html`
                  <tr>
                    <th scope="row">${this.#text(d.label)}</th>
                    <td class="value">${valueText(d, values[d.id], locale) ?? html`<span class="unanswered">${this.t('ui.star.unanswered')}</span>`}</td>
                    <td class="score">${score === undefined ? nothing : html`<span aria-hidden="true">${this.#number(score)}</span><span class="visually-hidden">${this.t('ui.star.scoreOf', { score: this.#number(score), max: this.#number(MAX_SCORE) })}</span>`}</td>
                    <td class="band">${band ? html`<span class="chip tone-${band.tone}">${this.#text(band.label)}</span>` : nothing}</td>
                  </tr>`;
              })}
            </tbody>`;
        })}
      </table>
      </div>
    `;
  }

  #renderForm(): TemplateResult {
    const dimensions = this.config.dimensions;
    return html`
      <form part="form" novalidate aria-label=${this.t('ui.star.title')} @submit=${this.#onSubmit}>
        <p class="hint intro">${this.t('ui.star.optional')}</p>
        ${STAR_GROUPS.map((group) => {
          const fields = dimensions.map((d, i) => [d, i] as const).filter(([d]) => d.group === group);
          return fields.length === 0 ? nothing : html`
            <fieldset class="group" part="group">
              <legend>${this.t(`ui.star.${group}`)}</legend>
              ${fields.map(([d, i]) => (d.scale.kind === 'levels' ? this.#levels(d, d.scale, i) : this.#measure(d, d.scale, i)))}
            </fieldset>`;
        })}
        ${this.status === 'invalid' ? html`<p class="status bad" role="alert">${this.t('ui.star.invalid')}</p>` : nothing}
        <p class="saved" role="status">${this.status === 'saved' ? this.t('ui.star.saved') : ''}</p>
        <div class="actions">
          <button part="button" class="primary" type="submit">${this.t('ui.star.save')}</button>
        </div>
      </form>
    `;
  }

  #levels(d: StarDimension, scale: LevelScale, i: number): TemplateResult {
    const id = `f${i}`;
    const error = this.errors.get(d.id);
    const current = this.draft[d.id] ?? '';
    const described = [d.hint ? `${id}-hint` : '', error ? `${id}-error` : ''].filter(Boolean).join(' ');
    const option = (value: string, label: TemplateResult | string, none = false): TemplateResult => html`
      <label class="option ${none ? 'none' : ''}">
        <input type="radio" name=${d.id} .value=${value} .checked=${live(current === value)} @change=${this.#onInput} />
        <span>${label}</span>
      </label>`;
    return html`
      <div class="question" part="field" role="radiogroup" aria-labelledby="${id}-label"
        aria-describedby=${described || nothing} aria-required=${d.required ? 'true' : nothing} aria-invalid=${error ? 'true' : 'false'}>
        <span class="question-label" id="${id}-label">${this.#text(d.label)}</span>
        ${d.hint ? html`<p class="hint" id="${id}-hint">${this.#text(d.hint)}</p>` : nothing}
        <div class="options">
          ${scale.levels.map((l) => option(String(l.value), this.#text(l.label)))}
          ${option('', this.t('ui.star.noAnswer'), true)}
        </div>
        ${error ? html`<p class="error" part="error" id="${id}-error">${this.#message(d, error)}</p>` : nothing}
      </div>`;
  }

  #measure(d: StarDimension, scale: MeasureScale, i: number): TemplateResult {
    const id = `f${i}`;
    const error = this.errors.get(d.id);
    const unit = localised(scale.unit, this.locale);
    const range = this.t('ui.star.range', { min: this.#number(scale.min, scale.decimals), max: this.#number(scale.max, scale.decimals), unit });
    return html`
      <div class="field measure" part="field">
        <label for=${id}>${this.#text(d.label)}</label>
        <p class="hint" id="${id}-hint">${d.hint ? html`${this.#text(d.hint)} ` : nothing}${range}</p>
        <div class="with-unit">
          <input id=${id} name=${d.id} type="text" inputmode=${scale.decimals > 0 ? 'decimal' : 'numeric'} autocomplete="off" spellcheck="false"
            .value=${live(this.draft[d.id] ?? '')} aria-required=${d.required ? 'true' : nothing} aria-invalid=${error ? 'true' : 'false'}
            aria-describedby=${error ? `${id}-hint ${id}-error` : `${id}-hint`} @input=${this.#onInput} @change=${this.#onChange} />
          <span class="unit">${unit}</span>
        </div>
        ${error ? html`<p class="error" part="error" id="${id}-error">${this.#message(d, error)}</p>` : nothing}
      </div>`;
  }
}
