import { html, nothing, type PropertyValues, type TemplateResult } from 'lit';
import { property, state } from 'lit/decorators.js';
import { live } from 'lit/directives/live.js';
import {
  DEFAULT_INTERPRETER_LANGUAGES, canStartVisit, ehrNote, formatMobile, languageName, visitDateText,
  type Booking, type InviteDraft, type InviteErrors, type InviteField, type MessageKey, type Params,
} from '../../core/index.js';
import { StaleBookingError, type OutboxEntry } from '../../store/index.js';
import { draftOf, type SmsOutcome, type VisitService } from '../../visits/visit-service.js';
import { baseStyles } from '../shared/base.styles.js';
import { download } from '../shared/download.js';
import '../shared/nurse-texts.js';
import { DhElement } from '../shared/dh-element.js';
import { errorText, inviteErrorText, smsErrorText } from '../shared/error-text.js';
import { getServices } from '../shared/services.js';
import { bookingStyles } from './booking.styles.js';

type Mode = 'view' | 'edit' | 'confirm-cancel' | 'note';
const EDIT_FIELDS: readonly InviteField[] = ['date', 'time', 'duration', 'reason', 'interpreterLanguage', 'interpreterMobile', 'interpreterEmail'];

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
 *
 * @cssproperty --dh-color-primary - Buttons and headings.
 * @cssproperty --dh-color-error - Errors and the "cancelled" mark.
 * @cssproperty --dh-color-surface - Background.
 * @cssproperty --dh-focus-ring - Focus outline colour.
 */
export class DhBooking extends DhElement {
  static override styles = [baseStyles, bookingStyles];

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
  /** The interpreter typed a wrong code too many times: "Skicka ny kod" is offered up front. */
  @state() private accessor codeLocked = false;
  @state() private accessor draft: Partial<InviteDraft> = {};
  @state() private accessor errors: InviteErrors = {};
  @state() private accessor stale = false;
  @state() private accessor busy = false;
  @state() private accessor message: { text: string; kind: 'good' | 'bad' } | undefined;
  @state() private accessor unsent: OutboxEntry[] = [];
  /** Why the booking could not be read (the store cannot be opened: another tab has a newer page, say). */
  @state() private accessor failure: unknown;

  #services: VisitService | undefined;
  #focus: string | undefined;
  readonly #t = (key: MessageKey, params?: Params): string => this.t(key, params);

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
      await this.#load();
    } catch (error) {
      this.failure = error;
    }
  }

  async #load(): Promise<void> {
    this.#services ??= await getServices();
    const booking = this.bookingId ? await this.#services.store.bookings.get(this.bookingId) : undefined;
    this.booking = booking;
    this.missing = !booking;
    this.mode = 'view';
    this.stale = false;
    this.errors = {};
    this.menuOpen = false;
    this.unsent = booking ? await this.#services.unsent(booking.id) : [];
    this.codeLocked = booking?.interpreter ? await this.#services.store.interpreterCodes.locked(booking.id) : false;
  }

  #report(sms: readonly SmsOutcome[], ok: MessageKey): void {
    const failed = sms.flatMap((s) => (s.result.status === 'sent' ? [] : [s.result.error]));
    const rejected = failed.find((e) => e.code === 'rejected');
    this.message = failed.length === 0 ? { text: this.t(ok), kind: 'good' }
      : rejected ? { text: this.t('ui.sent.rejected', { reason: rejected.reason }), kind: 'bad' }
      : { text: `${this.t('ui.sent.failed')} ${this.t('relay.queued')}`, kind: 'bad' };
  }

  /** Each unsent SMS's recipient and why it is unsent, worded now: the outbox keeps codes, not text. */
  #unsentReasons(): string[] {
    const lines = this.unsent.flatMap((e) => (e.lastError ? [`${formatMobile(e.to)}: ${smsErrorText(e.lastError, this.#t)}`] : []));
    return [...new Set(lines)];
  }

  async #run(action: () => Promise<void>): Promise<void> {
    this.busy = true;
    this.message = undefined;
    try {
      await action();
    } catch (error) {
      if (error instanceof StaleBookingError) {
        this.stale = true;
        this.#focus = '.status.bad';
      } else {
        this.message = { text: errorText(error, this.#t), kind: 'bad' };
      }
    } finally {
      this.busy = false;
      if (this.booking) this.unsent = (await this.#services?.unsent(this.booking.id)) ?? [];
    }
  }

  #start = (): void => {
    if (this.booking && canStartVisit(this.booking, this.now())) this.emit('dh-start-visit', { bookingId: this.booking.id });
  };

  #edit = (): void => {
    if (!this.booking) return;
    this.draft = draftOf(this.booking);
    this.errors = {};
    this.mode = 'edit';
    this.menuOpen = false;
    this.#focus = '[name="date"]';
  };

  #save = async (e: Event): Promise<void> => {
    e.preventDefault();
    const booking = this.booking;
    const services = this.#services;
    if (!booking || !services) return;
    await this.#run(async () => {
      const result = await services.edit(booking, this.draft, this.now());
      if (!result.ok) {
        this.errors = result.errors;
        this.#focus = '[aria-invalid="true"]';
        return;
      }
      this.booking = result.booking;
      this.mode = 'view';
      if (result.sms.length > 0) this.#report(result.sms, 'ui.booking.saved');
      else this.message = { text: this.t('ui.booking.savedNoSms'), kind: 'good' };
      this.emit('dh-booking-change', { bookingId: booking.id, change: 'edited' });
    });
  };

  #cancel = async (): Promise<void> => {
    const booking = this.booking;
    const services = this.#services;
    if (!booking || !services) return;
    await this.#run(async () => {
      const result = await services.cancel(booking);
      this.booking = result.booking;
      this.mode = 'view';
      this.#report(result.sms, 'ui.booking.cancelled');
      this.emit('dh-booking-change', { bookingId: booking.id, change: 'cancelled' });
    });
  };

  #resend = async (): Promise<void> => {
    const booking = this.booking;
    const services = this.#services;
    if (!booking || !services) return;
    this.menuOpen = false;
    await this.#run(async () => {
      this.#report(await services.resend(booking), 'ui.booking.resent');
      this.emit('dh-booking-change', { bookingId: booking.id, change: 'resent' });
    });
  };

  #newCode = async (): Promise<void> => {
    const booking = this.booking;
    const services = this.#services;
    if (!booking || !services) return;
    this.menuOpen = false;
    await this.#run(async () => {
      const result = await services.newInterpreterCode(booking);
      this.booking = result.booking;
      this.codeLocked = false;
      this.#report(result.sms, 'ui.booking.newCodeSent');
      this.emit('dh-booking-change', { bookingId: booking.id, change: 'new-code' });
    });
  };

  #retryUnsent = async (): Promise<void> => {
    const services = this.#services;
    if (!services) return;
    await this.#run(async () => {
      for (const entry of this.unsent) await services.relay.retry(entry.id);
    });
  };

  #note = async (): Promise<void> => {
    this.menuOpen = false;
    this.mode = 'note';
    await this.updateComplete;
    const text = this.renderRoot.querySelector('textarea')?.value ?? '';
    try {
      await navigator.clipboard.writeText(text);
      this.message = { text: this.t('ui.booking.copied'), kind: 'good' };
    } catch {
      // No clipboard permission (an embedding page may deny it): the text is there to copy by hand.
      this.message = { text: this.t('ui.booking.copyFailed'), kind: 'bad' };
      this.#focus = 'textarea';
    }
  };

  #downloadIcs = async (): Promise<void> => {
    const booking = this.booking;
    if (!booking || !this.#services) return;
    this.menuOpen = false;
    // Loaded on demand: the time-zone data is large and most nurses never need it.
    const { bookingIcs } = await import('../../core/ics.js');
    const text = bookingIcs(booking, this.#services.clinic(booking.clinicId), this.now());
    download(this, new Blob([text], { type: 'text/calendar;charset=utf-8' }), `videobesok-${visitDateText(new Date(booking.start), 'sv').time.replace(':', '')}.ics`);
  };

  #onInput = (e: Event): void => {
    const t = e.target as HTMLInputElement | HTMLSelectElement;
    const value = t instanceof HTMLInputElement && t.type === 'checkbox' ? t.checked : t.value;
    this.draft = { ...this.draft, [t.name]: value };
    this.errors = Object.fromEntries(Object.entries(this.errors).filter(([k]) => k !== t.name));
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
    const clinic = this.#services?.clinic(b.clinicId).name ?? b.clinicId;
    const when = visitDateText(new Date(b.start), this.fullLocale);
    const end = visitDateText(new Date(Date.parse(b.start) + b.durationMinutes * 60_000), this.fullLocale).time;
    const startable = canStartVisit(b, this.now());
    const reasons = this.#unsentReasons();
    return html`
      <div class="head" @keydown=${this.#onKeydown}>
        <h2 id="heading" tabindex="-1">${this.t('ui.booking.details')}: ${b.participant.givenName} ${b.participant.familyName}</h2>
        ${cancelled ? nothing : html`
          <div class="tools">
            <button part="button" type="button" @click=${this.#edit} aria-label=${this.t('ui.booking.edit')} title=${this.t('ui.booking.edit')}>✎</button>
            <button part="button" id="more" type="button" aria-label=${this.t('ui.booking.more')} title=${this.t('ui.booking.more')}
              aria-expanded=${this.menuOpen ? 'true' : 'false'} aria-controls="menu"
              @click=${() => {
                this.menuOpen = !this.menuOpen;
                if (this.menuOpen) this.#focus = '#menu button';
              }}>⋯</button>
            ${this.menuOpen ? html`
              <ul id="menu" class="menu" part="menu">
                <li><button part="button" type="button" @click=${() => {
                  this.menuOpen = false;
                  this.mode = 'confirm-cancel';
                  this.#focus = '#cancel-no';
                }}>${this.t('ui.booking.cancel')}</button></li>
                <li><button part="button" type="button" @click=${this.#resend}>${this.t('ui.booking.resend')}</button></li>
                ${b.interpreter ? html`<li><button part="button" type="button" @click=${this.#newCode}>${this.t('ui.booking.newCode')}</button></li>` : nothing}
                <li><button part="button" type="button" @click=${this.#note}>${this.t('ui.booking.note')}</button></li>
                <li><button part="button" type="button" @click=${this.#downloadIcs}>${this.t('ui.booking.ics')}</button></li>
              </ul>` : nothing}
          </div>`}
      </div>
      ${cancelled ? html`<p class="cancelled">${this.t('ui.calendar.cancelled')}</p>` : nothing}
      <dl>
        <dt>${this.t('ui.booking.when')}</dt><dd>${cancelled ? html`<s>${when.date} ${when.time}–${end}</s>` : html`${when.date} ${when.time}–${end}`}</dd>
        <dt>${this.t('ui.field.clinic')}</dt><dd>${clinic}</dd>
        <dt>${this.t('ui.field.personnummer')}</dt><dd>${b.participant.personnummer}</dd>
        <dt>${this.t('ui.field.mobile')}</dt><dd>${formatMobile(b.participant.mobile)}</dd>
        <dt>${this.t('ui.field.reason')}</dt><dd>${b.reason}</dd>
        <dt>${this.t('ui.step.interpreter')}</dt>
        <dd>${b.interpreter ? `${languageName(b.interpreter.language, this.locale)}, ${formatMobile(b.interpreter.mobile)}` : this.t('ui.summary.interpreterNone')}</dd>
      </dl>
      ${this.codeLocked && !cancelled ? html`
        <div class="status bad" role="alert"><p>${this.t('ui.booking.codeLocked')}</p>
          <button part="button" type="button" @click=${this.#newCode} ?disabled=${this.busy}>${this.t('ui.booking.newCode')}</button></div>` : nothing}
      ${this.unsent.length > 0 ? html`
        <div class="status bad" part="unsent">
          <p>${this.t('ui.booking.smsUnsent', { n: this.unsent.length })}</p>
          ${reasons.length > 0 ? html`<ul>${reasons.map((line) => html`<li>${line}</li>`)}</ul>` : nothing}
        </div>
        <button part="button" type="button" @click=${this.#retryUnsent} ?disabled=${this.busy}>${this.t('ui.sms.retry')}</button>` : nothing}
      ${this.stale ? html`
        <div class="status bad" role="alert" tabindex="-1">
          <p>${this.t('ui.booking.stale')}</p>
          <button part="button" type="button" @click=${() => void this.reload()}>${this.t('ui.booking.reload')}</button>
        </div>` : nothing}
      ${this.message ? html`<p class="status ${this.message.kind}" role="status">${this.message.text}</p>` : nothing}
      ${this.#renderMode(b)}
      ${cancelled || this.noStart || this.mode !== 'view' ? nothing : html`
        <div class="actions">
          <button part="button start" class="primary" type="button" ?disabled=${!startable} aria-describedby="start-hint" @click=${this.#start}>
            ${this.t('ui.booking.start')}
          </button>
        </div>
        <p id="start-hint" class="hint">${this.t('ui.booking.startHint')}</p>`}
    `;
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
              <button part="button" class="primary" type="button" ?disabled=${this.busy} @click=${this.#cancel}>${this.t('ui.booking.cancel.yes')}</button>
              <button part="button" id="cancel-no" type="button" @click=${() => (this.mode = 'view')}>${this.t('ui.booking.cancel.no')}</button>
            </div>
          </div>`;
      case 'edit':
        return html`
          <form novalidate @submit=${this.#save}>
            <div class="row">
              ${this.#field('date', { hint: 'ui.field.date.hint' })} ${this.#field('time', { hint: 'ui.field.time.hint' })}
              ${this.#field('duration', { type: 'number' })}
            </div>
            ${this.#field('reason')}
            <div class="check">
              <input id="interpreter" name="interpreter" type="checkbox" .checked=${live(Boolean(this.draft.interpreter))} @change=${this.#onInput} />
              <label for="interpreter">${this.t('ui.field.interpreter')}</label>
            </div>
            ${this.draft.interpreter ? html`
              <div class="field">
                <label for="interpreterLanguage">${this.t('ui.field.interpreterLanguage')}</label>
                <select id="interpreterLanguage" name="interpreterLanguage" @change=${this.#onInput}
                  aria-invalid=${this.errors.interpreterLanguage ? 'true' : 'false'}
                  aria-describedby=${this.errors.interpreterLanguage ? 'interpreterLanguage-error' : nothing}>
                  <option value="">${this.t('ui.choose')}</option>
                  ${(this.#services?.config.interpreterLanguages ?? DEFAULT_INTERPRETER_LANGUAGES).map((code) => html`
                    <option value=${code} ?selected=${code === this.draft.interpreterLanguage}>${languageName(code, this.locale)}</option>`)}
                </select>
                ${this.#error('interpreterLanguage')}
              </div>
              ${this.#field('interpreterMobile', { type: 'tel' })} ${this.#field('interpreterEmail', { type: 'email' })}` : nothing}
            ${this.#otherErrors()}
            <div class="actions">
              <button part="button" class="primary" type="submit" ?disabled=${this.busy}>${this.t('ui.booking.save')}</button>
              <button part="button" type="button" @click=${() => (this.mode = 'view')}>${this.t('ui.booking.cancel.no')}</button>
            </div>
          </form>`;
    }
  }

  #field(name: InviteField, opts: { type?: string; hint?: MessageKey } = {}): TemplateResult {
    const error = this.errors[name];
    const described = [opts.hint ? `${name}-hint` : '', error ? `${name}-error` : ''].filter(Boolean).join(' ');
    return html`
      <div class="field">
        <label for=${name}>${this.t(`ui.field.${name}`)}</label>
        ${opts.hint ? html`<p id="${name}-hint" class="hint">${this.t(opts.hint)}</p>` : nothing}
        <input id=${name} name=${name} type=${opts.type ?? 'text'} autocomplete="off" .value=${live(String(this.draft[name] ?? ''))}
          aria-invalid=${error ? 'true' : 'false'} aria-describedby=${described || nothing} @input=${this.#onInput} />
        ${this.#error(name)}
      </div>`;
  }

  #error(name: InviteField): TemplateResult | typeof nothing {
    const error = this.errors[name];
    return error ? html`<p id="${name}-error" class="error">${inviteErrorText(name, error, this.#t)}</p>` : nothing;
  }

  /** Errors on fields this form does not show (a clinic removed from the configuration, say). */
  #otherErrors(): TemplateResult | typeof nothing {
    const other = (Object.keys(this.errors) as InviteField[]).filter((k) => !EDIT_FIELDS.includes(k));
    const texts = other.map((field) => {
      const error = this.errors[field];
      return error ? inviteErrorText(field, error, this.#t) : '';
    });
    return other.length > 0 ? html`<p class="status bad" role="alert">${texts.join(' ')}</p>` : nothing;
  }
}
