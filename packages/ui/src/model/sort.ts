// Sorting the entry table by a column. Date order is the chronology's own order (day, time, when
// recorded), so the table and the timeline always agree; other columns sort as text, with that
// order breaking ties so a sort is stable and the same on every screen.
import type { EntryView } from './entry-view.js';
import { categoryLabel } from './category-style.js';

export const SORT_KEYS = ['date', 'agency', 'category', 'summary', 'impactOnChild', 'childsVoice', 'actionTaken', 'sourceRef'] as const;
export type SortKey = (typeof SORT_KEYS)[number];
export type SortDirection = 'ascending' | 'descending';

export interface SortState {
  readonly key: SortKey;
  readonly direction: SortDirection;
}

export const DEFAULT_SORT: SortState = { key: 'date', direction: 'ascending' };

/** Choosing the sorted column again reverses it; choosing another sorts it ascending. */
export function toggleSort(current: SortState, key: SortKey): SortState {
  if (current.key === key) return { key, direction: current.direction === 'ascending' ? 'descending' : 'ascending' };
  return { key, direction: 'ascending' };
}

const collator = new Intl.Collator('en-GB', { sensitivity: 'base', numeric: true });

function textOf(view: EntryView, key: SortKey, agencyName: (slug: string) => string): string {
  const e = view.entry;
  switch (key) {
    case 'agency':
      return agencyName(e.agency);
    case 'category':
      return categoryLabel(e.category);
    case 'summary':
      return e.summary;
    case 'impactOnChild':
      return e.impactOnChild;
    case 'childsVoice':
      return e.childsVoice ?? '';
    case 'actionTaken':
      return e.actionTaken;
    case 'sourceRef':
      return e.sourceRef;
    case 'date':
      return '';
  }
}

/** A new array; `views` must carry their chronology `order` (orderViews). */
export function sortViews(views: readonly EntryView[], sort: SortState, agencyName: (slug: string) => string = (s) => s): EntryView[] {
  const sign = sort.direction === 'ascending' ? 1 : -1;
  if (sort.key === 'date') return [...views].sort((a, b) => sign * (a.order - b.order));
  const keyed = views.map((view) => ({ view, text: textOf(view, sort.key, agencyName) }));
  keyed.sort((a, b) => {
    // Empty cells go last whichever way the column is sorted: they are not "smallest", just missing.
    if (a.text === '' && b.text !== '') return 1;
    if (b.text === '' && a.text !== '') return -1;
    return sign * collator.compare(a.text, b.text) || a.view.order - b.view.order;
  });
  return keyed.map((k) => k.view);
}
