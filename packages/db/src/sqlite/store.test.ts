import { randomBytes } from 'node:crypto';
import { mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterEach, describe, expect, it } from 'vitest';
import { buildEntry } from '@mac/domain/testing';
import Database from 'better-sqlite3';
import { openSqliteHost, type Outcome } from './host.js';
import { POINT_READS } from './point-reads.js';
import { READ_METHODS } from './reads.js';
import { openSqliteStore, pointReader, type SqliteStore } from './store.js';

const opened: Array<{ store: SqliteStore; dir: string }> = [];
afterEach(async () => {
  for (const { store, dir } of opened.splice(0)) {
    await store.close();
    rmSync(dir, { recursive: true, force: true });
  }
});

async function open(thread: 'worker' | 'inline', readers?: number) {
  const dir = mkdtempSync(join(tmpdir(), 'mac-store-'));
  const store = await openSqliteStore({ dataDir: dir }, { auditKey: new Uint8Array(randomBytes(32)), thread, ...(readers === undefined ? {} : { readers }) });
  opened.push({ store, dir });
  return store;
}

describe.each(['worker', 'inline'] as const)('the SQLite store (%s)', (thread) => {
  it('answers repository calls with the stored records', async () => {
    const store = await open(thread);
    await store.repos.agencies.upsert({ slug: 'tvp', name: 'Thames Valley Police', kind: 'police' });
    expect((await store.repos.agencies.list()).map((a) => a.slug)).toEqual(['tvp']);
    expect(await store.repos.agencies.get('nope')).toBeNull();
  });

  it('runs a repository method that calls a sibling through `this` (entries.docsHolding)', async () => {
    const store = await open(thread);
    expect(await store.repos.entries.docsHolding('no-such-chronology', 'no-such-entry')).toEqual([]);
  });

  it('commits the calls that arrive together in one batch, and a failing call fails alone', async () => {
    const store = await open(thread);
    await store.repos.agencies.upsert({ slug: 'tvp', name: 'Thames Valley Police', kind: 'police' });
    const before = store.stats().batches;
    const results = await Promise.allSettled(
      Array.from({ length: 50 }, (_, i) => store.repos.users.create({ email: i === 7 ? 'same@x.example' : `u${i}@x.example`, name: `U${i}`, role: 'practitioner', agency: 'tvp', passwordHash: null })).concat([
        store.repos.users.create({ email: 'same@x.example', name: 'Twin', role: 'practitioner', agency: 'tvp', passwordHash: null }),
      ]),
    );
    expect(store.stats().batches - before).toBeLessThan(5);
    expect(results.filter((r) => r.status === 'rejected')).toHaveLength(1);
    const refused = results.at(-1)!;
    expect(refused.status).toBe('rejected');
    expect(String((refused as PromiseRejectedResult).reason.code)).toMatch(/CONSTRAINT/);
    expect(await store.repos.users.list()).toHaveLength(50);
  });

  it('stores nothing of a batch of writes when one of them cannot be stored', async () => {
    const store = await open(thread);
    const write = (chronologyId: string) => ({
      docName: `chronology:${chronologyId}`,
      chronologyId,
      update: new Uint8Array([0, 0]),
      claims: [],
      actor: { id: 'u', name: 'U', agency: 'tvp' },
      meta: { via: 'test', ip: null },
      changes: [{ entryId: 'e1', kind: 'create' as const, before: null, after: buildEntry({ id: 'e1' }), fields: ['id'] }],
    });
    await expect(store.persistBatch([write('c-unknown')])).rejects.toThrow(/FOREIGN KEY/);
    expect(await store.repos.updateLog.docNames()).toEqual([]);
    expect(await store.repos.audit.count()).toBe(0);
  });
});

describe('the read lane', () => {
  it('answers a read while a write is held up, instead of queueing it behind the write', async () => {
    const store = await open('worker');
    await store.repos.agencies.upsert({ slug: 'tvp', name: 'Thames Valley Police', kind: 'police' });
    const person = (name: string) => ({ email: `${name}@tvp.example`, name, role: 'practitioner' as const, agency: 'tvp', passwordHash: null });
    await store.repos.users.create(person('first'));
    // Another connection holds the write lock: the writer's next batch waits for it (busy_timeout).
    const other = new Database(store.file!);
    other.exec('BEGIN IMMEDIATE');
    let writeSettled = false;
    const write = store.repos.users.create(person('second')).finally(() => (writeSettled = true));
    try {
      // On the write lane this read (a read lane's, not a point read) would wait for the write, which cannot
      // finish while the lock is held.
      expect((await store.repos.users.list()).map((u) => u.name)).toEqual(['first']);
      expect(writeSettled).toBe(false);
    } finally {
      other.exec('COMMIT');
      other.close();
    }
    await write;
    // A read made after the write settled sees it.
    expect((await store.repos.users.list()).map((u) => u.name)).toEqual(['first', 'second']);
    expect(store.stats().reads).toBeGreaterThanOrEqual(2);
  });

  it('spreads reads over several reading threads, each seeing every write settled before it was asked', async () => {
    const store = await open('worker', 2);
    await store.repos.agencies.upsert({ slug: 'tvp', name: 'Thames Valley Police', kind: 'police' });
    const person = (name: string) => ({ email: `${name}@tvp.example`, name, role: 'practitioner' as const, agency: 'tvp', passwordHash: null });
    for (const name of ['a', 'b', 'c']) {
      await store.repos.users.create(person(name));
      // Asked together: the first thread has calls outstanding, so the next goes to the second, and so on.
      const answers = await Promise.all(Array.from({ length: 20 }, () => store.repos.users.list()));
      for (const listed of answers) expect(listed.at(-1)?.name).toBe(name);
    }
    const [first, second] = store.stats().readsPerThread;
    expect(store.stats().readsPerThread).toHaveLength(2);
    expect(first).toBeGreaterThan(0);
    expect(second).toBeGreaterThan(0);
    expect(first! + second!).toBe(store.stats().reads);
  });

  it('reads on one thread unless told otherwise', async () => {
    const store = await open('worker');
    await Promise.all(Array.from({ length: 10 }, () => store.repos.users.list()));
    expect(store.stats().readsPerThread).toEqual([store.stats().reads]);
  });

  it.each(['worker', 'inline'] as const)('refuses to write on its read-only connection (%s)', async (thread) => {
    // A method listed in reads.ts that wrote would fail like this in every test that calls it.
    const store = await open(thread);
    const reader = openSqliteHost({ file: store.file! }, { auditKey: new Uint8Array(32) }, 'read');
    try {
      const [outcome] = reader.runBatch([{ kind: 'repo', repo: 'agencies', method: 'upsert', args: [{ slug: 'x', name: 'X', kind: 'police' }] }]);
      expect(outcome!.ok).toBe(false);
      expect(outcome!.ok ? null : outcome!.error.code).toBe('SQLITE_READONLY');
    } finally {
      reader.db.close();
    }
  });

  it('lists only methods the SQLite repositories have', () => {
    const sqlite = openSqliteHost({ memory: true }, { auditKey: new Uint8Array(32) });
    for (const [repo, methods] of Object.entries(READ_METHODS)) {
      for (const method of methods) expect(typeof (sqlite.repos as unknown as Record<string, Record<string, unknown>>)[repo]?.[method], `${repo}.${method}`).toBe('function');
    }
    sqlite.db.close();
  });
});

describe('the point reads (answered on the caller\'s thread)', () => {
  it.each(['worker', 'inline'] as const)('answer lookups by key without the read lane, and see every settled write (%s)', async (thread) => {
    const store = await open(thread);
    await store.repos.agencies.upsert({ slug: 'tvp', name: 'Thames Valley Police', kind: 'police' });
    const lane = store.stats().reads;
    const points = store.stats().pointReads;
    const user = await store.repos.users.create({ email: 'a@x.example', name: 'A', role: 'lead', agency: 'tvp', passwordHash: null });
    // Made after the write settled: it sees it.
    expect((await store.repos.users.byId(user.id))?.email).toBe('a@x.example');
    expect(await store.repos.chronologies.get('no-such-chronology')).toBeNull();
    expect(await store.repos.breakGlass.activeFor('no-such-chronology', new Date().toISOString())).toEqual([]);
    expect(store.stats().pointReads - points).toBe(3);
    expect(store.stats().reads - lane).toBe(0);
  });

  it('answer at once while a write is held up by a lock', async () => {
    const store = await open('worker');
    await store.repos.agencies.upsert({ slug: 'tvp', name: 'Thames Valley Police', kind: 'police' });
    const user = await store.repos.users.create({ email: 'a@x.example', name: 'A', role: 'lead', agency: 'tvp', passwordHash: null });
    const other = new Database(store.file!);
    other.exec('BEGIN IMMEDIATE');
    let writeSettled = false;
    const write = store.repos.users.create({ email: 'b@x.example', name: 'B', role: 'practitioner', agency: 'tvp', passwordHash: null }).finally(() => (writeSettled = true));
    try {
      expect((await store.repos.users.byId(user.id))?.email).toBe('a@x.example');
      expect(writeSettled).toBe(false);
    } finally {
      other.exec('COMMIT');
      other.close();
    }
    expect((await store.repos.users.byId((await write).id))?.name).toBe('B');
  });

  it('hand a read to the read lane when the database is busy, and pass any other failure on', async () => {
    // A WAL reader meets SQLITE_BUSY only at rare moments (a connection recovering the log after a crash),
    // which a test cannot hold open: the connection's answers are given here instead.
    const call = { kind: 'repo' as const, repo: 'users', method: 'byId', args: ['u1'] };
    let answer: Outcome = { ok: false, error: { name: 'SqliteError', message: 'database is locked', code: 'SQLITE_BUSY' } };
    const reader = pointReader({ runBatch: () => [answer], close: () => {} });
    expect(reader.read(call)).toBeNull();
    answer = { ok: false, error: { name: 'SqliteError', message: 'database disk image is malformed', code: 'SQLITE_CORRUPT' } };
    await expect(reader.read(call)).rejects.toMatchObject({ code: 'SQLITE_CORRUPT' });
    answer = { ok: true, value: { id: 'u1' } };
    await expect(reader.read(call)).resolves.toEqual({ id: 'u1' });
    expect(reader.count()).toBe(1);
  });

  it('are read-lane methods (read-only, exercised by every test) the SQLite repositories have', () => {
    for (const [repo, methods] of Object.entries(POINT_READS)) {
      for (const method of methods) expect((READ_METHODS as Record<string, readonly string[]>)[repo], `${repo}.${method}`).toContain(method);
    }
  });
});

describe('reads of login attempts (ORDERED_READS)', () => {
  const key = 'pair:a@x.example|127.0.0.1';
  const since = '2000-01-01T00:00:00.000Z';

  it.each(['worker', 'inline'] as const)('see a failure still being recorded, and are point reads once none is (%s)', async (thread) => {
    const store = await open(thread);
    // Called before the record has settled: a point read or the read lane would not see it yet.
    const recorded = store.repos.loginAttempts.record(key, new Date().toISOString());
    const [times, count] = await Promise.all([store.repos.loginAttempts.timesSince(key, since), store.repos.loginAttempts.countSince(key, since)]);
    await recorded;
    expect(times).toHaveLength(1);
    expect(count).toBe(1);
    const cleared = store.repos.loginAttempts.clear(key);
    expect(await store.repos.loginAttempts.timesSince(key, since)).toEqual([]);
    await cleared;
    // Nothing being written: answered at once on this thread, not behind the write lane's batch.
    await store.repos.loginAttempts.record(key, new Date().toISOString());
    const { batches, pointReads } = store.stats();
    expect(await store.repos.loginAttempts.timesSince(key, since)).toHaveLength(1);
    expect(store.stats().batches).toBe(batches);
    expect(store.stats().pointReads - pointReads).toBe(1);
  });

  it('wait for a failure held up by a lock, and are answered at once when none is being written', async () => {
    const store = await open('worker');
    const other = new Database(store.file!);
    other.exec('BEGIN IMMEDIATE');
    let recordSettled = false;
    const recorded = store.repos.loginAttempts.record(key, new Date().toISOString()).finally(() => (recordSettled = true));
    let readSettled = false;
    const read = store.repos.loginAttempts.timesSince(key, since).finally(() => (readSettled = true));
    try {
      await new Promise((r) => setTimeout(r, 50));
      expect(readSettled).toBe(false);
    } finally {
      other.exec('COMMIT');
      other.close();
    }
    expect(await read).toHaveLength(1);
    expect(recordSettled).toBe(true);
    // With nothing of theirs on the write lane, a read does not wait for another repository's write held up.
    const locker = new Database(store.file!);
    locker.exec('BEGIN IMMEDIATE');
    const agency = store.repos.agencies.upsert({ slug: 'tvp', name: 'Thames Valley Police', kind: 'police' });
    try {
      expect(await store.repos.loginAttempts.timesSince(key, since)).toHaveLength(1);
    } finally {
      locker.exec('COMMIT');
      locker.close();
    }
    await agency;
  });
});
