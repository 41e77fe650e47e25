// The county bench's document clients, in worker threads of the bench (doc-clients-worker.ts): every
// client of one chronology in the same worker, chosen by its id. In reality each user has their own
// machine; here all of them share the bench's process, and a client applying a 2,000+ entry document
// (~1.7 MB, 35–60 ms of CPU, more under load) on the thread that also times HTTP answers made every answer
// arriving meanwhile look that much slower. The documents' own figures stay whole (from the open to the
// first full sync, the client's applying included), timed in the worker that does the work.
import { monitorEventLoopDelay, type IntervalHistogram } from 'node:perf_hooks';
import { Worker } from 'node:worker_threads';
import { TYPESCRIPT_WORKER_BOOT, withoutPreloads } from '@mac/threads';
import type { Entry } from '@mac/domain';
import type { Recorder } from './stats.js';

export type ToDocs =
  | { op: 'open'; id: number; origin: string; cookie: string; docName: string; label: string }
  | { op: 'write'; id: number; entry: Entry }
  | { op: 'focus'; id: number; focus: unknown }
  | { op: 'close'; id: number }
  | { op: 'lag'; on: boolean }
  | { op: 'abort' }
  | { op: 'stop' };

export type FromDocs =
  | { kind: 'record'; action: string; ms: number }
  | { kind: 'count'; what: string }
  | { kind: 'error'; action: string; what: string }
  | { kind: 'opened'; id: number; ok: boolean }
  | { kind: 'lag'; p99: number; max: number }
  | { kind: 'stopped' };

/** A client opened in a worker: the worker's index and the client's number. */
export interface DocHandle {
  worker: number;
  id: number;
}

export interface LagFigures {
  p99: number;
  max: number;
}

const WORKER = new URL('./doc-clients-worker.ts', import.meta.url);

export class DocClients {
  private readonly workers: Worker[];
  private readonly opening = new Map<number, (ok: boolean) => void>();
  private readonly waiting: Array<(msg: FromDocs) => void> = [];
  private readonly open = new Set<number>();
  private nextId = 1;
  /** A worker failed (its error is counted): opens fail at once rather than wait for it. */
  private failed = false;

  constructor(
    private readonly origin: string,
    private readonly rec: Recorder,
    threads = 2,
  ) {
    this.workers = Array.from({ length: threads }, () => {
      // Booted as the server's own worker threads are (tsx registered first; the thread named for top -H).
      const w = new Worker(TYPESCRIPT_WORKER_BOOT, { workerData: { entry: WORKER.href, thread: { name: 'bench-docs' } }, execArgv: withoutPreloads(process.execArgv) });
      w.on('message', (msg: FromDocs) => this.heard(msg));
      // A worker that fails fails the opens it had (they count as errors; the run goes on without them).
      w.on('error', (err) => {
        this.failed = true;
        this.rec.error('document clients', `a worker failed: ${err.message}`);
        for (const done of this.opening.values()) done(false);
        this.opening.clear();
        for (const answer of this.waiting.splice(0)) answer({ kind: 'stopped' });
      });
      return w;
    });
  }

  private heard(msg: FromDocs): void {
    switch (msg.kind) {
      case 'record':
        return this.rec.record(msg.action, msg.ms);
      case 'count':
        return this.rec.count(msg.what);
      case 'error':
        return this.rec.error(msg.action, msg.what);
      case 'opened': {
        const done = this.opening.get(msg.id);
        this.opening.delete(msg.id);
        if (!msg.ok) this.open.delete(msg.id);
        return done?.(msg.ok);
      }
      default:
        return this.waiting.shift()?.(msg);
    }
  }

  get openClients(): number {
    return this.open.size;
  }

  /** Every client of a chronology in one worker: a write's delivery to the others is timed on one clock. */
  private workerFor(docName: string): number {
    let h = 0;
    for (let i = 0; i < docName.length; i++) h = (h * 31 + docName.charCodeAt(i)) >>> 0;
    return h % this.workers.length;
  }

  /** Opens a stock client on `docName`, timed under `label` to its first full sync; undefined if it failed. */
  async openDoc(cookie: string, docName: string, label: string): Promise<DocHandle | undefined> {
    if (this.failed) return undefined;
    const handle = { worker: this.workerFor(docName), id: this.nextId++ };
    this.open.add(handle.id);
    const ok = await new Promise<boolean>((resolve) => {
      this.opening.set(handle.id, resolve);
      this.workers[handle.worker]!.postMessage({ op: 'open', id: handle.id, origin: this.origin, cookie, docName, label } satisfies ToDocs);
    });
    return ok ? handle : undefined;
  }

  /** Adds an entry to the client's document, as the browser's form does (timed from its writing there). */
  write(h: DocHandle, entry: Entry): void {
    this.workers[h.worker]!.postMessage({ op: 'write', id: h.id, entry } satisfies ToDocs);
  }

  focus(h: DocHandle, focus: unknown): void {
    this.workers[h.worker]!.postMessage({ op: 'focus', id: h.id, focus } satisfies ToDocs);
  }

  close(h: DocHandle): void {
    this.open.delete(h.id);
    this.workers[h.worker]!.postMessage({ op: 'close', id: h.id } satisfies ToDocs);
  }

  /** Opens still waiting for their first sync give up (the run's hard stop). */
  abort(): void {
    for (const w of this.workers) w.postMessage({ op: 'abort' } satisfies ToDocs);
  }

  private ask(w: Worker, msg: ToDocs): Promise<FromDocs> {
    if (this.failed) return Promise.resolve({ kind: 'stopped' });
    return new Promise((resolve) => {
      this.waiting.push(resolve);
      w.postMessage(msg);
    });
  }

  /** Starts watching each worker's event-loop delay (with the main thread's: `lagOf`). */
  watchLag(): IntervalHistogram {
    for (const w of this.workers) w.postMessage({ op: 'lag', on: true } satisfies ToDocs);
    const main = monitorEventLoopDelay({ resolution: 10 });
    main.enable();
    return main;
  }

  /** Each worker's event-loop delay since `watchLag`, ms. */
  async lags(): Promise<LagFigures[]> {
    const out: LagFigures[] = [];
    // One at a time: each answer is the next one waited for.
    for (const w of this.workers) {
      const msg = await this.ask(w, { op: 'lag', on: false });
      if (msg.kind === 'lag') out.push({ p99: msg.p99, max: msg.max });
    }
    return out;
  }

  /** Closes every client (the run is over). */
  async stop(): Promise<void> {
    for (const w of this.workers) await this.ask(w, { op: 'stop' });
    this.open.clear();
  }

  /** Ends the workers. */
  async end(): Promise<void> {
    await Promise.all(this.workers.map((w) => w.terminate()));
  }
}
