import { css } from 'lit';

/**
 * Band colours are light tints, so text drawn on them (legend, table) keeps a contrast of at least
 * 4.5:1 with the default text colour; the rings of the chart use the same tints.
 */
export const starProfileStyles = css`
  :host {
    --_red: var(--dh-star-red, #f6c6c0);
    --_yellow: var(--dh-star-yellow, #fbe29a);
    --_green: var(--dh-star-green, #c2e5c5);
    --_on-band: var(--dh-star-on-band, var(--_text));
    --_shape: var(--dh-star-shape, var(--_primary));
    max-width: 40rem; padding: 1rem; border: 1px solid var(--dh-color-border, #c8c8c8); border-radius: var(--_radius);
  }

  .chart { position: relative; width: 100%; max-width: 36rem; aspect-ratio: 5 / 4; margin: 0 auto; container-type: inline-size; }
  .chart svg { position: absolute; inset: 0; width: 100%; height: 100%; }
  .band { stroke: none; }
  circle.tone-red { fill: var(--_red); }
  circle.tone-yellow { fill: var(--_yellow); }
  circle.tone-green { fill: var(--_green); }
  .ring, .axis { fill: none; stroke: var(--_border); stroke-width: 1; stroke-opacity: 0.6; vector-effect: non-scaling-stroke; }
  .shape { fill: var(--_shape); fill-opacity: 0.15; stroke: var(--_shape); stroke-width: 2.5; stroke-linejoin: round; vector-effect: non-scaling-stroke; }
  .dot { fill: var(--_shape); }
  .labels { position: absolute; inset: 0; }
  /* Placed by the element (left, top, transform, max-width): see #placeLabels. */
  .label { position: absolute; width: max-content; font-size: 0.85rem; line-height: 1.2; overflow-wrap: anywhere; }
  @container (max-width: 24rem) { .label { font-size: 0.75rem; } }

  .chip { display: inline-block; padding: 0.1rem 0.6rem; border-radius: 1rem; color: var(--_on-band); }
  .chip.tone-red { background: var(--_red); }
  .chip.tone-yellow { background: var(--_yellow); }
  .chip.tone-green { background: var(--_green); }
  .legend { list-style: none; display: flex; flex-wrap: wrap; justify-content: center; gap: 0.5rem; padding: 0; margin: 1rem 0; font-size: 0.9em; }
  .legend .points { white-space: nowrap; }

  .toggle::before { content: '▸' / ''; display: inline-block; margin-inline-end: 0.4em; }
  .toggle:dir(rtl)::before { content: '◂' / ''; }
  .toggle[aria-expanded='true']::before { content: '▾' / ''; }
  .table { container-type: inline-size; }
  table { width: 100%; border-collapse: collapse; margin-top: 1rem; font-size: 0.9em; }
  caption { text-align: start; font-weight: 700; margin-bottom: 0.5rem; }
  th, td { text-align: start; vertical-align: top; padding: 0.35rem 0.4rem; border-bottom: 1px solid #d0d0d0; overflow-wrap: anywhere; hyphens: auto; }
  /* On a phone the columns get fixed shares, so a long word cannot push the table wider. */
  @container (max-width: 30rem) {
    table { table-layout: fixed; font-size: 0.85em; }
    th, td { padding: 0.3rem 0.25rem; }
    thead th { font-size: 0.85em; }
    col.dimension { width: 29%; } col.value { width: 25%; } col.score { width: 16%; } col.band { width: 30%; }
    td .chip { padding: 0.1rem 0.2rem; border-radius: 0.4rem; }
  }
  thead th { border-bottom: 2px solid var(--_border); }
  tbody th[scope='row'] { font-weight: 600; }
  tr.group th { background: #eef4f9; }
  td.score { white-space: nowrap; }
  .unanswered { color: var(--_muted); }

  fieldset.group { border: 1px solid #d0d0d0; border-radius: var(--_radius); padding: 0.5rem 1rem 0.25rem; margin: 0 0 1rem; min-width: 0; }
  fieldset.group > legend { font-size: 1.1em; font-weight: 700; padding: 0 0.25rem; }
  .intro { margin-bottom: 1rem; }
  .question { margin: 0 0 1.25rem; }
  .question-label { display: block; font-weight: 600; }
  .options { display: grid; gap: 0.15rem; margin-top: 0.35rem; }
  .option { display: flex; align-items: flex-start; gap: 0.5rem; padding: 0.2rem 0; }
  .option input { flex: none; width: 1.25rem; height: 1.25rem; margin: 0.1rem 0 0; }
  .option.none { color: var(--_muted); }
  .question[aria-invalid='true'] { border: 0; border-inline-start: 4px solid var(--_error); padding-inline-start: 0.5rem; }
  .field.measure { margin-bottom: 1.25rem; }
  .with-unit { display: flex; align-items: center; gap: 0.5rem; }
  .with-unit input { width: 7em; }
  .saved { margin: 0; color: var(--_success); font-weight: 600; }
`;
