// The rooms' persistence port: asynchronous, like the storage port under it. An accepted update is
// applied to the live document and broadcast only once `persistBatch` has resolved (what anyone has
// seen is on disk).

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
  /** The household event a write belongs to: recording its copies, or carrying a change to the others. */
  householdEventId?: string;
  /**
   * A change the server carried from one copy of a household event to another (as the same writer): its
   * own changes are not carried on again.
   */
  propagated?: boolean;
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
  /**
   * Yjs client ids this update is the first to write under: from now on they belong to its principal. On
   * several nodes, every client id it writes under (the store checks none belongs to someone else).
   */
  claims: number[];
  /**
   * Several nodes: the document's sequence number the room had applied when it inspected this write. The
   * store refuses it (WriteConflictError) if another node has committed since; the room then catches up
   * and inspects it again (room-cluster.ts). Absent on one node.
   */
  afterSeq?: number;
}

export interface RefusedUpdate {
  docName: string;
  principal: Principal;
  meta: WriteMeta;
  code: RefusalCode;
  reason: string;
}

/** A stored update with its per-document sequence number (doc_seq). */
export interface SequencedRow {
  seq: number;
  update: Uint8Array;
}

export interface Persistence {
  /** Every stored update of the document, oldest first. */
  load(docName: string): Promise<Uint8Array[]>;
  /** Several nodes: every stored update of the document with its sequence number, oldest first. */
  loadSequenced?(docName: string): Promise<SequencedRow[]>;
  /** Several nodes: the document's updates numbered above `seq`, oldest first (gaps, catch-up). */
  readAfter?(docName: string, seq: number): Promise<SequencedRow[]>;
  /**
   * Stores accepted updates durably, all of them or none (a rejection stores nothing); resolves with
   * each one's log sequence number, when the store has them. Only then are they applied to the live
   * documents and broadcast (what anyone has seen is on disk). The write queue sends the updates that
   * arrived while the previous batch was being stored, from every room, as one batch (group commit).
   */
  persistBatch(accepted: readonly AcceptedUpdate[]): Promise<Array<number | void>>;
  /**
   * Replaces the document's stored updates up to `uptoSeq` with `merged`, in one transaction. `merged`
   * holds every row up to `uptoSeq`: the merge of the rows read with `loadSequenced`, `uptoSeq` the last
   * one's number (compaction.ts, room-load.ts). Rows stored after them (this node's later writes, another
   * node's) stay after it. Number.MAX_SAFE_INTEGER only from a persistence that numbers no rows.
   * `converted`: `merged` is the rows' document rebuilt in today's shape (doc-shape.ts), not their merge.
   * A store refuses a state that does not hold the rows (docs/storage.md S8, S9): nothing is replaced.
   */
  compact?(docName: string, merged: Uint8Array, uptoSeq: number, opts?: { converted?: boolean }): Promise<void>;
  /**
   * Owners (principal ids) of the document's Yjs client ids, as recorded with each update's `claims` and
   * by `claimClients`. Without it ownership lasts only while the room is loaded.
   */
  loadClientOwners?(docName: string): Promise<Map<number, string>>;
  /** Records the owner of client ids claimed outside a write (presence). */
  claimClients?(docName: string, clientIds: number[], principalId: string): Promise<void>;
  /**
   * Where each entry id of the chronology is stored: entry id → document name (from the entry projection).
   * Entry ids are unique across a chronology's documents: the projection, histories and every per-entry
   * route rely on it. The room manager loads this once per chronology with a loaded room and keeps it up
   * to date from the writes it delivers (every write goes through a room) and, on several nodes, from the
   * entries other nodes' updates create (room-cluster.ts).
   */
  entryDocs?(chronologyId: string): Promise<Map<string, string>>;
  /**
   * The ids of the people linked to the chronology (people.ts), merged records' survivors included: an
   * entry may name only them. Loaded once per chronology with a loaded room, kept up to date by
   * `RoomManager.notePeople`. Without it no entry may name anyone.
   */
  peopleOf?(chronologyId: string): Promise<Set<string>>;
  /** Told about each refused update (for the audit log). Must not throw. */
  onRefused?(refused: RefusedUpdate): void;
}

/** The update log and client-id owners of a store (the storage port's `Store`), as this package needs them. */
export interface UpdateStore {
  repos: {
    updateLog: {
      load(docName: string): Promise<ReadonlyArray<{ docSeq: number; data: Uint8Array }>>;
      after(docName: string, afterDocSeq: number): Promise<ReadonlyArray<{ docSeq: number; data: Uint8Array }>>;
      replaceUpTo(docName: string, uptoSeq: number, merged: Uint8Array, opts?: { converted?: boolean }): Promise<unknown>;
    };
    docClients: {
      owners(docName: string): Promise<Map<number, string>>;
      claim(docName: string, clientIds: readonly number[], principalId: string): Promise<void>;
    };
  };
  appendUpdates(writes: ReadonlyArray<{ docName: string; update: Uint8Array; claims: readonly number[]; principalId: string; afterDocSeq?: number | undefined }>): Promise<number[]>;
}

/**
 * Persistence straight over the update log (no projection, no audit): the sync core's tests and tools.
 * The server's own (apps/server services/persistence.ts) also writes the projection and audit records.
 */
export function updateLogPersistence(store: UpdateStore): Persistence {
  return {
    load: async (docName) => (await store.repos.updateLog.load(docName)).map((row) => row.data),
    loadSequenced: async (docName) => (await store.repos.updateLog.load(docName)).map((row) => ({ seq: row.docSeq, update: row.data })),
    readAfter: async (docName, seq) => (await store.repos.updateLog.after(docName, seq)).map((row) => ({ seq: row.docSeq, update: row.data })),
    persistBatch: (accepted) => store.appendUpdates(accepted.map((a) => ({ docName: a.docName, update: a.update, claims: a.claims, principalId: a.principal.id, afterDocSeq: a.afterSeq }))),
    compact: async (docName, merged, uptoSeq, opts) => void (await store.repos.updateLog.replaceUpTo(docName, uptoSeq, merged, opts)),
    loadClientOwners: (docName) => store.repos.docClients.owners(docName),
    claimClients: (docName, clientIds, principalId) => store.repos.docClients.claim(docName, clientIds, principalId),
  };
}
