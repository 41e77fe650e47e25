import { describe, expect, it, vi } from 'vitest';
import { buildPrincipal } from '@mac/domain/testing';
import type { AcceptedUpdate, Persistence } from './persistence.js';
import type { PendingWrite, Room } from './room.js';
import { createWriteQueue } from './write-queue.js';
import { AfterFailedError } from '@mac/db';

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
});

/**
 * Persistence that orders batches as the storage port does (S7, @mac/db batch-order.ts), completed by hand
 * in the order sent: a batch ordered after one that failed is not run and rejects as AfterFailed.
 */
function orderedPersistence(opts: { failOn?: number } = {}) {
  const batches: Array<{ docs: string[]; after: boolean; more: boolean }> = [];
  const open: Array<() => void> = [];
  const failed = new Set<object>();
  const stored: string[] = [];
  let seq = 0;
  const p: Persistence = {
    ordersBatches: true,
    load: async () => [],
    persistBatch(accepted, order) {
      batches.push({ docs: accepted.map((a) => a.docName), after: order?.after !== undefined, more: order?.more === true });
      return new Promise((resolve, reject) => {
        open.push(() => {
          if (order?.after !== undefined && failed.has(order.after)) {
            failed.add(order.key);
            return reject(new AfterFailedError());
          }
          if (accepted.some((a) => a.update[0] === opts.failOn)) {
            if (order !== undefined) failed.add(order.key);
            return reject(new Error('disk full'));
          }
          stored.push(...accepted.map((a) => a.docName));
          resolve(accepted.map(() => ++seq));
        });
      });
    },
  };
  return { p, batches, stored, completeNext: () => open.shift()!() };
}

/** A server-side write: its caller awaits it (and writes again once answered). */
function local(room: Room, n: number): PendingWrite {
  return { ...write(room, n), done: { resolve: vi.fn(), reject: vi.fn() } };
}

const docs = (writes: ReadonlyArray<{ accepted: { docName: string } } | unknown>) => writes.map((w) => (w as PendingWrite).accepted.docName);
const delivered = (room: ReturnType<typeof fakeRoom>) => docs(room.durable.mock.calls.map((c) => c[0]));
const dropped = (room: ReturnType<typeof fakeRoom>) => docs(room.dropPending.mock.calls.map((c) => c[0]));

/** A first batch of `n` local writes, stored: its writers are answered and expected to write again. */
async function answered(p: Persistence, completeNext: () => void, rooms: Room[], n = 8, onFailure = vi.fn()) {
  const queue = createWriteQueue(p, onFailure);
  for (let i = 0; i < n; i++) queue.commit(local(rooms[i % rooms.length]!, 200 + i));
  await turn();
  completeNext();
  await Promise.resolve();
  await Promise.resolve();
  return queue;
}

describe('write queue, early batches (the persistence orders batches)', () => {
  it('sends a turn’s writes by fours while its writers write again, the last ones ordered after, and delivers in order', async () => {
    const { p, batches, completeNext } = orderedPersistence();
    const room = fakeRoom();
    const queue = await answered(p, completeNext, [room]);
    expect(batches).toHaveLength(1);
    // The eight answered writers write again, in one synchronous run.
    for (const n of [1, 2, 3]) queue.commit(local(room, n));
    expect(batches).toHaveLength(1);
    queue.commit(local(room, 4));
    // Sent at once, before the run ends: the writer starts on them while the rest are inspected.
    expect(batches.at(-1)).toEqual({ docs: ['doc-1', 'doc-2', 'doc-3', 'doc-4'], after: false, more: true });
    for (const n of [5, 6, 7]) queue.commit(local(room, n));
    expect(batches).toHaveLength(2);
    queue.commit(local(room, 8));
    expect(batches.at(-1)).toEqual({ docs: ['doc-5', 'doc-6', 'doc-7', 'doc-8'], after: true, more: false });
    completeNext();
    completeNext();
    await queue.flush();
    expect(delivered(room)).toEqual([...['200', '201', '202', '203', '204', '205', '206', '207'].map((n) => `doc-${n}`), ...[1, 2, 3, 4, 5, 6, 7, 8].map((n) => `doc-${n}`)]);
    expect(room.durable.mock.calls.map((c) => c[1])).toEqual(Array.from({ length: 16 }, (_, i) => i + 1));
  });

  it('writers that do not write again hold nothing up beyond the turn; remote writes (no waiting writer) go as one batch per turn, one in flight', async () => {
    const { p, batches, completeNext } = orderedPersistence();
    const room = fakeRoom();
    const queue = await answered(p, completeNext, [room]);
    queue.commit(local(room, 1));
    queue.commit(local(room, 2));
    await Promise.resolve();
    expect(batches).toHaveLength(1);
    await turn();
    expect(batches.at(-1)).toEqual({ docs: ['doc-1', 'doc-2'], after: false, more: false });
    // Remote writes while that batch is out: they wait, and go together next.
    queue.commit(write(room, 3));
    await turn();
    queue.commit(write(room, 4));
    await turn();
    expect(batches).toHaveLength(2);
    completeNext();
    await turn();
    expect(batches.at(-1)).toEqual({ docs: ['doc-3', 'doc-4'], after: false, more: false });
    completeNext();
    await queue.flush();
    expect(delivered(room).slice(8)).toEqual(['doc-1', 'doc-2', 'doc-3', 'doc-4']);
  });

  it('an early batch failing while the next is in flight: the later writes of its rooms fail, other rooms’ writes go again, first, and are stored in order', async () => {
    const { p, batches, stored, completeNext } = orderedPersistence({ failOn: 11 });
    const onFailure = vi.fn();
    const [a, b] = [fakeRoom(), fakeRoom()];
    const queue = await answered(p, completeNext, [a, b], 8, onFailure);
    stored.length = 0;
    // The first four (all a's, one failing) go early; the next four are in flight behind them.
    for (const n of [10, 11, 12, 13]) queue.commit(local(a, n));
    for (const [room, n] of [[b, 14], [a, 15], [b, 16], [a, 17]] as const) queue.commit(local(room, n));
    expect(batches.slice(1).map((x) => x.docs)).toEqual([
      ['doc-10', 'doc-11', 'doc-12', 'doc-13'],
      ['doc-14', 'doc-15', 'doc-16', 'doc-17'],
    ]);
    completeNext();
    await turn();
    expect(dropped(a)).toEqual(['doc-10', 'doc-11', 'doc-12', 'doc-13']);
    // While the batch behind it is out, nothing new goes; b writes again meanwhile.
    queue.commit(write(b, 18));
    await turn();
    expect(batches).toHaveLength(3);
    completeNext();
    await turn();
    expect(dropped(a)).toEqual(['doc-10', 'doc-11', 'doc-12', 'doc-13', 'doc-15', 'doc-17']);
    // b's writes, refused only for their place, go again first, then b's next.
    expect(batches.at(-1)!.docs).toEqual(['doc-14', 'doc-16', 'doc-18']);
    completeNext();
    await queue.flush();
    expect(delivered(b).slice(4)).toEqual(['doc-14', 'doc-16', 'doc-18']);
    expect(delivered(a)).toHaveLength(4);
    expect(dropped(b)).toEqual([]);
    expect(stored).toEqual(['doc-14', 'doc-16', 'doc-18']);
    // Every failed write's writer is told, with the failed batch's own error.
    expect(onFailure.mock.calls.map((c) => [(c[0] as PendingWrite).accepted.docName, String(c[1])])).toEqual(
      ['doc-10', 'doc-11', 'doc-12', 'doc-13', 'doc-15', 'doc-17'].map((d) => [d, 'Error: disk full']),
    );
    expect(queue.size).toBe(0);
  });

  it('a write acknowledged as stored is never dropped when the batch after it fails', async () => {
    const { p, completeNext } = orderedPersistence({ failOn: 6 });
    const room = fakeRoom();
    const queue = await answered(p, completeNext, [room]);
    for (const n of [1, 2, 3, 4, 5, 6, 7, 8]) queue.commit(local(room, n));
    completeNext();
    completeNext();
    await queue.flush();
    expect(delivered(room).slice(8)).toEqual(['doc-1', 'doc-2', 'doc-3', 'doc-4']);
    expect(dropped(room)).toEqual(['doc-5', 'doc-6', 'doc-7', 'doc-8']);
  });

  it('sends nothing early for a persistence that does not order batches', async () => {
    const { p, batches, completeNext } = manualPersistence();
    const room = fakeRoom();
    const queue = await answered(p, completeNext, [room]);
    for (const n of [1, 2, 3, 4, 5, 6, 7, 8]) queue.commit(local(room, n));
    expect(batches).toHaveLength(1);
    await turn();
    expect(batches).toHaveLength(2);
    expect(batches[1]).toHaveLength(8);
  });
});
