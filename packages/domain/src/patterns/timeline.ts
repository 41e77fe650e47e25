// The engine's one sort: entries reduced to day numbers and put in a total order that does not
// depend on the order they arrived in, so every rule can walk the same list with two pointers.
import { MAX_YEAR, MIN_YEAR, dateBounds, daysInMonth, epochDay, parseChronoDate, precisionOf } from '../dates.js';
import { categoryBySlug } from '../taxonomy.js';
import type { IdHashCache, PatternEntry, Point } from './types.js';

export interface Timeline {
  readonly points: readonly Point[];
  /** Points of each category, in timeline order. */
  readonly byCategory: ReadonlyMap<string, readonly Point[]>;
}

// Days from 1970-01-01 for a valid civil date (Howard Hinnant's days_from_civil, as dates.ts uses).
function civilDay(year: number, month: number, day: number): number {
  const y = month <= 2 ? year - 1 : year;
  const era = Math.floor(y / 400);
  const yoe = y - era * 400;
  const mp = (month + 9) % 12;
  const doy = Math.floor((153 * mp + 2) / 5) + day - 1;
  return era * 146097 + yoe * 365 + Math.floor(yoe / 4) - Math.floor(yoe / 100) + doy - 719468;
}

const ZERO = 48;

/** The number of a run of ASCII digits in `s` from `at`, or -1 if any is not a digit. */
function digits(s: string, at: number, length: number): number {
  let n = 0;
  for (let i = at; i < at + length; i++) {
    const c = s.charCodeAt(i) - ZERO;
    if (c < 0 || c > 9) return -1;
    n = n * 10 + c;
  }
  return n;
}

/**
 * The first day of a single canonical date (`YYYY-MM-DD`, `YYYY-MM`, `YYYY`, each with an optional
 * leading `?`), packed as day * 2 + coarse; NaN when the text is not in that form or not a real
 * date. Read character by character: this runs once per entry, and a regular expression plus a
 * general parser cost more than all the rules together on a large chronology.
 */
function fastStart(date: string): number {
  const approximate = date.charCodeAt(0) === 63; // '?'
  const at = approximate ? 1 : 0;
  const length = date.length - at;
  if (length !== 4 && length !== 7 && length !== 10) return NaN;
  const year = digits(date, at, 4);
  if (year < MIN_YEAR || year > MAX_YEAR) return NaN;
  if (length === 4) return civilDay(year, 1, 1) * 2 + 1;
  if (date.charCodeAt(at + 4) !== 45) return NaN; // '-'
  const month = digits(date, at + 5, 2);
  if (month < 1 || month > 12) return NaN;
  if (length === 7) return civilDay(year, month, 1) * 2 + 1;
  if (date.charCodeAt(at + 7) !== 45) return NaN;
  const day = digits(date, at + 8, 2);
  if (day < 1 || day > daysInMonth(year, month)) return NaN;
  return civilDay(year, month, day) * 2 + (approximate ? 1 : 0);
}

/**
 * The last day of a single canonical date (as fastStart reads it): the day itself, or the last day
 * of its month or year. NaN when fastStart would refuse it.
 */
function fastLast(date: string): number {
  const key = fastStart(date);
  if (key !== key) return NaN;
  const at = date.charCodeAt(0) === 63 ? 1 : 0;
  const length = date.length - at;
  if (length === 10) return key >> 1;
  const year = digits(date, at, 4);
  if (length === 4) return civilDay(year, 12, 31);
  const month = digits(date, at + 5, 2);
  return civilDay(year, month, daysInMonth(year, month));
}

/**
 * A canonical period (`2023-03-03..2023-04-09`, either side of any precision) read as parseChronoDate
 * reads it: its first day, always coarse; NaN when it is not two canonical dates, or it ends wholly
 * before it starts (parseChronoDate refuses that). A few per cent of entries are periods, and the
 * general parser's regular expressions cost more than the rest of the timeline's reading of them.
 */
function fastPeriod(date: string): number {
  const dots = date.indexOf('..');
  if (dots < 4) return NaN;
  const start = fastStart(date.slice(0, dots));
  if (start !== start) return NaN;
  const last = fastLast(date.slice(dots + 2));
  if (last !== last || last < start >> 1) return NaN;
  return (start | 1);
}

/** Packed start (day * 2 + coarse) of any date parseChronoDate reads; NaN if unreadable. */
function startKey(date: unknown): number {
  if (typeof date !== 'string') return NaN;
  const fast = fastStart(date);
  if (fast === fast) return fast; // not NaN
  const period = fastPeriod(date);
  if (period === period) return period;
  // Periods and the other written forms go the long way.
  const parsed = parseChronoDate(date);
  if (!parsed.ok) return NaN;
  const { start, end } = parsed.date;
  const coarse = end !== null || start.approximate || precisionOf(start) !== 'day';
  return epochDay(dateBounds(parsed.date).first) * 2 + (coarse ? 1 : 0);
}

/** The first day of a stored date and whether it is a single exact day; null if unreadable. */
export function startOfDate(date: string): { day: number; coarse: boolean } | null {
  const key = startKey(date);
  if (key !== key) return null;
  const day = Math.floor(key / 2);
  return { day, coarse: key - 2 * day === 1 };
}

/**
 * The order of `<` on strings (UTF-16 code units), read one code unit at a time. `<` sends a string
 * that is not a flat sequence (a rope built by concatenation, as template literals make) to the
 * runtime on every comparison; ids differ within their first few characters, so this loop usually
 * stops after one or two reads. Profiling put `<` at a tenth of an evaluation of 10,000 entries.
 */
export function compareText(a: string, b: string): number {
  // No `a === b` first: on ropes that is the same runtime call.
  const n = a.length < b.length ? a.length : b.length;
  for (let i = 0; i < n; i++) {
    const d = a.charCodeAt(i) - b.charCodeAt(i);
    if (d !== 0) return d < 0 ? -1 : 1;
  }
  return a.length < b.length ? -1 : a.length > b.length ? 1 : 0;
}

function text(value: unknown): string {
  return typeof value === 'string' ? value : String(value);
}

/**
 * Days are small integers (1900 to 2100 at most), so entries are bucketed by day (a counting sort,
 * linear) and only the few entries sharing a day are compared. Withdrawn entries, unreadable dates
 * and entries after `asOfDay` are left out.
 *
 * Written for the pattern engine's budget (docs/patterns.md, "Performance"): profiling showed this
 * build, not the rules, was most of an evaluation. So each entry object is read once, in input order,
 * into flat arrays (a Yjs map hands entries over shuffled, and reading their fields again in timeline
 * order cost a cache miss each); the few entries sharing a day are put in order by an insertion sort
 * in place (Array.from + sort per day cost more than all the rest of the sort); and the ids are hashed
 * only when a highlight needs them (Point.hashes).
 */
export function buildTimeline(entries: readonly PatternEntry[], asOfDay: number): Timeline {
  // Sized once for every entry (only the first n are used), not grown by push: growing copied each array
  // several times. Keys are packed day * 2 + coarse and stay int32, so `key >> 1` is the day.
  const size = entries.length;
  const kept = new Array<PatternEntry>(size);
  const keys = new Int32Array(size);
  const ids = new Array<string>(size);
  const agencies = new Array<string>(size);
  const categories = new Array<string>(size);
  const riskLevels = new Array<string>(size);
  const areaGrades = new Array<string>(size);
  let n = 0;
  let minDay = Infinity;
  let maxDay = -Infinity;
  for (const e of entries) {
    if (e === null || typeof e !== 'object' || e.status === 'withdrawn') continue;
    const key = startKey(e.date);
    if (key !== key) continue;
    const day = key >> 1;
    if (day > asOfDay) continue;
    kept[n] = e;
    keys[n] = key;
    ids[n] = text(e.id);
    agencies[n] = text(e.agency);
    categories[n] = text(e.category);
    riskLevels[n] = typeof e.riskLevel === 'string' ? e.riskLevel : '';
    areaGrades[n] = typeof e.areaGrades === 'string' ? e.areaGrades : '';
    n++;
    if (day < minDay) minDay = day;
    if (day > maxDay) maxDay = day;
  }
  const order = new Int32Array(n);
  if (n > 0) {
    const offsets = new Int32Array(maxDay - minDay + 2);
    for (let i = 0; i < n; i++) offsets[(keys[i]! >> 1) - minDay + 1]!++;
    for (let i = 1; i < offsets.length; i++) offsets[i]! += offsets[i - 1]!;
    for (let i = 0; i < n; i++) order[offsets[(keys[i]! >> 1) - minDay]!++] = i;
    // Each day's entries are now together; order each day's few by insertion sort, in place.
    for (let i = 0; i < n; ) {
      const day = keys[order[i]!]! >> 1;
      let j = i + 1;
      while (j < n && keys[order[j]!]! >> 1 === day) j++;
      for (let k = i + 1; k < j; k++) {
        const x = order[k]!;
        let m = k - 1;
        while (m >= i && compareTiedAt(order[m]!, x, ids, agencies, categories, kept) > 0) {
          order[m + 1] = order[m]!;
          m--;
        }
        order[m + 1] = x;
      }
      i = j;
    }
  }
  const points: Point[] = new Array<Point>(n);
  const hashes: IdHashCache = { a: new Uint32Array(n), b: new Uint32Array(n), done: new Uint8Array(n), highlightSeqs: new Map() };
  const byCategory = new Map<string, Point[]>();
  for (let seq = 0; seq < n; seq++) {
    const i = order[seq]!;
    const key = keys[i]!;
    const slug = categories[i]!;
    let list = byCategory.get(slug);
    if (list === undefined) byCategory.set(slug, (list = []));
    const category = list.length > 0 ? null : categoryBySlug(slug);
    const like = list[0];
    const id = ids[i]!;
    const day = key >> 1;
    const point: Point = {
      id,
      day,
      coarse: (key & 1) === 1,
      agency: agencies[i]!,
      category: slug,
      group: like !== undefined ? like.group : (category?.group ?? null),
      concern: like !== undefined ? like.concern : (category?.concern ?? false),
      riskLevel: riskLevels[i]!,
      areaGrades: areaGrades[i]!,
      seq,
      hashes,
    };
    points[seq] = point;
    list.push(point);
  }
  return { points, byCategory };
}

// Ties on a day are broken by id, then agency, category and date, so that a shuffled input gives the
// same timeline. Read from the flat arrays; the entry itself only for its date.
function compareTiedAt(x: number, y: number, ids: readonly string[], agencies: readonly string[], categories: readonly string[], kept: readonly PatternEntry[]): number {
  return (
    compareText(ids[x]!, ids[y]!) ||
    compareText(agencies[x]!, agencies[y]!) ||
    compareText(categories[x]!, categories[y]!) ||
    compareText(text(kept[x]!.date), text(kept[y]!.date))
  );
}

/**
 * Points whose category passes `test`, in timeline order, read from the index by category: `test`
 * sees one point of each category and may read only what every point of a category shares (category,
 * group, concern), never a point's own day, agency or result.
 */
export function pointsWhere(timeline: Timeline, test: (sample: Point) => boolean): Point[] {
  const slugs: string[] = [];
  for (const [slug, list] of timeline.byCategory) if (list.length > 0 && test(list[0]!)) slugs.push(slug);
  return pointsOf(timeline, slugs);
}

/**
 * Points of any of `categories`, in timeline order: the categories' own lists merged by position
 * (an index read, not a scan of every point; the rules ask for a few categories of thousands of points).
 */
export function pointsOf(timeline: Timeline, categories: readonly string[]): Point[] {
  const lists: (readonly Point[])[] = [];
  let total = 0;
  for (const slug of new Set(categories)) {
    const list = timeline.byCategory.get(slug);
    if (list === undefined || list.length === 0) continue;
    lists.push(list);
    total += list.length;
  }
  if (lists.length === 0) return [];
  if (lists.length === 1) return [...lists[0]!];
  const all = timeline.points;
  const out = new Array<Point>(total);
  // A few points (a rule's rare categories): sort their positions. Many (every concern): mark them
  // and read the timeline once, which is linear where the sort was a tenth of the rules' time.
  if (total * 16 < all.length) {
    const seqs = new Int32Array(total);
    let at = 0;
    for (const list of lists) for (const p of list) seqs[at++] = p.seq;
    seqs.sort();
    for (let i = 0; i < total; i++) out[i] = all[seqs[i]!]!;
    return out;
  }
  const marked = new Uint8Array(all.length);
  for (const list of lists) for (const p of list) marked[p.seq] = 1;
  let at = 0;
  for (let seq = 0; seq < all.length; seq++) if (marked[seq] === 1) out[at++] = all[seq]!;
  return out;
}
