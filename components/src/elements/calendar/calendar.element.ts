import { format } from 'date-fns';
import { enGB, sv } from 'date-fns/locale';
import { html, nothing, type PropertyValues, type TemplateResult } from 'lit';
import { property, query, state } from 'lit/decorators.js';
import {
  CALENDAR_VIEWS, bookingEnd, bookingsByDay, calendarRange, clockText, isoDate, isoWeek, languageName, parseIsoDate,
  shiftAnchor, swedishClock, swedishDate, type Booking, type CalendarView, type DateParts,
} from '../../core/index.js';
import type { VisitService } from '../../visits/visit-service.js';
import '../booking/define.js';
import type { DhBooking } from '../booking/booking.element.js';
import { baseStyles } from '../shared/base.styles.js';
import { CurrentClinicController } from '../shared/current-clinic.controller.js';
import '../shared/nurse-texts.js';
import { DhElement } from '../shared/dh-element.js';
import { errorText } from '../shared/error-text.js';
import { getServices } from '../shared/services.js';
import { calendarStyles } from './calendar.styles.js';

const dateLocales = { sv, en: enGB } as const;
const asLocalDate = (d: DateParts): Date => new Date(d.year, d.month - 1, d.day, 12);

/**
 * @tagname dh-calendar
 * @summary The clinic's video visits by day, week (Monday first, ISO week numbers) or as a list.
 * Opening a visit shows it with its actions (`dh-booking`).
 *
 * @fires dh-start-visit - From an opened visit: the nurse starts it; `detail.bookingId`.
 * @fires dh-booking-change - From an opened visit: it was edited, cancelled or its invitation resent.
 *
 * @csspart header - Title, view switch and paging.
 * @csspart grid - The days.
 * @csspart day - One day.
 * @csspart booking - One visit's button.
 * @csspart dialog - The dialog that shows an opened visit.
 *
 * @cssproperty --dh-color-primary - Buttons, today's frame.
 * @cssproperty --dh-color-on-primary - Text on the active view button and the "today" mark.
 * @cssproperty --dh-color-surface - Background.
 * @cssproperty --dh-color-border - Borders.
 * @cssproperty --dh-focus-ring - Focus outline colour.
 * @cssproperty --dh-radius - Corner radius.
 * @cssproperty --dh-font-family - Font.
 */
export class DhCalendar extends DhElement {
  static override styles = [baseStyles, calendarStyles];

  /** Pins the calendar to this clinic (an id from the configuration); else it shows the nurse's current clinic. */
  @property({ reflect: true }) accessor clinic = '';
  /** 'day', 'week' or 'agenda'. */
  @property({ reflect: true }) accessor view: CalendarView = 'week';
  /** A day in the period shown, 'YYYY-MM-DD'; today when empty. */
  @property({ reflect: true }) accessor date = '';
  /** Injectable clock for tests. */
  @property({ attribute: false }) accessor now: () => Date = () => new Date();

  @state() private accessor bookings: readonly Booking[] = [];
  @state() private accessor loaded = false;
  @state() private accessor openId = '';
  /** Why the visits could not be read (the store cannot be opened: another tab has a newer page, say). */
  @state() private accessor failure: unknown;

  @query('dialog') private accessor dialog!: HTMLDialogElement;

  readonly #clinic = new CurrentClinicController(this, () => this.clinic);
  /** The clinic whose visits are listed: a change of the nurse's clinic lists the new one's. */
  #listed: string | undefined;
  #services: VisitService | undefined;
  #loadSeq = 0;
  #loading: Promise<void>;
  #loaded: () => void = () => undefined;
  #returnFocus: HTMLElement | undefined;
  readonly #onChanged = (): void => {
    this.#load().catch((error: unknown) => {
      this.failure = error;
    });
  };

  constructor() {
    super();
    this.#loading = new Promise((resolve) => (this.#loaded = resolve));
  }

  override connectedCallback(): void {
    super.connectedCallback();
    getServices().then((services) => {
      this.#services = services;
      services.addEventListener('bookings-changed', this.#onChanged);
      return this.#load();
    }).catch((error: unknown) => {
      this.failure = error;
    });
  }

  override disconnectedCallback(): void {
    super.disconnectedCallback();
    this.#services?.removeEventListener('bookings-changed', this.#onChanged);
  }

  protected override willUpdate(changed: PropertyValues<this>): void {
    const clinicChanged = this.#listed !== undefined && this.#listed !== this.#clinic.id;
    if ((clinicChanged || changed.has('view') || changed.has('date')) && this.#services) this.#onChanged();
  }

  /** Resolves when the bookings for the current period are loaded and rendered. */
  async whenLoaded(): Promise<void> {
    await this.#loading;
    await this.updateComplete;
  }

  get #anchor(): DateParts {
    return parseIsoDate(this.date) ?? swedishDate(this.now());
  }

  async #load(): Promise<void> {
    const services = this.#services;
    if (!services) return;
    const seq = ++this.#loadSeq;
    if (this.loaded) this.#loading = new Promise((resolve) => (this.#loaded = resolve));
    await this.#clinic.ready;
    const clinicId = this.#listed = this.#clinic.id;
    const { from, to } = calendarRange(this.view, this.#anchor);
    const list = await services.store.bookings.list({ clinicId, from, to });
    // A later navigation may have overtaken this read: keep only the newest.
    if (seq !== this.#loadSeq) return;
    this.bookings = list;
    this.failure = undefined;
    this.loaded = true;
    this.#loaded();
  }

  #setView(view: CalendarView): void {
    this.view = view;
  }

  #page(direction: -1 | 1): void {
    this.date = isoDate(shiftAnchor(this.view, this.#anchor, direction));
  }

  #open(id: string, from: HTMLElement): void {
    this.#returnFocus = from;
    // A new id makes the panel load it; the same id again must be re-read (it may have changed).
    if (this.openId === id) void this.renderRoot.querySelector<DhBooking>('dh-booking')?.reload();
    this.openId = id;
    void this.updateComplete.then(() => {
      if (this.isConnected && !this.dialog.open) this.dialog.showModal();
    });
  }

  #onDialogClose = (): void => {
    this.openId = '';
    this.#returnFocus?.focus();
  };

  /** Arrow keys move between visits: up/down within a day, left/right to the neighbouring day. */
  #onGridKeydown = (e: KeyboardEvent): void => {
    if (!['ArrowUp', 'ArrowDown', 'ArrowLeft', 'ArrowRight'].includes(e.key)) return;
    const current = e.composedPath()[0];
    if (!(current instanceof HTMLButtonElement) || !current.classList.contains('booking')) return;
    const days = Array.from(this.renderRoot.querySelectorAll('section.day'));
    const dayIndex = days.findIndex((d) => d.contains(current));
    const inDay = Array.from(days[dayIndex]?.querySelectorAll<HTMLButtonElement>('button.booking') ?? []);
    const index = inDay.indexOf(current);
    let target: HTMLButtonElement | undefined;
    if (e.key === 'ArrowUp') target = inDay[index - 1];
    else if (e.key === 'ArrowDown') target = inDay[index + 1];
    else {
      const step = e.key === 'ArrowLeft' ? -1 : 1;
      for (let i = dayIndex + step; i >= 0 && i < days.length && !target; i += step) {
        target = days[i]?.querySelector<HTMLButtonElement>('button.booking') ?? undefined;
      }
    }
    if (target) {
      e.preventDefault();
      target.focus();
    }
  };

  #title(days: readonly DateParts[]): string {
    const locale = dateLocales[this.fullLocale];
    const first = days[0] ?? this.#anchor;
    const last = days[days.length - 1] ?? first;
    if (this.view === 'day') return format(asLocalDate(first), 'EEEE d MMMM yyyy', { locale });
    if (this.view === 'agenda') return this.t('ui.calendar.agendaTitle', { from: format(asLocalDate(first), 'd MMMM yyyy', { locale }) });
    return this.t('ui.calendar.weekTitle', {
      week: isoWeek(first),
      from: format(asLocalDate(first), 'd MMMM', { locale }),
      to: format(asLocalDate(last), 'd MMMM yyyy', { locale }),
    });
  }

  protected override render(): TemplateResult {
    const { days } = calendarRange(this.view, this.#anchor);
    const today = isoDate(swedishDate(this.now()));
    const byDay = bookingsByDay(this.bookings);
    const shown = this.view === 'agenda' ? days.filter((d) => byDay.has(isoDate(d))) : days;
    const unit = this.t(`ui.calendar.${this.view}`).toLowerCase();
    return html`
      <header part="header">
        <h2 id="title" aria-live="polite">${this.#title(days)}</h2>
        <div class="group" role="group" aria-label=${this.t('ui.calendar.view')}>
          ${CALENDAR_VIEWS.map((v) => html`
            <button part="button" type="button" aria-pressed=${v === this.view ? 'true' : 'false'} @click=${() => {
              this.#setView(v);
            }}>${this.t(`ui.calendar.${v}`)}</button>`)}
        </div>
        <div class="group">
          <button part="button" type="button" aria-label="${this.t('ui.calendar.previous')} (${unit})" @click=${() => {
            this.#page(-1);
          }}>‹</button>
          <button part="button" type="button" @click=${() => (this.date = '')}>${this.t('ui.calendar.today')}</button>
          <button part="button" type="button" aria-label="${this.t('ui.calendar.next')} (${unit})" @click=${() => {
            this.#page(1);
          }}>›</button>
        </div>
      </header>
      ${this.failure !== undefined ? html`<p class="status bad" role="alert">${errorText(this.failure, (key, params) => this.t(key, params))}</p>`
        : this.loaded ? nothing : html`<p role="status">${this.t('ui.calendar.loading')}</p>`}
      <div class="grid ${this.view}" part="grid" @keydown=${this.#onGridKeydown}>
        ${shown.map((d) => this.#renderDay(d, byDay.get(isoDate(d)) ?? [], isoDate(d) === today))}
        ${this.view === 'agenda' && shown.length === 0 && this.loaded ? html`<p class="empty">${this.t('ui.calendar.empty')}</p>` : nothing}
      </div>
      <dialog part="dialog" aria-labelledby="dialog-title" @close=${this.#onDialogClose}>
        <div class="dialog-body">
          <button part="button" class="close" type="button" @click=${() => {
            this.dialog.close();
          }}>${this.t('ui.booking.close')}</button>
          <span id="dialog-title" class="visually-hidden">${this.t('ui.booking.details')}</span>
          ${this.openId ? html`<dh-booking booking-id=${this.openId} .now=${this.now}></dh-booking>` : nothing}
        </div>
      </dialog>
    `;
  }

  #renderDay(day: DateParts, bookings: readonly Booking[], isToday: boolean): TemplateResult {
    const id = `day-${isoDate(day)}`;
    const label = format(asLocalDate(day), this.view === 'week' ? 'EEEE d MMM' : 'EEEE d MMMM', { locale: dateLocales[this.fullLocale] });
    return html`
      <section class="day ${isToday ? 'today' : ''}" part="day" aria-labelledby=${id}>
        <h3 id=${id} aria-current=${isToday ? 'date' : nothing}>
          ${label}${isToday ? html` <span class="today-mark">${this.t('ui.calendar.todayMark')}</span>` : nothing}
        </h3>
        ${bookings.length === 0
          ? html`<p class="empty">${this.t('ui.calendar.empty')}</p>`
          : html`<ul>${bookings.map((b) => this.#renderBooking(b))}</ul>`}
      </section>
    `;
  }

  #renderBooking(b: Booking): TemplateResult {
    const time = clockText(swedishClock(new Date(b.start)).minutes);
    const end = clockText(swedishClock(bookingEnd(b)).minutes);
    const cancelled = b.status === 'cancelled';
    return html`
      <li>
        <button part="booking" class="booking ${cancelled ? 'cancelled' : ''}" type="button" data-id=${b.id}
          @click=${(e: Event) => {
            this.#open(b.id, e.currentTarget as HTMLElement);
          }}>
          <span class="time">${time}–${end}</span>
          ${b.participant.givenName} ${b.participant.familyName}${b.interpreter ? ` (${this.t('ui.calendar.interpreter')}: ${languageName(b.interpreter.language, this.locale)})` : ''}
          ${cancelled ? html`<span class="visually-hidden">, ${this.t('ui.calendar.cancelled')}</span>` : nothing}
        </button>
      </li>
    `;
  }
}
