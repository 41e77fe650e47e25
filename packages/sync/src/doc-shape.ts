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

import * as Y from 'yjs';
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
  const fresh = new Y.Doc({ gc: true });
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
