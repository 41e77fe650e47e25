// The page's statement on PostgreSQL (entry-page.ts) reads a range of the byte-order timeline index
// (drizzle-pg/0015): no sort of the chronology's rows, first page or by cursor. Measured before the index
// (EXPLAIN ANALYZE, 22,000 entries): a scan and a top-N sort, ~30 ms of the database a page; with it ~0.2 ms.
import { randomBytes } from 'node:crypto';
import { buildEntry } from '@mac/domain/testing';
import pg from 'pg';
import { afterAll, beforeAll, describe, expect, inject, it } from 'vitest';
import { projectionOf } from '../units.js';
import { pgPageStatement } from './entry-page.js';
import { openPgStore, type PgStore } from './store.js';
import { freshDatabaseFrom } from './test-cluster.js';
import './provided.js';

let url: string;
let store: PgStore;
let chronologyId: string;
beforeAll(async () => {
  url = await freshDatabaseFrom(inject('pgAdminUrl'));
  store = await openPgStore({ url, auditKey: new Uint8Array(randomBytes(32)) });
  await store.repos.agencies.upsert({ slug: 'northway-primary', name: 'N', kind: 'education' });
  const lead = await store.repos.users.create({ email: 'l@northway.example', name: 'L', role: 'lead', agency: 'northway-primary', passwordHash: null });
  chronologyId = (await store.repos.chronologies.create({ child: { givenName: 'A', familyName: 'B' }, leadUserId: lead.id, memberAgencies: ['northway-primary'], addedBy: lead.id })).id;
  const rows = Array.from({ length: 600 }, (_, i) => projectionOf(chronologyId, chronologyId, buildEntry({ id: `e${i}`, date: new Date(Date.UTC(2015, 0, 1) + i * 86_400_000).toISOString().slice(0, 10) }), 'u'));
  await store.rebuildDoc(chronologyId, rows);
});
afterAll(async () => {
  await store?.close();
});

describe('the page statement on PostgreSQL', () => {
  it('reads the timeline index in byte order, with no sort, for a first page and a page by cursor', async () => {
    const school = { limit: 500, restrictedVisibleTo: 'northway-primary' };
    const first = await store.repos.entries.page(chronologyId, school);
    const client = new pg.Client({ connectionString: url });
    await client.connect();
    try {
      await client.query('analyze entries');
      // Plans as for a large chronology (the planner may rightly scan and sort a table this small): a sort
      // priced out, it is still chosen if no index gives the order.
      await client.query('set enable_seqscan = off; set enable_bitmapscan = off; set enable_sort = off');
      for (const q of [school, { ...school, after: first.last! }]) {
        const { sql, params } = pgPageStatement(chronologyId, q);
        const plan = JSON.stringify((await client.query(`explain (format json) ${sql}`, params)).rows);
        expect(plan).toContain('entries_timeline_bytes_idx');
        expect(plan).not.toContain('"Sort"');
      }
    } finally {
      await client.end();
    }
  });
});
