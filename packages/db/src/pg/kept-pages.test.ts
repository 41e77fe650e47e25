// Pages of entries kept on the PostgreSQL store's client (../kept-pages.ts, entry-page.ts) against a real
// PostgreSQL 15: the cases SQLite runs (../kept-pages-contract.ts), then what several nodes on one database
// add: a page kept on one node is not served once another node, or anything else connected to the
// database, has changed the chronology's entries (the version is asked of the database every time, and
// moved by triggers in the writing transaction); concurrent writers lose no bump; the page's version is
// read with its rows; and a database made before the version table (migration 0014) upgrades with every
// chronology's version in place.
import { randomBytes } from 'node:crypto';
import { cpSync, mkdtempSync, readFileSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { type Entry } from '@mac/domain';
import { buildEntry } from '@mac/domain/testing';
import { drizzle } from 'drizzle-orm/node-postgres';
import { migrate } from 'drizzle-orm/node-postgres/migrator';
import pg from 'pg';
import { afterAll, beforeAll, describe, expect, inject, it } from 'vitest';
import type { EntryPageQuery } from '../entry-pages.js';
import type { PersistWrite } from '../port.js';
import { describeKeptPagesContract } from '../kept-pages-contract.js';
import { projectionOf } from '../units.js';
import type { PgExec } from './audit.js';
import { PG_MIGRATIONS_FOLDER } from './migrate.js';
import { createPgRepos, upsertEntries } from './repos.js';
import * as schema from './schema.js';
import { openPgStore, type PgStore } from './store.js';
import { freshDatabaseFrom, queryOnce } from './test-cluster.js';
import './provided.js';

const auditKey = new Uint8Array(randomBytes(32));

describeKeptPagesContract('postgres', async () => {
  const store = await openPgStore({ url: await freshDatabaseFrom(inject('pgAdminUrl')), auditKey });
  return { store, hits: () => store.stats().keptPageHits, pageReads: () => store.stats().pageReads, versionReads: () => store.stats().versionReads };
});

const sql = queryOnce;

const school: EntryPageQuery = { limit: 500, restrictedVisibleTo: 'northway-primary' };
const summaries = async (store: PgStore, id: string, q: EntryPageQuery = school) =>
  (JSON.parse(Buffer.from((await store.repos.entries.page(id, q)).json).toString('utf8')) as Entry[]).map((e) => e.summary);

async function seed(store: PgStore) {
  await store.repos.agencies.upsert({ slug: 'northway-primary', name: 'Northway Primary School', kind: 'education' });
  const lead = await store.repos.users.create({ email: `lead-${Math.random()}@northway.example`, name: 'Lena Lead', role: 'lead', agency: 'northway-primary', passwordHash: null });
  return (await store.repos.chronologies.create({ child: { givenName: 'Ada', familyName: 'Example' }, leadUserId: lead.id, memberAgencies: ['northway-primary'], addedBy: lead.id })).id;
}
const entryOf = (chronologyId: string, overrides: Partial<Entry>) => projectionOf(chronologyId, chronologyId, buildEntry({ agency: 'northway-primary', ...overrides }), 'u1');
const versionOf = async (url: string, chronologyId: string) => Number((await sql<{ version: string }>(url, 'select version from entry_versions where chronology_id = $1', [chronologyId]))[0]?.version ?? 0);

describe('pages kept on several nodes of one database', () => {
  let url: string;
  let one: PgStore;
  let two: PgStore;
  let chronologyId: string;
  beforeAll(async () => {
    url = await freshDatabaseFrom(inject('pgAdminUrl'));
    one = await openPgStore({ url, auditKey });
    two = await openPgStore({ url, auditKey });
    chronologyId = await seed(one);
  });
  afterAll(async () => {
    await one?.close();
    await two?.close();
  });

  it("serves no kept page once another node, or a tool on the database, changed the chronology's entries", async () => {
    await one.repos.entries.upsert(entryOf(chronologyId, { id: 'e1', summary: 'First', date: '2023-04-01' }));
    expect(await summaries(one, chronologyId)).toEqual(['First']);
    expect(await summaries(two, chronologyId)).toEqual(['First']);
    const hits = one.stats().keptPageHits;
    expect(await summaries(one, chronologyId)).toEqual(['First']);
    expect(one.stats().keptPageHits).toBe(hits + 1);
    // The other node amends: this node's kept page is read afresh.
    await two.rebuildDoc(chronologyId, [entryOf(chronologyId, { id: 'e1', summary: 'Amended on node two', date: '2023-04-01' })]);
    expect(await summaries(one, chronologyId)).toEqual(['Amended on node two']);
    // Statements of any client (psql, a migration, a repair): the triggers move the version all the same.
    await sql(url, "update entries set summary = 'Changed with psql' where chronology_id = $1", [chronologyId]);
    expect(await summaries(one, chronologyId)).toEqual(['Changed with psql']);
    expect(await summaries(two, chronologyId)).toEqual(['Changed with psql']);
    await sql(url, 'delete from entries where chronology_id = $1', [chronologyId]);
    expect(await summaries(one, chronologyId)).toEqual([]);
    await one.repos.entries.upsert(entryOf(chronologyId, { id: 'e2', summary: 'After a truncate', date: '2023-04-02' }));
    expect(await summaries(two, chronologyId)).toEqual(['After a truncate']);
    await sql(url, 'truncate entries');
    expect(await summaries(two, chronologyId)).toEqual([]);
    expect(one.stats().keptPageHits).toBe(hits + 1);
  });

  it('loses no bump when writers on several connections change one chronology at once', async () => {
    await one.repos.entries.upsert(entryOf(chronologyId, { id: 'c0', summary: 'Concurrent', date: '2023-05-01' }));
    const before = await versionOf(url, chronologyId);
    // Each writer holds its transaction open a moment after its change, so they overlap.
    const writers = 12;
    await Promise.all(
      Array.from({ length: writers }, async (_, i) => {
        const client = new pg.Client({ connectionString: url });
        await client.connect();
        try {
          await client.query('BEGIN');
          await upsertEntries(drizzle({ client, schema }) as unknown as PgExec, [entryOf(chronologyId, { id: `c${i + 1}`, summary: `Writer ${i}`, date: '2023-05-02' })], new Date().toISOString());
          await client.query('SELECT pg_sleep(0.05)');
          await client.query('COMMIT');
        } finally {
          await client.end();
        }
      }),
    );
    expect(await versionOf(url, chronologyId)).toBe(before + writers);
    // One statement of many rows moves the version once (statement-level triggers), upward all the same.
    const pool = new pg.Pool({ connectionString: url, max: 1 });
    try {
      await upsertEntries(drizzle({ client: pool, schema }) as unknown as PgExec, Array.from({ length: 50 }, (_, i) => entryOf(chronologyId, { id: `m${i}`, date: '2023-05-03' })), new Date().toISOString());
    } finally {
      await pool.end();
    }
    expect(await versionOf(url, chronologyId)).toBe(before + writers + 1);
  });

  it('never deadlocks two batches that insert in one chronology and amend in another, in opposite orders', async () => {
    // Different documents of the same two chronologies (so the documents' locks do not order them): one
    // batch adds to A's shared document and amends B's restricted one, the other the reverse.
    const a = await seed(one);
    const b = await seed(one);
    const restricted = (id: string) => `${id}/restricted/northway-primary`;
    const held = new Map<string, Entry>();
    for (const [id, doc] of [[a, restricted(a)], [b, restricted(b)]] as const) {
      const entry = buildEntry({ id: `held-${id}`, agency: 'northway-primary', restricted: true });
      held.set(id, entry);
      await one.rebuildDoc(doc, [projectionOf(id, doc, entry, 'u1')]);
    }
    const write = (chronologyId: string, docName: string, kind: 'create' | 'amend', entry: Entry): PersistWrite => ({
      docName,
      chronologyId,
      update: new Uint8Array([1, 2, 3]),
      claims: [],
      actor: { id: 'u1', name: 'Una', agency: 'northway-primary' },
      meta: { via: 'rest', ip: null },
      changes: [{ entryId: entry.id, kind, before: kind === 'create' ? null : entry, after: entry, fields: ['summary'] }],
    });
    // Each version row, once locked, is held a moment before it moves: what a loaded machine does at
    // random, here every time (without the ordered bump in upsertEntries this deadlocks at once).
    await sql(url, "create function slow_bump() returns trigger language plpgsql as $$ begin perform pg_sleep(0.05); return new; end $$");
    await sql(url, 'create trigger slow_bump before update on entry_versions for each row execute function slow_bump()');
    try {
      for (let round = 0; round < 4; round++) {
        const amend = (id: string) => ({ ...held.get(id)!, summary: `Round ${round}` });
        await Promise.all([
          one.persistBatch([write(a, a, 'create', buildEntry({ id: `new-a-${round}`, agency: 'northway-primary' })), write(b, restricted(b), 'amend', amend(b))]),
          two.persistBatch([write(b, b, 'create', buildEntry({ id: `new-b-${round}`, agency: 'northway-primary' })), write(a, restricted(a), 'amend', amend(a))]),
        ]);
      }
    } finally {
      await sql(url, 'drop trigger slow_bump on entry_versions');
    }
    expect(await versionOf(url, a)).toBeGreaterThanOrEqual(1 + 2 * 4);
  });

  it('reads the version in the page’s own statement: the page and its version agree', async () => {
    const reads = one.stats().pageReads;
    const version = await versionOf(url, chronologyId);
    await one.repos.entries.page(chronologyId, { ...school, limit: 7 });
    expect(one.stats().pageReads).toBe(reads + 1);
    const hits = one.stats().keptPageHits;
    await one.repos.entries.page(chronologyId, { ...school, limit: 7 });
    expect(one.stats().keptPageHits).toBe(hits + 1);
    // A page kept at `version`: one more change, and it is read again.
    await sql(url, "update entries set summary = 'moved' where chronology_id = $1 and id = 'c0'", [chronologyId]);
    expect(await versionOf(url, chronologyId)).toBe(version + 1);
    await one.repos.entries.page(chronologyId, { ...school, limit: 7 });
    expect(one.stats().pageReads).toBe(reads + 2);
  });
});

describe('upgrading a database made before entry versions (migration 0014)', () => {
  let dir: string;
  afterAll(() => {
    if (dir) rmSync(dir, { recursive: true, force: true });
  });

  it('gives every chronology with entries a version, and keeps pages against it from then on', async () => {
    // The migrations as the release before this one had them: the folder with its journal cut before 0014.
    dir = mkdtempSync(join(tmpdir(), 'mac-pg-0013-'));
    cpSync(PG_MIGRATIONS_FOLDER, dir, { recursive: true });
    const journalFile = join(dir, 'meta', '_journal.json');
    const journal = JSON.parse(readFileSync(journalFile, 'utf8')) as { entries: Array<{ idx: number; tag: string }> };
    const before = journal.entries.findIndex((e) => e.tag === '0014_entry-versions');
    expect(before).toBeGreaterThan(0);
    writeFileSync(journalFile, JSON.stringify({ ...journal, entries: journal.entries.slice(0, before) }));
    const adminUrl = inject('pgAdminUrl');
    const name = `upgrade_${process.pid}_${Date.now().toString(36)}`;
    await sql(adminUrl, `CREATE DATABASE ${name}`);
    const url = Object.assign(new URL(adminUrl), { pathname: `/${name}` }).toString();
    const pool = new pg.Pool({ connectionString: url, max: 2 });
    let withEntries = '';
    let without = '';
    try {
      await migrate(drizzle({ client: pool }), { migrationsFolder: dir });
      expect(await sql(url, "select 1 from pg_tables where tablename = 'entry_versions'")).toEqual([]);
      // Data written by the old release: two chronologies, one with entries.
      const exec = drizzle({ client: pool, schema }) as unknown as PgExec;
      const now = () => new Date().toISOString();
      const repos = createPgRepos({ exec, pool, now, auditKey });
      await repos.agencies.upsert({ slug: 'northway-primary', name: 'Northway Primary School', kind: 'education' });
      const lead = await repos.users.create({ email: 'lead@northway.example', name: 'Lena Lead', role: 'lead', agency: 'northway-primary', passwordHash: null });
      const create = async () => (await repos.chronologies.create({ child: { givenName: 'Ada', familyName: 'Example' }, leadUserId: lead.id, memberAgencies: ['northway-primary'], addedBy: lead.id })).id;
      [withEntries, without] = [await create(), await create()];
      await upsertEntries(exec, [entryOf(withEntries, { id: 'old-1', summary: 'Written before', date: '2022-01-01' })], now());
    } finally {
      await pool.end();
    }
    // The new release opens it: the migration runs at start-up.
    const store = await openPgStore({ url, auditKey });
    try {
      expect(await versionOf(url, withEntries)).toBe(1);
      expect(await sql(url, 'select 1 from entry_versions where chronology_id = $1', [without])).toEqual([]);
      expect(await summaries(store, withEntries)).toEqual(['Written before']);
      expect(await summaries(store, withEntries)).toEqual(['Written before']);
      expect(store.stats().keptPageHits).toBe(1);
      await store.repos.entries.upsert(entryOf(withEntries, { id: 'old-1', summary: 'Amended after', date: '2022-01-01' }));
      expect(await versionOf(url, withEntries)).toBe(2);
      expect(await summaries(store, withEntries)).toEqual(['Amended after']);
      await store.repos.entries.upsert(entryOf(without, { id: 'new-1', summary: 'First after', date: '2022-01-01' }));
      expect(await versionOf(url, without)).toBe(1);
      expect(await summaries(store, without)).toEqual(['First after']);
    } finally {
      await store.close();
    }
  });
});
