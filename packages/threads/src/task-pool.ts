// One worker thread that runs one kind of pure, CPU-heavy task (drawing a PDF, decoding or merging a
// stored document state, evaluating patterns) off the event loop, one task at a time: a bounded cost,
// never several tasks' worth at once. The queue may be bounded: beyond it a task is refused at once (the
// caller's error, a 503 with Retry-After) rather than left to pile up memory and time. A worker gets plain
// data (structured clone, or buffers moved to it), never deps or database handles. A task that throws
// fails alone; a worker that dies (its heap is capped) fails its task, and the next task starts a new one.
//
// An idle worker never keeps the process alive (one at work does: its caller awaits it), and may be let
// go after a while without work (`idleMs`), its heap with it.
import { Worker, type TransferListItem } from 'node:worker_threads';
import { withoutPreloads } from './without-preloads.js';

export interface TaskPoolOptions<In> {
  /** The worker module (a .ts file calling `serveTasks`), as a file URL string. */
  entry: string;
  /** Tasks that may wait while one runs; one more is refused with `full(queued)`. Unbounded without it. */
  maxQueued?: number;
  /** The error a refused task is rejected with (required with `maxQueued`). */
  full?: (queued: number) => Error;
  /** What a failed task's error says first, e.g. "the conference pack could not be drawn". */
  failure: string;
  /** What the tasks running and waiting when the pool closes are rejected with (default "the server is shutting down"). */
  closed?: string;
  /** The worker's heap ceiling in MB. */
  maxWorkerHeapMb?: number;
  /** Ends the worker after this long without a task (kept until the pool closes without it). */
  idleMs?: number;
  /**
   * Turns a task's input into what is posted, and the buffers moved rather than copied, when the task
   * starts (so a queued task holds only its input). Without it the input is posted (copied) as it is.
   */
  prepare?: (input: In) => { message: unknown; transfer: TransferListItem[] };
  /**
   * Tests only: a shared cell (Int32Array over a SharedArrayBuffer); while it holds 1 the worker waits
   * before each task, so a test can see what the server does meanwhile.
   */
  hold?: Int32Array;
  /** Told when the worker has taken a task (before it runs it). */
  onStarted?: () => void;
  /**
   * The worker thread's name (15 characters at most, as `top -H` shows it) and how much higher its nice
   * value is than the process's (Linux, per thread; 19 at most): work nobody waits for interactively then
   * yields the CPU to the event loop (boot.mjs).
   */
  thread?: { name: string; nice?: number };
}

export interface TaskPoolStats {
  /** 1 while a task runs. */
  running: number;
  queued: number;
  /** Worker threads started since the pool was made. */
  started: number;
  /** Tasks begun since the pool was made. */
  tasks: number;
  /** 1 while a worker thread exists (at work or idle, not yet let go or failed). */
  threads: number;
}

export interface TaskPool<In, Out> {
  run(input: In): Promise<Out>;
  stats(): TaskPoolStats;
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

export function createTaskPool<In, Out>(opts: TaskPoolOptions<In>): TaskPool<In, Out> {
  const queue: Job<In, Out>[] = [];
  let current: Job<In, Out> | null = null;
  let worker: Worker | null = null;
  let idleTimer: NodeJS.Timeout | null = null;
  let nextId = 1;
  let started = 0;
  let tasks = 0;
  let closed = false;
  const closedMessage = opts.closed ?? 'the server is shutting down';

  const startWorker = (): Worker => {
    // Without the process's preloads: they would run before boot.mjs has registered tsx. Memory and
    // profiling flags are kept.
    const w = new Worker(BOOT, {
      workerData: { entry: opts.entry, hold: opts.hold, thread: opts.thread },
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
      // A worker let go while idle, or replaced, fails nothing.
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

  const letGoWhenIdle = () => {
    if (opts.idleMs === undefined || worker === null || idleTimer !== null) return;
    idleTimer = setTimeout(() => {
      idleTimer = null;
      if (current !== null || queue.length > 0 || worker === null) return;
      const w = worker;
      worker = null;
      void w.terminate();
    }, opts.idleMs);
    idleTimer.unref();
  };

  const next = () => {
    if (current !== null || closed) return;
    const job = queue.shift();
    if (job === undefined) {
      worker?.unref();
      letGoWhenIdle();
      return;
    }
    if (idleTimer !== null) clearTimeout(idleTimer);
    idleTimer = null;
    worker ??= startWorker();
    worker.ref();
    current = job;
    tasks += 1;
    if (opts.prepare === undefined) return worker.postMessage({ id: job.id, input: job.input });
    const { message, transfer } = opts.prepare(job.input);
    worker.postMessage({ id: job.id, input: message }, transfer);
  };

  return {
    run(input) {
      if (closed) return Promise.reject(new Error('the worker pool is closed'));
      if (opts.maxQueued !== undefined && current !== null && queue.length >= opts.maxQueued) {
        return Promise.reject(opts.full?.(queue.length) ?? new Error(`${opts.failure}: ${queue.length} tasks are already waiting`));
      }
      return new Promise<Out>((resolve, reject) => {
        queue.push({ id: nextId++, input, resolve, reject });
        next();
      });
    },
    stats: () => ({ running: current === null ? 0 : 1, queued: queue.length, started, tasks, threads: worker === null ? 0 : 1 }),
    async close() {
      if (closed) return;
      closed = true;
      if (idleTimer !== null) clearTimeout(idleTimer);
      const stopped = new Error(closedMessage);
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
