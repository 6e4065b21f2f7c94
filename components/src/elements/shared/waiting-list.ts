import { css, html, nothing, type TemplateResult } from 'lit';
import { clockText, swedishClock, type MessageKey, type Params } from '../../core/index.js';
import type { Guest } from '../../media/index.js';

export const waitingListStyles = css`
  ul.waiting { list-style: none; padding: 0; margin: 0 0 1rem; display: grid; gap: 0.5rem; }
  ul.waiting li { padding: 0.5rem 0.75rem; border-inline-start: 4px solid var(--_primary); background: #eef4f9;
    display: flex; flex-wrap: wrap; align-items: center; gap: 0.5rem; }
  ul.waiting li .who { flex: 1 1 12rem; }
  ul.waiting li.locked { border-color: var(--_error); }
`;

export interface WaitingListHandlers {
  readonly t: (key: MessageKey, params?: Params) => string;
  /** False while the nurse's own devices are not checked yet. */
  readonly canLetIn?: boolean;
  readonly letIn: (guest: Guest) => void;
  readonly deny: (guest: Guest) => void;
  /** Beside each waiting patient (the lobby's identity slot). */
  readonly extra?: (guest: Guest) => TemplateResult | typeof nothing;
}

const capitalise = (s: string): string => s.charAt(0).toUpperCase() + s.slice(1);

/**
 * The nurse's waiting guests, each with its role, time of arrival, and "Släpp in" / "Neka": the
 * same list in the lobby and, for late arrivals, in the call view.
 */
export function waitingList(guests: readonly Guest[], h: WaitingListHandlers): TemplateResult {
  return html`
    <ul class="waiting" part="waiting" aria-live="polite">
      ${guests.map((g) => {
        const who = h.t(`ui.role.${g.role}` as MessageKey);
        const role = capitalise(who);
        const time = clockText(swedishClock(new Date(g.arrivedAt)).minutes);
        const code = g.role !== 'interpreter' ? nothing
          : html` – ${h.t(g.locked ? 'ui.admit.locked' : g.verified ? 'ui.lobby.verified' : 'ui.lobby.unverified')}`;
        return html`
          <li class=${g.locked ? 'locked' : ''}>
            <span class="who"><strong>${h.t('ui.admit.arrived', { role, time })}</strong>${code}${h.extra?.(g) ?? nothing}</span>
            <button part="button admit" class="primary" type="button" ?disabled=${!g.verified || h.canLetIn === false}
              aria-label=${h.t('ui.admit.letInLabel', { who, time })} @click=${() => { h.letIn(g); }}>${h.t('ui.admit.letIn')}</button>
            <button part="button deny" type="button" aria-label=${h.t('ui.admit.denyLabel', { who, time })}
              @click=${() => { h.deny(g); }}>${h.t('ui.admit.deny')}</button>
          </li>`;
      })}
    </ul>`;
}
