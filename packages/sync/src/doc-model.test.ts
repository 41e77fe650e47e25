import { describe, expect, it } from 'vitest';
import * as Y from 'yjs';
import { buildEntry } from '@mac/domain/testing';
import { amendEntry, getEntriesMap, LOCAL_ORIGIN, readEntries, readEntry, writeNewEntry } from './doc-model.js';

describe('doc model', () => {
  it('writes an entry as one Y.Map of plain values under its id, in one transaction with an origin', () => {
    const doc = new Y.Doc();
    const origins: unknown[] = [];
    doc.on('afterTransaction', (tr: Y.Transaction) => origins.push(tr.origin));
    const entry = buildEntry();
    writeNewEntry(doc, entry);
    expect(origins).toEqual([LOCAL_ORIGIN]);
    expect([...doc.share.keys()]).toEqual(['entries']);
    expect(getEntriesMap(doc).get(entry.id)).toBeInstanceOf(Y.Map);
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
    expect(() => amendEntry(doc, 'missing', { summary: 'x' })).toThrow(/does not exist/);
  });
});
