// Imports stored in slices (issue 17: an import must not hold the write lane for its whole length), and
// what users rely on kept through it (services/import-journal.ts, docs/storage.md S7): each slice its own
// unit of work; an import cut short between slices (the store failing, the process stopped) finished at
// the next start exactly once; bad input, or rows the importer may not import, write nothing at all.
// The `server-pg` project runs it on PostgreSQL.
import { afterEach, describe, expect, it } from 'vitest';
import type { PersistWrite } from '@mac/db';
import { DEMO, startTestServer, type TestServer } from './testing.js';
import { IMPORT_SLICE, resumeImports } from './services/import-journal.js';
import { csvRows, entryIdsOf } from './import-testing.js';

const rowsOf = (agency: string, n: number, tag: string) => csvRows({ agency, n, tag, month: '05' });

const servers: TestServer[] = [];
afterEach(async () => {
  for (const s of servers.splice(0)) await s.stop();
});

async function setUp(s: TestServer) {
  const lead = await s.login(DEMO.lead);
  const police = await s.login(DEMO.police);
  const created = await s.api(lead, 'POST', '/api/chronologies', { child: { givenName: 'Slice', familyName: 'Import', dateOfBirth: '2017-01-02' }, memberAgencies: ['thames-valley-police', 'oxford-health-hv'] });
  expect(created.status).toBe(201);
  return { lead, police, chronologyId: created.body.id as string };
}

/** Records each persistBatch of entries an import wrote, and fails the one holding slice `failAt` (1-based). */
function watchImportBatches(s: TestServer, opts: { failAt?: number } = {}) {
  const store = s.deps.store;
  const original = store.persistBatch.bind(store);
  const sizes: number[] = [];
  store.persistBatch = async (writes: readonly PersistWrite[]) => {
    const imported = writes.filter((w) => w.meta.importId !== undefined).reduce((n, w) => n + w.changes.length, 0);
    if (imported > 0) {
      sizes.push(imported);
      if (sizes.length === opts.failAt) throw new Error('the store failed mid-import (simulated)');
    }
    return original(writes);
  };
  return { sizes, restore: () => (store.persistBatch = original) };
}

const importsOf = async (s: TestServer, lead: string, chronologyId: string) =>
  (await s.api(lead, 'GET', `/api/chronologies/${chronologyId}/audit?action=chronology:import`)).body.records as Array<{ outcome: string; details: Record<string, unknown> }>;

describe('imports stored in slices', () => {
  it(`stores an import ${IMPORT_SLICE} entries per unit of work, then records it once`, async () => {
    const s = await startTestServer();
    servers.push(s);
    const { lead, police, chronologyId } = await setUp(s);
    const watch = watchImportBatches(s);
    const res = await s.api(police, 'POST', `/api/chronologies/${chronologyId}/import`, rowsOf('thames-valley-police', 3 * IMPORT_SLICE + 7, 'Sliced'), { 'content-type': 'text/csv' });
    expect(res.status).toBe(200);
    expect(watch.sizes).toEqual([IMPORT_SLICE, IMPORT_SLICE, IMPORT_SLICE, 7]);
    expect((await entryIdsOf(s, police, chronologyId)).sort()).toEqual([...res.body.entryIds].sort());
    const records = await importsOf(s, lead, chronologyId);
    expect(records).toHaveLength(1);
    expect(records[0]!.details).toMatchObject({ importId: res.body.importId, imported: 3 * IMPORT_SLICE + 7 });
    expect(await s.deps.store.pendingImports()).toEqual([]);
  });

  it('an import cut short between slices is finished at the next start, exactly once, and the audit chain verifies', async () => {
    const first = await startTestServer();
    const { lead, police, chronologyId } = await setUp(first);
    const watch = watchImportBatches(first, { failAt: 3 });
    const n = 4 * IMPORT_SLICE;
    const res = await first.api(police, 'POST', `/api/chronologies/${chronologyId}/import`, rowsOf('thames-valley-police', n, 'Cut short'), { 'content-type': 'text/csv' });
    expect(res.status).toBeGreaterThanOrEqual(500);
    watch.restore();
    // Half stored, and known to be: the journal holds the whole import.
    const [journal] = await first.deps.store.pendingImports(chronologyId);
    expect(journal?.entries).toHaveLength(n);
    expect((await entryIdsOf(first, police, chronologyId)).sort()).toEqual(journal!.entries.slice(0, 2 * IMPORT_SLICE).map((e) => e.id).sort());
    expect(await importsOf(first, lead, chronologyId)).toEqual([]);

    // The process stops (its data kept), and starts again on the same data.
    await first.close();
    const second = await startTestServer({ databaseUrl: first.deps.config.databaseUrl }, { dataDir: first.dataDir });
    servers.push(second);
    const [lead2, police2] = [await second.login(DEMO.lead), await second.login(DEMO.police)];
    const ids = await entryIdsOf(second, police2, chronologyId);
    expect(ids).toHaveLength(n);
    expect(ids.sort()).toEqual(journal!.entries.map((e) => e.id).sort());
    const records = await importsOf(second, lead2, chronologyId);
    expect(records).toHaveLength(1);
    // The lead's view of the audit says it was finished late.
    expect(records[0]).toMatchObject({ outcome: 'allowed', details: { importId: journal!.id, imported: n, resumed: true } });
    // Stored as finished late.
    const [stored] = await second.deps.repos.audit.list({ chronologyId, action: 'chronology:import' });
    expect(stored).toMatchObject({ actorId: journal!.principal && (journal!.principal as { id: string }).id, details: { importId: journal!.id, resumed: true, fileName: null } });
    expect(await second.deps.store.pendingImports()).toEqual([]);
    // One creation record per entry, none twice.
    const creations = await second.deps.repos.audit.list({ chronologyId, action: 'entry.create', limit: 10_000 });
    expect(creations.filter((r) => r.details.importId === journal!.id)).toHaveLength(n);
    expect(await second.deps.repos.audit.verify()).toMatchObject({ ok: true });
    // Finishing again finds nothing to do.
    expect(await resumeImports(second.deps, () => {})).toBe(0);
    expect(await entryIdsOf(second, police2, chronologyId)).toHaveLength(n);
  });

  it('while the server runs on, the import is finished from its journal once the store takes writes again', async () => {
    const s = await startTestServer();
    servers.push(s);
    const { lead, police, chronologyId } = await setUp(s);
    const watch = watchImportBatches(s, { failAt: 2 });
    const res = await s.api(police, 'POST', `/api/chronologies/${chronologyId}/import`, rowsOf('thames-valley-police', 3 * IMPORT_SLICE, 'Retried'), { 'content-type': 'text/csv' });
    expect(res.status).toBeGreaterThanOrEqual(500);
    watch.restore();
    // Imported again by hand meanwhile: the rows of the import cut short count as duplicates.
    const again = await s.api(police, 'POST', `/api/chronologies/${chronologyId}/import`, rowsOf('thames-valley-police', 3 * IMPORT_SLICE, 'Retried'), { 'content-type': 'text/csv' });
    expect(again.status).toBe(200);
    expect(again.body.imported).toBe(0);
    expect(again.body.duplicates).toHaveLength(3 * IMPORT_SLICE);
    expect(await resumeImports(s.deps, () => {})).toBe(1);
    expect(await entryIdsOf(s, police, chronologyId)).toHaveLength(3 * IMPORT_SLICE);
    expect((await importsOf(s, lead, chronologyId)).filter((r) => r.outcome === 'allowed')).toHaveLength(2);
  });

  it('the same file imported twice at once lands once', async () => {
    const s = await startTestServer();
    servers.push(s);
    const { police, chronologyId } = await setUp(s);
    const csv = rowsOf('thames-valley-police', 2 * IMPORT_SLICE, 'Twice');
    const both = await Promise.all([1, 2].map(() => s.api(police, 'POST', `/api/chronologies/${chronologyId}/import`, csv, { 'content-type': 'text/csv' })));
    expect(both.map((r) => r.status)).toEqual([200, 200]);
    expect(both.map((r) => r.body.imported).sort()).toEqual([0, 2 * IMPORT_SLICE]);
    expect(await entryIdsOf(s, police, chronologyId)).toHaveLength(2 * IMPORT_SLICE);
  });

  it("bad input, or another agency's rows from a non-lead, write nothing: no entry, no journal", async () => {
    const s = await startTestServer();
    servers.push(s);
    const { police, chronologyId } = await setUp(s);
    const watch = watchImportBatches(s);
    const bad = `${rowsOf('thames-valley-police', 2 * IMPORT_SLICE, 'Bad')}\n2023-13-01,,thames-valley-police,other,Impossible month,,,,,`;
    expect((await s.api(police, 'POST', `/api/chronologies/${chronologyId}/import`, bad, { 'content-type': 'text/csv' })).status).toBe(422);
    const foreign = `${rowsOf('thames-valley-police', IMPORT_SLICE, 'Mine')}\n2023-06-01,,oxford-health-hv,other,Not mine,,,,,`;
    expect((await s.api(police, 'POST', `/api/chronologies/${chronologyId}/import`, foreign, { 'content-type': 'text/csv' })).status).toBe(422);
    expect(watch.sizes).toEqual([]);
    expect(await entryIdsOf(s, police, chronologyId)).toEqual([]);
    expect(await s.deps.store.pendingImports()).toEqual([]);
  });
});
