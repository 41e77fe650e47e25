// The Yjs update log: every accepted update of every chronology document, in order. It is the source of
// truth: the entry projection is rebuilt from it. Rows are never changed (a trigger refuses UPDATE);
// compaction replaces a document's oldest rows by one merged update.
import { and, asc, count, eq, lte, max, sql } from 'drizzle-orm';
import { docUpdates } from '../schema.js';
import { toBlob, toBytes, type RepoContext } from './context.js';

export interface StoredUpdate {
  seq: number;
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
  const insertUpdate = orm
    .insert(docUpdates)
    .values({ docName: sql.placeholder('docName'), data: sql.placeholder('data'), createdAt: sql.placeholder('createdAt') })
    .returning({ seq: docUpdates.seq })
    .prepare();

  return {
    /**
     * Stores one update and returns its sequence number. A single INSERT is atomic on its own; called
     * inside `db.tx` it commits with the rest of the caller's transaction.
     */
    append(docName: string, update: Uint8Array): number {
      return insertUpdate.get({ docName, data: toBlob(update), createdAt: now() }).seq;
    },

    /** The document's updates, oldest first. */
    load(docName: string): StoredUpdate[] {
      return orm
        .select({ seq: docUpdates.seq, data: docUpdates.data })
        .from(docUpdates)
        .where(eq(docUpdates.docName, docName))
        .orderBy(asc(docUpdates.seq))
        .all()
        .map((row) => ({ seq: row.seq, data: toBytes(row.data) }));
    },

    /**
     * Compaction: replaces the document's updates with seq <= `uptoSeq` by `merged` (which must contain
     * them all), in one transaction. Later rows, written after the merge was taken, stay after it.
     * AUTOINCREMENT cannot hand out a number below the rows that follow, so the merged row reuses the
     * highest sequence number it replaces: that number is free once deleted and still below every later
     * row of the document. Returns the merged row's seq, or null when there was nothing to replace.
     */
    replaceUpTo(docName: string, uptoSeq: number, merged: Uint8Array): number | null {
      return db.tx(() => {
        const upTo = and(eq(docUpdates.docName, docName), lte(docUpdates.seq, uptoSeq));
        const last = orm.select({ seq: max(docUpdates.seq) }).from(docUpdates).where(upTo).get()?.seq ?? null;
        if (last === null) return null;
        orm.delete(docUpdates).where(upTo).run();
        orm.insert(docUpdates).values({ seq: last, docName, data: toBlob(merged), createdAt: now() }).run();
        return last;
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
