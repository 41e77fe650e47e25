// A SQLite worker thread: owns one connection (the writer, or the read lane's read-only one) and runs what
// the store's client sends (store.ts).
// Messages are handled one at a time, in order; a batch is one transaction (host.ts).
import { parentPort, workerData } from 'node:worker_threads';
import { backupDatabase, type OpenOptions } from '../open.js';
import { openSqliteHost, serialiseError, type Call, type Lane } from './host.js';
import { stampReplies, tracing } from '../latency-trace.js';

const port = parentPort!;
const { open, auditKey, lane } = workerData as { open: OpenOptions | null; auditKey: Uint8Array; lane: Lane };
// MAC_LATENCY_TRACE=1 (bench:sync): each reply carries when this thread took its message and committed.
if (tracing) stampReplies(port);

let host: ReturnType<typeof openSqliteHost> | null = null;
let openError: unknown = null;
const openHost = (options: OpenOptions) => {
  try {
    host = openSqliteHost(options, { auditKey }, lane);
  } catch (err) {
    openError = err;
  }
};
// The writer opens (and migrates) at once. A reader's thread starts beside the writer's (loading the code
// is most of a thread's start-up) and opens the file its 'ready' message names, once the writer has it.
if (open !== null) openHost(open);

port.on('message', async (msg: { id: number; kind: string; payload: unknown }) => {
  const reply = (value: unknown) => port.postMessage({ id: msg.id, ok: true, value: compactBytes(value) });
  const fail = (err: unknown) => port.postMessage({ id: msg.id, ok: false, error: serialiseError(err) });
  if (host === null && openError === null && msg.kind === 'ready' && msg.payload !== null) openHost(msg.payload as OpenOptions);
  if (host === null) return fail(openError ?? new Error('the SQLite worker has no database open'));
  try {
    switch (msg.kind) {
      case 'ready':
        return reply({ file: host.db.file });
      case 'batch':
        return reply(host.runBatch(msg.payload as Call[]));
      case 'backup':
        await backupDatabase(host.db, msg.payload as string);
        return reply(null);
      case 'close':
        host.db.close();
        return reply(null);
      default:
        return fail(new Error(`unknown message: ${msg.kind}`));
    }
  } catch (err) {
    fail(err);
  }
});

/**
 * Byte arrays that are views into a larger buffer (better-sqlite3 blobs) copied to their own: posting a
 * view would copy the whole buffer behind it.
 */
function compactBytes(value: unknown, depth = 0): unknown {
  if (value instanceof Uint8Array) return value.byteLength === value.buffer.byteLength ? value : value.slice();
  if (depth > 6 || value === null || typeof value !== 'object') return value;
  if (Array.isArray(value)) {
    for (let i = 0; i < value.length; i++) value[i] = compactBytes(value[i], depth + 1);
    return value;
  }
  if (value instanceof Map) return value;
  const record = value as Record<string, unknown>;
  for (const key of Object.keys(record)) record[key] = compactBytes(record[key], depth + 1);
  return record;
}
