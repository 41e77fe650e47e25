// A room's document from its stored rows (issue 17 items 3 and 5). A log of many rows is applied a few
// milliseconds at a time, giving the event loop back in between (one transaction of 10,000 rows held it
// ~130 ms), while the merge worker makes the same rows into one update: the whole state, which answers a
// new client's sync request without encoding it on the event loop (~125 ms for 10,000 entries) and, when
// the log is due (compaction.ts), is stored in place of the rows. One stored row (a compacted log) is
// already that update: it is applied at once and answers as it is.
import { setImmediate as nextTurn } from 'node:timers/promises';
import * as Y from 'yjs';
import type { ParsedDocName } from './doc-names.js';
import { newDocFor } from './room.js';
import type { StateMerger } from './state-merger.js';
import { latencyTracing, traceNow, traceSpan } from './latency-trace.js';

/** Longest stretch of applying stored rows before the event loop is given back. */
export const LOAD_TURN_MS = 10;

export interface LoadedState {
  live: Y.Doc;
  /** The whole state as one update (the stored row itself, or the merge of the rows); null when it could not be made. */
  merged: Uint8Array | null;
}

export async function loadLive(parsed: ParsedDocName, updates: readonly Uint8Array[], merger: StateMerger | null, log: (err: unknown) => void): Promise<LoadedState> {
  const live = newDocFor(parsed);
  const startAt = latencyTracing ? traceNow() : 0;
  if (updates.length <= 1) {
    if (updates.length === 1) Y.applyUpdate(live, updates[0]!);
    if (latencyTracing) traceSpan('load.1 one stored row applied', startAt);
    return { live, merged: updates[0] ?? null };
  }
  // A merge that fails costs only the shortcut: the room encodes its answer itself, as before.
  const merging =
    merger === null
      ? Promise.resolve(null)
      : merger.merge(updates).catch((err: unknown) => {
          log(err);
          return null;
        });
  try {
    let i = 0;
    while (i < updates.length) {
      const start = performance.now();
      live.transact(() => {
        do Y.applyUpdate(live, updates[i++]!);
        while (i < updates.length && performance.now() - start < LOAD_TURN_MS);
      });
      if (i < updates.length) await nextTurn();
    }
  } catch (err) {
    live.destroy();
    throw err;
  }
  const appliedAt = latencyTracing ? traceNow() : 0;
  if (latencyTracing) traceSpan('load.2 several rows applied in turns', startAt, appliedAt);
  const merged = await merging;
  if (latencyTracing) traceSpan('load.3 then waited for the merge worker', appliedAt);
  return { live, merged };
}
