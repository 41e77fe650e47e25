// Opening the database: one better-sqlite3 connection per process, configured for durability, with the
// migrations applied before anything else touches it.
import { join, resolve } from 'node:path';
import { fileURLToPath } from 'node:url';
import Database from 'better-sqlite3';
import { drizzle, type BetterSQLite3Database } from 'drizzle-orm/better-sqlite3';
import { migrate } from 'drizzle-orm/better-sqlite3/migrator';
import { backupBeforeMigrating } from './migration-backup.js';
import { cacheStatements } from './statement-cache.js';
import { ensurePrivateDir, ensurePrivateFile, restrictDatabaseFiles } from './private-files.js';
import * as schema from './schema.js';

export type Schema = typeof schema;

export interface MacDb {
  sqlite: Database.Database;
  orm: BetterSQLite3Database<Schema>;
  /** The database file, or null for an in-memory database. */
  file: string | null;
  close(): void;
  /**
   * Runs `fn` in one synchronous IMMEDIATE transaction (a savepoint when already inside one) and returns
   * its result; a throw rolls everything back. `fn` must not be async: better-sqlite3 commits when the
   * function returns, so work after an `await` would land outside the transaction.
   */
  tx<T>(fn: () => T): T;
}

export type OpenOptions = { file: string } | { dataDir: string } | { memory: true };

export const DATABASE_FILE_NAME = 'mac.sqlite';

// Resolved from this module, not the working directory: the server, the CLI and tests run from anywhere.
export const MIGRATIONS_FOLDER = fileURLToPath(new URL('../drizzle', import.meta.url));

/** Where the server keeps its data: MAC_DATA_DIR, or ./data under the working directory. */
export function resolveDataDir(env: Record<string, string | undefined> = process.env): string {
  const dir = env.MAC_DATA_DIR?.trim();
  return resolve(dir ? dir : './data');
}

function fileFor(opts: OpenOptions): string | null {
  if ('memory' in opts) return null;
  if ('file' in opts) return resolve(opts.file);
  ensurePrivateDir(opts.dataDir);
  return resolve(opts.dataDir, DATABASE_FILE_NAME);
}

export function openDatabase(opts: OpenOptions): MacDb {
  const file = fileFor(opts);
  // Created 0600 before SQLite sees it: SQLite would make it 0644, and its WAL and -shm files follow it.
  if (file !== null) ensurePrivateFile(file);
  const sqlite = new Database(file ?? ':memory:');
  try {
    configure(sqlite, file !== null);
    cacheStatements(sqlite);
    if (file !== null) restrictDatabaseFiles(file);
    const orm = drizzle(sqlite, { schema });
    if (file !== null) {
      const copy = backupBeforeMigrating(sqlite, file, MIGRATIONS_FOLDER);
      if (copy !== null) console.log(`[mac] database upgrade: a copy of the database as it was is in ${copy}`);
    }
    applyMigrations(orm);
    // The statement journal in memory. Every savepoint (one per call of a group-committed batch,
    // sqlite/host.ts) copies each page it is the first to change into that journal, so that the call alone
    // can be undone; by default the journal spills past 64 KiB to a temporary file (/var/tmp/etilqs_*), and
    // it did on every batch: ~740 pwrite calls per 16-entry batch, 6 of 7 of the writer's writes (strace),
    // about 30% of its CPU per entry (packages/db/bench/writer-statements.bench.ts). It only ever holds
    // one batch's pages. Durability is untouched: the WAL and its fsync at commit are the same. Set after
    // the migrations, which keep their sorts (CREATE INDEX over a large table) in temporary files.
    sqlite.pragma('temp_store = MEMORY');
    return {
      sqlite,
      orm,
      file,
      close: () => {
        if (sqlite.open) sqlite.close();
      },
      tx: <T>(fn: () => T): T => sqlite.transaction(fn).immediate(),
    };
  } catch (err) {
    sqlite.close();
    throw err;
  }
}

/**
 * A second, read-only connection to a database file another connection has opened (and migrated): the
 * SQLite adapter's read lane (sqlite/reads.ts). Under WAL a reader never waits for the writer, and each
 * read transaction sees every commit that finished before it began. `tx` runs a DEFERRED transaction (one
 * consistent snapshot for a read of several statements); anything that writes fails with SQLITE_READONLY.
 */
export function openReadOnlyDatabase(opts: OpenOptions): MacDb {
  const file = fileFor(opts);
  if (file === null) throw new Error('an in-memory database has no second connection');
  const sqlite = new Database(file, { readonly: true, fileMustExist: true });
  try {
    sqlite.pragma('busy_timeout = 5000');
    cacheStatements(sqlite);
    const orm = drizzle(sqlite, { schema });
    // A read transaction is one snapshot for its statements; on this connection nothing is written, so a
    // nested one needs no savepoint and a failed one has nothing to undo. Prepared once: better-sqlite3's
    // `transaction(fn)` builds a new wrapper on every call, which cost more than a point read itself.
    const begin = sqlite.prepare('BEGIN DEFERRED');
    const commit = sqlite.prepare('COMMIT');
    const rollback = sqlite.prepare('ROLLBACK');
    return {
      sqlite,
      orm,
      file,
      close: () => {
        if (sqlite.open) sqlite.close();
      },
      tx: <T>(fn: () => T): T => {
        if (sqlite.inTransaction) return fn();
        begin.run();
        try {
          const result = fn();
          commit.run();
          return result;
        } catch (err) {
          if (sqlite.inTransaction) rollback.run();
          throw err;
        }
      },
    };
  } catch (err) {
    sqlite.close();
    throw err;
  }
}

function configure(sqlite: Database.Database, onDisk: boolean): void {
  // Wait for another connection's write lock (the CLI beside a running server) instead of failing at once.
  sqlite.pragma('busy_timeout = 5000');
  if (onDisk) {
    // WAL: readers never block the writer, and a commit is one append to the log.
    const mode = sqlite.pragma('journal_mode = WAL', { simple: true });
    if (mode !== 'wal') throw new Error(`could not switch ${sqlite.name} to WAL journal mode (got ${String(mode)})`);
  }
  // FULL, not NORMAL: in WAL mode NORMAL survives a process crash but a power loss or OS crash can lose
  // the last commits, and the server acknowledges and broadcasts an update only after its commit. A
  // safeguarding record someone has seen must not vanish. FULL fsyncs the WAL on every commit and still
  // measured about 7,000 commits/s on these machines (docs/operations.md says the same).
  sqlite.pragma('synchronous = FULL');
  sqlite.pragma('foreign_keys = ON');
}

function applyMigrations(orm: BetterSQLite3Database<Schema>): void {
  try {
    migrate(orm, { migrationsFolder: MIGRATIONS_FOLDER });
  } catch (err) {
    // Drizzle's migrator reads which migrations have run before it takes the write lock, so two processes
    // opening a fresh file at once can both try to apply the same migration; the loser's attempt rolls
    // back. A second attempt sees the winner's work and finds nothing to do. A real failure fails twice.
    try {
      migrate(orm, { migrationsFolder: MIGRATIONS_FOLDER });
    } catch {
      throw err;
    }
  }
}

/**
 * An online backup of the database into `target`, readable only by the service's user (0600, whatever the
 * umask). Safe while the service writes: SQLite's backup API copies a consistent snapshot.
 */
export async function backupDatabase(db: MacDb, target: string): Promise<void> {
  ensurePrivateFile(target);
  await db.sqlite.backup(target);
  restrictDatabaseFiles(target);
}

/** The file `openDatabase({ dataDir })` uses. */
export function databaseFileIn(dataDir: string): string {
  return join(dataDir, DATABASE_FILE_NAME);
}
