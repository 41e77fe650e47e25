// Two nodes' room managers on ONE store (a SQLite file: the conflict check is the same unit of work as on
// PostgreSQL) with a bus between them that can lose messages and go down (createTestBusHub; the Redis one
// is tested with two real server processes in apps/server/src/cluster/two-nodes.test.ts). Stock y-websocket
// clients on both.
import { randomBytes, randomUUID } from 'node:crypto';
import { mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterEach, beforeEach, describe, expect, it, vi } from 'vitest';
import * as Y from 'yjs';
import { openSqliteStore, type SqliteStore } from '@mac/db';
import { buildEntry, buildPrincipal } from '@mac/domain/testing';
import type { Entry, Principal } from '@mac/domain';
import { CLOSE } from './close-codes.js';
import { amendEntry, readEntries, readEntry, writeNewEntry } from './doc-model.js';
import { hasOldShape } from './doc-shape.js';
import { sharedDocName } from './doc-names.js';
import { UpdateRefusedError } from './errors.js';
import { updateMessage } from './protocol.js';
import { createClient, createTestBusHub, localWrite, rawSocket, startSyncServer, waitForSync, oldShapeLog, type TestBusHub, type TestClient, type TestSyncServer } from './testing.js';
import type { Persistence, RefusedUpdate } from './persistence.js';

const police = buildPrincipal({ id: 'police-1', agency: 'thames-valley-police' });
const school = buildPrincipal({ id: 'school-1', agency: 'northway-primary' });
const WAIT = { timeout: 5_000, interval: 20 };

let dir: string;
let store: SqliteStore;
let hub: TestBusHub;
let a: TestSyncServer;
let b: TestSyncServer;
let clients: TestClient[];
let refusals: RefusedUpdate[];
let docName: string;

const withRefusals = (base: Persistence): Persistence => ({ ...base, onRefused: (r) => refusals.push(r) });

beforeEach(async () => {
  dir = mkdtempSync(join(tmpdir(), 'mac-cluster-'));
  store = await openSqliteStore({ dataDir: dir }, { auditKey: new Uint8Array(randomBytes(32)), thread: 'inline' });
  // Catch-up while the bus is down: every 10 s here, so that tests decide when a node catches up.
  hub = createTestBusHub({ catchUpEveryMs: 10_000 });
  refusals = [];
  a = await startSyncServer({ store, bus: hub.bus('node-a'), wrapPersistence: withRefusals });
  b = await startSyncServer({ store, bus: hub.bus('node-b'), wrapPersistence: withRefusals });
  clients = [];
  docName = sharedDocName(randomUUID());
});

afterEach(async () => {
  for (const c of clients) c.destroy();
  await a.close();
  await b.close();
  await store.close();
  rmSync(dir, { recursive: true, force: true });
});

function entryBy(principal: Principal, overrides: Partial<Entry> = {}): Entry {
  return buildEntry({ id: randomUUID(), agency: principal.agency, authorId: principal.id, ...overrides });
}

function client(server: TestSyncServer, principal: Principal): TestClient {
  const c = createClient(server, docName, principal);
  clients.push(c);
  return c;
}

const ids = (doc: Y.Doc) => readEntries(doc).map((e) => e.id).sort();

async function storedIds(): Promise<string[]> {
  const doc = new Y.Doc();
  for (const row of await store.repos.updateLog.load(docName)) Y.applyUpdate(doc, row.data);
  return ids(doc);
}

describe('live rooms across nodes (the bus and the store between two room managers)', () => {
  it('writers on both nodes: every client, both rooms and the store end with the same entries; numbers have no gaps', async () => {
    const onA = [client(a, police), client(a, school)];
    const onB = [client(b, police), client(b, school)];
    await Promise.all([...onA, ...onB].map((c) => waitForSync(c.provider)));
    const written: string[] = [];
    for (let round = 0; round < 5; round++) {
      for (const c of [...onA, ...onB]) {
        const entry = entryBy(c === onA[0] || c === onB[0] ? police : school);
        written.push(entry.id);
        writeNewEntry(c.doc, entry);
      }
      await new Promise((resolve) => setTimeout(resolve, 5));
    }
    written.sort();
    await vi.waitFor(async () => {
      for (const c of [...onA, ...onB]) expect(ids(c.doc)).toEqual(written);
      expect(ids((await a.manager.room(docName)).live)).toEqual(written);
      expect(ids((await b.manager.room(docName)).live)).toEqual(written);
      expect(await storedIds()).toEqual(written);
    }, WAIT);
    const seqs = (await store.repos.updateLog.load(docName)).map((row) => row.docSeq);
    expect(seqs).toEqual(seqs.map((_, i) => i + 1));
    expect(refusals).toEqual([]);
  });

  it('a write on node A appears on node B’s clients; lost messages are read from the store at the next one', async () => {
    const watcher = client(b, school);
    await waitForSync(watcher.provider);
    hub.dropNext(2);
    const first = entryBy(police);
    const second = entryBy(police);
    await a.manager.submitLocal(docName, localWrite(police), (doc) => writeNewEntry(doc, first));
    await a.manager.submitLocal(docName, localWrite(police), (doc) => writeNewEntry(doc, second));
    // Both announcements were lost: B has not seen them yet. The third one shows B the gap.
    expect(readEntry((await b.manager.room(docName)).live, first.id)).toBeUndefined();
    const third = entryBy(police);
    await a.manager.submitLocal(docName, localWrite(police), (doc) => writeNewEntry(doc, third));
    await vi.waitFor(() => expect(ids(watcher.doc)).toEqual([first.id, second.id, third.id].sort()), WAIT);
  });

  it('a client moving from node A to node B brings a write A committed and sent it but never announced: B catches up, nothing is refused, the client’s own writes are stored', async () => {
    // A node killed between a commit (sent to its clients) and its announcement on the bus: the client that
    // moves to the other node carries that write in its document, inside its answer to B's sync request.
    const watcher = client(b, school);
    const mover = client(a, police);
    await Promise.all([waitForSync(watcher.provider), waitForSync(mover.provider)]);
    hub.dropNext(1);
    const unannounced = entryBy(school);
    await a.manager.submitLocal(docName, localWrite(school), (doc) => writeNewEntry(doc, unannounced));
    await vi.waitFor(() => expect(ids(mover.doc)).toContain(unannounced.id), WAIT);
    expect(readEntry((await b.manager.room(docName)).live, unannounced.id)).toBeUndefined();
    mover.provider.destroy();
    const own = entryBy(police);
    writeNewEntry(mover.doc, own); // written while between nodes: sent with the answer to B
    const moved = createClient(b, docName, police, { doc: mover.doc });
    clients.push(moved);
    await vi.waitFor(async () => expect(await storedIds()).toEqual([unannounced.id, own.id].sort()), WAIT);
    await vi.waitFor(() => expect(ids(watcher.doc)).toEqual([unannounced.id, own.id].sort()), WAIT);
    expect(moved.closes).toEqual([]);
    expect(refusals).toEqual([]);
  });

  it('with the bus down, writes stay durable and reach the other node’s clients by catch-up; nothing is lost when it returns', async () => {
    const watcher = client(b, school);
    await waitForSync(watcher.provider);
    hub.down();
    const during = [entryBy(police), entryBy(police)];
    for (const entry of during) await a.manager.submitLocal(docName, localWrite(police), (doc) => writeNewEntry(doc, entry));
    expect(ids(watcher.doc)).toEqual([]);
    expect(await storedIds()).toEqual(during.map((e) => e.id).sort());
    await b.manager.catchUp(); // what the bus's timer does every few seconds while it is down
    await vi.waitFor(() => expect(ids(watcher.doc)).toEqual(during.map((e) => e.id).sort()), WAIT);
    const lost = entryBy(police);
    await a.manager.submitLocal(docName, localWrite(police), (doc) => writeNewEntry(doc, lost));
    hub.up(); // every node catches up on its return
    await vi.waitFor(() => expect(ids(watcher.doc)).toEqual([...during, lost].map((e) => e.id).sort()), WAIT);
  });

  it('catchUp(docName) brings that one room up to date from the store at once, with the bus down (a reader that must see every commit)', async () => {
    const other = sharedDocName(randomUUID());
    await Promise.all([b.manager.room(docName), b.manager.room(other)]);
    hub.down();
    const here = entryBy(police);
    const there = entryBy(police);
    await a.manager.submitLocal(docName, localWrite(police), (doc) => writeNewEntry(doc, here));
    await a.manager.submitLocal(other, localWrite(police), (doc) => writeNewEntry(doc, there));
    expect(readEntry((await b.manager.room(docName)).live, here.id)).toBeUndefined();
    await b.manager.catchUp(docName);
    expect(readEntry((await b.manager.room(docName)).live, here.id)).toEqual(here);
    // Only the document asked for.
    expect(readEntry((await b.manager.room(other)).live, there.id)).toBeUndefined();
  });

  it('two agencies create the same entry id on two nodes: exactly one is accepted, the other refused (4409 / UpdateRefusedError) with one refusal record', async () => {
    await a.manager.room(docName);
    await b.manager.room(docName);
    hub.down(); // B does not hear of A's write before it inspects its own
    const id = randomUUID();
    const byPolice = entryBy(police, { id, summary: 'police' });
    const bySchool = entryBy(school, { id, summary: 'school' });
    await a.manager.submitLocal(docName, localWrite(police), (doc) => writeNewEntry(doc, byPolice));
    const refused = b.manager.submitLocal(docName, localWrite(school), (doc) => writeNewEntry(doc, bySchool));
    await expect(refused).rejects.toBeInstanceOf(UpdateRefusedError);
    expect(refusals.map((r) => [r.principal.id, r.code])).toEqual([[school.id, 'UPDATE_REFUSED']]);
    hub.up();
    // B caught up on the conflict: both rooms and the store hold the police entry only.
    expect(readEntry((await b.manager.room(docName)).live, id)).toEqual(byPolice);
    expect(readEntry((await a.manager.room(docName)).live, id)).toEqual(byPolice);
    expect(await storedIds()).toEqual([id]);
    // And B's next write goes through.
    const next = entryBy(school);
    await b.manager.submitLocal(docName, localWrite(school), (doc) => writeNewEntry(doc, next));
    await vi.waitFor(async () => expect(readEntry((await a.manager.room(docName)).live, next.id)).toEqual(next), WAIT);
  });

  it('two people write under the same Yjs client id on two nodes: the second is refused (4409) with one refusal record, nothing of it stored', async () => {
    await a.manager.room(docName);
    await b.manager.room(docName);
    hub.down();
    const under = (principal: Principal) => {
      const doc = new Y.Doc();
      doc.clientID = 737_373;
      const entry = entryBy(principal);
      writeNewEntry(doc, entry);
      return { update: Y.encodeStateAsUpdate(doc), entry };
    };
    const first = under(police);
    const second = under(school);
    // Both connected before A's write: B has not seen it when the second arrives (a client connecting
    // later would find it, since a connection waits for its room to catch up with the store).
    const onA = rawSocket(a, docName, police);
    const onB = rawSocket(b, docName, school);
    await Promise.all([onA.opened, onB.opened]);
    await vi.waitFor(async () => expect((await b.manager.room(docName)).members.size).toBe(1), WAIT);
    onA.ws.send(updateMessage(first.update));
    await vi.waitFor(async () => expect(readEntry((await a.manager.room(docName)).live, first.entry.id)).toEqual(first.entry), WAIT);
    onB.ws.send(updateMessage(second.update));
    expect(await onB.closed).toMatchObject({ code: CLOSE.UPDATE_REFUSED, reason: expect.stringMatching(/client id/) });
    expect(refusals.map((r) => [r.principal.id, r.code])).toEqual([[school.id, 'UPDATE_REFUSED']]);
    expect(await storedIds()).toEqual([first.entry.id]);
    expect((await store.repos.docClients.owners(docName)).get(737_373)).toBe(police.id);
    onA.ws.close();
  });

  it('a document of the old shape opened on both nodes at once: both convert it, nothing is lost, later writes from both load again', async () => {
    // An upgrade with every node running: nothing coordinates the two conversions. They need not be,
    // because a conversion is deterministic (the same bytes from the same log on any node, under the
    // server's own client id) and replaces only the rows it read: whichever stores last stores the same thing.
    const first = entryBy(police);
    const second = entryBy(school, { summary: 'Before' });
    const { doc: old, updates } = oldShapeLog([{ fields: first }, { fields: second, amend: { summary: 'After' } }]);
    await store.appendUpdates(updates.map((update) => ({ docName, update, claims: [], principalId: police.id })));
    const expected = readEntries(old);

    // B reads the old log and converts it, but stores its conversion only after A has converted and stored
    // the same document and a client has written on top of A's (the widest window between the two).
    let release!: () => void;
    const gate = new Promise<void>((resolve) => (release = resolve));
    let reached!: () => void;
    const atCompact = new Promise<void>((resolve) => (reached = resolve));
    const baseCompact = b.persistence.compact!.bind(b.persistence);
    b.persistence.compact = async (...args) => {
      reached();
      await gate;
      return baseCompact(...args);
    };
    const loadingB = b.manager.room(docName);
    await atCompact;
    const roomA = await a.manager.room(docName);
    expect(roomA.converted).not.toBeNull();
    const onA = client(a, police);
    await waitForSync(onA.provider);
    const added = [entryBy(police), entryBy(school)];
    writeNewEntry(onA.doc, added[0]!);
    await vi.waitFor(async () => expect(await storedIds()).toContain(added[0]!.id), WAIT);
    release();
    const roomB = await loadingB;
    expect(roomB.converted).toEqual(roomA.converted);
    const onB = client(b, school);
    await waitForSync(onB.provider);
    writeNewEntry(onB.doc, added[1]!);
    amendEntry(onB.doc, second.id, { detail: 'Amended on B after the upgrade' });
    const want = [first.id, second.id, ...added.map((e) => e.id)].sort();
    await vi.waitFor(async () => {
      for (const c of [onA, onB]) expect(ids(c.doc)).toEqual(want);
      expect(await storedIds()).toEqual(want);
      expect(readEntry(onA.doc, second.id)?.detail).toBe('Amended on B after the upgrade');
    }, WAIT);
    // The store holds today's shape only, and loads (on a third node, from nothing) to what the clients hold.
    const stored = new Y.Doc();
    for (const row of await store.repos.updateLog.load(docName)) Y.applyUpdate(stored, row.data);
    expect(hasOldShape(stored)).toBe(false);
    expect(readEntries(stored).find((e) => e.id === first.id)).toEqual(expected.find((e) => e.id === first.id));
    expect(readEntry(stored, second.id)).toMatchObject({ summary: 'After', detail: 'Amended on B after the upgrade' });
    const seqs = (await store.repos.updateLog.load(docName)).map((row) => row.docSeq);
    expect(seqs).toEqual([...seqs].sort((x, y) => x - y));
    expect(new Set(seqs).size).toBe(seqs.length);
    expect(refusals).toEqual([]);
  });

  it('awareness: a client on A sees a client on B, stamped with B’s identity; it goes when B stops renewing it', async () => {
    const onA = client(a, police);
    const onB = client(b, school);
    await Promise.all([waitForSync(onA.provider), waitForSync(onB.provider)]);
    onB.provider.awareness.setLocalStateField('viewing', 'timeline');
    await vi.waitFor(() => {
      const state = onA.provider.awareness.getStates().get(onB.doc.clientID);
      expect(state).toMatchObject({ viewing: 'timeline', user: { id: school.id, agency: school.agency } });
    }, WAIT);
    // B leaves: its presence goes on A too.
    onB.provider.disconnect();
    await vi.waitFor(() => expect(onA.provider.awareness.getStates().has(onB.doc.clientID)).toBe(false), WAIT);
  });
});
