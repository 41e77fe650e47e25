// A room's document from its stored rows (issue 17 items 3 and 5). A log of many rows is applied a few
// milliseconds at a time, giving the event loop back in between (one transaction of 10,000 rows held it
// ~130 ms), while the merge worker makes the same rows into one update: the whole state, which answers a
// new client's sync request without encoding it on the event loop (~125 ms for 10,000 entries) and, when
// the log is due (compaction.ts), is stored in place of the rows. One stored row (a compacted log) is
// already that update: it is applied at once and answers as it is.
//
// The first client waits for that merge, which under load (one merge at a time, a thread competing for
// two cores) came after the rows were applied: 33-66 ms at p50, up to 1.1 s, in the county bench. Two
// kinds of log need none. A short log (a compacted state and the few writes since, the usual shape of a
// big document's log) answers with its rows as they are, in order: the client applies them as the room
// did (room.ts sends all but the last as updates, the last as the sync answer). A small log of many rows
// (a typical chronology, an entry per row) is encoded from the live document when a client asks, in a
// millisecond or so. A log either way still due for compaction is compacted by the compactor's own
// merge, later (compaction.ts: once writes pause, or when the room unloads), not on an open's path.
// A log that would be merged, but finds the merge thread cold (let go after minutes without work: its start
// and Yjs not yet compiled there cost the first merge about a second), answers with its rows too, up to a
// few hundred (a big chronology's log between compactions), and the thread is warmed for the next load.
//
// Rows that may hold entries of an older shape (doc-shape.ts `mayHoldOldShape`, a walk over their bytes)
// are not applied here at all, one row or many: the merge worker applies them and converts the document,
// and only the converted state (today's shape, what the caller stores in place of the log) is applied
// here, as a compacted document's state is. If the worker fails, the rows are applied here as any others
// and the room converts them on the event loop (room.ts, the last resort: a stall, never a wrong store).
import { setImmediate as nextTurn } from 'node:timers/promises';
import * as Y from 'yjs';
import type { ParsedDocName } from './doc-names.js';
import { mayHoldOldShape } from './doc-shape.js';
import { newDocFor } from './room.js';
import type { StateMerger } from './state-merger.js';
import { latencyTracing, traceNow, traceSpan } from './latency-trace.js';

/** Longest stretch of applying stored rows before the event loop is given back. */
export const LOAD_TURN_MS = 10;

/** Which logs a load does not merge (RoomManagerOptions.loadShortcuts; tests turn them off with zeros). */
export interface LoadShortcuts {
  /** A log of up to this many rows answers a new client with its rows as they are (no merge, no encoding). */
  answerRowsMax: number;
  /** A longer log of up to this many bytes: its answer is encoded from live when asked (a small document's, ~1 ms). */
  encodeMaxBytes: number;
  /**
   * A log that would be merged, of up to this many rows, answers with its rows as they are when the merge
   * thread is cold (StateMerger.warm: let go after minutes without work), instead of waiting for its start
   * (about a second); the thread is warmed meanwhile for the next load. Absent: 0, always wait.
   */
  coldAnswerRowsMax?: number;
}

export const DEFAULT_LOAD_SHORTCUTS: Readonly<LoadShortcuts> = Object.freeze({ answerRowsMax: 32, encodeMaxBytes: 256 * 1024, coldAnswerRowsMax: 256 });

export interface LoadedState {
  live: Y.Doc;
  /** The whole state as one update (the stored row itself, or the merge of the rows); null when not made. */
  merged: Uint8Array | null;
  /** A short log's rows, in order: together the whole state, and the answer to a new client. */
  rows?: readonly Uint8Array[];
  /** Set when the rows held entries of an older shape: the state the worker converted them to, which `live` holds. */
  converted?: Uint8Array;
}

export async function loadLive(docName: string, parsed: ParsedDocName, updates: readonly Uint8Array[], merger: StateMerger | null, log: (err: unknown) => void, shortcuts: LoadShortcuts = DEFAULT_LOAD_SHORTCUTS): Promise<LoadedState> {
  if (merger !== null && !parsed.analysis && updates.some(mayHoldOldShape)) {
    const converted = await convertInWorker(docName, parsed, updates, merger, log);
    if (converted !== null) return converted;
    // The last resort: applied below without the worker, and converted by the room on the event loop.
    merger = null;
  }
  const live = newDocFor(parsed);
  const startAt = latencyTracing ? traceNow() : 0;
  if (updates.length <= 1) {
    if (updates.length === 1) Y.applyUpdate(live, updates[0]!);
    if (latencyTracing) traceSpan('load.1 one stored row applied', startAt);
    return { live, merged: updates[0] ?? null };
  }
  const small = updates.length > shortcuts.answerRowsMax && updates.reduce((sum, update) => sum + update.byteLength, 0) <= shortcuts.encodeMaxBytes;
  // A log that would wait for a cold merge thread answers with its rows (a client applies a few hundred
  // rows in tens of milliseconds; encoding a big document on the event loop would stall it), and the
  // thread is started and warmed now, for the next load (its compaction merges it later, as usual).
  const cold = merger !== null && !small && updates.length > shortcuts.answerRowsMax && updates.length <= (shortcuts.coldAnswerRowsMax ?? 0) && !merger.warm;
  if (cold) void merger?.warmUp().catch(log);
  const short = updates.length <= shortcuts.answerRowsMax || cold;
  // A merge that fails costs only the shortcut: the room encodes its answer itself, as before.
  const merging =
    merger === null || short || small
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
  return short ? { live, merged, rows: updates } : { live, merged };
}

/**
 * Rows that may hold old-shape entries, merged and converted in the worker; live applies the result (one
 * update of today's shape). Null when the worker failed.
 */
async function convertInWorker(docName: string, parsed: ParsedDocName, updates: readonly Uint8Array[], merger: StateMerger, log: (err: unknown) => void): Promise<LoadedState | null> {
  const startAt = latencyTracing ? traceNow() : 0;
  let result: { state: Uint8Array; converted: boolean };
  try {
    result = await merger.mergeConverting(updates, docName);
  } catch (err) {
    log(err);
    return null;
  }
  const live = newDocFor(parsed);
  Y.applyUpdate(live, result.state);
  if (latencyTracing) traceSpan('load.0 rows of an older shape converted in the merge worker', startAt);
  // No old entry after all (the byte walk only said "may"): the merged state, as a long log's load makes.
  return result.converted ? { live, merged: result.state, converted: result.state } : { live, merged: result.state };
}
