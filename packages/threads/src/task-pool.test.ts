import { readFileSync } from 'node:fs';
import { getPriority } from 'node:os';
import { afterEach, describe, expect, it } from 'vitest';
import { createTaskPool, type TaskPool, type TaskPoolOptions } from './task-pool.js';
import type { FixtureTask } from './task-pool.fixture-worker.js';

const ENTRY = new URL('./task-pool.fixture-worker.ts', import.meta.url).href;

let pool: TaskPool<FixtureTask, unknown>;
afterEach(async () => {
  await pool.close();
});

function make(opts: Partial<TaskPoolOptions<FixtureTask>> = {}): TaskPool<FixtureTask, unknown> {
  pool = createTaskPool<FixtureTask, unknown>({ entry: ENTRY, failure: 'the task failed', ...opts });
  return pool;
}

const sleep = (ms: number) => new Promise((resolve) => setTimeout(resolve, ms));

describe('a task pool (one worker thread, one task at a time)', () => {
  it('answers each task with its value, in order; a task that throws fails alone, named by the failure', async () => {
    make();
    const answers = await Promise.allSettled([
      pool.run({ op: 'echo', value: { a: [1, 2] } }),
      pool.run({ op: 'throw', message: 'bad input' }),
      pool.run({ op: 'echo', value: 'after' }),
    ]);
    expect(answers[0]).toEqual({ status: 'fulfilled', value: { a: [1, 2] } });
    expect(answers[1]).toMatchObject({ status: 'rejected', reason: { message: 'the task failed: bad input' } });
    expect(answers[2]).toEqual({ status: 'fulfilled', value: 'after' });
    expect(pool.stats()).toEqual({ running: 0, queued: 0, started: 1, tasks: 3, threads: 1 });
  });

  it('refuses a task beyond the bounded queue at once, with the caller’s error, and runs the rest', async () => {
    const hold = new Int32Array(new SharedArrayBuffer(4));
    Atomics.store(hold, 0, 1);
    let taken = 0;
    make({ maxQueued: 1, full: (queued) => new Error(`full with ${queued}`), hold, onStarted: () => (taken += 1) });
    const running = pool.run({ op: 'echo', value: 1 });
    const waiting = pool.run({ op: 'echo', value: 2 });
    await expect(pool.run({ op: 'echo', value: 3 })).rejects.toThrow('full with 1');
    while (taken === 0) await sleep(5);
    expect(pool.stats()).toMatchObject({ running: 1, queued: 1 });
    Atomics.store(hold, 0, 0);
    Atomics.notify(hold, 0);
    expect(await Promise.all([running, waiting])).toEqual([1, 2]);
  });

  it('fails the task of a worker that dies, and starts a new worker for the next', async () => {
    make();
    await expect(pool.run({ op: 'exit' })).rejects.toThrow('the task failed: the worker stopped (exit code 3)');
    expect(await pool.run({ op: 'echo', value: 'again' })).toBe('again');
    expect(pool.stats().started).toBe(2);
  });

  it('lets an idle worker go after idleMs, and keeps it without', async () => {
    make({ idleMs: 20 });
    await pool.run({ op: 'echo', value: 1 });
    await sleep(200);
    await pool.run({ op: 'echo', value: 2 });
    expect(pool.stats().started).toBe(2);
    await pool.close();

    make();
    await pool.run({ op: 'echo', value: 1 });
    await sleep(200);
    await pool.run({ op: 'echo', value: 2 });
    expect(pool.stats().started).toBe(1);
  });

  it('prepares a task when it starts and moves the buffers it names instead of copying them', async () => {
    const prepared: number[] = [];
    make({
      prepare(task) {
        if (task.op !== 'sum') return { message: task, transfer: [] };
        prepared.push(task.bytes[0]!);
        return { message: task, transfer: [task.bytes.buffer as ArrayBuffer] };
      },
    });
    const first = new Uint8Array([1, 2, 3]);
    const second = new Uint8Array([10, 20]);
    const sums = Promise.all([pool.run({ op: 'sum', bytes: first }), pool.run({ op: 'sum', bytes: second })]);
    // The second is prepared only once the first is done.
    expect(prepared).toEqual([1]);
    expect(second.byteLength).toBe(2);
    expect(await sums).toEqual([6, 30]);
    expect(prepared).toEqual([1, 10]);
    // Moved: the caller's views are detached.
    expect(first.byteLength).toBe(0);
    expect(second.byteLength).toBe(0);
  });

  it('rejects the running and waiting tasks when closed, with its message, and every task after', async () => {
    const hold = new Int32Array(new SharedArrayBuffer(4));
    Atomics.store(hold, 0, 1);
    make({ hold, closed: 'the pool is closed' });
    const running = pool.run({ op: 'echo', value: 1 }).catch((err: Error) => err.message);
    const waiting = pool.run({ op: 'echo', value: 2 }).catch((err: Error) => err.message);
    await pool.close();
    expect(await running).toBe('the pool is closed');
    expect(await waiting).toBe('the pool is closed');
    await expect(pool.run({ op: 'echo', value: 3 })).rejects.toThrow('the worker pool is closed');
  });
});

describe.runIf(process.platform === 'linux')('the worker thread as Linux sees it (boot.mjs)', () => {
  type Seen = { tid: number; name: string; nice: number };
  const ownTid = () => Number(readFileSync('/proc/thread-self/stat', 'utf8').split(' ')[0]);

  it('is named, and its nice value raised by the amount asked, leaving the calling thread as it was', async () => {
    const before = getPriority(ownTid());
    const seen = (await make({ thread: { name: 'mac-test-bg', nice: 7 } }).run({ op: 'linux-thread' })) as Seen;
    expect(seen.name).toBe('mac-test-bg');
    expect(seen.nice).toBe(Math.min(19, before + 7));
    expect(seen.tid).not.toBe(ownTid());
    expect(getPriority(ownTid())).toBe(before);
  });

  it('keeps Node’s name and the process’s priority without the option; a name is cut to 15 characters', async () => {
    const before = getPriority(ownTid());
    const plain = (await make().run({ op: 'linux-thread' })) as Seen;
    expect(plain.nice).toBe(before);
    expect(plain.name).not.toMatch(/^mac-/);
    await pool.close();
    const long = (await make({ thread: { name: 'mac-a-very-long-thread-name' } }).run({ op: 'linux-thread' })) as Seen;
    expect(long.name).toBe('mac-a-very-long');
    expect(long.nice).toBe(before);
  });
});
