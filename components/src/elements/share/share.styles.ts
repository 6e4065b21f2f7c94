import { css } from 'lit';

export const shareStyles = css`
  :host { display: block; max-width: 60rem; }
  input[type='file'] { padding: 0.35rem; }
  .reading { display: grid; gap: 0.25rem; margin: 1rem 0; }
  progress { width: 100%; max-width: 30rem; height: 1rem; accent-color: var(--_primary); }
  .toolbar { display: flex; flex-wrap: wrap; gap: 0.5rem; align-items: center; margin: 0.75rem 0; }
  .zoom-level { min-width: 7rem; text-align: center; }
  .viewport {
    overflow: auto; max-height: var(--dh-share-page-height, 70vh); border: 1px solid var(--_border);
    border-radius: var(--_radius); background: #d9d9d6;
  }
  canvas.page { display: block; touch-action: none; cursor: crosshair; background: #fff; }
  .boxes { list-style: none; padding: 0; margin: 0 0 1rem; display: flex; flex-wrap: wrap; gap: 0.5rem; }
  .boxes button { padding: 0.35rem 0.75rem; }
  .boxes button[aria-pressed='true'] { background: #1d1d1b; color: #fff; border-color: #1d1d1b; }
  .boxes button[aria-pressed='false'] { border-style: dashed; }
  .boxes button.selected { box-shadow: 0 0 0 3px var(--_focus); }
  .box-state { font-size: 0.85em; margin-inline-start: 0.35rem; }
  .check { align-items: flex-start; }
`;
