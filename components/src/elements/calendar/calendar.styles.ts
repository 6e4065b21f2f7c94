import { css } from 'lit';

export const calendarStyles = css`
  :host { padding: 1rem; border: 1px solid var(--dh-color-border, #c8c8c8); border-radius: var(--_radius); }
  header { display: flex; flex-wrap: wrap; align-items: center; justify-content: space-between; gap: 0.5rem 1rem; margin-bottom: 1rem; }
  header h2 { margin: 0; font-size: 1.2em; }
  .group { display: flex; gap: 0.25rem; }
  .group button { padding: 0.3rem 0.75rem; }
  .group button[aria-pressed='true'] { background: var(--_primary); color: var(--_on-primary); }
  .grid { display: grid; gap: 0.5rem; }
  .grid.week { grid-template-columns: repeat(7, minmax(7.5rem, 1fr)); overflow-x: auto; }
  section.day { border: 1px solid #d0d0d0; border-radius: var(--_radius); padding: 0.5rem; min-height: 6rem; background: var(--_surface); }
  section.day.today { border: 2px solid var(--_primary); background: #f2f7fb; }
  section.day h3 { font-size: 0.95em; margin: 0 0 0.5rem; }
  .today-mark { display: inline-block; margin-left: 0.25rem; padding: 0 0.4rem; border-radius: 1rem; font-size: 0.8em;
    background: var(--_primary); color: var(--_on-primary); text-transform: none; }
  ul { list-style: none; margin: 0; padding: 0; display: grid; gap: 0.35rem; }
  button.booking { width: 100%; text-align: left; padding: 0.35rem 0.5rem; border-width: 1px; border-left-width: 4px; font-size: 0.9em; }
  button.booking .time { font-weight: 700; display: block; }
  button.booking.cancelled { text-decoration: line-through; color: var(--_muted); border-color: var(--_border); }
  .empty { color: var(--_muted); margin: 0; font-size: 0.9em; }
  .agenda section.day { min-height: 0; }
  dialog { border: 0; border-radius: var(--_radius); padding: 0; box-shadow: 0 8px 32px #0005; max-width: min(40rem, 95vw); }
  dialog::backdrop { background: #0006; }
  dialog > .dialog-body { padding: 1rem 1.25rem; }
  dialog .close { float: right; margin-left: 1rem; }
`;
