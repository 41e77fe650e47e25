/**
 * Upgrades keep a copy (issue 12, "Upgrades": migrations run at start-up, in a transaction, with a backup
 * first). An "earlier release" here is a database migrated with all but the newest migrations, holding a
 * row; opening it with the current code must copy it first, exactly as it was, and then migrate it.
 */
import { cpSync, mkdtempSync, readdirSync, readFileSync, rmSync, statSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import Database from 'better-sqlite3';
import { drizzle } from 'drizzle-orm/better-sqlite3';
import { migrate } from 'drizzle-orm/better-sqlite3/migrator';
import { afterEach, describe, expect, it } from 'vitest';
import { MIGRATION_BACKUP_DIR, pendingMigrations } from './migration-backup.js';
import { DATABASE_FILE_NAME, MIGRATIONS_FOLDER, openDatabase } from './open.js';

const dirs: string[] = [];
function tempDir(prefix: string): string {
  const dir = mkdtempSync(join(tmpdir(), prefix));
  dirs.push(dir);
  return dir;
}
afterEach(() => {
  for (const dir of dirs.splice(0)) rmSync(dir, { recursive: true, force: true });
});

const journal = JSON.parse(readFileSync(join(MIGRATIONS_FOLDER, 'meta', '_journal.json'), 'utf8')) as { entries: Array<{ tag: string }> };
const NEWEST = journal.entries.at(-1)!.tag;

/** The migrations folder as an earlier release had it: every migration but the newest `drop`. */
function earlierMigrations(drop: number): string {
  const folder = tempDir('mac-old-migrations-');
  cpSync(MIGRATIONS_FOLDER, folder, { recursive: true });
  const trimmed = { ...journal, entries: journal.entries.slice(0, -drop) };
  writeFileSync(join(folder, 'meta', '_journal.json'), JSON.stringify(trimmed));
  return folder;
}

/** A data directory written by "the earlier release": its migrations, one agency. */
function earlierDataDir(drop = 1): string {
  const dataDir = tempDir('mac-old-data-');
  const sqlite = new Database(join(dataDir, DATABASE_FILE_NAME));
  migrate(drizzle(sqlite), { migrationsFolder: earlierMigrations(drop) });
  sqlite
    .prepare(`insert into agencies (slug, name, kind, created_at) values ('kept-police', 'Kept Police', 'police', '2026-01-01T00:00:00.000Z')`)
    .run();
  sqlite.close();
  return dataDir;
}

const backups = (dataDir: string): string[] => {
  try {
    return readdirSync(join(dataDir, MIGRATION_BACKUP_DIR));
  } catch {
    return [];
  }
};

describe('opening a database an earlier release wrote', () => {
  it('copies it, exactly as it was and private to the service, before migrating it', () => {
    const dataDir = earlierDataDir(2);
    const db = openDatabase({ dataDir });
    const names = backups(dataDir);
    db.close();
    expect(names).toHaveLength(1);
    const expectedTag = journal.entries.at(-2)!.tag;
    expect(names[0]).toMatch(new RegExp(`^mac-before-${expectedTag}-\\d{8}T\\d{6}Z-\\d+\\.sqlite$`));
    const copyPath = join(dataDir, MIGRATION_BACKUP_DIR, names[0]!);
    expect(statSync(copyPath).mode & 0o777).toBe(0o600);
    expect(statSync(join(dataDir, MIGRATION_BACKUP_DIR)).mode & 0o777).toBe(0o700);

    // The copy is the old database: its data, and the two newest migrations still to run.
    const copy = new Database(copyPath, { readonly: true });
    expect(copy.prepare(`select name from agencies where slug = 'kept-police'`).all()).toEqual([{ name: 'Kept Police' }]);
    expect(pendingMigrations(copy, MIGRATIONS_FOLDER)).toEqual([expectedTag, NEWEST]);
    copy.close();

    // The database itself is migrated, data kept.
    const reopened = new Database(join(dataDir, DATABASE_FILE_NAME), { readonly: true });
    expect(pendingMigrations(reopened, MIGRATIONS_FOLDER)).toEqual([]);
    expect(reopened.prepare(`select name from agencies where slug = 'kept-police'`).all()).toEqual([{ name: 'Kept Police' }]);
    reopened.close();
  });

  it('makes no further copy once it is up to date, and none for a fresh install', () => {
    const dataDir = earlierDataDir();
    openDatabase({ dataDir }).close();
    openDatabase({ dataDir }).close();
    expect(backups(dataDir)).toHaveLength(1);

    const fresh = tempDir('mac-fresh-');
    openDatabase({ dataDir: fresh }).close();
    openDatabase({ dataDir: fresh }).close();
    expect(backups(fresh)).toEqual([]);
  });
});
