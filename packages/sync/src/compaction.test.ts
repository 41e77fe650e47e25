// Automatic compaction (compaction.ts) through a real room manager over a real SQLite store: when it
// happens (a room unloading, a load that replayed a grown log, a quiet spell), when it must not (a log
// that has not grown enough), and that nothing is lost (entries, other documents, client owners, writes
// stored while it runs, a compaction that fails).
import { randomBytes, randomUUID } from 'node:crypto';
import { mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterEach, describe, expect, it, vi } from 'vitest';
import * as Y from 'yjs';
import { buildEntry, buildPrincipal } from '@mac/domain/testing';
import type { Entry, Principal } from '@mac/domain';
import { amendEntry, readEntries, writeNewEntry } from './doc-model.js';
import { restrictedDocName, sharedDocName } from './doc-names.js';
import { parseClientMessage } from './protocol.js';
import { createRoomManager, type RoomManager } from './room-manager.js';
import { openSqliteStore } from '@mac/db';
import { createClient, createTestBusHub, localWrite, startSyncServer, waitForSync, type TestSyncServer } from './testing.js';
import type { Persistence } from './persistence.js';

const police = buildPrincipal({ id: 'police-1', agency: 'thames-valley-police', name: 'Pat Police' });
const WAIT = { timeout: 10_000, interval: 20 };
const silent = { info: () => {}, warn: () => {}, error: () => {} };
const sorted = (entries: Entry[]) => [...entries].sort((a, b) => a.id.localeCompare(b.id));
const entryBy = (principal: Principal, overrides: Partial<Entry> = {}) => buildEntry({ id: randomUUID(), agency: principal.agency, authorId: principal.id, ...overrides });

let server: TestSyncServer;
/** Set by a test that closed `server` itself (it shared a store it had to close after). */
let serverClosed = false;
const extra: RoomManager[] = [];

afterEach(async () => {
  for (const m of extra.splice(0)) await m.destroy();
  if (!serverClosed) await server.close();
  serverClosed = false;
});

/** `n` entries written one REST-like write (one log row) each; returns them. */
async function write(manager: RoomManager, docName: string, n: number, principal = police, overrides: Partial<Entry> = {}): Promise<Entry[]> {
  const entries = Array.from({ length: n }, () => entryBy(principal, overrides));
  for (const e of entries) await manager.submitLocal(docName, localWrite(principal), (doc) => writeNewEntry(doc, e));
  return entries;
}

/** Waits until the manager has unloaded every room (their idle time is short in these tests). */
const unloaded = () => vi.waitFor(() => expect(server.manager.stats().rooms).toBe(0), WAIT);

const stateOf = async (docName: string) => {
  const doc = await server.replay(docName);
  return { entries: sorted(readEntries(doc)), vector: Y.encodeStateVector(doc) };
};

describe('automatic compaction', () => {
  it('a room that unloads compacts its log once it has grown past the policy, and not before', async () => {
    server = await startSyncServer({ idleUnloadMs: 100, compaction: { afterUpdates: 5, afterBytes: 1e9, quietMs: 60_000 } });
    const docName = sharedDocName(randomUUID());
    await write(server.manager, docName, 4);
    await unloaded();
    // Time for a compaction to run, were one (wrongly) started.
    await new Promise((resolve) => setTimeout(resolve, 200));
    // Four rows: below the policy, left as they are.
    expect(await server.storedCount(docName)).toBe(4);
    await write(server.manager, docName, 2);
    const before = await stateOf(docName);
    // Loaded 4 rows (3 beyond the first) and stored 2: due at 5, compacted as the room unloads.
    await vi.waitFor(async () => expect(await server.storedCount(docName)).toBe(1), WAIT);
    const after = await stateOf(docName);
    expect(after.entries).toEqual(before.entries);
    expect(after.entries).toHaveLength(6);
    expect(after.vector).toEqual(before.vector);
  });

  it('a load that replays a grown log merges it off the event loop, answers a new client with the merge, and stores it in place of the rows', async () => {
    server = await startSyncServer({ compaction: false });
    const docName = sharedDocName(randomUUID());
    const entries = await write(server.manager, docName, 12);
    for (let i = 0; i < 6; i++) await server.manager.submitLocal(docName, localWrite(police), (doc) => amendEntry(doc, entries[i]!.id, { summary: `Amended ${i}` }));
    await server.restartManager();
    // Compaction off: nothing merged at the restart.
    expect(await server.storedCount(docName)).toBe(18);
    const before = await stateOf(docName);
    // A log this short and small is not merged at load by default (room-load.ts): here it is.
    const manager = createRoomManager({ persistence: server.persistence, compaction: { afterUpdates: 10 }, pingIntervalMs: 0, log: silent, loadShortcuts: { answerRowsMax: 0, encodeMaxBytes: 0 } });
    extra.push(manager);
    const room = await manager.room(docName);
    // The answer to a new client: exactly the stored state, gc'd as the live document is (no encoding needed).
    expect(room.fullStateMessages()).toHaveLength(1);
    const answer = parseClientMessage(room.fullStateMessages()[0]!);
    if (answer.type !== 'sync-step-2') throw new Error(`expected sync step 2, got ${answer.type}`);
    const client = new Y.Doc();
    Y.applyUpdate(client, answer.update);
    expect(sorted(readEntries(client))).toEqual(before.entries);
    expect(Y.encodeStateVector(client)).toEqual(Y.encodeStateVector(room.live));
    expect(answer.update.byteLength).toBeLessThanOrEqual(Y.encodeStateAsUpdate(room.live).byteLength);
    await vi.waitFor(async () => expect(await server.storedCount(docName)).toBe(1), WAIT);
    const stored = await server.persistence.load(docName);
    expect(stored[0]).toEqual(answer.update);
    expect((await stateOf(docName)).entries).toEqual(before.entries);
  });

  it('a log below the policy is not merged at load', async () => {
    server = await startSyncServer({ compaction: false });
    const docName = sharedDocName(randomUUID());
    await write(server.manager, docName, 5);
    await server.restartManager();
    const manager = createRoomManager({ persistence: server.persistence, compaction: { afterUpdates: 10 }, pingIntervalMs: 0, log: silent });
    extra.push(manager);
    await manager.room(docName);
    await manager.flush();
    await new Promise((resolve) => setTimeout(resolve, 100));
    expect(await server.storedCount(docName)).toBe(5);
  });

  it('a quiet spell compacts a due document while its room stays open; a write stored meanwhile stays after the merged row', async () => {
    let writeDuring: (() => Promise<unknown>) | null = null;
    server = await startSyncServer({
      compaction: { afterUpdates: 3, afterBytes: 1e9, quietMs: 50 },
      wrapPersistence: (base): Persistence => ({
        ...base,
        // Between the read of the rows and their replacement: another write is stored.
        compact: async (docName, merged, uptoSeq) => {
          const during = writeDuring;
          writeDuring = null;
          await during?.();
          await base.compact!(docName, merged, uptoSeq);
        },
      }),
    });
    const docName = sharedDocName(randomUUID());
    const late = entryBy(police, { summary: 'Stored while the compaction ran' });
    writeDuring = () => server.manager.submitLocal(docName, localWrite(police), (doc) => writeNewEntry(doc, late));
    const entries = await write(server.manager, docName, 3);
    await vi.waitFor(async () => expect(writeDuring).toBeNull(), WAIT);
    await vi.waitFor(async () => expect(await server.storedCount(docName)).toBe(2), WAIT);
    const after = await stateOf(docName);
    expect(after.entries.map((e) => e.id).sort()).toEqual([...entries, late].map((e) => e.id).sort());
    // The room never unloaded: its live document still holds the same.
    expect(sorted(readEntries((await server.manager.room(docName)).live))).toEqual(after.entries);
  });

  it('compacts each document on its own: restricted documents and client owners are kept', async () => {
    server = await startSyncServer({ idleUnloadMs: 100, compaction: { afterUpdates: 3, afterBytes: 1e9, quietMs: 60_000 } });
    const chronologyId = randomUUID();
    const shared = sharedDocName(chronologyId);
    const restricted = restrictedDocName(chronologyId, police.agency);
    // The shared document written from a browser (its Yjs client id is recorded as the writer's).
    const browser = createClient(server, shared, police);
    await waitForSync(browser.provider);
    for (let i = 0; i < 4; i++) writeNewEntry(browser.doc, entryBy(police));
    await vi.waitFor(async () => expect(await server.storedCount(shared)).toBe(4), WAIT);
    const browserClient = browser.doc.clientID;
    browser.destroy();
    await write(server.manager, restricted, 2, police, { restricted: true });
    const owners = { shared: await server.persistence.loadClientOwners!(shared), restricted: await server.persistence.loadClientOwners!(restricted) };
    const before = { shared: await stateOf(shared), restricted: await stateOf(restricted) };
    await vi.waitFor(async () => expect(await server.storedCount(shared)).toBe(1), WAIT);
    await unloaded();
    // Two rows: not due, untouched.
    expect(await server.storedCount(restricted)).toBe(2);
    expect(await stateOf(shared)).toEqual(before.shared);
    expect(await stateOf(restricted)).toEqual(before.restricted);
    expect(await server.persistence.loadClientOwners!(shared)).toEqual(owners.shared);
    expect(await server.persistence.loadClientOwners!(restricted)).toEqual(owners.restricted);
    expect(owners.shared.get(browserClient)).toBe(police.id);
  });

  it('a stop starts no compaction (the next load finds the log still due and stores its merge)', async () => {
    server = await startSyncServer({ compaction: { afterUpdates: 3, afterBytes: 1e9, quietMs: 60_000 } });
    const docName = sharedDocName(randomUUID());
    await write(server.manager, docName, 4);
    await server.restartManager();
    expect(await server.storedCount(docName)).toBe(4);
    await server.manager.room(docName);
    await vi.waitFor(async () => expect(await server.storedCount(docName)).toBe(1), WAIT);
  });

  it('a compaction that fails loses nothing, and the next chance tries again', async () => {
    let failures = 1;
    server = await startSyncServer({
      idleUnloadMs: 100,
      compaction: { afterUpdates: 3, afterBytes: 1e9, quietMs: 60_000 },
      wrapPersistence: (base): Persistence => ({
        ...base,
        compact: async (docName, merged, uptoSeq) => {
          if (failures-- > 0) throw new Error('disk full');
          await base.compact!(docName, merged, uptoSeq);
        },
      }),
    });
    const docName = sharedDocName(randomUUID());
    await write(server.manager, docName, 4);
    const before = await stateOf(docName);
    // The room unloads, its compaction fails.
    await vi.waitFor(() => expect(failures).toBe(0), WAIT);
    await unloaded();
    expect(await server.storedCount(docName)).toBe(4);
    // Loaded again: still due, so the load's merge is stored.
    await server.manager.room(docName);
    await vi.waitFor(async () => expect(await server.storedCount(docName)).toBe(1), WAIT);
    expect(await stateOf(docName)).toEqual(before);
  });
});

describe('automatic compaction on several nodes (one store, a bus between them)', () => {
  it('a node compacts what it read; the other node’s write stored meanwhile stays after the merged row, and both nodes go on', async () => {
    const dir = mkdtempSync(join(tmpdir(), 'mac-compact-nodes-'));
    const store = await openSqliteStore({ dataDir: dir }, { auditKey: new Uint8Array(randomBytes(32)), thread: 'inline' });
    const hub = createTestBusHub({ catchUpEveryMs: 10_000 });
    const docName = sharedDocName(randomUUID());
    const fromB = entryBy(police, { summary: 'Written on node B during the compaction' });
    let duringCompaction: (() => Promise<unknown>) | null = null;
    // Only node A compacts by itself; B writes between A's read of the rows and their replacement.
    const b = await startSyncServer({ store, bus: hub.bus('node-b'), compaction: false });
    server = await startSyncServer({
      store,
      bus: hub.bus('node-a'),
      idleUnloadMs: 100,
      compaction: { afterUpdates: 3, afterBytes: 1e9, quietMs: 60_000 },
      wrapPersistence: (base): Persistence => ({
        ...base,
        compact: async (name, merged, uptoSeq) => {
          const during = duringCompaction;
          duringCompaction = null;
          await during?.();
          await base.compact!(name, merged, uptoSeq);
        },
      }),
    });
    try {
      const onB = createClient(b, docName, police);
      await waitForSync(onB.provider);
      const written = await write(server.manager, docName, 4);
      await vi.waitFor(() => expect(readEntries(onB.doc)).toHaveLength(4), WAIT);
      duringCompaction = () => b.manager.submitLocal(docName, localWrite(police), (doc) => writeNewEntry(doc, fromB));
      // Node A's room unloads (nobody is connected to it): its log is due, and compacted.
      await vi.waitFor(async () => expect((await store.repos.updateLog.load(docName)).map((row) => row.docSeq)).toEqual([4, 5]), WAIT);
      expect(duringCompaction).toBeNull();
      const all = [...written, fromB].map((e) => e.id).sort();
      expect((await stateOf(docName)).entries.map((e) => e.id)).toEqual(all);
      // Node B goes on writing on top, and a new client on node A loads everything.
      const last = entryBy(police);
      await b.manager.submitLocal(docName, localWrite(police), (doc) => writeNewEntry(doc, last));
      const onA = createClient(server, docName, police);
      await waitForSync(onA.provider);
      await vi.waitFor(() => expect(readEntries(onA.doc).map((e) => e.id).sort()).toEqual([...all, last.id].sort()), WAIT);
      await vi.waitFor(() => expect(readEntries(onB.doc).map((e) => e.id).sort()).toEqual([...all, last.id].sort()), WAIT);
      onA.destroy();
      onB.destroy();
    } finally {
      // Both servers before the store they share.
      await b.close();
      await server.close();
      serverClosed = true;
      await store.close();
      rmSync(dir, { recursive: true, force: true });
    }
  });
});
