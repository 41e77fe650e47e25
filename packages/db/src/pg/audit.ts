// The audit hash chain on PostgreSQL: the same records, hashes and checks as the SQLite repository
// (../repos/audit.ts, whose pure parts are reused: canonicalJson, auditHash, GENESIS_HASH), with ONE
// chain under concurrent transactions from any number of connections or nodes.
//
// How: the chain's head (highest seq and its hash) is the one row of audit_head. A transaction that
// appends records locks that row FOR UPDATE as the LAST thing it does before committing, numbers and
// hashes its records after the head, inserts them and moves the head. Another appender waits on the lock
// until the first commits (or rolls back), then reads the new head (READ COMMITTED re-reads a locked row
// once it is free), so records are chained in commit order with no gap and no fork. Because the lock is
// taken last, it is held only for three statements and the commit, not for the rest of the unit of work.
import { timingSafeEqual } from 'node:crypto';
import { and, count, desc, eq, lt, sql, type SQL } from 'drizzle-orm';
import type { NodePgQueryResultHKT } from 'drizzle-orm/node-postgres';
import type { PgDatabase } from 'drizzle-orm/pg-core';
import { auditHash, canonicalJson, GENESIS_HASH, sealAuditRecords, type AuditInput, type AuditListOptions, type AuditOutcome, type AuditRecord, type AuditVerification } from '../repos/audit.js';
import { auditHead, auditLog } from './schema.js';
import type * as schema from './schema.js';

/** The pool or a transaction, as Drizzle over node-postgres gives them. */
export type PgExec = PgDatabase<NodePgQueryResultHKT, typeof schema>;

type StoredRow = typeof auditLog.$inferSelect;

/** Rows per INSERT: well under PostgreSQL's 65,535 bound parameters (13 columns each). */
const CHUNK = 2000;
/** Records at most in one group commit of `append`. */
const GROUP_LIMIT = 500;
/** Rows per page when `verify` walks the chain. */
const PAGE = 2000;

/** Constant-time comparison, as the SQLite repository does: verify never hints how much of a hash matched. */
function sameHash(a: string, b: string): boolean {
  const x = Buffer.from(a, 'utf8');
  const y = Buffer.from(b, 'utf8');
  return x.length === y.length && timingSafeEqual(x, y);
}

function toRecord(row: StoredRow): AuditRecord {
  return { ...row, details: JSON.parse(row.details) as Record<string, unknown> };
}

/**
 * Appends `inputs`, in order, after the chain's head. MUST run inside a transaction (`exec` is one), as
 * its last statements: the head stays locked until that transaction ends.
 */
export async function appendAuditRecords(tx: PgExec, key: Uint8Array, now: () => string, inputs: readonly AuditInput[]): Promise<AuditRecord[]> {
  if (inputs.length === 0) return [];
  const [head] = await tx.select({ seq: auditHead.seq, hash: auditHead.hash }).from(auditHead).where(eq(auditHead.id, 1)).for('update');
  if (!head) throw new Error('the audit chain has no head row: the PostgreSQL migrations have not run');
  const stored: StoredRow[] = sealAuditRecords(key, now, head, inputs);
  const { seq, hash: prevHash } = stored[stored.length - 1]!;
  // The last (usually only) chunk goes in with the head's move, one statement and one round trip: the
  // lock is held for as short a time as possible, and every read of the service writes a record.
  let i = 0;
  for (; stored.length - i > CHUNK; i += CHUNK) await tx.insert(auditLog).values(stored.slice(i, i + CHUNK));
  const appended = tx.insert(auditLog).values(stored.slice(i));
  await tx.execute(sql`with appended as (${appended.getSQL()}) update ${auditHead} set seq = ${seq}, hash = ${prevHash} where id = 1`);
  return stored.map(toRecord);
}

/** The audit repository of the port, over the pool (`db`); each append is its own transaction. */
export function createPgAuditRepo(db: PgExec, key: Uint8Array, now: () => string) {
  if (key.length < 16) throw new Error('the audit key must be at least 16 bytes');

  type Waiting = { input: AuditInput; resolve: (record: AuditRecord) => void; reject: (err: unknown) => void };
  const queue: Waiting[] = [];
  let draining = false;
  const commit = (inputs: AuditInput[]) => db.transaction((tx) => appendAuditRecords(tx, key, now, inputs));

  async function drain(): Promise<void> {
    draining = true;
    try {
      while (queue.length > 0) {
        const batch = queue.splice(0, GROUP_LIMIT);
        try {
          const records = await commit(batch.map((w) => w.input));
          batch.forEach((w, i) => w.resolve(records[i]!));
        } catch (err) {
          if (batch.length === 1) {
            batch[0]!.reject(err);
            continue;
          }
          for (const w of batch) {
            try {
              w.resolve((await commit([w.input]))[0]!);
            } catch (alone) {
              w.reject(alone);
            }
          }
        }
      }
    } finally {
      draining = false;
    }
  }

  return {
    /**
     * Appends one record, durably before it resolves. Calls that arrive while a commit is in flight share
     * the next transaction (group commit): every audited read of the service writes a record, and on one
     * chain concurrent single-record transactions would only queue on the head's lock, each paying its own
     * commit. If a shared transaction fails, each of its records is tried again alone, so one bad record
     * never takes the others down with it.
     */
    append(input: AuditInput): Promise<AuditRecord> {
      return new Promise((resolve, reject) => {
        queue.push({ input, resolve, reject });
        if (!draining) void drain();
      });
    },

    async list(opts: AuditListOptions = {}): Promise<AuditRecord[]> {
      const conditions: (SQL | undefined)[] = [
        opts.chronologyId === undefined ? undefined : eq(auditLog.chronologyId, opts.chronologyId),
        opts.entryId === undefined ? undefined : eq(auditLog.entryId, opts.entryId),
        opts.actorId === undefined ? undefined : eq(auditLog.actorId, opts.actorId),
        opts.action === undefined ? undefined : eq(auditLog.action, opts.action),
        opts.beforeSeq === undefined ? undefined : lt(auditLog.seq, opts.beforeSeq),
      ];
      const rows = await db
        .select()
        .from(auditLog)
        .where(and(...conditions))
        .orderBy(desc(auditLog.seq))
        .limit(opts.limit ?? 100);
      return rows.map(toRecord);
    },

    async count(): Promise<number> {
      const [row] = await db.select({ n: count() }).from(auditLog);
      return row?.n ?? 0;
    },

    async repeatedCreates(): Promise<Array<{ chronologyId: string; entryId: string }>> {
      return db
        .select({ chronologyId: sql<string>`${auditLog.chronologyId}`, entryId: sql<string>`${auditLog.entryId}` })
        .from(auditLog)
        .where(and(eq(auditLog.action, 'entry.create'), eq(auditLog.outcome, 'allowed')))
        .groupBy(auditLog.chronologyId, auditLog.entryId)
        .having(sql`count(*) > 1`);
    },

    /**
     * As the SQLite repository's (../repos/audit.ts): one actor's earliest allowed record of `actions` per
     * chronology. Records are numbered under the head's lock, so a lower seq was committed first: once a
     * record is durable, every record before it is visible, and the earliest found is the earliest there is.
     */
    async firstAllowed(actorId: string, chronologyIds: readonly string[], actions: readonly string[]): Promise<Record<string, number>> {
      if (chronologyIds.length === 0 || actions.length === 0) return {};
      const rows = await db
        .select({ chronologyId: sql<string>`${auditLog.chronologyId}`, seq: sql<number>`min(${auditLog.seq})` })
        .from(auditLog)
        .where(
          and(
            eq(auditLog.actorId, actorId),
            eq(auditLog.outcome, 'allowed'),
            sql`${auditLog.chronologyId} = any(${sql.param([...chronologyIds])}::text[])`,
            sql`${auditLog.action} = any(${sql.param([...actions])}::text[])`,
          ),
        )
        .groupBy(auditLog.chronologyId);
      return Object.fromEntries(rows.map((r) => [r.chronologyId, Number(r.seq)]));
    },

    async lastAllowed(action: string): Promise<Map<string, string>> {
      const rows = await db
        .select({ actorId: auditLog.actorId, at: sql<string>`max(${auditLog.at} collate "C")` })
        .from(auditLog)
        .where(and(eq(auditLog.action, action), eq(auditLog.outcome, 'allowed')))
        .groupBy(auditLog.actorId);
      return new Map(rows.map((row) => [row.actorId, row.at]));
    },

    /**
     * Walks the whole chain, oldest first, in ONE repeatable-read, read-only transaction (a consistent
     * snapshot while others append), a page at a time so memory stays flat. Finds what the SQLite
     * repository finds: a changed field, a removed or inserted record, removed newest records (the head
     * is ahead of the last row) and a key other than the one that wrote the chain.
     */
    async verify(): Promise<AuditVerification> {
      return db.transaction(
        async (tx): Promise<AuditVerification> => {
          let count = 0;
          let prevSeq = 0;
          let prevHash = GENESIS_HASH;
          for (;;) {
            const rows = await tx.select().from(auditLog).where(sql`${auditLog.seq} > ${prevSeq}`).orderBy(auditLog.seq).limit(PAGE);
            for (const row of rows) {
              if (row.seq !== prevSeq + 1) {
                return { ok: false, count, firstBrokenSeq: row.seq, reason: `records ${prevSeq + 1} to ${row.seq - 1} are missing` };
              }
              if (row.prevHash !== prevHash) {
                return { ok: false, count, firstBrokenSeq: row.seq, reason: 'the previous-hash link does not match the record before it' };
              }
              if (!sameHash(auditHash(key, { ...row, outcome: row.outcome as AuditOutcome }), row.hash)) {
                const reason = count === 0 ? 'hash mismatch on the first record: it was altered, or the audit key is not the one that wrote the log' : 'hash mismatch: the record was altered';
                return { ok: false, count, firstBrokenSeq: row.seq, reason };
              }
              count += 1;
              prevSeq = row.seq;
              prevHash = row.hash;
            }
            if (rows.length < PAGE) break;
          }
          const [head] = await tx.select({ seq: auditHead.seq }).from(auditHead).where(eq(auditHead.id, 1));
          const highest = head?.seq ?? 0;
          if (highest > prevSeq) {
            return { ok: false, count, firstBrokenSeq: prevSeq + 1, reason: `the newest records (${prevSeq + 1} to ${highest}) are missing` };
          }
          return { ok: true, count };
        },
        { isolationLevel: 'repeatable read', accessMode: 'read only' },
      );
    },
  };
}
