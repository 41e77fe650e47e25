import { randomUUID } from 'node:crypto';
import { describe, expect, it } from 'vitest';
import * as Y from 'yjs';
import { buildEntry } from '@mac/domain/testing';
import { amendEntry, getEntriesMap, storedFieldsOf, writeNewEntry } from './doc-model.js';
import { changedBy, holdsAll, skimUpdateV1 } from './update-format.js';

function seeded(seed: number) {
  return () => ((seed = (seed * 1103515245 + 12345) % 2 ** 31) / 2 ** 31);
}

/** Random chronology-shaped histories on a few replicas, exchanged in random order. */
function randomUpdates(seed: number): Uint8Array[] {
  const random = seeded(seed);
  const docs = [new Y.Doc(), new Y.Doc(), new Y.Doc()];
  const updates: Uint8Array[] = [];
  for (const doc of docs) doc.on('update', (u: Uint8Array) => updates.push(u));
  const ids: string[] = [];
  for (let step = 0; step < 40; step++) {
    const doc = docs[Math.floor(random() * docs.length)]!;
    const known = ids.filter((id) => getEntriesMap(doc).has(id));
    if (known.length === 0 || random() < 0.3) {
      const entry = buildEntry({ id: randomUUID() });
      ids.push(entry.id);
      writeNewEntry(doc, entry);
    } else {
      amendEntry(doc, known[Math.floor(random() * known.length)]!, { summary: `step ${step}`, detail: 'é'.repeat(Math.floor(random() * 300)) });
    }
    if (random() < 0.3) {
      const [a, b] = [docs[Math.floor(random() * 3)]!, docs[Math.floor(random() * 3)]!];
      Y.applyUpdate(b, Y.encodeStateAsUpdate(a, Y.encodeStateVector(b)));
    }
  }
  updates.push(Y.encodeStateAsUpdate(docs[0]!), Y.mergeUpdates(updates.slice(0, 10)));
  return updates;
}

describe('skimUpdateV1', () => {
  it('agrees with Y.parseUpdateMeta on random chronology updates', () => {
    for (let seed = 1; seed <= 5; seed++) {
      for (const update of randomUpdates(seed)) {
        const shape = skimUpdateV1(update);
        expect(shape.ok).toBe(true);
        if (!shape.ok) continue;
        const meta = Y.parseUpdateMeta(update);
        expect(shape.from).toEqual(meta.from);
        expect(shape.to).toEqual(meta.to);
      }
    }
  });

  it('reports the agency of every entry an update creates, with its struct id, as Yjs decodes them', () => {
    for (let seed = 1; seed <= 5; seed++) {
      for (const update of randomUpdates(seed)) {
        const shape = skimUpdateV1(update);
        if (!shape.ok) throw new Error('not ok');
        // What Yjs itself decodes: entries (one text each) with no left origin, i.e. new keys, and their agency.
        const expected = Y.decodeUpdate(update)
          .structs.filter((s): s is Y.Item => s instanceof Y.Item && s.origin === null && s.content instanceof Y.ContentAny)
          .map((item) => ({ client: item.id.client, clock: item.id.clock, value: storedFieldsOf((item.content as Y.ContentAny).arr[0])!.agency }));
        expect(shape.agencies).toEqual(expected);
      }
    }
    const doc = new Y.Doc();
    const updates: Uint8Array[] = [];
    doc.on('update', (u: Uint8Array) => updates.push(u));
    writeNewEntry(doc, buildEntry({ agency: 'northway-primary' }));
    // An amendment replaces the entry's value, with the value it replaces as its origin: not a new entry.
    amendEntry(doc, getEntriesMap(doc).keys().next().value!, { summary: 'an amendment is no new entry' });
    const [created, amended] = updates.map((u) => skimUpdateV1(u));
    expect(created!.ok && created!.agencies.map((a) => a.value)).toEqual(['northway-primary']);
    expect(amended!.ok && amended!.agencies).toEqual([]);
  });

  it('refuses trailing bytes and V2 encoding as malformed, and truncation one way or another', () => {
    const doc = new Y.Doc();
    writeNewEntry(doc, buildEntry());
    const update = Y.encodeStateAsUpdate(doc);
    expect(skimUpdateV1(new Uint8Array([...update, 0]))).toMatchObject({ ok: false, problem: 'malformed' });
    for (let cut = 1; cut < update.length; cut++) expect(skimUpdateV1(update.slice(0, update.length - cut)).ok).toBe(false);
    expect(skimUpdateV1(Y.encodeStateAsUpdateV2(doc))).toMatchObject({ ok: false, problem: 'malformed' });
  });

  it('refuses content a chronology document cannot hold, before Yjs decodes it', () => {
    const cases: Array<(doc: Y.Doc) => void> = [
      (doc) => doc.getText('entries').insert(0, 'text'),
      (doc) => doc.getArray('entries').insert(0, [new Uint8Array([1, 2])]),
      (doc) => doc.getMap('entries').set('x', 42),
      (doc) => doc.getMap('entries').set('x', { nested: { deeper: 'x' } }),
      (doc) => doc.getMap('entries').set('x', { summary: 7 }),
      (doc) => doc.getMap('entries').set('x', { summary: null }),
      (doc) => doc.getMap('entries').set('x', { summary: ['a'] }),
      (doc) => doc.getMap('entries').set('x', new Y.Array()),
      (doc) => doc.getMap('entries').set('x', new Y.Doc()),
    ];
    for (const write of cases) {
      const doc = new Y.Doc();
      write(doc);
      expect(skimUpdateV1(Y.encodeStateAsUpdate(doc))).toMatchObject({ ok: false, problem: 'content' });
    }
  });

  it('tells a client of an older document shape (a nested map, or a plain object, per entry) apart: outdated, not hostile', () => {
    const doc = new Y.Doc();
    const map = new Y.Map<unknown>();
    getEntriesMap(doc).set('x', map);
    map.set('summary', 'old shape');
    expect(skimUpdateV1(Y.encodeStateAsUpdate(doc))).toMatchObject({ ok: false, problem: 'outdated', reason: expect.stringMatching(/reload/) });
    const previous = new Y.Doc();
    getEntriesMap(previous).set('x', { summary: 'one value', restricted: false });
    expect(skimUpdateV1(Y.encodeStateAsUpdate(previous))).toMatchObject({ ok: false, problem: 'outdated', reason: expect.stringMatching(/reload/) });
    // Today's shape: one JSON text (its strictness is the inspector's: update-inspector.test.ts).
    const ok = new Y.Doc();
    getEntriesMap(ok).set('x', JSON.stringify({ summary: 'one value', restricted: false }));
    expect(skimUpdateV1(Y.encodeStateAsUpdate(ok))).toMatchObject({ ok: true });
  });
});

describe('holdsAll', () => {
  it('is true for what a doc already has, including the client’s whole delete set', () => {
    const server = new Y.Doc();
    const entry = buildEntry();
    writeNewEntry(server, entry);
    amendEntry(server, entry.id, { summary: 'changed' });
    const client = new Y.Doc();
    Y.applyUpdate(client, Y.encodeStateAsUpdate(server));
    const step2 = Y.encodeStateAsUpdate(client, Y.encodeStateVector(server));
    const shape = skimUpdateV1(step2);
    expect(shape.ok && holdsAll(server, shape)).toBe(true);
  });

  it('is false for a new struct or a new deletion', () => {
    const server = new Y.Doc();
    const entry = buildEntry();
    writeNewEntry(server, entry);
    const client = new Y.Doc();
    Y.applyUpdate(client, Y.encodeStateAsUpdate(server));
    const before = Y.encodeStateVector(client);
    amendEntry(client, entry.id, { summary: 'changed' });
    const amended = skimUpdateV1(Y.encodeStateAsUpdate(client, before));
    expect(amended.ok && holdsAll(server, amended)).toBe(false);
    const deleter = new Y.Doc();
    Y.applyUpdate(deleter, Y.encodeStateAsUpdate(server));
    const sv = Y.encodeStateVector(deleter);
    getEntriesMap(deleter).delete(entry.id);
    const deletion = skimUpdateV1(Y.encodeStateAsUpdate(deleter, sv));
    expect(deletion.ok && holdsAll(server, deletion)).toBe(false);
  });
});

describe('changedBy', () => {
  const seen = (doc: Y.Doc, change: () => void) => {
    let changed: boolean | null = null;
    const listen = (tr: Y.Transaction) => (changed = changedBy(tr));
    doc.on('afterTransaction', listen);
    doc.transact(change);
    doc.off('afterTransaction', listen);
    return changed;
  };

  it('tells a transaction that inserts or deletes from one that changes nothing, as Yjs decides whether to emit an update', () => {
    const doc = new Y.Doc();
    const map = doc.getMap('m');
    expect(seen(doc, () => {})).toBe(false);
    expect(seen(doc, () => map.set('a', 1))).toBe(true);
    expect(seen(doc, () => map.get('a'))).toBe(false);
    expect(seen(doc, () => map.delete('a'))).toBe(true);
    // An update the document already holds: applied, nothing new.
    const other = new Y.Doc();
    Y.applyUpdate(other, Y.encodeStateAsUpdate(doc));
    expect(seen(other, () => Y.applyUpdate(other, Y.encodeStateAsUpdate(doc)))).toBe(false);
  });
});
