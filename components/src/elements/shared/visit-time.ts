import { html, nothing, type ReactiveController, type ReactiveControllerHost, type TemplateResult } from 'lit';
import {
  addDays, hoursOn, isoDate, parseIsoDate, swedishDate, swedishInstant, visitDateText,
  type Clinic, type Locale,
} from '../../core/index.js';
import { freeStartTimes } from '../../core/visit-slots.js';
import type { VisitService } from '../../visits/visit-service.js';
import type { Translate } from './error-text.js';
import { inputField } from './field.js';
import { getServices } from './services.js';

/** What the free start times depend on. */
export interface FreeTimesQuery {
  readonly clinic: Clinic | undefined;
  readonly date: string;
  readonly durationMinutes: number;
  readonly now: Date;
  /** A booking being moved does not stand in its own way. */
  readonly except?: string | undefined;
}

/**
 * The free start times of the chosen day at the chosen clinic, looked up again when the clinic, the
 * day or the length changes, and when a booking is made or changed anywhere on the page.
 */
export class FreeTimesController implements ReactiveController {
  /** 'HH:MM', in order; empty before a day is chosen or when nothing fits. */
  times: readonly string[] = [];
  readonly #host: ReactiveControllerHost;
  readonly #query: () => FreeTimesQuery;
  #key = '';
  #seq = 0;
  #services: Promise<VisitService> | undefined;
  #listening: VisitService | undefined;
  readonly #onChanged = (): void => {
    this.#key = '';
    this.#host.requestUpdate();
  };

  constructor(host: ReactiveControllerHost, query: () => FreeTimesQuery) {
    this.#host = host;
    this.#query = query;
    host.addController(this);
  }

  hostConnected(): void {
    this.#key = '';
    const services = this.#services = getServices();
    void services.then((s) => {
      if (this.#services !== services) return;
      this.#listening = s;
      s.addEventListener('bookings-changed', this.#onChanged);
    }, () => undefined);
  }

  hostDisconnected(): void {
    this.#seq++;
    this.#services = undefined;
    this.#listening?.removeEventListener('bookings-changed', this.#onChanged);
    this.#listening = undefined;
  }

  hostUpdate(): void {
    const q = this.#query();
    // Minutes, not the instant: the list changes at most once a quarter, not on every render.
    const key = [q.clinic?.id, q.date, q.durationMinutes, q.except, Math.floor(q.now.getTime() / 60_000)].join('|');
    if (key === this.#key) return;
    this.#key = key;
    void this.#load(q, ++this.#seq);
  }

  async #load(q: FreeTimesQuery, seq: number): Promise<void> {
    const date = parseIsoDate(q.date);
    let times: string[] = [];
    const pending = this.#services;
    if (pending && q.clinic && date && Number.isInteger(q.durationMinutes) && q.durationMinutes > 0) {
      try {
        const services = await pending;
        const bookings = await services.store.bookings.list({ clinicId: q.clinic.id, from: swedishInstant(date, 0), to: swedishInstant(addDays(date, 1), 0) });
        times = freeStartTimes({
          date, hours: dayHours(q.clinic, q.date), durationMinutes: q.durationMinutes, now: q.now,
          bookings: bookings.filter((b) => b.id !== q.except),
        });
      } catch {
        // No list to offer (the store cannot be read): the time can still be typed.
      }
    }
    if (seq !== this.#seq) return;
    this.times = times;
    this.#host.requestUpdate();
  }
}

/** A day's opening hours ('YYYY-MM-DD'), holidays and half days counted; undefined when closed or no day is chosen. */
export function dayHours(clinic: Pick<Clinic, 'openingHours' | 'holidays'> | undefined, date: string): readonly [string, string] | undefined {
  const day = parseIsoDate(date);
  const hours = day ? hoursOn(clinic ?? {}, day) : undefined;
  return hours?.open ? hours.hours : undefined;
}

export interface VisitTimeFields {
  readonly t: Translate;
  readonly locale: Locale;
  readonly now: Date;
  readonly clinic: Clinic | undefined;
  readonly date: string;
  readonly time: string;
  readonly errors: { readonly date?: string | undefined; readonly time?: string | undefined };
  readonly freeTimes: readonly string[];
  readonly onInput: (e: Event) => void;
}

/**
 * The visit's date and time, as the invitation and the booking's edit both show them.
 *
 * The date is the browser's own `<input type="date">`: typed by keyboard in the browser's order
 * (year-month-day in a Swedish browser, so '2026-12-03' types as it always did, arrows step each
 * part) or picked from its calendar by pointer, which marks today; `min` greys out the past. A
 * picker of our own would have to match that for screen readers and keyboards, and would weigh on
 * every page. Today's date and the day's opening hours are written beside it, since the native
 * calendar shows neither the hours nor a closed day.
 *
 * The time stays a text field, because a native time field cannot take '0930' or '9.30' typed or
 * pasted the way nurses write times; its `<datalist>` offers the day's free start times within
 * opening hours, to pick by arrow keys or pointer.
 */
export function visitTimeFields(f: VisitTimeFields): TemplateResult {
  const today = swedishDate(f.now);
  const hours = dayHours(f.clinic, f.date || isoDate(today));
  const dayText = f.date && parseIsoDate(f.date) ? visitDateText(swedishInstant(parseIsoDate(f.date) ?? today, 12 * 60), f.locale).date : '';
  const open = hours ? f.t('ui.field.date.open', { open: hours[0], close: hours[1] }) : f.t('ui.field.date.closed');
  const dateHint = `${f.t('ui.field.date.today', { date: visitDateText(f.now, f.locale).date })} ${dayText ? `${dayText}: ${open}` : ''}`.trim();
  const timeHint = !f.date || !hours ? f.t('ui.field.time.hint')
    : f.freeTimes.length > 0 ? `${f.t('ui.field.time.hint')} ${f.t('ui.field.time.free', { n: f.freeTimes.length })}`
    : `${f.t('ui.field.time.hint')} ${f.t('ui.field.time.none')}`;
  return html`
    ${inputField({
      name: 'date', label: f.t('ui.field.date'), hint: dateHint, error: f.errors.date, value: f.date, type: 'date',
      min: isoDate(today), onInput: f.onInput,
    })}
    ${inputField({
      name: 'time', label: f.t('ui.field.time'), hint: timeHint, error: f.errors.time, value: f.time, inputmode: 'decimal',
      list: f.freeTimes.length > 0 ? 'time-options' : undefined, onInput: f.onInput,
    })}
    ${f.freeTimes.length > 0 ? html`<datalist id="time-options">${f.freeTimes.map((time) => html`<option value=${time}></option>`)}</datalist>` : nothing}
  `;
}
