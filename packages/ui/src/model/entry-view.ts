// An entry as the views need it: its date read once into day numbers and a precision, so the
// timeline, the filters and the table never parse a date string inside a loop.
import { dateBounds, epochDay, formatChronoDate, parseChronoDate, precisionOf, type Entry } from '@mac/domain';

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
  cache.set(entry, view);
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
