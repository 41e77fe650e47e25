// A SQLite worker thread: owns one connection (the writer, or the read lane's read-only one) and runs what
// the store's client sends (store.ts).
// Messages are handled one at a time, in order; a batch is one transaction (host.ts).
import { parentPort, receiveMessageOnPort, workerData } from 'node:worker_threads';
import { backupDatabase, type OpenOptions } from '../open.js';
import { stampReplies, tracing } from '../latency-trace.js';
import { openSqliteHost, serialiseError, type Call, type Lane, type Outcome } from './host.js';

const port = parentPort!;
const { open, auditKey, lane, signal } = workerData as { open: OpenOptions | null; auditKey: Uint8Array; lane: Lane; signal?: Int32Array };
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

type Message = { id: number; kind: string; payload: unknown; open?: boolean };

/**
 * How long the writer holds an open batch's commit for its follow-up (store.ts lane): the event loop is
 * inspecting the rest of the run's writes; the store sends an empty batch at the end of its turn if none
 * come, so this bound only matters if the event loop stalls.
 */
const FOLLOW_UP_MS = 100;

/** The next message on the port; after an open batch, waits for it (the store raises `signal` after each). */
function receive(wait: boolean): Message | undefined {
  const deadline = performance.now() + FOLLOW_UP_MS;
  for (;;) {
    const seen = signal === undefined ? 0 : Atomics.load(signal, 0);
    const received = receiveMessageOnPort(port);
    if (received !== undefined) return received.message as Message;
    const left = deadline - performance.now();
    if (!wait || signal === undefined || left <= 0) return undefined;
    Atomics.wait(signal, 0, seen, left);
  }
}

port.on('message', (msg: Message) => void handle(msg));

async function handle(msg: Message): Promise<void> {
  const reply = (value: unknown) => port.postMessage({ id: msg.id, ok: true, value: compactBytes(value) });
  const fail = (err: unknown) => port.postMessage({ id: msg.id, ok: false, error: serialiseError(err) });
  if (host === null && openError === null && msg.kind === 'ready' && msg.payload !== null) openHost(msg.payload as OpenOptions);
  if (host === null) return fail(openError ?? new Error('the SQLite worker has no database open'));
  try {
    switch (msg.kind) {
      case 'ready':
        return reply({ file: host.db.file });
      case 'batch':
        if (lane === 'write') return runMerged(host, msg);
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
}

/**
 * The writer: the batches already sent behind this one, and those that arrive while it is written, share
 * its transaction and commit (host.runMerged), taken from the port at once rather than each waiting for a
 * commit of its own; an open batch's follow-up is waited for. A message of another kind stops the merge
 * and is handled after, in order.
 */
function runMerged(writer: NonNullable<typeof host>, first: Message) {
  const merged: Message[] = [first];
  const after: Message[] = [];
  let outcomes: Outcome[][];
  try {
    outcomes = writer.runMerged(first.payload as Call[], () => {
      if (after.length > 0) return null;
      const msg = receive(merged.at(-1)!.open === true);
      if (msg === undefined) return null;
      if (msg.kind !== 'batch') {
        after.push(msg);
        return null;
      }
      merged.push(msg);
      return msg.payload as Call[];
    });
  } catch (err) {
    outcomes = merged.map(() => [] as Outcome[]);
    for (const msg of merged) port.postMessage({ id: msg.id, ok: false, error: serialiseError(err) });
    merged.length = 0;
  }
  // One message for all: their callers are answered in the same turn of the event loop (store.ts).
  const replies = merged.map((msg, i) => ({ id: msg.id, ok: true, value: compactBytes(outcomes[i]) }));
  try {
    port.postMessage(replies.length === 1 ? replies[0] : { replies });
  } catch {
    for (const reply of replies) {
      try {
        port.postMessage(reply);
      } catch (err) {
        port.postMessage({ id: reply.id, ok: false, error: serialiseError(err) });
      }
    }
  }
  for (const msg of after) void handle(msg);
}

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
