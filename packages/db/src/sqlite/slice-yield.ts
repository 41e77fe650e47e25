// Which calls of the write lane's queue go in its next batch (store.ts `lane`), when an import's slice is
// among them (issue 17: sign-in's and the caseload's p99 in the county bench).
//
// Every audited action answers once its record is durable, and a sign-in once its session is: small commits
// that someone is waiting on. An import is stored 50 entries per `persistBatch` (a slice, docs/storage.md
// "Imports in slices"), each holding the writer 15-30 ms on a quiet machine and several times that under
// load. Calls queued beside a slice went in the slice's own transaction, so a sign-in arriving while the lane
// was busy waited for the batch in flight, then for a whole slice's statements, then for the commit.
//
// So a slice yields: the small calls queued with it go first, in a batch of their own, and the slice in the
// batch after. A slice yields for at most `SLICE_YIELD_MS` from when it first did (then it goes with
// whatever is queued), so an import keeps moving under a steady stream of audit records; each yield costs
// the import one more commit. What may pass a slice: repository calls and audit appends, which no caller
// orders against a slice (an import awaits each slice before its next step; the store's other units, which
// write documents, keep their place behind it). The order among the calls that pass is kept, and every call
// queued before the slice still goes before it. A call that passes a slice was made while the slice was not
// yet stored: neither caller had awaited the other, so either order is one that could have happened.
import type { Call } from './host.js';

/** How long a slice may let small calls go ahead of it, from its first yield. */
export const SLICE_YIELD_MS = 25;

/** A `persistBatch` carrying an import's slice (its writes name the import). */
export function isSlice(call: Call): boolean {
  return call.kind === 'unit' && call.method === 'persistBatch' && (call.args[0] as ReadonlyArray<{ meta?: { importId?: string } }>).some((w) => w.meta?.importId !== undefined);
}

/** Calls that may go ahead of a slice queued before them. */
function mayPass(call: Call): boolean {
  return call.kind === 'repo' || (call.kind === 'unit' && call.method === 'appendAudit');
}

export interface Queued {
  call: Call;
  /** When this slice first yielded (performance.now()); set here. */
  yieldedAt?: number;
}

/**
 * Splits the write lane's queue into the next batch and what waits for the one after. Without a slice, or
 * with nothing behind it that may pass it, or once it has yielded for `SLICE_YIELD_MS`, everything goes.
 */
export function nextWriteBatch<T extends Queued>(queue: T[], now: number): { batch: T[]; rest: T[] } {
  const at = queue.findIndex((q) => isSlice(q.call));
  if (at === -1) return { batch: queue, rest: [] };
  const slice = queue[at]!;
  if (slice.yieldedAt !== undefined && now - slice.yieldedAt >= SLICE_YIELD_MS) return { batch: queue, rest: [] };
  const after = queue.slice(at + 1);
  const passing = after.filter((q) => mayPass(q.call));
  if (passing.length === 0) return { batch: queue, rest: [] };
  slice.yieldedAt ??= now;
  return { batch: [...queue.slice(0, at), ...passing], rest: [slice, ...after.filter((q) => !mayPass(q.call))] };
}
