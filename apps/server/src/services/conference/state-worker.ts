// The stored-state worker thread: decodes a snapshot's stored document state into its entries and version
// (shared-record.ts decodeState) for state-decoder.ts. Applying a large document's state holds a thread for
// a few hundred milliseconds; it gets bytes and gives back plain entries.
import { serveTasks } from '../../workers/serve-tasks.js';
import { decodeState } from './shared-record.js';

serveTasks((state: Uint8Array) => ({ value: decodeState(state) }));
