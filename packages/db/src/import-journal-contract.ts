// The storage port's contract for imports written in slices (rule S7 in docs/storage.md), run by
// store-contract.ts against every adapter: the journal stored in one small commit, each slice stored
// with `persistBatch` on its own, and the journal removed with the import's audit record, once.
import { randomUUID } from 'node:crypto';
import { buildEntry } from '@mac/domain/testing';
import { expect, it } from 'vitest';
import type { ImportJournal, PersistWrite, Store } from './port.js';
import type { AuditInput } from './repos/audit.js';

/** `clock`: the store's clock (what it writes as a slice's progress), and a way to move it on. */
export function describeImportJournalContract(store: () => Store, seed: () => Promise<{ chronology: { id: string } }>, clock: { now: () => Date; tick: (ms: number) => void }): void {
  function journalFor(chronologyId: string, n: number): ImportJournal {
    return {
      id: `import-${randomUUID()}`,
      chronologyId,
      docName: chronologyId,
      principal: { id: 'u1', kind: 'user', role: 'lead', agency: 'northway-primary', name: 'Una' },
      details: { fileName: 'school.csv', duplicates: 2, ip: '10.0.0.9' },
      entries: Array.from({ length: n }, () => buildEntry({ id: `imported-${randomUUID()}`, agency: 'northway-primary' })),
      createdAt: new Date('2024-05-01T12:00:00.000Z').toISOString(),
      touchedAt: new Date('2024-05-01T12:00:00.000Z').toISOString(),
      writer: `writer-${randomUUID()}`,
    };
  }
  function sliceWrite(journal: ImportJournal, from: number, to: number): PersistWrite {
    return {
      docName: journal.docName,
      chronologyId: journal.chronologyId,
      update: new Uint8Array([from % 256, 7]),
      claims: [],
      actor: { id: 'u1', name: 'Una', agency: 'northway-primary' },
      meta: { via: 'import', ip: '10.0.0.9', importId: journal.id },
      changes: journal.entries.slice(from, to).map((after) => ({ entryId: after.id, kind: 'create' as const, before: null, after, fields: [] })),
    };
  }
  const record = (journal: ImportJournal): AuditInput => ({
    actorId: 'u1',
    actorLabel: 'Una',
    actorAgency: 'northway-primary',
    action: 'chronology:import',
    outcome: 'allowed',
    chronologyId: journal.chronologyId,
    entryId: null,
    details: { importId: journal.id, imported: journal.entries.length },
    ip: '10.0.0.9',
  });

  it('S7: an import in slices: its journal kept until finished, each slice stored on its own, the journal gone with its audit record, once', async () => {
    const s = store();
    const { chronology } = await seed();
    const journal = journalFor(chronology.id, 6);
    await s.beginImport(journal);
    // Stored as given: the entries with their ids (what finishing an import cut short needs).
    expect(await s.pendingImports(chronology.id)).toEqual([journal]);
    expect((await s.pendingImports()).map((j) => j.id)).toContain(journal.id);
    // The same import cannot be begun twice.
    await expect(s.beginImport(journal)).rejects.toThrow();
    const auditBefore = await s.repos.audit.count();
    // Two slices, each its own unit of work; between them the import is half stored, and says so.
    await s.persistBatch([sliceWrite(journal, 0, 3)]);
    expect((await s.repos.entries.docsOf(chronology.id)).map((r) => r.id).sort()).toEqual(journal.entries.slice(0, 3).map((e) => e.id).sort());
    expect(await s.pendingImports(chronology.id)).toHaveLength(1);
    await s.persistBatch([sliceWrite(journal, 3, 6)]);
    expect(await s.finishImport(journal.id, journal.writer, record(journal))).toBe(true);
    expect(await s.pendingImports(chronology.id)).toEqual([]);
    // Finishing again writes nothing (two finishers, or a retry after a lost answer).
    expect(await s.finishImport(journal.id, journal.writer, record(journal))).toBe(false);
    const records = await s.repos.audit.list({ chronologyId: chronology.id });
    const ofImport = records.filter((r) => r.details.importId === journal.id);
    expect(ofImport.filter((r) => r.action === 'entry.create')).toHaveLength(6);
    expect(ofImport.filter((r) => r.action === 'chronology:import')).toHaveLength(1);
    expect((await s.repos.audit.count()) - auditBefore).toBe(7);
    expect(await s.repos.audit.verify()).toMatchObject({ ok: true });
  });

  it('S7: pendingImports lists each chronology’s own, oldest first; an unknown import finishes as nothing', async () => {
    const s = store();
    const [a, b] = [await seed(), await seed()];
    const first = { ...journalFor(a.chronology.id, 1), createdAt: '2024-05-01T12:00:00.000Z' };
    const second = { ...journalFor(a.chronology.id, 2), createdAt: '2024-05-01T12:00:01.000Z', touchedAt: '2024-05-01T12:00:01.000Z' };
    const other = journalFor(b.chronology.id, 1);
    await s.beginImport(second);
    await s.beginImport(other);
    await s.beginImport(first);
    expect((await s.pendingImports(a.chronology.id)).map((j) => j.id)).toEqual([first.id, second.id]);
    expect((await s.pendingImports(b.chronology.id)).map((j) => j.id)).toEqual([other.id]);
    const auditBefore = await s.repos.audit.count();
    expect(await s.finishImport(`import-${randomUUID()}`, first.writer, record(first))).toBe(false);
    expect(await s.repos.audit.count()).toBe(auditBefore);
    for (const j of [first, second, other]) expect(await s.finishImport(j.id, j.writer, record(j))).toBe(true);
  });

  it('S7: each slice stored is the import’s progress; another writer takes over only an import whose progress stopped, and only it finishes it', async () => {
    const s = store();
    const { chronology } = await seed();
    const aMinuteAgo = new Date(clock.now().getTime() - 60_000).toISOString();
    const journal = { ...journalFor(chronology.id, 4), touchedAt: aMinuteAgo };
    const other = { ...journalFor(chronology.id, 1), touchedAt: aMinuteAgo };
    await s.beginImport(journal);
    await s.beginImport(other);
    const pending = async (j: ImportJournal) => (await s.pendingImports(chronology.id)).find((p) => p.id === j.id);
    // A slice stored is its own import's progress (the store's clock, in the slice's transaction), not another's.
    await s.persistBatch([sliceWrite(journal, 0, 2)]);
    const progressed = clock.now().toISOString();
    expect((await pending(journal))?.touchedAt).toBe(progressed);
    expect((await pending(other))?.touchedAt).toBe(aMinuteAgo);
    clock.tick(1_000);
    // Progress at or after the moment asked about: not taken over; its writer goes on.
    expect(await s.claimImport(journal.id, 'sweeper', progressed)).toBe(false);
    expect(await s.claimImport(journal.id, 'sweeper', aMinuteAgo)).toBe(false);
    expect((await pending(journal))?.writer).toBe(journal.writer);
    // Its progress stopped before the moment asked about: taken over, its progress now.
    expect(await s.claimImport(journal.id, 'sweeper', new Date(Date.parse(progressed) + 1).toISOString())).toBe(true);
    expect(await pending(journal)).toMatchObject({ writer: 'sweeper', touchedAt: clock.now().toISOString() });
    // The first writer may not finish it any more (nothing written); the one that took it over does, once.
    await s.persistBatch([sliceWrite(journal, 2, 4)]);
    const auditBefore = await s.repos.audit.count();
    expect(await s.finishImport(journal.id, journal.writer, record(journal))).toBe(false);
    expect(await s.repos.audit.count()).toBe(auditBefore);
    expect(await pending(journal)).toBeDefined();
    expect(await s.finishImport(journal.id, 'sweeper', record(journal))).toBe(true);
    expect(await s.finishImport(journal.id, 'sweeper', record(journal))).toBe(false);
    expect(await s.repos.audit.count()).toBe(auditBefore + 1);
    // Null: whatever its progress (one process owns the store, at its start); nothing to take once finished.
    expect(await s.claimImport(other.id, 'restarted', null)).toBe(true);
    expect(await s.finishImport(other.id, 'restarted', record(other))).toBe(true);
    expect(await s.claimImport(other.id, 'restarted', null)).toBe(false);
    expect(await s.repos.audit.verify()).toMatchObject({ ok: true });
  });
}

/** An earlier release's journal row, for the upgrade tests (SQLite migration 0020, PostgreSQL 0016): no progress column, no writer. */
export const EARLIER_JOURNAL = ['old-import', 'c-1', 'c-1', '{"id":"u1"}', '{"fileName":"old.csv"}', '[]', '2026-01-02T03:04:05.000Z'] as const;

/**
 * After the upgrade, the earlier release's journal (EARLIER_JOURNAL) is kept, its last progress when it
 * began and no writer, and is finished as before: taken over, then finished once (not by its old writer).
 */
export async function expectEarlierJournalFinishedOnce(store: Store): Promise<void> {
  const [id, chronologyId, , , , , createdAt] = EARLIER_JOURNAL;
  expect(await store.pendingImports()).toMatchObject([{ id, createdAt, touchedAt: createdAt, writer: '' }]);
  expect(await store.claimImport(id, 'resumer', new Date().toISOString())).toBe(true);
  const record: AuditInput = { actorId: 'u1', actorLabel: 'Una', actorAgency: 'northway-primary', action: 'chronology:import', outcome: 'allowed', chronologyId, entryId: null, details: { importId: id }, ip: null };
  expect(await store.finishImport(id, '', record)).toBe(false);
  expect(await store.finishImport(id, 'resumer', record)).toBe(true);
  expect(await store.pendingImports()).toEqual([]);
}
