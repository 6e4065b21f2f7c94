import { html, nothing, type TemplateResult } from 'lit';
import { live } from 'lit/directives/live.js';
import {
  formatMobile, isUiLocale, languageName, visitDateText,
  type InviteDraft, type Locale, type MessageKey, type UiLocale, type validateInvite,
} from '../../core/index.js';
import type { Translate } from '../shared/error-text.js';

export interface SummaryOptions {
  readonly t: Translate;
  readonly locale: UiLocale;
  readonly fullLocale: Locale;
  readonly draft: InviteDraft;
  /** The draft as checked now: normalised numbers and the visit's instant when it is valid. */
  readonly checked: ReturnType<typeof validateInvite>;
  readonly clinicName: string;
  readonly confirmed: boolean;
  readonly confirmError: boolean;
  readonly onConfirm: (checked: boolean) => void;
}

/**
 * The invitation's last step: everything to check, the patient's mobile number large (the invitation
 * goes by SMS), and the required "I have checked the mobile number".
 */
export function inviteSummary(o: SummaryOptions): TemplateResult {
  const { t, draft: d, checked: r } = o;
  const when = r.ok ? visitDateText(r.value.start, o.fullLocale) : { date: d.date, time: d.time };
  const mobile = r.ok ? r.value.participant.mobile : d.mobile;
  const row = (label: MessageKey, value: string): TemplateResult => html`<dt>${t(label)}</dt><dd>${value}</dd>`;
  return html`
    <p>${t('ui.summary.check')}</p>
    <p id="mobile-label"><strong>${t('ui.summary.mobile')}</strong></p>
    <p class="mobile" part="mobile" aria-describedby="mobile-label">${formatMobile(mobile)}</p>
    <dl class="summary">
      ${row('ui.field.clinic', o.clinicName)}
      ${row('ui.field.personnummer', r.ok ? r.value.participant.personnummer : d.personnummer)}
      ${row('ui.field.givenName', d.givenName)} ${row('ui.field.familyName', d.familyName)}
      ${row('ui.field.email', d.email || t('ui.summary.none'))}
      ${row('ui.field.reason', d.reason)}
      ${row('ui.field.date', when.date)} ${row('ui.field.time', when.time)}
      ${row('ui.field.duration', t('ui.minutes', { n: String(d.duration) }))}
      ${row('ui.field.language', isUiLocale(d.language) ? t(`ui.locale.${d.language}`) : d.language)}
      ${d.interpreter
        ? html`${row('ui.field.interpreterLanguage', languageName(d.interpreterLanguage, o.locale))}
            ${row('ui.field.interpreterMobile', formatMobile(r.ok ? (r.value.interpreter?.mobile ?? '') : d.interpreterMobile))}
            ${row('ui.field.interpreterEmail', d.interpreterEmail)}`
        : row('ui.step.interpreter', t('ui.summary.interpreterNone'))}
    </dl>
    <div class="check">
      <input id="confirm" name="confirm" type="checkbox" required .checked=${live(o.confirmed)}
        aria-invalid=${o.confirmError ? 'true' : 'false'} aria-describedby=${o.confirmError ? 'confirm-error' : nothing}
        @change=${(e: Event) => {
          o.onConfirm((e.target as HTMLInputElement).checked);
        }} />
      <label for="confirm">${t('ui.summary.confirm')}</label>
    </div>
    ${o.confirmError ? html`<p id="confirm-error" class="error" part="error">${t('ui.summary.confirm.required')}</p>` : nothing}
  `;
}
