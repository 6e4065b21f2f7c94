import { html, type ReactiveController, type ReactiveControllerHost, type TemplateResult } from 'lit';
import { addDays, bookingEnd, clockText, swedishClock, swedishDate, swedishInstant, type Booking } from '../../core/index.js';
import { CurrentClinicController } from '../shared/current-clinic.controller.js';
import type { Translate } from '../shared/error-text.js';
import { getServices } from '../shared/services.js';

/**
 * A lobby opened without a visit lists the day's visits at the nurse's current clinic to open one,
 * and follows her clinic when she changes it (in the page's `dh-clinic-picker`).
 */
export class TodayVisitsController implements ReactiveController {
  /** Undefined until read; the visits still ahead or under way, booked, in order. */
  visits: readonly Booking[] | undefined;
  readonly #host: ReactiveControllerHost;
  readonly #clinic: CurrentClinicController;
  readonly #wanted: () => boolean;
  readonly #now: () => Date;
  #listed: string | undefined;

  constructor(host: ReactiveControllerHost & HTMLElement, opts: { wanted: () => boolean; now: () => Date }) {
    this.#host = host;
    this.#wanted = opts.wanted;
    this.#now = opts.now;
    this.#clinic = new CurrentClinicController(host, () => '');
    host.addController(this);
  }

  hostConnected(): void {
    this.#listed = undefined;
  }

  hostUpdate(): void {
    if (!this.#wanted() || this.#listed === this.#clinic.id) return;
    void this.#load();
  }

  async #load(): Promise<void> {
    await this.#clinic.ready;
    const clinicId = this.#listed = this.#clinic.id;
    const now = this.#now();
    const today = swedishDate(now);
    const list = clinicId === '' ? [] : await (await getServices()).store.bookings.list({
      clinicId, from: swedishInstant(today, 0), to: swedishInstant(addDays(today, 1), 0),
    });
    if (clinicId !== this.#clinic.id) return;
    this.visits = list.filter((b) => b.status === 'booked' && bookingEnd(b) > now);
    this.#host.requestUpdate();
  }

  render(t: Translate, open: (bookingId: string) => void): TemplateResult {
    const clinic = this.#clinic.clinics.find((c) => c.id === this.#clinic.id);
    if (!clinic) return html`<p class="status" role="status">${t('ui.lobby.chooseClinic')}</p>`;
    const visits = this.visits;
    return html`
      <h2>${t('ui.lobby.today', { clinic: clinic.name })}</h2>
      ${visits === undefined ? html`<p role="status">${t('ui.calendar.loading')}</p>`
        : visits.length === 0 ? html`<p>${t('ui.lobby.todayNone')}</p>`
        : html`<ul class="today">${visits.map((b) => html`
            <li><button part="button" type="button" data-id=${b.id} @click=${() => { open(b.id); }}>
              ${clockText(swedishClock(new Date(b.start)).minutes)}–${clockText(swedishClock(bookingEnd(b)).minutes)}
              ${b.participant.givenName} ${b.participant.familyName}</button></li>`)}</ul>`}`;
  }
}
