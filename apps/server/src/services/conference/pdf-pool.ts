// Conference pack PDFs are drawn off the event loop. pdfkit's layout costs about 1.2 s of one thread per
// 1,000 entries (issue 17): on the main thread every other request and every room would wait that long.
// One worker thread (pdf-worker.ts) draws one pack at a time; packs asked for meanwhile wait in a short
// queue, and beyond it a request is refused at once (503 with Retry-After) rather than left to pile up
// memory and time. The worker gets plain data (the pack as already chosen for the reader), never deps.
import { Worker } from 'node:worker_threads';
import { withoutPreloads } from '@mac/db';
import { ApiError } from '../../http/errors.js';
import type { PackDocument, RenderOptions } from './pdf.js';

/** What a full queue tells the caller to wait before asking again (a typical large pack takes a few seconds). */
export const PDF_RETRY_AFTER_SECONDS = 5;
export const DEFAULT_PDF_QUEUE = 4;

/** 503: every place for a pack is taken; the response carries Retry-After. */
export class PdfQueueFull extends ApiError {
  readonly retryAfterSeconds: number;

  constructor(queued: number) {
    super(503, 'packs_busy', `The server is already preparing ${queued + 1} conference packs. Try again in a few seconds.`, undefined, { retryAfterSeconds: PDF_RETRY_AFTER_SECONDS });
    this.retryAfterSeconds = PDF_RETRY_AFTER_SECONDS;
  }
}

export interface PdfPoolOptions {
  /** Packs that may wait while one is drawn; one more is refused with PdfQueueFull (default 4). */
  maxQueued?: number;
  /**
   * Tests only: a shared cell (Int32Array over a SharedArrayBuffer); while it holds 1 the worker waits
   * before drawing, so a test can see what the server does while a pack is being drawn.
   */
  hold?: Int32Array;
  /** Told when the worker has taken a pack (before it draws it). */
  onStarted?: () => void;
  /** The worker's heap ceiling: a pathological pack ends the worker (and fails that pack), not the server. */
  maxWorkerHeapMb?: number;
}

export interface PdfRenderer {
  /** The PDF of the pack, drawn in the worker; rejects with PdfQueueFull when the queue is full. */
  render(pack: PackDocument, opts?: RenderOptions): Promise<Buffer>;
  stats(): { drawing: number; queued: number; started: number };
  close(): Promise<void>;
}

interface Job {
  id: number;
  pack: PackDocument;
  opts: RenderOptions;
  resolve: (pdf: Buffer) => void;
  reject: (err: Error) => void;
}

type Reply = { id: number; kind: 'started' } | { id: number; kind: 'done'; bytes: Uint8Array } | { id: number; kind: 'failed'; message: string };

const BOOT = new URL('../../workers/boot.mjs', import.meta.url);
const ENTRY = new URL('./pdf-worker.ts', import.meta.url).href;

export function createPdfPool(opts: PdfPoolOptions = {}): PdfRenderer {
  const maxQueued = opts.maxQueued ?? DEFAULT_PDF_QUEUE;
  const queue: Job[] = [];
  let current: Job | null = null;
  let worker: Worker | null = null;
  let nextId = 1;
  let started = 0;
  let closed = false;

  const startWorker = (): Worker => {
    // Without the process's preloads (a bench probe, tsx's own): they would run before boot.mjs has
    // registered tsx. Memory and profiling flags are kept.
    const w = new Worker(BOOT, {
      workerData: { entry: ENTRY, hold: opts.hold },
      execArgv: withoutPreloads(process.execArgv),
      resourceLimits: { maxOldGenerationSizeMb: opts.maxWorkerHeapMb ?? 1024 },
    });
    started += 1;
    w.on('message', (msg: Reply) => {
      if (current === null || msg.id !== current.id) return;
      if (msg.kind === 'started') return opts.onStarted?.();
      const job = current;
      current = null;
      if (msg.kind === 'done') job.resolve(Buffer.from(msg.bytes.buffer, msg.bytes.byteOffset, msg.bytes.byteLength));
      else job.reject(new Error(`the conference pack could not be drawn: ${msg.message}`));
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
    w.on('error', (err) => lost(new Error(`the PDF worker failed: ${err.message}`)));
    w.on('exit', (code) => lost(new Error(`the PDF worker stopped (exit code ${code})`)));
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
    worker.postMessage({ id: job.id, pack: job.pack, opts: job.opts });
  };

  return {
    render(pack, renderOpts = {}) {
      if (closed) return Promise.reject(new Error('the PDF pool is closed'));
      if (current !== null && queue.length >= maxQueued) return Promise.reject(new PdfQueueFull(queue.length));
      return new Promise<Buffer>((resolve, reject) => {
        queue.push({ id: nextId++, pack, opts: renderOpts, resolve, reject });
        next();
      });
    },
    stats: () => ({ drawing: current === null ? 0 : 1, queued: queue.length, started }),
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
