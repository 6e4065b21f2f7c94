import type { ReactiveController, ReactiveControllerHost } from 'lit';
import type { InviteDraft } from '../../core/index.js';
import { getServices } from '../shared/services.js';

export type Step = 'clinic' | 'participant' | 'visit' | 'interpreter' | 'summary';

/** A half-filled invitation as it is kept between page loads. */
export interface SavedDraft {
  readonly draft: InviteDraft;
  readonly step: Step;
}

const DRAFT_KEY = 'invite';

/**
 * Keeps what the nurse typed in the invitation across reloads and failures: every change is
 * written, in order, so the last keystroke is what a reload finds. A half-filled draft holds
 * personal data: the store deletes it after the same 30 days as the participant cache.
 */
export class InviteDraftController implements ReactiveController {
  readonly #snapshot: () => SavedDraft;
  #chain: Promise<unknown> = Promise.resolve();

  constructor(host: ReactiveControllerHost, snapshot: () => SavedDraft) {
    this.#snapshot = snapshot;
    host.addController(this);
  }

  hostConnected(): void {
    // Nothing to acquire: the store is the page's, opened by the services.
  }

  /** The draft saved by an earlier page, if any. */
  async load(): Promise<SavedDraft | undefined> {
    return (await getServices()).store.drafts.get<SavedDraft>(DRAFT_KEY);
  }

  /** Writes the current draft after every earlier write. */
  save(): void {
    const record = this.#snapshot();
    // The services of now, not of when the write's turn comes (a test or a host page may reset them).
    const services = getServices();
    this.#chain = this.#chain.then(async () => (await services).store.drafts.set(DRAFT_KEY, record)).catch(() => undefined);
  }

  /** Forgets the draft once it was sent, after any write still under way. */
  async clear(): Promise<void> {
    const services = getServices();
    await this.#chain;
    await (await services).store.drafts.delete(DRAFT_KEY);
  }
}
