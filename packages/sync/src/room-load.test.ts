// A room's load from its stored rows (room-load.ts): which logs it merges in the worker before a new client
// can be answered, and that the answers it gives without merging bring a stock client the whole document.
import { randomUUID } from 'node:crypto';
import { afterEach, describe, expect, it } from 'vitest';
import * as Y from 'yjs';
import { buildEntry, buildPrincipal } from '@mac/domain/testing';
import type { Entry } from '@mac/domain';
import { amendEntry, readEntries, readEntry, writeNewEntry } from './doc-model.js';
import { UpdateRefusedError } from './errors.js';
import { sharedDocName } from './doc-names.js';
import { parseClientMessage } from './protocol.js';
import { createRoomManager, type RoomManager } from './room-manager.js';
import type { LoadShortcuts } from './room-load.js';
import { createStateMerger, type StateMerger } from './state-merger.js';
import { createClient, localWrite, startSyncServer, waitForSync, type TestClient, type TestSyncServer } from './testing.js';

const police = buildPrincipal({ id: 'police-1', agency: 'thames-valley-police', name: 'Pat Police' });
const school = buildPrincipal({ id: 'school-1', agency: 'northway-primary', name: 'Sam School' });
const silent = { info: () => {}, warn: () => {}, error: () => {} };
const sorted = (entries: Entry[]) => [...entries].sort((a, b) => a.id.localeCompare(b.id));

let server: TestSyncServer;
const clients: TestClient[] = [];
const managers: RoomManager[] = [];
const mergers: StateMerger[] = [];

afterEach(async () => {
  for (const c of clients.splice(0)) c.destroy();
  for (const m of managers.splice(0)) await m.destroy();
  for (const m of mergers.splice(0)) await m.close();
  await server.close();
});

/** `n` entries, one stored row each (as REST writes are). */
async function write(docName: string, n: number): Promise<Entry[]> {
  const entries = Array.from({ length: n }, () => buildEntry({ id: randomUUID(), agency: police.agency, authorId: police.id }));
  for (const e of entries) await server.manager.submitLocal(docName, localWrite(police), (doc) => writeNewEntry(doc, e));
  return entries;
}

/** A short log: 20 entries compacted into one row, then 3 written one row each (four rows in all). */
async function shortLog(): Promise<{ docName: string; entries: Entry[] }> {
  server = await startSyncServer({ compaction: false });
  const docName = sharedDocName(randomUUID());
  const entries = await write(docName, 20);
  await server.manager.compact(docName);
  entries.push(...(await write(docName, 3)));
  return { docName, entries };
}

/** A second manager over the same store, with a merger whose merges are counted. */
function managerWith(shortcuts?: LoadShortcuts): { manager: RoomManager; merger: StateMerger } {
  const merger = createStateMerger();
  const manager = createRoomManager({ persistence: server.persistence, merger, compaction: false, pingIntervalMs: 0, log: silent, ...(shortcuts ? { loadShortcuts: shortcuts } : {}) });
  mergers.push(merger);
  managers.push(manager);
  return { manager, merger };
}

describe('loading a room from its stored rows', () => {
  it('a short log (a compacted state and the writes since) answers with its rows as they are, the last as the sync answer; no merge', async () => {
    const { docName, entries } = await shortLog();
    await server.restartManager();
    const stored = await server.persistence.load(docName);
    expect(stored).toHaveLength(4);

    const { manager, merger } = managerWith();
    const room = await manager.room(docName);
    const answer = room.fullStateMessages().map((message) => parseClientMessage(message));
    // Each row as stored, in order: three updates, then the sync answer (the client is synced at the last).
    expect(answer.map((m) => m.type)).toEqual(['update', 'update', 'update', 'sync-step-2']);
    expect(answer.map((m) => ('update' in m ? m.update : null))).toEqual(stored);
    expect(merger.merges).toBe(0);
    // The same answer for the next client, until the document changes.
    expect(room.fullStateMessages()).toBe(room.fullStateMessages());
  });

  it('a stock client answered with the rows is synced only once it holds all of them', async () => {
    const { docName, entries } = await shortLog();
    // A fresh manager: its first load of the document answers from the four rows.
    await server.restartManager();
    const reader = createClient(server, docName, school);
    clients.push(reader);
    let atSync: Entry[] | null = null;
    // Read inside the 'sync' event itself, before any later message could be applied.
    reader.provider.on('sync', (synced: boolean) => {
      if (synced && atSync === null) atSync = readEntries(reader.doc);
    });
    await waitForSync(reader.provider);
    expect(sorted(atSync ?? [])).toEqual(sorted(entries));
  });

  it('the first write after an open is inspected on a shadow made from the kept answer: every stored entry, and only what their authors may change', async () => {
    const { docName, entries } = await shortLog();
    await server.restartManager();
    const room = await server.manager.room(docName);
    // A client's open: the rows' answer is kept (four messages), and the shadow is built from it.
    expect(room.fullStateMessages()).toHaveLength(4);
    expect(room.shadowLoaded).toBe(false);
    // An entry of the compacted row and one of the rows after it: the shadow must hold both.
    await server.manager.submitLocal(docName, localWrite(police), (doc) => amendEntry(doc, entries[0]!.id, { summary: 'Amended after the open' }));
    await server.manager.submitLocal(docName, localWrite(police), (doc) => amendEntry(doc, entries[22]!.id, { summary: 'Amended too' }));
    await expect(server.manager.submitLocal(docName, localWrite(school), (doc) => amendEntry(doc, entries[1]!.id, { summary: 'Not mine' }))).rejects.toBeInstanceOf(UpdateRefusedError);
    await server.manager.flush();
    await server.restartManager();
    const reloaded = await server.manager.room(docName);
    expect(readEntry(reloaded.live, entries[0]!.id)?.summary).toBe('Amended after the open');
    expect(readEntry(reloaded.live, entries[22]!.id)?.summary).toBe('Amended too');
    expect(readEntry(reloaded.live, entries[1]!.id)?.summary).toBe(entries[1]!.summary);
    expect(readEntries(reloaded.live)).toHaveLength(23);
  });

  it('a small log of many rows is not merged: its answer is encoded from the live document', async () => {
    server = await startSyncServer({ compaction: false });
    const docName = sharedDocName(randomUUID());
    const entries = await write(docName, 40);
    await server.restartManager();
    const { manager, merger } = managerWith();
    const room = await manager.room(docName);
    const answer = room.fullStateMessages();
    expect(answer).toHaveLength(1);
    const message = parseClientMessage(answer[0]!);
    if (message.type !== 'sync-step-2') throw new Error(`expected sync step 2, got ${message.type}`);
    const client = new Y.Doc();
    Y.applyUpdate(client, message.update);
    expect(sorted(readEntries(client))).toEqual(sorted(entries));
    expect(merger.merges).toBe(0);
  });

  it('without the shortcuts the same log is merged in the worker at load', async () => {
    server = await startSyncServer({ compaction: false });
    const docName = sharedDocName(randomUUID());
    await write(docName, 40);
    await server.restartManager();
    const { manager, merger } = managerWith({ answerRowsMax: 0, encodeMaxBytes: 0 });
    const room = await manager.room(docName);
    expect(merger.merges).toBe(1);
    expect(room.fullStateMessages()).toHaveLength(1);
  });

  it('a log that would be merged answers with its rows while the merge thread is cold, and warms it for the next load', async () => {
    server = await startSyncServer({ compaction: false });
    const docName = sharedDocName(randomUUID());
    const entries = await write(docName, 40);
    await server.restartManager();
    // A fresh merger is cold, as one let go after minutes without work is.
    const { manager, merger } = managerWith({ answerRowsMax: 0, encodeMaxBytes: 0, coldAnswerRowsMax: 256 });
    expect(merger.warm).toBe(false);
    const room = await manager.room(docName);
    expect(merger.merges).toBe(0);
    const answer = room.fullStateMessages().map((message) => parseClientMessage(message));
    expect(answer).toHaveLength(40);
    expect(answer.map((m) => m.type)).toEqual([...Array<string>(39).fill('update'), 'sync-step-2']);
    const client = new Y.Doc();
    for (const m of answer) Y.applyUpdate(client, (m as { update: Uint8Array }).update);
    expect(sorted(readEntries(client))).toEqual(sorted(entries));
    await expect.poll(() => merger.warm, { timeout: 20_000 }).toBe(true);
    // Warm now: the next load of such a log merges it.
    const next = managerWith({ answerRowsMax: 0, encodeMaxBytes: 0, coldAnswerRowsMax: 256 });
    await next.merger.warmUp();
    await next.manager.room(docName);
    expect(next.merger.merges).toBe(1);
  });
});
