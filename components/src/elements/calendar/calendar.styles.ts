import { css } from 'lit';

export const calendarStyles = css`
  :host { padding: 1rem; border: 1px solid var(--dh-color-border, #c8c8c8); border-radius: var(--_radius); min-width: 0;
    --_hour: var(--dh-calendar-hour-height, 4rem); --_shade: #eeeeee; --_line: #dcdcdc; }
  header { display: flex; flex-wrap: wrap; align-items: center; justify-content: space-between; gap: 0.5rem 1rem; margin-bottom: 1rem; }
  header h2 { margin: 0; font-size: 1.2em; }
  .group { display: flex; gap: 0.25rem; }
  .group button { padding: 0.3rem 0.75rem; }
  .group button[aria-pressed='true'] { background: var(--_primary); color: var(--_on-primary); }
  .grid { display: grid; gap: 0.5rem; }
  section.day h3 { font-size: 0.95em; margin: 0 0 0.5rem; }
  .today-mark { display: inline-block; margin-inline-start: 0.25rem; padding: 0 0.4rem; border-radius: 1rem; font-size: 0.8em;
    background: var(--_primary); color: var(--_on-primary); text-transform: none; }
  .holiday-name { display: block; font-weight: 400; color: #8a1c1c; font-size: 0.9em; }
  ul { list-style: none; margin: 0; padding: 0; }
  button.booking { width: 100%; text-align: start; padding: 0.35rem 0.5rem; border-width: 1px; border-inline-start-width: 4px; font-size: 0.9em; }
  /* A time range reads left to right in every script. */
  button.booking .time { font-weight: 700; display: block; direction: ltr; unicode-bidi: isolate; }
  button.booking.cancelled { text-decoration: line-through; color: var(--_muted); border-color: var(--_border); }
  .empty { color: var(--_muted); margin: 0; font-size: 0.9em; }

  /* The list. */
  .agenda section.day { border: 1px solid #d0d0d0; border-radius: var(--_radius); padding: 0.5rem; background: var(--_surface); }
  .agenda section.day.today { border: 2px solid var(--_primary); background: #f2f7fb; }
  .agenda ul { display: grid; gap: 0.35rem; }

  /*
   * Day and week: a grid of an hour column and one column per day; each day's heading and track
   * share the grid's two rows (subgrid), so tracks line up under headings of any height. A week
   * that does not fit scrolls sideways inside the calendar, never the page.
   */
  /* Positioned, so that visually hidden text inside is clipped with the rest rather than widening the page. */
  .grid.week, .grid.day { display: block; overflow-x: auto; position: relative; }
  .timeline { display: grid; grid-template-columns: 3.25rem repeat(var(--days), minmax(7.5rem, 1fr)); grid-template-rows: auto auto;
    column-gap: 2px; }
  .grid.day .timeline { grid-template-columns: 3.25rem minmax(12rem, 1fr); }
  .timeline > .axis, .timeline > section.day { grid-row: 1 / span 2; display: grid; grid-template-rows: subgrid; }
  .timeline section.day h3 { margin: 0; padding: 0.35rem 0.4rem; border-block-end: 2px solid var(--_line); }
  .timeline section.day.today h3 { border-block-end-color: var(--_primary); background: #f2f7fb; }
  .ticks { display: grid; grid-template-rows: repeat(var(--hours), var(--_hour)); font-size: 0.8em; color: var(--_muted);
    font-variant-numeric: tabular-nums; }
  .ticks span { transform: translateY(-0.6em); text-align: end; padding-inline-end: 0.3rem; }
  .ticks span:first-child { transform: none; }
  .track { position: relative; height: calc(var(--hours) * var(--_hour));
    background:
      linear-gradient(to bottom, var(--_line) 1px, transparent 1px) 0 0 / 100% var(--_hour),
      linear-gradient(to bottom, var(--_shade) calc(var(--open-from) * 100%), transparent calc(var(--open-from) * 100%),
        transparent calc(var(--open-to) * 100%), var(--_shade) calc(var(--open-to) * 100%)); }
  .track .empty { position: absolute; width: 1px; height: 1px; overflow: hidden; clip-path: inset(50%); white-space: nowrap; }
  .track ul { position: absolute; inset: 0; }
  .track li { position: absolute; top: calc(var(--top) * 100%); height: calc(var(--height) * 100%);
    inset-inline-start: calc(var(--column) / var(--columns) * 100%); width: calc(100% / var(--columns)); padding: 1px; }
  .track li:focus-within { z-index: 2; }
  /* Time and name run on as one text, so that a 15-minute visit still shows its start. */
  .track button.booking .time { display: inline; }
  .track button.booking { height: 100%; overflow: hidden; padding: 0 0.3rem; font-size: 0.8em; line-height: 1.25;
    border-radius: 4px; background: #e8f0f7; color: var(--_text); border-color: var(--_primary); }
  .track button.booking.cancelled { background: #f4f4f4; color: var(--_muted); border-color: var(--_border); }
  .now { position: absolute; inset-inline: 0; top: calc(var(--at) * 100%); border-block-start: 2px solid #c4001a; z-index: 1;
    pointer-events: none; }
  .now::before { content: ''; position: absolute; inset-inline-start: -4px; top: -5px; width: 8px; height: 8px; border-radius: 50%;
    background: #c4001a; }

  dialog { border: 0; border-radius: var(--_radius); padding: 0; box-shadow: 0 8px 32px #0005; max-width: min(40rem, 95vw); }
  dialog::backdrop { background: #0006; }
  dialog > .dialog-body { padding: 1rem 1.25rem; }
  dialog .close { float: inline-end; margin-inline-start: 1rem; }
`;
