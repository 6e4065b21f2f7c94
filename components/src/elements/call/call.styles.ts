import { css } from 'lit';

export const callStyles = css`
  :host { --_stage: var(--dh-call-background, #111); padding: 0; }
  .stage { position: relative; background: var(--_stage); border-radius: var(--_radius); min-height: 20rem; aspect-ratio: 16 / 9;
    display: grid; gap: 0.25rem; padding: 0.25rem; grid-template-columns: repeat(auto-fit, minmax(14rem, 1fr)); overflow: hidden; }
  .stage video.remote { width: 100%; height: 100%; object-fit: contain; background: #000; border-radius: var(--_radius); }
  /* Lower-left in every writing direction, as nurses are taught the picture (not mirrored in RTL). */
  .self { position: absolute; left: 0.75rem; bottom: 0.75rem; width: 22%; min-width: 6rem; max-width: 12rem; aspect-ratio: 4 / 3;
    object-fit: cover; border: 2px solid #fff; border-radius: var(--_radius); background: #333; transform: scaleX(-1); }
  .placeholder { color: #eee; display: grid; place-items: center; }
  /* Sharing: the document fills the stage; the others become small tiles in the lower right, the
     guest stays in the lower left (both placed the same in every writing direction). */
  .stage.with-share { display: block; }
  .stage.with-share video.shared { width: 100%; height: 100%; object-fit: contain; background: #fff; border-radius: var(--_radius); }
  .stage.with-share video.remote { position: absolute; right: 0.75rem; bottom: 0.75rem; width: 22%; min-width: 6rem; max-width: 12rem;
    height: auto; aspect-ratio: 4 / 3; object-fit: cover; border: 2px solid #fff; }
  .stage.with-share video.remote + video.remote { bottom: calc(0.75rem + min(16.5%, 9rem) + 0.5rem); }
  .stage.with-share .placeholder { display: none; }
  .sharing { display: flex; flex-wrap: wrap; align-items: center; gap: 0.75rem; justify-content: space-between; margin: 0 0 0.5rem; }
  .bar { display: flex; flex-wrap: wrap; align-items: center; gap: 0.5rem; padding: 0.5rem 0; }
  .bar .spacer { flex: 1; }
  button[aria-pressed='true'] { background: var(--_primary); color: var(--_on-primary); }
  button.hangup { background: var(--_error); border-color: var(--_error); color: #fff; }
  .meta { color: var(--_muted); font-size: 0.9em; }
  .banner { margin: 0 0 0.5rem; }
  a.phone { font-weight: 700; font-size: 1.1em; }
`;
