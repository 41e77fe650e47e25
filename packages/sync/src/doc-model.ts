// The chronology as a Yjs document: one top-level Y.Map `entries`, keyed by entry id, each value a
// Y.Map of the entry's fields holding plain strings and booleans (docs/architecture.md). These helpers
// are the only code that should know that shape; everything else reads and writes Entry objects.

import * as Y from 'yjs';
import { docValueOf, ENTRY_FIELDS, entryFieldsFromDoc, isOptionalDocField, type Entry } from '@mac/domain';

export const ENTRIES_KEY = 'entries';

/** The origin of transactions made by these helpers when the caller gives none. */
export const LOCAL_ORIGIN = 'mac:local';

export type EntryValue = string | boolean;

export function getEntriesMap(doc: Y.Doc): Y.Map<Y.Map<EntryValue>> {
  return doc.getMap<Y.Map<EntryValue>>(ENTRIES_KEY);
}

/**
 * The entry's fields as stored, screening fields in their domain form (a score as a number, empty
 * ones left out). Not validated: the server validated every update that wrote them.
 */
export function entryFromMap(map: Y.Map<EntryValue>): Entry {
  return entryFieldsFromDoc(map.toJSON() as Record<string, unknown>) as Entry;
}

export function readEntry(doc: Y.Doc, id: string): Entry | undefined {
  const map = getEntriesMap(doc).get(id);
  return map instanceof Y.Map ? entryFromMap(map) : undefined;
}

export function readEntries(doc: Y.Doc): Entry[] {
  const out: Entry[] = [];
  for (const map of getEntriesMap(doc).values()) if (map instanceof Y.Map) out.push(entryFromMap(map));
  return out;
}

/** Adds an entry as a new Y.Map under its id. An id already present is an error, never a replacement. */
export function writeNewEntry(doc: Y.Doc, entry: Entry, origin: unknown = LOCAL_ORIGIN): void {
  const entries = getEntriesMap(doc);
  if (entries.has(entry.id)) throw new Error(`entry ${entry.id} already exists`);
  doc.transact(() => {
    const map = new Y.Map<EntryValue>();
    entries.set(entry.id, map);
    for (const field of ENTRY_FIELDS) {
      // An empty optional field (screening, the child's voice) is not written at all: absent means empty
      // (docs/architecture.md).
      const value = docValueOf(entry, field);
      if (isOptionalDocField(field) && (value === undefined || value === '')) continue;
      if (value !== undefined) map.set(field, value);
    }
  }, origin);
}

/**
 * Sets the given fields of an existing entry (a screening field present with the value undefined is
 * cleared), and only those whose value differs: an unchanged field
 * written again would still be a new Yjs item, a needless update for every client and the log.
 * Returns the fields actually written.
 */
export function amendEntry(doc: Y.Doc, id: string, fields: Partial<Entry>, origin: unknown = LOCAL_ORIGIN): string[] {
  const map = getEntriesMap(doc).get(id);
  if (!(map instanceof Y.Map)) throw new Error(`entry ${id} does not exist`);
  const written: string[] = [];
  doc.transact(() => {
    for (const field of ENTRY_FIELDS) {
      // A screening field given as undefined (present as a key) is being cleared: it is stored as ''.
      if (!(field in fields)) continue;
      const value = docValueOf(fields, field);
      if (value === undefined || (map.get(field) ?? '') === value) continue;
      map.set(field, value);
      written.push(field);
    }
  }, origin);
  return written;
}
