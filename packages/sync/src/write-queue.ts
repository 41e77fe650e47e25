// Takes accepted writes to persistence and only then lets their rooms deliver them (persist before
// broadcast, always). Group commit: while a batch is being stored, the writes accepted meanwhile (from
// any room) wait, and go together as the next batch: one transaction and one fsync for all of them.
// Writes are stored, and delivered, in the order they were accepted, which is the order each room's
// shadow saw them.
//
// The writer starts early (when the persistence orders batches, `Persistence.ordersBatches`). When a
// batch comes back with nothing else in flight, its callers write again in one synchronous run; the
// event loop and the writer would take turns (the event loop inspects every write, then the writer
// stores them all). Instead the first half of that run's writes goes as soon as it is accepted, marked
// `more`, and the rest follows at the end of the run as a second batch in flight, ordered after the
// first (@mac/db batch-order.ts): the writer runs the first half's statements while the event loop
// inspects the rest, and SQLite commits the two together (one fsync). A batch ordered after another is
// stored only if that one was: when the first fails, the second fails too without storing anything; its
// writes of the failed batch's rooms fail with it (they may build on the failed writes), its other
// writes go again, first, and nothing new is sent until both have come back. The rule stays the one of
// a single batch in flight: a failed batch's writes, and the later writes of its rooms, fail; nothing
// else does, and nothing is delivered out of order.
//
// A group (PendingWrite.group: a household event's copies in several rooms) is committed in one
// synchronous run and so sits together in the queue; it goes as a batch of its own, stored by the group's
// own unit of work, between the writes accepted before it and those after it (order is kept, all or none),
// and alone in flight.

import { isAfterFailed, isWriteConflict } from '@mac/db';
import type { PendingWrite, Room, WriteGroup } from './room.js';
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

/** Writes per early batch (a turn's writes go in batches of this many, then the rest; one commit). */
const EARLY_CHUNK = 4;

/** Conflicts in a row after which a batch fails (503 / reconnect) rather than being tried again. */
const MAX_CONFLICTS = 20;

export interface WriteQueue {
  commit(write: PendingWrite): void;
  /** Resolves once every write committed so far has been stored and delivered (or failed). */
  flush(): Promise<void>;
  /** Writes waiting or in flight. */
  readonly size: number;
}

interface Batch {
  writes: PendingWrite[];
  group: WriteGroup | undefined;
  /** Its order key (batch-order.ts): the next batch is sent after it. */
  key: object;
  /** Sent early, its follow-up not yet sent (which may then go while it is in flight). */
  more: boolean;
  outcome: { seqs: Array<number | void> } | { failure: unknown } | null;
}

export function createWriteQueue(persistence: Persistence, onFailure: (write: PendingWrite, err: unknown) => void, cluster?: ConflictHooks): WriteQueue {
  // Several nodes keep one batch in flight: a conflict sends the batch again before anything after it.
  const early = persistence.ordersBatches === true && cluster === undefined;
  let conflicts = 0;
  let queue: PendingWrite[] = [];
  const inFlight: Batch[] = [];
  let scheduled = false;
  // Concluding batches one at a time, in the order sent.
  let concluding = false;
  // Writers that a concluded batch has just answered (server-side writes: their callers await them) and
  // that have not written again: their next writes are expected in this turn, and the batch waits for
  // them (the first half goes early) rather than leaving with the first few. At the end of the turn the
  // expectation lapses (a caller that does not write again holds nothing up beyond its turn).
  let expected = 0;
  let lapse: NodeJS.Immediate | null = null;
  // While batches sent after a failed one come back: the failed batches' rooms and the first error.
  let failedRooms: Set<Room> | null = null;
  let failure: unknown = null;
  // Writes of batches that failed only because the one before did (not of failed rooms): they go again, first.
  let again: PendingWrite[] = [];
  // flush(): each waiter resolves once the writes committed before it asked have all settled.
  let committed = 0;
  let settled = 0;
  let waiters: Array<{ upTo: number; resolve: () => void }> = [];
  const settle = (count: number) => {
    settled += count;
    if (waiters.length === 0) return;
    const ready = waiters.filter((w) => w.upTo <= settled);
    waiters = waiters.filter((w) => w.upTo > settled);
    for (const w of ready) w.resolve();
  };

  const mayStart = () => {
    if (failedRooms !== null || concluding || queue.length === 0) return false;
    if (inFlight.length === 0) return true;
    // What follows an early batch (it holds no group: a group goes alone).
    return inFlight.at(-1)!.more && queue[0]!.group === undefined;
  };

  const send = (more = false) => {
    const group = queue[0]!.group;
    let size = queue.findIndex((write) => write.group !== group);
    if (size === -1) size = queue.length;
    const batch: Batch = { writes: queue.slice(0, size), group, key: {}, more, outcome: null };
    queue = queue.slice(size);
    const before = inFlight.at(-1);
    if (before !== undefined) before.more = false;
    inFlight.push(batch);
    const accepted = batch.writes.map((write) => write.accepted);
    let stored: Promise<Array<number | void>>;
    try {
      // Called now, not in a later microtask: an early batch must reach the writer before the run goes on.
      stored = group === undefined ? persistence.persistBatch(accepted, early ? { key: batch.key, after: before?.key, more } : undefined) : group.persist(accepted);
    } catch (err) {
      stored = Promise.reject(err);
    }
    void stored.then(
      (seqs) => {
        batch.outcome = { seqs };
        void concludeReady();
      },
      (err: unknown) => {
        batch.outcome = { failure: err };
        void concludeReady();
      },
    );
  };

  const fail = (writes: readonly PendingWrite[], err: unknown) => {
    for (const write of writes) {
      write.room.dropPending(write, err);
      onFailure(write, err);
    }
  };

  /** Nothing of the batch was stored, on its own account: it and the later writes of its rooms fail. */
  const failBatch = (batch: Batch, err: unknown) => {
    failedRooms ??= new Set();
    if (failure === null) failure = err;
    for (const write of batch.writes) failedRooms.add(write.room);
    fail(batch.writes, err);
    settle(batch.writes.length);
  };

  /** Concludes the batches that have come back, in the order sent. */
  const concludeReady = async () => {
    if (concluding) return;
    concluding = true;
    try {
      while (inFlight.length > 0 && inFlight[0]!.outcome !== null) {
        const batch = inFlight[0]!;
        const outcome = batch.outcome!;
        if ('failure' in outcome && cluster !== undefined && isWriteConflict(outcome.failure) && conflicts < MAX_CONFLICTS) {
          await resolveConflict(batch, outcome.failure);
          continue;
        }
        conflicts = 0;
        inFlight.shift();
        const rooms = [...new Set(batch.writes.map((write) => write.room))];
        if ('seqs' in outcome) {
          batch.writes.forEach((write, i) => write.room.durable(write, outcome.seqs[i]));
          settle(batch.writes.length);
        } else if (failedRooms !== null && isAfterFailed(outcome.failure)) {
          // Not run, because the batch before failed: its writes of the failed rooms may build on the failed
          // ones and fail with them (with that batch's error); the others go again, before anything later.
          const lost = batch.writes.filter((write) => failedRooms!.has(write.room));
          again.push(...batch.writes.filter((write) => !failedRooms!.has(write.room)));
          fail(lost, failure);
          settle(lost.length);
        } else {
          failBatch(batch, outcome.failure);
        }
        if (failedRooms !== null) {
          // Later writes of the failed rooms may build on the failed ones: they go too (their shadows are
          // rebuilt from live, which never saw any of them).
          const dependent = [...again, ...queue].filter((write) => failedRooms!.has(write.room));
          again = again.filter((write) => !failedRooms!.has(write.room));
          queue = queue.filter((write) => !failedRooms!.has(write.room));
          fail(dependent, failure);
          settle(dependent.length);
        }
        cluster?.settled(rooms);
        // The writer has nothing else: the writes this run's callers are about to make go in two halves.
        if (early && 'seqs' in outcome) expect(batch.writes.filter((write) => write.done !== undefined).length);
      }
      if (inFlight.length === 0 && failedRooms !== null) {
        failedRooms = null;
        failure = null;
        queue = [...again, ...queue];
        again = [];
      }
      // Writes already waiting (answered by the batch before, which shared this one's commit) are half or
      // more of what this turn will bring: they go now, early, and the writers just answered follow.
      if (expected > 0 && queue.length >= EARLY_CHUNK && inFlight.length === 0) {
        concluding = false;
        if (mayStart()) send(true);
      }
    } finally {
      concluding = false;
    }
    schedule();
  };

  /** Several nodes: another node committed to one of these documents first, and nothing was stored. */
  const resolveConflict = async (batch: Batch, conflict: unknown) => {
    // The rooms catch up and check their writes again; the batch goes again at the front of the queue
    // (it stays in flight meanwhile, so nothing overtakes it), without the writes now refused.
    conflicts += 1;
    const rooms = [...new Set(batch.writes.map((write) => write.room))];
    let err: unknown = null;
    try {
      await cluster!.resolve(rooms, conflict);
    } catch (e) {
      err = e;
    }
    if (err !== null && !isWriteConflict(err)) {
      conflicts = MAX_CONFLICTS; // could not catch up: the batch fails below, as any failure
      batch.outcome = { failure: err };
      return;
    }
    const refusedGroups = new Set(batch.writes.filter((write) => write.gone === true && write.group !== undefined).map((write) => write.group));
    const gone = batch.writes.filter((write) => write.gone === true || (write.group !== undefined && refusedGroups.has(write.group)));
    for (const write of gone) {
      // A group stands or falls together: the others of a refused group are dropped too.
      if (write.gone !== true) {
        write.gone = true;
        write.room.dropPending(write, new Error('another part of this write was refused'));
      }
    }
    inFlight.shift();
    const goneQueued = queue.filter((write) => write.gone === true).length;
    queue = [...batch.writes.filter((write) => !gone.includes(write)), ...queue.filter((write) => write.gone !== true)];
    settle(gone.length + goneQueued);
  };

  // The writes accepted in the same synchronous run go as one batch, sent as soon as that run ends (a
  // microtask, not the next turn of the event loop: a write on an idle store waits for nothing but its own
  // commit); later ones wait for a batch in flight and go together as the next (group commit).
  const run = () => {
    scheduled = false;
    if (expected === 0) while (mayStart()) send();
  };
  const schedule = () => {
    if (scheduled || !mayStart()) return;
    scheduled = true;
    queueMicrotask(run);
  };
  const expect = (writers: number) => {
    if (writers === 0) return;
    expected += writers;
    lapse ??= setImmediate(() => {
      lapse = null;
      expected = 0;
      schedule();
    });
  };

  return {
    commit(write) {
      committed += 1;
      queue.push(write);
      if (expected > 0 && write.group === undefined) {
        expected -= 1;
        // Every few writes go at once, marked `more`, while the writer is idle or holding a commit for
        // them: it runs their statements while the event loop inspects the next; the last go when the
        // last expected writer has written.
        if (expected === 0) {
          if (mayStart()) send();
        } else if (queue.length >= EARLY_CHUNK && (inFlight.length === 0 || inFlight.at(-1)!.more) && mayStart()) send(true);
        return;
      }
      schedule();
    },
    flush() {
      if (settled >= committed) return Promise.resolve();
      const upTo = committed;
      return new Promise((resolve) => waiters.push({ upTo, resolve }));
    },
    get size() {
      return queue.length + again.length + inFlight.reduce((n, batch) => n + batch.writes.length, 0);
    },
  };
}
