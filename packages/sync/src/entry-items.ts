// How the update inspector reads an entry's Yjs items (update-inspector.ts): one plain value per entry
// in the `entries` map, the item that held a key before a transaction, and whether a new value replaced
// exactly that one.

import * as Y from 'yjs';
import { isStoredEntry } from './doc-model.js';

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

/** Whether an item's content is an entry: one plain object whose fields are text or true/false. */
export function isEntryValue(content: Y.Item['content']): boolean {
  if (!(content instanceof Y.ContentAny) || content.arr.length !== 1) return false;
  const value: unknown = content.arr[0];
  if (!isStoredEntry(value)) return false;
  for (const v of Object.values(value)) if (typeof v !== 'string' && typeof v !== 'boolean') return false;
  return true;
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

