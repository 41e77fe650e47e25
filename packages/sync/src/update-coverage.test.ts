// Rule S9's reading of a state against the rows it would replace (@mac/db update-coverage.ts), on real
// Yjs documents: the check the stores make before a compaction deletes anything.
import { coverageOf, stateDoesNotHold } from '@mac/db';
import { v1Update } from '@mac/db/testing';
import { describe, expect, it } from 'vitest';
import * as Y from 'yjs';
import { entryText, getEntriesMap } from './doc-model.js';

/** A document written row by row as rooms store it: entries created, some amended, from two clients. */
function writtenLog(entries: number): { rows: Uint8Array[]; doc: Y.Doc } {
  const doc = new Y.Doc({ gc: true });
  const other = new Y.Doc({ gc: true });
  const rows: Uint8Array[] = [];
  doc.on('update', (update: Uint8Array) => rows.push(update));
  for (let i = 0; i < entries; i++) {
    const writer = i % 3 === 0 ? other : doc;
    getEntriesMap(writer).set(`e-${i}`, entryText({ id: `e-${i}`, summary: `Entry ${i} ✓ 𝄞`, restricted: false }));
    if (writer === other) Y.applyUpdate(doc, Y.encodeStateAsUpdate(other, Y.encodeStateVector(doc)));
    if (i % 5 === 0) getEntriesMap(doc).set(`e-${i}`, entryText({ id: `e-${i}`, summary: `Entry ${i} amended`, restricted: false }));
  }
  // An analysis-like text too: strings count in UTF-16 units.
  doc.getText('t').insert(0, 'héllo 𝄞 wörld');
  doc.getText('t').delete(2, 3);
  return { rows, doc };
}

function mergedOf(rows: readonly Uint8Array[]): Uint8Array {
  const doc = new Y.Doc({ gc: true });
  doc.transact(() => rows.forEach((row) => Y.applyUpdate(doc, row)));
  return Y.encodeStateAsUpdate(doc);
}

describe('S9: does a state hold the rows it would replace', () => {
  it('the merge of the rows holds them; so does a merge of a compacted row and the rows after it', () => {
    const { rows, doc } = writtenLog(300);
    expect(stateDoesNotHold(mergedOf(rows), rows)).toBeNull();
    expect(stateDoesNotHold(Y.encodeStateAsUpdate(doc), rows)).toBeNull();
    const compacted = [mergedOf(rows.slice(0, 200)), ...rows.slice(200)];
    expect(stateDoesNotHold(mergedOf(compacted), compacted)).toBeNull();
    // The clocks read without Yjs are the ones Yjs reports.
    const cover = coverageOf(mergedOf(rows));
    expect([...cover.to].sort()).toEqual([...Y.decodeStateVector(Y.encodeStateVector(doc))].sort());
  });

  it('refuses a truncated state (the first half of the rows), an empty document, an empty array, another document, and bytes that are no update', () => {
    const { rows } = writtenLog(300);
    expect(stateDoesNotHold(mergedOf(rows.slice(0, rows.length / 2)), rows)).toMatch(/the rows reach clock \d+ of client \d+, the state \d+/);
    expect(stateDoesNotHold(Y.encodeStateAsUpdate(new Y.Doc()), rows)).toMatch(/the state 0/);
    expect(stateDoesNotHold(new Uint8Array(0), rows)).toMatch(/empty/);
    expect(stateDoesNotHold(mergedOf(writtenLog(10).rows), rows)).not.toBeNull();
    expect(stateDoesNotHold(mergedOf(rows).subarray(0, 1000), rows)).toMatch(/not a Yjs update/);
    expect(stateDoesNotHold(new Uint8Array([...mergedOf(rows), 0]), rows)).toMatch(/bytes follow/);
  });

  it('refuses a state that has every struct but not every deletion of the rows', () => {
    const doc = new Y.Doc({ gc: false });
    const rows: Uint8Array[] = [];
    doc.on('update', (update: Uint8Array) => rows.push(update));
    getEntriesMap(doc).set('a', 'one');
    getEntriesMap(doc).set('b', 'two');
    getEntriesMap(doc).delete('a');
    // The same structs, none deleted: what a merge that lost the last row's deletion would hold.
    const undeleted = new Y.Doc({ gc: false });
    Y.applyUpdate(undeleted, rows[0]!);
    Y.applyUpdate(undeleted, rows[1]!);
    expect(stateDoesNotHold(mergedOf(rows), rows)).toBeNull();
    expect(stateDoesNotHold(Y.encodeStateAsUpdate(undeleted), rows)).toMatch(/does not delete everything/);
  });

  it('a concurrent write of one key: the merged state deletes the losing value, which no row deletes (held)', () => {
    const a = new Y.Doc();
    const b = new Y.Doc();
    const rows: Uint8Array[] = [];
    getEntriesMap(a).set('x', 'from a');
    getEntriesMap(b).set('x', 'from b');
    rows.push(Y.encodeStateAsUpdate(a), Y.encodeStateAsUpdate(b));
    expect(stateDoesNotHold(mergedOf(rows), rows)).toBeNull();
  });

  it("the stores' hand-built updates (@mac/db/testing v1Update) are the updates Yjs reads", () => {
    const rows = [0, 1, 2].map((clock) => v1Update([{ client: 7, clock, key: `k${clock}` }]));
    const doc = new Y.Doc();
    rows.forEach((row) => Y.applyUpdate(doc, row));
    expect(getEntriesMap(doc).get('k2')).toBe('value of k2');
    expect(Y.encodeStateAsUpdate(doc)).toEqual(v1Update([0, 1, 2].map((clock) => ({ client: 7, clock, key: `k${clock}` }))));
    expect(stateDoesNotHold(v1Update([0, 1, 2].map((clock) => ({ client: 7, clock, key: `k${clock}` }))), rows)).toBeNull();
    expect(stateDoesNotHold(v1Update([0, 1].map((clock) => ({ client: 7, clock, key: `k${clock}` }))), rows)).not.toBeNull();
  });
});
