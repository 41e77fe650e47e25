// The storage port's contract for imports written in slices (rule S7 in docs/storage.md), run by
// store-contract.ts against every adapter: the journal stored in one small commit, each slice stored
// with `persistBatch` on its own, and the journal removed with the import's audit record, once.
import { randomUUID } from 'node:crypto';
import { buildEntry } from '@mac/domain/testing';
import { expect, it } from 'vitest';
import type { ImportJournal, PersistWrite, Store } from './port.js';
import type { AuditInput } from './repos/audit.js';

export function describeImportJournalContract(store: () => Store, seed: () => Promise<{ chronology: { id: string } }>): void {
  function journalFor(chronologyId: string, n: number): ImportJournal {
    return {
      id: `import-${randomUUID()}`,
      chronologyId,
      docName: chronologyId,
      principal: { id: 'u1', kind: 'user', role: 'lead', agency: 'northway-primary', name: 'Una' },
      details: { fileName: 'school.csv', duplicates: 2, ip: '10.0.0.9' },
      entries: Array.from({ length: n }, () => buildEntry({ id: `imported-${randomUUID()}`, agency: 'northway-primary' })),
      createdAt: new Date('2024-05-01T12:00:00.000Z').toISOString(),
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
    expect(await s.finishImport(journal.id, record(journal))).toBe(true);
    expect(await s.pendingImports(chronology.id)).toEqual([]);
    // Finishing again writes nothing (two finishers, or a retry after a lost answer).
    expect(await s.finishImport(journal.id, record(journal))).toBe(false);
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
    const second = { ...journalFor(a.chronology.id, 2), createdAt: '2024-05-01T12:00:01.000Z' };
    const other = journalFor(b.chronology.id, 1);
    await s.beginImport(second);
    await s.beginImport(other);
    await s.beginImport(first);
    expect((await s.pendingImports(a.chronology.id)).map((j) => j.id)).toEqual([first.id, second.id]);
    expect((await s.pendingImports(b.chronology.id)).map((j) => j.id)).toEqual([other.id]);
    const auditBefore = await s.repos.audit.count();
    expect(await s.finishImport(`import-${randomUUID()}`, record(first))).toBe(false);
    expect(await s.repos.audit.count()).toBe(auditBefore);
    for (const j of [first, second, other]) expect(await s.finishImport(j.id, record(j))).toBe(true);
  });
}
