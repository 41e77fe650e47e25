// `entries.patternRows` on PostgreSQL (../pattern-rows.ts says why): a statement written for it, one text per
// combination of filters present (a named prepared statement per connection), rows as arrays. Conditions
// and order are `query`'s (repos.ts): visibility, active only unless withdrawn are asked for, categories as
// ONE array parameter, timeline order in byte order (COLLATE "C", as SQLite orders text).
import type pg from 'pg';
import type { PatternEntry } from '@mac/domain';
import { PATTERN_COLUMNS, PATTERN_SHAPE as S, patternEntryOf, patternShape, type PatternRow, type PatternRowFilters } from '../pattern-rows.js';

function textOf(shape: number): string {
  const where = ['chronology_id = $1'];
  let n = 1;
  if (shape & S.noCategory) where.push('false');
  if (shape & S.categories) where.push(`category = any($${++n}::text[])`);
  if (shape & S.activeOnly) where.push("status = 'active'");
  if (shape & S.visibleTo) where.push(`(restricted = false or agency = $${++n})`);
  const order = ['date_first', 'time', 'recorded_at', 'id', 'doc_name'].map((c) => `${c} collate "C"`).join(', ');
  return `select ${PATTERN_COLUMNS.join(', ')} from entries where ${where.join(' and ')} order by ${order}`;
}

export function createPgPatternRows(pool: Pick<pg.Pool, 'query'>): (chronologyId: string, filters?: PatternRowFilters) => Promise<PatternEntry[]> {
  const texts = new Map<number, string>();
  return async (chronologyId, filters = {}) => {
    const { shape, categories, visibleTo } = patternShape(filters);
    const values: unknown[] = [chronologyId];
    if (categories !== null) values.push([...categories]);
    if (visibleTo !== null) values.push(visibleTo);
    let text = texts.get(shape);
    if (text === undefined) texts.set(shape, (text = textOf(shape)));
    const { rows } = await pool.query<PatternRow>({ name: `mac-pattern-rows-${shape}`, text, values, rowMode: 'array' });
    return rows.map(patternEntryOf);
  };
}
