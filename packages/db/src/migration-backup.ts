// A copy of the database before an upgrade changes it (issue 12, "Upgrades"). The migrations run in one
// transaction, so a failing migration leaves the file as it was; the copy is for what a transaction cannot
// undo: a migration that succeeds and turns out wrong, found days later. It is made only when a database
// that already holds data has migrations still to run, so a fresh install and every ordinary start make none.
import { chmodSync, existsSync, readFileSync } from 'node:fs';
import { dirname, join } from 'node:path';
import type Database from 'better-sqlite3';
import { readMigrationFiles } from 'drizzle-orm/migrator';
import { ensurePrivateDir, PRIVATE_FILE_MODE } from './private-files.js';

/** Where the copies go: beside the database, in a directory only the service's user may open. */
export const MIGRATION_BACKUP_DIR = 'backups';

/**
 * The migrations of `migrationsFolder` the database has not run yet, decided as Drizzle's migrator decides
 * (a migration runs when it is newer than the newest one recorded). `null` for a database that has never
 * been migrated: there is nothing in it to keep.
 */
export function pendingMigrations(sqlite: Database.Database, migrationsFolder: string): string[] | null {
  const recorded = sqlite.prepare(`select 1 from sqlite_master where type = 'table' and name = '__drizzle_migrations'`).get();
  if (recorded === undefined) return null;
  const newest = sqlite.prepare('select created_at from __drizzle_migrations order by created_at desc limit 1').get() as { created_at: number | string } | undefined;
  if (newest === undefined) return null;
  const since = Number(newest.created_at);
  // The migrator's own reading of the folder (tags come from the journal, in order).
  const tags = journalTags(migrationsFolder);
  return readMigrationFiles({ migrationsFolder })
    .map((m, i) => ({ m, tag: tags[i] ?? `#${i}` }))
    .filter(({ m }) => m.folderMillis > since)
    .map(({ tag }) => tag);
}

function journalTags(migrationsFolder: string): string[] {
  try {
    const journal = JSON.parse(readFileSync(join(migrationsFolder, 'meta', '_journal.json'), 'utf8')) as { entries: Array<{ tag: string }> };
    return journal.entries.map((e) => e.tag);
  } catch {
    return [];
  }
}

/**
 * Copies the database to `<its directory>/backups/mac-before-<first pending migration>-<time>.sqlite`
 * (0600, in a 0700 directory) when it has data and migrations to run; returns the copy's path, or null
 * when none was needed. `VACUUM INTO` writes one consistent, compact copy from inside SQLite, and it
 * refuses to overwrite a file, so an earlier copy is never replaced.
 */
export function backupBeforeMigrating(sqlite: Database.Database, file: string, migrationsFolder: string, now = new Date()): string | null {
  const pending = pendingMigrations(sqlite, migrationsFolder);
  if (pending === null || pending.length === 0) return null;
  const dir = join(dirname(file), MIGRATION_BACKUP_DIR);
  ensurePrivateDir(dir);
  const stamp = now.toISOString().replace(/[-:]/g, '').replace(/\.\d+Z$/, 'Z');
  // The process id keeps two processes upgrading at once (two nodes, the CLI beside the server) apart.
  let target = join(dir, `mac-before-${pending[0]}-${stamp}-${process.pid}.sqlite`);
  for (let n = 2; existsSync(target); n++) target = join(dir, `mac-before-${pending[0]}-${stamp}-${process.pid}-${n}.sqlite`);
  sqlite.prepare('VACUUM INTO ?').run(target);
  chmodSync(target, PRIVATE_FILE_MODE);
  return target;
}
