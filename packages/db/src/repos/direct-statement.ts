// A statement Drizzle built once, run by better-sqlite3 directly. Drizzle's prepared query fills its
// parameters on every call by testing each one's kind through the prototype chain (`is`), which for the
// write path's three statements (the update log's insert, the projection's upsert of 31 columns, the
// audit record's insert) was ~2.5% of the SQLite writer's time under the write bench (profiled, 6
// December). The SQL is still Drizzle's, generated from the table; each parameter is still converted by
// its column (`mapToDriverValue`, e.g. a boolean to 1/0), exactly as Drizzle does.
import { Param, Placeholder } from 'drizzle-orm';
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
  const binders: Binder[] = params.map((param) => {
    if (param instanceof Placeholder) return { name: param.name, encode: (value) => value };
    if (param instanceof Param && param.value instanceof Placeholder) {
      const { encoder } = param;
      return { name: param.value.name, encode: encoder === undefined ? (value) => value : (value) => encoder.mapToDriverValue(value) };
    }
    throw new Error(`directStatement: every parameter must be a placeholder (${text})`);
  });
  const statement = db.sqlite.prepare(text);
  const bind = (values: Readonly<Record<string, unknown>>): unknown[] => {
    const args = new Array<unknown>(binders.length);
    for (let i = 0; i < binders.length; i++) {
      const { name, encode } = binders[i]!;
      if (!(name in values)) throw new Error(`No value for placeholder "${name}"`);
      args[i] = encode(values[name]);
    }
    return args;
  };
  return {
    run(values) {
      statement.run(...bind(values));
    },
    get<T>(values: Readonly<Record<string, unknown>>) {
      return statement.get(...bind(values)) as T | undefined;
    },
  };
}
