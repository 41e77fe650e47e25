// A statement Drizzle built once, run by better-sqlite3 directly. Drizzle's prepared query fills its
// parameters on every call by testing each one's kind through the prototype chain (`is`), which for the
// write path's three statements (the update log's insert, the projection's upsert of 31 columns, the
// audit record's insert) was ~2.5% of the SQLite writer's time under the write bench (profiled, 6
// December). The SQL is still Drizzle's, generated from the table; each parameter is still converted by
// its column (`mapToDriverValue`, e.g. a boolean to 1/0), exactly as Drizzle does.
import { Param, Placeholder } from 'drizzle-orm';
import type { MacDb } from '../open.js';

interface Binder {
  /** The placeholder's name; null for a constant. */
  name: string | null;
  /** The constant's value, as Drizzle built it into the statement. */
  constant?: unknown;
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
        const at = name === null ? -1 : name.indexOf(ROW_MARK);
        if (at === -1) throw new Error(`direct statement: placeholder ${name} names no row (${text})`);
        return { row: Number(name!.slice(0, at)), key: name!.slice(at + ROW_MARK.length), encode };
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

/**
 * The values of a statement's parameters, in order, from named values, each encoded by its column. With
 * `constants`, a parameter that is not a placeholder is bound as the value Drizzle built into the
 * statement (as Drizzle's own prepared statements do): for a statement built once from constants and
 * placeholders only, never from a caller's values.
 */
export function binderOf(params: readonly unknown[], text: string, constants = false): (values: Readonly<Record<string, unknown>>) => unknown[] {
  const binders = bindersOf(params, text, constants);
  return (values) => {
    const args = new Array<unknown>(binders.length);
    for (let i = 0; i < binders.length; i++) {
      const { name, constant, encode } = binders[i]!;
      if (name === null) args[i] = constant;
      else if (!(name in values)) throw new Error(`No value for placeholder "${name}"`);
      else args[i] = encode(values[name]);
    }
    return args;
  };
}

/** Each parameter's placeholder name and its column's encoder. */
function bindersOf(params: readonly unknown[], text: string, constants = false): Binder[] {
  return params.map((param) => {
    if (param instanceof Placeholder) return { name: param.name, encode: (value) => value };
    if (param instanceof Param && param.value instanceof Placeholder) {
      const { encoder } = param;
      return { name: param.value.name, encode: encoder === undefined ? (value) => value : (value) => encoder.mapToDriverValue(value) };
    }
    if (constants && !(param instanceof Param) && !(param instanceof Placeholder)) return { name: null, constant: param, encode: (value) => value };
    throw new Error(`direct statement: every parameter must be a placeholder (${text})`);
  });
}
