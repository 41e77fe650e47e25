import { existsSync, mkdtempSync, readFileSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join, resolve } from 'node:path';
import { is } from 'drizzle-orm';
import { getTableConfig, SQLiteTable } from 'drizzle-orm/sqlite-core';
import { afterEach, describe, expect, it } from 'vitest';
import { MIGRATIONS_FOLDER, openDatabase, resolveDataDir, type MacDb } from './open.js';
import * as schema from './schema.js';

const dirs: string[] = [];
const opened: MacDb[] = [];

function tempDir(): string {
  const dir = mkdtempSync(join(tmpdir(), 'mac-open-'));
  dirs.push(dir);
  return dir;
}

function open(opts: Parameters<typeof openDatabase>[0]): MacDb {
  const db = openDatabase(opts);
  opened.push(db);
  return db;
}

afterEach(() => {
  for (const db of opened.splice(0)) db.close();
  for (const dir of dirs.splice(0)) rmSync(dir, { recursive: true, force: true });
});

const tableNames = (db: MacDb): string[] =>
  db.sqlite
    .prepare<[], { name: string }>("select name from sqlite_master where type = 'table' and name not like 'sqlite_%' order by name")
    .all()
    .map((r) => r.name);

describe('openDatabase', () => {
  it('applies the migrations to a fresh file, and reopening applies nothing twice', () => {
    const dir = tempDir();
    const first = open({ dataDir: dir });
    expect(tableNames(first)).toEqual([
      '__drizzle_migrations',
      'action_changes',
      'actions',
      'agencies',
      'alert_outbox',
      'alert_preferences',
      'alert_state',
      'analysis_versions',
      'analysis_views',
      'api_tokens',
      'audit_log',
      'break_glass_grants',
      'children',
      'chronologies',
      'chronology_agencies',
      'doc_clients',
      'doc_updates',
      'entries',
      // The full-text index of the entries (drizzle/0013_entry-search.sql) and FTS5's shadow tables.
      'entries_fts',
      'entries_fts_config',
      'entries_fts_data',
      'entries_fts_docsize',
      'entries_fts_idx',
      // Each chronology's entry version, moved by triggers (drizzle/0017_entry-versions.sql): the page cache's check.
      'entry_versions',
      'household_events',
      'household_members',
      'households',
      'login_attempts',
      'notifications',
      'pattern_reviews',
      // Imports being written in slices (drizzle/0019_pending-imports.sql).
      'pending_imports',
      'people',
      'person_flags',
      'person_links',
      'sessions',
      'snapshots',
      'users',
    ]);
    const migrations = (db: MacDb) => db.sqlite.prepare('select hash, created_at from __drizzle_migrations order by id').all();
    const applied = migrations(first);
    const journal = JSON.parse(readFileSync(join(MIGRATIONS_FOLDER, 'meta', '_journal.json'), 'utf8')) as { entries: unknown[] };
    expect(applied).toHaveLength(journal.entries.length);
    first.sqlite.prepare("insert into agencies (slug, name, kind, created_at) values ('x', 'X', 'police', 'now')").run();
    first.close();

    const again = open({ dataDir: dir });
    expect(migrations(again)).toEqual(applied);
    expect(again.sqlite.prepare('select count(*) as n from agencies').get()).toEqual({ n: 1 });
  });

  it('uses <dataDir>/mac.sqlite, creating the directory', () => {
    const dir = join(tempDir(), 'nested', 'data');
    const db = open({ dataDir: dir });
    expect(db.file).toBe(resolve(dir, 'mac.sqlite'));
    expect(existsSync(join(dir, 'mac.sqlite'))).toBe(true);
  });

  it('opens a named file and an in-memory database', () => {
    const file = join(tempDir(), 'other.sqlite');
    expect(open({ file }).file).toBe(file);
    const memory = open({ memory: true });
    expect(memory.file).toBeNull();
    expect(tableNames(memory)).toContain('audit_log');
  });

  it('runs in WAL mode with synchronous=FULL, foreign keys on and a busy timeout', () => {
    const db = open({ dataDir: tempDir() });
    expect(db.sqlite.pragma('journal_mode', { simple: true })).toBe('wal');
    expect(db.sqlite.pragma('synchronous', { simple: true })).toBe(2); // 2 = FULL
    expect(db.sqlite.pragma('foreign_keys', { simple: true })).toBe(1);
    expect(db.sqlite.pragma('busy_timeout', { simple: true })).toBe(5000);
  });

  it('has every column of src/schema.ts in the migrated database (no schema change without a migration)', () => {
    const db = open({ memory: true });
    const tables: SQLiteTable[] = Object.values(schema).filter((v) => is(v, SQLiteTable));
    expect(tables.length).toBe(30);
    for (const table of tables) {
      const config = getTableConfig(table);
      const columns = db.sqlite
        .prepare<[], { name: string }>(`select name from pragma_table_info('${config.name}')`)
        .all()
        .map((c) => c.name)
        .sort();
      expect(columns, config.name).toEqual(config.columns.map((c) => c.name).sort());
    }
  });
});

describe('migrations folder', () => {
  it('has a SQL file per journal entry, in strictly increasing time order', () => {
    // Drizzle's migrator applies only migrations newer than the last one applied, by the journal's
    // `when`: a migration generated on a machine whose clock ran behind would be skipped silently.
    const journal = JSON.parse(readFileSync(join(MIGRATIONS_FOLDER, 'meta', '_journal.json'), 'utf8')) as { entries: { tag: string; when: number }[] };
    expect(journal.entries.length).toBeGreaterThanOrEqual(2);
    journal.entries.forEach((entry, i) => {
      expect(existsSync(join(MIGRATIONS_FOLDER, `${entry.tag}.sql`)), entry.tag).toBe(true);
      if (i > 0) expect(entry.when, entry.tag).toBeGreaterThan(journal.entries[i - 1]!.when);
    });
  });
});

describe('tx', () => {
  it('commits what the function wrote and returns its result', () => {
    const db = open({ memory: true });
    const result = db.tx(() => {
      db.sqlite.prepare("insert into agencies (slug, name, kind, created_at) values ('a', 'A', 'police', 'now')").run();
      return 42;
    });
    expect(result).toBe(42);
    expect(db.sqlite.prepare('select count(*) as n from agencies').get()).toEqual({ n: 1 });
  });

  it('rolls everything back when the function throws', () => {
    const db = open({ memory: true });
    expect(() =>
      db.tx(() => {
        db.sqlite.prepare("insert into agencies (slug, name, kind, created_at) values ('a', 'A', 'police', 'now')").run();
        throw new Error('boom');
      }),
    ).toThrow('boom');
    expect(db.sqlite.prepare('select count(*) as n from agencies').get()).toEqual({ n: 0 });
  });

  it('nests as a savepoint: an inner failure caught by the outer function undoes only the inner work', () => {
    const db = open({ memory: true });
    const insert = db.sqlite.prepare("insert into agencies (slug, name, kind, created_at) values (?, 'A', 'police', 'now')");
    db.tx(() => {
      insert.run('outer');
      try {
        db.tx(() => {
          insert.run('inner');
          throw new Error('inner');
        });
      } catch {
        // expected
      }
    });
    expect(db.sqlite.prepare('select slug from agencies').pluck().all()).toEqual(['outer']);
  });

  it('refuses an async function instead of committing half of it', () => {
    const db = open({ memory: true });
    expect(() => db.tx((async () => 1) as unknown as () => number)).toThrow(/promise/i);
  });
});

describe('resolveDataDir', () => {
  it('uses MAC_DATA_DIR, else ./data, as an absolute path', () => {
    expect(resolveDataDir({ MAC_DATA_DIR: '/srv/mac' })).toBe('/srv/mac');
    expect(resolveDataDir({})).toBe(resolve('data'));
    expect(resolveDataDir({ MAC_DATA_DIR: '  ' })).toBe(resolve('data'));
  });
});
