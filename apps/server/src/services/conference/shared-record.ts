// The chronology's shared document as packs and snapshots see it: its entries, its full state and a
// version that names that state.
import { createHash } from 'node:crypto';
import * as Y from 'yjs';
import type { Entry } from '@mac/domain';
import { readEntries, sharedDocName } from '@mac/sync';
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

/** The live shared document, with writes accepted but not yet committed flushed into it first. */
export async function readSharedRecord(deps: AppDeps, chronologyId: string): Promise<SharedRecord> {
  // A write accepted from a websocket is applied to the live document only once its batch has been
  // stored; flushing first means the pack, its snapshot and the projection all describe the same state.
  await deps.rooms.flush();
  const doc = (await deps.rooms.room(sharedDocName(chronologyId))).live;
  return { entries: readEntries(doc), state: Y.encodeStateAsUpdate(doc), version: versionOf(doc) };
}

/** A stored state decoded into a fresh document, never touching the live one. */
export function decodeState(state: Uint8Array): { entries: Entry[]; version: string } {
  const doc = new Y.Doc({ gc: true });
  try {
    Y.applyUpdate(doc, state);
    return { entries: readEntries(doc), version: versionOf(doc) };
  } finally {
    doc.destroy();
  }
}
