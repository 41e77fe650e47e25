// `entries.patternRows` on SQLite (../pattern-rows.ts says why): a statement written for it, one text per
// combination of filters present (prepared once through the connection's statement cache), rows read raw.
// Conditions and order are `query`'s (entries.ts): visibility, active only unless withdrawn are asked for,
// categories as ONE JSON parameter, timeline order.
import type { PatternEntry } from '@mac/domain';
import type { MacDb } from '../open.js';
import { PATTERN_COLUMNS, PATTERN_SHAPE as S, patternEntryOf, patternShape, type PatternRow, type PatternRowFilters } from '../pattern-rows.js';

function textOf(shape: number): string {
  const where = ['chronology_id = ?'];
  if (shape & S.noCategory) where.push('0');
  if (shape & S.categories) where.push('category in (select value from json_each(?))');
  if (shape & S.activeOnly) where.push("status = 'active'");
  if (shape & S.visibleTo) where.push('(restricted = 0 or agency = ?)');
  return `select ${PATTERN_COLUMNS.join(', ')} from entries where ${where.join(' and ')} order by date_first, time, recorded_at, id, doc_name`;
}

export function createPatternRows(db: MacDb): (chronologyId: string, filters?: PatternRowFilters) => PatternEntry[] {
  const texts = new Map<number, string>();
  return (chronologyId, filters = {}) => {
    const { shape, categories, visibleTo } = patternShape(filters);
    const params: unknown[] = [chronologyId];
    if (categories !== null) params.push(JSON.stringify(categories));
    if (visibleTo !== null) params.push(visibleTo);
    let text = texts.get(shape);
    if (text === undefined) texts.set(shape, (text = textOf(shape)));
    const rows = db.sqlite.prepare(text).raw(true).all(...params) as PatternRow[];
    const out = new Array<PatternEntry>(rows.length);
    for (let i = 0; i < rows.length; i++) out[i] = patternEntryOf(rows[i]!);
    return out;
  };
}
