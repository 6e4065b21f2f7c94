import type { ReactiveController, ReactiveControllerHost } from 'lit';
import { currentClinicId } from '../../core/clinic-choice.js';
import type { Clinic } from '../../core/index.js';
import { dhEvent } from './events.js';
import { CURRENT_CLINIC_KEY, getServices } from './services.js';

/**
 * One current clinic for the whole page. The nurse chooses it once (in `dh-clinic-picker`, or the
 * invitation's first step); the choice is kept in her store (a clinic id is no personal data) and
 * announced as `dh-clinic-change`, which every element's controller hears on `window` and follows at
 * once. An element whose page pins a clinic (its `clinic` attribute) keeps that one.
 */
export class CurrentClinicController implements ReactiveController {
  readonly #host: ReactiveControllerHost & HTMLElement;
  readonly #pinned: () => string;
  #chosen: string | undefined;
  /** A choice heard on the page before the store answered is newer than what the store holds. */
  #heard = false;
  #clinics: readonly Clinic[] = [];
  #ready: Promise<void> = Promise.resolve();

  constructor(host: ReactiveControllerHost & HTMLElement, pinned: () => string) {
    this.#host = host;
    this.#pinned = pinned;
    host.addController(this);
  }

  hostConnected(): void {
    window.addEventListener('dh-clinic-change', this.#onChange);
    this.#ready = this.#read();
  }

  hostDisconnected(): void {
    window.removeEventListener('dh-clinic-change', this.#onChange);
  }

  /** The clinic to work for: the pinned one, the nurse's choice, the only one configured; '' if none. */
  get id(): string {
    return currentClinicId(this.#clinics, { pinned: this.#pinned(), chosen: this.#chosen });
  }

  /** The page pins this element to a clinic: the nurse's choice does not move it. */
  get pinned(): boolean {
    return this.#pinned() !== '';
  }

  /** The configured clinics (empty until the services are open). */
  get clinics(): readonly Clinic[] {
    return this.#clinics;
  }

  /** Resolves once the nurse's remembered choice has been read. */
  get ready(): Promise<void> {
    return this.#ready;
  }

  /** The nurse chooses a clinic: every element on the page follows now, and her browser remembers it. */
  async choose(clinicId: string): Promise<void> {
    if (clinicId === this.#chosen) return;
    this.#chosen = clinicId;
    this.#heard = true;
    this.#host.requestUpdate();
    this.#host.dispatchEvent(dhEvent('dh-clinic-change', { clinicId }));
    await (await getServices()).store.settings.set(CURRENT_CLINIC_KEY, clinicId);
  }

  async #read(): Promise<void> {
    try {
      const services = await getServices();
      this.#clinics = services.config.clinics;
      const remembered = await services.store.settings.get<string>(CURRENT_CLINIC_KEY);
      if (!this.#heard) this.#chosen = remembered;
    } catch {
      // The store cannot be opened: the element says so itself; there is no choice to follow.
    }
    this.#host.requestUpdate();
  }

  readonly #onChange = (e: GlobalEventHandlersEventMap['dh-clinic-change']): void => {
    this.#heard = true;
    if (e.detail.clinicId === this.#chosen) return;
    this.#chosen = e.detail.clinicId;
    this.#host.requestUpdate();
  };
}
