// The PostgreSQL adapter against a real PostgreSQL 15 (one cluster for the run, a fresh database for this
// file): the port's contract suite (store-contract.ts: units of work, atomicity, the audit chain, orders,
// round-trips), then every repository method in detail, with the SQLite repositories' behaviour (several
// checks run the same calls against both and compare), atomicity, the audit chain under concurrent
// appenders, the append-only triggers, types that round-trip (text timestamps, bigint as numbers, bytea as
// Uint8Array) and a lost connection (a storage failure, then recovery).
import { randomBytes } from 'node:crypto';
import { mkdtempSync, readFileSync, rmSync, statSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { dateBounds, type Entry } from '@mac/domain';
import { buildEntry } from '@mac/domain/testing';
import { drizzle } from 'drizzle-orm/node-postgres';
import pg from 'pg';
import { afterAll, beforeAll, describe, expect, inject, it, vi } from 'vitest';
import type { PersistWrite, Store } from '../port.js';
import type { EntryFilters } from '../repos/entries.js';
import { storageFailure } from '../storage-errors.js';
import { describeStoreContract } from '../store-contract.js';
import { openTestDatabase, v1Update, type TestDatabase } from '../testing.js';
import type { PgExec } from './audit.js';
import type { PgRepos } from './repos.js';
import { openPgStore } from './store.js';
import { lockKeys } from './update-log.js';
import { freshDatabaseFrom, queryOnce, startPgCluster } from './test-cluster.js';
import './provided.js';

describeStoreContract('postgres', async ({ now }) => openPgStore({ url: await freshDatabaseFrom(inject('pgAdminUrl')), auditKey: new Uint8Array(randomBytes(32)), now }));

let url: string;
let store: Store;
let clock: Date;
const auditKey = new Uint8Array(randomBytes(32));
const tick = (ms = 1000) => (clock = new Date(clock.getTime() + ms));

beforeAll(async () => {
  url = await freshDatabaseFrom(inject('pgAdminUrl'));
  clock = new Date('2024-05-01T12:00:00.000Z');
  store = await openPgStore({ url, auditKey, now: () => clock });
});
afterAll(async () => {
  await store?.close();
});

const sql = <T = Record<string, unknown>>(text: string, params: unknown[] = []) => queryOnce<T>(url, text, params);

let seeded = 0;
/** Two agencies, a lead and a chronology both agencies belong to (the school first). */
async function seed() {
  const r = store.repos;
  await r.agencies.upsert({ slug: 'thames-valley-police', name: 'Thames Valley Police', kind: 'police' });
  await r.agencies.upsert({ slug: 'northway-primary', name: 'Northway Primary School', kind: 'education' });
  seeded += 1;
  const lead = await r.users.create({ email: `lead${seeded}@northway.example`, name: 'Lena Lead', role: 'lead', agency: 'northway-primary', passwordHash: null });
  const chronology = await r.chronologies.create({
    child: { givenName: 'Ada', familyName: 'Example', dateOfBirth: '2015-03-27' },
    leadUserId: lead.id,
    memberAgencies: ['northway-primary', 'thames-valley-police'],
    addedBy: lead.id,
  });
  return { lead, chronology };
}

function projection(chronologyId: string, entry: Entry, docName = chronologyId) {
  const { first, last } = dateBounds(entry.date);
  return { ...entry, chronologyId, docName, dateFirst: first, dateLast: last, updatedBy: 'u1' };
}

const actor = { actorId: 'u1', actorLabel: 'Una', actorAgency: 'northway-primary', outcome: 'allowed' as const };

describe('agencies, users, sessions, tokens', () => {
  it('agencies: upsert keeps the created time, list sorts by name in byte order', async () => {
    const r = store.repos;
    const first = await r.agencies.upsert({ slug: 'a-zed', name: 'Zed agency', kind: 'police' });
    tick();
    const again = await r.agencies.upsert({ slug: 'a-zed', name: 'zed agency', kind: 'education' });
    expect(again).toEqual({ slug: 'a-zed', name: 'zed agency', kind: 'education', createdAt: first.createdAt });
    await r.agencies.upsert({ slug: 'a-upper', name: 'Zulu', kind: 'police' });
    const names = (await r.agencies.list()).map((a) => a.name);
    // Byte order, as SQLite's BINARY: upper case before lower case.
    expect(names.indexOf('Zulu')).toBeLessThan(names.indexOf('zed agency'));
    expect(await r.agencies.get('missing')).toBeNull();
  });

  it('users: lower-cased email, unique (a backend error), approvals, flags and identity', async () => {
    const r = store.repos;
    await r.agencies.upsert({ slug: 'northway-primary', name: 'Northway Primary School', kind: 'education' });
    const u = await r.users.create({ email: ' Pat@Example.ORG ', name: 'Pat', role: 'practitioner', agency: 'northway-primary', passwordHash: 'h', createdBy: 'admin-1' });
    expect(u).toMatchObject({ email: 'pat@example.org', disabled: false, approvedAt: null, approvedBy: null, passwordChangedAt: clock.toISOString() });
    await expect(r.users.create({ email: 'PAT@example.org', name: 'Other', role: 'practitioner', agency: 'northway-primary', passwordHash: null })).rejects.toThrow();
    await expect(r.users.create({ email: 'x@example.org', name: 'X', role: 'practitioner', agency: 'no-such-agency', passwordHash: null })).rejects.toThrow();
    expect((await r.users.byEmail('PAT@EXAMPLE.org'))?.id).toBe(u.id);
    expect(await r.users.approve(u.id, 'admin-2')).toBe(true);
    expect(await r.users.approve(u.id, 'admin-3')).toBe(false);
    expect(await r.users.setDisabled(u.id, true)).toBe(true);
    expect(await r.users.setRole(u.id, 'dsl')).toBe(true);
    expect(await r.users.setPassword(u.id, null)).toBe(true);
    expect(await r.users.setOidcIdentity(u.id, { issuer: 'https://idp', subject: 's1' })).toBe(true);
    expect(await r.users.byId(u.id)).toMatchObject({ disabled: true, role: 'dsl', passwordHash: null, oidcIssuer: 'https://idp', oidcSubject: 's1', approvedBy: 'admin-2' });
    expect(await r.users.setRole('missing', 'dsl')).toBe(false);
    expect(typeof (await r.users.byId(u.id))!.disabled).toBe('boolean');
    expect((await r.users.list()).some((x) => x.id === u.id)).toBe(true);
  });

  it('chronologies.access: the record with the users of its running grants, in one query', async () => {
    const { chronology, lead } = await seed();
    const r = store.repos;
    const at = clock.toISOString();
    expect(await r.chronologies.access(chronology.id, at)).toEqual({ record: await r.chronologies.get(chronology.id), readOnlyGrants: [], entryVersion: 0 });
    await r.breakGlass.create({ chronologyId: chronology.id, userId: lead.id, reason: 'r', expiresAt: new Date(clock.getTime() + 60_000).toISOString() });
    expect((await r.chronologies.access(chronology.id, at))!.readOnlyGrants).toEqual([lead.id]);
    expect((await r.chronologies.access(chronology.id, new Date(clock.getTime() + 60_000).toISOString()))!.readOnlyGrants).toEqual([]);
    expect(await r.chronologies.removeMember(chronology.id, 'thames-valley-police')).toBe(true);
    expect((await r.chronologies.access(chronology.id, at))!.record.memberAgencies).toEqual(['northway-primary']);
    expect(await r.chronologies.access(`missing-${chronology.id}`, at)).toBeNull();
  });

  it('sessions: live counts, touch, revoke, purge', async () => {
    const { lead } = await seed();
    const r = store.repos;
    const later = new Date(clock.getTime() + 3600_000).toISOString();
    await r.sessions.create({ idHash: 's-a', userId: lead.id, expiresAt: later, ip: '10.0.0.1', userAgent: 'ua' });
    await r.sessions.create({ idHash: 's-b', userId: lead.id, expiresAt: later, ip: null, userAgent: null });
    await r.sessions.create({ idHash: 's-old', userId: lead.id, expiresAt: clock.toISOString(), ip: null, userAgent: null });
    expect((await r.sessions.liveCounts()).get(lead.id)).toBe(2);
    await r.sessions.touch('s-a', '2024-05-01T12:30:00.000Z');
    await r.sessions.markReauthenticated('s-a', '2024-05-01T12:31:00.000Z');
    expect(await r.sessions.get('s-a')).toMatchObject({ lastSeenAt: '2024-05-01T12:30:00.000Z', reauthenticatedAt: '2024-05-01T12:31:00.000Z' });
    // The session with its user, as resolveSession reads them (current rows: a revoke or a disabled user shows).
    expect(await r.sessions.getWithUser('s-a')).toEqual({ session: await r.sessions.get('s-a'), user: await r.users.byId(lead.id) });
    expect(await r.sessions.getWithUser('nope')).toBeNull();
    expect(await r.users.setDisabled(lead.id, true)).toBe(true);
    expect((await r.sessions.getWithUser('s-a'))!.user.disabled).toBe(true);
    expect(await r.users.setDisabled(lead.id, false)).toBe(true);
    expect(await r.sessions.revoke('s-a')).toBe(true);
    expect((await r.sessions.getWithUser('s-a'))!.session.revokedAt).not.toBeNull();
    expect(await r.sessions.revoke('s-a')).toBe(false);
    expect(await r.sessions.revokeAllForUser(lead.id)).toBe(2);
    expect(await r.sessions.purgeExpired()).toBe(1);
    expect(await r.sessions.get('s-old')).toBeNull();
  });

  it('api tokens: create, approve once, list newest first, revoke once, touch', async () => {
    const r = store.repos;
    await r.agencies.upsert({ slug: 'thames-valley-police', name: 'Thames Valley Police', kind: 'police' });
    const a = await r.apiTokens.create({ agency: 'thames-valley-police', name: 'A', tokenHash: 'hash-a', createdBy: 'admin' });
    tick();
    const b = await r.apiTokens.create({ agency: 'thames-valley-police', name: 'B', tokenHash: 'hash-b', createdBy: 'admin', preApproved: true });
    expect(b.approvedBy).toBe('system');
    expect(await r.apiTokens.approve(a.id, 'admin-2')).toBe(true);
    expect(await r.apiTokens.approve(a.id, 'admin-2')).toBe(false);
    const listed = (await r.apiTokens.list()).map((t) => t.id);
    expect(listed.indexOf(b.id)).toBeLessThan(listed.indexOf(a.id));
    expect((await r.apiTokens.byHash('hash-b'))?.id).toBe(b.id);
    expect(await r.apiTokens.revoke(b.id)).toBe(true);
    expect(await r.apiTokens.revoke(b.id)).toBe(false);
    await r.apiTokens.touch(a.id, '2024-06-01T00:00:00.000Z');
    expect((await r.apiTokens.byId(a.id))?.lastUsedAt).toBe('2024-06-01T00:00:00.000Z');
  });
});

describe('chronologies', () => {
  it('create: members in the order they joined, then add and remove', async () => {
    const { chronology, lead } = await seed();
    expect(chronology.memberAgencies).toEqual(['northway-primary', 'thames-valley-police']);
    expect(chronology).toMatchObject({ kind: 'child-protection', legalHold: false, retentionUntil: null, leadUserId: lead.id });
    await store.repos.agencies.upsert({ slug: 'aaa-first-by-name', name: 'AAA', kind: 'police' });
    expect(await store.repos.chronologies.addMember(chronology.id, 'aaa-first-by-name', lead.id)).toBe(true);
    expect(await store.repos.chronologies.addMember(chronology.id, 'aaa-first-by-name', lead.id)).toBe(false);
    expect((await store.repos.chronologies.get(chronology.id))!.memberAgencies).toEqual(['northway-primary', 'thames-valley-police', 'aaa-first-by-name']);
    await expect(store.repos.chronologies.addMember(chronology.id, 'no-such-agency', lead.id)).rejects.toThrow();
    expect(await store.repos.chronologies.removeMember(chronology.id, 'aaa-first-by-name')).toBe(true);
    expect(await store.repos.chronologies.removeMember(chronology.id, 'aaa-first-by-name')).toBe(false);
  });

  it('create with an unknown agency writes nothing (one transaction)', async () => {
    const { lead } = await seed();
    const before = await store.repos.chronologies.count();
    const children = (await sql<{ n: string }>('select count(*) as n from children'))[0]!.n;
    await expect(
      store.repos.chronologies.create({ child: { givenName: 'B', familyName: 'C' }, leadUserId: lead.id, memberAgencies: ['northway-primary', 'nowhere'], addedBy: lead.id }),
    ).rejects.toThrow();
    expect(await store.repos.chronologies.count()).toBe(before);
    expect((await sql<{ n: string }>('select count(*) as n from children'))[0]!.n).toBe(children);
  });

  it('lists newest first, by agency and by ids; legal hold and retention', async () => {
    tick();
    const { chronology: older } = await seed();
    tick();
    const { chronology: newer } = await seed();
    const list = (await store.repos.chronologies.list()).map((c) => c.id);
    expect(list.indexOf(newer.id)).toBeLessThan(list.indexOf(older.id));
    expect((await store.repos.chronologies.listByIds([older.id, newer.id, 'missing'])).map((c) => c.id)).toEqual([newer.id, older.id]);
    expect(await store.repos.chronologies.listByIds([])).toEqual([]);
    await store.repos.chronologies.removeMember(older.id, 'thames-valley-police');
    const police = (await store.repos.chronologies.listForAgency('thames-valley-police')).map((c) => c.id);
    expect(police).toContain(newer.id);
    expect(police).not.toContain(older.id);
    expect(await store.repos.chronologies.setLegalHold(older.id, true)).toBe(true);
    expect(await store.repos.chronologies.setRetentionUntil(older.id, '2040-01-01')).toBe(true);
    expect(await store.repos.chronologies.get(older.id)).toMatchObject({ legalHold: true, retentionUntil: '2040-01-01' });
    expect(await store.repos.chronologies.setLegalHold('missing', true)).toBe(false);
    expect(typeof (await store.repos.chronologies.count())).toBe('number');
  });

  it('dispose removes the content of every document and keeps the audit log', async () => {
    const { chronology, lead } = await seed();
    const id = chronology.id;
    const r = store.repos;
    await r.updateLog.append(id, new Uint8Array([1]));
    await r.updateLog.append(`${id}/restricted/thames-valley-police`, new Uint8Array([2]));
    await r.docClients.claim(id, [7], lead.id);
    await r.entries.upsert(projection(id, buildEntry()));
    await r.snapshots.create({ chronologyId: id, label: 'x', takenBy: lead.id, sharedState: new Uint8Array([3]) });
    await r.patternReviews.add({ chronologyId: id, ruleId: 'r', highlightKey: 'k', status: 'reviewed', note: '', entryFingerprint: 'f', reviewedBy: lead.id });
    await r.breakGlass.create({ chronologyId: id, userId: lead.id, reason: 'r', expiresAt: '2099-01-01T00:00:00.000Z' });
    await r.notifications.create({ userId: lead.id, chronologyId: id, kind: 'k', message: 'm' });
    await r.audit.append({ ...actor, action: 'chronology.read', chronologyId: id });
    const auditBefore = await r.audit.count();
    // 2 updates + 1 claim + 1 entry + snapshot + review + grant + notification + 2 members + chronology + child
    expect(await r.chronologies.dispose(id)).toBe(12);
    expect(await r.chronologies.get(id)).toBeNull();
    expect(await r.updateLog.load(`${id}/restricted/thames-valley-police`)).toEqual([]);
    expect(await r.audit.count()).toBe(auditBefore);
    expect(await r.chronologies.dispose(id)).toBe(0);
  });
});

/** Row n as a valid V1 update (rule S9 reads what compaction replaces), and the state holding rows `ns`. */
const row = (n: number) => v1Update([{ client: n, clock: 0, key: `k${n}` }]);
const stateOf = (...ns: number[]) => v1Update(ns.map((n) => ({ client: n, clock: 0, key: `k${n}` })));

describe('update log and client ids', () => {
  it('appends, loads oldest first as Uint8Array, compacts up to a seq, keeps later rows after it', async () => {
    const doc = `doc-${seeded}-log`;
    const r = store.repos.updateLog;
    const s1 = await r.append(doc, row(1));
    const s2 = await r.append(doc, row(2));
    const s3 = await r.append(doc, row(3));
    expect(typeof s1).toBe('number');
    expect(s2).toBeGreaterThan(s1);
    const loaded = await r.load(doc);
    expect(loaded.map((u) => u.docSeq)).toEqual([s1, s2, s3]);
    expect([s1, s2, s3]).toEqual([1, 2, 3]);
    expect(loaded[2]!.data).toBeInstanceOf(Uint8Array);
    expect(Buffer.isBuffer(loaded[2]!.data)).toBe(false);
    expect([...loaded[2]!.data]).toEqual([...row(3)]);
    expect(await r.replaceUpTo(doc, s2, stateOf(1, 2))).toBe(s2);
    expect((await r.load(doc)).map((u) => [u.docSeq, [...u.data]])).toEqual([
      [s2, [...stateOf(1, 2)]],
      [s3, [...row(3)]],
    ]);
    expect(await r.replaceUpTo('no-such-doc', 99, new Uint8Array([1]))).toBeNull();
    expect(await r.stats(doc)).toEqual({ updates: 2, bytes: stateOf(1, 2).length + row(3).length });
    expect((await r.docNames()).includes(doc)).toBe(true);
  });

  it('lockKeys takes its locks in one statement, in sorted order whatever order it is given', async () => {
    // A blocker holds 'k-b'; the locker, given [k-c, k-b, k-a], waits on 'k-b' holding 'k-a' and not 'k-c'.
    const blocker = new pg.Client({ connectionString: url });
    const locker = new pg.Client({ connectionString: url });
    await Promise.all([blocker.connect(), locker.connect()]);
    try {
      await blocker.query('begin');
      await blocker.query('select pg_advisory_xact_lock(hashtextextended($1, 0))', ['k-b']);
      const pid = (await locker.query<{ pid: number }>('select pg_backend_pid() as pid')).rows[0]!.pid;
      await locker.query('begin');
      const statements: string[] = [];
      const tx = drizzle({ client: locker, logger: { logQuery: (q) => statements.push(q) } }) as unknown as PgExec;
      const locking = lockKeys(tx, ['k-c', 'k-b', 'k-a', 'k-c']);
      const held = async () =>
        (
          await sql<{ k: string }>(
            `select k from unnest(array['k-a', 'k-b', 'k-c']) as k where exists (select 1 from pg_locks l where l.locktype = 'advisory' and l.pid = $1 and l.granted and ((l.classid::bigint << 32) | l.objid::bigint) = hashtextextended(k, 0)) order by k`,
            [pid],
          )
        ).map((r) => r.k);
      await vi.waitFor(async () => expect(await held()).toEqual(['k-a']), { timeout: 5000, interval: 20 });
      await blocker.query('commit');
      await locking;
      expect(await held()).toEqual(['k-a', 'k-b', 'k-c']);
      expect(statements).toHaveLength(1);
      await locker.query('commit');
    } finally {
      await Promise.allSettled([blocker.end(), locker.end()]);
    }
  });

  it('refuses to edit a stored update (trigger) but allows compaction to delete', async () => {
    const doc = 'doc-immutable';
    await store.repos.updateLog.append(doc, new Uint8Array([1]));
    await expect(sql("update doc_updates set data = '\\x00' where doc_name = $1", [doc])).rejects.toThrow('doc_updates rows are immutable');
  });

  it('client ids: first claim wins, ids past 2^31 round-trip as numbers', async () => {
    const doc = 'doc-clients';
    await store.repos.docClients.claim(doc, [1, 4_294_967_295, 1], 'alice');
    await store.repos.docClients.claim(doc, [1, 2], 'bob');
    await store.repos.docClients.claim(doc, [], 'carol');
    expect(await store.repos.docClients.owners(doc)).toEqual(
      new Map([
        [1, 'alice'],
        [4_294_967_295, 'alice'],
        [2, 'bob'],
      ]),
    );
  });
});

describe('entries projection', () => {
  let chronologyId: string;
  let sqlite: TestDatabase;
  let sqliteChronology: string;
  beforeAll(async () => {
    chronologyId = (await seed()).chronology.id;
  });

  // The same entries in both backends; every query must answer the same ids in the same order.
  const fixture: Array<Partial<Entry> & { doc?: 'restricted' }> = [
    { id: 'e-01', date: '2023-04', summary: 'Month-dated: 50% of visits missed', category: 'missed-appointment', agency: 'northway-primary' },
    { id: 'e-02', date: '2023-04-10', time: '09:00', summary: 'School noticed a bruise (Ärger at home)', agency: 'northway-primary' },
    { id: 'e-03', date: '2023-04-10', time: '08:00', summary: 'Police visit', detail: 'a_b literal underscore' },
    { id: 'e-04', date: '2023-03..2023-05', summary: 'Range dated', sourceRef: 'REF-ÄRGER' },
    { id: 'e-05', date: '2023-06-01', summary: 'Withdrawn one', status: 'withdrawn', withdrawnReason: 'wrong child' },
    { id: 'e-06', date: '2023-04-12', summary: 'Police restricted intel', restricted: true, doc: 'restricted' },
    { id: 'E-07', date: '2023-04-10', time: '09:00', summary: 'Upper-case id sorts first in bytes', recordedAt: '2023-04-06T09:00:00.000Z' },
  ];
  const filters: EntryFilters[] = [
    {},
    { includeWithdrawn: true },
    { from: '2023-04-10', to: '2023-04-20' },
    { to: '2023-03-31' },
    { agencies: ['northway-primary'] },
    { agencies: [] },
    { categories: ['missed-appointment', 'domestic-abuse-incident'] },
    { text: '50%' },
    { text: 'a_b' },
    { text: '_' },
    { text: 'BRUISE' },
    { restrictedVisibleTo: 'northway-primary' },
    { restrictedVisibleTo: 'thames-valley-police' },
    { limit: 2 },
    { limit: 2, offset: 2 },
    { offset: 3 },
  ];

  beforeAll(async () => {
    sqlite = openTestDatabase({ now: () => clock });
    const { seedChronology } = await import('../testing.js');
    sqliteChronology = seedChronology(sqlite.repos).chronology.id;
    for (const f of fixture) {
      const { doc, ...overrides } = f;
      const entry = buildEntry({ agency: 'thames-valley-police', ...overrides });
      await store.repos.entries.upsert(projection(chronologyId, entry, doc ? `${chronologyId}/restricted/thames-valley-police` : chronologyId));
      sqlite.repos.entries.upsert(projection(sqliteChronology, entry, doc ? `${sqliteChronology}/restricted/thames-valley-police` : sqliteChronology));
    }
  });
  afterAll(() => sqlite?.cleanup());

  it.each(filters.map((f) => [JSON.stringify(f), f] as const))('query %s answers what SQLite answers', async (_name, f) => {
    const expected = sqlite.repos.entries.query(sqliteChronology, f).map((e) => e.id);
    expect((await store.repos.entries.query(chronologyId, f)).map((e) => e.id)).toEqual(expected);
  });

  // GET …/entries: the same page, byte for byte, but for the chronology's id in nothing (entries carry none).
  it.each(filters.filter((f) => f.offset === undefined).map((f) => [JSON.stringify(f), f] as const))('page %s answers what SQLite answers', async (_name, f) => {
    const q = { ...f, limit: f.limit ?? 500, restrictedVisibleTo: f.restrictedVisibleTo ?? 'northway-primary' };
    const expected = sqlite.repos.entries.page(sqliteChronology, q);
    const page = await store.repos.entries.page(chronologyId, q);
    expect(Buffer.from(page.json).toString('utf8')).toBe(Buffer.from(expected.json).toString('utf8'));
    expect({ ...page, json: null, last: page.last && { ...page.last, docName: null } }).toEqual({ ...expected, json: null, last: expected.last && { ...expected.last, docName: null } });
    if (page.more) {
      const next = await store.repos.entries.page(chronologyId, { ...q, after: page.last! });
      const sqliteNext = sqlite.repos.entries.page(sqliteChronology, { ...q, after: expected.last! });
      expect(Buffer.from(next.json).toString('utf8')).toBe(Buffer.from(sqliteNext.json).toString('utf8'));
    }
  });

  it('a case-insensitive search folds non-ASCII letters too (SQLite folds ASCII only): a superset', async () => {
    expect((await store.repos.entries.query(chronologyId, { text: 'ärger' })).map((e) => e.id).sort()).toEqual(['e-02', 'e-04']);
  });

  it('all, counts, last change, visibility and the row itself (types round-trip)', async () => {
    const r = store.repos.entries;
    expect((await r.all(chronologyId)).map((e) => e.id)).toEqual(sqlite.repos.entries.all(sqliteChronology).map((e) => e.id));
    const sqliteCount = (agency?: string) => sqlite.repos.entries.countByChronology([sqliteChronology], agency)[sqliteChronology];
    expect(sqliteCount()).toBe(6);
    expect(await r.countByChronology([chronologyId, 'none'])).toEqual({ [chronologyId]: sqliteCount(), none: 0 });
    expect(await r.countByChronology([chronologyId], 'northway-primary')).toEqual({ [chronologyId]: sqliteCount('northway-primary') });
    expect(await r.countByChronology([])).toEqual({});
    expect(await r.lastChange([chronologyId, 'none'])).toEqual({ [chronologyId]: clock.toISOString(), none: null });
    const row = await r.getInDoc(chronologyId, chronologyId, 'e-01');
    const sqliteRow = sqlite.repos.entries.getInDoc(sqliteChronology, sqliteChronology, 'e-01');
    expect(row).toEqual({ ...sqliteRow, chronologyId, docName: chronologyId });
    expect(await r.getVisible(chronologyId, 'e-06', 'northway-primary')).toBeNull();
    expect((await r.getVisible(chronologyId, 'e-06', 'thames-valley-police'))?.restricted).toBe(true);
    expect(await r.holders(chronologyId, 'e-06')).toEqual([{ docName: `${chronologyId}/restricted/thames-valley-police`, agency: 'thames-valley-police', restricted: true }]);
    expect(await r.firstHeldElsewhere(chronologyId, ['zzz', 'e-06'], chronologyId)).toBe('e-06');
    expect(await r.firstHeldElsewhere(chronologyId, ['e-01'], chronologyId)).toBeNull();
  });

  it('screening results: score as a number, nulls when none', async () => {
    const entry = buildEntry({ id: 'scored', riskLevel: 'high', score: 17, areaGrades: '{"a":1}' } as Partial<Entry>);
    await store.repos.entries.upsert(projection(chronologyId, entry));
    expect(await store.repos.entries.getInDoc(chronologyId, chronologyId, 'scored')).toMatchObject({ riskLevel: 'high', score: 17, areaGrades: '{"a":1}' });
  });

  it("the child's voice: the words and the seen-alone answer in their columns", async () => {
    const entry = buildEntry({ id: 'voiced', childsVoice: '"I want my own room"', seenAlone: 'not-applicable' });
    await store.repos.entries.upsert(projection(chronologyId, entry));
    expect(await store.repos.entries.getInDoc(chronologyId, chronologyId, 'voiced')).toMatchObject({ childsVoice: '"I want my own room"', seenAlone: 'not-applicable' });
  });

  it('collisions and documents holding an id; deleteForDoc', async () => {
    const otherDoc = `${chronologyId}/restricted/northway-primary`;
    await store.repos.entries.upsert(projection(chronologyId, buildEntry({ id: 'e-01', agency: 'northway-primary', restricted: true }), otherDoc));
    expect((await store.repos.entries.docsHolding(chronologyId, 'e-01')).sort()).toEqual([chronologyId, otherDoc].sort());
    expect(await store.repos.entries.collisions()).toContainEqual({ chronologyId, id: 'e-01', docNames: [chronologyId, otherDoc].sort() });
    expect(await store.repos.entries.deleteForDoc(otherDoc)).toBe(1);
    expect(await store.repos.entries.docsHolding(chronologyId, 'e-01')).toEqual([chronologyId]);
  });
});

describe('reviews, grants, attempts, snapshots, notifications', () => {
  it('pattern reviews keep JSON shapes and order oldest first', async () => {
    const { chronology, lead } = await seed();
    const r = store.repos.patternReviews;
    const a = await r.add({ chronologyId: chronology.id, ruleId: 'r1', highlightKey: 'k', status: 'reviewed', note: 'n', entryFingerprint: 'f', reviewedBy: lead.id, entryIds: ['b', 'a'], entryStates: { b: '2', a: '1' } });
    tick();
    const b = await r.add({ chronologyId: chronology.id, ruleId: 'r1', highlightKey: 'k', status: 'dismissed', note: 'n', entryFingerprint: 'f', reviewedBy: lead.id });
    expect(await r.byId(a.id)).toEqual(a);
    expect(a.entryIds).toEqual(['b', 'a']);
    expect(b.entryIds).toEqual([]);
    expect(b.entryStates).toEqual({});
    expect((await r.listForChronology(chronology.id)).map((x) => x.id)).toEqual([a.id, b.id]);
  });

  it('break glass: active, per user, unreviewed queue, review once, end early', async () => {
    const { chronology, lead } = await seed();
    const g = store.repos.breakGlass;
    const grant = await g.create({ chronologyId: chronology.id, userId: lead.id, reason: 'urgent', expiresAt: '2024-05-01T13:00:00.000Z', grantedAt: '2024-05-01T12:00:00.000Z' });
    const old = await g.create({ chronologyId: chronology.id, userId: lead.id, reason: 'old', expiresAt: '2024-05-01T11:00:00.000Z', grantedAt: '2024-05-01T10:00:00.000Z' });
    expect((await g.activeFor(chronology.id, '2024-05-01T12:30:00.000Z')).map((x) => x.id)).toEqual([grant.id]);
    expect((await g.activeForUser(lead.id, '2024-05-01T12:30:00.000Z')).map((x) => x.id)).toEqual([grant.id]);
    expect((await g.listForChronology(chronology.id)).map((x) => x.id)).toEqual([grant.id, old.id]);
    expect((await g.listUnreviewed()).map((x) => x.id)).toEqual(expect.arrayContaining([old.id, grant.id]));
    expect(await g.review(grant.id, { reviewedBy: 'dsl', note: 'fine' })).toBe(true);
    expect(await g.review(grant.id, { reviewedBy: 'dsl', note: 'again' })).toBe(false);
    expect(await g.end(grant.id, '2024-05-01T12:40:00.000Z')).toBe(true);
    expect(await g.end(grant.id, '2024-05-01T12:50:00.000Z')).toBe(false);
    expect((await g.get(grant.id))?.expiresAt).toBe('2024-05-01T12:40:00.000Z');
  });

  it('login attempts: count and times since, clear, purge', async () => {
    const a = store.repos.loginAttempts;
    await a.record('email:x', '2024-05-01T10:00:00.000Z');
    await a.record('email:x', '2024-05-01T11:00:00.000Z');
    await a.record('email:x', '2024-05-01T09:00:00.000Z');
    expect(await a.countSince('email:x', '2024-05-01T10:00:00.000Z')).toBe(2);
    expect(await a.timesSince('email:x', '2024-05-01T00:00:00.000Z')).toEqual(['2024-05-01T09:00:00.000Z', '2024-05-01T10:00:00.000Z', '2024-05-01T11:00:00.000Z']);
    expect(await a.purgeBefore('2024-05-01T10:00:00.000Z')).toBe(1);
    await a.clear('email:x');
    expect(await a.countSince('email:x', '2000-01-01T00:00:00.000Z')).toBe(0);
  });

  it('snapshots: bytes back as Uint8Array, list newest first without state', async () => {
    const { chronology, lead } = await seed();
    const s = store.repos.snapshots;
    const first = await s.create({ chronologyId: chronology.id, label: 'one', takenBy: lead.id, sharedState: new Uint8Array([1, 2, 3]), meta: { z: 1, a: 2 } });
    tick();
    const second = await s.create({ chronologyId: chronology.id, label: 'two', takenBy: lead.id, sharedState: new Uint8Array([4]) });
    const got = await s.get(first.id);
    expect(got?.sharedState).toBeInstanceOf(Uint8Array);
    expect(Buffer.isBuffer(got?.sharedState)).toBe(false);
    expect(got).toEqual({ ...first, sharedState: new Uint8Array([1, 2, 3]) });
    expect(await s.listForChronology(chronology.id)).toEqual([
      { id: second.id, chronologyId: chronology.id, label: 'two', takenAt: second.takenAt, takenBy: lead.id, meta: {}, bytes: 1 },
      { id: first.id, chronologyId: chronology.id, label: 'one', takenAt: first.takenAt, takenBy: lead.id, meta: { z: 1, a: 2 }, bytes: 3 },
    ]);
  });

  it('notifications: newest first, unread only, one user cannot mark another’s', async () => {
    const { lead } = await seed();
    const n = store.repos.notifications;
    const a = await n.create({ userId: lead.id, kind: 'k', message: 'first' });
    tick();
    const b = await n.create({ userId: lead.id, kind: 'k', message: 'second' });
    expect((await n.listForUser(lead.id)).map((x) => x.id)).toEqual([b.id, a.id]);
    expect(await n.markRead(a.id, 'someone-else')).toBe(false);
    expect(await n.markRead(a.id, lead.id)).toBe(true);
    expect(await n.unreadCount(lead.id)).toBe(1);
    expect((await n.listForUser(lead.id, { unreadOnly: true })).map((x) => x.id)).toEqual([b.id]);
    expect(await n.markAllRead(lead.id)).toBe(1);
    expect((await n.get(a.id))?.readAt).toBe(clock.toISOString());
  });
});

function write(chronologyId: string, n: number, overrides: Partial<PersistWrite> = {}): PersistWrite {
  const entry = buildEntry({ id: `w-${chronologyId.slice(0, 4)}-${n}` });
  return {
    docName: chronologyId,
    chronologyId,
    update: new Uint8Array([n % 256, 1, 2]),
    claims: [1000 + n],
    actor: { id: `actor-${n}`, name: `Actor ${n}`, agency: 'thames-valley-police' },
    meta: { via: n % 2 === 0 ? 'websocket' : 'rest', ip: '10.0.0.9' },
    changes: [{ entryId: entry.id, kind: 'create', before: null, after: entry, fields: ['summary'] }],
    ...overrides,
  };
}

describe('audit chain', () => {
  it('records: seq as numbers, details as given, timestamps as the exact text; filters and pages', async () => {
    const r = store.repos.audit;
    const a = await r.append({ ...actor, action: 'x.read', chronologyId: 'c-audit', entryId: 'e1', details: { z: 1, a: { y: 2, b: 3 } }, ip: '10.1.1.1', at: '2024-05-01T12:00:00.123Z' });
    const b = await r.append({ ...actor, actorId: 'u2', action: 'x.read', chronologyId: 'c-audit' });
    expect(typeof a.seq).toBe('number');
    expect(a.at).toBe('2024-05-01T12:00:00.123Z');
    expect((await sql<{ details: string; at: string }>('select details, at from audit_log where seq = $1', [a.seq]))[0]).toEqual({ details: '{"a":{"b":3,"y":2},"z":1}', at: '2024-05-01T12:00:00.123Z' });
    expect((await r.list({ chronologyId: 'c-audit' })).map((x) => x.seq)).toEqual([b.seq, a.seq]);
    expect((await r.list({ chronologyId: 'c-audit', actorId: 'u2' })).map((x) => x.seq)).toEqual([b.seq]);
    expect((await r.list({ chronologyId: 'c-audit', beforeSeq: b.seq })).map((x) => x.seq)).toEqual([a.seq]);
    expect((await r.list({ entryId: 'e1' }))[0]).toEqual(a);
    expect((await r.list({ limit: 1 })).length).toBe(1);
    expect((await r.lastAllowed('x.read')).get('u2')).toBe(b.at);
  });

  it('repeated creates are found', async () => {
    await store.repos.audit.append({ ...actor, action: 'entry.create', chronologyId: 'c-rep', entryId: 'dup' });
    await store.repos.audit.append({ ...actor, action: 'entry.create', chronologyId: 'c-rep', entryId: 'dup' });
    await store.repos.audit.append({ ...actor, action: 'entry.create', chronologyId: 'c-rep', entryId: 'once' });
    expect(await store.repos.audit.repeatedCreates()).toContainEqual({ chronologyId: 'c-rep', entryId: 'dup' });
    expect(await store.repos.audit.repeatedCreates()).not.toContainEqual({ chronologyId: 'c-rep', entryId: 'once' });
  });

  it('stays ONE verifiable chain under concurrent appends from two stores (two pools) and batches', async () => {
    const other = await openPgStore({ url, auditKey, now: () => clock });
    try {
      const before = await store.repos.audit.count();
      const { chronology } = await seed();
      const jobs: Promise<unknown>[] = [];
      for (let i = 0; i < 40; i += 1) {
        jobs.push(store.repos.audit.append({ ...actor, action: `a.${i}` }));
        jobs.push(other.repos.audit.append({ ...actor, action: `b.${i}` }));
        if (i % 10 === 0) jobs.push(other.persistBatch([write(chronology.id, 500 + i), write(chronology.id, 600 + i)]));
        if (i % 10 === 5) jobs.push(store.appendAudit([{ ...actor, action: `c.${i}.1` }, { ...actor, action: `c.${i}.2` }]));
      }
      await Promise.all(jobs);
      expect(await store.repos.audit.count()).toBe(before + 80 + 4 * 2 + 4 * 2);
      const verdict = await other.repos.audit.verify();
      expect(verdict).toEqual({ ok: true, count: before + 96 });
    } finally {
      await other.close();
    }
  });

  it('concurrent appends share commits, yet each call resolves with its own record, chained in call order', async () => {
    const before = await store.repos.audit.count();
    const records = await Promise.all(Array.from({ length: 50 }, (_, i) => store.repos.audit.append({ ...actor, action: `group.${i}` })));
    expect(records.map((r) => r.action)).toEqual(Array.from({ length: 50 }, (_, i) => `group.${i}`));
    for (let i = 1; i < records.length; i += 1) expect(records[i]!.prevHash).toBe(records[i - 1]!.hash);
    expect(await store.repos.audit.count()).toBe(before + 50);
    expect((await store.repos.audit.verify()).ok).toBe(true);
  });

  it('a record that cannot be stored fails alone; the others sharing its commit are stored', async () => {
    const before = await store.repos.audit.count();
    // A NUL character: PostgreSQL refuses it in text, so this record's insert fails.
    const results = await Promise.allSettled([
      store.repos.audit.append({ ...actor, action: 'fine.1' }),
      store.repos.audit.append({ ...actor, action: 'bad\u0000' }),
      store.repos.audit.append({ ...actor, action: 'fine.2' }),
    ]);
    expect(results.map((r) => r.status)).toEqual(['fulfilled', 'rejected', 'fulfilled']);
    expect(await store.repos.audit.count()).toBe(before + 2);
    expect((await store.repos.audit.verify()).ok).toBe(true);
  });

  it('append-only: UPDATE, DELETE and TRUNCATE are refused, the head only moves forward', async () => {
    await store.repos.audit.append({ ...actor, action: 'kept' });
    await expect(sql("update audit_log set action = 'nothing'")).rejects.toThrow('audit_log is append-only');
    await expect(sql('delete from audit_log')).rejects.toThrow('audit_log is append-only');
    await expect(sql('truncate audit_log')).rejects.toThrow('audit_log is append-only');
    await expect(sql('update audit_head set seq = seq - 1')).rejects.toThrow('audit_head only moves forward');
    await expect(sql('delete from audit_head')).rejects.toThrow('audit_head is never removed');
    await expect(sql("insert into audit_head values (2, 0, 'x')")).rejects.toThrow();
  });

  it('verify finds an altered record, a removed newest record and a wrong key', async () => {
    // A separate database: tampering here needs the triggers off.
    const tamperUrl = await freshDatabaseFrom(inject('pgAdminUrl'));
    const s = await openPgStore({ url: tamperUrl, auditKey });
    try {
      for (let i = 0; i < 5; i += 1) await s.repos.audit.append({ ...actor, action: `t.${i}` });
      expect(await s.repos.audit.verify()).toEqual({ ok: true, count: 5 });
      const wrongKey = await openPgStore({ url: tamperUrl, auditKey: new Uint8Array(32).fill(7) });
      expect(await wrongKey.repos.audit.verify()).toMatchObject({ ok: false, firstBrokenSeq: 1 });
      await wrongKey.close();
      const tamper = async (statement: string) => {
        const client = new pg.Client({ connectionString: tamperUrl });
        await client.connect();
        try {
          await client.query('alter table audit_log disable trigger user');
          await client.query(statement);
          await client.query('alter table audit_log enable trigger user');
        } finally {
          await client.end();
        }
      };
      await tamper('delete from audit_log where seq = 5');
      expect(await s.repos.audit.verify()).toMatchObject({ ok: false, count: 4, firstBrokenSeq: 5, reason: 'the newest records (5 to 5) are missing' });
      await tamper("update audit_log set actor_label = 'Someone else' where seq = 3");
      expect(await s.repos.audit.verify()).toMatchObject({ ok: false, count: 2, firstBrokenSeq: 3, reason: 'hash mismatch: the record was altered' });
      await tamper('delete from audit_log where seq = 2');
      expect(await s.repos.audit.verify()).toMatchObject({ ok: false, firstBrokenSeq: 3, reason: 'records 2 to 2 are missing' });
    } finally {
      await s.close();
    }
  });
});

describe('households (not in the declared port yet)', () => {
  const households = () => (store.repos as PgRepos).households;
  const link = (chronologyId: string, relationship = 'sibling') => ({ chronologyId, relationship, from: null, to: null });

  it('create links every child in one write, in order; a child already linked refuses the whole household', async () => {
    const [a, b, c] = [(await seed()).chronology, (await seed()).chronology, (await seed()).chronology];
    const made = await households().create({ name: 'Turner household', createdBy: 'lead', children: [link(a.id), { chronologyId: b.id, relationship: 'half-sibling', from: '2018-03', to: null }] });
    expect(made).toEqual({ ok: true, household: { id: expect.any(String), name: 'Turner household', createdAt: clock.toISOString(), createdBy: 'lead' } });
    if (!made.ok) return;
    const fromB = await households().currentFor(b.id);
    expect(fromB?.household).toEqual(made.household);
    expect(fromB?.links.map((l) => [l.chronologyId, l.relationship, l.from])).toEqual([
      [a.id, 'sibling', null],
      [b.id, 'half-sibling', '2018-03'],
    ]);
    const before = (await sql<{ n: string }>('select count(*) as n from households'))[0]!.n;
    expect(await households().create({ name: null, createdBy: 'lead', children: [link(c.id), link(a.id)] })).toEqual({ ok: false, reason: 'linked', linked: [a.id] });
    expect((await sql<{ n: string }>('select count(*) as n from households'))[0]!.n).toBe(before);
    expect(await households().currentFor(c.id)).toBeNull();
  });

  it('add and remove a child; a removed link stays on record; an unknown household is said so', async () => {
    const [a, b, c] = [(await seed()).chronology, (await seed()).chronology, (await seed()).chronology];
    const made = await households().create({ name: null, createdBy: 'lead', children: [link(a.id), link(b.id)] });
    if (!made.ok) throw new Error('not made');
    expect(await households().addChild(made.household.id, link(c.id), 'lead')).toEqual({ ok: true, household: made.household });
    expect(await households().addChild(made.household.id, link(c.id), 'lead')).toEqual({ ok: false, reason: 'linked', linked: [c.id] });
    expect(await households().addChild('missing', link(c.id), 'lead')).toEqual({ ok: false, reason: 'no-household' });
    expect(await households().removeChild(made.household.id, c.id, 'lead')).toBe(true);
    expect(await households().removeChild(made.household.id, c.id, 'lead')).toBe(false);
    expect((await households().currentLinks(made.household.id)).map((l) => l.chronologyId)).toEqual([a.id, b.id]);
    // Each child's current siblings, in one query; a removed child has none and is no one's sibling.
    expect(await households().siblingsOf([a.id, b.id, c.id, 'missing'])).toEqual({ [a.id]: [b.id], [b.id]: [a.id] });
    expect(await households().siblingsOf([])).toEqual({});
    expect((await sql('select 1 from household_members where chronology_id = $1 and removed_at is not null', [c.id])).length).toBe(1);
    expect(await households().get(made.household.id)).toEqual(made.household);
  });

  it('two households made at once for one child: exactly one gets it', async () => {
    const [a, b, c] = [(await seed()).chronology, (await seed()).chronology, (await seed()).chronology];
    const results = await Promise.all([
      households().create({ name: 'one', createdBy: 'lead', children: [link(a.id), link(b.id)] }),
      households().create({ name: 'two', createdBy: 'lead', children: [link(c.id), link(a.id)] }),
    ]);
    expect(results.filter((r) => r.ok)).toHaveLength(1);
    expect(results.find((r) => !r.ok)).toEqual({ ok: false, reason: 'linked', linked: [a.id] });
  });
});

describe('backup', () => {
  it('writes an online pg_dump (custom format) readable only by the service', async () => {
    await store.repos.audit.append({ ...actor, action: 'before.backup' });
    const dir = mkdtempSync(join(tmpdir(), 'mac-pg-backup-'));
    try {
      const target = join(dir, 'mac.dump');
      await store.backup(target);
      expect(readFileSync(target).subarray(0, 5).toString('latin1')).toBe('PGDMP');
      expect(statSync(target).mode & 0o777).toBe(0o600);
    } finally {
      rmSync(dir, { recursive: true, force: true });
    }
  });
});

describe('connection failures', () => {
  it('a database that cannot be reached: calls reject as a storage failure (503), not a bug', async () => {
    const closedPort = `postgres://mac@127.0.0.1:1/none`;
    const err = await openPgStore({ url: closedPort, auditKey }).catch((e: unknown) => e);
    expect(storageFailure(err)).toBe('io');
  });

  it('connections killed under the pool: the next calls fail as a storage failure or succeed, then service resumes', async () => {
    const s = await openPgStore({ url, auditKey, maxConnections: 2 });
    try {
      await s.repos.audit.count();
      const dbName = new URL(url).pathname.slice(1);
      // What a database restart does to the pool's open connections (57P01 admin_shutdown).
      await sql('select pg_terminate_backend(pid) from pg_stat_activity where datname = $1 and pid <> pg_backend_pid()', [dbName]);
      const outcome = await s.repos.audit.count().then(
        () => 'ok',
        (e: unknown) => storageFailure(e),
      );
      // node-postgres may notice the dead connection before using it (then the call simply works) or not.
      expect(['ok', 'io']).toContain(outcome);
      await expect(s.repos.agencies.list()).resolves.toBeInstanceOf(Array);
    } finally {
      await s.close();
    }
  });

  it('the database stopped and started again: calls fail as a storage failure and store nothing, then the pool recovers by itself', async () => {
    // Its own small cluster: stopping the run's cluster would pull it from under the other tests.
    const cluster = await startPgCluster();
    const s = await openPgStore({ url: await cluster.freshDatabase('restart'), auditKey, connectTimeoutMs: 2000 });
    try {
      const { agencies, audit } = s.repos;
      await agencies.upsert({ slug: 'thames-valley-police', name: 'Thames Valley Police', kind: 'police' });
      await audit.append({ ...actor, action: 'before.restart' });
      await cluster.pause();
      for (const call of [() => audit.count(), () => audit.append({ ...actor, action: 'during' }), () => s.appendAudit([{ ...actor, action: 'during.batch' }])]) {
        const err = await call().then(
          () => new Error('should have failed'),
          (e: unknown) => e,
        );
        expect(storageFailure(err), String(err)).toBe('io');
      }
      await cluster.resume();
      await vi.waitFor(() => expect(audit.count()).resolves.toBe(1), { timeout: 20_000, interval: 200 });
      await audit.append({ ...actor, action: 'after.restart' });
      expect((await audit.list()).map((r) => r.action)).toEqual(['after.restart', 'before.restart']);
      expect(await audit.verify()).toEqual({ ok: true, count: 2 });
    } finally {
      await s.close();
      await cluster.stop();
    }
  }, 90_000);

  it('says where its data lives without the password', async () => {
    const withPassword = new URL(url);
    withPassword.password = 'secret-password';
    const s = await openPgStore({ url: withPassword.toString(), auditKey });
    try {
      expect(s.location).not.toContain('secret-password');
      expect(s.location).toContain(withPassword.host);
    } finally {
      await s.close();
    }
  });

  it('a closed store rejects every call', async () => {
    const s = await openPgStore({ url, auditKey });
    await s.close();
    await expect(s.repos.agencies.list()).rejects.toThrow('the store is closed');
    await expect(s.persistBatch([])).rejects.toThrow('the store is closed');
  });
});
