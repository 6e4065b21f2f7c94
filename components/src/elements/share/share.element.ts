import { html, nothing, type PropertyValues, type TemplateResult } from 'lit';
import { property, query, state } from 'lit/decorators.js';
import type { MessageKey, Params } from '../../core/index.js';
import type { RedactionBox } from '../../redact/boxes.js';
import { COVER, cover, redactedCopy } from '../../redact/draw.js';
import type { OcrEngine } from '../../redact/ocr.js';
import type { ReadError, ReadOutcome, ReadProgress } from '../../redact/read-document.js';
import { baseStyles } from '../shared/base.styles.js';
import { readConfig } from '../shared/config.js';
import '../shared/nurse-texts.js';
import { DhElement } from '../shared/dh-element.js';
import type { ReviewedBox } from '../shared/events.js';
import { shareStyles } from './share.styles.js';

/** A box of the review, numbered once for good ("Ruta 3" stays box 3 when another is removed). */
interface Entry extends ReviewedBox {
  readonly n: number;
}

type Phase = 'empty' | 'reading' | 'review';

/** Zoom steps, as a share of the view's width. */
const ZOOMS = [0.5, 0.75, 1, 1.5, 2, 3, 4] as const;
const FIT = ZOOMS.indexOf(1);
/** A box drawn by pointer smaller than this (page pixels) is taken for a slip, not a box. */
const MIN_DRAWN = 6;

/**
 * @tagname dh-share
 * @summary Privacy-guarded document sharing: the nurse picks a scanned star profile (PNG, JPEG or
 * PDF); it is read in the browser, offline; personal data is covered by opaque boxes; she reviews
 * the page (boxes listed and toggled, moved, resized and added by keyboard or drawn by pointer,
 * zoom), confirms, and only then can she share the covered copy. The OCR engine and pdf.js load
 * when the first scan is opened, never with the page.
 *
 * @fires dh-redaction-ready - A scan was read and covered, and again after every change to its
 * boxes: `detail.width`, `detail.height` and `detail.boxes` (each with `active`), in page pixels.
 * @fires dh-before-share - Cancelable: "Dela" on a reviewed page; `detail.kind` is 'document'.
 * @fires dh-share-start - The covered copy to share: `detail.canvas`.
 *
 * @csspart button - Every button.
 * @csspart page - The canvas showing the page as it will be shared.
 *
 * @cssproperty --dh-share-page-height - Height of the page view (70vh by default).
 * @cssproperty --dh-focus-ring - Outline of the focused control and the selected box.
 */
export class DhShare extends DhElement {
  static override styles = [baseStyles, shareStyles];

  @query('canvas.page') private accessor canvas!: HTMLCanvasElement | null;
  @query('.viewport') private accessor viewport!: HTMLElement | null;

  @state() private accessor phase: Phase = 'empty';
  @state() private accessor progress: ReadProgress = { stage: 'opening', progress: 0 };
  @state() private accessor error: ReadError | undefined;
  @state() private accessor entries: readonly Entry[] = [];
  @state() private accessor selected: number | undefined;
  @state() private accessor reviewed = false;
  @state() private accessor zoom = FIT;
  @state() private accessor announcement = '';
  @state() private accessor outcome: 'started' | 'vetoed' | undefined;

  /** The page as read, never drawn on: every view and copy starts from it. */
  #page: HTMLCanvasElement | undefined;
  #nextNumber = 1;
  /** Counts picks: the result of a file read after another was picked is dropped. */
  #generation = 0;
  /** The engine this element started (and stops when removed), unless one was given. */
  #ownEngine: OcrEngine | undefined;
  /** A box being drawn by pointer, in page pixels. */
  #drawing: { x0: number; y0: number; x1: number; y1: number; pointer: number } | undefined;

  /** Where the OCR and PDF assets are served; the page's configuration (or `dist/ocr/`) if unset. */
  @property({ attribute: 'assets-url' }) accessor assetsUrl: string | undefined;

  /** The OCR engine to use; one is started on the first scan (and stopped on removal) if none is given. */
  @property({ attribute: false }) accessor ocr: OcrEngine | undefined;

  /** True once a scan has been read and covered. */
  get hasDocument(): boolean {
    return this.#page !== undefined;
  }

  /** A copy of the page with every covering box filled into its pixels; undefined before a scan is read. */
  redactedCanvas(): HTMLCanvasElement | undefined {
    return this.#page && redactedCopy(this.#page, this.entries.filter((e) => e.active));
  }

  override disconnectedCallback(): void {
    super.disconnectedCallback();
    // A read in progress ends unheard; the worker's memory goes back. The page stays for a re-attach.
    if (this.phase === 'reading') {
      this.#generation++;
      this.phase = this.#page ? 'review' : 'empty';
    }
    void this.#ownEngine?.terminate();
  }

  // -- reading --------------------------------------------------------------------------------

  #pick = async (event: Event): Promise<void> => {
    const input = event.target as HTMLInputElement;
    const file = input.files?.[0];
    if (!file) return;
    const generation = ++this.#generation;
    this.error = undefined;
    this.outcome = undefined;
    this.progress = { stage: 'opening', progress: 0 };
    this.phase = 'reading';
    this.#announce(this.t('ui.share.scan.progress'));
    let outcome: ReadOutcome;
    try {
      const redact = await import('../../redact/read-document.js');
      const engine = this.ocr ?? (this.#ownEngine ??= new redact.OcrEngine({ assetsUrl: this.#assetsUrl(redact.DEFAULT_ASSETS_URL) }));
      outcome = await redact.readDocument(file, {
        assetsUrl: this.#assetsUrl(redact.DEFAULT_ASSETS_URL),
        ocr: engine,
        onProgress: (p) => {
          if (generation === this.#generation) this.progress = p;
        },
      });
    } catch {
      // The reading code itself did not load (offline, a chunk missing).
      outcome = { ok: false, error: { code: 'ocr-unavailable' } };
    }
    if (generation !== this.#generation) return;
    if (!outcome.ok) {
      this.error = outcome.error;
      // The same file can be picked again (after a crash); whatever was reviewed before stays.
      input.value = '';
      this.phase = this.#page ? 'review' : 'empty';
      return;
    }
    this.#page = outcome.page;
    this.#nextNumber = 1;
    this.entries = outcome.boxes.map((box) => this.#entry(box));
    this.selected = undefined;
    this.reviewed = false;
    this.zoom = FIT;
    this.phase = 'review';
    this.#announce(this.entries.length > 0 ? this.t('ui.share.scan.ready', { n: this.entries.length }) : this.t('ui.share.scan.noneFound'));
    await this.updateComplete;
    this.#fireReady();
  };

  #assetsUrl(fallback: string): string {
    return this.assetsUrl ?? readConfig().ocrAssetsUrl ?? fallback;
  }

  #entry(box: RedactionBox | Omit<ReviewedBox, 'active'>): Entry {
    return { ...box, active: true, n: this.#nextNumber++ };
  }

  #fireReady(): void {
    if (!this.#page) return;
    const boxes: ReviewedBox[] = this.entries.map((e) => ({ x: e.x, y: e.y, width: e.width, height: e.height, kind: e.kind, source: e.source, active: e.active }));
    this.emit('dh-redaction-ready', { width: this.#page.width, height: this.#page.height, boxes });
  }

  // -- changing boxes ----------------------------------------------------------------------------

  /** Every change to the boxes: the review starts over, and listeners hear of it. */
  #change(entries: readonly Entry[], announcement: string): void {
    this.entries = entries;
    if (this.reviewed) {
      this.reviewed = false;
      announcement = `${announcement} ${this.t('ui.share.scan.announce.changed')}`;
    }
    this.outcome = undefined;
    this.#announce(announcement);
    this.#fireReady();
  }

  #toggle(n: number): void {
    const entry = this.entries.find((e) => e.n === n);
    if (!entry) return;
    this.selected = n;
    this.#change(this.entries.map((e) => (e.n === n ? { ...e, active: !e.active } : e)),
      this.t(entry.active ? 'ui.share.scan.announce.shown' : 'ui.share.scan.announce.covered', { n }));
  }

  #add(rect: { x: number; y: number; width: number; height: number }): number {
    const entry = this.#entry({ ...rect, kind: 'manual', source: 'manual' });
    this.selected = entry.n;
    this.#change([...this.entries, entry], this.t('ui.share.scan.announce.added', { n: entry.n }));
    return entry.n;
  }

  /** A new box in the middle of what the view shows, focused in the list, for the keyboard. */
  #addByKeyboard = async (): Promise<void> => {
    const page = this.#page;
    const view = this.viewport;
    const canvas = this.canvas;
    if (!page || !view || !canvas) return;
    const scale = page.width / canvas.clientWidth;
    const width = Math.round(page.width * 0.2);
    const height = Math.round(page.height * 0.03);
    const cx = (view.scrollLeft + view.clientWidth / 2) * scale;
    const cy = (view.scrollTop + view.clientHeight / 2) * scale;
    const n = this.#add(this.#clamp(page, { x: Math.round(cx - width / 2), y: Math.round(cy - height / 2), width, height }));
    await this.updateComplete;
    this.renderRoot.querySelector<HTMLElement>(`.boxes button[data-n="${String(n)}"]`)?.focus();
  };

  /** `r` kept inside the page, and no smaller than a box drawn on purpose. */
  #clamp(page: HTMLCanvasElement, r: { x: number; y: number; width: number; height: number }): { x: number; y: number; width: number; height: number } {
    const width = Math.max(MIN_DRAWN, Math.min(r.width, page.width));
    const height = Math.max(MIN_DRAWN, Math.min(r.height, page.height));
    return { x: Math.max(0, Math.min(r.x, page.width - width)), y: Math.max(0, Math.min(r.y, page.height - height)), width, height };
  }

  /** Arrow keys move the box, Shift + arrow keys resize it, Delete removes one of the nurse's own. */
  #boxKey = (event: KeyboardEvent): void => {
    const n = Number((event.currentTarget as HTMLElement).dataset.n);
    const entry = this.entries.find((e) => e.n === n);
    const page = this.#page;
    if (!entry || !page) return;
    if ((event.key === 'Delete' || event.key === 'Backspace') && entry.source === 'manual') {
      event.preventDefault();
      const index = this.entries.indexOf(entry);
      this.selected = undefined;
      this.#change(this.entries.filter((e) => e !== entry), this.t('ui.share.scan.announce.removed', { n }));
      // Focus goes to the neighbour, or to "Lägg till ruta" when the list is empty.
      void this.updateComplete.then(() => {
        const buttons = [...this.renderRoot.querySelectorAll<HTMLElement>('.boxes button')];
        (buttons[Math.min(index, buttons.length - 1)] ?? this.renderRoot.querySelector<HTMLElement>('button.add'))?.focus();
      });
      return;
    }
    const dx = { ArrowLeft: -1, ArrowRight: 1 }[event.key] ?? 0;
    const dy = { ArrowUp: -1, ArrowDown: 1 }[event.key] ?? 0;
    if (dx === 0 && dy === 0) return;
    event.preventDefault();
    const step = Math.max(2, Math.round(page.width / 250));
    const moved = event.shiftKey
      ? { x: entry.x, y: entry.y, width: entry.width + dx * step, height: entry.height + dy * step }
      : { x: entry.x + dx * step, y: entry.y + dy * step, width: entry.width, height: entry.height };
    const rect = this.#clamp(page, moved);
    this.selected = n;
    this.#change(this.entries.map((e) => (e === entry ? { ...e, ...rect } : e)), '');
  };

  // -- drawing by pointer ------------------------------------------------------------------------

  /** Where a pointer event on the page canvas is, in page pixels (inside the page). */
  #pagePoint(event: PointerEvent): { x: number; y: number } {
    const canvas = event.currentTarget as HTMLCanvasElement;
    const rect = canvas.getBoundingClientRect();
    const x = ((event.clientX - rect.left) * canvas.width) / rect.width;
    const y = ((event.clientY - rect.top) * canvas.height) / rect.height;
    return { x: Math.max(0, Math.min(canvas.width, x)), y: Math.max(0, Math.min(canvas.height, y)) };
  }

  #pointerDown = (event: PointerEvent): void => {
    if (!event.isPrimary || event.button !== 0 || !this.#page) return;
    event.preventDefault();
    const { x, y } = this.#pagePoint(event);
    this.#drawing = { x0: x, y0: y, x1: x, y1: y, pointer: event.pointerId };
    (event.currentTarget as HTMLCanvasElement).setPointerCapture(event.pointerId);
  };

  #pointerMove = (event: PointerEvent): void => {
    if (event.pointerId !== this.#drawing?.pointer) return;
    const { x, y } = this.#pagePoint(event);
    this.#drawing = { ...this.#drawing, x1: x, y1: y };
    this.#draw();
  };

  #pointerUp = (event: PointerEvent): void => {
    const drawing = this.#drawing;
    if (event.pointerId !== drawing?.pointer) return;
    this.#drawing = undefined;
    const { x, y } = event.type === 'pointercancel' ? { x: drawing.x0, y: drawing.y0 } : this.#pagePoint(event);
    const rect = { x: Math.min(drawing.x0, x), y: Math.min(drawing.y0, y), width: Math.abs(x - drawing.x0), height: Math.abs(y - drawing.y0) };
    if (rect.width < MIN_DRAWN || rect.height < MIN_DRAWN) {
      this.#draw();
      return;
    }
    this.#add({ x: Math.floor(rect.x), y: Math.floor(rect.y), width: Math.ceil(rect.width), height: Math.ceil(rect.height) });
  };

  // -- review and share --------------------------------------------------------------------------

  #setReviewed = (event: Event): void => {
    this.reviewed = (event.target as HTMLInputElement).checked;
    this.outcome = undefined;
  };

  #share = (): void => {
    if (!this.reviewed || !this.#page) return;
    if (!this.emit('dh-before-share', { kind: 'document' }, { cancelable: true })) {
      this.outcome = 'vetoed';
      return;
    }
    const canvas = this.redactedCanvas();
    if (!canvas) return;
    this.emit('dh-share-start', { canvas });
    this.outcome = 'started';
  };

  #zoomBy(step: number): void {
    this.zoom = Math.max(0, Math.min(ZOOMS.length - 1, this.zoom + step));
  }

  #announce(text: string): void {
    // The same words twice in a row are still read out: clear first.
    this.announcement = '';
    void this.updateComplete.then(() => {
      this.announcement = text;
    });
  }

  // -- view --------------------------------------------------------------------------------------

  protected override updated(changed: PropertyValues): void {
    // The zoom through the CSSOM: a style attribute would break a page's CSP (style-src without 'unsafe-inline').
    if (this.canvas) this.canvas.style.width = `${String((ZOOMS[this.zoom] ?? 1) * 100)}%`;
    if (this.phase === 'review') this.#draw();
    if (changed.has('selected') && this.selected !== undefined) this.#reveal(this.selected);
  }

  /** The page, every covering box opaque, uncovered ones dashed, the selected one ringed. */
  #draw(): void {
    const canvas = this.canvas;
    const page = this.#page;
    if (!canvas || !page) return;
    if (canvas.width !== page.width || canvas.height !== page.height) {
      canvas.width = page.width;
      canvas.height = page.height;
    }
    const context = canvas.getContext('2d');
    if (!context) return;
    context.drawImage(page, 0, 0);
    cover(context, this.entries.filter((e) => e.active), page.width, page.height);
    const line = Math.max(2, Math.round(page.width / 400));
    context.lineWidth = line;
    for (const entry of this.entries) {
      if (entry.active && entry.n !== this.selected) continue;
      context.setLineDash(entry.active ? [] : [line * 4, line * 3]);
      context.strokeStyle = entry.n === this.selected ? '#f2a900' : '#b00020';
      context.strokeRect(entry.x - line, entry.y - line, entry.width + 2 * line, entry.height + 2 * line);
    }
    const drawing = this.#drawing;
    if (drawing) {
      context.setLineDash([line * 2, line * 2]);
      context.strokeStyle = COVER;
      context.strokeRect(Math.min(drawing.x0, drawing.x1), Math.min(drawing.y0, drawing.y1), Math.abs(drawing.x1 - drawing.x0), Math.abs(drawing.y1 - drawing.y0));
    }
    context.setLineDash([]);
  }

  /** Scrolls the view so that box `n` is in sight. */
  #reveal(n: number): void {
    const entry = this.entries.find((e) => e.n === n);
    const view = this.viewport;
    const canvas = this.canvas;
    if (!entry || !view || !canvas || !this.#page) return;
    const scale = canvas.clientWidth / this.#page.width;
    const left = entry.x * scale;
    const top = entry.y * scale;
    if (left < view.scrollLeft || left + entry.width * scale > view.scrollLeft + view.clientWidth) view.scrollLeft = left - view.clientWidth / 4;
    if (top < view.scrollTop || top + entry.height * scale > view.scrollTop + view.clientHeight) view.scrollTop = top - view.clientHeight / 3;
  }

  #errorText(error: ReadError): string {
    const params: Params = 'limit' in error && error.limit !== undefined ? { limit: error.limit } : {};
    return `${this.t(`ui.share.scan.error.${error.code}` as MessageKey, params)} ${this.t('ui.share.scan.nothingShared')}`;
  }

  #progressText(): { label: string; percent: number } {
    const p = this.progress;
    const label = p.stage === 'opening' ? 'ui.share.scan.opening' : p.stage === 'starting' ? 'ui.share.scan.starting' : 'ui.share.scan.reading';
    return { label: this.t(label), percent: Math.round(p.progress * 100) };
  }

  protected override render(): TemplateResult {
    const described = ['scan-hint', this.error ? 'scan-error' : ''].filter(Boolean).join(' ');
    return html`
      <h2>${this.t('ui.share.scan.title')}</h2>
      <div class="field">
        <label for="scan">${this.t('ui.share.scan.file')}</label>
        <input id="scan" name="scan" type="file" accept="image/png,image/jpeg,application/pdf,.png,.jpg,.jpeg,.pdf"
          aria-describedby=${described} aria-invalid=${this.error ? 'true' : 'false'} @change=${this.#pick}>
        <p id="scan-hint" class="hint">${this.t('ui.share.scan.fileHint')}</p>
        ${this.error ? html`<p id="scan-error" class="error" role="alert">${this.#errorText(this.error)}</p>` : nothing}
      </div>
      ${this.phase === 'reading' ? this.#renderProgress() : nothing}
      ${this.phase === 'review' ? this.#renderReview() : nothing}
      <p class="visually-hidden" role="status">${this.announcement}</p>`;
  }

  #renderProgress(): TemplateResult {
    const { label, percent } = this.#progressText();
    return html`
      <div class="reading">
        <span id="progress-label">${this.t('ui.share.scan.progress')}</span>
        <progress aria-labelledby="progress-label" aria-describedby="progress-stage" max="100" .value=${percent}></progress>
        <span id="progress-stage">${label} ${percent} %</span>
      </div>`;
  }

  #renderReview(): TemplateResult {
    const zoom = ZOOMS[this.zoom] ?? 1;
    const covering = this.entries.filter((e) => e.active).length;
    return html`
      <section class="review" aria-labelledby="review-summary">
        <p id="review-summary" class="status">${this.entries.length > 0 ? this.t('ui.share.scan.ready', { n: covering }) : this.t('ui.share.scan.noneFound')}</p>
        <div class="toolbar">
          <button part="button" type="button" class="zoom-out" ?disabled=${this.zoom === 0} @click=${() => { this.#zoomBy(-1); }}>${this.t('ui.share.scan.zoomOut')}</button>
          <span class="zoom-level" aria-live="polite">${this.t('ui.share.scan.zoom', { percent: Math.round(zoom * 100) })}</span>
          <button part="button" type="button" class="zoom-in" ?disabled=${this.zoom === ZOOMS.length - 1} @click=${() => { this.#zoomBy(1); }}>${this.t('ui.share.scan.zoomIn')}</button>
          <button part="button" type="button" class="add" @click=${this.#addByKeyboard}>${this.t('ui.share.scan.add')}</button>
        </div>
        <div class="viewport" tabindex="0" role="region" aria-label=${this.t('ui.share.scan.page')} aria-describedby="page-hint">
          <canvas part="page" class="page" role="img" aria-label=${this.t('ui.share.scan.page')}
            @pointerdown=${this.#pointerDown} @pointermove=${this.#pointerMove} @pointerup=${this.#pointerUp} @pointercancel=${this.#pointerUp}></canvas>
        </div>
        <p id="page-hint" class="hint">${this.t('ui.share.scan.pageHint')}</p>
        <h3 id="boxes-title">${this.t('ui.share.scan.boxes')}</h3>
        <p id="boxes-hint" class="hint">${this.t('ui.share.scan.boxesHint')}</p>
        <ul class="boxes" aria-labelledby="boxes-title">
          ${this.entries.map((e) => html`
            <li>
              <button part="button" type="button" data-n=${e.n} class=${e.n === this.selected ? 'selected' : ''} aria-pressed=${e.active ? 'true' : 'false'}
                aria-describedby="boxes-hint" @click=${() => { this.#toggle(e.n); }} @keydown=${this.#boxKey}
                @focus=${() => { this.selected = e.n; }}>${this.t('ui.share.scan.box', { n: e.n, kind: this.t(`ui.share.scan.box.${e.kind}` as MessageKey) })}<span
                class="box-state" aria-hidden="true">(${this.t(e.active ? 'ui.share.scan.box.covered' : 'ui.share.scan.box.shown')})</span></button>
            </li>`)}
        </ul>
        <div class="check">
          <input id="reviewed" name="reviewed" type="checkbox" .checked=${this.reviewed} @change=${this.#setReviewed}>
          <label for="reviewed">${this.t('ui.share.scan.reviewed')}</label>
        </div>
        <div class="actions">
          <button part="button" type="button" class="primary share" ?disabled=${!this.reviewed} aria-describedby="share-hint" @click=${this.#share}>${this.t('ui.share.scan.share')}</button>
        </div>
        <p id="share-hint" class="hint">${this.outcome === 'started' ? this.t('ui.share.scan.started') : this.outcome === 'vetoed' ? this.t('ui.share.vetoed') : this.reviewed ? '' : this.t('ui.share.scan.shareHint')}</p>
      </section>`;
  }
}
