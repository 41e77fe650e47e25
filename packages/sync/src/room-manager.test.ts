import { randomUUID } from 'node:crypto';
import { afterEach, beforeEach, describe, expect, it, vi } from 'vitest';
import * as Y from 'yjs';
import { buildEntry, buildPrincipal } from '@mac/domain/testing';
import type { Entry, Principal } from '@mac/domain';
import { CLOSE } from './close-codes.js';
import { amendEntry, getEntriesMap, readEntries, readEntry, writeNewEntry } from './doc-model.js';
import { restrictedDocName, sharedDocName } from './doc-names.js';
import { UpdateRefusedError } from './errors.js';
import { parseClientMessage } from './protocol.js';
import { conversionClientId, hasOldShape } from './doc-shape.js';
import { createClient, startSyncServer, waitForSync, oldShapeLog, objectShapeLog, writeObjectShapeEntry, writeOldShapeEntry, type TestClient, type TestSyncServer, localWrite } from './testing.js';

const police = buildPrincipal({ id: 'police-1', agency: 'thames-valley-police', name: 'Pat Police' });
const police2 = buildPrincipal({ id: 'police-2', agency: 'thames-valley-police', name: 'Priya Police' });
const school = buildPrincipal({ id: 'school-1', agency: 'northway-primary', name: 'Sam School' });

function entryBy(principal: Principal, overrides: Partial<Entry> = {}): Entry {
  return buildEntry({ id: randomUUID(), agency: principal.agency, authorId: principal.id, ...overrides });
}

const sorted = (entries: Entry[]) => [...entries].sort((a, b) => a.id.localeCompare(b.id));
const WAIT = { timeout: 5_000, interval: 10 };

let server: TestSyncServer;
let clients: TestClient[];
let docName: string;

function client(principal: Principal, opts: Parameters<typeof createClient>[3] = {}, name = docName): TestClient {
  const c = createClient(server, name, principal, opts);
  clients.push(c);
  return c;
}

beforeEach(async () => {
  server = await startSyncServer({ idleUnloadMs: 60_000 });
  clients = [];
  docName = sharedDocName(randomUUID());
});

afterEach(async () => {
  for (const c of clients) c.destroy();
  await server.close();
});

/** Starts `server` afresh with every document load held until the returned `release` is called. */
async function restartWithHeldLoads(): Promise<() => void> {
  await server.close();
  let release!: () => void;
  const loadGate = new Promise<void>((resolve) => (release = resolve));
  server = await startSyncServer({
    wrapPersistence: (base) => ({
      ...base,
      async load(name) {
        await loadGate;
        return base.load(name);
      },
      // What a room reads when the persistence numbers its rows (both of ours do).
      async loadSequenced(name) {
        await loadGate;
        return base.loadSequenced!(name);
      },
    }),
  });
  return release;
}
describe('collaboration', () => {
  it('three clients of two agencies converge, and the server holds the same state', async () => {
    const a = client(police);
    const b = client(police2);
    const c = client(school);
    await Promise.all([a, b, c].map((x) => waitForSync(x.provider)));
    const first = entryBy(police);
    writeNewEntry(a.doc, first);
    await vi.waitFor(() => expect(readEntry(b.doc, first.id)).toEqual(first), WAIT);
    amendEntry(b.doc, first.id, { summary: 'Amended by a colleague' });
    const theirs = entryBy(school);
    writeNewEntry(c.doc, theirs);
    await vi.waitFor(() => {
      for (const x of [a, b, c]) {
        expect(readEntry(x.doc, first.id)?.summary).toBe('Amended by a colleague');
        expect(readEntry(x.doc, theirs.id)).toEqual(theirs);
      }
    }, WAIT);
    expect(sorted(readEntries((await server.manager.room(docName)).live))).toEqual(sorted(readEntries(a.doc)));
    expect(a.closes).toEqual([]);
  });

  it('offline edits of other entries merge on reconnect', async () => {
    const existing = entryBy(police);
    const other = entryBy(police);
    await server.manager.submitLocal(docName, localWrite(police), (doc) => {
      writeNewEntry(doc, existing);
      writeNewEntry(doc, other);
    });
    const a = client(police);
    const b = client(police2);
    await Promise.all([waitForSync(a.provider), waitForSync(b.provider)]);
    a.provider.disconnect();
    const offline = entryBy(police, { summary: 'Written on the train' });
    writeNewEntry(a.doc, offline);
    amendEntry(a.doc, other.id, { detail: 'Detail added offline' });
    amendEntry(b.doc, existing.id, { summary: 'Summary changed online' });
    await vi.waitFor(async () => expect(readEntry((await server.manager.room(docName)).live, existing.id)?.summary).toBe('Summary changed online'), WAIT);
    a.provider.connect();
    await vi.waitFor(() => {
      for (const x of [a, b]) {
        expect(readEntry(x.doc, offline.id)).toEqual(offline);
        expect(readEntry(x.doc, other.id)).toMatchObject({ detail: 'Detail added offline' });
        expect(readEntry(x.doc, existing.id)).toMatchObject({ summary: 'Summary changed online' });
      }
    }, WAIT);
    expect(a.closes.filter((c) => c.code >= 4000)).toEqual([]);
  });

  it('an offline change to an entry a colleague changed meanwhile is refused with a reason, never silently undone', async () => {
    const existing = entryBy(police);
    await server.manager.submitLocal(docName, localWrite(police), (doc) => writeNewEntry(doc, existing));
    const a = client(police);
    const b = client(police2);
    await Promise.all([waitForSync(a.provider), waitForSync(b.provider)]);
    a.provider.disconnect();
    amendEntry(a.doc, existing.id, { detail: 'Detail added offline' });
    amendEntry(b.doc, existing.id, { summary: 'Summary changed online' });
    await vi.waitFor(async () => expect(readEntry((await server.manager.room(docName)).live, existing.id)?.summary).toBe('Summary changed online'), WAIT);
    const logBefore = await server.storedCount(docName);
    a.provider.connect();
    await vi.waitFor(() => expect(a.closes[0]).toMatchObject({ code: CLOSE.UPDATE_REFUSED, reason: expect.stringMatching(/changed this entry meanwhile/) }), WAIT);
    // The colleague's change stands, whole; nothing of the refused one was stored.
    expect(readEntry((await server.manager.room(docName)).live, existing.id)).toMatchObject({ summary: 'Summary changed online', detail: existing.detail });
    expect(await server.storedCount(docName)).toBe(logBefore);
  });

  it.each([
    ['a nested map', oldShapeLog],
    ['a plain object', objectShapeLog],
  ])('a document of an older shape (%s per entry) is converted once as it loads: stored in place of its log, every entry kept', async (_shape, logOf) => {
    // The log of a document written by older code, one of its entries amended.
    const first = entryBy(police);
    const second = entryBy(school, { summary: 'Before' });
    const { doc: old, updates } = logOf([{ fields: first }, { fields: second, amend: { summary: 'After' } }]);
    await server.store.appendUpdates(updates.map((update) => ({ docName, update, claims: [], principalId: police.id })));
    const expected = sorted(readEntries(old));
    expect(expected.find((e) => e.id === second.id)?.summary).toBe('After');

    const reader = client(school);
    await waitForSync(reader.provider);
    expect(sorted(readEntries(reader.doc))).toEqual(expected);
    expect(hasOldShape(reader.doc)).toBe(false);
    for (const value of getEntriesMap(reader.doc).values()) expect(typeof value).toBe('string');
    // One update, of today's shape, in place of the old log; loading it again converts nothing.
    expect(await server.storedCount(docName)).toBe(1);
    const stored = await server.replay(docName);
    expect(hasOldShape(stored)).toBe(false);
    expect(sorted(readEntries(stored))).toEqual(expected);
    await server.restartManager();
    expect(sorted(readEntries((await server.manager.room(docName)).live))).toEqual(expected);
    expect(await server.storedCount(docName)).toBe(1);
    // Writes go on as usual on the converted document.
    amendEntry(reader.doc, second.id, { detail: 'Written after the conversion' });
    await vi.waitFor(async () => expect(readEntry(await server.replay(docName), second.id)?.detail).toBe('Written after the conversion'), WAIT);
  });

  it('answers new clients with the whole state encoded once: the compacted update itself after a load, again after a write', async () => {
    const first = entryBy(police);
    await server.manager.submitLocal(docName, localWrite(police), (doc) => writeNewEntry(doc, first));
    await server.manager.compact(docName);
    const [stored] = (await server.store.repos.updateLog.load(docName)).map((row) => row.data);
    await server.restartManager();
    const room = await server.manager.room(docName);
    const messages = room.fullStateMessages();
    const [answer] = messages;
    expect(messages).toHaveLength(1);
    // The stored update, as it is, after the sync message's three header bytes (type, step, length).
    expect(answer!.subarray(answer!.length - stored!.length)).toEqual(stored);
    expect(room.fullStateMessages()).toBe(messages);
    const reader = client(school);
    await waitForSync(reader.provider);
    expect(readEntries(reader.doc)).toEqual([first]);
    // A write changes the answer: the next new client gets it too.
    const second = entryBy(police);
    await server.manager.submitLocal(docName, localWrite(police), (doc) => writeNewEntry(doc, second));
    expect(room.fullStateMessages()).not.toBe(messages);
    const later = client(school);
    await waitForSync(later.provider);
    expect(sorted(readEntries(later.doc))).toEqual(sorted([first, second]));
  });

  it('a page of the old code that reconnects with its old copy is refused (4426) and told to reload, nothing stored', async () => {
    const old = new Y.Doc();
    const updates: Uint8Array[] = [];
    old.on('update', (u: Uint8Array) => updates.push(u));
    const entry = entryBy(police);
    writeOldShapeEntry(old, entry);
    await server.store.appendUpdates(updates.map((update) => ({ docName, update, claims: [], principalId: police.id })));
    // The stale page holds the old document (and an offline change to it) when the server is upgraded.
    const stale = client(police, { doc: old });
    (getEntriesMap(old).get(entry.id) as Y.Map<unknown>).set('detail', 'Typed before the upgrade');
    await vi.waitFor(() => expect(stale.closes[0]).toMatchObject({ code: CLOSE.OUTDATED_CLIENT, reason: expect.stringMatching(/reload/) }), WAIT);
    expect(stale.provider.shouldConnect).toBe(false);
    expect(readEntry((await server.manager.room(docName)).live, entry.id)).toEqual(entry);
    expect(await server.storedCount(docName)).toBe(1);
  });

  it('a page of the previous code holding a document converted by the previous release is refused (4426) when it reconnects, with or without offline changes', async () => {
    // The previous release converted nested maps to objects under a client id derived from the name alone.
    let hash = 0x811c9dc5;
    for (let i = 0; i < docName.length; i++) hash = Math.imul(hash ^ docName.charCodeAt(i), 0x01000193) >>> 0;
    const old = new Y.Doc();
    old.clientID = hash;
    const updates: Uint8Array[] = [];
    old.on('update', (u: Uint8Array) => updates.push(u));
    const entry = entryBy(police);
    writeObjectShapeEntry(old, entry);
    await server.store.appendUpdates(updates.map((update) => ({ docName, update, claims: [], principalId: police.id })));
    const copy = new Y.Doc();
    Y.applyUpdate(copy, Y.encodeStateAsUpdate(old));
    // Converted afresh under another client id: the stale copy's structs are all unknown to the server,
    // so its first sync carries its objects and is refused, rather than silently kept beside the texts.
    expect(conversionClientId(docName)).not.toBe(hash);
    const stale = client(police, { doc: copy });
    await vi.waitFor(() => expect(stale.closes[0]).toMatchObject({ code: CLOSE.OUTDATED_CLIENT, reason: expect.stringMatching(/reload/) }), WAIT);
    const offline = client(police, { doc: old });
    writeObjectShapeEntry(old, { ...entry, detail: 'Typed before the upgrade' });
    await vi.waitFor(() => expect(offline.closes[0]).toMatchObject({ code: CLOSE.OUTDATED_CLIENT, reason: expect.stringMatching(/reload/) }), WAIT);
    expect(readEntry((await server.manager.room(docName)).live, entry.id)).toEqual(entry);
    expect(await server.storedCount(docName)).toBe(1);
  });

  it('a read-only connection receives the document and live changes', async () => {
    const reader = client(school, { readOnly: true });
    await waitForSync(reader.provider);
    const entry = entryBy(police);
    await server.manager.submitLocal(docName, localWrite(police), (doc) => writeNewEntry(doc, entry));
    await vi.waitFor(() => expect(readEntry(reader.doc, entry.id)).toEqual(entry), WAIT);
  });
});

describe('submitLocal (the REST write path)', () => {
  it('persists, broadcasts to connected clients and returns the changes', async () => {
    const a = client(school);
    await waitForSync(a.provider);
    const entry = entryBy(police);
    const changes = await server.manager.submitLocal(docName, localWrite(police), (doc) => writeNewEntry(doc, entry));
    expect(changes).toEqual([{ entryId: entry.id, kind: 'create', before: null, after: entry, fields: Object.keys(entry) }]);
    expect(readEntry(await server.replay(docName), entry.id)).toEqual(entry);
    await vi.waitFor(() => expect(readEntry(a.doc, entry.id)).toEqual(entry), WAIT);
    const withdrawal = await server.manager.submitLocal(docName, localWrite(police2), (doc) =>
      amendEntry(doc, entry.id, { status: 'withdrawn', withdrawnReason: 'Wrong family' }),
    );
    expect(withdrawal).toMatchObject([{ kind: 'withdraw', fields: ['status', 'withdrawnReason'], before: entry }]);
    await vi.waitFor(() => expect(readEntry(a.doc, entry.id)?.status).toBe('withdrawn'), WAIT);
  });

  it('refuses a write that breaks the rules with a typed error, storing nothing', async () => {
    const entry = entryBy(police);
    await server.manager.submitLocal(docName, localWrite(police), (doc) => writeNewEntry(doc, entry));
    const before = await server.storedCount(docName);
    let error: unknown;
    try {
      await server.manager.submitLocal(docName, localWrite(school), (doc) => amendEntry(doc, entry.id, { summary: 'Not yours' }));
    } catch (err) {
      error = err;
    }
    expect(error).toBeInstanceOf(UpdateRefusedError);
    expect(error).toMatchObject({ code: 'UPDATE_REFUSED', closeCode: CLOSE.UPDATE_REFUSED });
    expect(await server.storedCount(docName)).toBe(before);
    expect(readEntry((await server.manager.room(docName)).live, entry.id)?.summary).toBe(entry.summary);
    // The shadow was rebuilt: the next good write goes through.
    expect(await server.manager.submitLocal(docName, localWrite(police), (doc) => amendEntry(doc, entry.id, { summary: 'Mine' }))).toHaveLength(1);
  });

  it('a write that changes nothing stores nothing', async () => {
    const entry = entryBy(police);
    await server.manager.submitLocal(docName, localWrite(police), (doc) => writeNewEntry(doc, entry));
    const before = await server.storedCount(docName);
    expect(await server.manager.submitLocal(docName, localWrite(police), (doc) => amendEntry(doc, entry.id, { summary: entry.summary }))).toEqual([]);
    expect(await server.storedCount(docName)).toBe(before);
  });

  it('restricted entries go to their agency’s restricted document only', async () => {
    const restricted = entryBy(police, { restricted: true });
    const name = restrictedDocName(docName, 'thames-valley-police');
    expect(await server.manager.submitLocal(name, localWrite(police), (doc) => writeNewEntry(doc, restricted))).toHaveLength(1);
    await expect(server.manager.submitLocal(docName, localWrite(police), (doc) => writeNewEntry(doc, entryBy(police, { restricted: true })))).rejects.toThrow(UpdateRefusedError);
  });
});

describe('durability', () => {
  it('an update a client sees broadcast is already in the log', async () => {
    const writer = client(police);
    const watcher = client(school);
    await Promise.all([waitForSync(writer.provider), waitForSync(watcher.provider)]);
    const seenInLog: boolean[] = [];
    getEntriesMap(watcher.doc).observe(async (event) => {
      for (const id of event.keysChanged) seenInLog.push(readEntry(await server.replay(docName), id) !== undefined);
    });
    for (let i = 0; i < 5; i++) writeNewEntry(writer.doc, entryBy(police, { summary: `Entry ${i}` }));
    await vi.waitFor(() => expect(seenInLog).toHaveLength(5), WAIT);
    expect(seenInLog.every(Boolean)).toBe(true);
  });

  it('holds a write back from everyone (a REST write from its caller too) until its commit has resolved, and delivers in commit order', async () => {
    await server.close();
    // Each batch is really stored, then held until the test lets its promise resolve.
    const held: Array<() => void> = [];
    const batches: string[][] = [];
    server = await startSyncServer({
      wrapPersistence: (base) => ({
        ...base,
        async persistBatch(accepted) {
          const seqs = await base.persistBatch(accepted);
          batches.push(accepted.flatMap((a) => a.changes.map((c) => c.entryId)));
          await new Promise<void>((resolve) => held.push(resolve));
          return seqs;
        },
      }),
    });
    const writer = client(police);
    await waitForSync(writer.provider);
    // A member of the room beside the sockets: what the room broadcasts, in order, as it sends it.
    const room = await server.manager.room(docName);
    const sent: string[] = [];
    room.members.add({
      send(message) {
        const parsed = parseClientMessage(message);
        if (parsed.type !== 'update') return;
        const doc = new Y.Doc();
        Y.applyUpdate(doc, parsed.update);
        sent.push(...getEntriesMap(doc).keys());
      },
    });
    const first = entryBy(police);
    writeNewEntry(writer.doc, first);
    await vi.waitFor(() => expect(batches).toEqual([[first.id]]), WAIT);
    // Stored, not yet resolved: nobody has it, not even the live document.
    const second = entryBy(police);
    let secondDone = false;
    const rest = server.manager.submitLocal(docName, localWrite(police), (doc) => writeNewEntry(doc, second)).then((changes) => {
      secondDone = true;
      return changes;
    });
    await Promise.resolve();
    expect(sent).toEqual([]);
    expect(readEntry(room.live, first.id)).toBeUndefined();
    // The REST write waits for the batch in flight and goes in the next one.
    expect(batches).toHaveLength(1);
    held.shift()!();
    await vi.waitFor(() => expect(batches).toEqual([[first.id], [second.id]]), WAIT);
    expect(sent).toEqual([first.id]);
    expect(readEntry(room.live, first.id)).toEqual(first);
    expect(readEntry(room.live, second.id)).toBeUndefined();
    expect(secondDone).toBe(false);
    held.shift()!();
    expect((await rest).map((c) => c.entryId)).toEqual([second.id]);
    expect(sent).toEqual([first.id, second.id]);
    expect(readEntry(room.live, second.id)).toEqual(second);
  });

  it('the persisted log replays to the same state, also after the room is unloaded and loaded again', async () => {
    const a = client(police);
    await waitForSync(a.provider);
    const entry = entryBy(police);
    writeNewEntry(a.doc, entry);
    for (let i = 0; i < 10; i++) amendEntry(a.doc, entry.id, { detail: `revision ${i}` });
    await vi.waitFor(async () => expect(readEntry(await server.replay(docName), entry.id)?.detail).toBe('revision 9'), WAIT);
    const live = (await server.manager.room(docName)).live;
    const replayed = await server.replay(docName);
    expect(Y.encodeStateVector(replayed)).toEqual(Y.encodeStateVector(live));
    expect(readEntries(replayed)).toEqual(readEntries(live));
    a.destroy();
    await vi.waitFor(() => expect(server.manager.stats().connections).toBe(0), WAIT);
    const unloaded = await server.manager.unloadIdle();
    expect(unloaded).toBe(0); // not idle long enough yet (60 s)
  });

  it('a failure to store closes the writer with SERVER_ERROR and broadcasts nothing', async () => {
    await server.close();
    let failNext = false;
    server = await startSyncServer({
      wrapPersistence: (base) => ({
        ...base,
        async persistBatch(accepted) {
          if (failNext) {
            failNext = false;
            throw new Error('disk full');
          }
          return base.persistBatch(accepted);
        },
      }),
    });
    const writer = client(police);
    const watcher = client(school);
    await Promise.all([waitForSync(writer.provider), waitForSync(watcher.provider)]);
    failNext = true;
    const lost = entryBy(police);
    writeNewEntry(writer.doc, lost);
    await vi.waitFor(() => expect(writer.closes[0]?.code).toBe(CLOSE.SERVER_ERROR), WAIT);
    const sentinel = entryBy(police);
    await server.manager.submitLocal(docName, localWrite(police), (doc) => writeNewEntry(doc, sentinel));
    await vi.waitFor(() => expect(readEntry(watcher.doc, sentinel.id)).toBeDefined(), WAIT);
    expect(readEntry(watcher.doc, lost.id)).toBeUndefined();
    // 4500 is transient: the stock client reconnects and offers the entry again, which is then stored.
    await vi.waitFor(async () => expect(readEntry(await server.replay(docName), lost.id)).toEqual(lost), WAIT);
    await vi.waitFor(() => expect(readEntry(watcher.doc, lost.id)).toEqual(lost), WAIT);
  });
});

describe('a room that takes time to load', () => {
  it('answers the sync requests and keeps the writes its clients sent while it was loading', async () => {
    // As with SQLite on its worker thread or PostgreSQL: the log arrives a while after the client's
    // handshake (and first edit) are already on the socket.
    const release = await restartWithHeldLoads();
    const writer = client(police);
    const watcher = client(school);
    await vi.waitFor(() => expect(writer.provider.wsconnected && watcher.provider.wsconnected).toBe(true), WAIT);
    const early = entryBy(police);
    writeNewEntry(writer.doc, early);
    expect(writer.provider.synced || watcher.provider.synced).toBe(false);
    release();
    await Promise.all([waitForSync(writer.provider), waitForSync(watcher.provider)]);
    await vi.waitFor(() => expect(readEntry(watcher.doc, early.id)).toEqual(early), WAIT);
    await vi.waitFor(async () => expect(readEntry(await server.replay(docName), early.id)).toEqual(early), WAIT);
    expect(writer.closes).toEqual([]);
  });

  it('an access check sees and closes a connection whose room is still loading: it never joins the room', async () => {
    // An end of access announced by another node while a socket's room loads (cluster/revocations.ts): the
    // sweep asks `contexts()` and closes through `closeConnections`. A CI run lost such a close: the socket
    // was not yet among the live connections and joined the room afterwards, still open.
    const release = await restartWithHeldLoads();
    const ended = client(police);
    const stays = client(school);
    await vi.waitFor(() => expect(ended.provider.wsconnected && stays.provider.wsconnected).toBe(true), WAIT);
    await vi.waitFor(() => expect(server.manager.contexts().map((c) => c.principal.id).sort()).toEqual([police.id, school.id].sort()), WAIT);
    // (The client must not come back by itself: a new socket would be a new connection, checked at its upgrade.)
    ended.provider.shouldConnect = false;
    expect(server.manager.closeConnections((ctx) => ctx.principal.id === police.id, CLOSE.UNAUTHENTICATED, 'Your session has ended')).toBe(1);
    await vi.waitFor(() => expect(ended.closes.map((c) => c.code)).toContain(CLOSE.UNAUTHENTICATED), WAIT);
    release();
    await waitForSync(stays.provider);
    expect(server.manager.contexts().map((c) => c.principal.id)).toEqual([school.id]);
    expect(server.manager.connections()).toHaveLength(1);
  });
});

describe('compaction', () => {
  it('keeps the state identical, shrinks the row count, and later writes still replay', async () => {
    const a = client(police);
    await waitForSync(a.provider);
    const entries = Array.from({ length: 5 }, (_, i) => entryBy(police, { summary: `Entry ${i}` }));
    for (const e of entries) writeNewEntry(a.doc, e);
    for (let i = 0; i < 20; i++) amendEntry(a.doc, entries[i % 5]!.id, { detail: `detail ${i}` });
    await vi.waitFor(async () => expect(await server.storedCount(docName)).toBe(25), WAIT);
    const before = await server.replay(docName);
    const result = await server.manager.compact(docName);
    expect(result.bytes).toBeGreaterThan(0);
    expect(await server.storedCount(docName)).toBe(1);
    const after = await server.replay(docName);
    expect(Y.encodeStateVector(after)).toEqual(Y.encodeStateVector(before));
    expect(sorted(readEntries(after))).toEqual(sorted(readEntries(before)));
    amendEntry(a.doc, entries[0]!.id, { summary: 'After compaction' });
    await vi.waitFor(async () => expect(readEntry(await server.replay(docName), entries[0]!.id)?.summary).toBe('After compaction'), WAIT);
    expect(await server.storedCount(docName)).toBe(2);
  });

  it('compacts a document that is not loaded, touching no other document', async () => {
    const other = sharedDocName(randomUUID());
    await server.manager.submitLocal(other, localWrite(police), (doc) => writeNewEntry(doc, entryBy(police)));
    for (let i = 0; i < 3; i++) await server.manager.submitLocal(docName, localWrite(police), (doc) => writeNewEntry(doc, entryBy(police)));
    await server.restartManager();
    await server.manager.compact(docName);
    expect(await server.storedCount(docName)).toBe(1);
    expect(await server.storedCount(other)).toBe(1);
    expect(readEntries(await server.replay(docName))).toHaveLength(3);
    expect(readEntries(await server.replay(other))).toHaveLength(1);
  });
});

describe('lifecycle', () => {
  it('rooms with no connections unload after idleUnloadMs, and load again from the log', async () => {
    await server.close();
    server = await startSyncServer({ idleUnloadMs: 50 });
    const a = client(police);
    await waitForSync(a.provider);
    const entry = entryBy(police);
    writeNewEntry(a.doc, entry);
    await vi.waitFor(async () => expect(await server.storedCount(docName)).toBe(1), WAIT);
    expect(server.manager.stats()).toEqual({ rooms: 1, connections: 1 });
    a.provider.disconnect();
    await vi.waitFor(() => expect(server.manager.stats()).toEqual({ rooms: 0, connections: 0 }), WAIT);
    const b = client(school);
    await waitForSync(b.provider);
    expect(readEntry(b.doc, entry.id)).toEqual(entry);
  });

  it('lets the shadow copy go after a quiet spell, and builds it again for the next write, rules intact', async () => {
    await server.close();
    // Long enough that the check right after the first delivery still finds the shadow on a loaded machine
    // (100 ms was not, once), short enough to wait for.
    server = await startSyncServer({ limits: { shadowIdleMs: 1_500 } });
    const a = client(police);
    const b = client(school);
    await Promise.all([waitForSync(a.provider), waitForSync(b.provider)]);
    const room = await server.manager.room(docName);
    expect(room.shadowLoaded).toBe(false); // readers only: no shadow
    const first = entryBy(police);
    writeNewEntry(a.doc, first);
    await vi.waitFor(() => expect(readEntry(b.doc, first.id)).toEqual(first), WAIT);
    expect(room.shadowLoaded).toBe(true);
    await vi.waitFor(() => expect(room.shadowLoaded).toBe(false), WAIT);
    // Built again from live: a good write goes through, a forbidden one is still refused.
    const second = entryBy(police);
    writeNewEntry(a.doc, second);
    await vi.waitFor(() => expect(readEntry(b.doc, second.id)).toEqual(second), WAIT);
    amendEntry(b.doc, first.id, { summary: 'Not the school’s to change' });
    await vi.waitFor(() => expect(b.closes[0]?.code).toBe(CLOSE.UPDATE_REFUSED), WAIT);
    expect(readEntry(room.live, first.id)).toEqual(first);
  });

  it('unloadIdle unloads by the injected clock', async () => {
    await server.close();
    let t = 1_000;
    server = await startSyncServer({ idleUnloadMs: 10_000, now: () => t });
    await server.manager.submitLocal(docName, localWrite(police), (doc) => writeNewEntry(doc, entryBy(police)));
    expect(await server.manager.unloadIdle()).toBe(0);
    t += 10_000;
    expect(await server.manager.unloadIdle()).toBe(1);
    expect(server.manager.stats().rooms).toBe(0);
  });

  it('closeConnections closes the matching connections within a second, and only those', async () => {
    const a = client(police);
    const b = client(police2);
    const c = client(school);
    await Promise.all([a, b, c].map((x) => waitForSync(x.provider)));
    const started = Date.now();
    const count = server.manager.closeConnections((ctx) => ctx.principal.agency === 'thames-valley-police', CLOSE.FORBIDDEN, 'Your agency is no longer a member');
    expect(count).toBe(2);
    await vi.waitFor(() => {
      expect(a.closes[0]).toEqual({ code: CLOSE.FORBIDDEN, reason: 'Your agency is no longer a member' });
      expect(b.closes[0]?.code).toBe(CLOSE.FORBIDDEN);
    }, WAIT);
    expect(Date.now() - started).toBeLessThan(1_000);
    expect(server.manager.connections().map((x) => x.principalId)).toEqual([school.id]);
    expect(c.closes).toEqual([]);
  });

  it('limits the connections of one principal', async () => {
    await server.close();
    server = await startSyncServer({ limits: { maxConnectionsPerPrincipal: 2 } });
    const [a, b, c] = [client(police), client(police), client(police)];
    await vi.waitFor(() => {
      const all = [a, b, c].flatMap((x) => x.closes.map((e) => e.code));
      expect(all).toEqual([CLOSE.TOO_MANY_CONNECTIONS]);
    }, WAIT);
    expect(server.manager.stats().connections).toBe(2);
  });
});
