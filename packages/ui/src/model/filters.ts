// The filter state of a chronology view, its encoding in the URL (so a link reproduces exactly what
// someone was looking at, and a meeting's presenter can hand their view to everyone following), and
// the matching of entries. Unknown values in a URL are dropped rather than trusted: a link may be old
// or edited by hand.
import { AGENCY_SLUG_PATTERN, CATEGORY_GROUPS, categoryBySlug, dateBounds, epochDay, parseChronoDate } from '@mac/domain';
import type { EntryView } from './entry-view.js';
import { categoryLabel } from './category-style.js';

export interface Filters {
  /** As typed: any date form parseChronoDate reads; '' for no bound. */
  readonly from: string;
  readonly to: string;
  /** Agency slugs; empty means every agency. */
  readonly agencies: readonly string[];
  /** Category group slugs; with categories, empty means every category. */
  readonly groups: readonly string[];
  readonly categories: readonly string[];
  readonly text: string;
  readonly withdrawn: boolean;
}

export const EMPTY_FILTERS: Filters = {
  from: '',
  to: '',
  agencies: [],
  groups: [],
  categories: [],
  text: '',
  withdrawn: false,
};

/** The query parameters the filters own; any others in the URL are left alone. */
export const FILTER_PARAMS = ['from', 'to', 'agency', 'group', 'category', 'q', 'withdrawn'] as const;

const GROUP_SLUGS = new Set<string>(CATEGORY_GROUPS.map((g) => g.slug));
const MAX_TEXT = 200;
const MAX_DATE = 30;

function list(value: string | null): string[] {
  if (!value) return [];
  return [...new Set(value.split(',').map((s) => s.trim()).filter(Boolean))];
}

export function decodeFilters(params: URLSearchParams): Filters {
  return {
    from: (params.get('from') ?? '').slice(0, MAX_DATE),
    to: (params.get('to') ?? '').slice(0, MAX_DATE),
    agencies: list(params.get('agency')).filter((s) => AGENCY_SLUG_PATTERN.test(s)),
    groups: list(params.get('group')).filter((s) => GROUP_SLUGS.has(s)),
    categories: list(params.get('category')).filter((s) => categoryBySlug(s) !== undefined),
    text: (params.get('q') ?? '').slice(0, MAX_TEXT),
    withdrawn: params.get('withdrawn') === '1',
  };
}

/**
 * `params` with the filter keys replaced by `filters` (defaults left out, lists sorted so that one
 * view has one URL). Other keys are kept.
 */
export function encodeFilters(filters: Filters, params: URLSearchParams = new URLSearchParams()): URLSearchParams {
  const out = new URLSearchParams(params);
  for (const key of FILTER_PARAMS) out.delete(key);
  const set = (key: string, value: string) => {
    if (value !== '') out.set(key, value);
  };
  set('from', filters.from.trim());
  set('to', filters.to.trim());
  set('agency', [...filters.agencies].sort().join(','));
  set('group', [...filters.groups].sort().join(','));
  set('category', [...filters.categories].sort().join(','));
  set('q', filters.text.trim());
  if (filters.withdrawn) out.set('withdrawn', '1');
  return out;
}

export function sameFilters(a: Filters, b: Filters): boolean {
  return encodeFilters(a).toString() === encodeFilters(b).toString();
}

export function isFiltering(filters: Filters): boolean {
  return !sameFilters({ ...filters, withdrawn: false }, EMPTY_FILTERS);
}

export interface FilterProblem {
  readonly field: 'from' | 'to';
  readonly message: string;
}

interface Bounds {
  from: number;
  to: number;
  problems: FilterProblem[];
}

function bounds(filters: Filters): Bounds {
  const problems: FilterProblem[] = [];
  const read = (field: 'from' | 'to'): number | null => {
    const text = filters[field].trim();
    if (text === '') return null;
    const parsed = parseChronoDate(text);
    if (!parsed.ok) {
      problems.push({ field, message: parsed.message });
      return null;
    }
    const b = dateBounds(parsed.date);
    return epochDay(field === 'from' ? b.first : b.last);
  };
  const from = read('from') ?? Number.NEGATIVE_INFINITY;
  const to = read('to') ?? Number.POSITIVE_INFINITY;
  if (from > to) problems.push({ field: 'to', message: 'The end of the date range is before its start' });
  return { from, to, problems };
}

/** Dates that could not be read: shown next to their field; the rest of the filters still apply. */
export function filterProblems(filters: Filters): FilterProblem[] {
  return bounds(filters).problems;
}

/** The date bounds in force, as epoch days (infinite when open). */
export function filterRange(filters: Filters): { from: number; to: number } {
  const b = bounds(filters);
  return { from: b.from, to: b.to };
}

function haystack(view: EntryView, agencyName: (slug: string) => string): string {
  const e = view.entry;
  return [e.summary, e.detail, e.impactOnChild, e.childsVoice ?? '', e.actionTaken, e.sourceRef, e.recordedBy, categoryLabel(e.category), agencyName(e.agency), view.displayDate]
    .join('\n')
    .toLowerCase();
}

/** A predicate for the filters, built once and applied to many entries. */
export function entryMatcher(filters: Filters, agencyName: (slug: string) => string = (s) => s): (view: EntryView) => boolean {
  const { from, to } = bounds(filters);
  const agencies = filters.agencies.length > 0 ? new Set(filters.agencies) : null;
  const groups = new Set(filters.groups);
  const categories = new Set(filters.categories);
  const anyCategory = groups.size === 0 && categories.size === 0;
  const tokens = filters.text.toLowerCase().split(/\s+/).filter(Boolean);
  return (view) => {
    const e = view.entry;
    if (!filters.withdrawn && e.status === 'withdrawn') return false;
    if (agencies && !agencies.has(e.agency)) return false;
    if (!anyCategory && !categories.has(e.category) && !groups.has(categoryBySlug(e.category)?.group ?? 'other')) return false;
    if (from !== Number.NEGATIVE_INFINITY || to !== Number.POSITIVE_INFINITY) {
      // An entry whose date cannot be read never matches a date range: there is no way to tell.
      if (Number.isNaN(view.startDay) || view.endDay < from || view.startDay > to) return false;
    }
    if (tokens.length > 0) {
      const text = haystack(view, agencyName);
      if (!tokens.every((t) => text.includes(t))) return false;
    }
    return true;
  };
}

export function filterViews(views: readonly EntryView[], filters: Filters, agencyName?: (slug: string) => string): EntryView[] {
  return views.filter(entryMatcher(filters, agencyName));
}

/** "Thames Valley Police; Health; from 2022; containing "bruise"": the filters in words, for screen readers and print. */
export function describeFilters(filters: Filters, agencyName: (slug: string) => string = (s) => s): string {
  const parts: string[] = [];
  if (filters.agencies.length > 0) parts.push(filters.agencies.map(agencyName).join(', '));
  const groupLabels = filters.groups.map((g) => CATEGORY_GROUPS.find((x) => x.slug === g)?.label ?? g);
  const categoryLabels = filters.categories.map(categoryLabel);
  if (groupLabels.length + categoryLabels.length > 0) parts.push([...groupLabels, ...categoryLabels].join(', '));
  if (filters.from.trim() && filters.to.trim()) parts.push(`from ${filters.from.trim()} to ${filters.to.trim()}`);
  else if (filters.from.trim()) parts.push(`from ${filters.from.trim()}`);
  else if (filters.to.trim()) parts.push(`up to ${filters.to.trim()}`);
  if (filters.text.trim()) parts.push(`containing “${filters.text.trim()}”`);
  if (filters.withdrawn) parts.push('including withdrawn entries');
  return parts.length === 0 ? 'all entries' : parts.join('; ');
}
