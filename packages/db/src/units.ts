// What the units of work of the storage port (port.ts) write, decided once for every adapter: the entry
// projection row and the audit record of each entry a write changed. Pure: no dialect, no I/O. Each
// adapter only says how to store them inside its own transaction.
import { dateBounds, type Entry } from '@mac/domain';
import type { PersistedChange, PersistWrite, UpdateAppend } from './port.js';
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
  // A creation's record names no fields (its `fields` are all of them): built only for amendments and
  // withdrawals, where it was built and dropped for every new entry.
  const changes: Record<string, { from: unknown; to: unknown }> = {};
  if (change.kind !== 'create') {
    for (const field of change.fields) {
      const before = change.before ? ((change.before as unknown as Record<string, unknown>)[field] ?? null) : null;
      changes[field] = { from: before, to: (change.after as unknown as Record<string, unknown>)[field] };
    }
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

/** What the conflict check needs of a write (a PersistWrite or an UpdateAppend). */
export interface CheckedWrite {
  docName: string;
  afterDocSeq?: number | undefined;
  claims: readonly number[];
  /** Who writes: the owner its claims must have, if they have one. */
  writerId: string;
}

export const checkedOfPersist = (w: PersistWrite): CheckedWrite => ({ docName: w.docName, afterDocSeq: w.afterDocSeq, claims: w.claims, writerId: w.actor.id });
export const checkedOfAppend = (w: UpdateAppend): CheckedWrite => ({ docName: w.docName, afterDocSeq: w.afterDocSeq, claims: w.claims, writerId: w.principalId });

/** The documents whose writes ask to be checked against other writers (`afterDocSeq`), sorted. */
export function checkedDocs(writes: readonly CheckedWrite[]): string[] {
  return [...new Set(writes.filter((w) => w.afterDocSeq !== undefined).map((w) => w.docName))].sort();
}

/**
 * The documents of `writes` another writer got to first (several nodes, issue 19), given each checked
 * document's last sequence number and its client ids' owners as they stand under the document's lock: a
 * document whose head is not the `afterDocSeq` its writes were inspected at, or whose writes claim a Yjs
 * client id another principal owns. Empty: store them. Writes without `afterDocSeq` are not checked.
 */
export function conflictsOf(writes: readonly CheckedWrite[], head: (docName: string) => number, owners: (docName: string) => ReadonlyMap<number, string>): string[] {
  const moved = new Set<string>();
  const firstOf = new Map<string, CheckedWrite>();
  for (const w of writes) if (w.afterDocSeq !== undefined && !firstOf.has(w.docName)) firstOf.set(w.docName, w);
  for (const [docName, first] of firstOf) {
    if (head(docName) !== first.afterDocSeq) {
      moved.add(docName);
      continue;
    }
    const owned = owners(docName);
    for (const w of writes) {
      if (w.docName !== docName || w.claims.length === 0) continue;
      const taken = w.claims.some((client) => {
        const owner = owned.get(client);
        return owner !== undefined && owner !== w.writerId;
      });
      if (taken) moved.add(docName);
    }
  }
  return [...moved].sort();
}
