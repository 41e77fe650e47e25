// Several server processes (issue 19) write the same documents. A write is inspected against the document
// as its room last saw it; if another node has committed to that document since (or owns a Yjs client id
// the write claims), storing it would skip that check. The unit of work finds out under the document's
// lock and refuses the whole call with this error, storing nothing; the room catches up from the log and
// inspects its writes again (packages/sync room-manager.ts). Only writes that name `afterDocSeq` are
// checked, so a single node (SQLite) pays nothing.

export const WRITE_CONFLICT = 'MAC_WRITE_CONFLICT';

/** An entry id a write creates that another document of the same chronology already holds. */
export interface TakenEntry {
  chronologyId: string;
  entryId: string;
  /** The document that holds it. */
  docName: string;
}

export class WriteConflictError extends Error {
  readonly code = WRITE_CONFLICT;
  /**
   * `docs`: the documents of the refused writes. `takenEntries`: entry ids they create that another
   * document of their chronology holds (entry ids are unique across a chronology's documents; a node
   * learns of another node's entries only in the documents it has loaded, so the store is where two
   * nodes meet): the room learns where each is and its writes are refused on inspection.
   */
  constructor(
    readonly docs: readonly string[],
    readonly takenEntries: readonly TakenEntry[] = [],
  ) {
    super(`another writer committed to ${docs.join(', ')} first`);
    this.name = 'WriteConflictError';
  }
}

/** Whether a storage call was refused because another writer moved a document on (it stored nothing). */
export function isWriteConflict(err: unknown): boolean {
  return typeof err === 'object' && err !== null && (err as { code?: unknown }).code === WRITE_CONFLICT;
}
