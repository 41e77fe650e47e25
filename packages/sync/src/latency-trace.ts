// MAC_LATENCY_TRACE=1 (bench:sync): where a live update's time goes in the room manager, stage by stage,
// on @mac/db's trace clock. The room stamps each accepted write; the persistence is wrapped to time the
// wait for its batch and the batch's trip to durable storage. Off, nothing here runs.
import { latencyTracing, traceCount, traceMessageAt, traceNow, traceSpan } from '@mac/db';
import type { AcceptedUpdate, Persistence } from './persistence.js';

export { latencyTracing, traceNow, traceSpan };

/** When each traced write's message arrived and when the room accepted it. */
const stamps = new WeakMap<AcceptedUpdate, { received: number; accepted: number }>();

export function traceAccepted(accepted: AcceptedUpdate): void {
  stamps.set(accepted, { received: traceMessageAt.at, accepted: traceNow() });
}

/** A write's broadcast, begun at `sendAt`, has just been sent to every connection. */
export function traceDelivered(accepted: AcceptedUpdate, sendAt: number): void {
  const sentAt = traceNow();
  traceSpan('sync.5 broadcast (encoded once, sent to each connection)', sendAt, sentAt);
  const at = stamps.get(accepted);
  if (at !== undefined) traceSpan('sync.0 TOTAL message arrived → broadcast sent', at.received, sentAt);
}

/** The persistence, timed: how long each write waited for its batch to leave, and the batch's trip. */
export function tracedPersistence(persistence: Persistence): Persistence {
  return {
    ...persistence,
    async persistBatch(...args: Parameters<Persistence['persistBatch']>) {
      const sentAt = traceNow();
      traceCount('sync.3 writes per batch (count)', args[0].length);
      for (const accepted of args[0]) {
        const at = stamps.get(accepted);
        if (at !== undefined) traceSpan('sync.3 accepted → its batch leaves the write queue', at.accepted, sentAt);
      }
      const seqs = await persistence.persistBatch(...args);
      traceSpan('sync.4 persistBatch (batch leaves → durable, back in the queue)', sentAt);
      return seqs;
    },
  };
}
