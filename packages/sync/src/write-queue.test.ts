import { describe, expect, it, vi } from 'vitest';
import { buildPrincipal } from '@mac/domain/testing';
import type { AcceptedUpdate, Persistence } from './persistence.js';
import type { PendingWrite, Room } from './room.js';
import { createWriteQueue } from './write-queue.js';

function fakeRoom() {
  return { deliver: vi.fn(), dropPending: vi.fn() } as unknown as Room & { deliver: ReturnType<typeof vi.fn>; dropPending: ReturnType<typeof vi.fn> };
}

function write(room: Room, n: number): PendingWrite {
  const accepted: AcceptedUpdate = { docName: `doc-${n}`, update: new Uint8Array([n]), principal: buildPrincipal(), meta: { via: 'websocket', ip: null }, changes: [], claims: [] };
  return { room, accepted, origin: { writeFailed: vi.fn() } };
}

function persistence(opts: { transaction: boolean; failOn?: number }) {
  const log: string[] = [];
  let seq = 0;
  const p: Persistence = {
    load: () => [],
    persist(accepted) {
      if (accepted.update[0] === opts.failOn) throw new Error('disk full');
      log.push(`persist ${accepted.docName}`);
      return ++seq;
    },
  };
  if (opts.transaction) {
    p.transaction = <T>(fn: () => T): T => {
      log.push('begin');
      const result = fn();
      log.push('commit');
      return result;
    };
  }
  return { p, log };
}

describe('write queue', () => {
  it('commits the writes of one event-loop turn in one transaction, then delivers them in order', async () => {
    const { p, log } = persistence({ transaction: true });
    const queue = createWriteQueue(p, vi.fn());
    const [a, b] = [fakeRoom(), fakeRoom()];
    const writes = [write(a, 1), write(b, 2), write(a, 3)];
    for (const w of writes) queue.commit(w);
    expect(log).toEqual([]);
    expect(a.deliver).not.toHaveBeenCalled();
    await new Promise((resolve) => setImmediate(resolve));
    expect(log).toEqual(['begin', 'persist doc-1', 'persist doc-2', 'persist doc-3', 'commit']);
    expect(a.deliver.mock.calls).toEqual([[writes[0], 1], [writes[2], 3]]);
    expect(b.deliver.mock.calls).toEqual([[writes[1], 2]]);
  });

  it('flush stores and delivers at once (before a local write or a compaction)', () => {
    const { p, log } = persistence({ transaction: true });
    const queue = createWriteQueue(p, vi.fn());
    const room = fakeRoom();
    queue.commit(write(room, 1));
    queue.flush();
    expect(log).toEqual(['begin', 'persist doc-1', 'commit']);
    expect(room.deliver).toHaveBeenCalledTimes(1);
  });

  it('a failed batch delivers nothing: every write is dropped and its writer told', async () => {
    const { p } = persistence({ transaction: true, failOn: 2 });
    const onFailure = vi.fn();
    const queue = createWriteQueue(p, onFailure);
    const room = fakeRoom();
    const writes = [write(room, 1), write(room, 2)];
    for (const w of writes) queue.commit(w);
    queue.flush();
    expect(room.deliver).not.toHaveBeenCalled();
    expect(room.dropPending.mock.calls).toEqual([[writes[0]], [writes[1]]]);
    expect(onFailure.mock.calls.map((c) => c[0])).toEqual(writes);
  });

  it('without a transaction, stores each write at once; a failure drops that room’s later writes only', () => {
    const { p, log } = persistence({ transaction: false, failOn: 1 });
    const onFailure = vi.fn();
    const queue = createWriteQueue(p, onFailure);
    const [a, b] = [fakeRoom(), fakeRoom()];
    queue.commit(write(b, 5));
    expect(log).toEqual(['persist doc-5']);
    expect(b.deliver).toHaveBeenCalledTimes(1);
    queue.commit(write(a, 1));
    expect(a.dropPending).toHaveBeenCalledTimes(1);
    expect(onFailure).toHaveBeenCalledTimes(1);
  });
});
