// Which calls of the write lane's queue go in its next batch (store.ts `lane`), when an import's slice is
// among them (issue 17: sign-in's and the caseload's p99 in the county bench).
//
// Every audited action answers once its record is durable, and a sign-in once its session is: small commits
// that someone is waiting on. An import is stored 50 entries per `persistBatch` (a slice, docs/storage.md
// "Imports in slices"), each holding the writer 15-30 ms on a quiet machine and several times that under
// load. Calls queued beside a slice went in the slice's own transaction, so a sign-in arriving while the lane
// was busy waited for the batch in flight, then for a whole slice's statements, then for the commit.
//
// So a slice yields: the calls queued with it (most often before it: made while the slice before was being
// stored, the next slice being sent only once that one is back) go first, in a batch of their own, and the
// slice in the batch after, with whatever was queued meanwhile. A slice yields once: under a steady stream of
// audit records it would otherwise wait for ever (yielding for up to 25 ms instead made 68 commits of an
// import of 20 slices against 41, for no better latency: `pnpm --filter @mac/db bench:slice-yield`). Each
// yield costs the import one more commit. What may pass a slice: repository calls and audit appends, which no caller
// orders against a slice (an import awaits each slice before its next step; the store's other units, which
// write documents, keep their place behind it). The order among the calls that pass is kept, and every call
// queued before the slice still goes before it. A call that passes a slice was made while the slice was not
// yet stored: neither caller had awaited the other, so either order is one that could have happened.
import type { Call } from './host.js';

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
  /** This slice has let a batch go ahead of it; set here. */
  yielded?: boolean;
}

/**
 * Splits the write lane's queue into the next batch and what waits for the one after. Without a slice, or
 * with nothing before it and nothing behind it that may pass it, or once it has yielded, everything goes.
 */
export function nextWriteBatch<T extends Queued>(queue: T[]): { batch: T[]; rest: T[] } {
  const at = queue.findIndex((q) => isSlice(q.call));
  if (at === -1) return { batch: queue, rest: [] };
  const slice = queue[at]!;
  if (slice.yielded === true) return { batch: queue, rest: [] };
  const after = queue.slice(at + 1);
  const passing = after.filter((q) => mayPass(q.call));
  // The calls queued before the slice (most often: those made while the slice before it was being stored,
  // the next slice being sent only once that one is back) go without it, as do those behind it that may pass.
  if (at === 0 && passing.length === 0) return { batch: queue, rest: [] };
  slice.yielded = true;
  return { batch: [...queue.slice(0, at), ...passing], rest: [slice, ...after.filter((q) => !mayPass(q.call))] };
}
