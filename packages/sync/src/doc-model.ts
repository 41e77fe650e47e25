// The chronology as a Yjs document: one top-level Y.Map `entries`, keyed by entry id, each value ONE JSON
// text of the entry's fields (strings and booleans, as `docValueOf` writes them, keys in ENTRY_FIELDS order:
// `entryText`; docs/architecture.md). One Yjs item per entry: an amendment replaces the whole value. Text,
// not an object, because Yjs decodes an object value field by field (lib0 readAny), at twice the cost of
// JSON.parse over the same fields: a client applying a whole document, a room loading one, pays it per entry.
// Documents of the two older shapes (a plain object per entry; before that a nested Y.Map per entry, one
// item per field) are still READ by these helpers (snapshots keep old states, the projection can be rebuilt
// from old logs) and converted when a room loads them (doc-shape.ts); no new write ever makes one. These
// helpers are the only code that should know the shape; everything else reads and writes Entry objects.
// The server and the browser both use them (the browser through `@mac/sync/doc`): this module imports
// only Yjs and the domain (scripts/dependency-rules.ts checks it).

import * as Y from 'yjs';
import { DEFAULT_SHARING, docValueOf, ENTRY_FIELDS, entryFieldsFromDoc, isOptionalDocField, isScreeningField, SHARING_LEVELS, type Entry } from '@mac/domain';

export const ENTRIES_KEY = 'entries';

/** The origin of transactions made by these helpers when the caller gives none. */
export const LOCAL_ORIGIN = 'mac:local';

export type EntryValue = string | boolean;

/** An entry as the document stores it: field name → text or true/false (a score as text, people as one text). */
export type StoredEntry = Record<string, EntryValue>;

export function getEntriesMap(doc: Y.Doc): Y.Map<unknown> {
  return doc.getMap<unknown>(ENTRIES_KEY);
}

/** Whether a value of the entries map is an entry of the current shape: one text (its fields as JSON). */
export function isEntryText(value: unknown): value is string {
  return typeof value === 'string';
}

/** Whether a value is a plain object: an entry of the previous shape (not a Yjs type, a list or bytes). */
export function isPlainFields(value: unknown): value is Record<string, unknown> {
  return typeof value === 'object' && value !== null && !Array.isArray(value) && !(value instanceof Y.AbstractType) && !(value instanceof Uint8Array);
}

/** Whether a value of the entries map is an entry of an older shape (a plain object, or a nested Y.Map). */
export function isOldShapeEntry(value: unknown): boolean {
  return value instanceof Y.Map || isPlainFields(value);
}

/**
 * The stored fields of a value of the entries map, whatever its shape: today's JSON text, the previous
 * plain object, or the first shape's nested Y.Map. Null for anything else (text that is not a JSON
 * object included: never accepted by the server, read as no entry rather than trusted).
 */
export function storedFieldsOf(value: unknown): Record<string, unknown> | null {
  if (isEntryText(value)) {
    let parsed: unknown;
    try {
      parsed = JSON.parse(value);
    } catch {
      return null;
    }
    return isPlainFields(parsed) ? parsed : null;
  }
  if (isPlainFields(value)) return value;
  if (value instanceof Y.Map) return value.toJSON() as Record<string, unknown>;
  return null;
}

/** The stored fields of one entry of the document (any shape), or undefined when it holds none under that id. */
export function readStoredFields(doc: Y.Doc, id: string): Record<string, unknown> | undefined {
  return storedFieldsOf(getEntriesMap(doc).get(id)) ?? undefined;
}

/**
 * The fields an entry can have, each with its position in ENTRY_FIELDS: the order `entryText` writes them
 * in. The server's check (entry-items.ts `parseEntryText`) refuses any other field and any other order.
 */
export const FIELD_POSITION: ReadonlyMap<string, number> = new Map(ENTRY_FIELDS.map((field, i) => [field, i]));

/**
 * The document's text for an entry's stored fields: JSON with the known fields in ENTRY_FIELDS order,
 * then any other key (only an old document converted as it is could hold one) in code-unit order. One
 * set of fields has exactly one text: the server refuses any other (entry-items.ts), and a conversion
 * is deterministic (doc-shape.ts).
 */
export function entryText(fields: Readonly<Record<string, unknown>>): string {
  // No prototype: a key "__proto__" (never accepted, but possible in an old document) stays a field.
  const ordered: Record<string, unknown> = Object.create(null) as Record<string, unknown>;
  for (const field of ENTRY_FIELDS) if (Object.hasOwn(fields, field)) ordered[field] = fields[field];
  for (const field of Object.keys(fields).sort()) if (!FIELD_POSITION.has(field)) ordered[field] = fields[field];
  return JSON.stringify(ordered);
}

/** The document form of an entry: every field as `docValueOf` writes it, empty optional fields left out. */
export function storedEntryOf(entry: Readonly<Record<string, unknown>>): StoredEntry {
  const out: StoredEntry = {};
  for (const field of ENTRY_FIELDS) {
    // An empty optional field (screening, the child's voice, people) is not written: absent means empty.
    const value = docValueOf(entry, field);
    if (isOptionalDocField(field) && (value === undefined || value === '')) continue;
    if (value !== undefined) out[field] = value;
  }
  return out;
}

/**
 * The entry's fields as stored, screening fields in their domain form (a score as a number, empty
 * ones left out). Not validated: the server validated every update that wrote them.
 */
export function entryFromStored(value: Record<string, unknown>): Entry {
  return entryFieldsFromDoc(value) as Entry;
}

/**
 * An entry as a page shows it, read defensively: the server validated every update that wrote it, but
 * a missing or mistyped field is filled in rather than trusted, so one odd entry never breaks a page.
 * Null for anything that is not an entry.
 */
export function readStoredEntry(id: string, value: unknown): Entry | null {
  const raw = storedFieldsOf(value);
  if (raw === null) return null;
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
  getEntriesMap(doc).forEach((value, id) => {
    const entry = readStoredEntry(id, value);
    if (entry) out.set(id, entry);
  });
  return out;
}

/**
 * The ids of the entries a batch of events on the entries map touched (observeDeep's events: a key of the
 * map itself, or, in a document of the old shape still being read, a field inside an entry).
 */
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
  const raw = storedFieldsOf(getEntriesMap(doc).get(id));
  return raw === null ? undefined : entryFromStored(raw);
}

export function readEntries(doc: Y.Doc): Entry[] {
  const out: Entry[] = [];
  for (const value of getEntriesMap(doc).values()) {
    const raw = storedFieldsOf(value);
    if (raw !== null) out.push(entryFromStored(raw));
  }
  return out;
}

/** Adds an entry as one value under its id. An id already present is an error, never a replacement. */
export function writeNewEntry(doc: Y.Doc, entry: Entry, origin: unknown = LOCAL_ORIGIN): void {
  const entries = getEntriesMap(doc);
  if (entries.has(entry.id)) throw new Error(`entry ${entry.id} already exists`);
  doc.transact(() => entries.set(entry.id, entryText(storedEntryOf(entry))), origin);
}

/**
 * Sets the given fields of an existing entry (a screening field present with the value undefined is
 * cleared), and only if some value differs: the entry is replaced by one new value holding every field,
 * and an unchanged entry written again would still be a new Yjs item, a needless update for every client
 * and the log. Returns the fields whose value changed.
 */
export function amendEntry(doc: Y.Doc, id: string, fields: Partial<Entry>, origin: unknown = LOCAL_ORIGIN): string[] {
  const entries = getEntriesMap(doc);
  const held = entries.get(id);
  const current = isEntryText(held) ? storedFieldsOf(held) : null;
  if (current === null) throw new Error(`entry ${id} does not exist`);
  const next: Record<string, unknown> = { ...current };
  const written: string[] = [];
  for (const field of ENTRY_FIELDS) {
    // A screening field given as undefined (present as a key) is being cleared: it is stored as ''.
    if (!(field in fields)) continue;
    const value = docValueOf(fields, field);
    if (value === undefined || (current[field] ?? '') === value) continue;
    next[field] = value;
    written.push(field);
  }
  if (written.length > 0) doc.transact(() => entries.set(id, entryText(next)), origin);
  return written;
}

/** Withdraws an entry: sets its status and the reason, nothing else (nothing is ever deleted). */
export function withdrawEntry(doc: Y.Doc, id: string, reason: string, origin: unknown = LOCAL_ORIGIN): string[] {
  return amendEntry(doc, id, { status: 'withdrawn', withdrawnReason: reason.trim() }, origin);
}
