// Migration 0016 (docs/storage.md S7), as ../import-progress-upgrade.test.ts on SQLite: an import cut short
// under an earlier release is kept through the upgrade (its last progress when it began, no writer) and
// finished as before: taken over, then finished once.
import { randomBytes } from 'node:crypto';
import { cpSync, mkdtempSync, readFileSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { drizzle } from 'drizzle-orm/node-postgres';
import { migrate } from 'drizzle-orm/node-postgres/migrator';
import pg from 'pg';
import { afterAll, expect, inject, it } from 'vitest';
import { EARLIER_JOURNAL, expectEarlierJournalFinishedOnce } from '../import-journal-contract.js';
import { PG_MIGRATIONS_FOLDER } from './migrate.js';
import { openPgStore } from './store.js';
import { queryOnce as sql } from './test-cluster.js';
import './provided.js';

let dir = '';
afterAll(() => {
  if (dir) rmSync(dir, { recursive: true, force: true });
});

it('an import cut short before migration 0016 is kept, its progress when it began, and is finished once after a take-over', async () => {
  // The migrations as the release before this one had them: the journal cut before 0016.
  dir = mkdtempSync(join(tmpdir(), 'mac-pg-0015-'));
  cpSync(PG_MIGRATIONS_FOLDER, dir, { recursive: true });
  const journalFile = join(dir, 'meta', '_journal.json');
  const journal = JSON.parse(readFileSync(journalFile, 'utf8')) as { entries: Array<{ tag: string }> };
  const cut = journal.entries.findIndex((e) => e.tag === '0016_import-progress');
  expect(cut).toBeGreaterThan(0);
  writeFileSync(journalFile, JSON.stringify({ ...journal, entries: journal.entries.slice(0, cut) }));
  const adminUrl = inject('pgAdminUrl');
  const name = `imports_upgrade_${process.pid}_${Date.now().toString(36)}`;
  await sql(adminUrl, `CREATE DATABASE ${name}`);
  const url = Object.assign(new URL(adminUrl), { pathname: `/${name}` }).toString();
  const pool = new pg.Pool({ connectionString: url, max: 1 });
  try {
    await migrate(drizzle({ client: pool }), { migrationsFolder: dir });
    await pool.query('INSERT INTO pending_imports (id, chronology_id, doc_name, principal, details, entries, created_at) VALUES ($1, $2, $3, $4, $5, $6, $7)', [...EARLIER_JOURNAL]);
  } finally {
    await pool.end();
  }

  // The new release opens it: the migration runs at start-up.
  const store = await openPgStore({ url, auditKey: new Uint8Array(randomBytes(32)) });
  try {
    await expectEarlierJournalFinishedOnce(store);
    // A new import names its writer and progress (no default left behind by the migration).
    expect(await sql(url, "select column_default from information_schema.columns where table_name = 'pending_imports' and column_name in ('touched_at', 'writer')")).toEqual([{ column_default: null }, { column_default: null }]);
  } finally {
    await store.close();
  }
});
