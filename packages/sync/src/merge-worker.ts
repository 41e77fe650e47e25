// The state merger's thread (state-merger.ts): stored updates in, the document's whole state out, as one
// update encoded from a garbage-collected Y.Doc (what was overwritten or deleted is dropped, as the live
// document drops it). Asked to convert (a room loading rows that may hold entries of an older shape), it
// answers instead with the document rebuilt in today's shape when it has an old entry (doc-shape.ts): the
// same bytes `convertedState` makes on the event loop, since it runs the same code on the same entries.
import { serveTasks } from '@mac/threads/serve-tasks';
import * as Y from 'yjs';
import { convertedState } from './doc-shape.js';

export type MergeTask = { bytes: Uint8Array; ends: Uint32Array; convertAs: string | null };

function merge(bytes: Uint8Array, ends: Uint32Array, convertAs: string | null): { state: Uint8Array; converted: boolean } {
  const doc = new Y.Doc({ gc: true });
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

serveTasks((task: MergeTask) => {
  const { state, converted } = merge(task.bytes, task.ends, task.convertAs);
  return { value: { state, converted }, transfer: [state.buffer as ArrayBuffer] };
});
