// The SQLite adapter of the storage port (port.ts): the embedded default.
//
// One writing connection, owned by ONE worker thread (host.ts runs there): better-sqlite3 is synchronous,
// which is right inside the worker and wrong on the event loop that serves every room and request. The
// main thread sends batches of calls; while a batch is being written, new calls wait and go together as
// the next batch (group commit: one fsync for all of them, across rooms). Each call's promise settles when
// its batch has committed, so a caller that awaits a write knows it is durable (synchronous=FULL).
//
// Reads (the methods listed in reads.ts) go to a second lane: a read-only connection in a second worker
// (or several, `readers`: read-lanes.ts), so a read never waits for a commit's fsync, and a long read never
// holds up the writes. A few lookups by
// key that every request makes first (point-reads.ts) are answered at once on the caller's thread, from a
// third, read-only connection: cheaper for the event loop than the round trip to a thread. In memory there
// is no second connection, and reads share the write lane.
//
// `thread: 'inline'` runs the same hosts on the caller's thread (the writes of one turn still share a
// transaction): for tools and tests that open many small databases, where a worker's start-up (~0.5 s to
// load the code) would dominate.
import { Worker } from 'node:worker_threads';
import { TYPESCRIPT_WORKER_BOOT, withoutPreloads } from '@mac/threads';
import type { MacDb, OpenOptions } from '../open.js';
import { backupDatabase } from '../open.js';
import type { HouseholdEventUnit, ImportJournal, PersistWrite, Repos, Store, UpdateAppend } from '../port.js';
import type { RepoOptions, SqliteRepos } from '../repos/index.js';
import type { AuditInput } from '../repos/audit.js';
import type { EntryProjectionInput } from '../repos/entries.js';
import { openSqliteHost, reviveError, type Call, type Lane, type Outcome, type SqliteHost } from './host.js';
import { isPointRead, runPointRead } from './point-reads.js';
import { isRead, ORDERED_READS } from './reads.js';
import { readLanes, type CallLane } from './read-lanes.js';
import { keptPages } from '../kept-pages.js';
import { pageStatement } from '../repos/entry-page.js';
import { nextWriteBatch } from './slice-yield.js';
import type { EntryPage, EntryPageQuery } from '../entry-pages.js';
import { traceFromThread, traceNow, traceSent, traceSpan, traceWorker, tracing, type WorkerStamps } from '../latency-trace.js';

export interface SqliteStoreOptions extends RepoOptions {
  /** Default 'worker'. 'inline' cannot take a `now` clock across threads, so a custom `now` needs it. */
  thread?: 'worker' | 'inline';
  /** Default true: an import's slice lets small calls go first (slice-yield.ts); false for its bench's reference. */
  sliceYield?: boolean;
  /**
   * Reading threads, each with its own read-only connection (default 1; `MAC_SQLITE_READERS`). Each read
   * goes to the one with the fewest calls outstanding (read-lanes.ts). Inline: always one.
   */
  readers?: number;
}

export interface SqliteStore extends Store {
  readonly backend: 'sqlite';
  /** The database file, or null in memory. */
  readonly file: string | null;
  /**
   * Batches committed and calls carried on the write lane, reads on the read lane, and point reads
   * answered on the caller's thread (point-reads.ts), and pages of entries served from those kept on the
   * caller's thread (../kept-pages.ts) and the versions asked for them (none when the caller passed the
   * version its access read gave), since opening.
   */
  stats(): { batches: number; calls: number; reads: number; readsPerThread: number[]; pointReads: number; keptPageHits: number; versionReads: number };
  /**
   * The connection itself when the store runs inline (null in a worker): for tests that look at the file
   * between requests. Never for writes: they go through the port.
   */
  inlineConnection(): MacDb | null;
}

const REPO_NAMES = ['agencies', 'users', 'sessions', 'apiTokens', 'chronologies', 'updateLog', 'docClients', 'entries', 'audit', 'patternReviews', 'breakGlass', 'loginAttempts', 'snapshots', 'notifications', 'households', 'people', 'analysis', 'alerts', 'actions', 'search'] as const satisfies ReadonlyArray<keyof Repos>;

type Transport = { run(calls: Call[]): Promise<Outcome[]>; backup(target: string): Promise<void>; close(): Promise<void>; file: string | null; db?: MacDb };

export async function openSqliteStore(open: OpenOptions, opts: SqliteStoreOptions): Promise<SqliteStore> {
  const { transport, readTransports } = (opts.thread ?? 'worker') === 'inline' ? openInline(open, opts) : await openWorkers(open, opts);
  const closeReaders = () => Promise.all(readTransports.map((t) => t.close()));
  const writes = lane(transport, { sliceYield: opts.sliceYield !== false });
  const readers = readTransports.map((t) => lane(t, { pipelined: true }));
  const reads = readers.length === 0 ? writes : readLanes(readers);
  let point: ReturnType<typeof pointReader> | null = null;
  try {
    if (readTransports.length > 0) point = pointReader(openPointHost(transport.file!, opts));
  } catch (err) {
    await closeReaders();
    await transport.close();
    throw err;
  }
  let closed = false;
  // Pages of entries kept here, checked by a point read of their chronology's version (../kept-pages.ts);
  // only where there are point reads (a file, not memory).
  const pages =
    point === null
      ? null
      : keptPages({
          statement: pageStatement,
          version: (chronologyId) => point!.read({ kind: 'repo', repo: 'entries', method: 'version', args: [chronologyId] }) as Promise<number> | null,
          pageAt: (chronologyId, q) => reads.call({ kind: 'repo', repo: 'entries', method: 'pageAt', args: [chronologyId, q] }) as Promise<{ page: EntryPage; version: number }>,
        });

  // Writes queued or in flight on the write lane, per repository of ORDERED_READS (reads.ts): while there
  // are any, that repository's reads queue behind them, so that they see them.
  const orderedWrites = new Map<string, number>();
  const orderedCall = (c: Call & { kind: 'repo' }): Promise<unknown> => {
    if (!isRead(c.repo, c.method)) {
      const repo = c.repo;
      orderedWrites.set(repo, (orderedWrites.get(repo) ?? 0) + 1);
      const written = writes.call(c);
      const done = () => void orderedWrites.set(repo, orderedWrites.get(repo)! - 1);
      // Counted down before the caller's own continuation runs (registered first); both paths handled
      // here, so this chain never rejects: the caller handles the write's failure on `written`.
      void written.then(done, done);
      return written;
    }
    if ((orderedWrites.get(c.repo) ?? 0) > 0) return writes.call(c);
    return readCall(c);
  };
  const pointCall = (c: Call): Promise<unknown> => point?.read(c) ?? reads.call(c);
  const readCall = (c: Call & { kind: 'repo' }): Promise<unknown> => (isPointRead(c.repo, c.method) ? pointCall(c) : reads.call(c));
  // Where a repository method goes is decided once per method, not per call (every request makes several:
  // profiled under the load bench's audited page, the string keys looked up per call were ~1% of the event loop).
  type Route = (c: Call & { kind: 'repo' }) => Promise<unknown>;
  const routeOf = (repo: string, method: string): Route => {
    if (pages !== null && repo === 'entries' && method === 'page') return (c) => pages.page(c.args[0] as string, c.args[1] as EntryPageQuery, c.args[2] as number | undefined);
    if (ORDERED_READS.has(repo) && reads !== writes) return orderedCall;
    if (isRead(repo, method)) return point !== null && isPointRead(repo, method) ? pointCall : (c) => reads.call(c);
    return (c) => writes.call(c);
  };
  const call = (c: Call): Promise<unknown> => {
    if (closed) return Promise.reject(new Error('the store is closed'));
    return c.kind === 'repo' ? routeOf(c.repo, c.method)(c) : writes.call(c);
  };

  const repos = Object.fromEntries(
    REPO_NAMES.map((repo) => {
      // Each method's function made once, with its route.
      const methods = new Map<string, (...args: unknown[]) => Promise<unknown>>();
      const methodOf = (method: string) => {
        let fn = methods.get(method);
        if (fn === undefined) {
          const route = routeOf(repo, method);
          fn = (...args: unknown[]) => (closed ? Promise.reject(new Error('the store is closed')) : route({ kind: 'repo', repo, method, args }));
          methods.set(method, fn);
        }
        return fn;
      };
      return [
        repo,
        new Proxy(
          {},
          {
            // Not a thenable: an awaited repository must stay a repository.
            get: (_target, method) => (typeof method !== 'string' || method === 'then' ? undefined : methodOf(method)),
          },
        ),
      ];
    }),
  ) as unknown as Repos;

  const unit = <T>(method: string, ...args: unknown[]) => call({ kind: 'unit', method, args }) as Promise<T>;
  let closing: Promise<void> | null = null;
  return {
    backend: 'sqlite',
    location: transport.file ?? ':memory:',
    file: transport.file,
    repos,
    persistBatch: (writes: readonly PersistWrite[]) => unit<number[]>('persistBatch', writes),
    recordHouseholdEvent: (householdEvent: HouseholdEventUnit) => unit<number[]>('recordHouseholdEvent', householdEvent),
    appendUpdates: (writes: readonly UpdateAppend[]) => unit<number[]>('appendUpdates', writes),
    rebuildDoc: (docName: string, rows: readonly EntryProjectionInput[]) => unit<void>('rebuildDoc', docName, rows),
    appendAudit: (records: readonly AuditInput[]) => unit<void>('appendAudit', records),
    beginImport: (journal: ImportJournal) => unit<void>('beginImport', journal),
    claimImport: (importId: string, writer: string, idleBefore: string | null) => unit<boolean>('claimImport', importId, writer, idleBefore),
    finishImport: (importId: string, writer: string, record: AuditInput) => unit<boolean>('finishImport', importId, writer, record),
    pendingImports: (chronologyId?: string) => unit<ImportJournal[]>('pendingImports', ...(chronologyId === undefined ? [] : [chronologyId])),
    // Through the connection's own thread: a worker that no longer answers fails this too.
    ping: () => unit<void>('ping'),
    backup: (target) => transport.backup(target),
    // One server process owns a SQLite file (the worker holds it): nothing else can be starting on it.
    exclusively: <T>(_name: string, work: () => Promise<T>) => work(),
    stats: () => ({ batches: writes.batches(), calls: writes.calls(), reads: reads === writes ? 0 : reads.calls(), readsPerThread: readers.map((r) => r.calls()), pointReads: point?.count() ?? 0, keptPageHits: pages?.stats().hits ?? 0, versionReads: pages?.stats().versionReads ?? 0 }),
    inlineConnection: () => transport.db ?? null,
    close() {
      closing ??= (async () => {
        closed = true;
        await Promise.all([writes.drained(), reads.drained()]);
        point?.close();
        await closeReaders();
        await transport.close();
      })();
      return closing;
    },
  };
}

/**
 * One lane: a queue of calls sent to its transport in batches. On the write lane, while a batch is out, new
 * calls wait and go together as the next one (group commit: one fsync for all of them). The read lane is
 * `pipelined`: it commits nothing, so the calls of each synchronous run go at once, without waiting for
 * the batch before to come back; the reader thread works on the next batch while this thread handles
 * the answers to the last (measured: with one batch out at a time, each thread sat idle half the time).
 */
function lane(transport: Transport, opts: { pipelined?: boolean; sliceYield?: boolean } = {}): CallLane {
  let queue: Array<{ call: Call; resolve: (v: unknown) => void; reject: (e: Error) => void; at?: number; yielded?: boolean }> = [];
  const laneName = opts.pipelined === true ? 'read' : 'write';
  let inFlight = 0;
  // Calls sent and not yet answered (a pipelined lane has several batches out at once).
  let callsOut = 0;
  let scheduled = false;
  let batches = 0;
  let calls = 0;
  const mayStart = () => (opts.pipelined === true ? true : inFlight === 0);

  const sendNext = async () => {
    scheduled = false;
    if (!mayStart() || queue.length === 0) return;
    inFlight += 1;
    // On the write lane an import's slice lets the small calls queued with it go first (slice-yield.ts).
    let batch = queue;
    if (opts.sliceYield === true) {
      const next = nextWriteBatch(queue);
      batch = next.batch;
      queue = next.rest;
    } else queue = [];
    batches += 1;
    calls += batch.length;
    callsOut += batch.length;
    if (tracing) {
      const now = traceNow();
      // MAC_LATENCY_TRACE=1: how long calls waited here for the batch in flight (the lane's queue).
      for (const b of batch) if (b.at !== undefined) traceSpan(`db.${laneName}.0 call → its batch is posted`, b.at, now);
    }
    try {
      const outcomes = await transport.run(batch.map((b) => b.call));
      batch.forEach((b, i) => {
        const outcome = outcomes[i]!;
        if (outcome.ok) b.resolve(outcome.value);
        else b.reject(reviveError(outcome.error));
      });
    } catch (err) {
      for (const b of batch) b.reject(err instanceof Error ? err : new Error(String(err)));
    } finally {
      inFlight -= 1;
      callsOut -= batch.length;
      if (queue.length > 0) schedule();
    }
  };
  // The calls made in the same synchronous run go as one batch; on the write lane, later ones wait for the
  // batch in flight.
  const schedule = () => {
    if (scheduled || !mayStart()) return;
    scheduled = true;
    queueMicrotask(() => void sendNext());
  };
  return {
    call: (c: Call): Promise<unknown> =>
      new Promise((resolve, reject) => {
        queue.push(tracing ? { call: c, resolve, reject, at: traceNow() } : { call: c, resolve, reject });
        schedule();
      }),
    batches: () => batches,
    calls: () => calls,
    outstanding: () => queue.length + callsOut,
    async drained() {
      while (inFlight > 0 || queue.length > 0) await new Promise((r) => setTimeout(r, 1));
    },
  };
}

/** The point reads' connection, on the caller's thread (point-reads.ts): read-only, never waiting for a lock. */
function openPointHost(file: string, opts: RepoOptions): PointHost {
  const host: SqliteHost = openSqliteHost({ file }, opts, 'read');
  host.db.sqlite.pragma('busy_timeout = 0');
  return { runBatch: (calls) => calls.map((c) => runPointRead(host, c)), close: () => host.db.close() };
}

export type PointHost = Pick<SqliteHost, 'runBatch'> & { close(): void };

/**
 * Point reads on the caller's thread: `read` answers a call at once, or returns null when the database was
 * busy (the connection does not wait): the caller then sends it to the read lane, which may wait, off the
 * event loop.
 */
export function pointReader(host: PointHost) {
  let count = 0;
  return {
    read(c: Call): Promise<unknown> | null {
      const [outcome] = host.runBatch([c]);
      if (outcome!.ok) {
        count += 1;
        return Promise.resolve(outcome!.value);
      }
      if (/^SQLITE_BUSY/.test(outcome!.error.code ?? '')) return null;
      return Promise.reject(reviveError(outcome!.error));
    },
    count: () => count,
    close: () => host.close(),
  };
}

function openInline(open: OpenOptions, opts: RepoOptions): { transport: Transport; readTransports: Transport[] } {
  const transport = inlineTransport(open, opts, 'write');
  return { transport, readTransports: transport.file === null ? [] : [inlineTransport({ file: transport.file }, opts, 'read')] };
}

/** Every thread at once (starting one is mostly loading code); the readers open the file once the writer has migrated it. */
async function openWorkers(open: OpenOptions, opts: SqliteStoreOptions): Promise<{ transport: Transport; readTransports: Transport[] }> {
  const writer = startWorker(open, opts, 'write');
  const count = 'memory' in open ? 0 : Math.max(1, opts.readers ?? 1);
  // The first is mac-db-read, as it always was (the county bench's thread table, operators' tools); then mac-db-read-2…
  const readers = Array.from({ length: count }, (_, i) => startWorker(null, opts, 'read', i === 0 ? 'mac-db-read' : `mac-db-read-${i + 1}`));
  try {
    const transport = await writer.ready(null);
    const file = transport.file;
    const readTransports = file === null ? [] : await Promise.all(readers.map((r) => r.ready({ file })));
    return { transport, readTransports };
  } catch (err) {
    await Promise.all([writer.terminate(), ...readers.map((r) => r.terminate())]);
    throw err;
  }
}

function inlineTransport(open: OpenOptions, opts: RepoOptions, laneName: Lane): Transport {
  const host = openSqliteHost(open, opts, laneName);
  return {
    file: host.db.file,
    db: host.db,
    run: async (calls) => host.runBatch(calls),
    backup: (target) => backupDatabase(host.db, target),
    close: async () => host.db.close(),
  };
}

// The worker starts from @mac/threads' boot, which registers tsx and then loads worker.ts: the sources are
// TypeScript at run time (the server runs under tsx), and a worker does not inherit its parent's loader.
const ENTRY = new URL('./worker.ts', import.meta.url).href;

// Unique across the threads (the latency trace keys a message by its lane and id, and there may be several readers).
let nextMessageId = 1;

function startWorker(open: OpenOptions | null, opts: SqliteStoreOptions, laneName: Lane, threadName = `mac-db-${laneName}`) {
  if (opts.now !== undefined) throw new Error("a custom clock needs thread: 'inline' (a function cannot cross to the worker)");
  // Without the process's preloads (`--import`/`--require`): a worker inherits them, and they would run
  // there before the boot has registered tsx (a preloaded .ts module then fails to load), or run a
  // process-wide probe twice. Other flags (memory, profiling) are kept.
  const worker = new Worker(TYPESCRIPT_WORKER_BOOT, { workerData: { entry: ENTRY, open, auditKey: opts.auditKey, lane: laneName, thread: { name: threadName } }, execArgv: withoutPreloads(process.execArgv) });
  const waiting = new Map<number, { resolve: (v: unknown) => void; reject: (e: Error) => void }>();
  let failure: Error | null = null;
  const failAll = (err: Error) => {
    failure ??= err;
    for (const w of waiting.values()) w.reject(err);
    waiting.clear();
  };
  worker.on('message', (msg: { id: number; ok: boolean; value?: unknown; error?: Parameters<typeof reviveError>[0]; t?: WorkerStamps; s?: Array<[string, number, number]> }) => {
    if (msg.t !== undefined) traceWorker(laneName, msg.id, msg.t);
    if (msg.s !== undefined) traceFromThread(msg.s);
    const w = waiting.get(msg.id);
    if (w === undefined) return;
    waiting.delete(msg.id);
    if (msg.ok) w.resolve(msg.value);
    else w.reject(reviveError(msg.error!));
  });
  worker.on('error', (err) => failAll(err));
  worker.on('exit', (code) => failAll(new Error(`the SQLite ${laneName === 'read' ? 'reader' : 'worker'} stopped (exit code ${code})`)));
  const request = (kind: string, payload: unknown): Promise<unknown> => {
    if (failure !== null) return Promise.reject(failure);
    const id = nextMessageId++;
    return new Promise((resolve, reject) => {
      waiting.set(id, { resolve, reject });
      if (tracing && kind === 'batch') traceSent(laneName, id, payload as Call[]);
      worker.postMessage({ id, kind, payload });
    });
  };
  return {
    terminate: () => worker.terminate(),
    /** Waits until the thread has its database open (a reader is told which file here). */
    async ready(openLater: OpenOptions | null): Promise<Transport> {
      const ready = (await request('ready', openLater)) as { file: string | null };
      return {
        file: ready.file,
        run: (calls) => request('batch', calls) as Promise<Outcome[]>,
        backup: async (target) => void (await request('backup', target)),
        async close() {
          if (failure === null) await request('close', null).catch(() => {});
          await worker.terminate();
        },
      };
    },
  };
}

// Compile-time proof that the SQLite repositories implement the declared port: each method, its promise.
type Promised<T> = { [K in keyof T]: T[K] extends (...args: infer A) => infer R ? (...args: A) => Promise<R> : never };
type SqliteAsRepos = { [K in keyof SqliteRepos]: Promised<SqliteRepos[K]> };
export type SqliteImplementsPort = SqliteAsRepos extends Repos ? true : never;
const implementsPort: SqliteImplementsPort = true;
void implementsPort;
