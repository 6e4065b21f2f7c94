import { css } from 'lit';

export const callStyles = css`
  /* The layout follows the call's own width, not the window's: a phone, or a narrow column of a page. */
  :host { --_stage: var(--dh-call-background, #111); padding: 0; container-type: inline-size; }
  .stage { position: relative; background: var(--_stage); border-radius: var(--_radius); min-height: 20rem; aspect-ratio: 16 / 9;
    display: grid; gap: 0.25rem; padding: 0.25rem; grid-template-columns: repeat(auto-fit, minmax(min(14rem, 100%), 1fr)); overflow: hidden; }
  .tile { position: relative; min-width: 0; min-height: 0; }
  .tile video { display: block; width: 100%; height: 100%; object-fit: contain; background: #000; border-radius: var(--_radius); }
  /* Two others: the large one beside a smaller one (the large one first in every writing direction). */
  .stage.many { grid-template-columns: minmax(0, 2fr) minmax(0, 1fr); grid-auto-rows: minmax(0, 1fr); }
  .stage.many .tile.large { order: -1; grid-row: span 2; }
  .stage.many .tile:not(.large) { align-self: start; aspect-ratio: 4 / 3; }
  /* The name in the tile's upper corner where the text starts (the lower left is one's own picture). */
  .name { position: absolute; inset-block-start: 0.4rem; inset-inline-start: 0.4rem; max-width: calc(100% - 0.8rem);
    overflow: hidden; text-overflow: ellipsis; white-space: nowrap; font-size: 0.9em; line-height: 1.3;
    padding: 0.15rem 0.5rem; border: 0; border-radius: var(--_radius); background: rgb(0 0 0 / 0.72); color: #fff; }
  button.name { cursor: pointer; }
  button.name[aria-pressed='true'] { background: rgb(0 0 0 / 0.72); color: #fff; text-decoration: underline; }
  /* Lower-left in every writing direction, as nurses are taught the picture (not mirrored in RTL). */
  .self { position: absolute; left: 0.75rem; bottom: 0.75rem; width: 22%; min-width: 6rem; max-width: 12rem; aspect-ratio: 4 / 3;
    object-fit: cover; border: 2px solid #fff; border-radius: var(--_radius); background: #333; scale: -1 1; }
  .placeholder { color: #eee; display: grid; place-items: center; }
  /* A phone: the large one across the whole width, the others and oneself as small tiles in a row
     below it, in the order of the text (right to left in Arabic). Nothing wider than the call. */
  @container (max-width: 40rem) {
    .stage:not(.with-share) { aspect-ratio: auto; min-height: 0; grid-template-columns: repeat(3, minmax(0, 1fr)); grid-auto-rows: auto; }
    .stage:not(.with-share) .tile { aspect-ratio: 4 / 3; grid-row: auto; }
    .stage:not(.with-share) .tile.large, .stage:not(.with-share):not(.many) .tile { order: -1; grid-column: 1 / -1; }
    .stage:not(.with-share) .tile:not(.large) .name { font-size: 0.8em; }
    .stage:not(.with-share) .self { position: static; width: 100%; min-width: 0; max-width: none; }
    .stage:not(.with-share) .placeholder { grid-column: 1 / -1; min-height: 10rem; }
  }
  /* Sharing: the document fills the stage; the others become small tiles in the lower right, the
     guest stays in the lower left (both placed the same in every writing direction). */
  .stage.with-share { display: block; }
  .stage.with-share video.shared { width: 100%; height: 100%; object-fit: contain; background: #fff; border-radius: var(--_radius); }
  .stage.with-share .tile { position: absolute; right: 0.75rem; bottom: 0.75rem; width: 22%; min-width: 6rem; max-width: 12rem; aspect-ratio: 4 / 3; }
  .stage.with-share .tile video { object-fit: cover; border: 2px solid #fff; }
  .stage.with-share .tile + .tile { bottom: calc(0.75rem + min(16.5%, 9rem) + 0.5rem); }
  .stage.with-share .name { font-size: 0.75em; }
  .stage.with-share .placeholder { display: none; }
  .sharing { display: flex; flex-wrap: wrap; align-items: center; gap: 0.75rem; justify-content: space-between; margin: 0 0 0.5rem; }
  .bar { display: flex; flex-wrap: wrap; align-items: center; gap: 0.5rem; padding: 0.5rem 0; }
  .bar .spacer { flex: 1; }
  .bar button[aria-pressed='true'] { background: var(--_primary); color: var(--_on-primary); }
  button.hangup { background: var(--_error); border-color: var(--_error); color: #fff; }
  .meta { color: var(--_muted); font-size: 0.9em; }
  .banner { margin: 0 0 0.5rem; }
  a.phone { font-weight: 700; font-size: 1.1em; }
`;
