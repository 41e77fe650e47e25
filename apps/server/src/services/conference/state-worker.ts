// The stored-state worker thread: decodes a snapshot's stored document state into its entries and version
// (shared-record.ts decodeState) for state-decoder.ts. Applying a large document's state holds a thread for
// a few hundred milliseconds; it gets bytes and gives back plain entries. It also builds a large pack's
// model (pack-model.ts, pure: plain entries and highlights in, plain rows out), 100-200 ms of the event loop
// for a chronology of 2,000 entries under the county bench, and reads a large document from its stored rows
// for a pack (shared-record.ts readSharedRecord).
import { serveTasks } from '@mac/threads/serve-tasks';
import { buildPackModel } from './pack-model.js';
import { decodeState, sharedRecordOf } from './shared-record.js';
import type { StateTask } from './state-decoder.js';

serveTasks((task: StateTask) => {
  if ('decode' in task) return { value: decodeState(task.decode) };
  if ('rows' in task) {
    const record = sharedRecordOf(task.rows);
    // The state is moved back, not copied (encodeStateAsUpdate gives it a buffer of its own).
    return { value: record, transfer: [record.state.buffer as ArrayBuffer] };
  }
  return { value: buildPackModel(task.packModel) };
});
