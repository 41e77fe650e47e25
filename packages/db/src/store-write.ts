// What one accepted write stores beside its update, worked out once for every adapter: the projection
// row of each changed entry and the audit record of each change. Pure (no I/O, no dialect).
import { dateBounds } from '@mac/domain';
import type { PersistWrite } from './port.js';
import type { AuditInput } from './repos/audit.js';
import type { EntryProjectionInput } from './repos/entries.js';

/** The projection rows of a write's changed entries, in the order the changes came. */
export function projectionRowsOf(write: PersistWrite): EntryProjectionInput[] {
  return write.changes.map((change) => {
    const { first, last } = dateBounds(change.after.date);
    return { ...change.after, chronologyId: write.chronologyId, docName: write.docName, dateFirst: first, dateLast: last, updatedBy: write.actor.id };
  });
}

/**
 * One audit record per changed entry. The actor is the write's own and the channel its own metadata:
 * both travel with the write, so writes of several origins committed together each keep theirs.
 */
export function auditRecordsOf(write: PersistWrite): AuditInput[] {
  const { actor, meta, docName } = write;
  return write.changes.map((change) => {
    const changes: Record<string, { from: unknown; to: unknown }> = {};
    for (const field of change.fields) {
      const before = change.before as unknown as Record<string, unknown> | null;
      changes[field] = { from: before ? (before[field] ?? null) : null, to: (change.after as unknown as Record<string, unknown>)[field] };
    }
    return {
      actorId: actor.id,
      actorLabel: actor.name,
      actorAgency: actor.agency,
      action: `entry.${change.kind}`,
      outcome: 'allowed',
      chronologyId: write.chronologyId,
      entryId: change.entryId,
      // docName: which document the entry lives in (histories resolve an entry by document, never by id alone).
      details: { via: meta.via, docName, ...(meta.importId ? { importId: meta.importId } : {}), ...(change.kind === 'create' ? {} : { changes }) },
      ip: meta.ip,
    };
  });
}
