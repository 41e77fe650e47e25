// The update log (doc_updates) and the owners of the documents' Yjs client ids (doc_clients) over
// PostgreSQL, and the pieces of them the units of work use inside their own transactions (store.ts):
// the per-document lock, the per-document sequence numbers (doc_seq, docs/storage.md) and the claims.
import { and, asc, count, eq, gt, lte, max, sql } from 'drizzle-orm';
import { refuseEmptyState, refuseUnheldRows, replacementProblem, type ReplaceOptions, type StoredUpdate, type UpdateLogStats } from '../repos/update-log.js';
import type { Repos } from '../port.js';
import { checkedDocs, type CheckedWrite } from '../units.js';
import type { PgExec } from './audit.js';
import { ascC, bytes, INSERT_CHUNK } from './sql.js';
import { docClients, docUpdates } from './schema.js';

/**
 * Serialises writers of one document until their transaction ends: log order is commit order per document.
 * The same lock the units of work take with `lockKeys`: one piece of SQL names how a key becomes a lock.
 */
export function lockDocument(tx: PgExec, docName: string): Promise<void> {
  return lockKeys(tx, [docName]);
}

/**
 * Takes the transaction's advisory locks on `keys` in ONE statement (one round trip, not one per key), in
 * JavaScript's sort order, as every caller takes them: a fixed order, so two transactions locking some of
 * the same keys cannot deadlock. The order is the array's (`with ordinality`), sorted below the locks in a
 * subquery, so the planner cannot take them in an order of its own (pg/store.test.ts checks it).
 */
export async function lockKeys(tx: PgExec, keys: readonly string[]): Promise<void> {
  const sorted = [...new Set(keys)].sort();
  if (sorted.length === 0) return;
  await tx.execute(
    sql`select pg_advisory_xact_lock(hashtextextended(s.k, 0)) from (select k from unnest(${sql.param(sorted)}::text[]) with ordinality as t(k, i) order by i offset 0) s`,
  );
}

const updateColumns = { seq: docUpdates.seq, docSeq: docUpdates.docSeq, data: docUpdates.data };

/** Each document's last per-document sequence number (absent: none yet). */
export async function docHeads(exec: PgExec, docNames: readonly string[]): Promise<Map<string, number>> {
  if (docNames.length === 0) return new Map();
  const rows = await exec
    .select({ docName: docUpdates.docName, head: max(docUpdates.docSeq) })
    .from(docUpdates)
    .where(sql`${docUpdates.docName} = any(${sql.param([...docNames])}::text[])`)
    .groupBy(docUpdates.docName);
  return new Map(rows.map((r) => [r.docName, Number(r.head ?? 0)]));
}

/**
 * Appends updates to their documents' logs, numbering each document's 1, 2, 3… after its last: the caller
 * holds every document's advisory lock (lockDocument, lockKeys) until its commit, so numbers are handed out and
 * committed in the same order, without gaps. Returns each update's doc_seq, in order.
 *
 * ONE statement: it reads each document's last doc_seq itself and numbers after it. It starts after the
 * caller's lock statement has returned, and READ COMMITTED takes a statement's snapshot at its start, so
 * it sees every commit to these documents that came before the lock was granted (as a separate docHeads
 * read did, one round trip more). Rows go in in the callers' order (`order by u.i`), so the log's global seq
 * (identity) grows with each document's doc_seq as before; RETURNING's order is not relied on.
 */
export async function insertUpdates(tx: PgExec, updates: ReadonlyArray<{ docName: string; update: Uint8Array }>, createdAt: string): Promise<number[]> {
  if (updates.length === 0) return [];
  const counts = new Map<string, number>();
  const ordinals = updates.map((u) => {
    const n = (counts.get(u.docName) ?? 0) + 1;
    counts.set(u.docName, n);
    return n;
  });
  const result = await tx.execute<{ doc_name: string; doc_seq: string | number }>(sql`
    insert into ${docUpdates} (doc_name, doc_seq, data, created_at)
    select u.doc_name, coalesce(h.head, 0) + u.n, u.data, ${createdAt}
    from unnest(${sql.param(updates.map((u) => u.docName))}::text[], ${sql.param(ordinals)}::int[], ${sql.param(updates.map((u) => u.update))}::bytea[]) with ordinality as u(doc_name, n, data, i)
    left join (
      select doc_name, max(doc_seq) as head from ${docUpdates} where doc_name = any(${sql.param([...counts.keys()])}::text[]) group by doc_name
    ) h on h.doc_name = u.doc_name
    order by u.i
    returning doc_name, doc_seq`);
  // A document's rows are numbered head+1 … head+count: its head is one below the least returned.
  const heads = new Map<string, number>();
  for (const row of result.rows) {
    const before = Number(row.doc_seq) - 1;
    heads.set(row.doc_name, Math.min(heads.get(row.doc_name) ?? before, before));
  }
  return updates.map((u, i) => heads.get(u.docName)! + ordinals[i]!);
}

/**
 * What the conflict check (../units.ts conflictsOf) asks under the documents' locks, in ONE statement (one
 * round trip and one snapshot, where docHeads and clientOwners were two): each checked document's head (0
 * for none yet), and the owner of every client id that a write to a checked document claims. conflictsOf
 * looks up no other client id, so its answers are those of the two reads (the owners of a document's other
 * ids, however many sessions it has seen, are not sent: pg/conflict-facts.test.ts compares the answers).
 */
export async function conflictFacts(exec: PgExec, writes: readonly CheckedWrite[]): Promise<{ heads: Map<string, number>; owners: Map<string, Map<number, string>> }> {
  const docs = checkedDocs(writes);
  const heads = new Map<string, number>();
  const owners = new Map<string, Map<number, string>>();
  if (docs.length === 0) return { heads, owners };
  const claimed = new Set<string>();
  const claimDocs: string[] = [];
  const claimIds: number[] = [];
  for (const w of writes) {
    if (!docs.includes(w.docName)) continue;
    for (const id of w.claims) {
      const key = `${w.docName}\n${id}`;
      if (!claimed.has(key)) claimed.add(key), claimDocs.push(w.docName), claimIds.push(id);
    }
  }
  // bigint arrives as a string; as double precision, a number (doc_seq and client ids stay below 2^53).
  const result = await exec.execute<{ doc_name: string; head: number | null; client_id: number | null; principal_id: string | null }>(sql`
    select d.doc_name, coalesce((select max(u.doc_seq) from ${docUpdates} u where u.doc_name = d.doc_name), 0)::double precision as head,
      null::double precision as client_id, null::text as principal_id
    from unnest(${sql.param(docs)}::text[]) as d(doc_name)
    union all
    select c.doc_name, null, c.client_id::double precision, c.principal_id
    from ${docClients} c join unnest(${sql.param(claimDocs)}::text[], ${sql.param(claimIds)}::bigint[]) as k(doc_name, client_id)
      on c.doc_name = k.doc_name and c.client_id = k.client_id`);
  for (const row of result.rows) {
    if (row.principal_id === null) {
      heads.set(row.doc_name, Number(row.head));
      continue;
    }
    let owned = owners.get(row.doc_name);
    if (owned === undefined) owners.set(row.doc_name, (owned = new Map()));
    owned.set(Number(row.client_id), row.principal_id);
  }
  return { heads, owners };
}

/** Records each client id's first owner; ids already owned keep theirs. */
export async function claimClients(exec: PgExec, claims: ReadonlyArray<{ docName: string; clientId: number; principalId: string }>, claimedAt: string): Promise<void> {
  const seen = new Set<string>();
  const rows = claims.filter((c) => {
    const key = `${c.docName}\n${c.clientId}`;
    if (seen.has(key)) return false;
    seen.add(key);
    return true;
  });
  for (let i = 0; i < rows.length; i += INSERT_CHUNK) {
    await exec
      .insert(docClients)
      .values(rows.slice(i, i + INSERT_CHUNK).map((c) => ({ ...c, claimedAt })))
      .onConflictDoNothing();
  }
}


/**
 * Rule S9's check of a replacement (repos/update-log.ts replacementProblem): `null` when the state holds
 * the rows, else what is wrong. The store runs it in a thread of its own (state-check.ts): ~30 ms for a
 * 10,000-row log, too long for the event loop under load. Inline (tests, tools) without one.
 */
export type StateCheck = (merged: Uint8Array, rows: readonly Uint8Array[], converted: boolean) => Promise<string | null>;

const checkInline: StateCheck = async (merged, rows, converted) => replacementProblem(merged, rows, converted);

export function createPgUpdateLogRepos(db: PgExec, now: () => string, stateCheck: StateCheck = checkInline): Pick<Repos, 'updateLog' | 'docClients'> {
  return {
    updateLog: {
      async append(docName: string, update: Uint8Array) {
        return db.transaction(async (tx) => {
          await lockDocument(tx, docName);
          const [docSeq] = await insertUpdates(tx, [{ docName, update }], now());
          return docSeq!;
        });
      },
      async head(docName: string) {
        return (await docHeads(db, [docName])).get(docName) ?? 0;
      },
      async load(docName: string): Promise<StoredUpdate[]> {
        return db.select(updateColumns).from(docUpdates).where(eq(docUpdates.docName, docName)).orderBy(asc(docUpdates.docSeq));
      },
      async after(docName: string, afterDocSeq: number): Promise<StoredUpdate[]> {
        return db
          .select(updateColumns)
          .from(docUpdates)
          .where(and(eq(docUpdates.docName, docName), gt(docUpdates.docSeq, afterDocSeq)))
          .orderBy(asc(docUpdates.docSeq));
      },
      async replaceUpTo(docName: string, uptoDocSeq: number, merged: Uint8Array, opts: ReplaceOptions = {}) {
        refuseEmptyState(docName, merged);
        return db.transaction(async (tx) => {
          // Taken as appends take it: no append of this document is half-way while its rows are replaced.
          await lockDocument(tx, docName);
          const upTo = and(eq(docUpdates.docName, docName), lte(docUpdates.docSeq, uptoDocSeq));
          const [row] = await tx.select({ seq: max(docUpdates.seq), docSeq: max(docUpdates.docSeq) }).from(docUpdates).where(upTo);
          if (row?.seq == null || row.docSeq == null) return null;
          // S9, against the rows this transaction deletes (read under the lock), off the event loop.
          const rows = await tx.select({ data: docUpdates.data }).from(docUpdates).where(upTo).orderBy(asc(docUpdates.docSeq));
          refuseUnheldRows(docName, rows.length, await stateCheck(merged, rows.map((r) => r.data), opts.converted === true));
          await tx.delete(docUpdates).where(upTo);
          await tx.insert(docUpdates).values({ seq: row.seq, docSeq: row.docSeq, docName, data: merged, createdAt: now() });
          return row.docSeq;
        });
      },
      async stats(docName?: string): Promise<UpdateLogStats> {
        const [row] = await db
          .select({ updates: count(), bytes: sql<string>`coalesce(sum(octet_length(${docUpdates.data})), 0)` })
          .from(docUpdates)
          .where(docName === undefined ? undefined : eq(docUpdates.docName, docName));
        return { updates: row?.updates ?? 0, bytes: Number(row?.bytes ?? 0) };
      },
      async docNames() {
        const rows = await db.selectDistinct({ docName: docUpdates.docName, sortKey: bytes(docUpdates.docName) }).from(docUpdates).orderBy(ascC(docUpdates.docName));
        return rows.map((r) => r.docName);
      },
    },

    docClients: {
      async owners(docName: string) {
        const rows = await db.select({ clientId: docClients.clientId, principalId: docClients.principalId }).from(docClients).where(eq(docClients.docName, docName));
        return new Map(rows.map((row) => [row.clientId, row.principalId]));
      },
      async claim(docName: string, clientIds: readonly number[], principalId: string) {
        if (clientIds.length === 0) return;
        await claimClients(db, clientIds.map((clientId) => ({ docName, clientId, principalId })), now());
      },
    },
  };
}
