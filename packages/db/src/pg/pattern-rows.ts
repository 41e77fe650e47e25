// `entries.patternRows` on PostgreSQL (../pattern-rows.ts says why): a statement written for it, one text per
// combination of filters present (a named prepared statement per connection), rows as arrays. Conditions
// and order are `query`'s (repos.ts): visibility, active only unless withdrawn are asked for, categories as
// ONE array parameter, timeline order in byte order (COLLATE "C", as SQLite orders text).
import type pg from 'pg';
import type { PatternEntry } from '@mac/domain';
import { PATTERN_COLUMNS, patternEntryOf, type PatternRow, type PatternRowFilters } from '../pattern-rows.js';

const NO_CATEGORY = 1;
const CATEGORIES = 2;
const ACTIVE_ONLY = 4;
const VISIBLE_TO = 8;

function textOf(shape: number): string {
  const where = ['chronology_id = $1'];
  let n = 1;
  if (shape & NO_CATEGORY) where.push('false');
  if (shape & CATEGORIES) where.push(`category = any($${++n}::text[])`);
  if (shape & ACTIVE_ONLY) where.push("status = 'active'");
  if (shape & VISIBLE_TO) where.push(`(restricted = false or agency = $${++n})`);
  const order = ['date_first', 'time', 'recorded_at', 'id', 'doc_name'].map((c) => `${c} collate "C"`).join(', ');
  return `select ${PATTERN_COLUMNS.join(', ')} from entries where ${where.join(' and ')} order by ${order}`;
}

export function createPgPatternRows(pool: Pick<pg.Pool, 'query'>): (chronologyId: string, filters?: PatternRowFilters) => Promise<PatternEntry[]> {
  const texts = new Map<number, string>();
  return async (chronologyId, filters = {}) => {
    let shape = 0;
    const values: unknown[] = [chronologyId];
    if (filters.categories) {
      if (filters.categories.length === 0) shape |= NO_CATEGORY;
      else {
        shape |= CATEGORIES;
        values.push([...filters.categories]);
      }
    }
    if (!filters.includeWithdrawn) shape |= ACTIVE_ONLY;
    if (filters.restrictedVisibleTo !== undefined) {
      shape |= VISIBLE_TO;
      values.push(filters.restrictedVisibleTo);
    }
    let text = texts.get(shape);
    if (text === undefined) texts.set(shape, (text = textOf(shape)));
    const { rows } = await pool.query<PatternRow>({ name: `mac-pattern-rows-${shape}`, text, values, rowMode: 'array' });
    return rows.map(patternEntryOf);
  };
}
