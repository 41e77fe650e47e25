// Stored updates merged into the document's whole state OFF the event loop (issue 17 items 3 and 5): a
// 10,000-entry document's state costs ~130 ms to apply and ~125 ms to encode, which on the main thread
// held every other room and request for that long. One worker thread (merge-worker.ts, run by
// @mac/threads' task pool), one merge at a time (compactions and loads queue: a bounded cost, never
// several documents' worth at once); the thread is let go after a while without work, and a merge that
// fails (or a thread that dies) fails alone. The thread keeps the process alive only while it merges (a
// CLI awaiting a compaction must not exit early).
//
// `Y.mergeUpdates` was measured first and refused: it took ~8 s for a 10,000-update log (it merges
// pairwise) and keeps overwritten content; a garbage-collected Y.Doc is both faster and smaller.
import { createTaskPool } from '@mac/threads';
import type { MergeTask } from './merge-worker.js';
import { latencyTracing, traceNow, traceSpan } from './latency-trace.js';

export interface StateMerger {
  /** The state of a document holding exactly these updates (applied in order), as one update. */
  merge(updates: readonly Uint8Array[]): Promise<Uint8Array>;
  /**
   * The same merge of a chronology document's rows, but when they hold an entry of an older shape the
   * state is that document converted to today's (doc-shape.ts `convertedState`, under `docName`'s
   * converting client id), and `converted` says so. Never for the analysis document (it holds no entries).
   */
  mergeConverting(updates: readonly Uint8Array[], docName: string): Promise<{ state: Uint8Array; converted: boolean }>;
  /**
   * Starts the thread and has it merge a synthetic log like a big chronology's (merge-worker.ts), so that
   * the first room load waiting for a merge finds Yjs booted and optimised there. Not counted in `merges`.
   */
  warmUp(): Promise<void>;
  /**
   * Whether its thread is running and has finished a task since it started (booted, Yjs compiled there):
   * false before the first task and once the thread was let go after `idleMs` without work. A merge asked of
   * a cold merger pays the thread's start first (about a second for a big chronology's log under load).
   */
  readonly warm: boolean;
  /** Merges asked for since creation (tests, benchmarks). */
  readonly merges: number;
  /** Documents `mergeConverting` found of an older shape and converted, in the thread (tests, benchmarks). */
  readonly conversions: number;
  close(): Promise<void>;
}

/**
 * The thread's answer, checked: a state of at least two bytes (an empty document's) and whether it was
 * converted. Anything else fails the merge. Found 7 December: a thread whose code had changed under the
 * running server (a thread starts, and loads its module from disk, at its first merge or after an idle
 * let-go, long after the event loop loaded this one) answered a bare state where this side expected this
 * pair, and this side made `new Uint8Array(undefined)` of it: an EMPTY state, stored in place of three
 * documents' logs. The store refuses such states too (docs/storage.md S8, S9); this names the fault here.
 */
export function answerOf(answer: unknown): { state: Uint8Array; converted: boolean } {
  const { state, converted } = (answer ?? {}) as { state?: unknown; converted?: unknown };
  if (!(state instanceof Uint8Array) || typeof converted !== 'boolean') throw new Error('the merge thread answered in a shape this side does not know (was its code changed under the running server?)');
  if (state.byteLength < 2) throw new Error(`the merge thread answered a state of ${state.byteLength} bytes (a document's state is at least two)`);
  return { state, converted };
}

export function createStateMerger(opts: { idleMs?: number } = {}): StateMerger {
  const pool = createTaskPool<{ updates: readonly Uint8Array[]; convertAs: string | null; startedAt?: number } | 'warm-up', { state: Uint8Array; converted: boolean } | null>({
    entry: new URL('./merge-worker.ts', import.meta.url).href,
    failure: 'could not merge the stored updates',
    // Named only: a room's first load waits for its merge.
    thread: { name: 'mac-merge' },
    closed: 'the state merger is closed',
    // Kept a few minutes: a fresh thread's Yjs is not yet optimised by V8 and merges markedly slower.
    idleMs: opts.idleMs ?? 5 * 60_000,
    // One buffer, moved: cloning 10,000 separate arrays cost the event loop far more than copying their
    // bytes once (the caller, a loading room, keeps its own arrays and applies them meanwhile). Made when
    // the merge starts, so a queued merge holds no copy.
    prepare(task): { message: MergeTask; transfer: ArrayBuffer[] } {
      if (task === 'warm-up') return { message: { warmUp: true }, transfer: [] };
      if (latencyTracing) task.startedAt = traceNow();
      const { updates, convertAs } = task;
      const ends = new Uint32Array(updates.length);
      let size = 0;
      updates.forEach((update, i) => (ends[i] = size += update.byteLength));
      const bytes = new Uint8Array(size);
      updates.forEach((update, i) => bytes.set(update, ends[i]! - update.byteLength));
      return { message: { bytes, ends, convertAs }, transfer: [bytes.buffer, ends.buffer] };
    },
  });
  let merges = 0;
  let conversions = 0;
  // The thread (numbered by the pool's starts) that last finished a task: warm while it is still the one running.
  let warmThread = 0;
  const finished = () => (warmThread = pool.stats().started);
  let warming: Promise<void> | null = null;
  const run = async (updates: readonly Uint8Array[], convertAs: string | null) => {
    merges += 1;
    const task: { updates: readonly Uint8Array[]; convertAs: string | null; startedAt?: number } = { updates, convertAs };
    const askedAt = latencyTracing ? traceNow() : 0;
    const { state, converted } = answerOf(await pool.run(task));
    finished();
    if (latencyTracing && task.startedAt !== undefined) {
      // MAC_LATENCY_TRACE=1: a merge's wait behind the others (one at a time), then its own time.
      traceSpan('merge.1 asked → the thread takes it (behind other merges)', askedAt, task.startedAt);
      traceSpan(`merge.2 the thread's merge of ${updates.length <= 32 ? '≤ 32' : '> 32'} rows (copy, apply, encode, back)`, task.startedAt);
    }
    if (converted) conversions += 1;
    // A plain Uint8Array over the moved buffer (a clone may arrive as another view type).
    return { state: new Uint8Array(state.buffer, state.byteOffset, state.byteLength), converted };
  };
  return {
    merge: async (updates) => (await run(updates, null)).state,
    mergeConverting: (updates, docName) => run(updates, docName),
    warmUp() {
      // One at a time: loads that find the thread cold all ask for it (room-load.ts).
      warming ??= pool
        .run('warm-up')
        .then(() => void finished())
        .finally(() => (warming = null));
      return warming;
    },
    get warm() {
      const { started, threads } = pool.stats();
      return threads === 1 && warmThread === started;
    },
    get merges() {
      return merges;
    },
    get conversions() {
      return conversions;
    },
    close: () => pool.close(),
  };
}
