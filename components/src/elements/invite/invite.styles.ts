import { css } from 'lit';

export const inviteStyles = css`
  :host { max-width: 36rem; padding: 1rem 1.25rem; border: 1px solid var(--dh-color-border, #c8c8c8); border-radius: var(--_radius); }
  ol.steps { display: flex; flex-wrap: wrap; gap: 0.25rem 1rem; list-style: none; padding: 0; margin: 0 0 1rem; font-size: 0.9em; color: var(--_muted); }
  ol.steps [aria-current='step'] { color: var(--_primary); font-weight: 700; text-decoration: underline; }
  fieldset { border: 0; padding: 0; margin: 0; min-width: 0; }
  legend { font-size: 1.15em; font-weight: 700; padding: 0; margin-bottom: 0.75rem; }
  .clinic { margin: 0 0 0.75rem; font-weight: 600; }
  .cache { margin: 0 0 1rem; padding: 0.4rem 0.75rem; background: #fff8e1; border-left: 4px solid var(--_focus); }
  dl.summary { display: grid; grid-template-columns: max-content 1fr; gap: 0.35rem 1rem; margin: 0 0 1rem; }
  dl.summary dt { font-weight: 600; }
  dl.summary dd { margin: 0; overflow-wrap: anywhere; }
  .mobile { font-size: 2rem; font-weight: 700; letter-spacing: 0.04em; margin: 0.25rem 0 0.75rem; color: var(--_primary); }
  .row { display: flex; flex-wrap: wrap; gap: 0 1rem; }
  .row > .field { flex: 1 1 9rem; }
`;
