// The chronology's Yjs shape (docs/architecture.md): one top-level Y.Map `entries`, entry id → a
// Y.Map of the entry's fields, every value a string or a boolean. Nothing is ever deleted: an
// amendment sets only the changed keys, a withdrawal sets status and reason.
import * as Y from 'yjs';
import { docValueOf, ENTRY_FIELDS, entryFieldsFromDoc, isOptionalDocField, isScreeningField, newEntry, type Entry, type EntryInput } from '@mac/domain';

export const ENTRIES_KEY = 'entries';
/** The origin of this window's own transactions (anything from the provider is remote). */
export const LOCAL_ORIGIN = 'mac:local';

export type EntryValue = string | boolean;

export function entriesMap(doc: Y.Doc): Y.Map<Y.Map<EntryValue>> {
  return doc.getMap<Y.Map<EntryValue>>(ENTRIES_KEY);
}

const BOOLEAN_FIELDS = new Set<string>(['restricted']);

/**
 * An entry as stored. The server validated every update that wrote it, but a missing or mistyped
 * field is filled in rather than trusted blindly, so one odd entry can never break the page.
 */
export function readEntry(id: string, map: unknown): Entry | null {
  if (!(map instanceof Y.Map)) return null;
  const raw = map.toJSON() as Record<string, unknown>;
  const out: Record<string, unknown> = {};
  for (const field of ENTRY_FIELDS) {
    const value = raw[field];
    if (BOOLEAN_FIELDS.has(field)) out[field] = value === true;
    // Screening fields are optional: absent (older clients) or '' means none (packages/domain screening.ts).
    else if (isScreeningField(field)) {
      if (typeof value === 'string' && value !== '') out[field] = value;
    } else out[field] = typeof value === 'string' ? value : '';
  }
  out.id = id;
  if (out.status !== 'withdrawn') out.status = 'active';
  if (out.sharing !== 'professionals') out.sharing = 'family';
  const entry = entryFieldsFromDoc(out);
  // A score that is not a number cannot have been accepted by the server; it is dropped, not shown.
  if (typeof entry.score !== 'number') delete entry.score;
  return entry as unknown as Entry;
}

export function readAll(doc: Y.Doc): Map<string, Entry> {
  const out = new Map<string, Entry>();
  entriesMap(doc).forEach((map, id) => {
    const entry = readEntry(id, map);
    if (entry) out.set(id, entry);
  });
  return out;
}

/** The ids of entries touched by a batch of deep events on the entries map. */
export function touchedIds(events: readonly Y.YEvent<Y.AbstractType<unknown>>[], root: Y.Map<unknown>): Set<string> {
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

export interface NewEntryContext {
  id: string;
  agency: string;
  authorId: string;
  recordedAt: string;
}

/** A new entry: one transaction, one new Y.Map under a fresh id, every field set. */
export function writeNewEntry(doc: Y.Doc, input: EntryInput, ctx: NewEntryContext): Entry {
  const entry = newEntry(input, ctx);
  const entries = entriesMap(doc);
  if (entries.has(entry.id)) throw new Error(`entry ${entry.id} already exists`);
  doc.transact(() => {
    const map = new Y.Map<EntryValue>();
    entries.set(entry.id, map);
    for (const field of ENTRY_FIELDS) {
      const value = docValueOf(entry, field);
      // An empty screening or child's-voice field is left out: absent means empty.
      if (isOptionalDocField(field) && (value === undefined || value === '')) continue;
      if (value !== undefined) map.set(field, value);
    }
  }, LOCAL_ORIGIN);
  return entry;
}

/** Sets only the fields that differ (an unchanged value written again would still be a new item). */
export function writeChanges(doc: Y.Doc, id: string, changes: Partial<Record<string, EntryValue>>): string[] {
  const map = entriesMap(doc).get(id);
  if (!(map instanceof Y.Map)) throw new Error(`entry ${id} is not in this document`);
  const written: string[] = [];
  doc.transact(() => {
    for (const [field, value] of Object.entries(changes)) {
      if (value === undefined || map.get(field) === value) continue;
      map.set(field, value);
      written.push(field);
    }
  }, LOCAL_ORIGIN);
  return written;
}

export function writeWithdrawal(doc: Y.Doc, id: string, reason: string): void {
  writeChanges(doc, id, { status: 'withdrawn', withdrawnReason: reason.trim() });
}
