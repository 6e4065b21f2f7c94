import { css } from 'lit';

/**
 * Shared look, driven by custom properties so a region can theme every element from its own
 * stylesheet. Nothing here leaks out (shadow DOM) and page CSS does not leak in, except the
 * inherited font and colour, which we reset to the theme's.
 */
export const baseStyles = css`
  :host {
    --_primary: var(--dh-color-primary, #00508a);
    --_on-primary: var(--dh-color-on-primary, #ffffff);
    --_text: var(--dh-color-text, #1d1d1b);
    --_muted: var(--dh-color-muted, #4a4a48);
    --_surface: var(--dh-color-surface, #ffffff);
    --_border: var(--dh-color-border, #767676);
    --_error: var(--dh-color-error, #b00020);
    --_success: var(--dh-color-success, #1b6e20);
    --_focus: var(--dh-focus-ring, #f2a900);
    --_radius: var(--dh-radius, 6px);
    display: block;
    box-sizing: border-box;
    font-family: var(--dh-font-family, system-ui, -apple-system, 'Segoe UI', Roboto, Arial, sans-serif);
    font-size: var(--dh-font-size, 1rem);
    line-height: 1.5;
    color: var(--_text);
    background: var(--_surface);
    /* A long Swedish compound in large text (zoomed to 200 %, a phone) breaks rather than spills out. */
    overflow-wrap: break-word;
    hyphens: auto;
  }
  :host([hidden]) { display: none; }
  *, *::before, *::after { box-sizing: inherit; }
  h2, h3, h4 { line-height: 1.25; margin: 0 0 0.75rem; }
  :focus-visible { outline: 3px solid var(--_focus); outline-offset: 2px; }
  button {
    font: inherit; cursor: pointer; border-radius: var(--_radius); padding: 0.5rem 1rem;
    border: 2px solid var(--_primary); background: var(--_surface); color: var(--_primary);
  }
  button.primary { background: var(--_primary); color: var(--_on-primary); }
  button:disabled { cursor: not-allowed; opacity: 0.6; }
  input, select, textarea {
    font: inherit; color: var(--_text); background: var(--_surface);
    border: 1px solid var(--_border); border-radius: var(--_radius); padding: 0.45rem 0.6rem; max-width: 100%;
  }
  [aria-invalid='true'] { border: 2px solid var(--_error); }
  .field { display: grid; gap: 0.25rem; margin: 0 0 1rem; }
  .field label { font-weight: 600; }
  .check { display: flex; gap: 0.5rem; align-items: center; margin: 0 0 1rem; }
  .check input { width: 1.25rem; height: 1.25rem; }
  .hint { margin: 0; color: var(--_muted); font-size: 0.9em; }
  .error { margin: 0; color: var(--_error); font-weight: 600; }
  .error::before { content: '⚠ '; }
  .status { margin: 0.75rem 0; padding: 0.5rem 0.75rem; border-inline-start: 4px solid var(--_primary); background: #eef4f9; }
  .status.bad { border-color: var(--_error); background: #fdecee; }
  .status.good { border-color: var(--_success); background: #edf6ee; }
  /* A check's outcome: "✓ works" or "✗ what to do". */
  .verdict { font-weight: 700; }
  .verdict.ok { color: var(--_success); }
  .verdict.bad { color: var(--_error); }
  .actions { display: flex; flex-wrap: wrap; gap: 0.5rem; margin-top: 1rem; }
  .visually-hidden {
    position: absolute !important; width: 1px; height: 1px; margin: -1px; padding: 0; overflow: hidden;
    clip: rect(0 0 0 0); white-space: nowrap; border: 0;
  }
`;
