// A statement Drizzle built once, run by better-sqlite3 directly. Drizzle's prepared query fills its
// parameters on every call by testing each one's kind through the prototype chain (`is`), which for the
// write path's three statements (the update log's insert, the projection's upsert of 31 columns, the
// audit record's insert) was ~2.5% of the SQLite writer's time under the write bench (profiled, 6
// December). The SQL is still Drizzle's, generated from the table; each parameter is still converted by
// its column (`mapToDriverValue`, e.g. a boolean to 1/0), exactly as Drizzle does.
import { Column, Param, Placeholder, SQL } from 'drizzle-orm';
import type { MacDb } from '../open.js';

interface Binder {
  name: string;
  encode: (value: unknown) => unknown;
}

export interface DirectStatement {
  run(values: Readonly<Record<string, unknown>>): void;
  get<T>(values: Readonly<Record<string, unknown>>): T | undefined;
}

/** `query` must be built from placeholders only (`sql.placeholder(name)`): every value is named. */
export function directStatement(db: MacDb, query: { toSQL(): { sql: string; params: unknown[] } }): DirectStatement {
  const { sql: text, params } = query.toSQL();
  const bind = binderOf(params, text);
  const statement = db.sqlite.prepare(text);
  return {
    run(values) {
      statement.run(...bind(values));
    },
    get<T>(values: Readonly<Record<string, unknown>>) {
      return statement.get(...bind(values)) as T | undefined;
    },
  };
}

/**
 * A multi-row INSERT Drizzle built for a given number of rows, run by better-sqlite3 directly: one
 * statement for many rows of a batch. `build(n)` must name row i's value for column `c` with the
 * placeholder `rowPlaceholder(i, c)`. At most `maxRows` rows a statement (SQLite's bound-variable limit and
 * the statement cache: one prepared statement per row count used); more rows run as several statements.
 *
 * Why (docs/storage.md "The write path"): every statement that may need undoing opens a statement
 * savepoint, and SQLite then calls xSavepoint on each virtual table in the transaction: the search index
 * (FTS5) flushes the text it holds in memory to a new segment there, so with one upsert per entry each
 * entry became its own segment, and the index merged them again. One statement for a batch's rows
 * tokenises them all into one flush.
 */
export function directMultiStatement(db: MacDb, build: (rows: number) => { toSQL(): { sql: string; params: unknown[] } }, maxRows: number): { run(rows: readonly Readonly<Record<string, unknown>>[]): void } {
  const byCount = new Map<number, { run: (rows: readonly Readonly<Record<string, unknown>>[], from: number) => void }>();
  const prepared = (n: number) => {
    let made = byCount.get(n);
    if (made === undefined) {
      const { sql: text, params } = build(n).toSQL();
      const binders = bindersOf(params, text).map(({ name, encode }) => {
        const at = name.indexOf(ROW_MARK);
        if (at === -1) throw new Error(`direct statement: placeholder ${name} names no row (${text})`);
        return { row: Number(name.slice(0, at)), key: name.slice(at + ROW_MARK.length), encode };
      });
      const statement = db.sqlite.prepare(text);
      made = {
        run: (rows, from) => {
          const args = new Array<unknown>(binders.length);
          for (let i = 0; i < binders.length; i++) {
            const { row, key, encode } = binders[i]!;
            const values = rows[from + row]!;
            if (!(key in values)) throw new Error(`No value for placeholder "${key}"`);
            args[i] = encode(values[key]);
          }
          statement.run(...args);
        },
      };
      byCount.set(n, made);
    }
    return made;
  };
  return {
    run(rows) {
      for (let from = 0; from < rows.length; from += maxRows) prepared(Math.min(maxRows, rows.length - from)).run(rows, from);
    },
  };
}

const ROW_MARK = ':';

/** The placeholder name of row `row`'s value of `key` in a `directMultiStatement`. */
export function rowPlaceholder(row: number, key: string): string {
  return `${row}${ROW_MARK}${key}`;
}

/** The values of a statement's parameters, in order, from named values, each encoded by its column. */
function binderOf(params: readonly unknown[], text: string): (values: Readonly<Record<string, unknown>>) => unknown[] {
  const binders = bindersOf(params, text);
  return (values) => {
    const args = new Array<unknown>(binders.length);
    for (let i = 0; i < binders.length; i++) {
      const { name, encode } = binders[i]!;
      if (!(name in values)) throw new Error(`No value for placeholder "${name}"`);
      args[i] = encode(values[name]);
    }
    return args;
  };
}

/** Each parameter's placeholder name and its column's encoder. */
function bindersOf(params: readonly unknown[], text: string): Binder[] {
  return params.map((param) => {
    if (param instanceof Placeholder) return { name: param.name, encode: (value) => value };
    if (param instanceof Param && param.value instanceof Placeholder) {
      const { encoder } = param;
      return { name: param.value.name, encode: encoder === undefined ? (value) => value : (value) => encoder.mapToDriverValue(value) };
    }
    throw new Error(`direct statement: every parameter must be a placeholder (${text})`);
  });
}

/** What a Drizzle prepared select exposes (better-sqlite3 session): its SQL, parameters and selected fields. */
interface PreparedSelect {
  query: { sql: string; params: unknown[] };
  fields?: ReadonlyArray<{ path: string[]; field: unknown }>;
  joinsNotNullableMap?: Record<string, boolean>;
}

/**
 * A one-row select Drizzle prepared (`.prepare()`), run by better-sqlite3 directly and its row built here
 * with the decoders Drizzle would use. For the point reads every request makes on the event loop (the
 * session with its user, the chronology with its members and grants): Drizzle's `get` fills the
 * parameters and maps each of the row's ~25 columns by testing its kind through the prototype chain
 * (`is`), per call; here both are worked out once. Inner joins only (Drizzle turns a left-joined table
 * whose columns are all null into null; not needed here, so refused).
 */
export function directGet<T>(db: MacDb, prepared: unknown): (values: Readonly<Record<string, unknown>>) => T | undefined {
  const { query, fields, joinsNotNullableMap } = prepared as PreparedSelect;
  if (fields === undefined) throw new Error('directGet: the query selects no fields');
  if (Object.values(joinsNotNullableMap ?? {}).some((notNull) => !notNull)) throw new Error('directGet: inner joins only');
  const bind = binderOf(query.params, query.sql);
  // Each column: the object it goes in (its path but the last key, by index into `objects`), its key, and
  // its decoder, as Drizzle's mapResultRow picks it (a column, or an SQL expression's own decoder).
  const objectPaths: string[] = [];
  const columns = fields.map(({ path, field }) => {
    const parentPath = path.slice(0, -1).join('\u0000');
    let parent = objectPaths.indexOf(parentPath);
    if (parent === -1) parent = objectPaths.push(parentPath) - 1;
    type Decoder = { mapFromDriverValue(v: unknown): unknown };
    const decoder: Decoder = field instanceof Column ? field : field instanceof SQL ? (field as unknown as { decoder: Decoder }).decoder : (field as { sql: { decoder: Decoder } }).sql.decoder;
    return { parent, key: path[path.length - 1]!, decode: (v: unknown) => decoder.mapFromDriverValue(v) };
  });
  const nests = objectPaths.map((p) => (p === '' ? [] : p.split('\u0000')));
  const statement = db.sqlite.prepare(query.sql);
  return (values) => {
    // Rows as arrays, set on every call (as Drizzle does): the statement cache (statement-cache.ts) hands
    // the same statement to anyone preparing the same SQL text, and resets its mode when it does.
    const row = statement.raw(true).get(...bind(values)) as unknown[] | undefined;
    if (row === undefined) return undefined;
    const result: Record<string, unknown> = {};
    // Nested objects made as their first column comes, as Drizzle does (the same key order).
    const objects = new Array<Record<string, unknown> | undefined>(nests.length);
    for (let i = 0; i < columns.length; i++) {
      const { parent, key, decode } = columns[i]!;
      let node = objects[parent];
      if (node === undefined) {
        node = result;
        for (const k of nests[parent]!) node = (node[k] ??= {}) as Record<string, unknown>;
        objects[parent] = node;
      }
      const raw = row[i];
      node[key] = raw === null ? null : decode(raw);
    }
    return result as T;
  };
}
