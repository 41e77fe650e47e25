// How the update inspector reads an entry's Yjs items (update-inspector.ts): one JSON text per entry in
// the `entries` map, parsed strictly, the item that held a key before a transaction, and whether a new
// value replaced exactly that one.

import * as Y from 'yjs';
import { FIELD_POSITION, isEntryText, isPlainFields } from './doc-model.js';

/** Whether the transaction created the item. */
export function isNew(item: Y.Item, tr: Y.Transaction): boolean {
  return item.id.clock >= (tr.beforeState.get(item.id.client) ?? 0);
}

/** The entry id of an old-shape entry's Y.Map (a map that is itself a value of `entries`), else null. */
export function oldShapeEntryOf(type: unknown, entries: Y.Map<unknown>): string | null {
  if (!(type instanceof Y.Map)) return null;
  const item = type._item;
  return item !== null && item.parent === entries ? item.parentSub : null;
}

/** What an item holds: an entry's text, an entry of the previous shape (a plain object), or anything else. */
export function entryValueKind(content: Y.Item['content']): 'text' | 'object' | 'other' {
  if (!(content instanceof Y.ContentAny) || content.arr.length !== 1) return 'other';
  const value: unknown = content.arr[0];
  return isEntryText(value) ? 'text' : isPlainFields(value) ? 'object' : 'other';
}

/**
 * The longest entry text accepted, in UTF-16 code units. The entry schema allows ~43,000 characters of
 * text over all fields (packages/domain entry.ts LIMITS); JSON writes a control character as six
 * (\u0001), so no valid entry comes near this. Checked before parsing, so a huge text costs nothing.
 */
export const MAX_ENTRY_TEXT = 300_000;


/**
 * An entry's text read strictly, as the server accepts it: a JSON object of known fields only, each text
 * or true/false, written exactly as `entryText` writes it (fields in order, no spaces, no needless
 * escapes, no repeated key: one entry has one text, so two readers can never see different fields).
 * The fields, or why not.
 */
export function parseEntryText(text: string): { ok: true; fields: Record<string, string | boolean> } | { ok: false; reason: string } {
  if (text.length > MAX_ENTRY_TEXT) return { ok: false, reason: 'an entry is too large' };
  let parsed: unknown;
  try {
    parsed = JSON.parse(text);
  } catch {
    return { ok: false, reason: 'an entry must be one JSON object of its fields: this one does not parse' };
  }
  if (!isPlainFields(parsed)) return { ok: false, reason: 'an entry must be one JSON object of its fields' };
  let inOrder = true;
  let last = -1;
  for (const field of Object.keys(parsed)) {
    const position = FIELD_POSITION.get(field);
    if (position === undefined) return { ok: false, reason: `an entry has no field ${field.slice(0, 40)}` };
    const value = parsed[field];
    if (typeof value !== 'string' && typeof value !== 'boolean') return { ok: false, reason: `${field}: an entry field holds only text or true/false` };
    if (position <= last) inOrder = false;
    last = position;
  }
  // The one form is `entryText(parsed)`. With every field known and in ENTRY_FIELDS order, that is the
  // object as parsed written again (same keys in the same order, same values), so it is compared without
  // building the ordered copy (the copy and its key sort were ~3% of the event loop per REST write). Out
  // of order it can never equal the text: JSON.parse keeps the text's key order, `entryText` would not.
  // entry-items.test.ts holds this to `entryText(parsed) === text` over permutations, repeats, spaces and
  // escapes.
  if (!inOrder || JSON.stringify(parsed) !== text) return { ok: false, reason: 'an entry must be written in its one JSON form (fields in order, no spaces): reload the page' };
  return { ok: true, fields: parsed as Record<string, string | boolean> };
}


/** The item that held a key's value before the transaction (null if it had none). */
export function itemBefore(map: Y.Map<unknown>, key: string, tr: Y.Transaction): Y.Item | null {
  let item: Y.Item | null = map._map.get(key) ?? null;
  while (item !== null) {
    if (!isNew(item, tr) && (!item.deleted || Y.isDeleted(tr.deleteSet, item.id))) return item;
    item = item.left;
  }
  return null;
}

/**
 * Whether the update's value for a key replaced exactly the value the document held (the writer saw
 * it), rather than an older one: its new items end the key's list and the first of them has the value
 * held before as its origin. A writer who changed an entry while someone else changed it too (an offline
 * edit of an entry a colleague amended meanwhile) replaced an older value; with one value per entry
 * accepting it would silently undo one of the two changes, whichever Yjs orders last.
 */
export function replacedCurrent(map: Y.Map<unknown>, key: string, before: Y.Item | null, tr: Y.Transaction): boolean {
  let first: Y.Item | null = map._map.get(key) ?? null;
  if (first === null || !isNew(first, tr)) return false;
  while (first.left !== null && isNew(first.left, tr)) first = first.left;
  const origin = first.origin;
  if (before === null) return origin === null;
  return origin !== null && origin.client === before.id.client && origin.clock === before.id.clock;
}

