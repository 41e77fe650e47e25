import { describe, expect, it } from 'vitest';
import * as Y from 'yjs';
import { buildEntry } from '@mac/domain/testing';
import { getEntriesMap, readEntries, storedEntryOf, writeNewEntry } from './doc-model.js';
import { conversionClientId, convertedState, hasOldShape } from './doc-shape.js';

/** Writes an entry as the old shape did: a nested Y.Map, one item per field. */
function writeOldShape(doc: Y.Doc, entry: ReturnType<typeof buildEntry>): Y.Map<unknown> {
  const map = new Y.Map<unknown>();
  doc.transact(() => {
    getEntriesMap(doc).set(entry.id, map);
    for (const [k, v] of Object.entries(storedEntryOf(entry))) map.set(k, v);
  });
  return map;
}

describe('converting a document of the old shape', () => {
  it('keeps every entry as it reads, amendments and withdrawals included, one Yjs item each', () => {
    const old = new Y.Doc();
    const plain = buildEntry({ summary: 'Plain' });
    const amended = buildEntry({ summary: 'Before', detail: 'First account', score: 12, riskLevel: 'medium', childsVoice: 'I like school', seenAlone: 'yes' } as never);
    const withdrawn = buildEntry({ summary: 'To withdraw' });
    writeOldShape(old, plain);
    const map = writeOldShape(old, amended);
    writeOldShape(old, withdrawn).set('status', 'withdrawn');
    (getEntriesMap(old).get(withdrawn.id) as Y.Map<unknown>).set('withdrawnReason', 'Duplicate');
    map.set('summary', 'After');
    map.set('detail', 'Second account');
    const before = readEntries(old);
    expect(hasOldShape(old)).toBe(true);

    const state = convertedState(old, 'c/shared')!;
    const fresh = new Y.Doc();
    Y.applyUpdate(fresh, state);
    expect(hasOldShape(fresh)).toBe(false);
    expect(readEntries(fresh)).toEqual(before);
    expect(readEntries(fresh).find((e) => e.id === amended.id)).toMatchObject({ summary: 'After', detail: 'Second account', score: 12 });
    expect(readEntries(fresh).find((e) => e.id === withdrawn.id)).toMatchObject({ status: 'withdrawn', withdrawnReason: 'Duplicate' });
    // Built afresh: one struct per entry, nothing of the old items (a stale page's state is all unknown).
    expect([...fresh.store.clients.values()].flat()).toHaveLength(3);
    for (const client of old.store.clients.keys()) expect(fresh.store.clients.has(client)).toBe(false);
    expect(convertedState(fresh, 'c/shared')).toBeNull();
  });

  it('converts alike on every server: the same stored document gives the same bytes (several nodes loading it at once)', () => {
    const updates: Uint8Array[] = [];
    const writer = new Y.Doc();
    writer.on('update', (u: Uint8Array) => updates.push(u));
    for (let i = 0; i < 5; i++) writeOldShape(writer, buildEntry({ summary: `Entry ${i}` }));
    const load = (order: Uint8Array[]) => {
      const doc = new Y.Doc();
      for (const u of order) Y.applyUpdate(doc, u);
      return doc;
    };
    const a = convertedState(load(updates), 'chronology-1')!;
    const b = convertedState(load(updates), 'chronology-1')!;
    expect(b).toEqual(a);
    // Another document converts under another client id.
    const other = new Y.Doc();
    Y.applyUpdate(other, convertedState(load(updates), 'chronology-2')!);
    const mine = new Y.Doc();
    Y.applyUpdate(mine, a);
    expect([...other.store.clients.keys()]).not.toEqual([...mine.store.clients.keys()]);
    expect([...mine.store.clients.keys()]).toEqual([conversionClientId('chronology-1')]);
  });

  it('leaves a document of today’s shape alone', () => {
    const doc = new Y.Doc();
    writeNewEntry(doc, buildEntry());
    expect(hasOldShape(doc)).toBe(false);
    expect(convertedState(doc, 'c/shared')).toBeNull();
  });
});
