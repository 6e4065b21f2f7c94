import { css, html, nothing, type TemplateResult } from 'lit';
import { state } from 'lit/decorators.js';
import { bookingEnd, roomPeerId, type MessageKey, type StarProfileValues } from '../../core/index.js';
import type { GuestRole, GuestSession } from '../../media/index.js';
import { JoinElement } from '../shared/join-base.js';
import { loadProfile, purgeProfiles, saveProfile } from './profile-storage.js';

/**
 * @tagname dh-patient-join
 * @summary The patient's page from the SMS link: the visit's clinic and time, sign-in with BankID or
 * Freja eID where the region's broker is configured, a device check, a waiting room that knocks by itself until the nurse lets them in (with the star profile to fill
 * in meanwhile, if they like), then the call.
 *
 * @fires dh-device-check - From the device check.
 * @fires dh-call-end - The visit ended.
 *
 * @csspart button - Every button.
 *
 * @cssproperty --dh-color-primary - Buttons and headings.
 * @cssproperty --dh-font-family - Font.
 */
export class DhPatientJoin extends JoinElement {
  static override styles = [...JoinElement.styles, css`
    section.profile { margin-top: 1.5rem; padding-top: 1rem; border-top: 1px solid var(--_border); }
  `];

  protected readonly guestRole: GuestRole = 'patient';
  protected readonly titleKey: MessageKey = 'ui.join.title';
  protected override readonly signsIn = true;

  /** The star profile form: closed, loading its code, or open. */
  @state() private accessor profileStep: 'closed' | 'loading' | 'open' | 'failed' = 'closed';
  @state() private accessor profile: StarProfileValues | undefined;
  #room = '';

  override connectedCallback(): void {
    super.connectedCallback();
    purgeProfiles(this.now().getTime());
  }

  protected override onSession(session: GuestSession): void {
    void (async () => {
      this.#room = await roomPeerId(this.token);
      this.profile ??= loadProfile(this.#room);
      if (this.profile) session.setStarProfile(sendable(this.profile));
    })();
  }

  /** Loads the form only when asked for: most of its weight is not in the page's own file. */
  #openProfile = async (): Promise<void> => {
    this.profileStep = 'loading';
    try {
      await import('../star-profile/define.js');
      this.#room ||= await roomPeerId(this.token);
      this.profile ??= loadProfile(this.#room);
      this.profileStep = 'open';
    } catch {
      this.profileStep = 'failed';
    }
  };

  #saved = (e: CustomEvent<{ values: StarProfileValues }>): void => {
    const values = e.detail.values;
    this.profile = values;
    const end = this.listing ? bookingEnd(this.listing).getTime() : this.now().getTime();
    if (this.#room) saveProfile(this.#room, values, end);
    this.session?.setStarProfile(sendable(values));
  };

  protected override renderWaitingExtras(): TemplateResult | typeof nothing {
    return html`
      <section class="profile" aria-labelledby="profile-heading">
        <h2 id="profile-heading">${this.t('ui.join.starProfile')}</h2>
        <p class="hint">${this.t('ui.join.starProfileHint')}</p>
        ${this.profileStep === 'open'
          ? html`<dh-star-profile mode="edit" lang=${this.locale} .values=${this.profile ?? {}} @dh-star-profile-change=${this.#saved}></dh-star-profile>`
          : this.profileStep === 'failed'
            ? html`<p class="status bad" role="alert">${this.t('ui.join.starProfileFailed')}</p>`
            : html`<button part="button" type="button" ?disabled=${this.profileStep === 'loading'} @click=${this.#openProfile}>
                ${this.t(this.profile ? 'ui.join.starProfileEdit' : 'ui.join.starProfileOpen')}</button>`}
        ${this.profile && this.profileStep !== 'open' ? html`<p class="status good" role="status">${this.t('ui.join.starProfileSaved')}</p>` : nothing}
      </section>`;
  }
}

/** Only the answered dimensions, as numbers: what the wire takes. */
function sendable(values: StarProfileValues): Record<string, number> {
  return Object.fromEntries(Object.entries(values).filter((entry): entry is [string, number] => typeof entry[1] === 'number'));
}
