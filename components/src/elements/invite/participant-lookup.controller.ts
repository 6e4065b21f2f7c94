import type { ReactiveController, ReactiveControllerHost } from 'lit';
import { parsePersonnummer, type InviteDraft, type PersonnummerErrorCode } from '../../core/index.js';
import type { ParticipantRecord } from '../../store/index.js';
import { dhEvent } from '../shared/events.js';
import { getServices } from '../shared/services.js';

type Contact = Pick<InviteDraft, 'givenName' | 'familyName' | 'mobile' | 'email'>;

export interface LookupHost {
  readonly now: () => Date;
  /** The draft as it is now (the nurse may type on while the store answers). */
  readonly draft: () => InviteDraft;
  /** Fills these empty fields in. */
  readonly fill: (fields: Partial<Contact>) => void;
  readonly invalid: (code: PersonnummerErrorCode) => void;
}

/**
 * Checks the personnummer as the nurse types it (once it is complete) and fills in the details of
 * a participant seen in the last 30 days. Each look-up in the participant cache ends with
 * `dh-participant-lookup`, whether or not anything was filled in.
 */
export class ParticipantLookupController implements ReactiveController {
  /** Details were filled in from an earlier visit (the form says so, for the nurse to check). */
  fromCache = false;
  readonly #host: ReactiveControllerHost & HTMLElement;
  readonly #to: LookupHost;

  constructor(host: ReactiveControllerHost & HTMLElement, to: LookupHost) {
    this.#host = host;
    this.#to = to;
    host.addController(this);
  }

  hostConnected(): void {
    // Nothing to acquire: look-ups use the page's store.
  }

  /** `final` when the nurse leaves the field: an incomplete number is an error then, not before. */
  async check(value: string, final: boolean): Promise<void> {
    const digits = value.replace(/\D/g, '').length;
    if (!final && digits < 10) return;
    const parsed = parsePersonnummer(value, this.#to.now());
    if (!parsed.ok) {
      if (final || digits >= 10) this.#to.invalid(parsed.error.code);
      return;
    }
    const found = await (await getServices()).store.participants.find(parsed.value.id);
    const filled = found !== undefined && this.#to.draft().personnummer === value && this.#fill(found);
    this.#host.dispatchEvent(dhEvent('dh-participant-lookup', { filled }));
  }

  /** Only empty fields are filled: what the nurse typed meanwhile is never overwritten. */
  #fill(found: ParticipantRecord): boolean {
    const draft = this.#to.draft();
    const fill: Contact = { givenName: found.givenName, familyName: found.familyName, mobile: found.mobile, email: found.email ?? '' };
    const empty = Object.entries(fill).filter(([k, v]) => v !== '' && draft[k as keyof Contact].trim() === '');
    if (empty.length === 0) return false;
    this.#to.fill(Object.fromEntries(empty));
    this.fromCache = true;
    this.#host.requestUpdate();
    return true;
  }
}
