// Converting a document of an older shape as its room loads (doc-shape.ts, room-load.ts): done in the merge
// worker, never on the event loop, with the same bytes the event loop's conversion makes; the event loop's
// conversion stays only as the last resort when the worker fails.
import { randomUUID } from 'node:crypto';
import { afterEach, describe, expect, it } from 'vitest';
import * as Y from 'yjs';
import { buildEntry, buildPrincipal } from '@mac/domain/testing';
import type { Entry } from '@mac/domain';
import { entryText, getEntriesMap, readEntries, storedEntryOf, writeNewEntry } from './doc-model.js';
import { convertedState, hasOldShape, mayHoldOldShape } from './doc-shape.js';
import { sharedDocName } from './doc-names.js';
import { createRoomManager, type RoomManager } from './room-manager.js';
import { createStateMerger, type StateMerger } from './state-merger.js';
import { objectShapeLog, oldShapeLog, startSyncServer, type TestSyncServer } from './testing.js';

const police = buildPrincipal({ id: 'police-1', agency: 'thames-valley-police', name: 'Pat Police' });
/** What the room manager logged: where each conversion ran is said there. */
const logged: string[] = [];
const logger = { info: (m: string) => logged.push(`info: ${m}`), warn: (m: string) => logged.push(`warn: ${m}`), error: (m: string) => logged.push(`error: ${m}`) };
const sorted = (entries: Entry[]) => [...entries].sort((a, b) => a.id.localeCompare(b.id));
/** Big enough that converting it on the event loop would be a stall worth a test (tens of ms). */
const MANY = 2_000;

let server: TestSyncServer | null = null;
const managers: RoomManager[] = [];
const mergers: StateMerger[] = [];

afterEach(async () => {
  for (const m of managers.splice(0)) await m.destroy();
  for (const m of mergers.splice(0)) await m.close();
  await server?.close();
  server = null;
  logged.length = 0;
});

const entries = (n: number) => Array.from({ length: n }, (_, i) => ({ fields: buildEntry({ id: randomUUID(), agency: police.agency, authorId: police.id, summary: `Entry ${i}` }) }));

/** The state a stored log converts to on the event loop (the reference bytes), and the entries it holds. */
function reference(updates: readonly Uint8Array[], docName: string): { state: Uint8Array; entries: Entry[] } {
  const doc = new Y.Doc({ gc: true });
  doc.transact(() => {
    for (const update of updates) Y.applyUpdate(doc, update);
  });
  const state = convertedState(doc, docName)!;
  const out = sorted(readEntries(doc));
  doc.destroy();
  return { state, entries: out };
}

/** Stores a log as a document's, and opens it with a fresh manager over the store whose merger is given. */
async function load(updates: readonly Uint8Array[], merger: StateMerger) {
  server = await startSyncServer({ compaction: false });
  const docName = sharedDocName(randomUUID());
  await server.store.appendUpdates(updates.map((update) => ({ docName, update, claims: [], principalId: police.id })));
  const manager = createRoomManager({ persistence: server.persistence, merger, compaction: false, pingIntervalMs: 0, log: logger });
  managers.push(manager);
  return { docName, room: await manager.room(docName) };
}

const counted = () => {
  const merger = createStateMerger();
  mergers.push(merger);
  return merger;
};

describe('which stored rows may hold entries of an older shape (read from their bytes)', () => {
  it('a nested map or a plain object per entry may; texts, true/false and deletions may not; unreadable bytes may', () => {
    const [first] = entries(1);
    expect(oldShapeLog([first!]).updates.every(mayHoldOldShape)).toBe(true);
    expect(objectShapeLog([first!]).updates.every(mayHoldOldShape)).toBe(true);
    const today = new Y.Doc();
    writeNewEntry(today, first!.fields);
    getEntriesMap(today).set('flag', true);
    getEntriesMap(today).set(first!.fields.id, entryText({ ...storedEntryOf(first!.fields), summary: 'Amended' }));
    getEntriesMap(today).delete('flag');
    expect(mayHoldOldShape(Y.encodeStateAsUpdate(today))).toBe(false);
    expect(mayHoldOldShape(new Uint8Array([5, 1, 2]))).toBe(true);
  });
});

describe('a document of an older shape, converted as its room loads', () => {
  it.each([
    ['a log of plain objects, one row an entry', () => objectShapeLog(entries(MANY)).updates],
    ['a compacted state of plain objects (one row)', () => [Y.encodeStateAsUpdate(objectShapeLog(entries(MANY)).doc)]],
    ['a compacted state of nested maps (one row)', () => [Y.encodeStateAsUpdate(oldShapeLog(entries(MANY)).doc)]],
  ])('%s: in the merge worker, never on the event loop, to the same bytes, every entry kept', async (_log, logOf) => {
    const updates = logOf();
    const merger = counted();
    const { docName, room } = await load(updates, merger);
    // Applied and converted in the thread (one merge, which found the old shape), not by the room.
    expect(merger.merges).toBe(1);
    expect(merger.conversions).toBe(1);
    expect(logged).toEqual([expect.stringMatching(/^info: .*converted to one JSON text per entry in the merge worker/)]);
    const expected = reference(updates, docName);
    // Exactly what the event loop's conversion makes: the room stores it, the room answers with it.
    expect(room.converted).toEqual(expected.state);
    expect(sorted(readEntries(room.live))).toEqual(expected.entries);
    expect(expected.entries).toHaveLength(MANY);
    expect(hasOldShape(room.live)).toBe(false);
    expect(await server!.persistence.load(docName)).toEqual([expected.state]);
  });

  it('a document of today\'s shape is not sent to the worker for it (one row: no merge at all)', async () => {
    const doc = new Y.Doc();
    for (const { fields } of entries(50)) writeNewEntry(doc, fields);
    const merger = counted();
    const { room } = await load([Y.encodeStateAsUpdate(doc)], merger);
    expect(room.converted).toBeNull();
    expect(merger.merges).toBe(0);
    expect(logged).toEqual([]);
  });

  it('when the worker fails, the room converts on the event loop as the last resort: stored converted, nothing lost', async () => {
    const updates = objectShapeLog(entries(20)).updates;
    const failing: StateMerger = {
      merge: () => Promise.reject(new Error('worker lost')),
      mergeConverting: () => Promise.reject(new Error('worker lost')),
      warmUp: () => Promise.reject(new Error('worker lost')),
      warm: false,
      merges: 0,
      conversions: 0,
      close: async () => {},
    };
    const { docName, room } = await load(updates, failing);
    expect(logged).toContainEqual(expect.stringMatching(/^warn: .*ON THE EVENT LOOP/));
    const expected = reference(updates, docName);
    expect(room.converted).toEqual(expected.state);
    expect(sorted(readEntries(room.live))).toEqual(expected.entries);
    expect(await server!.persistence.load(docName)).toEqual([expected.state]);
  });
});
