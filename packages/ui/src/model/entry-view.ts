// An entry as the views need it: its date read once into day numbers and a precision, so the
// timeline, the filters and the table never parse a date string inside a loop.
import { MAX_YEAR, MIN_YEAR, dateBounds, epochDay, formatChronoDate, parseChronoDate, precisionOf, type Entry } from '@mac/domain';

export type Precision = 'day' | 'month' | 'year';

export interface EntryView {
  readonly entry: Entry;
  /** Epoch day of the first day the date covers; NaN when the stored date cannot be read. */
  readonly startDay: number;
  /** Epoch day of the last day the date covers (inclusive). */
  readonly endDay: number;
  /** Precision of the start of the date. */
  readonly precision: Precision;
  readonly approximate: boolean;
  readonly period: boolean;
  /** UK display form: `5 Apr 2023`, `Apr 2023`, `c. 2021`, `3 Mar – 9 Apr 2023`. */
  readonly displayDate: string;
  /** Position in the chronology's canonical order (compareEntries); set by orderViews. */
  order: number;
}

// Views are rebuilt only for entries whose object changed: the store hands out a new object per
// change, so identity is a safe cache key and unchanged entries cost nothing on each update.
const cache = new WeakMap<Entry, EntryView>();

export function toView(entry: Entry): EntryView {
  const cached = cache.get(entry);
  if (cached) return cached;
  const view = exactDayView(entry) ?? viewByParsing(entry);
  cache.set(entry, view);
  return view;
}

const EXACT_DAY = /^(\d{4})-(\d{2})-(\d{2})$/;

/**
 * Most stored dates are one exact day in canonical form (`2023-04-05`): their view is read straight from
 * the digits, without the full parser (which also tries every way people write dates and describes
 * what it understood), a large part of drawing a chronology of thousands of entries the first time.
 * Anything else, or a day that is not real or a year out of range, is left to the parser (null here).
 */
function exactDayView(entry: Entry): EntryView | null {
  const m = EXACT_DAY.exec(entry.date);
  if (m === null) return null;
  const year = Number(m[1]);
  if (year < MIN_YEAR || year > MAX_YEAR) return null;
  let day: number;
  try {
    day = epochDay(entry.date);
  } catch {
    return null;
  }
  const point = { year, month: Number(m[2]), day: Number(m[3]), approximate: false };
  return { entry, startDay: day, endDay: day, precision: 'day', approximate: false, period: false, displayDate: formatChronoDate({ start: point, end: null }), order: 0 };
}

/** The view through the date parser (every form the exchange format allows). Exported for the tests only. */
export function viewByParsing(entry: Entry): EntryView {
  const parsed = parseChronoDate(entry.date);
  let view: EntryView;
  if (!parsed.ok) {
    view = {
      entry,
      startDay: Number.NaN,
      endDay: Number.NaN,
      precision: 'day',
      approximate: false,
      period: false,
      displayDate: entry.date,
      order: 0,
    };
  } else {
    const bounds = dateBounds(parsed.date);
    const { start, end } = parsed.date;
    view = {
      entry,
      startDay: epochDay(bounds.first),
      endDay: epochDay(bounds.last),
      precision: precisionOf(start),
      approximate: start.approximate || (end?.approximate ?? false),
      period: end !== null,
      displayDate: formatChronoDate(parsed.date),
      order: 0,
    };
  }
  return view;
}

/** A single exact day: drawn as a point rather than a span. */
export function isExactDay(view: EntryView): boolean {
  return !view.period && view.precision === 'day';
}

function compareStrings(a: string, b: string): number {
  return a < b ? -1 : a > b ? 1 : 0;
}

/**
 * The chronology order of @mac/domain's compareEntries (first day, time, recorded, id), computed on
 * the already-parsed day numbers; an unreadable date sorts last. Sets each view's `order`.
 */
export function orderViews(views: readonly EntryView[]): EntryView[] {
  const sorted = [...views].sort((a, b) => {
    const ad = Number.isNaN(a.startDay) ? Number.POSITIVE_INFINITY : a.startDay;
    const bd = Number.isNaN(b.startDay) ? Number.POSITIVE_INFINITY : b.startDay;
    return (
      (ad === bd ? 0 : ad < bd ? -1 : 1) ||
      compareStrings(a.entry.time, b.entry.time) ||
      compareStrings(a.entry.recordedAt, b.entry.recordedAt) ||
      compareStrings(a.entry.id, b.entry.id)
    );
  });
  sorted.forEach((v, i) => {
    v.order = i;
  });
  return sorted;
}
