// A write's projection rows and audit records, for a whole write (units.ts decides them per change).
import type { PersistWrite } from './port.js';
import type { AuditInput } from './repos/audit.js';
import type { EntryProjectionInput } from './repos/entries.js';
import { auditOfChange, projectionOf } from './units.js';

/** The projection rows of a write's changed entries, in the order the changes came. */
export function projectionRowsOf(write: PersistWrite): EntryProjectionInput[] {
  return write.changes.map((change) => projectionOf(write.chronologyId, write.docName, change.after, write.actor.id));
}

/** One audit record per changed entry, each with the write's own actor and channel. */
export function auditRecordsOf(write: PersistWrite): AuditInput[] {
  return write.changes.map((change) => auditOfChange(write, change));
}

/** The imports whose slices are among these writes, each once: their progress is stored with the writes (S7). */
export function importsIn(writes: readonly PersistWrite[]): Set<string> {
  return new Set(writes.flatMap((w) => (w.meta.importId === undefined ? [] : [w.meta.importId])));
}
