// A room's answer to a new client (a sync request with an empty state vector: every browser opening a
// chronology): the document's whole state, kept once made so that the dozen clients of a meeting share one
// encoding, and so that right after a load (a stored compacted update, a merged log, a short log's rows, a
// converted document) nothing is encoded at all. Kept for FULL_STATE_KEEP_MS after it was last asked for.
//
// A write the room delivers (or another node's) does not drop it: its update is kept after it, and the kept
// rows with that update are live's whole state, answered as a short log's rows are (all but the last as
// update messages, the last as the sync answer, so the client is synced once it has all of them). A new
// client of a document being written to is then not answered by encoding live on the event loop (15-30 ms
// for 2,000 entries under load). Any other change to live, or more than KEPT_WRITES_MAX of writes, drops it.
import * as Y from 'yjs';
import { syncStep2FromUpdate, updateMessage, updateOfSyncMessage } from './protocol.js';
import { changedBy } from './update-format.js';
import { latencyTracing, traceNow, traceSpan } from './latency-trace.js';

/**
 * How long a room keeps its encoded whole state for new clients after the last one asked for it: long
 * enough for a meeting's clients opening together, short enough that an open room does not keep a second,
 * encoded copy of its entries (~0.75 KB each).
 */
export const FULL_STATE_KEEP_MS = 10_000;

/**
 * How many delivered writes (and their bytes) the kept whole state may carry after it before it is dropped
 * (the next new client's answer is then encoded from live again): a client applies each as a message of its
 * own, and a long run of writes is better folded into one state.
 */
export const KEPT_WRITES_MAX = Object.freeze({ writes: 64, bytes: 1024 * 1024 });

export interface WholeStateAnswer {
  /** The messages that answer a new client, made (encoded from live if nothing is kept) once and kept. */
  messages(): readonly Uint8Array[];
  /** Live's whole state as updates while one is kept (it saves the shadow's rebuild an encoding); else null. */
  kept(): readonly Uint8Array[] | null;
  /** Applies a delivered update to live (deliver, applyRemote): a kept state gets it added after it. */
  applyDelivered(update: Uint8Array, origin: unknown): void;
  destroy(): void;
}

/** `initial`: live's whole state as the load left it (one update, or a short log's rows), if any. */
export function keepWholeState(live: Y.Doc, initial: Uint8Array | readonly Uint8Array[] | null): WholeStateAnswer {
  let state: Uint8Array | readonly Uint8Array[] | null = initial;
  let message: readonly Uint8Array[] | null = null;
  // Writes added after the kept state since it was last made whole, and their bytes (KEPT_WRITES_MAX).
  let writes = 0;
  let writeBytes = 0;
  // The update a delivery is applying to live; null for any other change.
  let delivering: Uint8Array | null = null;

  const drop = () => {
    state = null;
    message = null;
    writes = 0;
    writeBytes = 0;
  };
  const kept = (): readonly Uint8Array[] | null => (state instanceof Uint8Array ? [state] : (state ?? message?.map(updateOfSyncMessage) ?? null));

  // afterTransaction: an 'update' listener would have Yjs encode every update applied to live (~6 µs of 14).
  live.on('afterTransaction', (tr: Y.Transaction) => {
    if (!changedBy(tr)) return;
    // Taken once: a second change within the same delivery (none is made today) would not be that update.
    const update = delivering;
    delivering = null;
    const rows = update === null || writes >= KEPT_WRITES_MAX.writes || writeBytes + update.byteLength > KEPT_WRITES_MAX.bytes ? null : kept();
    if (rows === null || update === null) return drop();
    state = [...rows, update];
    message = null;
    writes += 1;
    writeBytes += update.byteLength;
  });
  const timer = setTimeout(drop, FULL_STATE_KEEP_MS);
  timer.unref();

  return {
    messages() {
      if (message === null) {
        const encodeAt = latencyTracing ? traceNow() : 0;
        const whole = state ?? Y.encodeStateAsUpdate(live);
        message = whole instanceof Uint8Array ? [syncStep2FromUpdate(whole)] : whole.map((row, i) => (i < whole.length - 1 ? updateMessage(row) : syncStep2FromUpdate(row)));
        if (latencyTracing) traceSpan(`open.5a whole state ${state === null ? 'encoded from live' : state instanceof Uint8Array ? 'wrapped (stored or merged state)' : writes > 0 ? 'wrapped (kept state and the writes since)' : 'wrapped (a short log’s rows)'}`, encodeAt);
        state = null;
        timer.refresh();
      }
      return message;
    },
    kept,
    applyDelivered(update, origin) {
      delivering = update;
      try {
        Y.applyUpdate(live, update, origin);
      } finally {
        delivering = null;
      }
    },
    destroy() {
      clearTimeout(timer);
      drop();
    },
  };
}
