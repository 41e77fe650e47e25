// The PostgreSQL adapter of the storage port (../port.ts): node-postgres through drizzle-orm/node-postgres,
// a pool of connections, the migrations applied at open, every unit of work ONE transaction.
//
// A lost connection (the database restarting, a failover, the network) must not look like a bug: every
// call that fails for that reason rejects with an error whose `code` storageFailure() reads as 'io'
// (ECONNREFUSED, 57P01, 08006 …), which the server answers with 503 and a retry. The pool drops broken
// connections and opens new ones on the next call, so service resumes by itself when the database is back.
import { execFile } from 'node:child_process';
import { chmodSync } from 'node:fs';
import { promisify } from 'node:util';
import { drizzle } from 'drizzle-orm/node-postgres';
import pg from 'pg';
import { ensurePrivateFile } from '../private-files.js';
import type { HouseholdEventUnit, ImportJournal, PersistWrite, Store, UpdateAppend } from '../port.js';
import { importJournalOf, importJournalRow } from '../import-journal.js';
import { householdEventRow } from '../repos/households.js';
import { randomUUID } from 'node:crypto';
import type { AuditInput } from '../repos/audit.js';
import type { EntryProjectionInput } from '../repos/entries.js';
import { storageFailure } from '../storage-errors.js';
import { auditOfChange, checkedOfAppend, checkedOfPersist, conflictsOf, projectionOf, type CheckedWrite } from '../units.js';
import { WriteConflictError, type TakenEntry } from '../write-conflict.js';
import { appendAuditRecords, type PgExec } from './audit.js';
import { migratePg } from './migrate.js';
import { createPgEntryPages } from './entry-page.js';
import { closeWithin } from './pool-close.js';
import { GivingBackPool } from './giving-back-pool.js';
import { keptPages } from '../kept-pages.js';
import { claimClients, conflictFacts, createPgRepos, insertUpdates, lockKeys, upsertEntries, type PgRepos } from './repos.js';
import * as schema from './schema.js';
import { entries, householdEvents, notifications } from './schema.js';
import { pendingImports } from './schema-imports.js';
import { createStateCheckThread } from './state-check.js';
import { importsIn } from '../store-write.js';
import { and, asc, eq, inArray, lt, sql } from 'drizzle-orm';

export interface PgStoreOptions {
  /** postgres://user:password@host:port/database (DATABASE_URL). */
  url: string;
  /** The HMAC key of the audit chain, kept outside the database (at least 16 bytes; 32 recommended). */
  auditKey: Uint8Array;
  /** The clock for every timestamp the store writes. Default: the system clock. */
  now?: () => Date;
  /** Connections in the pool. Default 10. */
  maxConnections?: number;
  /** How long a call waits for a connection before failing as unavailable. Default 5 s. */
  connectTimeoutMs?: number;
  /**
   * How long `close` waits for what is under way, then for the connections lent out, before it closes
   * them itself (each wait; default 10 s). What is cut short was not acknowledged: its transaction is
   * rolled back by PostgreSQL.
   */
  closeWaitMs?: number;
}

/** What the store tracks while it is open: each call under way, by the name of its method. */
interface Tracking {
  closed: boolean;
  inFlight: Map<Promise<unknown>, string>;
}

/** node-postgres's own connection failures carry no code: recognised by their message. */
const LOST_CONNECTION = /Connection terminated|connection error|not queryable|timeout exceeded when trying to connect|Client was closed|Connection ended|ECONNREFUSED|ECONNRESET/i;

/** The same failure, with a code storageFailure() reads as 'io' when node-postgres gave none. */
export function asStorageError(err: unknown): unknown {
  if (storageFailure(err) !== null) return err;
  for (let e: unknown = err, depth = 0; depth < 4 && typeof e === 'object' && e !== null; depth += 1, e = (e as { cause?: unknown }).cause) {
    const message = (e as { message?: unknown }).message;
    if (typeof message === 'string' && LOST_CONNECTION.test(message)) {
      // 08006: connection_failure, the SQLSTATE for exactly this.
      return Object.assign(new Error(`the database connection failed: ${message}`, { cause: err }), { code: '08006' });
    }
  }
  return err;
}

class StoreClosedError extends Error {
  readonly code = 'STORE_CLOSED';
  constructor() {
    super('the store is closed');
  }
}

/** Wraps every method of every repository: rejects once closed, and maps connection failures. */
function guarded<T extends object>(target: T, state: Tracking, path = 'repos'): T {
  const out: Record<string, unknown> = {};
  for (const [name, value] of Object.entries(target)) {
    const label = `${path}.${name}`;
    if (typeof value === 'function') {
      out[name] = (...args: unknown[]) => track(state, label, () => (value as (...a: unknown[]) => Promise<unknown>).apply(target, args));
    } else if (typeof value === 'object' && value !== null) {
      out[name] = guarded(value as object, state, label);
    } else {
      out[name] = value;
    }
  }
  return out as T;
}

function track<T>(state: Tracking, label: string, fn: () => Promise<T>): Promise<T> {
  if (state.closed) return Promise.reject(new StoreClosedError());
  const p = (async () => {
    try {
      return await fn();
    } catch (err) {
      throw asStorageError(err);
    }
  })();
  state.inFlight.set(p, label);
  const done = () => state.inFlight.delete(p);
  // Bookkeeping only: the caller awaits `p` itself, and sees its failure there.
  void p.then(done, done);
  return p;
}

/** The PostgreSQL store: the port, and counts of its kept pages (tests and benchmarks; not in the port). */
export interface PgStore extends Store {
  /** Pages served from those kept here, pages read from the database and versions asked for, since opening. */
  stats(): { keptPageHits: number; pageReads: number; versionReads: number };
}

export async function openPgStore(opts: PgStoreOptions): Promise<PgStore> {
  if (opts.auditKey.length < 16) throw new Error('the audit key must be at least 16 bytes');
  try {
    await migratePg(opts.url);
  } catch (err) {
    throw asStorageError(err);
  }
  const pool = new GivingBackPool({
    connectionString: opts.url,
    max: opts.maxConnections ?? 10,
    connectionTimeoutMillis: opts.connectTimeoutMs ?? 5000,
    idleTimeoutMillis: 30_000,
    keepAlive: true,
  });
  // An idle connection that loses its server emits 'error' on the pool; without a listener the process
  // would exit. The pool has already discarded that connection: nothing else to do.
  pool.on('error', () => undefined);
  // A connection checked OUT (inside a transaction, between two of its statements) that loses its server
  // (57P01 when PostgreSQL shuts down) emits 'error' on the client, which the pool no longer listens to
  // while it is lent: an unhandled 'error' event. The statement that runs next on it fails and is answered
  // as storage unavailable; the pool drops a connection that is no longer queryable when it comes back.
  pool.on('connect', (client) => client.on('error', () => undefined));
  const db = drizzle({ client: pool, schema }) as unknown as PgExec;
  const clock = opts.now ?? (() => new Date());
  const now = () => clock().toISOString();
  const state: Tracking = { closed: false, inFlight: new Map() };
  // Every connection the pool holds, lent out or idle: a close that waits too long ends them itself.
  const connections = new Set<pg.PoolClient>();
  pool.on('connect', (client) => connections.add(client));
  pool.on('remove', (client) => connections.delete(client));
  // Pages of entries kept on this client, each served again only while its chronology's entry version,
  // asked of the database every time, is the one it was read at (entry-page.ts, ../kept-pages.ts).
  const pageReader = createPgEntryPages(pool);
  const pages = keptPages(pageReader);
  // Rule S9's check of a compaction, off the event loop (state-check.ts).
  const stateCheck = createStateCheckThread();
  const base = createPgRepos({ exec: db, pool, now, auditKey: opts.auditKey, stateCheck: stateCheck.check });
  // PgRepos: the port's repositories and households (issue 14), which the port does not declare yet.
  const repos: PgRepos = guarded({ ...base, entries: { ...base.entries, page: pages.page } }, state);

  /**
   * Under the documents' locks: has another node committed to them since the writer inspected its writes,
   * or does someone else own a client id they claim? Then nothing is stored (write-conflict.ts).
   */
  const checkConflicts = async (tx: PgExec, writes: readonly CheckedWrite[]) => {
    const { heads, owners } = await conflictFacts(tx, writes);
    if (heads.size === 0) return;
    const moved = conflictsOf(writes, (d) => heads.get(d) ?? 0, (d) => owners.get(d) ?? new Map());
    if (moved.length > 0) throw new WriteConflictError(moved);
  };

  /**
   * Entry ids are unique across a chronology's documents. On one node the room manager sees every
   * document of a chronology; on several, two nodes may create one id in two documents (the shared one
   * and an agency's restricted one) at once, and neither document's lock covers the other. So a checked
   * write's new entry ids are locked (in a fixed order) and looked up in the chronology's other
   * documents: one found refuses the whole call, nothing stored, naming where it is (write-conflict.ts).
   */
  const checkEntryIds = async (tx: PgExec, writes: readonly PersistWrite[]) => {
    const created = writes
      .filter((w) => w.afterDocSeq !== undefined)
      .flatMap((w) => w.changes.filter((c) => c.kind === 'create').map((c) => ({ chronologyId: w.chronologyId, docName: w.docName, entryId: c.entryId })));
    if (created.length === 0) return;
    await lockKeys(tx, created.map((c) => `entry:${c.chronologyId}:${c.entryId}`));
    const held = await tx
      .select({ chronologyId: entries.chronologyId, docName: entries.docName, id: entries.id })
      .from(entries)
      .where(and(inArray(entries.chronologyId, [...new Set(created.map((c) => c.chronologyId))]), inArray(entries.id, [...new Set(created.map((c) => c.entryId))])));
    const taken: TakenEntry[] = [];
    for (const c of created) {
      const holder = held.find((row) => row.chronologyId === c.chronologyId && row.id === c.entryId && row.docName !== c.docName);
      if (holder !== undefined) taken.push({ chronologyId: c.chronologyId, entryId: c.entryId, docName: holder.docName });
    }
    if (taken.length > 0) throw new WriteConflictError([...new Set(created.filter((c) => taken.some((t) => t.entryId === c.entryId && t.chronologyId === c.chronologyId)).map((c) => c.docName))].sort(), taken);
  };

  /** What persistBatch stores, inside the caller's transaction (persistBatch's own, or a household event's). */
  const persistIn = async (tx: PgExec, writes: readonly PersistWrite[]): Promise<number[]> => {
    // Documents in a fixed order (lockKeys sorts), so two batches touching the same ones cannot deadlock.
    await lockKeys(tx, writes.map((w) => w.docName));
    // Under the locks: has another node committed to these documents since the writer inspected its
    // writes, or does someone else own a client id they claim? Then nothing is stored (write-conflict.ts).
    await checkConflicts(tx, writes.map(checkedOfPersist));
    await checkEntryIds(tx, writes);
    const at = now();
    const seqs = await insertUpdates(tx, writes, at);
    await claimClients(
      tx,
      writes.flatMap((w) => w.claims.map((clientId) => ({ docName: w.docName, clientId, principalId: w.actor.id }))),
      at,
    );
    await upsertEntries(
      tx,
      writes.flatMap((w) => w.changes.map((c) => projectionOf(w.chronologyId, w.docName, c.after, w.actor.id))),
      at,
    );
    // A slice of an import stored is its progress (port.ts ImportJournal.touchedAt), in the slice's own
    // transaction: one update of one row by its key. Before the audit chain's head, as in finishImport
    // (the journal's row, then the head), so the two cannot wait on each other in opposite orders.
    for (const importId of importsIn(writes)) {
      await tx.update(pendingImports).set({ touchedAt: at }).where(eq(pendingImports.id, importId));
    }
    // Last: the chain's head stays locked only from here to the commit.
    await appendAuditRecords(
      tx,
      opts.auditKey,
      now,
      writes.flatMap((w) => w.changes.map((c) => auditOfChange(w, c))),
    );
    return seqs;
  };

  return {
    backend: 'postgres',
    location: redactedUrl(opts.url),
    repos,
    stats: () => ({ keptPageHits: pages.stats().hits, ...pageReader.stats() }),

    appendUpdates(writes: readonly UpdateAppend[]) {
      return track(state, 'appendUpdates', async () => {
        if (writes.length === 0) return [];
        return db.transaction(async (tx) => {
          await lockKeys(tx, writes.map((w) => w.docName));
          await checkConflicts(tx, writes.map(checkedOfAppend));
          const at = now();
          const seqs = await insertUpdates(tx, writes, at);
          await claimClients(tx, writes.flatMap((w) => w.claims.map((clientId) => ({ docName: w.docName, clientId, principalId: w.principalId }))), at);
          return seqs;
        });
      });
    },

    persistBatch(writes: readonly PersistWrite[]) {
      return track(state, 'persistBatch', async () => {
        if (writes.length === 0) return [];
        return db.transaction((tx) => persistIn(tx, writes));
      });
    },

    recordHouseholdEvent(unit: HouseholdEventUnit) {
      return track(state, 'recordHouseholdEvent', () =>
        db.transaction(async (tx) => {
          await tx.insert(householdEvents).values(householdEventRow(unit.event));
          const at = now();
          if (unit.notifications.length > 0) {
            await tx.insert(notifications).values(unit.notifications.map((n) => ({ id: randomUUID(), userId: n.userId, chronologyId: n.chronologyId ?? null, kind: n.kind, message: n.message, createdAt: at, readAt: null })));
          }
          // Last, as in persistBatch: the audit chain's head stays locked only from there to the commit.
          return unit.writes.length === 0 ? [] : persistIn(tx, unit.writes);
        }),
      );
    },

    rebuildDoc(docName: string, rebuilt: readonly EntryProjectionInput[]) {
      return track(state, 'rebuildDoc', () =>
        db.transaction(async (tx) => {
          await tx.delete(entries).where(eq(entries.docName, docName));
          await upsertEntries(tx, rebuilt, now());
        }),
      );
    },

    appendAudit(records: readonly AuditInput[]) {
      return track(state, 'appendAudit', async () => {
        if (records.length === 0) return;
        await db.transaction(async (tx) => {
          await appendAuditRecords(tx, opts.auditKey, now, records);
        });
      });
    },

    beginImport(journal: ImportJournal) {
      return track(state, 'beginImport', async () => {
        await db.insert(pendingImports).values(importJournalRow(journal));
      });
    },

    claimImport(importId: string, writer: string, idleBefore: string | null) {
      return track(state, 'claimImport', async () => {
        // One statement: a slice stored meanwhile (its transaction holds the row) leaves it progressing.
        const which = idleBefore === null ? eq(pendingImports.id, importId) : and(eq(pendingImports.id, importId), lt(pendingImports.touchedAt, idleBefore));
        const claimed = await db.update(pendingImports).set({ writer, touchedAt: now() }).where(which).returning({ id: pendingImports.id });
        return claimed.length > 0;
      });
    },

    finishImport(importId: string, writer: string, record: AuditInput) {
      return track(state, 'finishImport', () =>
        db.transaction(async (tx) => {
          // The row's lock decides between two nodes finishing the same import: the second deletes nothing;
          // so does a writer whose import was taken over (claimImport).
          const removed = await tx
            .delete(pendingImports)
            .where(and(eq(pendingImports.id, importId), eq(pendingImports.writer, writer)))
            .returning({ id: pendingImports.id });
          if (removed.length === 0) return false;
          await appendAuditRecords(tx, opts.auditKey, now, [record]);
          return true;
        }),
      );
    },

    pendingImports(chronologyId?: string) {
      return track(state, 'pendingImports', async () => {
        const query = db.select().from(pendingImports);
        const rows = await (chronologyId === undefined ? query : query.where(eq(pendingImports.chronologyId, chronologyId))).orderBy(asc(pendingImports.createdAt), asc(pendingImports.id));
        return rows.map(importJournalOf);
      });
    },

    ping() {
      return track(state, 'ping', async () => {
        await pool.query('SELECT 1');
      });
    },

    backup(target: string) {
      // pg_dump's custom format: a consistent snapshot taken online, restored with pg_restore.
      return track(state, 'backup', async () => {
        ensurePrivateFile(target);
        const bin = process.env.MAC_PG_DUMP ?? '/usr/lib/postgresql/15/bin/pg_dump';
        await promisify(execFile)(bin, ['--format=custom', '--no-owner', '--file', target, '--dbname', opts.url]);
        chmodSync(target, 0o600);
      });
    },

    async exclusively<T>(name: string, work: () => Promise<T>): Promise<T> {
      // A session lock on one connection held for the whole of `work` (which uses the pool as usual); the
      // lock goes with the connection if this process dies, so a crashed node never blocks the others.
      const client = await pool.connect();
      // A connection checked out of the pool that loses its server emits 'error' on itself, not on the pool:
      // unheard, that would end the process (seen when PostgreSQL stopped while the alert jobs held a lock).
      // Its queries fail on their own; the connection is then destroyed rather than returned.
      let lost: Error | undefined;
      const onError = (err: Error) => {
        lost = err;
      };
      client.on('error', onError);
      try {
        await client.query('SELECT pg_advisory_lock(hashtextextended($1, 0))', [`mac:${name}`]);
        try {
          return await work();
        } finally {
          // With the connection gone, so is the lock: nothing to unlock.
          if (lost === undefined) await client.query('SELECT pg_advisory_unlock(hashtextextended($1, 0))', [`mac:${name}`]);
        }
      } catch (err) {
        // Whatever failed, this connection is not handed to anyone else: the pool makes a new one.
        lost ??= err instanceof Error ? err : new Error(String(err));
        throw err;
      } finally {
        client.off('error', onError);
        client.release(lost);
      }
    },

    async close() {
      if (state.closed) return;
      state.closed = true;
      await closeWithin(pool, state.inFlight, connections, opts.closeWaitMs ?? 10_000);
      await stateCheck.close();
    },
  };
}

/** The connection URL without its password, for operators' messages. */
function redactedUrl(url: string): string {
  try {
    const u = new URL(url);
    if (u.password) u.password = '***';
    return u.toString();
  } catch {
    return 'postgres';
  }
}
