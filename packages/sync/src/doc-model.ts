// The chronology as a Yjs document: one top-level Y.Map `entries`, keyed by entry id, each value a
// Y.Map of the entry's fields holding plain strings and booleans (docs/architecture.md). These helpers
// are the only code that should know that shape; everything else reads and writes Entry objects. The
// server and the browser both use them (the browser through `@mac/sync/doc`): this module imports only
// Yjs and the domain (scripts/dependency-rules.ts checks it).

import * as Y from 'yjs';
import { DEFAULT_SHARING, docValueOf, ENTRY_FIELDS, entryFieldsFromDoc, isOptionalDocField, isScreeningField, SHARING_LEVELS, type Entry } from '@mac/domain';

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

/**
 * An entry as a page shows it, read defensively: the server validated every update that wrote it, but
 * a missing or mistyped field is filled in rather than trusted, so one odd entry never breaks a page.
 * Null for anything that is not an entry's Y.Map.
 */
export function readStoredEntry(id: string, value: unknown): Entry | null {
  if (!(value instanceof Y.Map)) return null;
  const raw = value.toJSON() as Record<string, unknown>;
  const out: Record<string, unknown> = {};
  for (const field of ENTRY_FIELDS) {
    const v = raw[field];
    if (field === 'restricted') out[field] = v === true;
    // Absent on every entry that is not a household event's copy (and on all entries of older clients).
    else if (field === 'householdEventId') {
      if (typeof v === 'string' && v !== '') out[field] = v;
    }
    // Screening fields are optional: absent (older clients) or '' means none (packages/domain screening.ts).
    else if (isScreeningField(field)) {
      if (typeof v === 'string' && v !== '') out[field] = v;
    } else out[field] = typeof v === 'string' ? v : '';
  }
  out.id = id;
  if (out.status !== 'withdrawn') out.status = 'active';
  // An unknown sharing level is withheld from the family, as an undecided one is.
  if (!(SHARING_LEVELS as readonly unknown[]).includes(out.sharing)) out.sharing = DEFAULT_SHARING;
  const entry = entryFieldsFromDoc(out);
  // A score that is not a number cannot have been accepted by the server; it is dropped, not shown.
  if (typeof entry.score !== 'number') delete entry.score;
  return entry as unknown as Entry;
}

/** Every entry of the document by id, read defensively (`readStoredEntry`). */
export function readEntriesById(doc: Y.Doc): Map<string, Entry> {
  const out = new Map<string, Entry>();
  getEntriesMap(doc).forEach((map, id) => {
    const entry = readStoredEntry(id, map);
    if (entry) out.set(id, entry);
  });
  return out;
}

/** The ids of the entries a batch of deep events on the entries map touched. */
export function touchedEntryIds(events: readonly Y.YEvent<Y.AbstractType<unknown>>[], root: Y.Map<unknown>): Set<string> {
  const ids = new Set<string>();
  for (const event of events) {
    if (event.target === root) {
      for (const key of event.changes.keys.keys()) ids.add(key);
    } else {
      const first = event.path[0];
      if (typeof first === 'string') ids.add(first);
    }
  }
  return ids;
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

/** Withdraws an entry: sets its status and the reason, nothing else (nothing is ever deleted). */
export function withdrawEntry(doc: Y.Doc, id: string, reason: string, origin: unknown = LOCAL_ORIGIN): string[] {
  return amendEntry(doc, id, { status: 'withdrawn', withdrawnReason: reason.trim() }, origin);
}
