// The PostgreSQL schema must stay the SQLite schema in another dialect: same tables, column names (JS and
// SQL), nullability, defaults, primary keys, unique constraints, foreign keys and indexes. Drizzle cannot
// share one definition between dialects, so this test is what keeps the two files together. The few
// differences are declared below, each with its reason; anything else that differs fails.
import { getTableConfig as pgConfig, PgTable, type PgColumn } from 'drizzle-orm/pg-core';
import { getTableConfig as sqliteConfig, SQLiteTable, type SQLiteColumn } from 'drizzle-orm/sqlite-core';
import { describe, expect, it } from 'vitest';
import * as sqliteSchema from '../schema.js';
import * as pgSchema from './schema.js';
import * as pgImports from './schema-imports.js';

/** SQLite column type (Drizzle's columnType) → the PostgreSQL types it may become. */
const TYPE_MAP: Record<string, readonly string[]> = {
  SQLiteText: ['PgText'],
  // The JSON columns: `json` keeps the text as written; the audit log's details stay TEXT (hashed text).
  SQLiteTextJson: ['PgJson'],
  SQLiteBoolean: ['PgBoolean'],
  // Sequence numbers and Yjs client ids pass 2^31: bigint, read back as numbers.
  SQLiteInteger: ['PgBigInt53', 'PgInteger'],
  SQLiteBlobBuffer: ['PgCustomColumn'],
};

/** Tables only PostgreSQL has: the audit chain's head (sqlite_sequence and the last row in SQLite). */
const PG_ONLY_TABLES = new Set(['audit_head']);
/** Columns only PostgreSQL has: the order of joining (rowid in SQLite). */
const PG_ONLY_COLUMNS = new Set(['chronology_agencies.seq']);
/**
 * Columns with a default in SQLite only: the audit log's seq is AUTOINCREMENT there (though the appender
 * always gives it); here it comes from audit_head and nothing else, so a stray insert without it fails.
 */
const SQLITE_ONLY_DEFAULTS = new Set(['audit_log.seq']);

const sqliteTables = Object.values(sqliteSchema as Record<string, unknown>).filter((v): v is SQLiteTable => v instanceof SQLiteTable);
const pgTables = Object.values({ ...pgSchema, ...pgImports } as Record<string, unknown>).filter((v): v is PgTable => v instanceof PgTable);

function sqliteByName() {
  return new Map(sqliteTables.map((t) => [sqliteConfig(t).name, sqliteConfig(t)]));
}
function pgByName() {
  return new Map(pgTables.map((t) => [pgConfig(t).name, pgConfig(t)]));
}

type AnyColumn = SQLiteColumn | PgColumn;

function columnShape(table: string, c: AnyColumn) {
  const hasDefault = c.hasDefault && !SQLITE_ONLY_DEFAULTS.has(`${table}.${c.name}`);
  return { name: c.name, notNull: c.notNull, primary: c.primary, hasDefault, unique: c.isUnique ? c.uniqueName : null };
}

function jsNames(table: SQLiteTable | PgTable): Record<string, string> {
  // The property each SQL column is reached by in TypeScript.
  return Object.fromEntries(Object.entries(table).filter(([, v]) => v && typeof v === 'object' && 'columnType' in v).map(([key, v]) => [(v as AnyColumn).name, key]));
}

describe('PostgreSQL schema parity with SQLite', () => {
  it('has the same tables (and the declared PostgreSQL-only ones)', () => {
    const sqlite = [...sqliteByName().keys()].sort();
    const pg = [...pgByName().keys()].filter((n) => !PG_ONLY_TABLES.has(n)).sort();
    expect(pg).toEqual(sqlite);
    expect(sqlite.length).toBeGreaterThanOrEqual(16);
  });

  const pairs = [...sqliteByName()].map(([name, s]) => [name, s, pgByName().get(name)] as const);

  it.each(pairs)('%s: same columns, JS names, nullability, defaults, primary and unique keys', (name, s, p) => {
    expect(p, `no PostgreSQL table ${name}`).toBeDefined();
    const pgColumns = p!.columns.filter((c) => !PG_ONLY_COLUMNS.has(`${name}.${c.name}`));
    const shape = (cols: AnyColumn[]) => [...cols].sort((a, b) => a.name.localeCompare(b.name)).map((c) => columnShape(name, c));
    expect(shape(pgColumns)).toEqual(shape(s.columns));
    const sqliteTable = sqliteTables.find((t) => sqliteConfig(t).name === name)!;
    const pgTable = pgTables.find((t) => pgConfig(t).name === name)!;
    const pgNames = jsNames(pgTable);
    for (const [sqlName] of Object.entries(pgNames)) if (PG_ONLY_COLUMNS.has(`${name}.${sqlName}`)) delete pgNames[sqlName];
    expect(pgNames).toEqual(jsNames(sqliteTable));
    const keys = (pks: { columns: AnyColumn[] }[]) => pks.map((pk) => pk.columns.map((c) => c.name));
    expect(keys(p!.primaryKeys)).toEqual(keys(s.primaryKeys));
    const uniques = (us: { getName(): string | undefined; columns: AnyColumn[] }[]) => us.map((u) => [u.getName(), u.columns.map((c) => c.name)]);
    expect(uniques(p!.uniqueConstraints)).toEqual(uniques(s.uniqueConstraints));
  });

  it.each(pairs)('%s: column types map by the declared table', (name, s, p) => {
    for (const column of s.columns) {
      const other = p!.columns.find((c) => c.name === column.name)!;
      expect(TYPE_MAP[column.columnType], `no declared mapping for ${column.columnType}`).toBeDefined();
      expect(TYPE_MAP[column.columnType], `${name}.${column.name}: ${column.columnType} became ${other.columnType}`).toContain(other.columnType);
      if (other.columnType === 'PgCustomColumn') expect(other.getSQLType()).toBe('bytea');
    }
    // The hashed text is TEXT in both: jsonb would reorder its keys and break every audit hash.
    if (name === 'audit_log') expect(p!.columns.find((c) => c.name === 'details')!.getSQLType()).toBe('text');
  });

  it.each(pairs)('%s: same indexes (name, columns, uniqueness) and foreign keys', (name, s, p) => {
    const indexes = (list: { config: { name: string; unique: boolean; columns: unknown[]; where?: unknown } }[]) =>
      list
        .map((i) => ({ name: i.config.name, unique: i.config.unique, partial: i.config.where !== undefined, columns: i.config.columns.map((c) => (c as AnyColumn).name) }))
        .sort((a, b) => a.name.localeCompare(b.name));
    expect(indexes(p!.indexes as never), name).toEqual(indexes(s.indexes as never));
    const fks = (list: { reference(): { columns: AnyColumn[]; foreignColumns: AnyColumn[]; foreignTable: unknown } }[], tableName: (t: unknown) => string) =>
      list
        .map((fk) => {
          const r = fk.reference();
          return `${r.columns.map((c) => c.name).join(',')} -> ${tableName(r.foreignTable)}(${r.foreignColumns.map((c) => c.name).join(',')})`;
        })
        .sort();
    expect(fks(p!.foreignKeys as never, (t) => pgConfig(t as PgTable).name)).toEqual(fks(s.foreignKeys as never, (t) => sqliteConfig(t as SQLiteTable).name));
  });
});
