import { describe, expect, it } from 'vitest';
import * as Y from 'yjs';
import { buildEntry } from '@mac/domain/testing';
import { entryText, getEntriesMap, readEntries, storedEntryOf, storedFieldsOf, writeNewEntry } from './doc-model.js';
import { conversionClientId, convertedState, hasOldShape } from './doc-shape.js';
import { parseEntryText } from './entry-items.js';

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

  it('converts a document of the previous shape (a plain object per entry) to one text per entry, every field as stored', () => {
    const old = new Y.Doc();
    const plain = buildEntry({ summary: 'Plain, with “quotes”, a \\ and a\nnew line', detail: 'Émile 👶 \u0001' });
    const screened = buildEntry({ summary: 'Screened', score: 12, riskLevel: 'medium', childsVoice: 'I like school', seenAlone: 'yes', personIds: ['p-1', 'p-2'] } as never);
    const withdrawn = buildEntry({ summary: 'To withdraw', restricted: true });
    old.transact(() => {
      for (const entry of [plain, screened, withdrawn]) getEntriesMap(old).set(entry.id, storedEntryOf(entry));
    });
    // Amended and withdrawn as the previous code did: a whole new object each time.
    getEntriesMap(old).set(withdrawn.id, { ...storedEntryOf(withdrawn), status: 'withdrawn', withdrawnReason: 'Duplicate' });
    // Fields written in another order by some client, and an older entry lacking the optional fields.
    const reordered = buildEntry({ summary: 'Reordered' });
    getEntriesMap(old).set(reordered.id, Object.fromEntries(Object.entries(storedEntryOf(reordered)).reverse()));
    const before = new Map([...getEntriesMap(old).entries()].map(([id, value]) => [id, storedFieldsOf(value)]));
    expect(hasOldShape(old)).toBe(true);

    const fresh = new Y.Doc();
    Y.applyUpdate(fresh, convertedState(old, 'c/shared')!);
    expect(hasOldShape(fresh)).toBe(false);
    expect(readEntries(fresh).sort((a, b) => a.id.localeCompare(b.id))).toEqual(readEntries(old).sort((a, b) => a.id.localeCompare(b.id)));
    for (const [id, value] of getEntriesMap(fresh).entries()) {
      // Every field exactly as stored (not as read), and in the one form the server accepts.
      expect(typeof value).toBe('string');
      expect(storedFieldsOf(value)).toEqual(before.get(id));
      expect(parseEntryText(value as string)).toMatchObject({ ok: true });
    }
    expect(readEntries(fresh).find((e) => e.id === withdrawn.id)).toMatchObject({ status: 'withdrawn', withdrawnReason: 'Duplicate', restricted: true });
    expect([...fresh.store.clients.values()].flat()).toHaveLength(4);
    expect([...fresh.store.clients.keys()]).toEqual([conversionClientId('c/shared')]);
  });

  it('keeps what no entry should hold rather than dropping it: unknown fields, a "__proto__" key, a text already converted', () => {
    const old = new Y.Doc();
    const entry = buildEntry();
    const odd = JSON.parse(JSON.stringify({ ...storedEntryOf(entry), colour: 'red' }).replace('"colour"', '"__proto__":"kept","colour"')) as Record<string, unknown>;
    const text = buildEntry();
    old.transact(() => {
      getEntriesMap(old).set(entry.id, odd);
      getEntriesMap(old).set(text.id, entryText(storedEntryOf(text)));
    });
    const fresh = new Y.Doc();
    Y.applyUpdate(fresh, convertedState(old, 'c/shared')!);
    const fields = storedFieldsOf(getEntriesMap(fresh).get(entry.id))!;
    expect(Object.hasOwn(fields, '__proto__')).toBe(true);
    expect(fields.colour).toBe('red');
    expect(Object.keys(fields)).toHaveLength(Object.keys(storedEntryOf(entry)).length + 2);
    expect(getEntriesMap(fresh).get(text.id)).toBe(entryText(storedEntryOf(text)));
  });

  it('converts the previous shape alike on every server, whatever order the log was applied in', () => {
    const a = new Y.Doc();
    const b = new Y.Doc();
    const updates: Uint8Array[] = [];
    a.on('update', (u: Uint8Array) => updates.push(u));
    for (let i = 0; i < 6; i++) getEntriesMap(a).set(`id-${i}`, storedEntryOf(buildEntry({ summary: `Entry ${i}` })));
    for (const u of [...updates].reverse()) Y.applyUpdate(b, u);
    expect(convertedState(b, 'chronology-1')).toEqual(convertedState(a, 'chronology-1'));
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
