import { describe, expect, it } from 'vitest';
import * as Y from 'yjs';
import { entryInputSchema, entrySchema } from '@mac/domain';
import { entriesMap, readAll, readEntry, touchedIds, writeChanges, writeNewEntry, writeWithdrawal } from './entries.js';

const ctx = { id: '0b8e7a3c-5f0e-4a8e-9d7c-1e2f3a4b5c6d', agency: 'thames-valley-police', authorId: 'user-1', recordedAt: '2024-01-02T10:00:00.000Z' };
const input = entryInputSchema.parse({ date: '05/04/2023', category: 'injury', summary: 'Bruise on arm' });

describe('entries in the Yjs document', () => {
  it('writes a new entry with every field, valid for the server', () => {
    const doc = new Y.Doc();
    writeNewEntry(doc, input, ctx);
    const entry = readAll(doc).get(ctx.id)!;
    expect(entrySchema.safeParse(entry).success).toBe(true);
    expect(entry).toMatchObject({ date: '2023-04-05', status: 'active', sharing: 'family', restricted: false, agency: 'thames-valley-police' });
  });

  it('amends only the keys that change, and withdraws by setting status and reason', () => {
    const doc = new Y.Doc();
    writeNewEntry(doc, input, ctx);
    expect(writeChanges(doc, ctx.id, { summary: 'Bruise on left arm', category: 'injury' })).toEqual(['summary']);
    writeWithdrawal(doc, ctx.id, '  Entered twice ');
    expect(readAll(doc).get(ctx.id)).toMatchObject({ summary: 'Bruise on left arm', status: 'withdrawn', withdrawnReason: 'Entered twice' });
  });

  it('reports which entries a change touched', () => {
    const doc = new Y.Doc();
    writeNewEntry(doc, input, ctx);
    const seen: string[][] = [];
    const root = entriesMap(doc);
    root.observeDeep((events) => seen.push([...touchedIds(events, root as unknown as Y.Map<unknown>)]));
    writeChanges(doc, ctx.id, { summary: 'x' });
    writeNewEntry(doc, input, { ...ctx, id: '1b8e7a3c-5f0e-4a8e-9d7c-1e2f3a4b5c6d' });
    expect(seen).toEqual([[ctx.id], ['1b8e7a3c-5f0e-4a8e-9d7c-1e2f3a4b5c6d']]);
  });

  it('fills in a malformed entry rather than failing', () => {
    const doc = new Y.Doc();
    const map = new Y.Map<unknown>();
    entriesMap(doc).set('x', map as never);
    map.set('summary', 42);
    expect(readEntry('x', map)).toMatchObject({ id: 'x', summary: '', status: 'active', restricted: false });
    expect(readEntry('x', 'not a map')).toBeNull();
  });
});
