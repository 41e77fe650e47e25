// Migration 0020 (docs/storage.md S7): an import cut short under an earlier release, whose journal has no
// progress column nor writer, is kept through the upgrade (its last progress when it began, no writer) and
// finished as before: taken over, then finished once. pg/import-progress-upgrade.test.ts: the same on PostgreSQL.
import { randomBytes } from 'node:crypto';
import { cpSync, mkdtempSync, readFileSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import Database from 'better-sqlite3';
import { drizzle } from 'drizzle-orm/better-sqlite3';
import { migrate } from 'drizzle-orm/better-sqlite3/migrator';
import { afterAll, expect, it } from 'vitest';
import { EARLIER_JOURNAL, expectEarlierJournalFinishedOnce } from './import-journal-contract.js';
import { DATABASE_FILE_NAME, MIGRATIONS_FOLDER } from './open.js';
import { openSqliteStore } from './sqlite/store.js';

const dirs: string[] = [];
afterAll(() => {
  for (const dir of dirs) rmSync(dir, { recursive: true, force: true });
});
const tempDir = (prefix: string) => {
  const dir = mkdtempSync(join(tmpdir(), prefix));
  dirs.push(dir);
  return dir;
};

it('an import cut short before migration 0020 is kept, its progress when it began, and is finished once after a take-over', async () => {
  // The migrations as the release before this one had them: the journal cut before 0020.
  const folder = tempDir('mac-0019-');
  cpSync(MIGRATIONS_FOLDER, folder, { recursive: true });
  const journalFile = join(folder, 'meta', '_journal.json');
  const journal = JSON.parse(readFileSync(journalFile, 'utf8')) as { entries: Array<{ tag: string }> };
  const cut = journal.entries.findIndex((e) => e.tag === '0020_import-progress');
  expect(cut).toBeGreaterThan(0);
  writeFileSync(journalFile, JSON.stringify({ ...journal, entries: journal.entries.slice(0, cut) }));
  const dataDir = tempDir('mac-old-imports-');
  const old = new Database(join(dataDir, DATABASE_FILE_NAME));
  migrate(drizzle(old), { migrationsFolder: folder });
  old
    .prepare('INSERT INTO pending_imports (id, chronology_id, doc_name, principal, details, entries, created_at) VALUES (?, ?, ?, ?, ?, ?, ?)')
    .run(...EARLIER_JOURNAL);
  old.close();

  const store = await openSqliteStore({ dataDir }, { auditKey: new Uint8Array(randomBytes(32)), thread: 'inline' });
  try {
    await expectEarlierJournalFinishedOnce(store);
  } finally {
    await store.close();
  }
});
