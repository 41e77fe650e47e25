import { dateBounds, type Entry, type Principal } from '@mac/domain';
import type { MacDb, Repos } from '@mac/db';
import { parseDocName, type AcceptedUpdate, type EntryChange, type Persistence } from '@mac/sync';
import type { WriteContext } from './write-context.js';

/**
 * The rooms' persistence: every accepted update is appended to the update log, the entry projection is
 * brought up to date and each changed entry gets its audit record, all in ONE SQLite transaction that has
 * committed before the room broadcasts the update. So what anyone has seen is on disk, and the projection
 * and the audit log can never disagree with the log.
 */
export function createPersistence(db: MacDb, repos: Repos, writes: WriteContext): Persistence {
  return {
    load: (docName) => repos.updateLog.load(docName).map((row) => row.data),
    persist(accepted: AcceptedUpdate) {
      const parsed = parseDocName(accepted.docName);
      if (!parsed) throw new Error(`not a chronology document: ${accepted.docName}`);
      const meta = writes.current() ?? { via: 'websocket' as const };
      return db.tx(() => {
        const seq = repos.updateLog.append(accepted.docName, accepted.update);
        repos.docClients.claim(accepted.docName, accepted.claims, accepted.principal.id);
        for (const change of accepted.changes) {
          writeProjection(repos, parsed.chronologyId, accepted.docName, change.after, accepted.principal);
          auditChange(repos, parsed.chronologyId, accepted.principal, change, meta);
        }
        return seq;
      });
    },
    loadClientOwners: (docName) => repos.docClients.owners(docName),
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
        details: { docName: refusal.docName, code: refusal.code, reason: refusal.reason },
        ip: null,
      });
    },
  };
}

export function writeProjection(repos: Repos, chronologyId: string, docName: string, entry: Entry, by: Principal): void {
  const { first, last } = dateBounds(entry.date);
  repos.entries.upsert({ ...entry, chronologyId, docName, dateFirst: first, dateLast: last, updatedBy: by.id });
}

function auditChange(repos: Repos, chronologyId: string, principal: Principal, change: EntryChange, meta: NonNullable<ReturnType<WriteContext['current']>>): void {
  const actor = meta.actor ?? { id: principal.id, name: principal.name, agency: principal.agency };
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
    details: { via: meta.via, ...(meta.importId ? { importId: meta.importId } : {}), ...(change.kind === 'create' ? {} : { changes }) },
    ip: meta.ip ?? null,
  });
}

/** Rebuilds the projection of every document from the update log (the log is the source of truth). */
export function rebuildProjection(db: MacDb, repos: Repos, replay: (docName: string) => Entry[]): number {
  let count = 0;
  const system: Principal = { id: 'system', kind: 'user', role: 'admin', agency: '', name: 'system' };
  for (const docName of repos.updateLog.docNames()) {
    const parsed = parseDocName(docName);
    if (!parsed) continue;
    const entries = replay(docName);
    db.tx(() => {
      repos.entries.deleteForDoc(docName);
      for (const entry of entries) writeProjection(repos, parsed.chronologyId, docName, entry, system);
    });
    count += entries.length;
  }
  return count;
}
