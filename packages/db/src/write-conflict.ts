// Several server processes (issue 19) write the same documents. A write is inspected against the document
// as its room last saw it; if another node has committed to that document since (or owns a Yjs client id
// the write claims), storing it would skip that check. The unit of work finds out under the document's
// lock and refuses the whole call with this error, storing nothing; the room catches up from the log and
// inspects its writes again (packages/sync room-manager.ts). Only writes that name `afterDocSeq` are
// checked, so a single node (SQLite) pays nothing.

export const WRITE_CONFLICT = 'MAC_WRITE_CONFLICT';

export class WriteConflictError extends Error {
  readonly code = WRITE_CONFLICT;
  constructor(readonly docs: readonly string[]) {
    super(`another writer committed to ${docs.join(', ')} first`);
    this.name = 'WriteConflictError';
  }
}

/** Whether a storage call was refused because another writer moved a document on (it stored nothing). */
export function isWriteConflict(err: unknown): boolean {
  return typeof err === 'object' && err !== null && (err as { code?: unknown }).code === WRITE_CONFLICT;
}
