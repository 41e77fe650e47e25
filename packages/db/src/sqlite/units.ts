// The SQLite adapter's units of work: each one synchronous transaction on the connection (better-sqlite3
// commits when the function returns, so nothing here may await). They run wherever the connection lives:
// the worker thread in production (host.ts), the caller's thread in tests that ask for it.
//
// Every unit that writes runs inside its own `db.tx` (a savepoint when the host's batch is the
// transaction): host.ts relies on it and opens no second savepoint around a unit, so a unit that throws
// halfway (a constraint on its third statement) undoes its own first two and nothing of its neighbours.
import type { MacDb } from '../open.js';
import type { HouseholdEventUnit, ImportJournal, PersistWrite, UpdateAppend } from '../port.js';
import { importJournalOf, importJournalRow, type ImportJournalRow } from '../import-journal.js';
import type { SqliteRepos } from '../repos/index.js';
import type { AuditInput } from '../repos/audit.js';
import type { EntryProjectionInput } from '../repos/entries.js';
import { auditRecordsOf, importsIn, projectionRowsOf } from '../store-write.js';
import { checkedOfAppend, checkedOfPersist, conflictsOf, type CheckedWrite } from '../units.js';
import { WriteConflictError } from '../write-conflict.js';
import { markStatementsDone } from '../latency-trace.js';

export function createSqliteUnits(db: MacDb, repos: SqliteRepos, clock: () => Date = () => new Date()) {
  const appendAll = (writes: readonly UpdateAppend[]): number[] => {
    const seqs = repos.updateLog.appendMany(writes);
    for (const write of writes) if (write.claims.length > 0) repos.docClients.claim(write.docName, write.claims, write.principalId);
    return seqs;
  };
  // Each kind of row of all the writes together, in the writes' order: the update log's rows, then every
  // projection row in one statement (the search index flushes once per statement: entries.upsertMany),
  // then every audit record. The unit is one savepoint, so the order of its statements shows nowhere
  // once it has committed, and a failure undoes all of them.
  const persistAll = (writes: readonly PersistWrite[]): number[] => {
    const seqs = appendAll(writes.map((write) => ({ docName: write.docName, update: write.update, claims: write.claims, principalId: write.actor.id })));
    repos.entries.upsertMany(writes.flatMap(projectionRowsOf));
    repos.audit.appendMany(writes.flatMap(auditRecordsOf));
    touchImports(writes);
    return seqs;
  };
  // A slice of an import stored is its progress (port.ts ImportJournal.touchedAt), recorded in the slice's
  // own transaction: one update of one row by its key, nothing for writes of no import.
  const touchImports = (writes: readonly PersistWrite[]) => {
    const ids = importsIn(writes);
    if (ids.size === 0) return;
    const touch = db.sqlite.prepare('UPDATE pending_imports SET touched_at = ? WHERE id = ?');
    const at = clock().toISOString();
    for (const id of ids) touch.run(at, id);
  };
  // Writes that name `afterDocSeq` (several nodes) are stored only if nobody else moved their documents on.
  const checkConflicts = (writes: readonly CheckedWrite[]) => {
    if (!writes.some((w) => w.afterDocSeq !== undefined)) return;
    const moved = conflictsOf(
      writes,
      (docName) => repos.updateLog.head(docName),
      (docName) => repos.docClients.owners(docName),
    );
    if (moved.length > 0) throw new WriteConflictError(moved);
  };
  return {
    persistBatch(writes: readonly PersistWrite[]): number[] {
      return db.tx(() => {
        checkConflicts(writes.map(checkedOfPersist));
        const seqs = persistAll(writes);
        markStatementsDone();
        return seqs;
      });
    },
    recordHouseholdEvent(unit: HouseholdEventUnit): number[] {
      return db.tx(() => {
        checkConflicts(unit.writes.map(checkedOfPersist));
        repos.households.insertEvent(unit.event);
        const seqs = persistAll(unit.writes);
        for (const notification of unit.notifications) repos.notifications.create(notification);
        return seqs;
      });
    },
    appendUpdates(writes: readonly UpdateAppend[]): number[] {
      return db.tx(() => {
        checkConflicts(writes.map(checkedOfAppend));
        const seqs = appendAll(writes);
        markStatementsDone();
        return seqs;
      });
    },
    rebuildDoc(docName: string, rows: readonly EntryProjectionInput[]): void {
      db.tx(() => {
        repos.entries.deleteForDoc(docName);
        repos.entries.upsertMany(rows);
      });
    },
    appendAudit(records: readonly AuditInput[]): void {
      db.tx(() => repos.audit.appendMany(records));
    },
    beginImport(journal: ImportJournal): void {
      const row = importJournalRow(journal);
      db.tx(() => {
        db.sqlite
          .prepare('INSERT INTO pending_imports (id, chronology_id, doc_name, principal, details, entries, created_at, touched_at, writer) VALUES (?, ?, ?, ?, ?, ?, ?, ?, ?)')
          .run(row.id, row.chronologyId, row.docName, row.principal, row.details, row.entries, row.createdAt, row.touchedAt, row.writer);
      });
    },
    claimImport(importId: string, writer: string, idleBefore: string | null): boolean {
      return db.tx(() => {
        const at = clock().toISOString();
        const claim = idleBefore === null ? db.sqlite.prepare('UPDATE pending_imports SET writer = ?, touched_at = ? WHERE id = ?').run(writer, at, importId) : db.sqlite.prepare('UPDATE pending_imports SET writer = ?, touched_at = ? WHERE id = ? AND touched_at < ?').run(writer, at, importId, idleBefore);
        return claim.changes > 0;
      });
    },
    finishImport(importId: string, writer: string, record: AuditInput): boolean {
      return db.tx(() => {
        const removed = db.sqlite.prepare('DELETE FROM pending_imports WHERE id = ? AND writer = ?').run(importId, writer).changes;
        if (removed === 0) return false;
        repos.audit.append(record);
        return true;
      });
    },
    pendingImports(chronologyId?: string): ImportJournal[] {
      const select = 'SELECT id, chronology_id AS chronologyId, doc_name AS docName, principal, details, entries, created_at AS createdAt, touched_at AS touchedAt, writer FROM pending_imports';
      const rows = (chronologyId === undefined ? db.sqlite.prepare(`${select} ORDER BY created_at, id`).all() : db.sqlite.prepare(`${select} WHERE chronology_id = ? ORDER BY created_at, id`).all(chronologyId)) as ImportJournalRow[];
      return rows.map(importJournalOf);
    },
    ping(): void {
      db.sqlite.prepare('SELECT 1').get();
    },
  };
}

export type SqliteUnits = ReturnType<typeof createSqliteUnits>;
