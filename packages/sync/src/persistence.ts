// The rooms' persistence port. A room calls it synchronously: `persist` is durable when it returns, and
// only then is the update applied to the live document and broadcast (what anyone has seen is on disk).

import type { Principal } from '@mac/domain';
import type { RefusalCode } from './errors.js';
import type { EntryChange } from './update-inspector.js';

/**
 * Where a write came from, beyond who made it: carried with each accepted update from the moment the room
 * accepts it to its audit record. It travels WITH the update, never in ambient state: writes of several
 * origins share one batch commit, and each keeps its own.
 */
export interface WriteMeta {
  via: 'rest' | 'import' | 'websocket' | 'seed';
  /** The writer's network address, when it has one. */
  ip: string | null;
  /** The import a write belongs to. */
  importId?: string;
}

export interface AcceptedUpdate {
  docName: string;
  /** Exactly what the update added to the document (re-encoded V1), as stored in the log. */
  update: Uint8Array;
  /** Who wrote it: the real principal, never one made up to pass a check. */
  principal: Principal;
  meta: WriteMeta;
  /** The entries it created, amended or withdrew; empty for an update that only moved Yjs bookkeeping. */
  changes: EntryChange[];
  /** Yjs client ids this update is the first to write under: from now on they belong to its principal. */
  claims: number[];
}

export interface RefusedUpdate {
  docName: string;
  principal: Principal;
  meta: WriteMeta;
  code: RefusalCode;
  reason: string;
}

export interface Persistence {
  /** Every stored update of the document, oldest first. */
  load(docName: string): Uint8Array[];
  /**
   * Stores an accepted update durably before returning; throwing refuses it (the writer's connection is
   * closed with SERVER_ERROR and nothing is broadcast). May return the log sequence number it wrote.
   */
  persist(accepted: AcceptedUpdate): number | void;
  /**
   * Replaces the document's stored updates up to `uptoSeq` with `merged`, in one transaction. `uptoSeq` is
   * the last number `persist` returned for the document, or Number.MAX_SAFE_INTEGER when it returned none:
   * `merged` then holds every update stored so far, because a room is its document's only writer and
   * compacts between writes.
   */
  compact?(docName: string, merged: Uint8Array, uptoSeq: number): void;
  /**
   * Owners (principal ids) of the document's Yjs client ids, as recorded by `persist` (an update's
   * `claims`) and `claimClients`. Without it ownership lasts only while the room is loaded.
   */
  loadClientOwners?(docName: string): Map<number, string>;
  /** Records the owner of client ids claimed outside a write (presence), durably before returning. */
  claimClients?(docName: string, clientIds: number[], principalId: string): void;
  /**
   * The first of `entryIds` that a document of `chronologyId` other than `exceptDoc` already holds (from
   * the entry projection), or null. Entry ids are unique across a chronology's documents: the projection,
   * histories and every per-entry route rely on it.
   */
  entryIdsTaken?(chronologyId: string, entryIds: readonly string[], exceptDoc: string): string | null;
  /** Told about each refused update (for the audit log). Must not throw. */
  onRefused?(refused: RefusedUpdate): void;
  /**
   * Runs `fn` in one durable transaction. When present, the room manager batches the updates that arrive
   * in one event-loop turn into one commit (and broadcasts them only after it).
   */
  transaction?<T>(fn: () => T): T;
}

/** The shape of @mac/db's update log repository that the adapter needs. */
export interface UpdateLogStore {
  append(docName: string, update: Uint8Array): unknown;
  load(docName: string): ReadonlyArray<{ data: Uint8Array }>;
  replaceUpTo(docName: string, uptoSeq: number, merged: Uint8Array): unknown;
}

/** The shape of @mac/db's doc-clients repository. */
export interface ClientOwnerStore {
  owners(docName: string): Map<number, string>;
  claim(docName: string, clientIds: readonly number[], principalId: string): void;
}

/**
 * Persistence straight over the update log (and the client-id owners, when given). The server wraps it to write the entry projection and the
 * audit record in the same transaction; `transaction` (e.g. `(fn) => db.tx(fn)`) enables batching.
 */
export function sqlitePersistence(
  updateLog: UpdateLogStore,
  opts: { transaction?: <T>(fn: () => T) => T; clients?: ClientOwnerStore } = {},
): Persistence {
  const { clients } = opts;
  const persistence: Persistence = {
    load: (docName) => updateLog.load(docName).map((row) => row.data),
    persist(accepted) {
      // The claim first: outside a transaction, a crash in between leaves an unused claim, never an
      // update whose client id has no owner.
      clients?.claim(accepted.docName, accepted.claims, accepted.principal.id);
      const seq = updateLog.append(accepted.docName, accepted.update);
      return typeof seq === 'number' ? seq : undefined;
    },
    compact(docName, merged, uptoSeq) {
      updateLog.replaceUpTo(docName, uptoSeq, merged);
    },
  };
  if (opts.transaction) persistence.transaction = opts.transaction;
  if (clients) {
    persistence.loadClientOwners = (docName) => clients.owners(docName);
    persistence.claimClients = (docName, clientIds, principalId) => clients.claim(docName, clientIds, principalId);
  }
  return persistence;
}
