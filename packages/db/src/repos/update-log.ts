// The Yjs update log: every accepted update of every chronology document, in order. It is the source of
// truth: the entry projection is rebuilt from it. Rows are never changed (a trigger refuses UPDATE);
// compaction replaces a document's oldest rows by one merged update.
import { and, asc, count, eq, gt, lte, max, sql } from 'drizzle-orm';
import { docUpdates } from '../schema.js';
import { toBlob, toBytes, type RepoContext } from './context.js';
import { directMultiStatement, directStatement, rowPlaceholder } from './direct-statement.js';
import { lazySelect } from './direct-select.js';
import { stateDoesNotHold, wholeStateProblem } from '../update-coverage.js';

/**
 * Rule S8 (docs/storage.md): a compaction never stores an empty state in place of a log. No document's
 * state is zero bytes (an empty Y.Doc encodes as two), so an empty one can only be a fault upstream (a
 * buffer moved away or never filled), and replacing the rows with it would lose every entry's document.
 */
export function refuseEmptyState(docName: string, merged: Uint8Array): void {
  if (merged.byteLength === 0) throw new Error(`refused to replace the log of ${docName} with an empty state (a document's state is never zero bytes); nothing was replaced`);
}

/**
 * Rule S9 (docs/storage.md): a compaction replaces rows only with a state that holds every one of them
 * (update-coverage.ts), checked where the rows are deleted, against the rows themselves. A conversion
 * (an older document rebuilt in today's shape under a client id of its own) cannot hold the old rows'
 * structs by design: it must be a whole state (its entries are checked where it is made, doc-shape.ts).
 * `problem` is what the check found (null: none); a problem refuses the whole replacement.
 */
export function refuseUnheldRows(docName: string, rowCount: number, problem: string | null): void {
  if (problem !== null) throw new Error(`refused to replace ${rowCount} rows of ${docName}: the state given does not hold them (${problem}); nothing was replaced`);
}

/** What S9 checks of a replacement (see refuseUnheldRows); runs where the rows are deleted. */
export function replacementProblem(merged: Uint8Array, rows: readonly Uint8Array[], converted: boolean): string | null {
  return converted ? wholeStateProblem(merged) : stateDoesNotHold(merged, rows);
}

/** How a replacement's state was made: a merge of the rows (the default), or their conversion to today's shape. */
export interface ReplaceOptions {
  converted?: boolean;
}

export interface StoredUpdate {
  /** The row's number across the whole log. */
  seq: number;
  /** The document's own sequence number: 1, 2, 3… without gaps, in commit order (a merged row keeps the highest it replaced). */
  docSeq: number;
  data: Uint8Array;
}

export interface UpdateLogStats {
  updates: number;
  bytes: number;
}

export function createUpdateLogRepo({ db, now }: RepoContext) {
  const { orm } = db;

  // Every accepted update goes through here: built and prepared once rather than per call (Drizzle
  // otherwise rebuilds the SQL and better-sqlite3 recompiles it on each insert).
  // The document's next number comes from the unique (doc_name, doc_seq) index: one writer per file, so
  // the next is always the last plus one.
  // Run by better-sqlite3 directly, as the projection's upsert (direct-statement.ts): the row comes back
  // with its SQL column name.
  const insertUpdate = directStatement(
    db,
    orm
      .insert(docUpdates)
      .values({
        docName: sql.placeholder('docName'),
        docSeq: sql`(select coalesce(max(${sql.identifier('doc_seq')}), 0) + 1 from ${sql.identifier('doc_updates')} where ${sql.identifier('doc_name')} = ${sql.placeholder('docName')})`,
        data: sql.placeholder('data'),
        createdAt: sql.placeholder('createdAt'),
      })
      .returning({ docSeq: docUpdates.docSeq }),
  );
  // A unit of work's updates in one statement, each numbered after its document's head (read once per
  // document: inside the unit's transaction nobody else writes; the unique index still guards it).
  const insertUpdates = directMultiStatement(
    db,
    (n) => orm.insert(docUpdates).values(Array.from({ length: n }, (_, i) => ({ docName: sql.placeholder(rowPlaceholder(i, 'docName')), docSeq: sql.placeholder(rowPlaceholder(i, 'docSeq')), data: sql.placeholder(rowPlaceholder(i, 'data')), createdAt: sql.placeholder(rowPlaceholder(i, 'createdAt')) }))),
    64,
  );
  const headOf = orm
    .select({ docSeq: max(docUpdates.docSeq) })
    .from(docUpdates)
    .where(eq(docUpdates.docName, sql.placeholder('docName')))
    .prepare();
  const selectColumns = { seq: docUpdates.seq, docSeq: docUpdates.docSeq, data: docUpdates.data };
  // A document's whole log, read whenever a room opens: built once, run directly (direct-select.ts).
  const selectLog = lazySelect<{ seq: number; docSeq: number; data: Uint8Array }>(() =>
    orm.select(selectColumns).from(docUpdates).where(eq(docUpdates.docName, sql.placeholder('docName'))).orderBy(asc(docUpdates.docSeq)).prepare(),
  );

  /**
   * Stores one update and returns its per-document sequence number. A single INSERT is atomic on its
   * own; called inside `db.tx` it commits with the rest of the caller's transaction.
   */
  const appendOne = (docName: string, update: Uint8Array): number => insertUpdate.get<{ doc_seq: number }>({ docName, data: toBlob(update), createdAt: now() })!.doc_seq;

  return {
    append: appendOne,

    /**
     * Stores several updates in order, in one statement per 64, and returns each one's per-document
     * sequence number: what `append` of each in turn would store. Call it inside `db.tx` (a unit of work).
     */
    appendMany(updates: ReadonlyArray<{ docName: string; update: Uint8Array }>): number[] {
      if (updates.length === 1) return [appendOne(updates[0]!.docName, updates[0]!.update)];
      const heads = new Map<string, number>();
      const rows = updates.map(({ docName, update }) => {
        const docSeq = (heads.get(docName) ?? headOf.get({ docName })?.docSeq ?? 0) + 1;
        heads.set(docName, docSeq);
        return { docName, docSeq, data: toBlob(update), createdAt: now() };
      });
      insertUpdates.run(rows);
      return rows.map((row) => row.docSeq);
    },

    /** The document's last per-document sequence number, 0 when it has none. */
    head(docName: string): number {
      return headOf.get({ docName })?.docSeq ?? 0;
    },

    /** The document's updates, oldest first. */
    load(docName: string): StoredUpdate[] {
      return selectLog.all({ docName }).map((row) => ({ seq: row.seq, docSeq: row.docSeq, data: toBytes(row.data) }));
    },

    /** The document's updates with a per-document sequence number above `afterDocSeq`, oldest first (catch-up). */
    after(docName: string, afterDocSeq: number): StoredUpdate[] {
      return orm
        .select(selectColumns)
        .from(docUpdates)
        .where(and(eq(docUpdates.docName, docName), gt(docUpdates.docSeq, afterDocSeq)))
        .orderBy(asc(docUpdates.docSeq))
        .all()
        .map((row) => ({ seq: row.seq, docSeq: row.docSeq, data: toBytes(row.data) }));
    },

    /**
     * Compaction: replaces the document's updates with doc_seq <= `uptoDocSeq` by `merged` (which must
     * contain them all), in one transaction. Later rows, written after the merge was taken, stay after it.
     * The merged row takes the highest numbers it replaces (both `seq`, which AUTOINCREMENT cannot hand out
     * below later rows, and `doc_seq`), so a reader that had applied up to any of them and asks for what
     * came after gets the merged row (already held: Yjs applies it as a no-op) and then the later rows.
     * Returns the merged row's doc_seq, or null when there was nothing to replace.
     */
    replaceUpTo(docName: string, uptoDocSeq: number, merged: Uint8Array, opts: ReplaceOptions = {}): number | null {
      refuseEmptyState(docName, merged);
      return db.tx(() => {
        const upTo = and(eq(docUpdates.docName, docName), lte(docUpdates.docSeq, uptoDocSeq));
        const last = orm.select({ seq: max(docUpdates.seq), docSeq: max(docUpdates.docSeq) }).from(docUpdates).where(upTo).get();
        if (last?.seq == null || last.docSeq == null) return null;
        // S9, on the writer's thread, against the rows this transaction deletes.
        const rows = orm.select({ data: docUpdates.data }).from(docUpdates).where(upTo).orderBy(asc(docUpdates.docSeq)).all();
        refuseUnheldRows(docName, rows.length, replacementProblem(merged, rows.map((row) => toBytes(row.data)), opts.converted === true));
        orm.delete(docUpdates).where(upTo).run();
        orm.insert(docUpdates).values({ seq: last.seq, docSeq: last.docSeq, docName, data: toBlob(merged), createdAt: now() }).run();
        return last.docSeq;
      });
    },

    /** How many updates and bytes the log holds, for one document or all. */
    stats(docName?: string): UpdateLogStats {
      const row = orm
        .select({ updates: count(), bytes: sql<number>`coalesce(sum(length(${docUpdates.data})), 0)` })
        .from(docUpdates)
        .where(docName === undefined ? undefined : eq(docUpdates.docName, docName))
        .get();
      return { updates: row?.updates ?? 0, bytes: Number(row?.bytes ?? 0) };
    },

    /** Every document that has updates, sorted by name. */
    docNames(): string[] {
      return orm
        .selectDistinct({ docName: docUpdates.docName })
        .from(docUpdates)
        .orderBy(asc(docUpdates.docName))
        .all()
        .map((r) => r.docName);
    },
  };
}

export type UpdateLogRepo = ReturnType<typeof createUpdateLogRepo>;
