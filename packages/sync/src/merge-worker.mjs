// The state merger's thread (state-merger.ts): stored updates in, the document's whole state out, as one
// update encoded from a garbage-collected Y.Doc (what was overwritten or deleted is dropped, as the live
// document drops it). Plain JavaScript: it needs nothing but Yjs, so it boots without a TypeScript loader.
import { parentPort } from 'node:worker_threads';
import * as Y from 'yjs';

parentPort.on('message', ({ id, bytes, ends }) => {
  try {
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
    parentPort.postMessage({ id, state }, [state.buffer]);
  } catch (err) {
    parentPort.postMessage({ id, error: err instanceof Error ? err.message : String(err) });
  }
});
