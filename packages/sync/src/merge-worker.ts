// The state merger's thread (state-merger.ts): stored updates in, the document's whole state out, as one
// update encoded from a garbage-collected Y.Doc (what was overwritten or deleted is dropped, as the live
// document drops it). Asked to convert (a room loading rows that may hold entries of an older shape), it
// answers instead with the document rebuilt in today's shape when it has an old entry (doc-shape.ts): the
// same bytes `convertedState` makes on the event loop, since it runs the same code on the same entries.
import { serveTasks } from '@mac/threads/serve-tasks';
import * as Y from 'yjs';
import { newYDoc } from './new-doc.js';
import { entryText, getEntriesMap } from './doc-model.js';
import { convertedState } from './doc-shape.js';

export type MergeTask = { bytes: Uint8Array; ends: Uint32Array; convertAs: string | null } | { warmUp: true };

function merge(bytes: Uint8Array, ends: Uint32Array, convertAs: string | null): { state: Uint8Array; converted: boolean } {
  const doc = newYDoc();
  try {
    // The updates arrive as one buffer and where each ends (state-merger.ts).
    doc.transact(() => {
      let start = 0;
      for (const end of ends) {
        Y.applyUpdate(doc, bytes.subarray(start, end));
        start = end;
      }
    });
    // Stored updates that do not integrate fully would be lost from the merged state: refuse instead.
    if (doc.store.pendingStructs !== null || doc.store.pendingDs !== null) throw new Error('the updates have missing dependencies');
    const converted = convertAs === null ? null : convertedState(doc, convertAs);
    return { state: converted ?? Y.encodeStateAsUpdate(doc), converted: converted !== null };
  } finally {
    doc.destroy();
  }
}

/**
 * What a big chronology's first load after an import asks of this thread (2,000 entries in 40 rows,
 * merged a few times) and a conversion of the previous shape: V8 compiles and optimises Yjs's apply and
 * encode paths here, before a room waits for them. A fresh thread's first merge of such a log took 1.2-1.6 s
 * (booting, then unoptimised code), the fourth 40-60 ms.
 */
function warmUp(): void {
  const source = newYDoc();
  const rows: Uint8Array[] = [];
  source.on('update', (update: Uint8Array) => rows.push(update));
  const text = 'A realistic length of recorded text for an entry. '.repeat(12);
  for (let r = 0; r < 40; r++) {
    source.transact(() => {
      for (let i = 0; i < 50; i++) getEntriesMap(source).set(`warm-${r}-${i}`, entryText({ id: `warm-${r}-${i}`, summary: `Entry ${i}`, detail: text, restricted: false }));
    });
  }
  const ends = new Uint32Array(rows.length);
  const bytes = new Uint8Array(rows.reduce((size, row, i) => (ends[i] = size + row.byteLength), 0));
  rows.forEach((row, i) => bytes.set(row, ends[i]! - row.byteLength));
  for (let k = 0; k < 4; k++) merge(bytes, ends, null);
  const old = newYDoc();
  old.transact(() => {
    for (let i = 0; i < 200; i++) getEntriesMap(old).set(`warm-${i}`, { id: `warm-${i}`, summary: `Entry ${i}`, detail: text, restricted: false });
  });
  convertedState(old, 'warm-up');
  source.destroy();
  old.destroy();
}

serveTasks((task: MergeTask) => {
  if ('warmUp' in task) {
    warmUp();
    return { value: null };
  }
  const { state, converted } = merge(task.bytes, task.ends, task.convertAs);
  return { value: { state, converted }, transfer: [state.buffer as ArrayBuffer] };
});
