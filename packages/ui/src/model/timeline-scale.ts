// The timeline's horizontal scale: which days are in view and how wide a day is. Pure numbers
// (epoch days and CSS pixels), so zoom, pan and "follow the presenter" are testable without a DOM.
import { epochDay, isoFromEpochDay } from '@mac/domain';

export interface Viewport {
  /** Epoch day at the left edge (fractional). */
  readonly start: number;
  /** CSS pixels per day. */
  readonly pxPerDay: number;
  /** Width of the plot in CSS pixels. */
  readonly width: number;
}

/** About a century across a laptop screen. */
export const MIN_PX_PER_DAY = 1 / 40;
/** A single day wide enough for several marks side by side. */
export const MAX_PX_PER_DAY = 160;
/** Each zoom step doubles or halves the width of a day. */
export const ZOOM_STEP = 2;

// Panning stops at the years a chronology date may take (@mac/domain MIN_YEAR..MAX_YEAR).
const FIRST_DAY = epochDay('1900-01-01');
const LAST_DAY = epochDay('2100-12-31') + 1;

export type ZoomLevel = 'years' | 'months' | 'weeks' | 'days';

export function clampPxPerDay(px: number): number {
  return Math.min(MAX_PX_PER_DAY, Math.max(MIN_PX_PER_DAY, px));
}

function clampStart(start: number, pxPerDay: number, width: number): number {
  const span = width / pxPerDay;
  const max = LAST_DAY - span;
  if (max < FIRST_DAY) return FIRST_DAY;
  return Math.min(max, Math.max(FIRST_DAY, start));
}

export function dayToX(vp: Viewport, day: number): number {
  return (day - vp.start) * vp.pxPerDay;
}

export function xToDay(vp: Viewport, x: number): number {
  return vp.start + x / vp.pxPerDay;
}

/** The days in view, as fractional epoch days [from, to). */
export function visibleRange(vp: Viewport): { from: number; to: number } {
  return { from: vp.start, to: vp.start + vp.width / vp.pxPerDay };
}

/**
 * A viewport showing the inclusive days `from`..`to` across `width` pixels, with a little room at
 * each end so a mark on the first or last day is not cut in half.
 */
export function fitRange(from: number, to: number, width: number, padding = 0.04): Viewport {
  const w = Math.max(1, width);
  const span = Math.max(1, to - from + 1);
  const padded = span * (1 + 2 * padding);
  const pxPerDay = clampPxPerDay(w / padded);
  const centre = from + span / 2;
  const start = clampStart(centre - w / pxPerDay / 2, pxPerDay, w);
  return { start, pxPerDay, width: w };
}

/**
 * A viewport showing exactly the days [from, to) across `width` (no margin): how a follower shows
 * the presenter's view on a screen of another width. Centred when the zoom limits do not allow it.
 */
export function rangeViewport(from: number, to: number, width: number): Viewport {
  const w = Math.max(1, width);
  const span = Math.max(1e-6, to - from);
  const pxPerDay = clampPxPerDay(w / span);
  const start = clampStart(from + (span - w / pxPerDay) / 2, pxPerDay, w);
  return { start, pxPerDay, width: w };
}

/** Zooms by `factor` (2 = in, 0.5 = out) keeping the day under `anchorX` where it is. */
export function zoomBy(vp: Viewport, factor: number, anchorX: number = vp.width / 2): Viewport {
  const anchorDay = xToDay(vp, anchorX);
  const pxPerDay = clampPxPerDay(vp.pxPerDay * factor);
  const start = clampStart(anchorDay - anchorX / pxPerDay, pxPerDay, vp.width);
  return { start, pxPerDay, width: vp.width };
}

/** Pans by `dx` pixels (positive: later in time). */
export function panBy(vp: Viewport, dx: number): Viewport {
  return { ...vp, start: clampStart(vp.start + dx / vp.pxPerDay, vp.pxPerDay, vp.width) };
}

/**
 * Keeps moving and zooming within the chronology: the view may not go further than `margin` (a share
 * of what is in view) past the first day `from` or the last day `to`, so panning stops at the entries
 * (or today) instead of running on into empty years. Zoomed out wider than the whole range, the range
 * stays wholly in view.
 */
export function clampToExtent(vp: Viewport, from: number, to: number, margin = 0.05): Viewport {
  const span = vp.width / vp.pxPerDay;
  const pad = span * margin;
  const lo = from - pad;
  const hi = to + 1 + pad;
  const start = hi - lo >= span ? Math.min(hi - span, Math.max(lo, vp.start)) : Math.min(lo, Math.max(hi - span, vp.start));
  return start === vp.start ? vp : { ...vp, start: clampStart(start, vp.pxPerDay, vp.width) };
}

/** Keeps the same days in view across a new width (the window or the panel was resized). */
export function resize(vp: Viewport, width: number): Viewport {
  if (vp.width <= 0) return { ...vp, width };
  const { from, to } = visibleRange(vp);
  const pxPerDay = clampPxPerDay(width / (to - from));
  return { start: clampStart(from, pxPerDay, width), pxPerDay, width };
}

/** Centres `day` if it is outside the view (or within `margin` px of an edge); otherwise unchanged. */
export function reveal(vp: Viewport, day: number, margin = 24): Viewport {
  const x = dayToX(vp, day);
  if (x >= margin && x <= vp.width - margin) return vp;
  return { ...vp, start: clampStart(day - vp.width / vp.pxPerDay / 2, vp.pxPerDay, vp.width) };
}

export function zoomLevel(pxPerDay: number): ZoomLevel {
  if (pxPerDay >= 24) return 'days';
  if (pxPerDay >= 3) return 'weeks';
  if (pxPerDay >= 0.4) return 'months';
  return 'years';
}

// ---------------------------------------------------------------------------------------------
// Axis ticks

export interface Tick {
  readonly day: number;
  readonly x: number;
  readonly label: string;
  /**
   * Where the label goes: after its line ('start'), or against the right edge of the plot ('end')
   * when there is not room after the line for the whole label (the last year would otherwise be cut).
   * An end label that would run into the label before it is left out ('').
   */
  readonly anchor: 'start' | 'end';
  /** A year boundary (or month boundary at day/week zoom): drawn stronger. */
  readonly major: boolean;
}

const MONTHS = ['Jan', 'Feb', 'Mar', 'Apr', 'May', 'Jun', 'Jul', 'Aug', 'Sep', 'Oct', 'Nov', 'Dec'] as const;
/** Labels closer than this would collide. */
const MIN_LABEL_SPACING = 64;

/** About how wide a tick label is drawn (0.875rem, bold at most, plus its 4 px padding). */
function labelWidth(label: string): number {
  return 4 + label.length * 9;
}

function ymd(day: number): [number, number, number] {
  const iso = isoFromEpochDay(day);
  return [Number(iso.slice(0, 4)), Number(iso.slice(5, 7)), Number(iso.slice(8, 10))];
}

function monthStart(year: number, month: number): number {
  const y = year + Math.floor((month - 1) / 12);
  const m = ((((month - 1) % 12) + 12) % 12) + 1;
  return epochDay(`${String(y).padStart(4, '0')}-${String(m).padStart(2, '0')}-01`);
}

function dayLabel(day: number): string {
  const [, m, d] = ymd(day);
  return `${d} ${MONTHS[m - 1]}`;
}

/** Ticks for the axis: as fine as the labels allow without overlapping. */
export function ticks(vp: Viewport): Tick[] {
  if (vp.width <= 0) return [];
  const { from, to } = visibleRange(vp);
  const first = Math.floor(from);
  const last = Math.ceil(to);
  const out: Tick[] = [];
  const push = (day: number, label: string, major: boolean) => {
    if (day < first || day > last) return;
    const x = dayToX(vp, day);
    out.push({ day, x, label, major, anchor: x + labelWidth(label) > vp.width ? 'end' : 'start' });
  };
  const px = vp.pxPerDay;

  if (px >= MIN_LABEL_SPACING || px * 7 >= MIN_LABEL_SPACING) {
    const daily = px >= MIN_LABEL_SPACING;
    // 1970-01-05 (epoch day 4) was a Monday.
    let day = daily ? first : first + ((((4 - first) % 7) + 7) % 7);
    for (; day <= last; day += daily ? 1 : 7) {
      const [, , d] = ymd(day);
      push(day, dayLabel(day), daily ? d === 1 : d <= 7);
    }
    return withoutCollision(out, vp.width);
  }

  const [startYear, startMonth] = ymd(first);
  const monthsPerTick = px * 30.44 >= MIN_LABEL_SPACING ? 1 : px * 91.3 >= MIN_LABEL_SPACING ? 3 : 0;
  if (monthsPerTick > 0) {
    let month = startMonth - ((startMonth - 1) % monthsPerTick);
    for (let i = 0; ; i += monthsPerTick) {
      const day = monthStart(startYear, month + i);
      if (day > last) break;
      const [y, m] = ymd(day);
      push(day, m === 1 ? String(y) : MONTHS[m - 1]!, m === 1);
    }
    return withoutCollision(out, vp.width);
  }

  const yearWidth = px * 365.25;
  const step = [1, 2, 5, 10, 20, 50].find((n) => n * yearWidth >= MIN_LABEL_SPACING) ?? 100;
  for (let year = Math.floor(startYear / step) * step; ; year += step) {
    const day = monthStart(year, 1);
    if (day > last) break;
    push(day, String(year), year % (step * 5) === 0 || step === 1);
  }
  return withoutCollision(out, vp.width);
}

/** An end label (against the right edge) that would run into the label before it keeps its line but loses its text. */
function withoutCollision(list: Tick[], width: number): Tick[] {
  return list.map((t, i) => {
    const before = list[i - 1];
    if (t.anchor !== 'end' || !before) return t;
    return before.x + labelWidth(before.label) > width - labelWidth(t.label) ? { ...t, label: '' } : t;
  });
}

/** "Mar 2021 to Apr 2024": the visible range in words, for the accessible summary. */
export function describeRange(vp: Viewport): string {
  const { from, to } = visibleRange(vp);
  const [fy, fm, fd] = ymd(Math.floor(from));
  const [ty, tm, td] = ymd(Math.max(Math.floor(from), Math.ceil(to) - 1));
  if (zoomLevel(vp.pxPerDay) === 'days' || zoomLevel(vp.pxPerDay) === 'weeks') {
    return `${fd} ${MONTHS[fm - 1]} ${fy} to ${td} ${MONTHS[tm - 1]} ${ty}`;
  }
  return `${MONTHS[fm - 1]} ${fy} to ${MONTHS[tm - 1]} ${ty}`;
}
