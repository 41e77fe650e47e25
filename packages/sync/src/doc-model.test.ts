import { describe, expect, it } from 'vitest';
import * as Y from 'yjs';
import { entryInputSchema, entrySchema, newEntry } from '@mac/domain';
import { buildEntry } from '@mac/domain/testing';
import {
  amendEntry,
  getEntriesMap,
  entryText,
  isEntryText,
  storedEntryOf,
  storedFieldsOf,
  LOCAL_ORIGIN,
  readEntries,
  readEntriesById,
  readEntry,
  readStoredEntry,
  touchedEntryIds,
  withdrawEntry,
  writeNewEntry,
} from './doc-model.js';

describe('doc model', () => {
  it('writes an entry as one JSON text under its id (one Yjs item), in one transaction with an origin', () => {
    const doc = new Y.Doc();
    const origins: unknown[] = [];
    doc.on('afterTransaction', (tr: Y.Transaction) => origins.push(tr.origin));
    const entry = buildEntry();
    writeNewEntry(doc, entry);
    expect(origins).toEqual([LOCAL_ORIGIN]);
    expect([...doc.share.keys()]).toEqual(['entries']);
    const stored = getEntriesMap(doc).get(entry.id);
    expect(isEntryText(stored)).toBe(true);
    expect(JSON.parse(stored as string)).toEqual(storedEntryOf(entry));
    // The one form: fields in ENTRY_FIELDS order, whatever order the entry had them in.
    expect(stored).toBe(JSON.stringify(storedEntryOf(entry)));
    expect(entryText(Object.fromEntries(Object.entries(storedEntryOf(entry)).reverse()))).toBe(stored);
    expect([...doc.store.clients.values()].flat()).toHaveLength(1);
    expect(readEntry(doc, entry.id)).toEqual(entry);
    expect(readEntries(doc)).toEqual([entry]);
    expect(readEntry(doc, 'missing')).toBeUndefined();
  });

  it('never replaces an existing entry', () => {
    const doc = new Y.Doc();
    const entry = buildEntry();
    writeNewEntry(doc, entry);
    expect(() => writeNewEntry(doc, { ...entry, summary: 'again' })).toThrow(/already exists/);
  });

  it('amends only the fields whose value differs, and says which', () => {
    const doc = new Y.Doc();
    const entry = buildEntry();
    writeNewEntry(doc, entry);
    const updates: Uint8Array[] = [];
    doc.on('update', (u: Uint8Array) => updates.push(u));
    expect(amendEntry(doc, entry.id, { summary: entry.summary, detail: 'new detail' }, 'rest')).toEqual(['detail']);
    expect(amendEntry(doc, entry.id, { summary: entry.summary })).toEqual([]);
    expect(updates).toHaveLength(1);
    expect(readEntry(doc, entry.id)).toEqual({ ...entry, detail: 'new detail' });
    // The whole value was replaced: the old one is deleted, the entry is still one live item.
    expect(getEntriesMap(doc).get(entry.id)).toBe(entryText(storedEntryOf({ ...entry, detail: 'new detail' })));
    expect(() => amendEntry(doc, 'missing', { summary: 'x' })).toThrow(/does not exist/);
  });
});

// What the browser does with the same helpers (apps/web/src/sync through @mac/sync/doc).
describe('doc model, as the browser reads and writes it', () => {
  const ctx = { id: '0b8e7a3c-5f0e-4a8e-9d7c-1e2f3a4b5c6d', agency: 'thames-valley-police', authorId: 'user-1', recordedAt: '2024-01-02T10:00:00.000Z' };
  const input = entryInputSchema.parse({ date: '05/04/2023', category: 'injury', summary: 'Bruise on arm' });

  it('writes a new entry with every field, valid for the server, and reads its sharing level as it is', () => {
    const doc = new Y.Doc();
    writeNewEntry(doc, newEntry(input, ctx));
    const entry = readEntriesById(doc).get(ctx.id)!;
    expect(entrySchema.safeParse(entry).success).toBe(true);
    // The browser's own copy of this reader showed every level but "professionals" as "family".
    expect(entry).toMatchObject({ date: '2023-04-05', status: 'active', sharing: 'undecided', restricted: false, agency: 'thames-valley-police' });
  });

  it('amends only the keys that change, and withdraws by setting status and reason', () => {
    const doc = new Y.Doc();
    writeNewEntry(doc, newEntry(input, ctx));
    expect(amendEntry(doc, ctx.id, { summary: 'Bruise on left arm', category: 'injury' })).toEqual(['summary']);
    expect(withdrawEntry(doc, ctx.id, '  Entered twice ')).toEqual(['status', 'withdrawnReason']);
    expect(readEntriesById(doc).get(ctx.id)).toMatchObject({ summary: 'Bruise on left arm', status: 'withdrawn', withdrawnReason: 'Entered twice' });
  });

  it('reports which entries a change touched', () => {
    const doc = new Y.Doc();
    writeNewEntry(doc, newEntry(input, ctx));
    const seen: string[][] = [];
    const root = getEntriesMap(doc);
    root.observeDeep((events) => seen.push([...touchedEntryIds(events, root as unknown as Y.Map<unknown>)]));
    amendEntry(doc, ctx.id, { summary: 'x' });
    writeNewEntry(doc, newEntry(input, { ...ctx, id: '1b8e7a3c-5f0e-4a8e-9d7c-1e2f3a4b5c6d' }));
    expect(seen).toEqual([[ctx.id], ['1b8e7a3c-5f0e-4a8e-9d7c-1e2f3a4b5c6d']]);
  });

  it('fills in a malformed entry rather than failing, withholding an unknown sharing level from the family', () => {
    const odd = { summary: 42, sharing: 'everyone', score: 'lots' };
    expect(readStoredEntry('x', odd)).toMatchObject({ id: 'x', summary: '', status: 'active', restricted: false, sharing: 'undecided' });
    expect(readStoredEntry('x', odd)).not.toHaveProperty('score');
    expect(readStoredEntry('x', JSON.stringify(odd))).toMatchObject({ id: 'x', summary: '', sharing: 'undecided' });
    expect(readStoredEntry('x', 'not an entry')).toBeNull();
    expect(readStoredEntry('x', '["a list"]')).toBeNull();
    expect(readStoredEntry('x', 'null')).toBeNull();
    expect(readStoredEntry('x', ['a list'])).toBeNull();
  });

  it('still reads entries of the two older shapes (a nested Y.Map, then a plain object per entry): snapshots and old logs hold them', () => {
    const doc = new Y.Doc();
    const entry = newEntry(input, ctx);
    const map = new Y.Map<unknown>();
    getEntriesMap(doc).set(entry.id, map);
    for (const [k, v] of Object.entries(storedEntryOf(entry))) map.set(k, v);
    const second = newEntry(input, { ...ctx, id: '1b8e7a3c-5f0e-4a8e-9d7c-1e2f3a4b5c6d' });
    getEntriesMap(doc).set(second.id, storedEntryOf(second));
    expect(readEntries(doc)).toEqual([entry, second]);
    expect(readEntriesById(doc).get(entry.id)).toEqual(entry);
    expect(readEntry(doc, entry.id)).toEqual(entry);
    expect(readEntry(doc, second.id)).toEqual(second);
    expect(storedFieldsOf(getEntriesMap(doc).get(second.id))).toEqual(storedEntryOf(second));
    expect(storedFieldsOf(entryText(storedEntryOf(second)))).toEqual(storedEntryOf(second));
  });
});
