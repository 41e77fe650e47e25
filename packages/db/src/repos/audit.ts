// The audit log: who did what to which chronology, allowed or refused. Append-only (triggers refuse
// UPDATE and DELETE) and hash-chained: each record's hash is an HMAC, under a key kept outside the
// database, of the previous record's hash and this record's fields. Someone who can edit the database
// file can drop the triggers and change rows, but cannot re-seal the chain without the key, so
// `verify` finds the first record that was altered, removed or inserted.
import { createHmac, timingSafeEqual } from 'node:crypto';
import { and, desc, eq, getTableColumns, lt, sql, type SQL } from 'drizzle-orm';
import type { SQLiteInsertValue } from 'drizzle-orm/sqlite-core';
import { auditLog } from '../schema.js';
import { inListPlaceholder, type RepoContext } from './context.js';
import { lazySelect } from './direct-select.js';
import { directMultiStatement, directStatement, rowPlaceholder } from './direct-statement.js';

export type AuditOutcome = 'allowed' | 'refused';

export interface AuditInput {
  actorId: string;
  actorLabel: string;
  actorAgency: string;
  action: string;
  outcome: AuditOutcome;
  chronologyId?: string | null | undefined;
  entryId?: string | null | undefined;
  details?: Record<string, unknown> | undefined;
  ip?: string | null | undefined;
  /** When it happened, if earlier than now: a record kept in memory while the disk was full. */
  at?: string | undefined;
}

export interface AuditRecord {
  seq: number;
  at: string;
  actorId: string;
  actorLabel: string;
  actorAgency: string;
  action: string;
  outcome: AuditOutcome;
  chronologyId: string | null;
  entryId: string | null;
  details: Record<string, unknown>;
  ip: string | null;
  prevHash: string;
  hash: string;
}

export interface AuditListOptions {
  chronologyId?: string | undefined;
  entryId?: string | undefined;
  actorId?: string | undefined;
  action?: string | undefined;
  /** Default 100. */
  limit?: number | undefined;
  /** Only records older than this one: the next page after a page ending at `beforeSeq`. */
  beforeSeq?: number | undefined;
}

export type AuditVerification =
  | { ok: true; count: number }
  | { ok: false; count: number; firstBrokenSeq: number; reason: string };

/** The previous hash of the very first record. */
export const GENESIS_HASH = '0'.repeat(64);

type StoredRow = typeof auditLog.$inferSelect;

/** JSON with object keys sorted at every depth: one text for one value, whatever order keys were added in. */
export function canonicalJson(value: unknown): string {
  return JSON.stringify(value, (_key, v: unknown) => {
    if (v === null || typeof v !== 'object' || Array.isArray(v)) return v;
    return Object.fromEntries(Object.entries(v as Record<string, unknown>).sort(([a], [b]) => (a < b ? -1 : a > b ? 1 : 0)));
  });
}

/**
 * `inputs` as stored records, in order, each sealed after the one before it, starting after `head` (the
 * chain's last record, or seq 0 and GENESIS_HASH): what both adapters store, so one chain verifies whichever
 * wrote it.
 */
export function sealAuditRecords(key: Uint8Array, now: () => string, head: { seq: number; hash: string }, inputs: readonly AuditInput[]): StoredRow[] {
  let seq = head.seq;
  let prevHash = head.hash;
  return inputs.map((input) => {
    seq += 1;
    const row: Omit<StoredRow, 'hash'> = {
      seq,
      at: input.at ?? now(),
      actorId: input.actorId,
      actorLabel: input.actorLabel,
      actorAgency: input.actorAgency,
      action: input.action,
      outcome: input.outcome,
      chronologyId: input.chronologyId ?? null,
      entryId: input.entryId ?? null,
      details: canonicalJson(input.details ?? {}),
      ip: input.ip ?? null,
      prevHash,
    };
    const stored: StoredRow = { ...row, hash: auditHash(key, row) };
    prevHash = stored.hash;
    return stored;
  });
}

/** The hash of a stored record. `details` is taken as the stored text, so any change to it shows. */
export function auditHash(key: Uint8Array, row: Omit<StoredRow, 'hash'>): string {
  // canonicalJson of the fields, written directly: the keys are already in sorted order here and every
  // value is a string, a number or null (details is the stored text), so JSON.stringify gives the same
  // text without sorting eleven keys and copying the object for every record on the write path (half
  // of the hash's time). audit.test.ts holds this to canonicalJson: a different text would break every
  // stored chain.
  const fields = {
    action: row.action,
    actorAgency: row.actorAgency,
    actorId: row.actorId,
    actorLabel: row.actorLabel,
    at: row.at,
    chronologyId: row.chronologyId,
    details: row.details,
    entryId: row.entryId,
    ip: row.ip,
    outcome: row.outcome,
    seq: row.seq,
  };
  return createHmac('sha256', key).update(row.prevHash).update('\n').update(JSON.stringify(fields)).digest('hex');
}

function sameHash(a: string, b: string): boolean {
  const x = Buffer.from(a, 'utf8');
  const y = Buffer.from(b, 'utf8');
  return x.length === y.length && timingSafeEqual(x, y);
}

function toRecord(row: StoredRow): AuditRecord {
  return { ...row, details: JSON.parse(row.details) as Record<string, unknown> };
}

export function createAuditRepo({ db, now }: RepoContext, opts: { auditKey: Uint8Array }) {
  const { orm, sqlite } = db;
  const key = opts.auditKey;
  if (key.length < 16) throw new Error('the audit key must be at least 16 bytes');

  // What the caseload asks for every page (when each chronology was first opened by the reader): built
  // once, run directly (direct-select.ts). The unary + keeps SQLite off the chronology index (firstAllowed says why).
  const selectFirstAllowed = lazySelect<{ chronologyId: string; seq: number }>(() =>
    orm
      .select({ chronologyId: sql<string>`${auditLog.chronologyId}`, seq: sql<number>`min(${auditLog.seq})` })
      .from(auditLog)
      .where(and(eq(auditLog.actorId, sql.placeholder('actorId')), eq(auditLog.outcome, 'allowed'), sql`+${inListPlaceholder(auditLog.chronologyId, 'ids')}`, inListPlaceholder(auditLog.action, 'actions')))
      .groupBy(auditLog.chronologyId)
      .prepare(),
  );

  // Numbered from sqlite_sequence (the highest seq ever handed out), not from the last row: if someone
  // deletes the newest records, the next one still leaves the gap for `verify` to find.
  const highestSeq = sqlite.prepare<[], { seq: number }>("select seq from sqlite_sequence where name = 'audit_log'");
  const lastRow = sqlite.prepare<[], { seq: number; hash: string }>('select seq, hash from audit_log order by seq desc limit 1');
  // Prepared once, like the two reads above: every changed entry writes a record. Each column is a
  // placeholder named after its property, so the stored row is the placeholder values.
  // Run by better-sqlite3 directly, as the projection's upsert (direct-statement.ts).
  const insertRow = directStatement(db, orm.insert(auditLog).values(Object.fromEntries(Object.keys(getTableColumns(auditLog)).map((name) => [name, sql.placeholder(name)])) as SQLiteInsertValue<typeof auditLog>));

  // Several records in one statement (a unit of work's, a batch of readers'): the chain's head read once,
  // each record sealed after the one before it, all inserted together. Inside the caller's transaction no
  // other connection can write between the read and the insert (see `append`).
  const columnNames = Object.keys(getTableColumns(auditLog));
  const insertRows = directMultiStatement(
    db,
    (n) => orm.insert(auditLog).values(Array.from({ length: n }, (_, i) => Object.fromEntries(columnNames.map((name) => [name, sql.placeholder(rowPlaceholder(i, name))])) as SQLiteInsertValue<typeof auditLog>)),
    64,
  );

  /** The records sealed in order after the chain's current head. */
  function sealedAfterHead(inputs: readonly AuditInput[]): StoredRow[] {
    const last = lastRow.get();
    return sealAuditRecords(key, now, { seq: Math.max(highestSeq.get()?.seq ?? 0, last?.seq ?? 0), hash: last?.hash ?? GENESIS_HASH }, inputs);
  }

  function appendNow(input: AuditInput): AuditRecord {
    const stored = sealedAfterHead([input])[0]!;
    insertRow.run(stored);
    return toRecord(stored);
  }

  /** Inside the caller's transaction if there is one (a unit of work's), else in a transaction of its own. */
  const inTransaction = <T>(append: () => T): T => (sqlite.inTransaction ? append() : db.tx(append));

  function appendManyNow(inputs: readonly AuditInput[]): StoredRow[] {
    const rows = sealedAfterHead(inputs);
    if (rows.length === 1) insertRow.run(rows[0]!);
    else insertRows.run(rows);
    return rows;
  }

  return {
    /**
     * Appends one record. Reading the chain's head and inserting after it must not interleave with
     * another writer, so this runs in an IMMEDIATE transaction, or in the caller's when there is one (the
     * record then commits or rolls back with the change it describes). A caller's DEFERRED transaction is
     * safe too: if another connection wrote after the head was read, SQLite refuses the insert
     * (SQLITE_BUSY_SNAPSHOT) rather than letting the chain fork.
     */
    append(input: AuditInput): AuditRecord {
      return inTransaction(() => appendNow(input));
    },

    /**
     * Appends several records in order, as `append` each would (same transaction rule), without handing
     * them back: the units of work's records (entries written, reads audited), which nobody reads back.
     */
    appendMany(inputs: readonly AuditInput[]): void {
      if (inputs.length > 0) inTransaction(() => appendManyNow(inputs));
    },

    /**
     * As `append` for each of `inputs`, in order, with the records handed back: the write lane's batch of
     * readers' records (sqlite/host.ts), one head read and one statement where `append` each made two
     * reads and an insert in a savepoint of their own. Not in the port (the SQLite host's own).
     */
    appendEach(inputs: readonly AuditInput[]): AuditRecord[] {
      if (inputs.length === 0) return [];
      return inTransaction(() => appendManyNow(inputs)).map(toRecord);
    },

    /** Newest first. */
    list(opts: AuditListOptions = {}): AuditRecord[] {
      const conditions: (SQL | undefined)[] = [
        opts.chronologyId === undefined ? undefined : eq(auditLog.chronologyId, opts.chronologyId),
        opts.entryId === undefined ? undefined : eq(auditLog.entryId, opts.entryId),
        opts.actorId === undefined ? undefined : eq(auditLog.actorId, opts.actorId),
        opts.action === undefined ? undefined : eq(auditLog.action, opts.action),
        opts.beforeSeq === undefined ? undefined : lt(auditLog.seq, opts.beforeSeq),
      ];
      return orm
        .select()
        .from(auditLog)
        .where(and(...conditions))
        .orderBy(desc(auditLog.seq))
        .limit(opts.limit ?? 100)
        .all()
        .map(toRecord);
    },

    count(): number {
      return orm.select({ n: sql<number>`count(*)` }).from(auditLog).get()?.n ?? 0;
    },

    /**
     * (chronology, entry) pairs with more than one recorded creation: one entry id created in two documents
     * of a chronology, possible only in data stored before ids were unique across documents.
     */
    repeatedCreates(): Array<{ chronologyId: string; entryId: string }> {
      return orm
        .select({ chronologyId: sql<string>`${auditLog.chronologyId}`, entryId: sql<string>`${auditLog.entryId}` })
        .from(auditLog)
        .where(and(eq(auditLog.action, 'entry.create'), eq(auditLog.outcome, 'allowed')))
        .groupBy(auditLog.chronologyId, auditLog.entryId)
        .having(sql`count(*) > 1`)
        .all();
    },

    /**
     * The seq of one actor's earliest allowed record of `actions` for each of `chronologyIds` (chronologies
     * with none are left out): a new account's first read of several chronologies looked at in ONE statement
     * over the actor's index (new-accounts.ts), where one `list` per chronology each scanned the actor's
     * records. `+chronology_id`: the actor's index, never one index walk per listed chronology.
     */
    firstAllowed(actorId: string, chronologyIds: readonly string[], actions: readonly string[]): Record<string, number> {
      if (chronologyIds.length === 0 || actions.length === 0) return {};
      const rows = selectFirstAllowed.all({ actorId, ids: JSON.stringify(chronologyIds), actions: JSON.stringify(actions) });
      return Object.fromEntries(rows.map((r) => [r.chronologyId, r.seq]));
    },

    /** When each actor last did `action` successfully (e.g. the last sign-in per user), by actor id. */
    lastAllowed(action: string): Map<string, string> {
      const rows = orm
        .select({ actorId: auditLog.actorId, at: sql<string>`max(${auditLog.at})` })
        .from(auditLog)
        .where(and(eq(auditLog.action, action), eq(auditLog.outcome, 'allowed')))
        .groupBy(auditLog.actorId)
        .all();
      return new Map(rows.map((row) => [row.actorId, row.at]));
    },

    /**
     * Walks the whole chain, oldest first, in one read transaction (a consistent snapshot even while the
     * server writes). Finds: a changed field (hash mismatch), a removed or inserted record (a gap in seq
     * or a previous hash that is not the one before), removed newest records (sqlite_sequence is ahead of
     * the last row) and a key other than the one that wrote the chain (every hash mismatches from the
     * first record on). Streams rows, so memory stays flat however long the log.
     */
    verify(): AuditVerification {
      const check = sqlite.transaction((): AuditVerification => {
        let count = 0;
        let prevSeq = 0;
        let prevHash = GENESIS_HASH;
        const rows = sqlite.prepare<[], Record<string, unknown>>(
          'select seq, at, actor_id, actor_label, actor_agency, action, outcome, chronology_id, entry_id, details, ip, prev_hash, hash from audit_log order by seq',
        );
        for (const r of rows.iterate()) {
          const row: StoredRow = {
            seq: r.seq as number,
            at: r.at as string,
            actorId: r.actor_id as string,
            actorLabel: r.actor_label as string,
            actorAgency: r.actor_agency as string,
            action: r.action as string,
            outcome: r.outcome as AuditOutcome,
            chronologyId: r.chronology_id as string | null,
            entryId: r.entry_id as string | null,
            details: r.details as string,
            ip: r.ip as string | null,
            prevHash: r.prev_hash as string,
            hash: r.hash as string,
          };
          if (row.seq !== prevSeq + 1) {
            return { ok: false, count, firstBrokenSeq: row.seq, reason: `records ${prevSeq + 1} to ${row.seq - 1} are missing` };
          }
          if (row.prevHash !== prevHash) {
            return { ok: false, count, firstBrokenSeq: row.seq, reason: 'the previous-hash link does not match the record before it' };
          }
          if (!sameHash(auditHash(key, row), row.hash)) {
            const reason = count === 0 ? 'hash mismatch on the first record: it was altered, or the audit key is not the one that wrote the log' : 'hash mismatch: the record was altered';
            return { ok: false, count, firstBrokenSeq: row.seq, reason };
          }
          count += 1;
          prevSeq = row.seq;
          prevHash = row.hash;
        }
        const highest = highestSeq.get()?.seq ?? 0;
        if (highest > prevSeq) {
          return { ok: false, count, firstBrokenSeq: prevSeq + 1, reason: `the newest records (${prevSeq + 1} to ${highest}) are missing` };
        }
        return { ok: true, count };
      });
      return check.deferred();
    },
  };
}

export type AuditRepo = ReturnType<typeof createAuditRepo>;
