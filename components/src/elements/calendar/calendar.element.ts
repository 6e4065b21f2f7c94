import { format } from 'date-fns';
import { html, nothing, type PropertyValues, type TemplateResult } from 'lit';
import { property, query, state } from 'lit/decorators.js';
import {
  CALENDAR_VIEWS, axisFor, bookingsByDay, calendarRange, clockText, dateLocales, hourMarks, hoursOn, isoDate, isoWeek,
  languageName, layoutDay, localDate, nowPosition, parseIsoDate, positionOf, shiftAnchor, swedishClock, swedishDate,
  type Axis, type Booking, type CalendarView, type Clinic, type DateParts, type DayHours, type Span,
} from '../../core/index.js';
import type { VisitService } from '../../visits/visit-service.js';
import '../booking/define.js';
import type { DhBooking } from '../booking/booking.element.js';
import { baseStyles } from '../shared/base.styles.js';
import { CurrentClinicController } from '../shared/current-clinic.controller.js';
import { cssProps } from '../shared/css-props.js';
import '../shared/nurse-texts.js';
import { DhElement } from '../shared/dh-element.js';
import { errorText } from '../shared/error-text.js';
import { getServices } from '../shared/services.js';
import { calendarStyles } from './calendar.styles.js';
import { NowController } from './now.controller.js';

/** A visit with its Swedish wall-clock times, worked out once per render. */
interface Timed {
  readonly booking: Booking;
  readonly span: Span;
}

const DAY_MINUTES = 24 * 60;

function timed(booking: Booking): Timed {
  const start = swedishClock(new Date(booking.start)).minutes;
  // A visit past midnight is drawn to the end of its first day.
  return { booking, span: { start, end: Math.min(DAY_MINUTES, start + booking.durationMinutes) } };
}

/**
 * @tagname dh-calendar
 * @summary The clinic's video visits by day or week (Monday first, ISO week numbers) on a time
 * axis, or as a list. The axis spans the clinic's opening hours, widened to fit visits outside them;
 * overlapping visits stand side by side, a line marks the current time, and public holidays and
 * eves are named in the day's heading. Opening a visit shows it with its actions (`dh-booking`).
 *
 * @fires dh-start-visit - From an opened visit: the nurse starts it; `detail.bookingId`.
 * @fires dh-booking-change - From an opened visit: it was edited, cancelled or its invitation resent.
 *
 * @csspart header - Title, view switch and paging.
 * @csspart grid - The days (scrolls sideways when a week does not fit).
 * @csspart day - One day.
 * @csspart now - The line at the current time.
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
 * @cssproperty --dh-calendar-hour-height - The height of an hour on the time axis (4rem).
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
  /** How often the now-line moves, in milliseconds (read when the calendar is connected). */
  @property({ attribute: false }) accessor nowInterval = 30_000;

  @state() private accessor bookings: readonly Booking[] = [];
  @state() private accessor loaded = false;
  @state() private accessor openId = '';
  /** Why the visits could not be read (the store cannot be opened: another tab has a newer page, say). */
  @state() private accessor failure: unknown;

  @query('dialog') private accessor dialog!: HTMLDialogElement;

  readonly #clinic = new CurrentClinicController(this, () => this.clinic);
  /** The clinic whose visits are listed: a change of the nurse's clinic lists the new one's. */
  #listed: string | undefined;
  /** Moves the now-line: a timer while connected. */
  readonly clock = new NowController(this, () => this.nowInterval);

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
      // Left and right follow the screen: in right-to-left text the later day is on the left.
      const rtl = getComputedStyle(this).direction === 'rtl';
      const step = (e.key === 'ArrowLeft') !== rtl ? -1 : 1;
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
    if (this.view === 'day') return format(localDate(first), 'EEEE d MMMM yyyy', { locale });
    if (this.view === 'agenda') return this.t('ui.calendar.agendaTitle', { from: format(localDate(first), 'd MMMM yyyy', { locale }) });
    return this.t('ui.calendar.weekTitle', {
      week: isoWeek(first),
      from: format(localDate(first), 'd MMMM', { locale }),
      to: format(localDate(last), 'd MMMM yyyy', { locale }),
    });
  }

  protected override render(): TemplateResult {
    const { days } = calendarRange(this.view, this.#anchor);
    const now = swedishClock(this.now());
    const byDay = bookingsByDay(this.bookings);
    const clinicId = this.#clinic.id;
    const clinic: Pick<Clinic, 'openingHours' | 'holidays'> = (clinicId ? this.#services?.clinic(clinicId) : undefined) ?? {};
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
      ${this.view === 'agenda' ? this.#renderAgenda(days, byDay, isoDate(now.date), clinic) : this.#renderTimeline(days, byDay, now, clinic)}
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

  /** The list: only the days with visits, each visit in start order. */
  #renderAgenda(
    days: readonly DateParts[], byDay: Map<string, Booking[]>, today: string, clinic: Pick<Clinic, 'openingHours' | 'holidays'>,
  ): TemplateResult {
    const shown = days.filter((d) => byDay.has(isoDate(d)));
    return html`
      <div class="grid agenda" part="grid" @keydown=${this.#onGridKeydown}>
        ${shown.map((d) => {
          const key = isoDate(d);
          const visits = (byDay.get(key) ?? []).map(timed);
          return html`
            <section class="day ${key === today ? 'today' : ''}" part="day" aria-labelledby="day-${key}">
              ${this.#renderDayHeading(d, key === today, hoursOn(clinic, d))}
              <ul>${visits.map((v) => html`<li>${this.#renderBooking(v)}</li>`)}</ul>
            </section>`;
        })}
        ${shown.length === 0 && this.loaded ? html`<p class="empty">${this.t('ui.calendar.empty')}</p>` : nothing}
      </div>
    `;
  }

  /**
   * Day and week: one column per day on a shared time axis (the opening hours of the days shown,
   * widened to fit every visit), visits placed and sized by time, overlapping ones side by side.
   */
  #renderTimeline(
    days: readonly DateParts[], byDay: Map<string, Booking[]>, now: { date: DateParts; minutes: number },
    clinic: Pick<Clinic, 'openingHours' | 'holidays'>,
  ): TemplateResult {
    const today = isoDate(now.date);
    const columns = days.map((date) => {
      const key = isoDate(date);
      return { date, key, visits: (byDay.get(key) ?? []).map(timed), hours: hoursOn(clinic, date) };
    });
    const axis = axisFor(
      columns.flatMap((c) => (c.hours.open ? [{ start: c.hours.from, end: c.hours.to }] : [])),
      columns.flatMap((c) => c.visits.map((v) => v.span)),
    );
    const marks = hourMarks(axis);
    return html`
      <!-- Focusable, so that a week wider than the screen can be scrolled from the keyboard. -->
      <div class="grid ${this.view}" part="grid" tabindex="0" role="group" aria-labelledby="title" @keydown=${this.#onGridKeydown}>
        <div class="timeline" ${cssProps({ '--days': String(days.length), '--hours': String(marks.length) })}>
          <div class="axis" aria-hidden="true">
            <span></span>
            <div class="ticks">${marks.map((m) => html`<span>${clockText(m)}</span>`)}</div>
          </div>
          ${columns.map((c) => this.#renderDayColumn(c.date, c.visits, c.hours, axis, c.key === today ? now.minutes : undefined))}
        </div>
      </div>
    `;
  }

  #renderDayColumn(date: DateParts, visits: readonly Timed[], hours: DayHours, axis: Axis, nowMinutes: number | undefined): TemplateResult {
    const isToday = nowMinutes !== undefined;
    const nowAt = isToday ? nowPosition(nowMinutes, axis) : undefined;
    // The hours outside opening time are shaded; a closed day all of it.
    const open = hours.open
      ? { '--open-from': String(positionOf(hours.from, axis)), '--open-to': String(positionOf(hours.to, axis)) }
      : { '--open-from': '1', '--open-to': '1' };
    return html`
      <section class="day ${isToday ? 'today' : ''} ${hours.holiday ? 'holiday' : ''}" part="day" aria-labelledby="day-${isoDate(date)}">
        ${this.#renderDayHeading(date, isToday, hours)}
        <div class="track" ${cssProps(open)}>
          ${visits.length === 0
            ? html`<p class="empty">${this.t('ui.calendar.empty')}</p>`
            : html`<ul>${layoutDay(visits, (v) => v.span, axis).map((p) => html`
              <li ${cssProps({ '--top': String(p.top), '--height': String(p.height), '--column': String(p.column), '--columns': String(p.columns) })}>
                ${this.#renderBooking(p.item)}
              </li>`)}</ul>`}
          ${nowAt === undefined ? nothing : html`<div class="now" part="now" aria-hidden="true" ${cssProps({ '--at': String(nowAt) })}></div>`}
        </div>
      </section>
    `;
  }

  /** The day's name and date, "i dag", and a holiday's or eve's name with "stängt" or its half-day hours. */
  #renderDayHeading(day: DateParts, isToday: boolean, hours: DayHours): TemplateResult {
    const label = format(localDate(day), this.view === 'week' ? 'EEEE d MMM' : 'EEEE d MMMM', { locale: dateLocales[this.fullLocale] });
    const { holiday } = hours;
    const note = !hours.open ? this.t('ui.calendar.closed') : hours.halfDay ? this.t('ui.calendar.halfDay', { open: hours.hours[0], close: hours.hours[1] }) : '';
    return html`
      <h3 id="day-${isoDate(day)}" aria-current=${isToday ? 'date' : nothing}>
        ${label}${isToday ? html` <span class="today-mark">${this.t('ui.calendar.todayMark')}</span>` : nothing}
        ${holiday ? html`<span class="holiday-name"><span class="visually-hidden">, </span>${this.t(`holiday.${holiday.id}`)}${note ? `, ${note}` : ''}</span>` : nothing}
      </h3>
    `;
  }

  #renderBooking({ booking: b, span }: Timed): TemplateResult {
    const cancelled = b.status === 'cancelled';
    const end = clockText((span.start + b.durationMinutes) % DAY_MINUTES);
    return html`
      <button part="booking" class="booking ${cancelled ? 'cancelled' : ''}" type="button" data-id=${b.id}
        @click=${(e: Event) => {
          this.#open(b.id, e.currentTarget as HTMLElement);
        }}>
        <span class="time">${clockText(span.start)}–${end}</span>
        ${b.participant.givenName} ${b.participant.familyName}${b.interpreter ? ` (${this.t('ui.calendar.interpreter')}: ${languageName(b.interpreter.language, this.locale)})` : ''}
        ${cancelled ? html`<span class="visually-hidden">, ${this.t('ui.calendar.cancelled')}</span>` : nothing}
      </button>
    `;
  }
}
