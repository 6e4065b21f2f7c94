import { html, nothing, type PropertyValues, type TemplateResult } from 'lit';
import { property, state } from 'lit/decorators.js';
import { canStartVisit, ehrNote, formatMobile, languageName, visitDateText, type Booking, type MessageKey, type Params } from '../../core/index.js';
import type { VisitService } from '../../visits/visit-service.js';
import { baseStyles } from '../shared/base.styles.js';
import '../shared/nurse-texts.js';
import { DhElement } from '../shared/dh-element.js';
import { errorText } from '../shared/error-text.js';
import { getServices } from '../shared/services.js';
import { BookingActionsController } from './booking-actions.controller.js';
import { BookingEditController } from './booking-edit.controller.js';
import { copyNote, downloadIcs } from './booking-export.js';
import { bookingStyles } from './booking.styles.js';

type Mode = 'view' | 'edit' | 'confirm-cancel' | 'note';

/**
 * @tagname dh-booking
 * @summary One booking: its details, "Starta besök", the pen (edit) and ⋯ (cancel, resend, a new code
 * for the interpreter, EHR note, .ics).
 *
 * @fires dh-start-visit - The nurse starts the visit (possible from 15 minutes before until the end); `detail.bookingId`.
 * @fires dh-booking-change - The booking was edited, cancelled or its invitation resent; `detail.change`.
 *
 * @csspart button - Every button.
 * @csspart start - The "Starta besök" button.
 * @csspart menu - The list of further actions.
 * @csspart unsent - Text messages not sent yet: how many, to whom and why.
 * @csspart field - Each labelled field of the edit form.
 * @csspart error - A field's error message.
 *
 * @cssproperty --dh-color-primary - Buttons and headings.
 * @cssproperty --dh-color-error - Errors and the "cancelled" mark.
 * @cssproperty --dh-color-surface - Background.
 * @cssproperty --dh-focus-ring - Focus outline colour.
 */
export class DhBooking extends DhElement {
  static override styles = [baseStyles, bookingStyles];

  readonly #t = (key: MessageKey, params?: Params): string => this.t(key, params);
  readonly #actions = new BookingActionsController(this, {
    t: this.#t,
    changed: (booking) => {
      this.booking = booking;
      this.mode = 'view';
    },
    focus: (selector) => {
      this.#focus = selector;
    },
  });
  readonly #edit = new BookingEditController(this, this.#actions, {
    t: this.#t,
    locale: () => this.fullLocale,
    now: () => this.now(),
    booking: () => this.booking,
    clinic: () => (this.booking ? this.#services?.clinic(this.booking.clinicId) : undefined),
    interpreterLanguages: () => this.#services?.config.interpreterLanguages,
    done: (saved) => {
      if (saved) this.booking = saved;
      this.mode = 'view';
    },
    focus: (selector) => {
      this.#focus = selector;
    },
  });

  /** The booking to show. */
  @property({ attribute: 'booking-id' }) accessor bookingId = '';
  /** Injectable clock for tests. */
  @property({ attribute: false }) accessor now: () => Date = () => new Date();
  /** Hides "Starta besök" (inside the lobby, which has its own). */
  @property({ type: Boolean, attribute: 'no-start' }) accessor noStart = false;

  @state() private accessor booking: Booking | undefined;
  @state() private accessor missing = false;
  @state() private accessor mode: Mode = 'view';
  @state() private accessor menuOpen = false;
  /** Why the booking could not be read (the store cannot be opened: another tab has a newer page, say). */
  @state() private accessor failure: unknown;

  #services: VisitService | undefined;
  #focus: string | undefined;

  protected override willUpdate(changed: PropertyValues<this>): void {
    if (changed.has('bookingId')) void this.reload();
  }

  protected override updated(): void {
    if (this.#focus) {
      this.renderRoot.querySelector<HTMLElement>(this.#focus)?.focus();
      this.#focus = undefined;
    }
  }

  /** Reads the booking again (after a stale-edit refusal, or when shown anew). */
  async reload(): Promise<void> {
    try {
      this.failure = undefined;
      this.#services ??= await getServices();
      const booking = this.bookingId ? await this.#services.store.bookings.get(this.bookingId) : undefined;
      this.booking = booking;
      this.missing = !booking;
      this.mode = 'view';
      this.menuOpen = false;
      await this.#actions.read(booking);
    } catch (error) {
      this.failure = error;
    }
  }

  #start = (): void => {
    if (this.booking && canStartVisit(this.booking, this.now())) this.emit('dh-start-visit', { bookingId: this.booking.id });
  };

  #beginEdit = (): void => {
    if (!this.booking) return;
    this.#edit.begin(this.booking);
    this.mode = 'edit';
    this.menuOpen = false;
    this.#focus = '[name="date"]';
  };

  /** A menu item: closes the menu, then acts on the booking shown. */
  #item(label: MessageKey, action: (b: Booking) => unknown): TemplateResult {
    return html`<li><button part="button" type="button" @click=${() => {
      this.menuOpen = false;
      if (this.booking) void action(this.booking);
    }}>${this.t(label)}</button></li>`;
  }

  #note = async (): Promise<void> => {
    this.mode = 'note';
    await this.updateComplete;
    if (await copyNote(this.renderRoot.querySelector('textarea')?.value ?? '')) {
      this.#actions.message = { text: this.t('ui.booking.copied'), kind: 'good' };
    } else {
      // The text is there to copy by hand.
      this.#actions.message = { text: this.t('ui.booking.copyFailed'), kind: 'bad' };
      this.#focus = 'textarea';
    }
    this.requestUpdate();
  };

  #onKeydown = (e: KeyboardEvent): void => {
    if (e.key === 'Escape' && this.menuOpen) {
      e.stopPropagation();
      e.preventDefault();
      this.menuOpen = false;
      this.#focus = '#more';
    }
  };

  protected override render(): TemplateResult {
    if (this.failure !== undefined) return html`<p class="status bad" role="alert">${errorText(this.failure, this.#t)}</p>`;
    if (this.missing) return html`<p class="status bad" role="alert">${this.t('store.missing')}</p>`;
    const b = this.booking;
    if (!b) return html`<p role="status">${this.t('ui.calendar.loading')}</p>`;
    const cancelled = b.status === 'cancelled';
    const actions = this.#actions;
    return html`
      <div class="head" @keydown=${this.#onKeydown}>
        <h2 id="heading" tabindex="-1">${this.t('ui.booking.details')}: ${b.participant.givenName} ${b.participant.familyName}</h2>
        ${cancelled ? nothing : html`
          <div class="tools">
            <button part="button" type="button" @click=${this.#beginEdit} aria-label=${this.t('ui.booking.edit')} title=${this.t('ui.booking.edit')}>✎</button>
            <button part="button" id="more" type="button" aria-label=${this.t('ui.booking.more')} title=${this.t('ui.booking.more')}
              aria-expanded=${this.menuOpen ? 'true' : 'false'} aria-controls="menu"
              @click=${() => {
                this.menuOpen = !this.menuOpen;
                if (this.menuOpen) this.#focus = '#menu button';
              }}>⋯</button>
            ${this.menuOpen ? html`
              <ul id="menu" class="menu" part="menu">
                ${this.#item('ui.booking.cancel', () => {
                  this.mode = 'confirm-cancel';
                  this.#focus = '#cancel-no';
                })}
                ${this.#item('ui.booking.resend', (booking) => actions.resend(booking))}
                ${b.interpreter ? this.#item('ui.booking.newCode', (booking) => actions.newCode(booking)) : nothing}
                ${this.#item('ui.booking.note', this.#note)}
                ${this.#item('ui.booking.ics', (booking) => this.#services && downloadIcs(this, booking, this.#services.clinic(booking.clinicId), this.now()))}
              </ul>` : nothing}
          </div>`}
      </div>
      ${cancelled ? html`<p class="cancelled">${this.t('ui.calendar.cancelled')}</p>` : nothing}
      ${this.#renderDetails(b)}
      ${actions.codeLocked && !cancelled ? html`
        <div class="status bad" role="alert"><p>${this.t('ui.booking.codeLocked')}</p>
          <button part="button" type="button" @click=${() => actions.newCode(b)} ?disabled=${actions.busy}>${this.t('ui.booking.newCode')}</button></div>` : nothing}
      ${this.#renderUnsent(b)}
      ${actions.stale ? html`
        <div class="status bad" role="alert" tabindex="-1">
          <p>${this.t('ui.booking.stale')}</p>
          <button part="button" type="button" @click=${() => void this.reload()}>${this.t('ui.booking.reload')}</button>
        </div>` : nothing}
      ${actions.message ? html`<p class="status ${actions.message.kind}" role="status">${actions.message.text}</p>` : nothing}
      ${this.#renderMode(b)}
      ${cancelled || this.noStart || this.mode !== 'view' ? nothing : html`
        <div class="actions">
          <button part="button start" class="primary" type="button" ?disabled=${!canStartVisit(b, this.now())} aria-describedby="start-hint" @click=${this.#start}>
            ${this.t('ui.booking.start')}
          </button>
        </div>
        <p id="start-hint" class="hint">${this.t('ui.booking.startHint')}</p>`}
    `;
  }

  #renderDetails(b: Booking): TemplateResult {
    const when = visitDateText(new Date(b.start), this.fullLocale);
    const end = visitDateText(new Date(Date.parse(b.start) + b.durationMinutes * 60_000), this.fullLocale).time;
    const whenText = `${when.date} ${when.time}–${end}`;
    return html`
      <dl>
        <dt>${this.t('ui.booking.when')}</dt><dd>${b.status === 'cancelled' ? html`<s>${whenText}</s>` : whenText}</dd>
        <dt>${this.t('ui.field.clinic')}</dt><dd>${this.#services?.clinic(b.clinicId).name ?? b.clinicId}</dd>
        <dt>${this.t('ui.field.personnummer')}</dt><dd>${b.participant.personnummer}</dd>
        <dt>${this.t('ui.field.mobile')}</dt><dd>${formatMobile(b.participant.mobile)}</dd>
        <dt>${this.t('ui.field.reason')}</dt><dd>${b.reason}</dd>
        <dt>${this.t('ui.step.interpreter')}</dt>
        <dd>${b.interpreter ? `${languageName(b.interpreter.language, this.locale)}, ${formatMobile(b.interpreter.mobile)}` : this.t('ui.summary.interpreterNone')}</dd>
      </dl>`;
  }

  #renderUnsent(b: Booking): TemplateResult | typeof nothing {
    const actions = this.#actions;
    if (actions.unsent.length === 0) return nothing;
    const reasons = actions.unsentReasons();
    return html`
      <div class="status bad" part="unsent">
        <p>${this.t('ui.booking.smsUnsent', { n: actions.unsent.length })}</p>
        ${reasons.length > 0 ? html`<ul>${reasons.map((line) => html`<li>${line}</li>`)}</ul>` : nothing}
      </div>
      <button part="button" type="button" @click=${() => actions.retryUnsent(b)} ?disabled=${actions.busy}>${this.t('ui.sms.retry')}</button>`;
  }

  #renderMode(b: Booking): TemplateResult | typeof nothing {
    switch (this.mode) {
      case 'view':
        return nothing;
      case 'note':
        return html`
          <div class="field">
            <label for="note">${this.t('ui.booking.noteLabel')}</label>
            <textarea id="note" readonly .value=${ehrNote(b, this.#services?.clinic(b.clinicId) ?? { name: b.clinicId })}></textarea>
          </div>
          <button part="button" type="button" @click=${() => (this.mode = 'view')}>${this.t('ui.booking.close')}</button>`;
      case 'confirm-cancel':
        return html`
          <div class="status bad" role="alertdialog" aria-labelledby="cancel-question">
            <p id="cancel-question">${this.t('ui.booking.cancel.confirm')}</p>
            <div class="actions">
              <button part="button" class="primary" type="button" ?disabled=${this.#actions.busy} @click=${() => this.#actions.cancel(b)}>${this.t('ui.booking.cancel.yes')}</button>
              <button part="button" id="cancel-no" type="button" @click=${() => (this.mode = 'view')}>${this.t('ui.booking.cancel.no')}</button>
            </div>
          </div>`;
      case 'edit':
        return this.#edit.render();
    }
  }
}
