import { html, nothing, type ReactiveController, type ReactiveControllerHost, type TemplateResult } from 'lit';
import { live } from 'lit/directives/live.js';
import {
  DEFAULT_INTERPRETER_LANGUAGES, languageName,
  type Booking, type Clinic, type InviteDraft, type InviteErrors, type InviteField, type Locale,
} from '../../core/index.js';
import { draftOf } from '../../visits/visit-service.js';
import { inviteErrorText, type Translate } from '../shared/error-text.js';
import { dhEvent } from '../shared/events.js';
import { inputField, selectField } from '../shared/field.js';
import { FreeTimesController, visitTimeFields } from '../shared/visit-time.js';
import type { BookingActionsController } from './booking-actions.controller.js';

const EDIT_FIELDS: readonly InviteField[] = ['date', 'time', 'duration', 'reason', 'interpreterLanguage', 'interpreterMobile', 'interpreterEmail'];

export interface EditHost {
  readonly t: Translate;
  readonly locale: () => Locale;
  readonly now: () => Date;
  readonly booking: () => Booking | undefined;
  readonly clinic: () => Clinic | undefined;
  readonly interpreterLanguages: () => readonly string[] | undefined;
  /** The edit was saved (or the nurse gave up): back to the booking's details. */
  readonly done: (saved?: Booking) => void;
  readonly focus: (selector: string) => void;
}

/**
 * The pen: a booking's time, length, reason and interpreter, checked by the invitation's rules and
 * saved only if nobody changed the booking meanwhile (another tab), with the SMS update sent.
 */
export class BookingEditController implements ReactiveController {
  draft: Partial<InviteDraft> = {};
  errors: InviteErrors = {};
  readonly #host: ReactiveControllerHost & HTMLElement;
  readonly #to: EditHost;
  readonly #actions: BookingActionsController;
  readonly #freeTimes: FreeTimesController;

  constructor(host: ReactiveControllerHost & HTMLElement, actions: BookingActionsController, to: EditHost) {
    this.#host = host;
    this.#actions = actions;
    this.#to = to;
    this.#freeTimes = new FreeTimesController(host, () => ({
      clinic: to.clinic(), date: this.draft.date ?? '', durationMinutes: Number(this.draft.duration), now: to.now(), except: to.booking()?.id,
    }));
    host.addController(this);
  }

  hostConnected(): void {
    // Nothing to acquire: the free times have their own controller.
  }

  /** Starts editing what is stored now. */
  begin(booking: Booking): void {
    this.draft = draftOf(booking);
    this.errors = {};
    this.#host.requestUpdate();
  }

  readonly #onInput = (e: Event): void => {
    const t = e.target as HTMLInputElement | HTMLSelectElement;
    const value = t instanceof HTMLInputElement && t.type === 'checkbox' ? t.checked : t.value;
    this.draft = { ...this.draft, [t.name]: value };
    this.errors = Object.fromEntries(Object.entries(this.errors).filter(([k]) => k !== t.name));
    this.#host.requestUpdate();
  };

  readonly #save = async (e: Event): Promise<void> => {
    e.preventDefault();
    const booking = this.#to.booking();
    if (!booking) return;
    await this.#actions.run(booking, async (services) => {
      const result = await services.edit(booking, this.draft, this.#to.now());
      if (!result.ok) {
        this.errors = result.errors;
        this.#to.focus('[aria-invalid="true"]');
        this.#host.requestUpdate();
        return;
      }
      if (result.sms.length > 0) this.#actions.report(result.sms, 'ui.booking.saved');
      else this.#actions.message = { text: this.#to.t('ui.booking.savedNoSms'), kind: 'good' };
      this.#to.done(result.booking);
      this.#host.dispatchEvent(dhEvent('dh-booking-change', { bookingId: booking.id, change: 'edited' }));
    });
  };

  #error(name: InviteField): string | undefined {
    const error = this.errors[name];
    return error ? inviteErrorText(name, error, this.#to.t) : undefined;
  }

  #input(name: InviteField, type?: string): TemplateResult {
    return inputField({
      name, label: this.#to.t(`ui.field.${name}`), error: this.#error(name), value: String(this.draft[name] ?? ''),
      ...(type ? { type } : {}), onInput: this.#onInput,
    });
  }

  render(): TemplateResult {
    const t = this.#to.t;
    const d = this.draft;
    return html`
      <form novalidate @submit=${this.#save}>
        <div class="row">
          ${visitTimeFields({
            t, locale: this.#to.locale(), now: this.#to.now(), clinic: this.#to.clinic(), date: d.date ?? '', time: d.time ?? '',
            freeTimes: this.#freeTimes.times, onInput: this.#onInput, errors: { date: this.#error('date'), time: this.#error('time') },
          })}
          ${this.#input('duration', 'number')}
        </div>
        ${this.#input('reason')}
        <div class="check">
          <input id="interpreter" name="interpreter" type="checkbox" .checked=${live(Boolean(d.interpreter))} @change=${this.#onInput} />
          <label for="interpreter">${t('ui.field.interpreter')}</label>
        </div>
        ${d.interpreter ? html`
          ${selectField({
            name: 'interpreterLanguage', label: t('ui.field.interpreterLanguage'), error: this.#error('interpreterLanguage'),
            value: d.interpreterLanguage ?? '', choose: t('ui.choose'), onChange: this.#onInput,
            options: (this.#to.interpreterLanguages() ?? DEFAULT_INTERPRETER_LANGUAGES).map((code) => [code, languageName(code, this.#to.locale())]),
          })}
          ${this.#input('interpreterMobile', 'tel')} ${this.#input('interpreterEmail', 'email')}` : nothing}
        ${this.#otherErrors()}
        <div class="actions">
          <button part="button" class="primary" type="submit" ?disabled=${this.#actions.busy}>${t('ui.booking.save')}</button>
          <button part="button" type="button" @click=${() => { this.#to.done(); }}>${t('ui.booking.cancel.no')}</button>
        </div>
      </form>`;
  }

  /** Errors on fields this form does not show (a clinic removed from the configuration, say). */
  #otherErrors(): TemplateResult | typeof nothing {
    const other = (Object.keys(this.errors) as InviteField[]).filter((k) => !EDIT_FIELDS.includes(k));
    const texts = other.map((field) => this.#error(field) ?? '');
    return other.length > 0 ? html`<p class="status bad" role="alert">${texts.join(' ')}</p>` : nothing;
  }
}
