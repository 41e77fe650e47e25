import * as Y from 'yjs';
import { dateBounds, type Entry, type Principal } from '@mac/domain';
import type { MacDb, Repos } from '@mac/db';
import { parseDocName, readEntries, type AcceptedUpdate, type EntryChange, type Persistence } from '@mac/sync';

/**
 * The rooms' persistence: every accepted update is appended to the update log, the entry projection is
 * brought up to date and each changed entry gets its audit record, all in ONE SQLite transaction that has
 * committed before the room broadcasts the update. So what anyone has seen is on disk, and the projection
 * and the audit log can never disagree with the log.
 */
export function createPersistence(db: MacDb, repos: Repos): Persistence {
  return {
    load: (docName) => repos.updateLog.load(docName).map((row) => row.data),
    persist(accepted: AcceptedUpdate) {
      const parsed = parseDocName(accepted.docName);
      if (!parsed) throw new Error(`not a chronology document: ${accepted.docName}`);
      return db.tx(() => {
        const seq = repos.updateLog.append(accepted.docName, accepted.update);
        repos.docClients.claim(accepted.docName, accepted.claims, accepted.principal.id);
        for (const change of accepted.changes) {
          writeProjection(repos, parsed.chronologyId, accepted.docName, change.after, accepted.principal);
          auditChange(repos, parsed.chronologyId, accepted, change);
        }
        return seq;
      });
    },
    loadClientOwners: (docName) => repos.docClients.owners(docName),
    entryIdsTaken: (chronologyId, entryIds, exceptDoc) => repos.entries.firstHeldElsewhere(chronologyId, entryIds, exceptDoc),
    claimClients: (docName, clientIds, principalId) => repos.docClients.claim(docName, clientIds, principalId),
    // Lets the room manager commit the updates of one event-loop turn together (broadcast after commit).
    transaction: (fn) => db.tx(fn),
    compact(docName, merged, uptoSeq) {
      repos.updateLog.replaceUpTo(docName, uptoSeq, merged);
    },
    onRefused(refusal) {
      const parsed = parseDocName(refusal.docName);
      repos.audit.append({
        actorId: refusal.principal.id,
        actorLabel: refusal.principal.name,
        actorAgency: refusal.principal.agency,
        action: 'sync.update',
        outcome: 'refused',
        chronologyId: parsed?.chronologyId ?? null,
        entryId: null,
        details: { docName: refusal.docName, code: refusal.code, reason: refusal.reason, via: refusal.meta.via },
        ip: refusal.meta.ip,
      });
    },
  };
}

export function writeProjection(repos: Repos, chronologyId: string, docName: string, entry: Entry, by: Principal): void {
  const { first, last } = dateBounds(entry.date);
  repos.entries.upsert({ ...entry, chronologyId, docName, dateFirst: first, dateLast: last, updatedBy: by.id });
}

// The actor is the update's own principal and the channel its own metadata: both travel with the update,
// so writes of several origins committed together each keep theirs.
function auditChange(repos: Repos, chronologyId: string, accepted: AcceptedUpdate, change: EntryChange): void {
  const { principal: actor, meta, docName } = accepted;
  const changes: Record<string, { from: unknown; to: unknown }> = {};
  for (const field of change.fields) {
    changes[field] = { from: change.before ? (change.before as unknown as Record<string, unknown>)[field] ?? null : null, to: (change.after as unknown as Record<string, unknown>)[field] };
  }
  repos.audit.append({
    actorId: actor.id,
    actorLabel: actor.name,
    actorAgency: actor.agency,
    action: `entry.${change.kind}`,
    outcome: 'allowed',
    chronologyId,
    entryId: change.entryId,
    // docName: which document the entry lives in (histories resolve an entry by document, never by id alone).
    details: { via: meta.via, docName, ...(meta.importId ? { importId: meta.importId } : {}), ...(change.kind === 'create' ? {} : { changes }) },
    ip: meta.ip,
  });
}

/** Every entry of a document, replayed from its update log. */
export function replayEntries(repos: Repos, docName: string): Entry[] {
  const doc = new Y.Doc();
  try {
    for (const update of repos.updateLog.load(docName)) Y.applyUpdate(doc, update.data);
    return readEntries(doc);
  } finally {
    doc.destroy();
  }
}

/**
 * Rebuilds the projection of every document (or of those `only` keeps) from the update log (the log is the
 * source of truth). Returns how many entries it wrote.
 */
export function rebuildProjection(db: MacDb, repos: Repos, only: (docName: string) => boolean = () => true): number {
  let count = 0;
  const system: Principal = { id: 'system', kind: 'user', role: 'admin', agency: '', name: 'system' };
  for (const docName of repos.updateLog.docNames()) {
    if (!only(docName)) continue;
    const parsed = parseDocName(docName);
    if (!parsed) continue;
    const entries = replayEntries(repos, docName);
    db.tx(() => {
      repos.entries.deleteForDoc(docName);
      for (const entry of entries) writeProjection(repos, parsed.chronologyId, docName, entry, system);
    });
    count += entries.length;
  }
  return count;
}
