// A new client's answer (Room.fullStateMessages, whole-state-answer.ts) while the document is written to: the whole state
// kept for new clients takes each delivered write after it, instead of being dropped and encoded
// from live again on the event loop at the next open; bounded by KEPT_WRITES_MAX.
import { randomUUID } from 'node:crypto';
import { afterEach, beforeEach, describe, expect, it } from 'vitest';
import * as Y from 'yjs';
import { buildEntry, buildPrincipal } from '@mac/domain/testing';
import type { Entry } from '@mac/domain';
import { amendEntry, readEntries, writeNewEntry } from './doc-model.js';
import { sharedDocName } from './doc-names.js';
import { parseClientMessage } from './protocol.js';
import { KEPT_WRITES_MAX } from './whole-state-answer.js';
import { createClient, localWrite, startSyncServer, waitForSync, type TestClient, type TestSyncServer } from './testing.js';

const police = buildPrincipal({ id: 'police-1', agency: 'thames-valley-police', name: 'Pat Police' });
const school = buildPrincipal({ id: 'school-1', agency: 'northway-primary', name: 'Sam School' });
const entryBy = (): Entry => buildEntry({ id: randomUUID(), agency: police.agency, authorId: police.id });
const sorted = (entries: Entry[]) => [...entries].sort((a, b) => a.id.localeCompare(b.id));

let server: TestSyncServer;
const clients: TestClient[] = [];
let docName: string;

beforeEach(async () => {
  server = await startSyncServer({ compaction: false });
  docName = sharedDocName(randomUUID());
});

afterEach(async () => {
  for (const c of clients.splice(0)) c.destroy();
  await server.close();
});

/** A document of `n` entries compacted into one stored row, its room loaded afresh from it. */
async function compactedRoom(n: number) {
  const entries = Array.from({ length: n }, entryBy);
  await server.manager.submitLocal(docName, localWrite(police), (doc) => entries.forEach((e) => writeNewEntry(doc, e)));
  await server.manager.compact(docName);
  const [stored] = await server.persistence.load(docName);
  await server.restartManager();
  return { room: await server.manager.room(docName), stored: stored!, entries };
}

async function newClientReads(): Promise<Entry[]> {
  const c = createClient(server, docName, school);
  clients.push(c);
  await waitForSync(c.provider);
  return readEntries(c.doc);
}

describe("a new client's answer while the document is written to", () => {
  it('is the kept state and the writes delivered since, in order, the last as the sync answer: live is not encoded again', async () => {
    const { room, stored, entries } = await compactedRoom(5);
    expect(room.fullStateMessages()).toHaveLength(1);
    const added = [entryBy(), entryBy()];
    for (const e of added) await server.manager.submitLocal(docName, localWrite(police), (doc) => writeNewEntry(doc, e));
    await server.manager.submitLocal(docName, localWrite(police), (doc) => amendEntry(doc, entries[0]!.id, { summary: 'Amended' }));
    const answer = room.fullStateMessages().map((m) => parseClientMessage(m));
    expect(answer.map((m) => m.type)).toEqual(['update', 'update', 'update', 'sync-step-2']);
    // The first is the stored state itself, not an encoding of live.
    expect(answer[0]).toMatchObject({ update: stored });
    // Together they are live's whole state, and a stock client opening now gets all of it.
    const rebuilt = new Y.Doc();
    for (const m of answer) Y.applyUpdate(rebuilt, (m as { update: Uint8Array }).update);
    expect(sorted(readEntries(rebuilt))).toEqual(sorted(readEntries(room.live)));
    const seen = await newClientReads();
    expect(sorted(seen)).toEqual(sorted(readEntries(room.live)));
    expect(seen.find((e) => e.id === entries[0]!.id)?.summary).toBe('Amended');
    expect(seen).toHaveLength(7);
  });

  it(`is encoded from live again once more than ${KEPT_WRITES_MAX.writes} writes were kept after the state`, async () => {
    const { room } = await compactedRoom(2);
    room.fullStateMessages();
    for (let i = 0; i <= KEPT_WRITES_MAX.writes; i++) {
      const e = entryBy();
      await server.manager.submitLocal(docName, localWrite(police), (doc) => writeNewEntry(doc, e));
    }
    const answer = room.fullStateMessages();
    expect(answer).toHaveLength(1);
    expect(readEntries(room.live)).toHaveLength(2 + KEPT_WRITES_MAX.writes + 1);
    expect(await newClientReads()).toHaveLength(2 + KEPT_WRITES_MAX.writes + 1);
  });
});
