// A Y.Doc for the server's own use: a room's live and shadow copies, a write's staging, merges, decoding.
// Yjs names every document with a fresh uuid (`guid`) unless given one, and builds it one hex digit at a time,
// each from its own crypto.getRandomValues call: ~120 µs a document on these machines, 2.7 s of the event
// loop in one full-size county bench run (profiled 7 December), where each room makes several documents
// (live, shadow, each write's inspection). The guid only names subdocuments, which MAC never uses: Node's
// buffered randomUUID gives one in ~4 µs.
import { randomUUID } from 'node:crypto';
import * as Y from 'yjs';

/** `new Y.Doc({ gc })` (garbage collected unless told otherwise) without Yjs's costly default guid. */
export function newYDoc(opts: { gc?: boolean } = {}): Y.Doc {
  return new Y.Doc({ gc: opts.gc ?? true, guid: randomUUID() });
}
