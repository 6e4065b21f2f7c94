import { html, nothing, type PropertyValues, type TemplateResult } from 'lit';
import { property, state } from 'lit/decorators.js';
import { live } from 'lit/directives/live.js';
import {
  DEFAULT_DURATION_MINUTES, DEFAULT_INTERPRETER_LANGUAGES, PATIENT_LOCALES, emptyDraft, languageName, validateInvite,
  type InviteDraft, type InviteErrors, type InviteField, type MessageKey, type Params,
} from '../../core/index.js';
import { baseStyles } from '../shared/base.styles.js';
import { CurrentClinicController } from '../shared/current-clinic.controller.js';
import '../shared/nurse-texts.js';
import { DhElement } from '../shared/dh-element.js';
import { errorText, inviteErrorText } from '../shared/error-text.js';
import { inputField, selectField } from '../shared/field.js';
import { getServices } from '../shared/services.js';
import { FreeTimesController, visitTimeFields } from '../shared/visit-time.js';
import { InviteDraftController, type Step } from './invite-draft.controller.js';
import { InviteSendController } from './invite-send.controller.js';
import { inviteSummary } from './invite-summary.js';
import { inviteStyles } from './invite.styles.js';
import { ParticipantLookupController } from './participant-lookup.controller.js';

const STEPS: readonly Step[] = ['clinic', 'participant', 'visit', 'interpreter', 'summary'];
const STEP_FIELDS: Record<Step, readonly InviteField[]> = {
  clinic: ['clinic'],
  participant: ['personnummer', 'givenName', 'familyName', 'mobile', 'email'],
  visit: ['reason', 'date', 'time', 'duration', 'language'],
  interpreter: ['interpreterLanguage', 'interpreterMobile', 'interpreterEmail'],
  summary: [],
};

/**
 * @tagname dh-invite
 * @summary The nurse's invitation wizard: clinic → participant → visit → interpreter → summary → send.
 * It works for the nurse's current clinic (see `dh-clinic-picker`), starting at the participant when
 * she has one; its first step chooses one for the whole page.
 *
 * @fires dh-before-invite-send - Cancelable. Fired with the checked invitation before anything is stored or sent.
 * @fires dh-invite-sent - The booking is stored and the invitations were handed to the SMS relay; `detail.bookingId`.
 * @fires dh-clinic-change - The nurse chose a clinic in the first step; the page's other elements follow.
 * @fires dh-participant-lookup - A complete personnummer was looked up in the 30-day cache; `detail.filled`.
 *
 * @csspart form - The form of the current step.
 * @csspart field - Each labelled field.
 * @csspart error - A field's error message.
 * @csspart button - Every button.
 * @csspart mobile - The patient's mobile number, shown large on the summary.
 *
 * @cssproperty --dh-color-primary - Buttons, headings and the emphasised mobile number.
 * @cssproperty --dh-color-on-primary - Text on primary buttons.
 * @cssproperty --dh-color-text - Body text.
 * @cssproperty --dh-color-surface - Background.
 * @cssproperty --dh-color-border - Borders of inputs and the element.
 * @cssproperty --dh-color-error - Error messages and invalid inputs.
 * @cssproperty --dh-focus-ring - Focus outline colour.
 * @cssproperty --dh-radius - Corner radius.
 * @cssproperty --dh-font-family - Font.
 */
export class DhInvite extends DhElement {
  static override styles = [baseStyles, inviteStyles];

  readonly #clinic = new CurrentClinicController(this, () => this.clinic);
  readonly #drafts = new InviteDraftController(this, () => ({ draft: this.draft, step: this.step }));
  readonly #lookup = new ParticipantLookupController(this, {
    now: () => this.now(),
    draft: () => this.draft,
    fill: (fields) => {
      this.draft = { ...this.draft, ...fields };
      this.#drafts.save();
    },
    invalid: (code) => {
      this.errors = { ...this.errors, personnummer: { code } };
    },
  });
  readonly #sender = new InviteSendController(this);
  readonly #freeTimes = new FreeTimesController(this, () => ({
    clinic: this.#clinic.clinics.find((c) => c.id === this.draft.clinic), date: this.draft.date,
    durationMinutes: Number(this.draft.duration), now: this.now(),
  }));

  /** Pins the invitation to this clinic (an id from the configuration), whatever the nurse's choice. */
  @property() accessor clinic = '';
  /** Injectable clock for tests; the real time otherwise. */
  @property({ attribute: false }) accessor now: () => Date = () => new Date();

  @state() private accessor step: Step = 'clinic';
  @state() private accessor draft: InviteDraft = emptyDraft();
  @state() private accessor errors: InviteErrors = {};
  @state() private accessor confirmed = false;
  @state() private accessor confirmError = false;
  @state() private accessor message: { text: string; kind: 'good' | 'bad' | 'info' } | undefined;
  @state() private accessor ready = false;
  /** Why the wizard could not start (the store cannot be opened: another tab has a newer page, say). */
  @state() private accessor failure: unknown;

  readonly #t = (key: MessageKey, params?: Params): string => this.t(key, params);
  /** The languages the region books interpreters for, if it names them. */
  #interpreterLanguages: readonly string[] | undefined;
  #focusFirstError = false;
  #focusStep = false;

  override connectedCallback(): void {
    super.connectedCallback();
    this.#load().catch((error: unknown) => {
      this.failure = error;
    });
  }

  protected override willUpdate(changed: PropertyValues): void {
    super.willUpdate(changed);
    // The current clinic changed (here, in the picker, in another element): the invitation follows.
    const clinic = this.#clinic.id;
    if (this.ready && clinic !== '' && clinic !== this.draft.clinic) {
      this.draft = { ...this.draft, clinic };
      this.errors = pick(this.errors, STEP_FIELDS.participant.concat(STEP_FIELDS.visit, STEP_FIELDS.interpreter));
      this.#drafts.save();
    }
  }

  protected override updated(changed: PropertyValues): void {
    super.updated(changed);
    if (this.#focusFirstError) {
      this.#focusFirstError = false;
      this.renderRoot.querySelector<HTMLElement>('[aria-invalid="true"]')?.focus();
    } else if (this.#focusStep) {
      this.#focusStep = false;
      this.renderRoot.querySelector<HTMLElement>('legend, h2')?.focus();
    }
  }

  /** The steps this page shows: a page that pins the clinic has no clinic to choose. */
  get #steps(): readonly Step[] {
    return this.#clinic.pinned ? STEPS.slice(1) : STEPS;
  }

  /** Where a new invitation starts: at the participant once the clinic is known. */
  get #firstStep(): Step {
    return this.#clinic.id === '' ? 'clinic' : 'participant';
  }

  async #load(): Promise<void> {
    const [saved, services] = await Promise.all([this.#drafts.load(), getServices(), this.#clinic.ready]);
    this.#interpreterLanguages = services.config.interpreterLanguages;
    const clinic = this.#clinic.id;
    if (saved) {
      this.draft = { ...emptyDraft(), ...saved.draft, ...(clinic ? { clinic } : {}) };
      this.step = this.#steps.includes(saved.step) ? saved.step : this.#firstStep;
    } else {
      this.draft = { ...emptyDraft(), duration: DEFAULT_DURATION_MINUTES, clinic };
      this.step = this.#firstStep;
    }
    this.ready = true;
  }

  #onInput = (e: Event): void => {
    const target = e.target as HTMLInputElement | HTMLSelectElement;
    const name = target.name as keyof InviteDraft;
    const value = target instanceof HTMLInputElement && target.type === 'checkbox' ? target.checked : target.value;
    this.draft = { ...this.draft, [name]: value };
    if (name in this.errors) {
      // Typing clears that field's error; the rest stay until the next check.
      this.errors = Object.fromEntries(Object.entries(this.errors).filter(([k]) => k !== name));
    }
    if (name === 'clinic' && value !== '') void this.#clinic.choose(String(value));
    if (name === 'personnummer') void this.#lookup.check(String(value), false);
    if (name === 'mobile') this.confirmed = false;
    this.#drafts.save();
  };

  #onPersonnummerBlur = (): void => {
    void this.#lookup.check(this.draft.personnummer, true);
  };

  #validate(): ReturnType<typeof validateInvite> {
    const clinics = this.#clinic.clinics;
    const interpreterLanguages = this.#interpreterLanguages;
    const result = validateInvite(this.draft, this.now(), {
      ...(clinics.length > 0 ? { clinics } : {}),
      ...(interpreterLanguages ? { interpreterLanguages } : {}),
    });
    // A date typed only in part leaves the native field empty: say it is incomplete, not missing.
    const date = this.renderRoot.querySelector<HTMLInputElement>('input[name="date"]');
    if (!result.ok && date?.validity.badInput && result.errors.date?.code === 'required') {
      return { ok: false, errors: { ...result.errors, date: { code: 'invalid' } } };
    }
    return result;
  }

  #next = (e: Event): void => {
    e.preventDefault();
    const result = this.#validate();
    const stepErrors = result.ok ? {} : pick(result.errors, STEP_FIELDS[this.step]);
    if (Object.keys(stepErrors).length > 0) {
      this.errors = stepErrors;
      this.#focusFirstError = true;
      return;
    }
    this.errors = {};
    const steps = this.#steps;
    this.#goTo(steps[steps.indexOf(this.step) + 1] ?? 'summary');
  };

  #back = (): void => {
    this.errors = {};
    const steps = this.#steps;
    this.#goTo(steps[steps.indexOf(this.step) - 1] ?? steps[0] ?? 'participant');
  };

  #goTo(step: Step): void {
    this.step = step;
    this.message = undefined;
    this.#focusStep = true;
    this.#drafts.save();
  }

  #send = async (e: Event): Promise<void> => {
    e.preventDefault();
    if (this.#sender.sending) return;
    if (!this.confirmed) {
      this.confirmError = true;
      this.#focusFirstError = true;
      return;
    }
    const result = this.#validate();
    if (!result.ok) {
      // Something changed since the step was checked (time passed, say): show it where it belongs.
      const first = Object.keys(result.errors)[0] as InviteField;
      const step = this.#steps.find((s) => STEP_FIELDS[s].includes(first));
      if (!step) {
        // The pinned clinic is not configured: nothing the nurse can change here.
        const error = result.errors[first];
        this.message = { text: error ? inviteErrorText(first, error, this.#t) : '', kind: 'bad' };
        return;
      }
      this.step = step;
      this.errors = pick(result.errors, STEP_FIELDS[step]);
      this.#focusFirstError = true;
      return;
    }
    this.message = undefined;
    try {
      if (await this.#sender.send(result.value, this.now()) === 'vetoed') {
        this.message = { text: this.t('ui.invite.vetoed'), kind: 'info' };
        return;
      }
      await this.#drafts.clear();
      this.#focusStep = true;
    } catch (error) {
      // Nothing typed is lost: the draft stays saved, for another try or after a reload.
      this.message = { text: errorText(error, this.#t), kind: 'bad' };
    }
  };

  #newInvite = (): void => {
    this.#sender.reset();
    this.draft = { ...emptyDraft(), duration: DEFAULT_DURATION_MINUTES, clinic: this.#clinic.id || this.draft.clinic };
    this.confirmed = false;
    this.#lookup.fromCache = false;
    this.errors = {};
    this.#goTo(this.draft.clinic ? 'participant' : this.#steps[0] ?? 'participant');
  };

  protected override render(): TemplateResult {
    if (this.failure !== undefined) return html`<p class="status bad" role="alert">${errorText(this.failure, this.#t)}</p>`;
    if (!this.ready) return html`<p role="status">${this.t('ui.calendar.loading')}</p>`;
    if (this.#sender.sent) return this.#sender.render(this.#t, this.#newInvite);
    const steps = this.#steps;
    const index = steps.indexOf(this.step);
    const clinicName = this.#clinic.clinics.find((c) => c.id === this.draft.clinic)?.name ?? this.draft.clinic;
    return html`
      <h2 tabindex="-1">${this.t('ui.invite.title')}</h2>
      ${this.step !== 'clinic' && clinicName ? html`<p class="clinic">${this.t('ui.clinic.current', { name: clinicName })}</p>` : nothing}
      <ol class="steps">
        ${steps.map((s, i) => html`<li aria-current=${s === this.step ? 'step' : nothing}>${i + 1}. ${this.t(`ui.step.${s}`)}</li>`)}
      </ol>
      <form part="form" novalidate @submit=${this.step === 'summary' ? this.#send : this.#next}>
        <fieldset>
          <legend tabindex="-1">${this.t('ui.invite.steps', { n: index + 1, total: steps.length, name: this.t(`ui.step.${this.step}`) })}</legend>
          ${this.#renderStep()}
        </fieldset>
        ${this.message ? html`<p class="status ${this.message.kind}" role="status">${this.message.text}</p>` : nothing}
        <div class="actions">
          ${index > 0 ? html`<button part="button" type="button" @click=${this.#back}>${this.t('ui.back')}</button>` : nothing}
          ${this.step === 'summary'
            ? html`<button part="button" class="primary" type="submit" ?disabled=${this.#sender.sending}>${this.#sender.sending ? this.t('ui.sending') : this.t('ui.send')}</button>`
            : html`<button part="button" class="primary" type="submit">${this.t('ui.next')}</button>`}
        </div>
      </form>
    `;
  }

  #renderStep(): TemplateResult {
    switch (this.step) {
      case 'clinic':
        return this.#select('clinic', this.#clinic.clinics.map((c) => [c.id, c.name]));
      case 'participant':
        return html`
          ${this.#input('personnummer', { inputmode: 'numeric', hint: 'ui.field.personnummer.hint', onBlur: this.#onPersonnummerBlur })}
          ${this.#lookup.fromCache ? html`<p class="cache" role="status">${this.t('ui.fromCache')}</p>` : nothing}
          <div class="row">${this.#input('givenName')} ${this.#input('familyName')}</div>
          ${this.#input('mobile', { type: 'tel', inputmode: 'tel', hint: 'ui.field.mobile.hint' })}
          ${this.#input('email', { type: 'email' })}
        `;
      case 'visit':
        return html`
          ${this.#input('reason')}
          <div class="row">
            ${visitTimeFields({
              t: this.#t, locale: this.fullLocale, now: this.now(), clinic: this.#clinic.clinics.find((c) => c.id === this.draft.clinic),
              date: this.draft.date, time: this.draft.time, freeTimes: this.#freeTimes.times, onInput: this.#onInput,
              errors: { date: this.#errorText('date'), time: this.#errorText('time') },
            })}
            ${this.#input('duration', { type: 'number', min: '15', max: '120', step: '5', inputmode: 'numeric' })}
          </div>
          ${this.#select('language', PATIENT_LOCALES.map((l) => [l, this.t(`ui.locale.${l}`)]))}
        `;
      case 'interpreter':
        return html`
          <div class="check">
            <input id="interpreter" name="interpreter" type="checkbox" .checked=${live(this.draft.interpreter)} @change=${this.#onInput} />
            <label for="interpreter">${this.t('ui.field.interpreter')}</label>
          </div>
          ${this.draft.interpreter
            ? html`
                ${this.#select('interpreterLanguage', (this.#interpreterLanguages ?? DEFAULT_INTERPRETER_LANGUAGES).map((code) => [code, languageName(code, this.locale)]))}
                ${this.#input('interpreterMobile', { type: 'tel', inputmode: 'tel' })}
                ${this.#input('interpreterEmail', { type: 'email' })}
                <p class="hint">${this.t('ui.interpreter.identification')}</p>
              `
            : nothing}
        `;
      case 'summary':
        return this.#renderSummary();
    }
  }

  #renderSummary(): TemplateResult {
    return inviteSummary({
      t: this.#t, locale: this.locale, fullLocale: this.fullLocale, draft: this.draft, checked: this.#validate(),
      clinicName: this.#clinic.clinics.find((c) => c.id === this.draft.clinic)?.name ?? this.draft.clinic,
      confirmed: this.confirmed, confirmError: this.confirmError,
      onConfirm: (checked) => {
        this.confirmed = checked;
        this.confirmError = false;
      },
    });
  }

  #errorText(name: InviteField): string | undefined {
    const error = this.errors[name];
    return error ? inviteErrorText(name, error, this.#t) : undefined;
  }

  #input(
    name: InviteField,
    opts: { type?: string; inputmode?: string; hint?: MessageKey; min?: string; max?: string; step?: string; onBlur?: () => void } = {},
  ): TemplateResult {
    return inputField({
      ...opts, name, label: this.t(`ui.field.${name}`), hint: opts.hint ? this.t(opts.hint) : undefined, error: this.#errorText(name),
      value: String(this.draft[name]), onInput: this.#onInput,
    });
  }

  #select(name: InviteField, options: readonly (readonly [string, string])[]): TemplateResult {
    return selectField({
      name, label: this.t(`ui.field.${name}`), error: this.#errorText(name), value: String(this.draft[name]), options,
      choose: this.t('ui.choose'), onChange: this.#onInput,
    });
  }
}

function pick(errors: InviteErrors, fields: readonly InviteField[]): InviteErrors {
  return Object.fromEntries(Object.entries(errors).filter(([k]) => fields.includes(k as InviteField)));
}
