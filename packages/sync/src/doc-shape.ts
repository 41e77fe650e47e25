// Documents of the old shape (each entry a nested Y.Map, one Yjs item per field: ~19 structs and ~10 KB
// of memory an entry) are converted to today's (one plain value per entry, doc-model.ts) when a room
// loads them, once: the room manager stores the converted state in place of the document's log (a
// compaction), so the next load reads the new shape straight away.
//
// The converted document is BUILT AFRESH, not changed in place: every entry's fields as stored, under
// its id, written by one new client. Changing it in place would keep ~2 tombstone structs per entry for
// ever, and a browser tab of the old code that reconnects would receive the change and silently show an
// empty timeline; built afresh, such a tab's offline state is all unknown to the server, its first sync
// carries nested maps, and it is refused with OUTDATED_CLIENT (close-codes.ts) and told to reload.
// Nothing of the entries is lost: the fields are copied as they are (the update log is replaced by one
// update holding the same entries; the audit log and the projection keep their history).
//
// The conversion is deterministic: the same stored document always converts to the same bytes (entries
// in id order, written by a client id derived from the document's name). Two servers (several nodes on
// one database) that load the same old document at once therefore build identical documents, and
// whichever stores its conversion last stores the same thing as the first.

import * as Y from 'yjs';
import { getEntriesMap, isStoredEntry, storedFieldsOf, type StoredEntry } from './doc-model.js';

/**
 * The Yjs client id a document's conversion writes with: derived from its name (FNV-1a, 32 bits; never 0),
 * so that every server converts a document alike.
 */
export function conversionClientId(docName: string): number {
  let hash = 0x811c9dc5;
  for (let i = 0; i < docName.length; i++) {
    hash ^= docName.charCodeAt(i);
    hash = Math.imul(hash, 0x01000193) >>> 0;
  }
  return hash === 0 ? 1 : hash;
}

/** Whether the entries map of a document holds any entry of the old shape. */
export function hasOldShape(doc: Y.Doc): boolean {
  for (const value of getEntriesMap(doc).values()) if (value instanceof Y.Map) return true;
  return false;
}

/**
 * The state of a document of today's shape holding the same entries, or null when it already has it.
 * Values that are neither an entry nor an old-shape entry (never accepted by the server) are left out.
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
        const fields = storedFieldsOf(old.get(id));
        if (fields === null) continue;
        const stored: StoredEntry = {};
        for (const field of Object.keys(fields).sort()) {
          const v = fields[field];
          if (typeof v === 'string' || typeof v === 'boolean') stored[field] = v;
        }
        if (isStoredEntry(stored)) entries.set(id, stored);
      }
    });
    return Y.encodeStateAsUpdate(fresh);
  } finally {
    fresh.destroy();
  }
}
