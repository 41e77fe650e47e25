// What the units of work of the storage port (port.ts) write, decided once for every adapter: the entry
// projection row and the audit record of each entry a write changed. Pure: no dialect, no I/O. Each
// adapter only says how to store them inside its own transaction.
import { dateBounds, type Entry } from '@mac/domain';
import type { PersistedChange, PersistWrite } from './port.js';
import type { AuditInput } from './repos/audit.js';
import type { EntryProjectionInput } from './repos/entries.js';

/** The projection row of an entry of document `docName`, as last written by `updatedBy`. */
export function projectionOf(chronologyId: string, docName: string, entry: Entry, updatedBy: string): EntryProjectionInput {
  const { first, last } = dateBounds(entry.date);
  return { ...entry, chronologyId, docName, dateFirst: first, dateLast: last, updatedBy };
}

/**
 * The audit record of one changed entry: the write's own actor and channel (they travel with the write,
 * so writes of several origins committed together each keep theirs), the document the entry lives in,
 * and for an amendment or withdrawal each changed field's value before and after.
 */
export function auditOfChange(write: PersistWrite, change: PersistedChange): AuditInput {
  const { actor, meta, docName } = write;
  const changes: Record<string, { from: unknown; to: unknown }> = {};
  for (const field of change.fields) {
    const before = change.before ? ((change.before as unknown as Record<string, unknown>)[field] ?? null) : null;
    changes[field] = { from: before, to: (change.after as unknown as Record<string, unknown>)[field] };
  }
  return {
    actorId: actor.id,
    actorLabel: actor.name,
    actorAgency: actor.agency,
    action: `entry.${change.kind}`,
    outcome: 'allowed',
    chronologyId: write.chronologyId,
    entryId: change.entryId,
    details: { via: meta.via, docName, ...(meta.importId ? { importId: meta.importId } : {}), ...(meta.householdEventId ? { householdEventId: meta.householdEventId } : {}), ...(meta.propagated ? { propagated: true } : {}), ...(change.kind === 'create' ? {} : { changes }) },
    ip: meta.ip,
  };
}
