// What every repository is made from: the open database and a clock. Passed in, never imported, so
// tests and tools can open as many databases as they like side by side.
import { sql, type SQL } from 'drizzle-orm';
import type { SQLiteColumn } from 'drizzle-orm/sqlite-core';
import type { MacDb } from '../open.js';

export interface RepoContext {
  db: MacDb;
  /** The current instant as an ISO 8601 string. */
  now: () => string;
}

/**
 * `column IN (ids)` with the whole list bound as ONE JSON parameter: no limit on the number of ids
 * (SQLite caps bound variables) and one cached statement shape whatever the length.
 */
export function inList(column: SQLiteColumn, values: readonly string[]): SQL {
  return sql`${column} in (select value from json_each(${JSON.stringify(values)}))`;
}

/** `inList` for a statement prepared once: the list is the placeholder `name`, bound as JSON text when run. */
export function inListPlaceholder(column: SQLiteColumn, name: string): SQL {
  return sql`${column} in (select value from json_each(${sql.placeholder(name)}))`;
}

/** A blob as a plain Uint8Array (a view, not a copy): what Yjs and the rest of MAC expect, not a Node Buffer. */
export function toBytes(bytes: Uint8Array): Uint8Array {
  return new Uint8Array(bytes.buffer, bytes.byteOffset, bytes.byteLength);
}

/** A Uint8Array as a Buffer over the same memory, which is what better-sqlite3 binds as a blob. */
export function toBlob(bytes: Uint8Array): Buffer {
  return Buffer.from(bytes.buffer, bytes.byteOffset, bytes.byteLength);
}
