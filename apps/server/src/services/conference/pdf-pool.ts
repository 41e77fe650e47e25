// Conference pack PDFs are drawn off the event loop (@mac/threads' task pool). pdfkit's layout costs about 1.2 s of one thread per
// 1,000 entries (issue 17): on the main thread every other request and every room would wait that long.
// One worker thread (pdf-worker.ts) draws one pack at a time; packs asked for meanwhile wait in a short
// queue, and beyond it a request is refused at once (503 with Retry-After) rather than left to pile up
// memory and time. The worker gets plain data (the pack as already chosen for the reader), never deps.
import { ApiError } from '../../http/errors.js';
import { createTaskPool } from '@mac/threads';
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

const ENTRY = new URL('./pdf-worker.ts', import.meta.url).href;

export function createPdfPool(opts: PdfPoolOptions = {}): PdfRenderer {
  const pool = createTaskPool<{ pack: PackDocument; opts: RenderOptions }, Uint8Array>({
    entry: ENTRY,
    maxQueued: opts.maxQueued ?? DEFAULT_PDF_QUEUE,
    full: (queued) => new PdfQueueFull(queued),
    failure: 'the conference pack could not be drawn',
    // Nobody watches a pack being drawn (seconds for a large chronology): the event loop and the SQLite
    // threads come first when the CPUs are busy.
    thread: { name: 'mac-pdf', nice: 10 },
    maxWorkerHeapMb: opts.maxWorkerHeapMb,
    hold: opts.hold,
    onStarted: opts.onStarted,
  });
  return {
    async render(pack, renderOpts = {}) {
      const bytes = await pool.run({ pack, opts: renderOpts });
      return Buffer.from(bytes.buffer, bytes.byteOffset, bytes.byteLength);
    },
    stats: () => {
      const { running, queued, started } = pool.stats();
      return { drawing: running, queued, started };
    },
    close: () => pool.close(),
  };
}
