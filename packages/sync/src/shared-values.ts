// The shadow holds the same entries as the live document (room.ts): after it is rebuilt from live's
// encoded state, each current entry value of the shadow is swapped for live's own (an entry's JSON text),
// so the two copies share the entries' text instead of holding it twice (the text is most of an entry's memory:
// `pnpm --filter @mac/sync bench:memory`).
//
// Safe because an entry's value is never changed in place: Yjs keeps a ContentAny's values as they were
// decoded, and every change writes a new value (doc-model.ts). Only values that are equal (the same
// struct, by id) are swapped, so what the shadow holds reads exactly as before.

import * as Y from 'yjs';
import { getEntriesMap } from './doc-model.js';

/** Points the shadow's current entry values at live's, struct by struct; returns how many. */
export function shareEntryValues(live: Y.Doc, shadow: Y.Doc): number {
  const from = getEntriesMap(live)._map;
  let shared = 0;
  for (const [key, item] of getEntriesMap(shadow)._map) {
    const source = from.get(key);
    if (source === undefined || item.deleted || source.deleted) continue;
    if (source.id.client !== item.id.client || source.id.clock !== item.id.clock) continue;
    const target = item.content;
    const origin = source.content;
    if (!(target instanceof Y.ContentAny) || !(origin instanceof Y.ContentAny) || target.arr.length !== 1 || origin.arr.length !== 1) continue;
    target.arr[0] = origin.arr[0];
    shared++;
  }
  return shared;
}
