// Takes accepted writes to persistence and only then lets their rooms deliver them (persist before
// broadcast, always). Group commit: while one batch is being stored, the writes accepted meanwhile (from
// any room) wait, and go together as the next batch: one transaction and one fsync for all of them, and
// no room waits for more than the batch in flight. Writes are stored in the order they were accepted,
// which is the order each room's shadow saw them. When a batch is durable and writes are waiting, the
// next batch goes to the store before this one is delivered (broadcast and applied to live), so the
// store's writer works on it while this thread broadcasts (one node only; see `run`).
//
// A large write's slices (PendingWrite.staged: an import's) go one per batch: a batch of one slice and the
// writes of other rooms beside it, so that an import of a thousand rows never holds the store (and every
// audited request waiting behind it) for the whole import at once. A room's writes keep their order: once
// one of its writes is held back for a later batch, so are the room's writes after it.
//
// A group (PendingWrite.group: a household event's copies in several rooms) is committed in one
// synchronous run and so sits together in the queue; it goes as a batch of its own, stored by the group's
// own unit of work, between the writes accepted before it and those after it (order is kept, all or none).

import { isWriteConflict } from '@mac/db';
import type { PendingWrite, Room } from './room.js';
import type { Persistence } from './persistence.js';

/** Several nodes (room-cluster.ts): what the queue asks when the store refuses a batch as a conflict. */
export interface ConflictHooks {
  /**
   * Brings the rooms up to date and inspects their unstored writes again (refused ones are marked `gone`).
   * `conflict`: the store's WriteConflictError (what it found taken, if anything).
   */
  resolve(rooms: Room[], conflict: unknown): Promise<void>;
  /** A batch of these rooms' writes has settled (stored or failed). */
  settled(rooms: Room[]): void;
}

/** Conflicts in a row after which a batch fails (503 / reconnect) rather than being tried again. */
const MAX_CONFLICTS = 20;

export interface WriteQueue {
  commit(write: PendingWrite): void;
  /** Resolves once every write committed so far has been stored and delivered (or failed). */
  flush(): Promise<void>;
  /** Writes waiting or in flight. */
  readonly size: number;
}

export function createWriteQueue(persistence: Persistence, onFailure: (write: PendingWrite, err: unknown) => void, cluster?: ConflictHooks): WriteQueue {
  let conflicts = 0;
  let queue: PendingWrite[] = [];
  let inFlight: PendingWrite[] = [];
  let scheduled = false;
  // flush(): each waiter resolves once the writes committed before it asked have all settled.
  let committed = 0;
  let settled = 0;
  let waiters: Array<{ upTo: number; resolve: () => void }> = [];
  // The last batch's delivery: a batch sent before the one ahead of it was delivered (below) delivers after it.
  let delivered: Promise<void> = Promise.resolve();
  const settle = (count: number) => {
    settled += count;
    if (waiters.length === 0) return;
    const ready = waiters.filter((w) => w.upTo <= settled);
    waiters = waiters.filter((w) => w.upTo > settled);
    for (const w of ready) w.resolve();
  };

  const run = async () => {
    scheduled = false;
    if (inFlight.length > 0 || queue.length === 0) return;
    const group = queue[0]!.group;
    const { batch, rest } = nextBatch(queue);
    queue = rest;
    inFlight = batch;
    refreshSliceSeqs(batch);
    let seqs: Array<number | void> | null = null;
    let failure: unknown = null;
    const before = delivered;
    try {
      const accepted = batch.map((write) => write.accepted);
      seqs = group === undefined ? await persistence.persistBatch(accepted) : await group.persist(accepted);
    } catch (err) {
      failure = err;
    }
    await before;
    if (seqs === null && cluster !== undefined && isWriteConflict(failure) && conflicts < MAX_CONFLICTS) {
      // Another node committed to one of these documents first: nothing was stored. The rooms catch up
      // and check their writes again; the batch goes again at the front of the queue (inFlight stays
      // set meanwhile, so nothing overtakes it), without the writes now refused.
      conflicts += 1;
      const rooms = [...new Set(batch.map((write) => write.room))];
      try {
        await cluster.resolve(rooms, failure);
      } catch (err) {
        failure = err;
      }
      if (failure !== null && !isWriteConflict(failure)) {
        conflicts = MAX_CONFLICTS; // could not catch up: fail this batch below, as any failure
      } else {
        const refusedGroups = new Set(batch.filter((write) => write.gone === true && write.group !== undefined).map((write) => write.group));
        const gone = batch.filter((write) => write.gone === true || (write.group !== undefined && refusedGroups.has(write.group)));
        for (const write of gone) {
          // A group stands or falls together: the others of a refused group are dropped too.
          if (write.gone !== true) {
            write.gone = true;
            write.room.dropPending(write, new Error('another part of this write was refused'));
          }
        }
        inFlight = [];
        const goneQueued = queue.filter((write) => write.gone === true).length;
        queue = [...batch.filter((write) => !gone.includes(write)), ...queue.filter((write) => write.gone !== true)];
        settle(gone.length + goneQueued);
        schedule();
        return;
      }
    }
    conflicts = 0;
    inFlight = [];
    if (seqs !== null) {
      // The writes that waited for this batch leave before it is delivered: the next batch is handed to
      // the store now, and this one's broadcasts (to every connection of its rooms, and each update
      // applied to live) run once the store has sent it on (its lane sends a batch at the end of the
      // synchronous run that made it: a microtask queued before this continuation's). Every write here is
      // durable; each room's writes are still delivered in order (the next batch waits for this delivery).
      // Not on several nodes, where the next batch names the heads this delivery sets (room.lastSeq).
      let done = () => {};
      if (queue.length > 0 && cluster === undefined) {
        delivered = new Promise((resolve) => (done = resolve));
        void run();
        await null;
      }
      try {
        batch.forEach((write, i) => write.room.durable(write, seqs![i]));
      } finally {
        done();
      }
    } else {
      // Nothing of the batch was stored. Later writes of the same rooms may build on these: they go too
      // (their shadows are rebuilt from live, which never saw any of them).
      const rooms = new Set(batch.map((write) => write.room));
      const dependent = queue.filter((write) => rooms.has(write.room));
      queue = queue.filter((write) => !rooms.has(write.room));
      for (const write of [...batch, ...dependent]) {
        write.room.dropPending(write, failure);
        onFailure(write, failure);
      }
      settle(dependent.length);
    }
    settle(batch.length);
    cluster?.settled([...new Set(batch.map((write) => write.room))]);
    if (queue.length > 0) schedule();
  };

  // Several nodes: a slice is a creation of new entries under a client id of its own, inspected on a
  // private document (large-write.ts), so it does not depend on what the room held when it was accepted:
  // it names the head the room knows now, which counts the import's own slices stored before it (else
  // each slice after the first would be refused as a conflict by the slice before it).
  function refreshSliceSeqs(batch: readonly PendingWrite[]) {
    for (const write of batch) if (write.staged === true && write.accepted.afterSeq !== undefined) write.accepted.afterSeq = write.room.lastSeq ?? 0;
  }

  // The writes accepted in the same synchronous run go as one batch, sent as soon as that run ends (a
  // microtask, not the next turn of the event loop: a write on an idle store waits for nothing but its own
  // commit); later ones wait for the batch in flight and go together as the next (group commit).
  const schedule = () => {
    if (scheduled || inFlight.length > 0) return;
    scheduled = true;
    queueMicrotask(() => void run());
  };

  return {
    commit(write) {
      committed += 1;
      queue.push(write);
      schedule();
    },
    flush() {
      if (settled >= committed) return Promise.resolve();
      const upTo = committed;
      return new Promise((resolve) => waiters.push({ upTo, resolve }));
    },
    get size() {
      return queue.length + inFlight.length;
    },
  };
}

/**
 * The next batch of the queue, and what stays: a group on its own (it is stored by its own unit of work);
 * otherwise the writes up to the next group, with at most one slice of a large write, and none of a room
 * whose earlier write was held back (each room's writes are stored in the order its shadow saw them).
 */
export function nextBatch(queue: readonly PendingWrite[]): { batch: PendingWrite[]; rest: PendingWrite[] } {
  const group = queue[0]?.group;
  if (group !== undefined) {
    let size = queue.findIndex((write) => write.group !== group);
    if (size === -1) size = queue.length;
    return { batch: queue.slice(0, size), rest: queue.slice(size) };
  }
  const batch: PendingWrite[] = [];
  const rest: PendingWrite[] = [];
  const held = new Set<Room>();
  let slice = false;
  let stopped = false;
  for (const write of queue) {
    if (stopped || write.group !== undefined) {
      stopped = true;
      rest.push(write);
    } else if (held.has(write.room) || (write.staged === true && slice)) {
      held.add(write.room);
      rest.push(write);
    } else {
      if (write.staged === true) slice = true;
      batch.push(write);
    }
  }
  return { batch, rest };
}
