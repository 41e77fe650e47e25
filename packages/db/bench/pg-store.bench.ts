// PostgreSQL store figures against the SQLite repositories, in the same run on the same machine: a
// throwaway PostgreSQL 15 with production durability (fsync on, synchronous_commit on) and a SQLite file
// with synchronous=FULL. Prints figures; asserts nothing (this machine is shared and noisy).
//   pnpm --filter @mac/db bench:pg
import { randomBytes } from 'node:crypto';
import { buildEntry } from '@mac/domain/testing';
import type { PersistWrite } from '../src/port.js';
import pg from 'pg';
import { pageOfRows, type EntryPageQuery } from '../src/entry-pages.js';
import { createPgEntryPages } from '../src/pg/entry-page.js';
import { openPgStore } from '../src/pg/store.js';
import { startPgCluster } from '../src/pg/test-cluster.js';
import { openTestDatabase, seedChronology } from '../src/testing.js';
import { auditOfChange, projectionOf } from '../src/units.js';

const auditKey = new Uint8Array(randomBytes(32));
const actor = { actorId: 'u1', actorLabel: 'Una', actorAgency: 'northway-primary', outcome: 'allowed' as const };

function writesFor(chronologyId: string, n: number, from = 0): PersistWrite[] {
  return Array.from({ length: n }, (_, i) => {
    const entry = buildEntry({ id: `bench-${from + i}` });
    return {
      docName: chronologyId,
      chronologyId,
      update: new Uint8Array(randomBytes(200)),
      claims: [from + i + 1],
      actor: { id: 'actor', name: 'Actor', agency: 'thames-valley-police' },
      meta: { via: 'websocket', ip: '10.0.0.1' },
      changes: [{ entryId: entry.id, kind: 'create', before: null, after: entry, fields: [] }],
    };
  });
}

async function timed(label: string, n: number, fn: () => Promise<unknown> | unknown): Promise<number> {
  const start = performance.now();
  await fn();
  const ms = performance.now() - start;
  console.log(`${label.padEnd(58)} ${ms.toFixed(1).padStart(8)} ms  ${((n * 1000) / ms).toFixed(0).padStart(7)}/s`);
  return ms;
}

const cluster = await startPgCluster({ durable: true });
const sqlite = openTestDatabase({ auditKey });
try {
  const store = await openPgStore({ url: await cluster.freshDatabase('bench'), auditKey });
  const r = store.repos;
  await r.agencies.upsert({ slug: 'thames-valley-police', name: 'Thames Valley Police', kind: 'police' });
  await r.agencies.upsert({ slug: 'northway-primary', name: 'Northway Primary School', kind: 'education' });
  const lead = await r.users.create({ email: 'lead@northway.example', name: 'Lena', role: 'lead', agency: 'northway-primary', passwordHash: null });
  const chronology = await r.chronologies.create({ child: { givenName: 'A', familyName: 'B' }, leadUserId: lead.id, memberAgencies: ['northway-primary'], addedBy: lead.id });
  const sqliteChronology = seedChronology(sqlite.repos).chronology.id;

  console.log('PostgreSQL 15 (fsync on) vs SQLite (synchronous=FULL), same machine, same run');
  // SQLite's equivalent of persistBatch: the same writes in one transaction through the repositories.
  const sqliteBatch = (writes: PersistWrite[]) =>
    sqlite.db.tx(() => {
      for (const w of writes) {
        sqlite.repos.updateLog.append(w.docName, w.update);
        sqlite.repos.docClients.claim(w.docName, w.claims, w.actor.id);
        for (const c of w.changes) {
          sqlite.repos.entries.upsert(projectionOf(w.chronologyId, w.docName, c.after, w.actor.id));
          sqlite.repos.audit.append(auditOfChange(w, c));
        }
      }
    });
  await store.persistBatch(writesFor(chronology.id, 10, 1_000_000)); // warm-up
  const rounds = 10;
  await timed(`postgres persistBatch(100 writes) x ${rounds}`, 100 * rounds, async () => {
    for (let i = 0; i < rounds; i += 1) await store.persistBatch(writesFor(chronology.id, 100, i * 100));
  });
  await timed(`sqlite   one transaction of 100 writes x ${rounds}`, 100 * rounds, () => {
    for (let i = 0; i < rounds; i += 1) sqliteBatch(writesFor(sqliteChronology, 100, i * 100));
  });
  await timed('postgres persistBatch(1 write) x 300, one after another', 300, async () => {
    for (let i = 0; i < 300; i += 1) await store.persistBatch(writesFor(chronology.id, 1, 10_000 + i));
  });
  await timed('sqlite   one transaction of 1 write x 300', 300, () => {
    for (let i = 0; i < 300; i += 1) sqliteBatch(writesFor(sqliteChronology, 1, 10_000 + i));
  });
  await timed('postgres persistBatch(1 write) x 300, 8 at a time', 300, async () => {
    for (let i = 0; i < 300; i += 8) await Promise.all(Array.from({ length: Math.min(8, 300 - i) }, (_, j) => store.persistBatch(writesFor(chronology.id, 1, 20_000 + i + j))));
  });

  const appends = 1000;
  await timed(`postgres audit.append x ${appends}, one after another`, appends, async () => {
    for (let i = 0; i < appends; i += 1) await r.audit.append({ ...actor, action: `bench.${i}` });
  });
  await timed(`postgres audit.append x ${appends}, 16 concurrent callers`, appends, async () => {
    for (let i = 0; i < appends; i += 16) await Promise.all(Array.from({ length: 16 }, (_, j) => r.audit.append({ ...actor, action: `bench.c.${i + j}` })));
  });
  const other = await openPgStore({ url: cluster.url('bench'), auditKey });
  await timed(`postgres audit.append x ${appends}, two pools x 8 concurrent`, appends, async () => {
    for (let i = 0; i < appends; i += 16) {
      await Promise.all(Array.from({ length: 16 }, (_, j) => (j % 2 ? other : store).repos.audit.append({ ...actor, action: `bench.p.${i + j}` })));
    }
  });
  await other.close();
  await timed(`sqlite   audit.append x ${appends} (each its own commit)`, appends, () => {
    for (let i = 0; i < appends; i += 1) sqlite.repos.audit.append({ ...actor, action: `bench.${i}` });
  });
  const count = await r.audit.count();
  await timed(`postgres audit.verify of ${count} records`, count, async () => {
    const v = await r.audit.verify();
    if (!v.ok) throw new Error(`chain broken: ${JSON.stringify(v)}`);
  });
  const sqliteCount = sqlite.repos.audit.count();
  await timed(`sqlite   audit.verify of ${sqliteCount} records`, sqliteCount, () => {
    if (!sqlite.repos.audit.verify().ok) throw new Error('sqlite chain broken');
  });
  await timed('postgres entries.query (all of ~3,600 entries)', 1, () => r.entries.query(chronology.id));
  await timed('sqlite   entries.query (all of ~3,600 entries)', 1, () => sqlite.repos.entries.query(sqliteChronology));

  // GET …/entries' page of 500, 200 in a row each way: read afresh through Drizzle's row objects (as before
  // pg/entry-page.ts), afresh as arrays with the version in the statement (a page whose chronology
  // changed), kept (one query of the version), and SQLite's page on this thread for reference.
  const q: EntryPageQuery = { limit: 500, restrictedVisibleTo: 'northway-primary' };
  const pool = new pg.Pool({ connectionString: cluster.url('bench'), max: 1 });
  const arrays = createPgEntryPages(pool);
  const pages = 200;
  for (let round = 0; round < 2; round++) {
    await timed(`postgres page of 500 afresh, Drizzle objects x ${pages}`, pages, async () => {
      for (let i = 0; i < pages; i++) pageOfRows(await r.entries.query(chronology.id, { ...q, limit: q.limit + 1 }), q.limit);
    });
    await timed(`postgres page of 500 afresh, arrays x ${pages}`, pages, async () => {
      for (let i = 0; i < pages; i++) await arrays.pageAt(chronology.id, q);
    });
    await timed(`postgres page of 500 kept (the version asked) x ${pages}`, pages, async () => {
      for (let i = 0; i < pages; i++) await r.entries.page(chronology.id, q);
    });
    await timed(`sqlite   page of 500 afresh (writable connection: none kept) x ${pages}`, pages, () => {
      for (let i = 0; i < pages; i++) sqlite.repos.entries.page(sqliteChronology, q);
    });
  }
  await pool.end();
  await store.close();
} finally {
  sqlite.cleanup();
  await cluster.stop();
}
