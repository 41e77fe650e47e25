// What the pattern rules read of a chronology's entries (PatternEntry: id, date, agency, category, status,
// the screening results, the household event and the people named), read by both backends in place of the
// whole rows. The caseload's counts, the count warmer, the alert passes and the siblings' histories read a
// chronology's entries only to run the rules over them; whole rows are ~1.1 KB an entry at county size, most
// of it free text (summary, detail, impact, action), the rules' columns ~0.2 KB. Each read crossed from the
// read lane's thread to the event loop by structured clone: about 1 GB a two-minute county bench run for
// 11,000 reads, built, copied and collected for columns nobody read (issue 17).
import type { PatternEntry } from '@mac/domain';
import type { EntryFilters } from './repos/entries.js';

/** The filters a pattern read takes: the same meaning as `query`'s (visibility, withdrawn, categories). */
export type PatternRowFilters = Pick<EntryFilters, 'restrictedVisibleTo' | 'includeWithdrawn' | 'categories'>;

/** The columns read, in this order (raw rows are arrays). */
export const PATTERN_COLUMNS = ['id', 'date', 'agency', 'category', 'status', 'risk_level', 'area_grades', 'household_event_id', 'person_ids'] as const;

export type PatternRow = [id: string, date: string, agency: string, category: string, status: string, riskLevel: string | null, areaGrades: string | null, householdEventId: string | null, personIds: string];

/** Which filters are present (a bit each): the statement's text depends on this alone, its values are parameters. */
export const PATTERN_SHAPE = { noCategory: 1, categories: 2, activeOnly: 4, visibleTo: 8 } as const;

/** The shape of a pattern read, and the values its statement binds after the chronology, in order (each backend encodes the list its way). */
export function patternShape(filters: PatternRowFilters): { shape: number; categories: readonly string[] | null; visibleTo: string | null } {
  let shape = 0;
  const categories = filters.categories ?? null;
  if (categories !== null) shape |= categories.length === 0 ? PATTERN_SHAPE.noCategory : PATTERN_SHAPE.categories;
  if (!filters.includeWithdrawn) shape |= PATTERN_SHAPE.activeOnly;
  const visibleTo = filters.restrictedVisibleTo ?? null;
  if (visibleTo !== null) shape |= PATTERN_SHAPE.visibleTo;
  return { shape, categories: shape & PATTERN_SHAPE.categories ? categories : null, visibleTo };
}

/** The entry the rules read, exactly as `entryFromProjection` would give those fields (absent, not empty, when unset). */
export function patternEntryOf(r: PatternRow): PatternEntry {
  const entry: PatternEntry = { id: r[0], date: r[1], agency: r[2], category: r[3], status: r[4] };
  if (r[5] !== null && r[5] !== '') entry.riskLevel = r[5];
  if (r[6] !== null && r[6] !== '') entry.areaGrades = r[6];
  if (r[7] !== null && r[7] !== '') entry.householdEventId = r[7];
  if (r[8] !== '') entry.personIds = r[8].split(',');
  return entry;
}
