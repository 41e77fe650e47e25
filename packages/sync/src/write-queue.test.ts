import { describe, expect, it, vi } from 'vitest';
import { buildPrincipal } from '@mac/domain/testing';
import type { AcceptedUpdate, Persistence } from './persistence.js';
import type { PendingWrite, Room } from './room.js';
import { createWriteQueue, nextBatch } from './write-queue.js';

function fakeRoom() {
  return { durable: vi.fn(), dropPending: vi.fn() } as unknown as Room & { durable: ReturnType<typeof vi.fn>; dropPending: ReturnType<typeof vi.fn> };
}

function write(room: Room, n: number): PendingWrite {
  const accepted: AcceptedUpdate = { docName: `doc-${n}`, update: new Uint8Array([n]), principal: buildPrincipal(), meta: { via: 'websocket', ip: null }, changes: [], claims: [] };
  return { room, accepted, origin: { writeFailed: vi.fn() } };
}

/** Persistence whose batches the test completes by hand, recording what each batch held. */
function manualPersistence(opts: { failOn?: number } = {}) {
  const batches: string[][] = [];
  const open: Array<() => void> = [];
  let seq = 0;
  const p: Persistence = {
    load: async () => [],
    persistBatch(accepted) {
      batches.push(accepted.map((a) => a.docName));
      return new Promise((resolve, reject) => {
        open.push(() => (accepted.some((a) => a.update[0] === opts.failOn) ? reject(new Error('disk full')) : resolve(accepted.map(() => ++seq))));
      });
    },
  };
  return { p, batches, completeNext: () => open.shift()!() };
}

// Two turns: a completed batch's continuation schedules the next batch on a turn of its own.
const turn = async () => {
  await new Promise((resolve) => setImmediate(resolve));
  await new Promise((resolve) => setImmediate(resolve));
};

describe('write queue', () => {
  it('sends a write on an idle queue at once, before the event loop turns (it waits only for its own commit)', async () => {
    const { p, batches } = manualPersistence();
    const queue = createWriteQueue(p, vi.fn());
    queue.commit(write(fakeRoom(), 1));
    let turned = false;
    setImmediate(() => (turned = true));
    // Microtasks only: the event loop cannot turn in between.
    for (let i = 0; i < 5 && batches.length === 0; i++) await Promise.resolve();
    expect(batches).toEqual([['doc-1']]);
    expect(turned).toBe(false);
  });

  it('stores the writes of one synchronous run as one batch, then delivers them in order', async () => {
    const { p, batches, completeNext } = manualPersistence();
    const queue = createWriteQueue(p, vi.fn());
    const [a, b] = [fakeRoom(), fakeRoom()];
    const writes = [write(a, 1), write(b, 2), write(a, 3)];
    for (const w of writes) queue.commit(w);
    await turn();
    expect(batches).toEqual([['doc-1', 'doc-2', 'doc-3']]);
    expect(a.durable).not.toHaveBeenCalled();
    completeNext();
    await queue.flush();
    expect(a.durable.mock.calls).toEqual([[writes[0], 1], [writes[2], 3]]);
    expect(b.durable.mock.calls).toEqual([[writes[1], 2]]);
  });

  it('group commit: writes accepted while a batch is being stored wait and go together as the next one', async () => {
    const { p, batches, completeNext } = manualPersistence();
    const queue = createWriteQueue(p, vi.fn());
    const room = fakeRoom();
    queue.commit(write(room, 1));
    await turn();
    for (const n of [2, 3, 4]) {
      queue.commit(write(room, n));
      await turn();
    }
    expect(batches).toEqual([['doc-1']]);
    completeNext();
    await turn();
    expect(batches).toEqual([['doc-1'], ['doc-2', 'doc-3', 'doc-4']]);
    expect(room.durable).toHaveBeenCalledTimes(1);
    completeNext();
    await queue.flush();
    expect(room.durable).toHaveBeenCalledTimes(4);
  });

  it('the writes that waited for a batch leave before it is delivered; each room’s writes are still delivered in order', async () => {
    const { p, batches, completeNext } = manualPersistence();
    const queue = createWriteQueue(p, vi.fn());
    const [a, b] = [fakeRoom(), fakeRoom()];
    // How many batches had been handed to the store when each write was delivered.
    const sentWhenDelivered: Array<[string, number]> = [];
    for (const room of [a, b]) room.durable.mockImplementation((w: PendingWrite) => sentWhenDelivered.push([w.accepted.docName, batches.length]));
    queue.commit(write(a, 1));
    await turn();
    queue.commit(write(a, 2));
    queue.commit(write(b, 3));
    await turn();
    completeNext();
    await turn();
    // doc-1 was delivered after the next batch (doc-2, doc-3) had gone to the store, not before.
    expect(batches).toEqual([['doc-1'], ['doc-2', 'doc-3']]);
    expect(sentWhenDelivered).toEqual([['doc-1', 2]]);
    completeNext();
    await queue.flush();
    expect(sentWhenDelivered.map(([doc]) => doc)).toEqual(['doc-1', 'doc-2', 'doc-3']);
  });

  it('a failed batch delivers nothing: every write is dropped, its writer told, and the same rooms’ queued writes go too', async () => {
    const { p, completeNext } = manualPersistence({ failOn: 2 });
    const onFailure = vi.fn();
    const queue = createWriteQueue(p, onFailure);
    const [a, b] = [fakeRoom(), fakeRoom()];
    const first = [write(a, 1), write(a, 2)];
    for (const w of first) queue.commit(w);
    await turn();
    // Queued behind the failing batch: a's builds on it, b's does not.
    const later = [write(a, 5), write(b, 6)];
    for (const w of later) queue.commit(w);
    completeNext();
    await turn();
    expect(a.durable).not.toHaveBeenCalled();
    expect(a.dropPending.mock.calls.map((c) => c[0])).toEqual([...first, later[0]]);
    expect(onFailure.mock.calls.map((c) => c[0])).toEqual([...first, later[0]]);
    completeNext();
    await queue.flush();
    expect(b.durable.mock.calls.map((c) => c[0])).toEqual([later[1]]);
  });

  it('flush resolves once the writes committed before it have settled, not when the queue is next empty', async () => {
    const { p, completeNext } = manualPersistence();
    const queue = createWriteQueue(p, vi.fn());
    const room = fakeRoom();
    queue.commit(write(room, 1));
    await turn();
    let flushed = false;
    const flush = queue.flush().then(() => (flushed = true));
    queue.commit(write(room, 2));
    await turn();
    completeNext();
    await flush;
    expect(flushed).toBe(true);
    expect(room.durable).toHaveBeenCalledTimes(1);
    expect(queue.size).toBe(1);
    await turn();
    completeNext();
    await queue.flush();
    expect(queue.size).toBe(0);
  });

  it("stores a large write's slices one per batch, with other rooms' writes between them, each room's writes in order", async () => {
    const { p, batches, completeNext } = manualPersistence();
    const queue = createWriteQueue(p, vi.fn());
    const [importing, other] = [fakeRoom(), fakeRoom()];
    const slice = (n: number) => ({ ...write(importing, n), staged: true });
    // Three slices of an import, then a write of the importing room (after them), then another room's.
    for (const w of [slice(1), slice(2), slice(3), write(importing, 4), write(other, 5)]) queue.commit(w);
    await turn();
    expect(batches).toEqual([['doc-1', 'doc-5']]);
    queue.commit(write(other, 6));
    completeNext();
    await turn();
    expect(batches[1]).toEqual(['doc-2', 'doc-6']);
    completeNext();
    await turn();
    // The importing room's own write waited for the last slice, and goes with it.
    expect(batches[2]).toEqual(['doc-3', 'doc-4']);
    completeNext();
    await turn();
    expect(importing.durable.mock.calls.map(([w]) => (w as PendingWrite).accepted.docName)).toEqual(['doc-1', 'doc-2', 'doc-3', 'doc-4']);
  });

  it('nextBatch: a group goes on its own; nothing overtakes a group', () => {
    const [a, b] = [fakeRoom(), fakeRoom()];
    const group = { persist: vi.fn() };
    const grouped = [{ ...write(a, 1), group }, { ...write(b, 2), group }];
    const after = write(b, 3);
    expect(nextBatch([...grouped, after]).batch).toEqual(grouped);
    const staged = { ...write(a, 4), staged: true };
    const { batch, rest } = nextBatch([staged, { ...write(a, 5), staged: true }, ...grouped, after]);
    expect(batch).toEqual([staged]);
    expect(rest.map((w) => w.accepted.docName)).toEqual(['doc-5', 'doc-1', 'doc-2', 'doc-3']);
  });
});
