// The state merger's thread (state-merger.ts): stored updates in, the document's whole state out, as one
// update encoded from a garbage-collected Y.Doc (what was overwritten or deleted is dropped, as the live
// document drops it).
import { serveTasks } from '@mac/threads/serve-tasks';
import * as Y from 'yjs';

serveTasks(({ bytes, ends }: { bytes: Uint8Array; ends: Uint32Array }) => {
  const doc = new Y.Doc({ gc: true });
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
  const state = Y.encodeStateAsUpdate(doc);
  doc.destroy();
  return { value: state, transfer: [state.buffer as ArrayBuffer] };
});
