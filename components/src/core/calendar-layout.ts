/**
 * The maths of the calendar's time axis, apart from any drawing: which hours the axis shows, where
 * each visit goes and how wide it is when visits overlap, and where the line for "now" lies. Times
 * are minutes after a day's midnight; positions are fractions of the axis (0 at its top).
 */

const DAY_MINUTES = 24 * 60;

/** A stretch of one day, in minutes after midnight; `end` may be 1440 (midnight after). */
export interface Span {
  readonly start: number;
  readonly end: number;
}

/** The hours an axis shows. */
export interface Axis {
  readonly from: number;
  readonly to: number;
}

/** What an axis shows when neither opening hours nor visits say anything (a closed week, empty). */
export const DEFAULT_AXIS: Axis = { from: 8 * 60, to: 17 * 60 };

/**
 * The axis for some days: from the earliest opening or visit to the latest closing or visit end,
 * widened to whole hours, so that a visit booked outside the opening hours is still shown.
 */
export function axisFor(openings: readonly Span[], visits: readonly Span[]): Axis {
  const spans = [...openings, ...visits];
  if (spans.length === 0) return DEFAULT_AXIS;
  let from = DAY_MINUTES;
  let to = 0;
  for (const s of spans) {
    from = Math.min(from, s.start);
    to = Math.max(to, s.end);
  }
  from = Math.max(0, Math.floor(from / 60) * 60);
  to = Math.min(DAY_MINUTES, Math.max(from + 60, Math.ceil(to / 60) * 60));
  return { from, to };
}

/** The hours to label on the axis: every whole hour from its start up to (not including) its end. */
export function hourMarks(axis: Axis): number[] {
  const marks: number[] = [];
  for (let m = axis.from; m < axis.to; m += 60) marks.push(m);
  return marks;
}

/** Where a time lies on the axis, 0 at its top and 1 at its bottom, clamped to the axis. */
export function positionOf(minutes: number, axis: Axis): number {
  const at = (minutes - axis.from) / (axis.to - axis.from);
  return Math.min(1, Math.max(0, at));
}

/** Where the line for "now" goes, or undefined when now is outside the axis. */
export function nowPosition(minutes: number, axis: Axis): number | undefined {
  return minutes < axis.from || minutes > axis.to ? undefined : positionOf(minutes, axis);
}

/** One visit placed: `top` and `height` as fractions of the axis, in `column` of `columns` side by side. */
export interface Placed<T> {
  readonly item: T;
  readonly top: number;
  readonly height: number;
  readonly column: number;
  readonly columns: number;
}

/**
 * Places one day's visits on the axis. Visits that overlap, directly or through others (a cluster),
 * share the width: each takes the leftmost column free at its start (greedy colouring of an
 * interval graph in start order, which needs no more columns than the most visits at one moment),
 * and the cluster's columns are as many as it uses. Visits keep their given order in the result.
 */
export function layoutDay<T>(items: readonly T[], spanOf: (item: T) => Span, axis: Axis): Placed<T>[] {
  const entries = items.map((item, index) => ({ item, index, span: spanOf(item), column: 0, cluster: 0 }));
  const order = [...entries].sort((a, b) => a.span.start - b.span.start || b.span.end - a.span.end || a.index - b.index);
  const clusterColumns: number[] = [];
  let columnEnds: number[] = [];
  let clusterEnd = -Infinity;
  for (const e of order) {
    if (e.span.start >= clusterEnd) {
      // Nothing before runs into this visit: a new cluster starts with all columns free.
      clusterColumns.push(0);
      columnEnds = [];
      clusterEnd = e.span.end;
    } else {
      clusterEnd = Math.max(clusterEnd, e.span.end);
    }
    const free = columnEnds.findIndex((end) => end <= e.span.start);
    e.column = free === -1 ? columnEnds.length : free;
    columnEnds[e.column] = e.span.end;
    e.cluster = clusterColumns.length - 1;
    clusterColumns[e.cluster] = Math.max(clusterColumns[e.cluster] ?? 0, e.column + 1);
  }
  return entries.map((e) => {
    const top = positionOf(e.span.start, axis);
    return {
      item: e.item,
      top,
      height: Math.max(0, positionOf(e.span.end, axis) - top),
      column: e.column,
      columns: clusterColumns[e.cluster] ?? 1,
    };
  });
}
