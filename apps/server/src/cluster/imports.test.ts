// Imports on several nodes (services/import-journal.ts, services/exchange.ts): two servers, each with its
// own deps, on one PostgreSQL database and one Redis, as behind a load balancer.
//   - The same file sent to both nodes at once lands once: one import of a chronology at a time from its
//     last check to its journal holds across nodes (a lock of the store), not only within a process.
//   - An import that runs longer than the sweep's threshold, but is still storing its slices, stays its
//     node's: another node's sweep judges an import by its last progress, not by when it began.
//   - An import whose progress stopped on a node still alive (its storage stuck) is taken over and finished
//     by another node's sweep, once; its first node, storing again, can no longer finish it.
//   - An import cut short on a node that then dies is finished by another node's sweep, without any node
//     restarting (before, a node looked for imports cut short only at its start or after a failure of its own).
// On SQLite one server owns the file: there are no several nodes to test, and the file is skipped.
import { afterAll, beforeAll, describe, expect, it, vi } from 'vitest';
import type { PersistWrite } from '@mac/db';
import { DEMO, startTestServer, testDatabaseUrl, type TestServer } from '../testing.js';
import { IMPORT_SLICE } from '../services/import-journal.js';
import { csvRows, entryIdsOf } from '../import-testing.js';
import { redisInstalled, startRedis, type TestRedis } from './redis-testing.js';

const run = process.env.MAC_TEST_BACKEND === 'postgres' && redisInstalled();
const AUDIT_KEY = 'b2'.repeat(32);
/** Node B finishes imports with no progress for this long; node A's own import fails well within it. */
const CUT_SHORT_AFTER_MS = 3_000;

const rowsOf = (n: number, tag: string) => csvRows({ agency: 'thames-valley-police', n, tag, month: '06' });

let redis: TestRedis;
let a: TestServer;
let b: TestServer;
let aClosed = false;

beforeAll(async () => {
  if (!run) return;
  redis = await startRedis();
  const url = (await testDatabaseUrl())!;
  const node = (name: string, importSweep: { everyMs: number; cutShortAfterMs: number }) =>
    startTestServer({ databaseUrl: url, auditKeyHex: AUDIT_KEY, cluster: { redisUrl: redis.url, nodeId: `${name}-imports-test` } }, { importSweep });
  // Only B's sweep is in play (A's would finish its own import; A is the node that dies).
  a = await node('a', { everyMs: 3_600_000, cutShortAfterMs: 3_600_000 });
  b = await node('b', { everyMs: 250, cutShortAfterMs: CUT_SHORT_AFTER_MS });
}, 120_000);

afterAll(async () => {
  if (!run) return;
  if (!aClosed) await a?.stop();
  await b?.stop();
  await redis?.stop();
});

async function newChronology(node: TestServer) {
  const lead = await node.login(DEMO.lead);
  const created = await node.api(lead, 'POST', '/api/chronologies', { child: { givenName: 'Nodes', familyName: 'Import', dateOfBirth: '2016-03-04' }, memberAgencies: ['thames-valley-police'] });
  expect(created.status).toBe(201);
  return { lead, chronologyId: created.body.id as string };
}

const importRecords = async (node: TestServer, chronologyId: string) => node.deps.repos.audit.list({ chronologyId, action: 'chronology:import' });

describe.skipIf(!run)('imports on several nodes', () => {
  it('the same file sent to two nodes at once lands once', async () => {
    const { chronologyId } = await newChronology(a);
    const [policeA, policeB] = [await a.login(DEMO.police), await b.login(DEMO.police)];
    const csv = rowsOf(2 * IMPORT_SLICE, 'Both nodes');
    // A's journal takes a while to store (a slow commit): without a turn across nodes, B checks for
    // duplicates meanwhile, finds none, and imports the same rows again.
    const begin = a.deps.store.beginImport.bind(a.deps.store);
    a.deps.store.beginImport = async (journal) => {
      await new Promise((resolve) => setTimeout(resolve, 1_500));
      return begin(journal);
    };
    const both = await Promise.all([
      a.api(policeA, 'POST', `/api/chronologies/${chronologyId}/import`, csv, { 'content-type': 'text/csv' }),
      b.api(policeB, 'POST', `/api/chronologies/${chronologyId}/import`, csv, { 'content-type': 'text/csv' }),
    ]);
    expect(both.map((r) => r.status)).toEqual([200, 200]);
    // One of them imported every row; the other found each a duplicate of the first.
    expect(both.map((r) => r.body.imported).sort((x, y) => x - y)).toEqual([0, 2 * IMPORT_SLICE]);
    expect(both.map((r) => (r.body.duplicates as unknown[]).length).sort((x, y) => x - y)).toEqual([0, 2 * IMPORT_SLICE]);
    expect(await entryIdsOf(b, policeB, chronologyId)).toHaveLength(2 * IMPORT_SLICE);
    a.deps.store.beginImport = begin;
  });

  /** Replaces A's persistBatch for import slices by `slice` (given the slice's number from 1, and the real one) until restored. */
  function onImportSlices(slice: (n: number, store: (writes: readonly PersistWrite[]) => Promise<number[]>, writes: readonly PersistWrite[]) => Promise<number[]>): () => void {
    const original = a.deps.store.persistBatch.bind(a.deps.store);
    let n = 0;
    a.deps.store.persistBatch = (writes: readonly PersistWrite[]) => (writes.some((w) => w.meta.importId !== undefined) ? slice(++n, original, writes) : original(writes));
    return () => void (a.deps.store.persistBatch = original);
  }

  const importCreations = async (chronologyId: string, importId: string) =>
    (await b.deps.repos.audit.list({ chronologyId, action: 'entry.create', limit: 10_000 })).filter((r) => r.details.importId === importId);

  it("an import still storing its slices long after it began is not taken by another node's sweep", async () => {
    const { chronologyId } = await newChronology(a);
    const police = await a.login(DEMO.police);
    // Each slice takes a second to store (a write lane behind a heavy load): six take twice B's threshold
    // from beginning to end, while no slice is ever more than a second after the one before.
    const restore = onImportSlices(async (_n, store, writes) => {
      await new Promise((resolve) => setTimeout(resolve, 1_000));
      return store(writes);
    });
    const n = 6 * IMPORT_SLICE;
    try {
      const res = await a.api(police, 'POST', `/api/chronologies/${chronologyId}/import`, rowsOf(n, 'Long'), { 'content-type': 'text/csv' });
      expect(res.status).toBe(200);
      expect(res.body.imported).toBe(n);
      const records = await importRecords(b, chronologyId);
      expect(records).toHaveLength(1);
      // Finished by the node that began it: nothing resumed, nothing refused.
      expect(records[0]).toMatchObject({ outcome: 'allowed', details: { importId: res.body.importId, imported: n } });
      expect(records[0]!.details.resumed).toBeUndefined();
      expect(await importCreations(chronologyId, res.body.importId as string)).toHaveLength(n);
      expect(await b.deps.store.pendingImports(chronologyId)).toEqual([]);
    } finally {
      restore();
    }
  });

  it("an import whose progress stopped on a live node is finished by another node's sweep, once; its first node cannot finish it", async () => {
    const { chronologyId } = await newChronology(a);
    const police = await a.login(DEMO.police);
    // A's storage hangs on the import's second slice (one slice stored), until let go.
    let letGo!: () => void;
    const hung = new Promise<void>((resolve) => (letGo = resolve));
    const restore = onImportSlices(async (n, store, writes) => {
      if (n === 2) await hung;
      return store(writes);
    });
    const n = 4 * IMPORT_SLICE;
    try {
      const answer = a.api(police, 'POST', `/api/chronologies/${chronologyId}/import`, rowsOf(n, 'Stuck'), { 'content-type': 'text/csv' });
      await vi.waitFor(async () => expect(await b.deps.store.pendingImports(chronologyId)).toHaveLength(1), { timeout: 10_000, interval: 100 });
      const [journal] = await b.deps.store.pendingImports(chronologyId);
      // No progress for B's threshold: B takes it over and finishes it, while A still waits on its store.
      await vi.waitFor(async () => expect(await b.deps.store.pendingImports(chronologyId)).toEqual([]), { timeout: 20_000, interval: 250 });
      // A's storage comes back: its slices left are refused (the entries are there), and it may not finish the import.
      letGo();
      const res = await answer;
      expect(res.status).toBe(409);
      expect(res.body.error.code).toBe('import_taken_over');
      const policeB = await b.login(DEMO.police);
      expect((await entryIdsOf(b, policeB, chronologyId)).sort()).toEqual(journal!.entries.map((e) => e.id).sort());
      const records = await importRecords(b, chronologyId);
      expect(records).toHaveLength(1);
      expect(records[0]).toMatchObject({ outcome: 'allowed', details: { importId: journal!.id, imported: n, resumed: true } });
      expect(await importCreations(chronologyId, journal!.id)).toHaveLength(n);
      expect(await b.deps.repos.audit.verify()).toMatchObject({ ok: true });
    } finally {
      letGo();
      restore();
    }
  });

  it("an import cut short on a node that dies is finished by another node's sweep, once", async () => {
    const { chronologyId } = await newChronology(a);
    const police = await a.login(DEMO.police);
    // A's store fails on the import's second slice: one slice stored, the journal holds all four.
    const original = a.deps.store.persistBatch.bind(a.deps.store);
    let slices = 0;
    a.deps.store.persistBatch = async (writes: readonly PersistWrite[]) => {
      if (writes.some((w) => w.meta.importId !== undefined) && ++slices === 2) throw new Error('the store failed mid-import (simulated)');
      return original(writes);
    };
    const n = 4 * IMPORT_SLICE;
    const res = await a.api(police, 'POST', `/api/chronologies/${chronologyId}/import`, rowsOf(n, 'Cut short'), { 'content-type': 'text/csv' });
    expect(res.status).toBeGreaterThanOrEqual(500);
    const [journal] = await b.deps.store.pendingImports(chronologyId);
    expect(journal?.entries).toHaveLength(n);
    // A goes (its own retry with it); B started before the import and has no failure of its own.
    await a.stop();
    aClosed = true;

    const policeB = await b.login(DEMO.police);
    await vi.waitFor(async () => expect(await b.deps.store.pendingImports(chronologyId)).toEqual([]), { timeout: 20_000, interval: 250 });
    expect((await entryIdsOf(b, policeB, chronologyId)).sort()).toEqual(journal!.entries.map((e) => e.id).sort());
    const records = await importRecords(b, chronologyId);
    expect(records).toHaveLength(1);
    expect(records[0]).toMatchObject({ outcome: 'allowed', details: { importId: journal!.id, imported: n, resumed: true } });
    const creations = await b.deps.repos.audit.list({ chronologyId, action: 'entry.create', limit: 10_000 });
    expect(creations.filter((r) => r.details.importId === journal!.id)).toHaveLength(n);
    expect(await b.deps.repos.audit.verify()).toMatchObject({ ok: true });
  });
});
