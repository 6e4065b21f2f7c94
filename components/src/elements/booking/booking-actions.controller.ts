import type { ReactiveController, ReactiveControllerHost } from 'lit';
import { formatMobile, type Booking, type MessageKey } from '../../core/index.js';
import { StaleBookingError, type OutboxEntry } from '../../store/index.js';
import type { SmsOutcome, VisitService } from '../../visits/visit-service.js';
import { errorText, smsErrorText, type Translate } from '../shared/error-text.js';
import { dhEvent, type BookingChangeDetail } from '../shared/events.js';
import { getServices } from '../shared/services.js';

export interface ActionsHost {
  readonly t: Translate;
  /** The booking as stored after an action. */
  readonly changed: (booking: Booking) => void;
  /** Where focus goes after a refusal (a selector in the host's shadow root). */
  readonly focus: (selector: string) => void;
}

/**
 * What the nurse does to a booking — cancel, resend, a new code for the interpreter, retry unsent
 * SMS — one at a time, each ending in a message: sent, queued, refused by the relay, or stale (the
 * booking changed in another tab, so nothing was saved).
 */
export class BookingActionsController implements ReactiveController {
  busy = false;
  stale = false;
  message: { text: string; kind: 'good' | 'bad' } | undefined;
  unsent: OutboxEntry[] = [];
  /** The interpreter typed a wrong code too many times: "Skicka ny kod" is offered up front. */
  codeLocked = false;
  readonly #host: ReactiveControllerHost & HTMLElement;
  readonly #to: ActionsHost;
  #services: VisitService | undefined;

  constructor(host: ReactiveControllerHost & HTMLElement, to: ActionsHost) {
    this.#host = host;
    this.#to = to;
    host.addController(this);
  }

  hostConnected(): void {
    // Nothing to acquire: the store and the relay are the page's.
  }

  /** Reads what is pending for a booking shown anew: unsent SMS, a locked interpreter code. */
  async read(booking: Booking | undefined): Promise<void> {
    const services = this.#services = await getServices();
    this.stale = false;
    this.unsent = booking ? await services.unsent(booking.id) : [];
    this.codeLocked = booking?.interpreter ? await services.store.interpreterCodes.locked(booking.id) : false;
    this.#host.requestUpdate();
  }

  /** Runs one action: busy meanwhile, a stale edit or any failure said, the unsent SMS read again. */
  async run(booking: Booking, action: (services: VisitService) => Promise<void>): Promise<void> {
    this.busy = true;
    this.message = undefined;
    this.#host.requestUpdate();
    // Read with the booking: an action answers within the same turn when it is refused at once.
    const services = this.#services ?? await getServices();
    try {
      await action(services);
    } catch (error) {
      if (error instanceof StaleBookingError) {
        this.stale = true;
        this.#to.focus('.status.bad');
      } else {
        this.message = { text: errorText(error, this.#to.t), kind: 'bad' };
      }
    } finally {
      this.busy = false;
      this.#host.requestUpdate();
      this.unsent = await services.unsent(booking.id);
      this.#host.requestUpdate();
    }
  }

  /** Says how the SMS of an action went. */
  report(sms: readonly SmsOutcome[], ok: MessageKey): void {
    const t = this.#to.t;
    const failed = sms.flatMap((s) => (s.result.status === 'sent' ? [] : [s.result.error]));
    const rejected = failed.find((e) => e.code === 'rejected');
    this.message = failed.length === 0 ? { text: t(ok), kind: 'good' }
      : rejected ? { text: t('ui.sent.rejected', { reason: rejected.reason }), kind: 'bad' }
      : { text: `${t('ui.sent.failed')} ${t('relay.queued')}`, kind: 'bad' };
  }

  #changed(booking: Booking, change: BookingChangeDetail['change']): void {
    this.#host.dispatchEvent(dhEvent('dh-booking-change', { bookingId: booking.id, change }));
  }

  cancel(booking: Booking): Promise<void> {
    return this.run(booking, async (services) => {
      const result = await services.cancel(booking);
      this.#to.changed(result.booking);
      this.report(result.sms, 'ui.booking.cancelled');
      this.#changed(booking, 'cancelled');
    });
  }

  resend(booking: Booking): Promise<void> {
    return this.run(booking, async (services) => {
      this.report(await services.resend(booking), 'ui.booking.resent');
      this.#changed(booking, 'resent');
    });
  }

  newCode(booking: Booking): Promise<void> {
    return this.run(booking, async (services) => {
      const result = await services.newInterpreterCode(booking);
      this.#to.changed(result.booking);
      this.codeLocked = false;
      this.report(result.sms, 'ui.booking.newCodeSent');
      this.#changed(booking, 'new-code');
    });
  }

  retryUnsent(booking: Booking): Promise<void> {
    return this.run(booking, async (services) => {
      for (const entry of this.unsent) await services.relay.retry(entry.id);
    });
  }

  /** Each unsent SMS's recipient and why it is unsent, worded now: the outbox keeps codes, not text. */
  unsentReasons(): string[] {
    const lines = this.unsent.flatMap((e) => (e.lastError ? [`${formatMobile(e.to)}: ${smsErrorText(e.lastError, this.#to.t)}`] : []));
    return [...new Set(lines)];
  }
}
