// The search contract (../search-contract.ts) on SQLite, plus what only SQLite has: the FTS5 index kept by
// triggers, checked against the projection with FTS5's own integrity check, and the migration's backfill
// of a database written before the index existed.
import { randomBytes } from 'node:crypto';
import { cpSync, mkdtempSync, readFileSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { buildEntry } from '@mac/domain/testing';
import { dateBounds, parseSearchQuery } from '@mac/domain';
import { describe, expect, it } from 'vitest';
import Database from 'better-sqlite3';
import { drizzle } from 'drizzle-orm/better-sqlite3';
import { migrate } from 'drizzle-orm/better-sqlite3/migrator';
import { MIGRATIONS_FOLDER, openDatabase } from '../open.js';
import { describeSearchContract } from '../search-contract.js';
import { openSqliteStore } from '../sqlite/store.js';
import { createRepos } from './index.js';
import { fts5Match } from './search.js';

describeSearchContract('sqlite (inline)', async () => {
  const dir = mkdtempSync(join(tmpdir(), 'mac-search-'));
  const store = await openSqliteStore({ dataDir: dir }, { auditKey: new Uint8Array(randomBytes(32)), thread: 'inline' });
  const close = store.close.bind(store);
  return Object.assign(store, {
    close: async () => {
      await close();
      rmSync(dir, { recursive: true, force: true });
    },
  });
});

describe('the FTS5 index on SQLite', () => {
  it('quotes every term: no operator, column filter or prefix comes from the person', () => {
    const match = (raw: string) => {
      const parsed = parseSearchQuery(raw);
      if (!parsed.ok) throw new Error(parsed.message);
      return fts5Match(parsed.query);
    };
    expect(match('AND( summary:x -"not this" y*')).toBe('("AND" AND "summary x" AND "y") NOT "not this"');
  });

  it('a database written before the index existed gets every entry indexed by the migration', () => {
    const dir = mkdtempSync(join(tmpdir(), 'mac-search-backfill-'));
    try {
      // The migrations as they were before this one: a copy of the folder whose journal ends before it.
      const journal = JSON.parse(readFileSync(join(MIGRATIONS_FOLDER, 'meta', '_journal.json'), 'utf8')) as { entries: Array<{ tag: string }> };
      const mine = journal.entries.findIndex((e) => e.tag.endsWith('_entry-search'));
      expect(mine).toBeGreaterThan(0);
      const older = join(dir, 'migrations');
      cpSync(MIGRATIONS_FOLDER, older, { recursive: true });
      writeFileSync(join(older, 'meta', '_journal.json'), JSON.stringify({ ...journal, entries: journal.entries.slice(0, mine) }));
      const file = join(dir, 'mac.sqlite');
      const sqlite = new Database(file);
      migrate(drizzle(sqlite), { migrationsFolder: older });
      // An entry written then, with the columns the projection had then.
      const at = '2025-01-01T00:00:00.000Z';
      sqlite.exec(`
        INSERT INTO agencies (slug, name, kind, created_at) VALUES ('northway-primary', 'Northway Primary School', 'education', '${at}');
        INSERT INTO users (id, email, name, role, agency_slug, created_at) VALUES ('u1', 'lead@example.org', 'Lena', 'lead', 'northway-primary', '${at}');
        INSERT INTO children (id, given_name, family_name, created_at) VALUES ('k1', 'Ivy', 'Old', '${at}');
        INSERT INTO chronologies (id, child_id, lead_user_id, created_at) VALUES ('c1', 'k1', 'u1', '${at}');
        INSERT INTO chronology_agencies (chronology_id, agency_slug, added_at, added_by) VALUES ('c1', 'northway-primary', '${at}', 'u1');
        INSERT INTO entries (chronology_id, doc_name, id, date, date_first, date_last, time, agency, category, summary, detail, impact_on_child,
          action_taken, source_ref, recorded_by, restricted, author_id, recorded_at, status, withdrawn_reason, sharing, sharing_reason, updated_at, updated_by)
        VALUES ('c1', 'c1', 'old-entry', '2024-05-01', '2024-05-01', '2024-05-01', '', 'northway-primary', 'other', 'Written before search existed: marmalade',
          '', '', '', '', '', 0, 'u1', '${at}', 'active', '', 'undecided', '', '${at}', 'u1');`);
      sqlite.close();

      const reopened = openDatabase({ file });
      const found = createRepos(reopened, { auditKey: new Uint8Array(randomBytes(32)) }).search.entries({
        query: { include: [{ words: ['marmalade'] }], exclude: [] },
        reader: { userId: 'u1', agency: 'northway-primary' },
        at: new Date().toISOString(),
        limit: 10,
        offset: 0,
      });
      expect(found.map((h) => h.entryId)).toEqual(['old-entry']);
      reopened.close();
    } finally {
      rmSync(dir, { recursive: true, force: true });
    }
  });

  it('stays consistent with the projection through inserts, amendments, withdrawals, rebuilds and deletes (FTS5 integrity-check)', () => {
    const db = openDatabase({ memory: true });
    const repos = createRepos(db, { auditKey: new Uint8Array(randomBytes(32)) });
    repos.agencies.upsert({ slug: 'northway-primary', name: 'Northway Primary School', kind: 'education' });
    const lead = repos.users.create({ email: 'lead@example.org', name: 'Lena', role: 'lead', agency: 'northway-primary', passwordHash: null });
    const c = repos.chronologies.create({ child: { givenName: 'Jo', familyName: 'Check' }, leadUserId: lead.id, memberAgencies: ['northway-primary'], addedBy: lead.id });
    const put = (id: string, summary: string, extra: Record<string, unknown> = {}) => {
      const entry = buildEntry({ id, agency: 'northway-primary', summary, ...extra });
      const { first, last } = dateBounds(entry.date);
      repos.entries.upsert({ ...entry, chronologyId: c.id, docName: c.id, dateFirst: first, dateLast: last, updatedBy: lead.id });
    };
    for (let i = 0; i < 50; i++) put(`e${i}`, `Entry number ${i} apple`);
    for (let i = 0; i < 50; i += 3) put(`e${i}`, `Amended ${i} banana`);
    for (let i = 1; i < 50; i += 7) put(`e${i}`, `Entry number ${i} apple`, { status: 'withdrawn', withdrawnReason: 'error' });
    put('e2', `Entry number 2 apple`); // the same text again: the index is not touched
    repos.entries.deleteForDoc(c.id);
    for (let i = 0; i < 10; i++) put(`r${i}`, `Rebuilt ${i} cherry`);
    expect(() => db.sqlite.prepare(`INSERT INTO entries_fts (entries_fts, rank) VALUES ('integrity-check', 1)`).run()).not.toThrow();
    const count = (w: string) => (db.sqlite.prepare(`SELECT count(*) AS n FROM entries_fts WHERE entries_fts MATCH ?`).get(`"${w}"`) as { n: number }).n;
    expect([count('apple'), count('banana'), count('cherry')]).toEqual([0, 0, 10]);
    db.close();
  });
});
