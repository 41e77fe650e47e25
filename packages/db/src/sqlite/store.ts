// The SQLite adapter of the storage port (port.ts): the embedded default.
//
// One connection, owned by ONE worker thread (host.ts runs there): better-sqlite3 is synchronous, which
// is right inside the worker and wrong on the event loop that serves every room and request. The main
// thread sends batches of calls; while a batch is being written, new calls wait and go together as the
// next batch (group commit: one fsync for all of them, across rooms). Each call's promise settles when
// its batch has committed, so a caller that awaits a write knows it is durable (synchronous=FULL).
//
// `thread: 'inline'` runs the same host on the caller's thread (the calls of one turn still share a
// transaction): for tools and tests that open many small databases, where a worker's start-up (~0.5 s to
// load the code) would dominate.
import { Worker } from 'node:worker_threads';
import type { MacDb, OpenOptions } from '../open.js';
import { backupDatabase } from '../open.js';
import type { PersistWrite, Repos, Store, UpdateAppend } from '../port.js';
import type { RepoOptions, SqliteRepos } from '../repos/index.js';
import type { AuditInput } from '../repos/audit.js';
import type { EntryProjectionInput } from '../repos/entries.js';
import { openSqliteHost, reviveError, type Call, type Outcome } from './host.js';

export interface SqliteStoreOptions extends RepoOptions {
  /** Default 'worker'. 'inline' cannot take a `now` clock across threads, so a custom `now` needs it. */
  thread?: 'worker' | 'inline';
}

export interface SqliteStore extends Store {
  readonly backend: 'sqlite';
  /** The database file, or null in memory. */
  readonly file: string | null;
  /** Batches committed and calls carried, since opening (for benchmarks and operators). */
  stats(): { batches: number; calls: number };
  /**
   * The connection itself when the store runs inline (null in a worker): for tests that look at the file
   * between requests. Never for writes: they go through the port.
   */
  inlineConnection(): MacDb | null;
}

const REPO_NAMES = ['agencies', 'users', 'sessions', 'apiTokens', 'chronologies', 'updateLog', 'docClients', 'entries', 'audit', 'patternReviews', 'breakGlass', 'loginAttempts', 'snapshots', 'notifications', 'households', 'analysis', 'alerts', 'actions', 'search'] as const satisfies ReadonlyArray<keyof Repos>;

type Transport = { run(calls: Call[]): Promise<Outcome[]>; backup(target: string): Promise<void>; close(): Promise<void>; file: string | null; db?: MacDb };

export async function openSqliteStore(open: OpenOptions, opts: SqliteStoreOptions): Promise<SqliteStore> {
  const transport = (opts.thread ?? 'worker') === 'inline' ? inlineTransport(open, opts) : await workerTransport(open, opts);
  let queue: Array<{ call: Call; resolve: (v: unknown) => void; reject: (e: Error) => void }> = [];
  let inFlight = false;
  let scheduled = false;
  let closed = false;
  let batches = 0;
  let calls = 0;

  const sendNext = async () => {
    scheduled = false;
    if (inFlight || queue.length === 0) return;
    inFlight = true;
    const batch = queue;
    queue = [];
    batches += 1;
    calls += batch.length;
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
      inFlight = false;
      if (queue.length > 0) schedule();
    }
  };
  // The calls made in the same synchronous run go as one batch; later ones wait for the batch in flight.
  const schedule = () => {
    if (scheduled || inFlight) return;
    scheduled = true;
    queueMicrotask(() => void sendNext());
  };
  const call = (c: Call): Promise<unknown> => {
    if (closed) return Promise.reject(new Error('the store is closed'));
    return new Promise((resolve, reject) => {
      queue.push({ call: c, resolve, reject });
      schedule();
    });
  };

  const repos = Object.fromEntries(
    REPO_NAMES.map((repo) => [
      repo,
      new Proxy(
        {},
        {
          get: (_target, method) =>
            // Not a thenable: an awaited repository must stay a repository.
            typeof method !== 'string' || method === 'then' ? undefined : (...args: unknown[]) => call({ kind: 'repo', repo, method, args }),
        },
      ),
    ]),
  ) as unknown as Repos;

  const unit = <T>(method: string, ...args: unknown[]) => call({ kind: 'unit', method, args }) as Promise<T>;
  let closing: Promise<void> | null = null;
  return {
    backend: 'sqlite',
    location: transport.file ?? ':memory:',
    file: transport.file,
    repos,
    persistBatch: (writes: readonly PersistWrite[]) => unit<number[]>('persistBatch', writes),
    appendUpdates: (writes: readonly UpdateAppend[]) => unit<number[]>('appendUpdates', writes),
    rebuildDoc: (docName: string, rows: readonly EntryProjectionInput[]) => unit<void>('rebuildDoc', docName, rows),
    appendAudit: (records: readonly AuditInput[]) => unit<void>('appendAudit', records),
    backup: (target) => transport.backup(target),
    stats: () => ({ batches, calls }),
    inlineConnection: () => transport.db ?? null,
    close() {
      closing ??= (async () => {
        closed = true;
        while (inFlight || queue.length > 0) await new Promise((r) => setTimeout(r, 1));
        await transport.close();
      })();
      return closing;
    },
  };
}

function inlineTransport(open: OpenOptions, opts: RepoOptions): Transport {
  const host = openSqliteHost(open, opts);
  return {
    file: host.db.file,
    db: host.db,
    run: async (calls) => host.runBatch(calls),
    backup: (target) => backupDatabase(host.db, target),
    close: async () => host.db.close(),
  };
}

// The worker is plain JavaScript that registers tsx and then loads worker.ts: the sources are TypeScript
// at run time (the server runs under tsx), and a worker does not inherit its parent's loader.
const BOOT = new URL('./worker-boot.mjs', import.meta.url);
const ENTRY = new URL('./worker.ts', import.meta.url).href;

async function workerTransport(open: OpenOptions, opts: SqliteStoreOptions): Promise<Transport> {
  if (opts.now !== undefined) throw new Error("a custom clock needs thread: 'inline' (a function cannot cross to the worker)");
  // Without the process's preloads (`--import`/`--require`): a worker inherits them, and they would run
  // there before worker-boot.mjs has registered tsx (a preloaded .ts module then fails to load), or run a
  // process-wide probe twice. Other flags (memory, profiling) are kept.
  const worker = new Worker(BOOT, { workerData: { entry: ENTRY, open, auditKey: opts.auditKey }, execArgv: withoutPreloads(process.execArgv) });
  let nextId = 1;
  const waiting = new Map<number, { resolve: (v: unknown) => void; reject: (e: Error) => void }>();
  let failure: Error | null = null;
  const failAll = (err: Error) => {
    failure ??= err;
    for (const w of waiting.values()) w.reject(err);
    waiting.clear();
  };
  worker.on('message', (msg: { id: number; ok: boolean; value?: unknown; error?: Parameters<typeof reviveError>[0] }) => {
    const w = waiting.get(msg.id);
    if (w === undefined) return;
    waiting.delete(msg.id);
    if (msg.ok) w.resolve(msg.value);
    else w.reject(reviveError(msg.error!));
  });
  worker.on('error', (err) => failAll(err));
  worker.on('exit', (code) => failAll(new Error(`the SQLite worker stopped (exit code ${code})`)));
  const request = (kind: string, payload: unknown): Promise<unknown> => {
    if (failure !== null) return Promise.reject(failure);
    const id = nextId++;
    return new Promise((resolve, reject) => {
      waiting.set(id, { resolve, reject });
      worker.postMessage({ id, kind, payload });
    });
  };
  const ready = (await request('ready', null)) as { file: string | null };
  return {
    file: ready.file,
    run: (calls) => request('batch', calls) as Promise<Outcome[]>,
    backup: async (target) => void (await request('backup', target)),
    async close() {
      if (failure === null) await request('close', null).catch(() => {});
      await worker.terminate();
    },
  };
}

/** `execArgv` without `--import`/`--require` and their values (`--import x` or `--import=x`). */
export function withoutPreloads(execArgv: readonly string[]): string[] {
  const out: string[] = [];
  for (let i = 0; i < execArgv.length; i++) {
    const arg = execArgv[i]!;
    if (arg === '--import' || arg === '--require' || arg === '-r') {
      i++;
      continue;
    }
    if (arg.startsWith('--import=') || arg.startsWith('--require=')) continue;
    out.push(arg);
  }
  return out;
}

// Compile-time proof that the SQLite repositories implement the declared port: each method, its promise.
type Promised<T> = { [K in keyof T]: T[K] extends (...args: infer A) => infer R ? (...args: A) => Promise<R> : never };
type SqliteAsRepos = { [K in keyof SqliteRepos]: Promised<SqliteRepos[K]> };
export type SqliteImplementsPort = SqliteAsRepos extends Repos ? true : never;
const implementsPort: SqliteImplementsPort = true;
void implementsPort;
