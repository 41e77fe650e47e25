// The engine's one sort: entries reduced to day numbers and put in a total order that does not
// depend on the order they arrived in, so every rule can walk the same list with two pointers.
import { MAX_YEAR, MIN_YEAR, dateBounds, daysInMonth, epochDay, parseChronoDate, precisionOf } from '../dates.js';
import { categoryBySlug } from '../taxonomy.js';
import type { PatternEntry, Point } from './types.js';

export interface Timeline {
  readonly points: readonly Point[];
  /** Points of each category, in timeline order. */
  readonly byCategory: ReadonlyMap<string, readonly Point[]>;
}

const ISO_DAY = /^(\d{4})-(\d{2})-(\d{2})$/;

/** The first day of a stored date and whether it is a single exact day; null if unreadable. */
export function startOfDate(date: string): { day: number; coarse: boolean } | null {
  // Fast path: nearly every stored date is an exact day, and parsing the general form for each of
  // 10,000 entries would cost more than all the rules together.
  if (typeof date !== 'string') return null;
  const m = ISO_DAY.exec(date);
  if (m !== null) {
    const year = Number(m[1]);
    const month = Number(m[2]);
    const day = Number(m[3]);
    // The same limits parseChronoDate applies, so both paths agree on what is a date.
    if (year < MIN_YEAR || year > MAX_YEAR || month < 1 || month > 12 || day < 1 || day > daysInMonth(year, month)) return null;
    return { day: epochDay(date), coarse: false };
  }
  const parsed = parseChronoDate(date);
  if (!parsed.ok) return null;
  const { start, end } = parsed.date;
  const coarse = end !== null || start.approximate || precisionOf(start) !== 'day';
  return { day: epochDay(dateBounds(parsed.date).first), coarse };
}

function compare(a: string, b: string): number {
  return a < b ? -1 : a > b ? 1 : 0;
}

/**
 * Withdrawn entries, unreadable dates and entries after `asOfDay` are left out. Ties on a day are
 * broken by id, then agency and category, so a shuffled input gives the same timeline.
 */
export function buildTimeline(entries: readonly PatternEntry[], asOfDay: number): Timeline {
  const kept: Array<{ e: PatternEntry; day: number; coarse: boolean }> = [];
  for (const e of entries) {
    if (e === null || typeof e !== 'object' || e.status === 'withdrawn') continue;
    const start = startOfDate(e.date);
    if (start === null || start.day > asOfDay) continue;
    kept.push({ e, day: start.day, coarse: start.coarse });
  }
  kept.sort(
    (a, b) =>
      a.day - b.day ||
      compare(String(a.e.id), String(b.e.id)) ||
      compare(String(a.e.agency), String(b.e.agency)) ||
      compare(String(a.e.category), String(b.e.category)) ||
      compare(String(a.e.date), String(b.e.date)),
  );
  const points: Point[] = [];
  const byCategory = new Map<string, Point[]>();
  for (const { e, day, coarse } of kept) {
    const category = categoryBySlug(String(e.category));
    const point: Point = {
      id: String(e.id),
      day,
      coarse,
      agency: String(e.agency),
      category: String(e.category),
      group: category?.group ?? null,
      concern: category?.concern ?? false,
      seq: points.length,
    };
    points.push(point);
    const list = byCategory.get(point.category);
    if (list === undefined) byCategory.set(point.category, [point]);
    else list.push(point);
  }
  return { points, byCategory };
}

/** Points of any of `categories`, in timeline order (a linear merge would do; one filter is simpler and as fast). */
export function pointsOf(timeline: Timeline, categories: readonly string[]): Point[] {
  if (categories.length === 1) return [...(timeline.byCategory.get(categories[0]!) ?? [])];
  const wanted = new Set(categories);
  return timeline.points.filter((p) => wanted.has(p.category));
}
