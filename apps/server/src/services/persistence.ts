import * as Y from 'yjs';
import type { Entry } from '@mac/domain';
import { projectionRowsOf, type PersistWrite, type Repos, type Store } from '@mac/db';
import { newYDoc, parseDocName, readEntries, type AcceptedUpdate, type Persistence } from '@mac/sync';

/**
 * The rooms' persistence over the storage port: every accepted update is appended to the update log, the
 * entry projection is brought up to date and each changed entry gets its audit record, all in ONE
 * transaction (`Store.persistBatch`, one per batch of the write queue) that has committed before the room
 * broadcasts the update. So what anyone has seen is on disk, and the projection and the audit log can
 * never disagree with the log.
 */
export function createPersistence(store: Store, opts: { onPersisted?: (writes: readonly PersistWrite[], accepted: readonly AcceptedUpdate[]) => void } = {}): Persistence {
  const { repos } = store;
  return {
    load: async (docName) => (await repos.updateLog.load(docName)).map((row) => row.data),
    loadSequenced: async (docName) => (await repos.updateLog.load(docName)).map((row) => ({ seq: row.docSeq, update: row.data })),
    readAfter: async (docName, seq) => (await repos.updateLog.after(docName, seq)).map((row) => ({ seq: row.docSeq, update: row.data })),
    async persistBatch(accepted) {
      const writes = accepted.map(toPersistWrite);
      const seqs = await store.persistBatch(writes);
      // After the commit, and only a note of what changed (alerts look at it later, off this path; the live
      // analysis's text is owed a version: services/analysis-live.ts).
      opts.onPersisted?.(writes, accepted);
      return seqs;
    },
    loadClientOwners: async (docName) => await repos.docClients.owners(docName),
    entryDocs: async (chronologyId) => new Map((await repos.entries.docsOf(chronologyId)).map((row) => [row.id, row.docName])),
    peopleOf: async (chronologyId) => new Set(await repos.people.idsForChronology(chronologyId)),
    claimClients: async (docName, clientIds, principalId) => await repos.docClients.claim(docName, clientIds, principalId),
    compact: async (docName, merged, uptoSeq, opts) => void (await repos.updateLog.replaceUpTo(docName, uptoSeq, merged, opts)),
    onRefused(refusal) {
      const parsed = parseDocName(refusal.docName);
      // Not awaited: the refusal is decided and sent now; its record follows (and reports its own failure).
      void repos.audit
        .append({
          actorId: refusal.principal.id,
          actorLabel: refusal.principal.name,
          actorAgency: refusal.principal.agency,
          action: 'sync.update',
          outcome: 'refused',
          chronologyId: parsed?.chronologyId ?? null,
          entryId: null,
          details: { docName: refusal.docName, code: refusal.code, reason: refusal.reason, via: refusal.meta.via },
          ip: refusal.meta.ip,
        })
        // The refusal stands whatever happens to its record; a storage failure is the health check's to report.
        .catch((err: unknown) => console.error('[mac] could not audit a refused update:', err));
    },
  };
}

/** An accepted update as the storage port stores it (its document's chronology, the writer as actor). */
export function toPersistWrite(accepted: AcceptedUpdate): PersistWrite {
  const parsed = parseDocName(accepted.docName);
  if (!parsed) throw new Error(`not a chronology document: ${accepted.docName}`);
  const { principal } = accepted;
  return {
    docName: accepted.docName,
    chronologyId: parsed.chronologyId,
    update: accepted.update,
    claims: accepted.claims,
    actor: { id: principal.id, name: principal.name, agency: principal.agency },
    meta: accepted.meta,
    changes: accepted.changes,
    ...(accepted.afterSeq === undefined ? {} : { afterDocSeq: accepted.afterSeq }),
  };
}

/** Every entry of a document, replayed from its update log. */
export async function replayEntries(repos: Repos, docName: string): Promise<Entry[]> {
  const doc = newYDoc();
  try {
    for (const update of await repos.updateLog.load(docName)) Y.applyUpdate(doc, update.data);
    return readEntries(doc);
  } finally {
    doc.destroy();
  }
}

/**
 * Rebuilds the projection of every document (or of those `only` keeps) from the update log (the log is the
 * source of truth), one transaction per document. Resolves with how many entries it wrote.
 */
export async function rebuildProjection(store: Store, only: (docName: string) => boolean = () => true): Promise<number> {
  let count = 0;
  const system = { id: 'system', name: 'system', agency: '' };
  for (const docName of await store.repos.updateLog.docNames()) {
    if (!only(docName)) continue;
    const parsed = parseDocName(docName);
    if (!parsed) continue;
    const entries = await replayEntries(store.repos, docName);
    const rows = projectionRowsOf({
      docName,
      chronologyId: parsed.chronologyId,
      update: new Uint8Array(),
      claims: [],
      actor: system,
      meta: { via: 'seed', ip: null },
      changes: entries.map((entry) => ({ entryId: entry.id, kind: 'create' as const, before: null, after: entry, fields: [] })),
    });
    await store.rebuildDoc(docName, rows);
    count += entries.length;
  }
  return count;
}
