// `entries.patternRows` on SQLite (../pattern-rows.ts says why): a statement written for it, one text per
// combination of filters present (prepared once through the connection's statement cache), rows read raw.
// Conditions and order are `query`'s (entries.ts): visibility, active only unless withdrawn are asked for,
// categories as ONE JSON parameter, timeline order.
import type { PatternEntry } from '@mac/domain';
import type { MacDb } from '../open.js';
import { PATTERN_COLUMNS, patternEntryOf, type PatternRow, type PatternRowFilters } from '../pattern-rows.js';

const NO_CATEGORY = 1;
const CATEGORIES = 2;
const ACTIVE_ONLY = 4;
const VISIBLE_TO = 8;

function textOf(shape: number): string {
  const where = ['chronology_id = ?'];
  if (shape & NO_CATEGORY) where.push('0');
  if (shape & CATEGORIES) where.push('category in (select value from json_each(?))');
  if (shape & ACTIVE_ONLY) where.push("status = 'active'");
  if (shape & VISIBLE_TO) where.push('(restricted = 0 or agency = ?)');
  return `select ${PATTERN_COLUMNS.join(', ')} from entries where ${where.join(' and ')} order by date_first, time, recorded_at, id, doc_name`;
}

export function createPatternRows(db: MacDb): (chronologyId: string, filters?: PatternRowFilters) => PatternEntry[] {
  const texts = new Map<number, string>();
  return (chronologyId, filters = {}) => {
    let shape = 0;
    const params: unknown[] = [chronologyId];
    if (filters.categories) {
      if (filters.categories.length === 0) shape |= NO_CATEGORY;
      else {
        shape |= CATEGORIES;
        params.push(JSON.stringify(filters.categories));
      }
    }
    if (!filters.includeWithdrawn) shape |= ACTIVE_ONLY;
    if (filters.restrictedVisibleTo !== undefined) {
      shape |= VISIBLE_TO;
      params.push(filters.restrictedVisibleTo);
    }
    let text = texts.get(shape);
    if (text === undefined) texts.set(shape, (text = textOf(shape)));
    const rows = db.sqlite.prepare(text).raw(true).all(...params) as PatternRow[];
    const out = new Array<PatternEntry>(rows.length);
    for (let i = 0; i < rows.length; i++) out[i] = patternEntryOf(rows[i]!);
    return out;
  };
}
