// A select Drizzle built and prepared ONCE, run by better-sqlite3 directly, its rows built here with the
// decoders Drizzle would use. Drizzle builds a query's SQL on every call (`is` through the prototype chain
// for every chunk), fills its parameters the same way, and maps each row's every column by testing the
// field's kind again (`mapResultRow`): under the county bench that was ~32 of the SQLite read lane's
// ~144 s busy (profiled, 7 December), more than SQLite's own work for most reads. Here the SQL, the
// parameters' encoders and each column's decoder are worked out once, per statement; a read whose SQL
// depends on which filters are present keeps one statement per combination (`perShape`).
//
// The rows are exactly Drizzle's: the same keys in the same order, nested objects made as Drizzle makes
// them, null for a null column, every other value through its column's `mapFromDriverValue` (booleans,
// JSON, timestamps) or an SQL expression's own decoder (`mapWith`).
import { Column, SQL } from 'drizzle-orm';
import type Database from 'better-sqlite3';
import { binderOf } from './direct-statement.js';

type Values = Readonly<Record<string, unknown>>;

export interface DirectSelect<T> {
  get(values?: Values): T | undefined;
  all(values?: Values): T[];
}

/** What a Drizzle prepared select exposes (better-sqlite3 session): its SQL, parameters and selected fields. */
interface PreparedSelect {
  query: { sql: string; params: unknown[] };
  fields?: ReadonlyArray<{ path: string[]; field: unknown }>;
  joinsNotNullableMap?: Record<string, boolean>;
  /** better-sqlite3's statement, which Drizzle prepared (through the statement cache) from `query.sql`. */
  stmt: Database.Statement;
}

type Decoder = { mapFromDriverValue(v: unknown): unknown };
const identity = Column.prototype.mapFromDriverValue;

/**
 * `prepared` is a Drizzle select's `.prepare()`, built from constants and placeholders only (the values of
 * a call are named by `sql.placeholder`, never built in: the statement serves every call).
 */
export function directSelect<T>(prepared: unknown): DirectSelect<T> {
  const { query, fields, joinsNotNullableMap, stmt: statement } = prepared as PreparedSelect;
  if (fields === undefined) throw new Error('directSelect: the query selects no fields');
  // Drizzle turns a left-joined table selected as an object whose columns are all null into null; not
  // done here, so refused. A left join whose columns are only aggregated or named one by one is fine.
  const nullable = Object.values(joinsNotNullableMap ?? {}).some((notNull) => !notNull);
  if (nullable && fields.some(({ path, field }) => path.length === 2 && field instanceof Column)) throw new Error('directSelect: a left-joined table selected as an object');
  const bind = binderOf(query.params, query.sql, true);
  const map = rowMapper(fields);
  const none: Values = {};
  return {
    get(values = none) {
      // Rows as arrays, set on every call (as Drizzle does): the statement cache (statement-cache.ts) hands
      // the same statement to anyone preparing the same SQL text, and resets its mode when it does.
      const row = statement.raw(true).get(...bind(values)) as unknown[] | undefined;
      return row === undefined ? undefined : (map(row) as T);
    },
    all(values = none) {
      const rows = statement.raw(true).all(...bind(values)) as unknown[][];
      const out = new Array<T>(rows.length);
      for (let i = 0; i < rows.length; i++) out[i] = map(rows[i]!) as T;
      return out;
    },
  };
}

/** A one-row read: `directSelect(prepared).get`. */
export function directGet<T>(prepared: unknown): (values: Values) => T | undefined {
  const select = directSelect<T>(prepared);
  return (values) => select.get(values);
}

/** A `directSelect` built the first time it runs (so a test that watches `prepare` sees its statement). */
export function lazySelect<T>(build: () => unknown): DirectSelect<T> {
  let select: DirectSelect<T> | undefined;
  return {
    get: (values) => (select ??= directSelect<T>(build())).get(values),
    all: (values) => (select ??= directSelect<T>(build())).all(values),
  };
}

/**
 * One `directSelect` per combination of filters present: `build(shape)` is called the first time a shape
 * is asked for (so a test that watches `prepare` sees the statement), and must depend on `shape` alone.
 */
export function perShape<T>(build: (shape: number) => unknown): (shape: number) => DirectSelect<T> {
  const made = new Map<number, DirectSelect<T>>();
  return (shape) => {
    let select = made.get(shape);
    if (select === undefined) made.set(shape, (select = directSelect<T>(build(shape))));
    return select;
  };
}

/** A function that builds Drizzle's row from a raw row (an array in the fields' order). */
function rowMapper(fields: ReadonlyArray<{ path: string[]; field: unknown }>): (row: readonly unknown[]) => Record<string, unknown> {
  // Each column: the object it goes in (its path but the last key, by index into `objects`), its key, and
  // its decoder, as Drizzle's mapResultRow picks it (a column, or an SQL expression's own decoder);
  // none where the decoder returns its value unchanged (text columns, most expressions).
  const objectPaths: string[] = [];
  const columns = fields.map(({ path, field }) => {
    const parentPath = path.slice(0, -1).join('\u0000');
    let parent = objectPaths.indexOf(parentPath);
    if (parent === -1) parent = objectPaths.push(parentPath) - 1;
    const decoder: Decoder = field instanceof Column ? field : field instanceof SQL ? (field as unknown as { decoder: Decoder }).decoder : (field as { sql: { decoder: Decoder } }).sql.decoder;
    const decode = decoder.mapFromDriverValue === identity ? null : (v: unknown) => decoder.mapFromDriverValue(v);
    return { parent, key: path[path.length - 1]!, decode };
  });
  if (objectPaths.length === 1 && objectPaths[0] === '') {
    // A flat selection (one table, or named expressions): the common case, without the nesting walk.
    const keys = columns.map((c) => c.key);
    const decoders = columns.map((c) => c.decode);
    return (row) => {
      const result: Record<string, unknown> = {};
      for (let i = 0; i < keys.length; i++) {
        const raw = row[i];
        const decode = decoders[i];
        result[keys[i]!] = raw === null ? null : decode === null ? raw : decode!(raw);
      }
      return result;
    };
  }
  const nests = objectPaths.map((p) => (p === '' ? [] : p.split('\u0000')));
  return (row) => {
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
      node[key] = raw === null ? null : decode === null ? raw : decode(raw);
    }
    return result;
  };
}
