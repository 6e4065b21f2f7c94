import { css } from 'lit';

export const bookingStyles = css`
  :host { min-width: min(32rem, 90vw); }
  .head { display: flex; align-items: start; justify-content: space-between; gap: 1rem; }
  .tools { display: flex; gap: 0.5rem; position: relative; }
  .tools button { padding: 0.35rem 0.7rem; }
  dl { display: grid; grid-template-columns: max-content 1fr; gap: 0.3rem 1rem; margin: 0 0 1rem; }
  dt { font-weight: 600; }
  dd { margin: 0; overflow-wrap: anywhere; }
  .cancelled { color: var(--_error); font-weight: 700; }
  ul.menu { position: absolute; right: 0; top: 100%; z-index: 1; list-style: none; margin: 0.25rem 0 0; padding: 0.25rem;
    background: var(--_surface); border: 1px solid var(--_border); border-radius: var(--_radius); min-width: 17rem;
    box-shadow: 0 4px 12px #0003; }
  ul.menu button { width: 100%; text-align: left; border: 0; }
  ul.menu button:hover, ul.menu button:focus-visible { background: #eef4f9; }
  textarea { width: 100%; min-height: 9rem; font-family: ui-monospace, monospace; font-size: 0.9em; }
  .row { display: flex; flex-wrap: wrap; gap: 0 1rem; }
  .row > .field { flex: 1 1 8rem; }
  [part~='unsent'] p { margin: 0; }
  [part~='unsent'] ul { margin: 0.25rem 0 0; padding-inline-start: 1.25rem; overflow-wrap: anywhere; }
`;
