// Stored updates merged into the document's whole state OFF the event loop (issue 17 items 3 and 5): a
// 10,000-entry document's state costs ~130 ms to apply and ~125 ms to encode, which on the main thread
// held every other room and request for that long. One worker thread (merge-worker.mjs), one merge at a
// time (compactions and loads queue: a bounded cost, never several documents' worth at once); the thread
// is let go after a while without work, and a merge that fails (or a thread that dies) fails alone. The
// thread keeps the process alive only while it merges (a CLI awaiting a compaction must not exit early).
//
// `Y.mergeUpdates` was measured first and refused: it took ~8 s for a 10,000-update log (it merges
// pairwise) and keeps overwritten content; a garbage-collected Y.Doc is both faster and smaller.
import { Worker } from 'node:worker_threads';
import { withoutPreloads } from '@mac/db';

export interface StateMerger {
  /** The state of a document holding exactly these updates (applied in order), as one update. */
  merge(updates: readonly Uint8Array[]): Promise<Uint8Array>;
  /** Merges started since creation (tests, benchmarks). */
  readonly merges: number;
  close(): Promise<void>;
}

const ENTRY = new URL('./merge-worker.mjs', import.meta.url);

interface Job {
  id: number;
  updates: readonly Uint8Array[];
  resolve: (state: Uint8Array) => void;
  reject: (err: Error) => void;
}

export function createStateMerger(opts: { idleMs?: number } = {}): StateMerger {
  // Kept a few minutes: a fresh thread's Yjs is not yet optimised by V8 and merges markedly slower.
  const idleMs = opts.idleMs ?? 5 * 60_000;
  const queue: Job[] = [];
  let current: Job | null = null;
  let worker: Worker | null = null;
  let idleTimer: NodeJS.Timeout | null = null;
  let nextId = 1;
  let merges = 0;
  let closed = false;

  const lost = (w: Worker, err: Error) => {
    if (worker !== w) return;
    worker = null;
    const job = current;
    current = null;
    job?.reject(err);
    next();
  };

  const start = (): Worker => {
    // Without the process's preloads (a bench probe, a test polyfill): the worker needs none.
    const w = new Worker(ENTRY, { execArgv: withoutPreloads(process.execArgv) });
    w.on('message', (msg: { id: number; state?: Uint8Array; error?: string }) => {
      if (current === null || msg.id !== current.id) return;
      const job = current;
      current = null;
      if (msg.state !== undefined) job.resolve(new Uint8Array(msg.state.buffer, msg.state.byteOffset, msg.state.byteLength));
      else job.reject(new Error(`could not merge the stored updates: ${msg.error ?? 'unknown'}`));
      next();
    });
    w.on('error', (err) => lost(w, new Error(`the merge worker failed: ${err.message}`)));
    w.on('exit', (code) => lost(w, new Error(`the merge worker stopped (${code})`)));
    return w;
  };

  const next = () => {
    if (current !== null || closed) return;
    const job = queue.shift();
    if (job === undefined) {
      // An idle thread never keeps the process alive (one at work does: its caller awaits it).
      worker?.unref();
      // Let the thread (and its heap) go once nothing has come for a while.
      if (worker !== null && idleTimer === null) {
        idleTimer = setTimeout(() => {
          idleTimer = null;
          if (current === null && queue.length === 0 && worker !== null) {
            const w = worker;
            worker = null;
            void w.terminate();
          }
        }, idleMs);
        idleTimer.unref();
      }
      return;
    }
    if (idleTimer !== null) clearTimeout(idleTimer);
    idleTimer = null;
    current = job;
    merges += 1;
    worker ??= start();
    worker.ref();
    // One buffer, transferred: cloning 10,000 separate arrays cost the event loop far more than copying
    // their bytes once (the caller, a loading room, keeps its own arrays and applies them meanwhile).
    const ends = new Uint32Array(job.updates.length);
    let size = 0;
    job.updates.forEach((update, i) => (ends[i] = size += update.byteLength));
    const bytes = new Uint8Array(size);
    job.updates.forEach((update, i) => bytes.set(update, ends[i]! - update.byteLength));
    worker.postMessage({ id: job.id, bytes, ends }, [bytes.buffer, ends.buffer]);
  };

  return {
    merge(updates) {
      if (closed) return Promise.reject(new Error('the state merger is closed'));
      return new Promise<Uint8Array>((resolve, reject) => {
        queue.push({ id: nextId++, updates, resolve, reject });
        next();
      });
    },
    get merges() {
      return merges;
    },
    async close() {
      closed = true;
      if (idleTimer !== null) clearTimeout(idleTimer);
      const err = new Error('the state merger is closed');
      for (const job of queue.splice(0)) job.reject(err);
      current?.reject(err);
      current = null;
      const w = worker;
      worker = null;
      if (w !== null) await w.terminate();
    },
  };
}
