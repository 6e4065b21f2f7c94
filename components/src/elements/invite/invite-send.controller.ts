import { html, type ReactiveController, type ReactiveControllerHost, type TemplateResult } from 'lit';
import type { ValidInvite } from '../../core/index.js';
import type { SendResult } from '../../notify/index.js';
import type { SmsOutcome } from '../../visits/visit-service.js';
import type { Translate } from '../shared/error-text.js';
import { dhEvent } from '../shared/events.js';
import { getServices } from '../shared/services.js';

export interface Sent {
  readonly bookingId: string;
  readonly sms: readonly SmsOutcome[];
}

/**
 * Sending a checked invitation: a host page may veto it (`dh-before-invite-send`); then the booking
 * is stored and its SMS handed to the relay (`dh-invite-sent`). An SMS the relay could not take
 * stays in the outbox; "Försök skicka igen" tries it now.
 */
export class InviteSendController implements ReactiveController {
  sending = false;
  sent: Sent | undefined;
  readonly #host: ReactiveControllerHost & HTMLElement;

  constructor(host: ReactiveControllerHost & HTMLElement) {
    this.#host = host;
    host.addController(this);
  }

  hostConnected(): void {
    // Nothing to acquire: the relay and the store are the page's.
  }

  /**
   * 'vetoed' when a host page said no; 'sent' once the booking is stored (its SMS sent or queued).
   * Throws what the store or the relay threw: the form shows it and keeps the draft.
   */
  async send(invite: ValidInvite, now: Date): Promise<'sent' | 'vetoed'> {
    if (!this.#host.dispatchEvent(dhEvent('dh-before-invite-send', { invite }, { cancelable: true }))) return 'vetoed';
    this.sending = true;
    this.#host.requestUpdate();
    try {
      const { booking, sms } = await (await getServices()).book(invite, now);
      this.sent = { bookingId: booking.id, sms };
      this.#host.dispatchEvent(dhEvent('dh-invite-sent', { bookingId: booking.id, smsSent: sms.every((s) => s.result.status === 'sent') }));
      return 'sent';
    } finally {
      this.sending = false;
      this.#host.requestUpdate();
    }
  }

  /** Tries every unsent SMS of the last invitation again. */
  readonly retry = async (): Promise<void> => {
    const sent = this.sent;
    if (!sent) return;
    const services = await getServices();
    const retried: SmsOutcome[] = [];
    for (const outcome of sent.sms) {
      if (outcome.result.status === 'sent') retried.push(outcome);
      else retried.push({ ...outcome, result: (await services.relay.retry(outcome.result.id)) ?? outcome.result });
    }
    this.sent = { ...sent, sms: retried };
    this.#host.requestUpdate();
  };

  /** Ready for the next invitation. */
  reset(): void {
    this.sent = undefined;
  }

  /** What became of the invitation: sent, or saved with its SMS waiting (and a retry). */
  render(t: Translate, onNew: () => void): TemplateResult {
    const sms = this.sent?.sms ?? [];
    const failed = sms.filter((s) => s.result.status !== 'sent');
    const rejected = failed.find((s) => s.result.status === 'rejected')?.result as Extract<SendResult, { status: 'rejected' }> | undefined;
    return html`
      <h2 tabindex="-1">${failed.length === 0 ? t('ui.sent.title') : t('ui.sent.failed')}</h2>
      ${failed.length === 0
        ? html`<p class="status good" role="status">${t('ui.sent.text')}</p>`
        : html`
            <p class="status bad" role="alert">
              ${rejected ? t('ui.sent.rejected', { reason: rejected.error.reason }) : t('relay.queued')}
            </p>
            <button part="button" type="button" @click=${this.retry}>${t('ui.sms.retry')}</button>
          `}
      <div class="actions">
        <button part="button" class="primary" type="button" @click=${onNew}>${t('ui.invite.new')}</button>
      </div>
    `;
  }
}
