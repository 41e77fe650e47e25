// How busy each lane is, over time, at any zoom: the timeline draws a strip under each lane whose
// shade says how many entries fall in each month (or year, week, day: the bin follows the zoom). The
// marks alone cannot show it: a lane has room for three rows and a "+N" chip, so a year with twenty
// concerns would look like a year with four. An entry dated only to a month or a year, or a period,
// is spread evenly over the days it covers (a year-only entry adds 1/12 to each month), so vague dates
// do not pile up at the start of their span. Withdrawn entries do not count.
import { epochDay, isoFromEpochDay } from '@mac/domain';
import type { EntryView } from './entry-view.js';
import { dayToX, visibleRange, type Viewport } from './timeline-scale.js';

export type DensityUnit = 'year' | 'month' | 'week' | 'day';

export interface DensityBin {
  /** First epoch day of the bin, and the first day after it. */
  readonly fromDay: number;
  readonly toDay: number;
  readonly left: number;
  readonly width: number;
  /** Entries in the bin (fractional when vague dates are spread over several bins). */
  readonly count: number;
  /** 1 to 4: the shade (see DENSITY_LEVELS). */
  readonly level: number;
}

export interface LaneDensity {
  readonly unit: DensityUnit;
  /** Bins with at least some entry in them, left to right, within the visible range. */
  readonly bins: readonly DensityBin[];
  /** The bin with the most entries (the earliest of equals), or null when the lane is empty in view. */
  readonly busiest: DensityBin | null;
}

/** The shades, from a single entry to seven or more in one bin. */
export const DENSITY_LEVELS = [
  { level: 1, min: 0, label: '1' },
  { level: 2, min: 2, label: '2 to 3' },
  { level: 3, min: 4, label: '4 to 6' },
  { level: 4, min: 7, label: '7 or more' },
] as const;

/** A bin narrow enough to show change, wide enough (about 4 px or more) to see. */
export function densityUnit(pxPerDay: number): DensityUnit {
  if (pxPerDay >= 4) return 'day';
  if (pxPerDay * 7 >= 6) return 'week';
  if (pxPerDay * 30.44 >= 4) return 'month';
  return 'year';
}

export function densityLevel(count: number): number {
  // Rounded, so a month holding one exact entry and a share of a year-only one reads as one entry.
  const n = Math.round(count * 100) / 100;
  let level = 0;
  for (const l of DENSITY_LEVELS) if (n > 0 && n >= l.min) level = l.level;
  return level;
}

/** The first day of the bin holding `day`. */
export function binStart(day: number, unit: DensityUnit): number {
  switch (unit) {
    case 'day':
      return Math.floor(day);
    case 'week': {
      // Weeks start on Monday; 1970-01-05 (epoch day 4) was one.
      const d = Math.floor(day);
      return d - ((((d - 4) % 7) + 7) % 7);
    }
    case 'month':
      return epochDay(`${isoFromEpochDay(Math.floor(day)).slice(0, 7)}-01`);
    case 'year':
      return epochDay(`${isoFromEpochDay(Math.floor(day)).slice(0, 4)}-01-01`);
  }
}

/** The first day of the bin after the one starting at `start`. */
export function nextBin(start: number, unit: DensityUnit): number {
  switch (unit) {
    case 'day':
      return start + 1;
    case 'week':
      return start + 7;
    case 'month':
      return binStart(start + 31, 'month');
    case 'year':
      return binStart(start + 366, 'year');
  }
}


/**
 * The density of one lane's entries (already filtered to the lane) in the viewport's visible range.
 * Work is bounded by the visible range: an entry's share outside it is never binned.
 */
export function laneDensity(views: readonly EntryView[], vp: Viewport, unit: DensityUnit = densityUnit(vp.pxPerDay)): LaneDensity {
  const { from, to } = visibleRange(vp);
  const first = binStart(from, unit);
  const counts = new Map<number, number>();
  for (const view of views) {
    if (Number.isNaN(view.startDay) || view.entry.status === 'withdrawn') continue;
    const start = view.startDay;
    const end = view.endDay + 1;
    if (end <= from || start >= to) continue;
    const span = end - start;
    let bin = Math.max(first, binStart(start, unit));
    while (bin < end && bin < to) {
      const next = nextBin(bin, unit);
      const overlap = Math.min(end, next) - Math.max(start, bin);
      if (overlap > 0) counts.set(bin, (counts.get(bin) ?? 0) + overlap / span);
      bin = next;
    }
  }
  const bins: DensityBin[] = [...counts.entries()]
    .sort((a, b) => a[0] - b[0])
    .map(([fromDay, count]) => {
      const toDay = nextBin(fromDay, unit);
      const left = dayToX(vp, fromDay);
      return { fromDay, toDay, left, width: dayToX(vp, toDay) - left, count, level: densityLevel(count) };
    })
    .filter((b) => b.level > 0);
  let busiest: DensityBin | null = null;
  for (const b of bins) if (!busiest || b.count > busiest.count + 1e-9) busiest = b;
  return { unit, bins, busiest };
}
