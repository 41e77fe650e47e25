// One worker thread that runs one kind of pure, CPU-heavy task (drawing a PDF, decoding a stored document
// state) off the event loop, one task at a time, with a bounded queue: beyond it a task is refused at once
// (the caller's error, a 503 with Retry-After) rather than left to pile up memory and time. A worker gets
// plain data (structured clone), never deps or database handles. A task that throws fails alone; a worker
// that dies (its heap is capped) fails its task, and the next task starts a new one.
import { Worker } from 'node:worker_threads';
import { withoutPreloads } from '@mac/db';

export interface TaskPoolOptions {
  /** The worker module (a .ts file calling `serveTasks`), as a file URL. */
  entry: string;
  /** Tasks that may wait while one runs; one more is refused with `full(queued)`. */
  maxQueued: number;
  /** The error a refused task is rejected with. */
  full: (queued: number) => Error;
  /** What a failed task's error says first, e.g. "the conference pack could not be drawn". */
  failure: string;
  /** The worker's heap ceiling in MB. */
  maxWorkerHeapMb?: number;
  /**
   * Tests only: a shared cell (Int32Array over a SharedArrayBuffer); while it holds 1 the worker waits
   * before each task, so a test can see what the server does meanwhile.
   */
  hold?: Int32Array;
  /** Told when the worker has taken a task (before it runs it). */
  onStarted?: () => void;
}

export interface TaskPool<In, Out> {
  run(input: In): Promise<Out>;
  stats(): { running: number; queued: number; started: number };
  close(): Promise<void>;
}

interface Job<In, Out> {
  id: number;
  input: In;
  resolve: (out: Out) => void;
  reject: (err: Error) => void;
}

type Reply = { id: number; kind: 'started' } | { id: number; kind: 'done'; value: unknown } | { id: number; kind: 'failed'; message: string };

const BOOT = new URL('./boot.mjs', import.meta.url);

export function createTaskPool<In, Out>(opts: TaskPoolOptions): TaskPool<In, Out> {
  const queue: Job<In, Out>[] = [];
  let current: Job<In, Out> | null = null;
  let worker: Worker | null = null;
  let nextId = 1;
  let started = 0;
  let closed = false;

  const startWorker = (): Worker => {
    // Without the process's preloads (a bench probe, tsx's own): they would run before boot.mjs has
    // registered tsx. Memory and profiling flags are kept.
    const w = new Worker(BOOT, {
      workerData: { entry: opts.entry, hold: opts.hold },
      execArgv: withoutPreloads(process.execArgv),
      resourceLimits: { maxOldGenerationSizeMb: opts.maxWorkerHeapMb ?? 1024 },
    });
    started += 1;
    w.on('message', (msg: Reply) => {
      if (current === null || msg.id !== current.id) return;
      if (msg.kind === 'started') return opts.onStarted?.();
      const job = current;
      current = null;
      if (msg.kind === 'done') job.resolve(msg.value as Out);
      else job.reject(new Error(`${opts.failure}: ${msg.message}`));
      next();
    });
    const lost = (err: Error) => {
      if (worker !== w) return;
      worker = null;
      const job = current;
      current = null;
      job?.reject(err);
      if (!closed) next();
    };
    w.on('error', (err) => lost(new Error(`${opts.failure}: the worker failed: ${err.message}`)));
    w.on('exit', (code) => lost(new Error(`${opts.failure}: the worker stopped (exit code ${code})`)));
    return w;
  };

  const next = () => {
    if (current !== null || closed) return;
    const job = queue.shift();
    if (job === undefined) {
      // Idle: the worker does not keep the process alive.
      worker?.unref();
      return;
    }
    worker ??= startWorker();
    worker.ref();
    current = job;
    worker.postMessage({ id: job.id, input: job.input });
  };

  return {
    run(input) {
      if (closed) return Promise.reject(new Error('the worker pool is closed'));
      if (current !== null && queue.length >= opts.maxQueued) return Promise.reject(opts.full(queue.length));
      return new Promise<Out>((resolve, reject) => {
        queue.push({ id: nextId++, input, resolve, reject });
        next();
      });
    },
    stats: () => ({ running: current === null ? 0 : 1, queued: queue.length, started }),
    async close() {
      if (closed) return;
      closed = true;
      const stopped = new Error('the server is shutting down');
      for (const job of queue.splice(0)) job.reject(stopped);
      current?.reject(stopped);
      current = null;
      const w = worker;
      worker = null;
      if (opts.hold !== undefined) {
        Atomics.store(opts.hold, 0, 0);
        Atomics.notify(opts.hold, 0);
      }
      await w?.terminate();
    },
  };
}
