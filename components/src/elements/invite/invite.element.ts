import { html, nothing, type PropertyValues, type TemplateResult } from 'lit';
import { property, state } from 'lit/decorators.js';
import { live } from 'lit/directives/live.js';
import {
  DEFAULT_DURATION_MINUTES, DEFAULT_INTERPRETER_LANGUAGES, PATIENT_LOCALES, emptyDraft, isUiLocale, languageName, parsePersonnummer,
  formatMobile, validateInvite, visitDateText,
  type InviteDraft, type InviteErrors, type InviteField, type MessageKey, type Params,
} from '../../core/index.js';
import type { SendResult } from '../../notify/index.js';
import type { SmsOutcome, VisitService } from '../../visits/visit-service.js';
import { baseStyles } from '../shared/base.styles.js';
import '../shared/nurse-texts.js';
import { DhElement } from '../shared/dh-element.js';
import { errorText, inviteErrorText } from '../shared/error-text.js';
import { getServices } from '../shared/services.js';
import { inviteStyles } from './invite.styles.js';

type Step = 'clinic' | 'participant' | 'visit' | 'interpreter' | 'summary';
const STEPS: readonly Step[] = ['clinic', 'participant', 'visit', 'interpreter', 'summary'];
const STEP_FIELDS: Record<Step, readonly InviteField[]> = {
  clinic: ['clinic'],
  participant: ['personnummer', 'givenName', 'familyName', 'mobile', 'email'],
  visit: ['reason', 'date', 'time', 'duration', 'language'],
  interpreter: ['interpreterLanguage', 'interpreterMobile', 'interpreterEmail'],
  summary: [],
};
const DRAFT_KEY = 'invite';
const LAST_CLINIC_KEY = 'last-clinic';

interface SavedDraft {
  readonly draft: InviteDraft;
  readonly step: Step;
}

/**
 * @tagname dh-invite
 * @summary The nurse's invitation wizard: clinic → participant → visit → interpreter → summary → send.
 *
 * @fires dh-before-invite-send - Cancelable. Fired with the checked invitation before anything is stored or sent.
 * @fires dh-invite-sent - The booking is stored and the invitations were handed to the SMS relay; `detail.bookingId`.
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

  /** Injectable clock for tests; the real time otherwise. */
  @property({ attribute: false }) accessor now: () => Date = () => new Date();

  @state() private accessor step: Step = 'clinic';
  @state() private accessor draft: InviteDraft = emptyDraft();
  @state() private accessor errors: InviteErrors = {};
  @state() private accessor fromCache = false;
  @state() private accessor confirmed = false;
  @state() private accessor confirmError = false;
  @state() private accessor sending = false;
  @state() private accessor message: { text: string; kind: 'good' | 'bad' | 'info' } | undefined;
  @state() private accessor sent: { bookingId: string; sms: SmsOutcome[] } | undefined;
  @state() private accessor ready = false;
  /** Why the wizard could not start (the store cannot be opened: another tab has a newer page, say). */
  @state() private accessor failure: unknown;

  #services: VisitService | undefined;
  readonly #t = (key: MessageKey, params?: Params): string => this.t(key, params);
  #focusFirstError = false;
  #focusStep = false;
  #saveChain: Promise<unknown> = Promise.resolve();

  override connectedCallback(): void {
    super.connectedCallback();
    this.#load().catch((error: unknown) => {
      this.failure = error;
    });
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

  async #load(): Promise<void> {
    const services = await getServices();
    this.#services = services;
    // A half-filled draft holds personal data: the store deletes it after the same 30 days.
    const saved = await services.store.drafts.get<SavedDraft>(DRAFT_KEY);
    if (saved) {
      this.draft = { ...emptyDraft(), ...saved.draft };
      this.step = saved.step;
    } else {
      const lastClinic = await services.store.settings.get<string>(LAST_CLINIC_KEY);
      const clinics = services.config.clinics;
      const clinic = clinics.find((c) => c.id === lastClinic)?.id ?? (clinics.length === 1 ? clinics[0]?.id : undefined);
      this.draft = { ...emptyDraft(), duration: DEFAULT_DURATION_MINUTES, ...(clinic ? { clinic } : {}) };
    }
    this.ready = true;
  }

  #save(): void {
    const services = this.#services;
    if (!services) return;
    const record: SavedDraft = { draft: this.draft, step: this.step };
    // Writes go in order, so the last keystroke is what survives a reload.
    this.#saveChain = this.#saveChain.then(() => services.store.drafts.set(DRAFT_KEY, record)).catch(() => undefined);
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
    if (name === 'personnummer') void this.#checkPersonnummer(String(value), false);
    if (name === 'mobile') this.confirmed = false;
    this.#save();
  };

  #onPersonnummerBlur = (): void => {
    void this.#checkPersonnummer(this.draft.personnummer, true);
  };

  /** Validates as the nurse types (once the number is complete) and fills in a recent participant. */
  async #checkPersonnummer(value: string, final: boolean): Promise<void> {
    const digits = value.replace(/\D/g, '').length;
    if (!final && digits < 10) return;
    const parsed = parsePersonnummer(value, this.now());
    if (!parsed.ok) {
      if (final || digits >= 10) this.errors = { ...this.errors, personnummer: { code: parsed.error.code } };
      return;
    }
    const found = await this.#services?.store.participants.find(parsed.value.id);
    if (!found || this.draft.personnummer !== value) return;
    // Only empty fields are filled: what the nurse typed meanwhile is never overwritten.
    const fill = { givenName: found.givenName, familyName: found.familyName, mobile: found.mobile, email: found.email ?? '' };
    const empty = Object.entries(fill).filter(([k, v]) => v !== '' && this.draft[k as keyof typeof fill].trim() === '');
    if (empty.length === 0) return;
    this.draft = { ...this.draft, ...Object.fromEntries(empty) };
    this.fromCache = true;
    this.#save();
  }

  #validate(): ReturnType<typeof validateInvite> {
    const config = this.#services?.config;
    return validateInvite(this.draft, this.now(), {
      ...(config && config.clinics.length > 0 ? { clinics: config.clinics } : {}),
      ...(config?.interpreterLanguages ? { interpreterLanguages: config.interpreterLanguages } : {}),
    });
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
    this.#goTo(STEPS[STEPS.indexOf(this.step) + 1] ?? 'summary');
  };

  #back = (): void => {
    this.errors = {};
    this.#goTo(STEPS[STEPS.indexOf(this.step) - 1] ?? 'clinic');
  };

  #goTo(step: Step): void {
    this.step = step;
    this.message = undefined;
    this.#focusStep = true;
    this.#save();
  }

  #send = async (e: Event): Promise<void> => {
    e.preventDefault();
    if (this.sending || !this.#services) return;
    if (!this.confirmed) {
      this.confirmError = true;
      this.#focusFirstError = true;
      return;
    }
    const result = this.#validate();
    if (!result.ok) {
      // Something changed since the step was checked (time passed, say): show it where it belongs.
      const first = Object.keys(result.errors)[0] as InviteField;
      this.step = STEPS.find((s) => STEP_FIELDS[s].includes(first)) ?? 'clinic';
      this.errors = pick(result.errors, STEP_FIELDS[this.step]);
      this.#focusFirstError = true;
      return;
    }
    if (!this.emit('dh-before-invite-send', { invite: result.value }, { cancelable: true })) {
      this.message = { text: this.t('ui.invite.vetoed'), kind: 'info' };
      return;
    }
    this.sending = true;
    this.message = undefined;
    try {
      const { booking, sms } = await this.#services.book(result.value, this.now());
      await this.#services.store.settings.set(LAST_CLINIC_KEY, booking.clinicId);
      await this.#saveChain;
      await this.#services.store.drafts.delete(DRAFT_KEY);
      this.sent = { bookingId: booking.id, sms };
      this.emit('dh-invite-sent', { bookingId: booking.id, smsSent: sms.every((s) => s.result.status === 'sent') });
      this.#focusStep = true;
    } catch (error) {
      this.message = { text: errorText(error, this.#t), kind: 'bad' };
    } finally {
      this.sending = false;
    }
  };

  #retry = async (): Promise<void> => {
    const sent = this.sent;
    const services = this.#services;
    if (!sent || !services) return;
    const retried: SmsOutcome[] = [];
    for (const outcome of sent.sms) {
      if (outcome.result.status === 'sent') retried.push(outcome);
      else retried.push({ ...outcome, result: (await services.relay.retry(outcome.result.id)) ?? outcome.result });
    }
    this.sent = { ...sent, sms: retried };
  };

  #newInvite = (): void => {
    const clinic = this.draft.clinic;
    this.sent = undefined;
    this.draft = { ...emptyDraft(), clinic };
    this.confirmed = false;
    this.fromCache = false;
    this.errors = {};
    this.#goTo(clinic ? 'participant' : 'clinic');
  };

  protected override render(): TemplateResult {
    if (this.failure !== undefined) return html`<p class="status bad" role="alert">${errorText(this.failure, this.#t)}</p>`;
    if (!this.ready) return html`<p role="status">${this.t('ui.calendar.loading')}</p>`;
    if (this.sent) return this.#renderSent(this.sent);
    const index = STEPS.indexOf(this.step);
    return html`
      <h2 tabindex="-1">${this.t('ui.invite.title')}</h2>
      <ol class="steps">
        ${STEPS.map((s, i) => html`<li aria-current=${s === this.step ? 'step' : nothing}>${i + 1}. ${this.t(`ui.step.${s}`)}</li>`)}
      </ol>
      <form part="form" novalidate @submit=${this.step === 'summary' ? this.#send : this.#next}>
        <fieldset>
          <legend tabindex="-1">${this.t('ui.invite.steps', { n: index + 1, total: STEPS.length, name: this.t(`ui.step.${this.step}`) })}</legend>
          ${this.#renderStep()}
        </fieldset>
        ${this.message ? html`<p class="status ${this.message.kind}" role="status">${this.message.text}</p>` : nothing}
        <div class="actions">
          ${index > 0 ? html`<button part="button" type="button" @click=${this.#back}>${this.t('ui.back')}</button>` : nothing}
          ${this.step === 'summary'
            ? html`<button part="button" class="primary" type="submit" ?disabled=${this.sending}>${this.sending ? this.t('ui.sending') : this.t('ui.send')}</button>`
            : html`<button part="button" class="primary" type="submit">${this.t('ui.next')}</button>`}
        </div>
      </form>
    `;
  }

  #renderStep(): TemplateResult {
    switch (this.step) {
      case 'clinic':
        return this.#select('clinic', (this.#services?.config.clinics ?? []).map((c) => [c.id, c.name]));
      case 'participant':
        return html`
          ${this.#input('personnummer', { inputmode: 'numeric', autocomplete: 'off', hint: 'ui.field.personnummer.hint', onBlur: this.#onPersonnummerBlur })}
          ${this.fromCache ? html`<p class="cache" role="status">${this.t('ui.fromCache')}</p>` : nothing}
          <div class="row">
            ${this.#input('givenName', { autocomplete: 'off' })} ${this.#input('familyName', { autocomplete: 'off' })}
          </div>
          ${this.#input('mobile', { type: 'tel', inputmode: 'tel', autocomplete: 'off', hint: 'ui.field.mobile.hint' })}
          ${this.#input('email', { type: 'email', autocomplete: 'off' })}
        `;
      case 'visit':
        return html`
          ${this.#input('reason', { autocomplete: 'off' })}
          <div class="row">
            ${this.#input('date', { inputmode: 'numeric', autocomplete: 'off', hint: 'ui.field.date.hint' })}
            ${this.#input('time', { inputmode: 'numeric', autocomplete: 'off', hint: 'ui.field.time.hint' })}
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
                ${this.#select('interpreterLanguage', (this.#services?.config.interpreterLanguages ?? DEFAULT_INTERPRETER_LANGUAGES).map((code) => [code, languageName(code, this.locale)]))}
                ${this.#input('interpreterMobile', { type: 'tel', inputmode: 'tel', autocomplete: 'off' })}
                ${this.#input('interpreterEmail', { type: 'email', autocomplete: 'off' })}
                <p class="hint">${this.t('ui.interpreter.identification')}</p>
              `
            : nothing}
        `;
      case 'summary':
        return this.#renderSummary();
    }
  }

  #renderSummary(): TemplateResult {
    const r = this.#validate();
    const d = this.draft;
    const clinic = this.#services?.clinic(d.clinic).name ?? d.clinic;
    const when = r.ok ? visitDateText(r.value.start, this.fullLocale) : { date: d.date, time: d.time };
    const mobile = r.ok ? r.value.participant.mobile : d.mobile;
    const row = (label: MessageKey, value: string): TemplateResult => html`<dt>${this.t(label)}</dt><dd>${value}</dd>`;
    return html`
      <p>${this.t('ui.summary.check')}</p>
      <p id="mobile-label"><strong>${this.t('ui.summary.mobile')}</strong></p>
      <p class="mobile" part="mobile" aria-describedby="mobile-label">${formatMobile(mobile)}</p>
      <dl class="summary">
        ${row('ui.field.clinic', clinic)}
        ${row('ui.field.personnummer', r.ok ? r.value.participant.personnummer : d.personnummer)}
        ${row('ui.field.givenName', d.givenName)} ${row('ui.field.familyName', d.familyName)}
        ${row('ui.field.email', d.email || this.t('ui.summary.none'))}
        ${row('ui.field.reason', d.reason)}
        ${row('ui.field.date', when.date)} ${row('ui.field.time', when.time)}
        ${row('ui.field.duration', this.t('ui.minutes', { n: String(d.duration) }))}
        ${row('ui.field.language', isUiLocale(d.language) ? this.t(`ui.locale.${d.language}`) : d.language)}
        ${d.interpreter
          ? html`${row('ui.field.interpreterLanguage', languageName(d.interpreterLanguage, this.locale))}
              ${row('ui.field.interpreterMobile', formatMobile(r.ok ? (r.value.interpreter?.mobile ?? '') : d.interpreterMobile))}
              ${row('ui.field.interpreterEmail', d.interpreterEmail)}`
          : row('ui.step.interpreter', this.t('ui.summary.interpreterNone'))}
      </dl>
      <div class="check">
        <input id="confirm" name="confirm" type="checkbox" required .checked=${live(this.confirmed)}
          aria-invalid=${this.confirmError ? 'true' : 'false'} aria-describedby=${this.confirmError ? 'confirm-error' : nothing}
          @change=${(e: Event) => {
            this.confirmed = (e.target as HTMLInputElement).checked;
            this.confirmError = false;
          }} />
        <label for="confirm">${this.t('ui.summary.confirm')}</label>
      </div>
      ${this.confirmError ? html`<p id="confirm-error" class="error" part="error">${this.t('ui.summary.confirm.required')}</p>` : nothing}
    `;
  }

  #renderSent(sent: { bookingId: string; sms: SmsOutcome[] }): TemplateResult {
    const failed = sent.sms.filter((s) => s.result.status !== 'sent');
    const rejected = failed.find((s) => s.result.status === 'rejected')?.result as Extract<SendResult, { status: 'rejected' }> | undefined;
    return html`
      <h2 tabindex="-1">${failed.length === 0 ? this.t('ui.sent.title') : this.t('ui.sent.failed')}</h2>
      ${failed.length === 0
        ? html`<p class="status good" role="status">${this.t('ui.sent.text')}</p>`
        : html`
            <p class="status bad" role="alert">
              ${rejected ? this.t('ui.sent.rejected', { reason: rejected.error.reason }) : this.t('relay.queued')}
            </p>
            <button part="button" type="button" @click=${this.#retry}>${this.t('ui.sms.retry')}</button>
          `}
      <div class="actions">
        <button part="button" class="primary" type="button" @click=${this.#newInvite}>${this.t('ui.invite.new')}</button>
      </div>
    `;
  }

  #input(
    name: InviteField,
    opts: { type?: string; inputmode?: string; autocomplete?: string; hint?: MessageKey; min?: string; max?: string; step?: string; onBlur?: () => void } = {},
  ): TemplateResult {
    const error = this.errors[name];
    const described = [opts.hint ? `${name}-hint` : '', error ? `${name}-error` : ''].filter(Boolean).join(' ');
    return html`
      <div class="field" part="field">
        <label for=${name}>${this.t(`ui.field.${name}`)}</label>
        ${opts.hint ? html`<p id="${name}-hint" class="hint">${this.t(opts.hint)}</p>` : nothing}
        <input id=${name} name=${name} type=${opts.type ?? 'text'} .value=${live(String(this.draft[name]))}
          inputmode=${opts.inputmode ?? nothing} autocomplete=${opts.autocomplete ?? nothing}
          min=${opts.min ?? nothing} max=${opts.max ?? nothing} step=${opts.step ?? nothing}
          aria-invalid=${error ? 'true' : 'false'} aria-describedby=${described || nothing}
          @input=${this.#onInput} @blur=${opts.onBlur ?? nothing} />
        ${error ? html`<p id="${name}-error" class="error" part="error">${inviteErrorText(name, error, this.#t)}</p>` : nothing}
      </div>
    `;
  }

  #select(name: InviteField, options: readonly (readonly [string, string])[]): TemplateResult {
    const error = this.errors[name];
    const value = String(this.draft[name]);
    return html`
      <div class="field" part="field">
        <label for=${name}>${this.t(`ui.field.${name}`)}</label>
        <select id=${name} name=${name} aria-invalid=${error ? 'true' : 'false'}
          aria-describedby=${error ? `${name}-error` : nothing} @change=${this.#onInput}>
          <option value="" ?selected=${value === ''}>${this.t('ui.choose')}</option>
          ${options.map(([v, label]) => html`<option value=${v} ?selected=${v === value}>${label}</option>`)}
        </select>
        ${error ? html`<p id="${name}-error" class="error" part="error">${inviteErrorText(name, error, this.#t)}</p>` : nothing}
      </div>
    `;
  }
}

function pick(errors: InviteErrors, fields: readonly InviteField[]): InviteErrors {
  return Object.fromEntries(Object.entries(errors).filter(([k]) => fields.includes(k as InviteField)));
}
