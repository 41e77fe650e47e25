// The search contract (../search-contract.ts) on PostgreSQL, a fresh database of the run's cluster; and the
// migration's backfill: rows written before the generated column existed are indexed when it is added.
import { randomBytes } from 'node:crypto';
import { readdirSync, readFileSync } from 'node:fs';
import { join } from 'node:path';
import pg from 'pg';
import { describe, expect, inject, it } from 'vitest';
import { describeSearchContract } from '../search-contract.js';
import { PG_MIGRATIONS_FOLDER } from './migrate.js';
import { openPgStore } from './store.js';
import { freshDatabaseFrom } from './test-cluster.js';
import './provided.js';

describeSearchContract('postgres', async () => openPgStore({ url: await freshDatabaseFrom(inject('pgAdminUrl')), auditKey: new Uint8Array(randomBytes(32)) }));

describe('the tsvector column on PostgreSQL', () => {
  it('a database written before the column existed gets every entry indexed by the migration', async () => {
    const url = await freshDatabaseFrom(inject('pgAdminUrl'));
    const client = new pg.Client({ connectionString: url });
    await client.connect();
    try {
      // Back to the schema before the migration, with an entry in it.
      await client.query('ALTER TABLE entries DROP COLUMN search');
      const at = '2025-01-01T00:00:00.000Z';
      await client.query(`
        INSERT INTO agencies (slug, name, kind, created_at) VALUES ('northway-primary', 'Northway Primary School', 'education', '${at}');
        INSERT INTO users (id, email, name, role, agency_slug, created_at) VALUES ('u1', 'lead@example.org', 'Lena', 'lead', 'northway-primary', '${at}');
        INSERT INTO children (id, given_name, family_name, created_at) VALUES ('k1', 'Ivy', 'Old', '${at}');
        INSERT INTO chronologies (id, child_id, lead_user_id, created_at) VALUES ('c1', 'k1', 'u1', '${at}');
        INSERT INTO chronology_agencies (chronology_id, agency_slug, added_at, added_by) VALUES ('c1', 'northway-primary', '${at}', 'u1');
        INSERT INTO entries (chronology_id, doc_name, id, date, date_first, date_last, time, agency, category, summary, detail, impact_on_child,
          action_taken, source_ref, recorded_by, restricted, author_id, recorded_at, status, withdrawn_reason, sharing, sharing_reason, updated_at, updated_by)
        VALUES ('c1', 'c1', 'old-entry', '2024-05-01', '2024-05-01', '2024-05-01', '', 'northway-primary', 'other', 'Written before search existed: marmalade',
          '', '', '', '', '', false, 'u1', '${at}', 'active', '', 'undecided', '', '${at}', 'u1');`);
      const migration = readdirSync(PG_MIGRATIONS_FOLDER).find((f) => f.endsWith('_entry-search.sql'))!;
      for (const statement of readFileSync(join(PG_MIGRATIONS_FOLDER, migration), 'utf8').split('--> statement-breakpoint')) await client.query(statement);
    } finally {
      await client.end();
    }
    const store = await openPgStore({ url, auditKey: new Uint8Array(randomBytes(32)) });
    try {
      const found = await store.repos.search.entries({
        query: { include: [{ words: ['marmalade'] }], exclude: [] },
        reader: { userId: 'u1', agency: 'northway-primary' },
        at: new Date().toISOString(),
        limit: 10,
        offset: 0,
      });
      expect(found.map((h) => h.entryId)).toEqual(['old-entry']);
    } finally {
      await store.close();
    }
  });
});
