// Documents of an older shape are converted to today's (one JSON text per entry, doc-model.ts) when a
// room loads them, once: the room manager stores the converted state in place of the document's log (a
// compaction), so the next load reads the new shape straight away. The older shapes: a plain object per
// entry (lib0 decodes it field by field, twice as slow to apply as the text), and before it a nested
// Y.Map per entry (one Yjs item per field: ~19 structs and ~10 KB of memory an entry).
//
// The converted document is BUILT AFRESH, not changed in place: every entry's fields as stored, under
// its id, written by one new client. Changing it in place would keep a tombstone per entry for ever,
// and a browser tab of older code that reconnects would receive the change and silently show an empty
// timeline; built afresh, such a tab's offline state is all unknown to the server, its first sync
// carries old-shape entries, and it is refused with OUTDATED_CLIENT (close-codes.ts) and told to reload.
// Nothing of the entries is lost: every text and true/false field is copied as it is (the update log is
// replaced by one update holding the same entries; the audit log and the projection keep their history).
//
// The conversion is deterministic: the same stored document always converts to the same bytes (entries
// in id order, fields in `entryText`'s order, written by a client id derived from the document's name and
// the shape). Two servers (several nodes on one database) that load the same old document at once
// therefore build identical documents, and whichever stores its conversion last stores the same thing.
//
// Where it runs: in the merge worker (merge-worker.ts), not on the event loop. Applying 2,000-10,000 old
// entries, building the new document and encoding it held the event loop ~0.2-1 s per big document on its
// first load after an upgrade. A room's load looks at the stored rows' bytes first (`mayHoldOldShape`: a
// walk over the structs that never decodes a text, ~1 ms for 10,000 entries) and, when they may hold an old
// entry, has the worker apply them and convert (room-load.ts); the event loop then applies only the
// converted state, as it would a compacted document's. `convertedState` on the event loop is the last
// resort (the worker failed, or no worker): a stall, but never a room opened on an old-shape document.

import * as decoding from 'lib0/decoding';
import * as Y from 'yjs';
import { newYDoc } from './new-doc.js';
import { entryText, getEntriesMap, isEntryText, isOldShapeEntry, storedFieldsOf } from './doc-model.js';

/**
 * Part of the converting client id: the shape converted TO. The previous conversion (nested maps to
 * objects) wrote as conversionClientId(name) alone; a tab of that code still holds those structs under
 * that id, and a new document reusing the id would give the same ids to different content (Yjs trusts
 * ids: the tab would keep its objects and be sent nothing), so each target shape has its own id.
 */
const TARGET_SHAPE = 'json-text';

/**
 * The Yjs client id a document's conversion writes with: derived from its name and the target shape
 * (FNV-1a, 32 bits; never 0), so that every server converts a document alike.
 */
export function conversionClientId(docName: string): number {
  const key = `${docName}\u0000${TARGET_SHAPE}`;
  let hash = 0x811c9dc5;
  for (let i = 0; i < key.length; i++) {
    hash ^= key.charCodeAt(i);
    hash = Math.imul(hash, 0x01000193) >>> 0;
  }
  return hash === 0 ? 1 : hash;
}

/** Whether the entries map of a document holds any entry of an older shape (a plain object or a nested map). */
export function hasOldShape(doc: Y.Doc): boolean {
  for (const value of getEntriesMap(doc).values()) if (isOldShapeEntry(value)) return true;
  return false;
}

/**
 * The state of a document of today's shape holding the same entries, or null when it already has it.
 * Values that are no entry of any shape (never accepted by the server) are left out; so are fields
 * holding neither text nor true/false, which no shape ever accepted either.
 */
export function convertedState(doc: Y.Doc, docName: string): Uint8Array | null {
  if (!hasOldShape(doc)) return null;
  const fresh = newYDoc();
  fresh.clientID = conversionClientId(docName);
  try {
    const entries = getEntriesMap(fresh);
    const old = getEntriesMap(doc);
    fresh.transact(() => {
      for (const id of [...old.keys()].sort()) {
        const value = old.get(id);
        // An entry already of today's shape (none in a document written by one release) is kept as it is.
        if (isEntryText(value)) {
          entries.set(id, value);
          continue;
        }
        const fields = storedFieldsOf(value);
        if (fields === null) continue;
        // No prototype: a key "__proto__" would otherwise be swallowed, not copied.
        const stored = Object.create(null) as Record<string, string | boolean>;
        for (const field of Object.keys(fields)) {
          const v = fields[field];
          if (typeof v === 'string' || typeof v === 'boolean') stored[field] = v;
        }
        entries.set(id, entryText(stored));
      }
    });
    return Y.encodeStateAsUpdate(fresh);
  } finally {
    fresh.destroy();
  }
}

// The V1 update layout (yjs src/utils/encoding.js, UpdateDecoderV1) as far as `mayHoldOldShape` reads it.
const HAS_PARENT_SUB = 32;
const HAS_RIGHT_ORIGIN = 64;
const HAS_LEFT_ORIGIN = 128;
const CONTENT_KIND = 31;
const GC = 0;
const DELETED = 1;
const ANY = 8;
const SKIP = 10;
const ANY_STRING = 119;
const ANY_TRUE = 120;
const ANY_FALSE = 121;

const skipString = (d: decoding.Decoder) => {
  const length = decoding.readVarUint(d);
  if (d.pos + length > d.arr.length) throw new RangeError('past the end');
  d.pos += length;
};

/**
 * Whether a stored update of an entries document may hold an entry of an older shape: false only when
 * every value it writes is a text or true/false (today's shape) and nothing else. A nested type, an object
 * or any content this walk does not expect answers true, and so do bytes it cannot read: the merge worker
 * then applies the rows and decides on the document itself (`hasOldShape`). Texts are skipped, never
 * decoded, so the cost is one pass over the structs' headers.
 */
export function mayHoldOldShape(update: Uint8Array): boolean {
  try {
    const d = decoding.createDecoder(update);
    const groups = decoding.readVarUint(d);
    for (let g = 0; g < groups; g++) {
      const count = decoding.readVarUint(d);
      decoding.readVarUint(d); // client
      decoding.readVarUint(d); // first clock
      for (let s = 0; s < count; s++) {
        const info = decoding.readUint8(d);
        const kind = info & CONTENT_KIND;
        if (kind === GC || kind === SKIP) {
          decoding.readVarUint(d);
          continue;
        }
        if (info & HAS_LEFT_ORIGIN) (decoding.readVarUint(d), decoding.readVarUint(d));
        if (info & HAS_RIGHT_ORIGIN) (decoding.readVarUint(d), decoding.readVarUint(d));
        if ((info & (HAS_LEFT_ORIGIN | HAS_RIGHT_ORIGIN)) === 0) {
          if (decoding.readVarUint(d) === 1) skipString(d); // a top-level type's name
          else (decoding.readVarUint(d), decoding.readVarUint(d)); // the parent item's id
          if (info & HAS_PARENT_SUB) skipString(d);
        }
        if (kind === DELETED) decoding.readVarUint(d);
        else if (kind === ANY) {
          const n = decoding.readVarUint(d);
          for (let i = 0; i < n; i++) {
            const type = decoding.readUint8(d);
            if (type === ANY_STRING) skipString(d);
            else if (type !== ANY_TRUE && type !== ANY_FALSE) return true;
          }
        }
        // A nested type (the first shape's Y.Map per entry), or content no entry of today's shape has.
        else return true;
      }
    }
    return false;
  } catch {
    return true;
  }
}
