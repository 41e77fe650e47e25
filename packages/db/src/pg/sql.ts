// Small SQL pieces every PostgreSQL repository uses: text ordered as SQLite orders it (byte order,
// COLLATE "C"), "one of these values" as one array parameter, and the number of rows a write changed.
import { sql, type AnyColumn, type SQL } from 'drizzle-orm';

export const bytes = (column: AnyColumn) => sql`${column} collate "C"`;
export const ascC = (column: AnyColumn) => sql`${bytes(column)} asc`;
export const descC = (column: AnyColumn) => sql`${bytes(column)} desc`;

/** `column = any($1::text[])`: the whole list bound as ONE array parameter, whatever its length. */
export function anyOf(column: AnyColumn, values: readonly string[]): SQL {
  return sql`${column} = any(${sql.param([...values])}::text[])`;
}

/** Rows an UPDATE or DELETE touched. */
export const changed = (result: { rowCount: number | null }) => result.rowCount ?? 0;

/** Rows per multi-row INSERT: under PostgreSQL's 65,535 bound parameters for the widest table (27 columns). */
export const INSERT_CHUNK = 1000;
