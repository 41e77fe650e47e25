// The chronology's shared document as packs and snapshots see it: its entries, its full state and a
// version that names that state.
import { createHash } from 'node:crypto';
import * as Y from 'yjs';
import type { Entry } from '@mac/domain';
import { newYDoc, readEntries, sharedDocName } from '@mac/sync';
import type { AppDeps } from '../../deps.js';

export interface SharedRecord {
  entries: Entry[];
  /** Y.encodeStateAsUpdate of the document: everything needed to rebuild it. */
  state: Uint8Array;
  version: string;
}

/**
 * The version of a document: the first 16 hex digits of the SHA-256 of its state vector (every client's
 * clock), clients in ascending order. Every write to a Yjs document (a new entry, an amended field, a
 * withdrawal) adds items and so advances a clock, and nothing is ever deleted without a write, so two
 * states with the same vector hold the same entries. It is recomputed from a snapshot's stored state, so a
 * pack's version can be checked against the snapshot that froze it.
 */
export function versionOf(doc: Y.Doc): string {
  const vector = [...Y.decodeStateVector(Y.encodeStateVector(doc)).entries()].sort((a, b) => a[0] - b[0]);
  return createHash('sha256').update(JSON.stringify(vector)).digest('hex').slice(0, 16);
}

/** Stored logs smaller than this are read in place: sending them to the worker would cost about as much. */
export const SHARED_RECORD_INLINE_BELOW_BYTES = 256 * 1024;

/**
 * The shared document as stored, once every write accepted so far is stored: what the live document holds
 * after the same flush (a write is applied to the live document only once stored), and on several nodes
 * the store is where every node's writes are. Read from the stored rows, not from the room: loading a
 * room to read it (hundreds of milliseconds of Yjs on the event loop for 2,000 entries under load, the
 * room then kept until idle) and encoding its state and every entry on the event loop held everything
 * else up (issue 17 item 5). A large log is applied, read and encoded in the stored-state worker.
 */
export async function readSharedRecord(deps: AppDeps, chronologyId: string): Promise<SharedRecord> {
  // Flushing first means the pack, its snapshot and the projection all describe the same state.
  await deps.rooms.flush();
  const rows = (await deps.repos.updateLog.load(sharedDocName(chronologyId))).map((row) => row.data);
  const bytes = rows.reduce((n, row) => n + row.byteLength, 0);
  return bytes < SHARED_RECORD_INLINE_BELOW_BYTES ? sharedRecordOf(rows) : deps.stateDecoder.sharedRecord(rows);
}

/** A document's stored rows applied to a fresh document: its entries, its state and its version. */
export function sharedRecordOf(rows: readonly Uint8Array[]): SharedRecord {
  const doc = newYDoc();
  try {
    doc.transact(() => {
      for (const row of rows) Y.applyUpdate(doc, row);
    });
    return { entries: readEntries(doc), state: Y.encodeStateAsUpdate(doc), version: versionOf(doc) };
  } finally {
    doc.destroy();
  }
}

/** A stored state decoded into a fresh document, never touching the live one. */
export function decodeState(state: Uint8Array): { entries: Entry[]; version: string } {
  const doc = newYDoc();
  try {
    Y.applyUpdate(doc, state);
    return { entries: readEntries(doc), version: versionOf(doc) };
  } finally {
    doc.destroy();
  }
}
