// When a document's update log is compacted, and how (issue 17 item 3). Every accepted update is one row
// of the log; a room that loads replays them all, so a log that only grows makes every load slower (10,000
// rows: ~340 ms and a 125 ms stall to answer the first client, against ~155 ms from one merged row).
//
// The policy: a document is DUE once its log has grown by `afterUpdates` rows or `afterBytes` bytes since
// its last compaction (counted from the rows a room loaded and the writes it delivered since). A due
// document is compacted
//   - right after a load that replayed its log: a long log's load merges the rows anyway (to answer new
//     clients without encoding on the event loop), and that merged state is what is stored; a short or
//     small log is not merged by its load (room-load.ts: the first client must not wait for it), and is
//     merged and stored by a compaction queued at once;
//   - when its writes have paused for `quietMs` while its room stays open (a meeting that lasts all day);
//   - when its room unloads (not when the whole manager stops: the next load finds the log still due).
// Never while writes are flowing, one document at a time per process (a queue), and the merge itself runs
// in the merge worker (state-merger.ts): the event loop only reads the rows and hands the bytes on.
//
// Safe by construction, on one node or several: the merged state is made from the STORED rows read for it
// (never from a live document), and replaces exactly the rows up to the last one read
// (`Persistence.compact(docName, merged, uptoSeq)`, one transaction in each adapter, under the document's
// lock on PostgreSQL). Rows stored after the read, by this node or another, stay after the merged row; a
// crash before the commit leaves the log as it was. Only the update log changes: client-id owners,
// histories (the audit log), the projection, its entry versions and pages, snapshots are other tables.
import type { ThrottledLog } from './log.js';
import type { Persistence } from './persistence.js';
import type { StateMerger } from './state-merger.js';
import { latencyTracing, traceNow, traceSpan } from './latency-trace.js';

export interface CompactionPolicy {
  /** Rows stored since the last compaction that make a document due (default 200). */
  afterUpdates: number;
  /** Bytes stored since the last compaction that make a document due (default 1 MiB). */
  afterBytes: number;
  /** How long a loaded document's writes must pause before a due compaction runs (default 60 s). */
  quietMs: number;
}

export const DEFAULT_COMPACTION: Readonly<CompactionPolicy> = Object.freeze({ afterUpdates: 200, afterBytes: 1024 * 1024, quietMs: 60_000 });

export interface Compactor {
  /** A room loaded `rows` (their bytes): what its log holds beyond one row counts as growth. */
  loaded(docName: string, rows: readonly Uint8Array[], merged: { state: Uint8Array; uptoSeq: number } | null): void;
  /** A write of `bytes` was stored for a loaded document. */
  wrote(docName: string, bytes: number): void;
  /** The document's room unloaded: compacts it now if due, and forgets it (not while shutting down). */
  unloaded(docName: string): void;
  /** Whether a document with a loaded room is due (tests, benchmarks). */
  due(docName: string): boolean;
  /** Compacts now, whatever the policy says (the CLI); resolves with the merged row's size (0: nothing to merge). */
  compact(docName: string): Promise<{ bytes: number }>;
  /** Resolves once every compaction queued so far has finished (or failed). */
  idle(): Promise<void>;
  destroy(): Promise<void>;
}

interface Growth {
  rows: number;
  bytes: number;
  timer: NodeJS.Timeout | null;
}

export function createCompactor(deps: { persistence: Persistence; merger: StateMerger; policy: CompactionPolicy | null; log: ThrottledLog }): Compactor {
  const { persistence, merger, policy, log } = deps;
  const growth = new Map<string, Growth>();
  let chain: Promise<unknown> = Promise.resolve();
  let destroyed = false;

  const isDue = (g: Growth | undefined) => policy !== null && g !== undefined && (g.rows >= policy.afterUpdates || g.bytes >= policy.afterBytes);

  /** One at a time: each compaction waits for the one before (whatever its outcome). */
  const enqueue = <T>(work: () => Promise<T>): Promise<T> => {
    const run = chain.then(work, work);
    chain = run.catch(() => undefined);
    return run;
  };

  /** Merges the stored rows (in the worker) and stores the result in place of the rows it holds. */
  const mergeStored = async (docName: string): Promise<{ bytes: number }> => {
    if (persistence.compact === undefined || persistence.loadSequenced === undefined) throw new Error('this persistence cannot compact');
    const startAt = latencyTracing ? traceNow() : 0;
    const rows = await persistence.loadSequenced(docName);
    if (rows.length <= 1) return { bytes: rows[0]?.update.byteLength ?? 0 };
    const readAt = latencyTracing ? traceNow() : 0;
    const state = await merger.merge(rows.map((row) => row.update));
    const mergedAt = latencyTracing ? traceNow() : 0;
    await persistence.compact(docName, state, rows[rows.length - 1]!.seq);
    if (latencyTracing) {
      traceSpan('compact.1 its rows read', startAt, readAt);
      traceSpan('compact.2 merged (the merge worker)', readAt, mergedAt);
      traceSpan('compact.3 stored in place of the log', mergedAt);
    }
    return { bytes: state.byteLength };
  };

  /** A policy compaction: the growth seen until now is what it answers for (writes meanwhile count on). */
  const automatic = (docName: string, work: () => Promise<unknown>) => {
    const g = growth.get(docName);
    const seen = g === undefined ? null : { rows: g.rows, bytes: g.bytes };
    if (g !== undefined) {
      g.rows = 0;
      g.bytes = 0;
    }
    void enqueue(async () => {
      if (destroyed) return;
      try {
        await work();
      } catch (err) {
        // Nothing was replaced (one transaction): the growth is still owed, and the next chance retries.
        const now = growth.get(docName);
        if (now !== undefined && seen !== null) {
          now.rows += seen.rows;
          now.bytes += seen.bytes;
        }
        log.warn('compaction', `could not compact ${docName}`, { error: String(err) });
      }
    });
  };

  const arm = (docName: string, g: Growth) => {
    if (policy === null) return;
    if (g.timer !== null) return void g.timer.refresh();
    g.timer = setTimeout(() => {
      g.timer = null;
      if (isDue(g) && growth.get(docName) === g) automatic(docName, () => mergeStored(docName));
    }, policy.quietMs);
    g.timer.unref();
  };

  return {
    loaded(docName, rows, merged) {
      const g: Growth = { rows: Math.max(0, rows.length - 1), bytes: rows.slice(1).reduce((sum, row) => sum + row.byteLength, 0), timer: null };
      growth.set(docName, g);
      if (!isDue(g)) return;
      const store = persistence.compact;
      // The load merged the rows it read: that state replaces exactly them. Otherwise they are merged now.
      if (merged !== null && store !== undefined)
        automatic(docName, async () => {
          const startAt = latencyTracing ? traceNow() : 0;
          await store(docName, merged.state, merged.uptoSeq);
          if (latencyTracing) traceSpan('compact.3 stored in place of the log', startAt);
        });
      else if (store !== undefined) automatic(docName, () => mergeStored(docName));
      else arm(docName, g);
    },

    wrote(docName, bytes) {
      const g = growth.get(docName);
      if (g === undefined) return;
      g.rows += 1;
      g.bytes += bytes;
      arm(docName, g);
    },

    unloaded(docName) {
      const g = growth.get(docName);
      if (g === undefined) return;
      if (g.timer !== null) clearTimeout(g.timer);
      growth.delete(docName);
      if (isDue(g)) automatic(docName, () => mergeStored(docName));
    },

    due: (docName) => isDue(growth.get(docName)),

    compact(docName) {
      const g = growth.get(docName);
      if (g !== undefined) {
        g.rows = 0;
        g.bytes = 0;
      }
      return enqueue(() => mergeStored(docName));
    },

    idle: () => chain.then(() => undefined),

    async destroy() {
      // Shutting down starts nothing new: a log still due is counted again from its rows at its next
      // load, and compacted then (a stop must not wait for every open document's merge). The compaction
      // under way, if any, finishes before the store closes.
      destroyed = true;
      for (const g of growth.values()) if (g.timer !== null) clearTimeout(g.timer);
      growth.clear();
      await chain;
    },
  };
}
