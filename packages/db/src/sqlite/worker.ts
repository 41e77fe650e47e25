// The SQLite worker thread: owns the one connection and runs what the store's client sends (store.ts).
// Messages are handled one at a time, in order; a batch is one transaction (host.ts).
import { parentPort, workerData } from 'node:worker_threads';
import { backupDatabase, type OpenOptions } from '../open.js';
import { openSqliteHost, serialiseError, type Call } from './host.js';

const port = parentPort!;
const { open, auditKey } = workerData as { open: OpenOptions; auditKey: Uint8Array };

let host: ReturnType<typeof openSqliteHost> | null = null;
let openError: unknown = null;
try {
  host = openSqliteHost(open, { auditKey });
} catch (err) {
  openError = err;
}

port.on('message', async (msg: { id: number; kind: string; payload: unknown }) => {
  const reply = (value: unknown) => port.postMessage({ id: msg.id, ok: true, value: compactBytes(value) });
  const fail = (err: unknown) => port.postMessage({ id: msg.id, ok: false, error: serialiseError(err) });
  if (host === null) return fail(openError);
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
