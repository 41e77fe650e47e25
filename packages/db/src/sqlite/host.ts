// The side of the SQLite adapter that owns the connection: it runs batches of calls (repository methods
// and units of work) that the store's client (store.ts) sends, in the worker thread or inline.
//
// Group commit: a batch is ONE transaction (one fsync under synchronous=FULL) holding every call that
// arrived while the previous batch was being written, from every room and request. Each call runs in its
// own savepoint, so a call that throws (a constraint, a refused id) rolls back only itself; if the commit
// itself fails (a full disk), every call of the batch fails and nothing of it is stored.
import { openDatabase, openReadOnlyDatabase, type MacDb, type OpenOptions } from '../open.js';
import { createRepos, type RepoOptions, type SqliteRepos } from '../repos/index.js';
import { createSqliteUnits, type SqliteUnits } from './units.js';
import { AfterFailedError } from '../batch-order.js';

/**
 * `id` and `after` (units ordered after another, batch-order.ts): a call naming `after` is not run, and
 * fails, if the call numbered `after` failed. Calls are run in the order sent, so that one has finished.
 */
export type Call = ({ kind: 'repo'; repo: string; method: string; args: unknown[] } | { kind: 'unit'; method: string; args: unknown[] }) & { id?: number; after?: number };

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
  /**
   * The writer's batches, several in one transaction: `first`, then each batch `next` gives (the ones
   * already waiting, then, before the commit, those that arrived while it ran), until it gives null. One
   * commit (one fsync) for all; the outcomes per batch. A batch sent while another is being written
   * (the write queue's two in flight) so shares its commit instead of waiting for one of its own.
   */
  runMerged(first: readonly Call[], next: () => readonly Call[] | null): Outcome[][];
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

/** Batches sharing one commit at most: the first one's callers wait for all of them. */
const MAX_MERGED = 8;

function pull(batches: Array<readonly Call[]>, next: () => readonly Call[] | null): boolean {
  const more = next();
  if (more === null) return false;
  batches.push(more);
  return true;
}

/** Which connection a host owns: the writer (migrates on open, batches are transactions) or a reader. */
export type Lane = 'write' | 'read';

export function openSqliteHost(open: OpenOptions, opts: RepoOptions, lane: Lane = 'write'): SqliteHost {
  const db = lane === 'write' ? openDatabase(open) : openReadOnlyDatabase(open);
  const repos = createRepos(db, opts);
  const units = createSqliteUnits(db, repos);
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
  // The numbered calls that failed, the latest few: a call is only ever ordered after one still in flight.
  const failed = new Set<number>();
  const noteFailed = (call: Call) => {
    if (call.id === undefined) return;
    failed.add(call.id);
    if (failed.size > 256) failed.delete(failed.values().next().value!);
  };
  const afterFailed = (call: Call): Outcome | null => (call.after !== undefined && failed.has(call.after) ? { ok: false, error: serialiseError(new AfterFailedError()) } : null);
  const noted = (call: Call, outcome: Outcome): Outcome => {
    if (!outcome.ok) noteFailed(call);
    return outcome;
  };
  return {
    db,
    repos,
    units,
    runBatch(calls) {
      // The read lane: each read in its own read transaction (one snapshot for its statements), and no
      // group, since nothing is committed.
      if (lane === 'read') return calls.map((call) => savepointed(db, call, invoke));
      // One call needs no group: its own statements decide whether it is a transaction (reads are not).
      if (calls.length === 1) return [noted(calls[0]!, afterFailed(calls[0]!) ?? runOne(calls[0]!))];
      return grouped([calls])[0]!;
    },
    runMerged(first, next) {
      const batches = [first];
      while (batches.length < MAX_MERGED && pull(batches, next));
      if (batches.length === 1 && first.length === 1) return [[noted(first[0]!, afterFailed(first[0]!) ?? runOne(first[0]!))]];
      return grouped(batches, next);
    },
  };

  /** Batches in ONE transaction, each call in its own savepoint; with `next`, more join before the commit. */
  function grouped(batches: Array<readonly Call[]>, next?: () => readonly Call[] | null): Outcome[][] {
    try {
      return db.tx(() => {
        const outcomes: Outcome[][] = [];
        for (let i = 0; i < batches.length || (next !== undefined && i < MAX_MERGED && pull(batches, next)); i++) {
          outcomes.push(batches[i]!.map((call) => noted(call, afterFailed(call) ?? savepointed(db, call, invoke))));
        }
        return outcomes;
      });
    } catch (err) {
      // The commit failed: nothing of these batches is stored.
      const error = serialiseError(err);
      return batches.map((calls) => {
        calls.forEach(noteFailed);
        return calls.map(() => ({ ok: false, error }));
      });
    }
  }
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
