// The household view's one time axis, worked out without the DOM: the days every child's timeline shows
// at first (all the entries of all the children the reader may open, so that a police call-out to the
// home on one day sits at the same place on each child's timeline), and whether a timeline already shows
// a range (so that following one another's moves does not echo for ever).
import type { EntryView } from '@mac/ui';

export interface DayRange {
  /** Epoch days; `to` is exclusive, as MacTimeline.showRange takes them. */
  from: number;
  to: number;
}

/** Room either side of the entries, as a fraction of their span (the single timeline keeps 4%). */
const MARGIN = 0.04;

/**
 * The days from the earliest entry to the latest of every child together, with a margin; null when no
 * child has a dated entry (each timeline then shows its own default year).
 */
export function sharedRange(children: Iterable<readonly EntryView[]>): DayRange | null {
  let from = Number.POSITIVE_INFINITY;
  let to = Number.NEGATIVE_INFINITY;
  for (const views of children) {
    for (const v of views) {
      if (Number.isNaN(v.startDay)) continue;
      if (v.startDay < from) from = v.startDay;
      if (v.endDay + 1 > to) to = v.endDay + 1;
    }
  }
  if (from > to) return null;
  const margin = Math.max(1, (to - from) * MARGIN);
  return { from: from - margin, to: to + margin };
}

/** Whether two ranges are the same to within a few minutes (a timeline's own rounding). */
export function sameRange(a: DayRange | null, b: DayRange): boolean {
  return a !== null && Math.abs(a.from - b.from) < 0.005 && Math.abs(a.to - b.to) < 0.005;
}
