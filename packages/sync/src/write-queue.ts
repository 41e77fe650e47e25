// Takes accepted writes to persistence and only then lets their rooms deliver them (persist before
// broadcast, always). When persistence offers a transaction, the writes accepted during one event-loop
// turn (from any room) are committed together in it: one fsync for many updates. Otherwise each write is
// stored at once.

import type { Persistence } from './persistence.js';
import type { PendingWrite } from './room.js';

export interface WriteQueue {
  commit(write: PendingWrite): void;
  /** Stores and delivers everything waiting, synchronously. */
  flush(): void;
}

export function createWriteQueue(persistence: Persistence, onFailure: (write: PendingWrite, err: unknown) => void): WriteQueue {
  let queue: PendingWrite[] = [];
  let scheduled = false;
  const transaction = persistence.transaction?.bind(persistence);

  const fail = (batch: PendingWrite[], err: unknown) => {
    for (const write of batch) {
      write.room.dropPending(write);
      onFailure(write, err);
    }
  };

  const flush = () => {
    if (queue.length === 0) return;
    const batch = queue;
    queue = [];
    if (transaction !== undefined) {
      let seqs: Array<number | void>;
      try {
        seqs = transaction(() => batch.map((write) => persistence.persist(write.accepted)));
      } catch (err) {
        fail(batch, err);
        return;
      }
      batch.forEach((write, i) => write.room.deliver(write, seqs[i]));
      return;
    }
    for (let i = 0; i < batch.length; i++) {
      const write = batch[i]!;
      let seq: number | void;
      try {
        seq = persistence.persist(write.accepted);
      } catch (err) {
        // Later writes to the same document may build on this one: they go too.
        fail(batch.slice(i).filter((w) => w.room === write.room), err);
        queue = batch.slice(i + 1).filter((w) => w.room !== write.room).concat(queue);
        flush();
        return;
      }
      write.room.deliver(write, seq);
    }
  };

  return {
    commit(write) {
      queue.push(write);
      if (transaction === undefined) {
        flush();
        return;
      }
      if (!scheduled) {
        scheduled = true;
        setImmediate(() => {
          scheduled = false;
          flush();
        });
      }
    },
    flush,
  };
}
