// The side of the SQLite adapter that owns the connection: it runs batches of calls (repository methods
// and units of work) that the store's client (store.ts) sends, in the worker thread or inline.
//
// Group commit: a batch is ONE transaction (one fsync under synchronous=FULL) holding every call that
// arrived while the previous batch was being written, from every room and request. Each call runs in its
// own savepoint (a repository method in one opened here, a unit of work in its own `db.tx`), so a call
// that throws (a constraint, a refused id) rolls back only itself; if the commit itself fails (a full
// disk), every call of the batch fails and nothing of it is stored.
import { openDatabase, openReadOnlyDatabase, type MacDb, type OpenOptions } from '../open.js';
import { createRepos, type RepoOptions, type SqliteRepos } from '../repos/index.js';
import { createSqliteUnits, type SqliteUnits } from './units.js';
import { traceInThread, traceNow, tracing } from '../latency-trace.js';

export type Call = { kind: 'repo'; repo: string; method: string; args: unknown[] } | { kind: 'unit'; method: string; args: unknown[] };

export interface SerialisedError {
  name: string;
  message: string;
  code?: string;
  stack?: string;
}

export type Outcome = { ok: true; value: unknown } | { ok: false; error: SerialisedError };

export interface SqliteHost {
  db: MacDb;
  repos: SqliteRepos;
  units: SqliteUnits;
  runBatch(calls: readonly Call[]): Outcome[];
}

export function serialiseError(err: unknown): SerialisedError {
  if (err instanceof Error) {
    const code = (err as { code?: unknown }).code;
    return { name: err.name, message: err.message, ...(typeof code === 'string' ? { code } : {}), ...(err.stack ? { stack: err.stack } : {}) };
  }
  return { name: 'Error', message: String(err) };
}

export function reviveError(e: SerialisedError): Error {
  const err = new Error(e.message);
  err.name = e.name;
  if (e.code !== undefined) (err as Error & { code: string }).code = e.code;
  if (e.stack) err.stack = `${err.stack}\n    --- in the SQLite thread ---\n${e.stack}`;
  return err;
}

/** Which connection a host owns: the writer (migrates on open, batches are transactions) or a reader. */
export type Lane = 'write' | 'read';

export function openSqliteHost(open: OpenOptions, opts: RepoOptions, lane: Lane = 'write'): SqliteHost {
  const db = lane === 'write' ? openDatabase(open) : openReadOnlyDatabase(open);
  const repos = createRepos(db, opts);
  const units = createSqliteUnits(db, repos, opts.now);
  const invoke = (call: Call): unknown => {
    if (call.kind === 'unit') {
      const unit = (units as unknown as Record<string, (...args: unknown[]) => unknown>)[call.method];
      if (typeof unit !== 'function') throw new Error(`no such unit of work: ${call.method}`);
      return unit(...call.args);
    }
    const repo = (repos as unknown as Record<string, Record<string, (...args: unknown[]) => unknown>>)[call.repo];
    const method = repo?.[call.method];
    if (typeof method !== 'function') throw new Error(`no such repository method: ${call.repo}.${call.method}`);
    // Called on its repository: some methods use their siblings through `this`.
    return method.apply(repo, call.args);
  };
  const runOne = (call: Call): Outcome => {
    try {
      return { ok: true, value: invoke(call) };
    } catch (err) {
      return { ok: false, error: serialiseError(err) };
    }
  };
  return {
    db,
    repos,
    units,
    runBatch(calls) {
      // The read lane: each read in its own read transaction (one snapshot for its statements), and no
      // group, since nothing is committed.
      if (lane === 'read') return calls.map((call) => (tracing ? tracedRead(db, call, invoke) : savepointed(db, call, invoke)));
      const started = SLOW_BATCH_MS === null ? 0 : performance.now();
      let outcomes: Outcome[];
      // One call needs no group: its own statements decide whether it is a transaction (reads are not).
      if (calls.length === 1) outcomes = [runOne(calls[0]!)];
      else {
        try {
          // A unit of work is its own transaction (units.ts: a savepoint here), so it needs no second
          // savepoint around it: every savepoint level copies each page the call touches into the statement
          // journal once more (measured: ~9% of the writer's CPU per entry under the write bench).
          outcomes = db.tx(() => runInBatch(db, repos, calls, (call) => (call.kind === 'unit' ? runOne(call) : savepointed(db, call, invoke))));
        } catch (err) {
          const error = serialiseError(err);
          outcomes = calls.map(() => ({ ok: false, error }));
        }
      }
      if (SLOW_BATCH_MS !== null) reportSlowBatch(calls, performance.now() - started);
      return outcomes;
    },
  };
}

/**
 * An operator's diagnosis of the write lane (MAC_SLOW_BATCH_MS=<ms>): each batch the writer held the lane
 * for longer than that is written to stderr with what it carried (units of work and the entries their
 * writes changed), since every audited action waits for the batch in flight. Off by default.
 */
const SLOW_BATCH_MS = (() => {
  const ms = Number(process.env.MAC_SLOW_BATCH_MS);
  return Number.isFinite(ms) && ms > 0 ? ms : null;
})();

function reportSlowBatch(calls: readonly Call[], ms: number): void {
  if (SLOW_BATCH_MS === null || ms < SLOW_BATCH_MS) return;
  const parts = new Map<string, number>();
  let changes = 0;
  for (const call of calls) {
    const name = call.kind === 'unit' ? call.method : `${call.repo}.${call.method}`;
    parts.set(name, (parts.get(name) ?? 0) + 1);
    if (call.kind === 'unit' && call.method === 'persistBatch') for (const w of call.args[0] as Array<{ changes: unknown[] }>) changes += w.changes.length;
  }
  const what = [...parts].map(([name, n]) => `${name} x${n}`).join(', ');
  console.error(`[mac] write lane: a batch of ${calls.length} calls held the writer ${ms.toFixed(0)} ms (${what}; ${changes} entries changed)`);
}

const isAuditAppend = (call: Call) => call.kind === 'repo' && call.repo === 'audit' && call.method === 'append';

/**
 * The calls of a write batch, in order, each by `run`, except that consecutive `audit.append` calls (the
 * records of reads answered together: 16 a batch under the read bench) are appended in ONE savepoint, one
 * read of the chain's head and one statement (`audit.appendEach`), where each took a savepoint, two head
 * reads and an insert of its own. Same records, same order, same chain. If that fails, each is appended
 * again on its own, so one bad record fails alone, as before.
 */
function runInBatch(db: MacDb, repos: SqliteRepos, calls: readonly Call[], run: (call: Call) => Outcome): Outcome[] {
  const outcomes: Outcome[] = [];
  for (let i = 0; i < calls.length; ) {
    let end = i;
    while (end < calls.length && isAuditAppend(calls[end]!)) end += 1;
    if (end - i < 2) {
      outcomes.push(run(calls[i]!));
      i += 1;
      continue;
    }
    const group = calls.slice(i, end);
    try {
      const records = db.tx(() => repos.audit.appendEach(group.map((call) => call.args[0] as Parameters<SqliteRepos['audit']['append']>[0])));
      for (const value of records) outcomes.push({ ok: true, value });
    } catch {
      for (const call of group) outcomes.push(run(call));
    }
    i = end;
  }
  return outcomes;
}

/**
 * Runs one call of a batch in its own savepoint (db.tx nests as a savepoint): a throw undoes only it. On
 * the read lane, outside any transaction, the same call is the read's own transaction.
 */
function savepointed(db: MacDb, call: Call, invoke: (call: Call) => unknown): Outcome {
  try {
    return { ok: true, value: db.tx(() => invoke(call)) };
  } catch (err) {
    return { ok: false, error: serialiseError(err) };
  }
}

/** MAC_LATENCY_TRACE=1: a read's own time in its thread, by method (which reads are long ones, that others wait behind). */
function tracedRead(db: MacDb, call: Call, invoke: (call: Call) => unknown): Outcome {
  const t0 = traceNow();
  const outcome = savepointed(db, call, invoke);
  traceInThread(`db.read.7 in its thread: ${call.kind === 'repo' ? `${call.repo}.${call.method}` : call.method}`, t0);
  return outcome;
}
