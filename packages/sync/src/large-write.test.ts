// Large writes of new entries (imports): staged in slices off the live documents, all checked before the
// first is stored; then stored one slice per batch and delivered as each is durable.
import { randomUUID } from 'node:crypto';
import { afterEach, beforeEach, describe, expect, it, vi } from 'vitest';
import * as Y from 'yjs';
import { buildEntry, buildPrincipal } from '@mac/domain/testing';
import type { Entry, Principal } from '@mac/domain';
import { amendEntry, readEntries, readEntry, writeNewEntry } from './doc-model.js';
import { sharedDocName } from './doc-names.js';
import { UpdateRefusedError } from './errors.js';
import type { Persistence } from './persistence.js';
import { createClient, localWrite, startSyncServer, waitForSync, type TestClient, type TestSyncServer } from './testing.js';

const police = buildPrincipal({ id: 'police-1', agency: 'thames-valley-police', name: 'Pat Police' });
const school = buildPrincipal({ id: 'school-1', agency: 'northway-primary', name: 'Sam School' });
const WAIT = { timeout: 5_000, interval: 10 };
const nextTurn = () => new Promise<void>((r) => setImmediate(r));

function entryBy(principal: Principal, overrides: Partial<Entry> = {}): Entry {
  return buildEntry({ id: randomUUID(), agency: principal.agency, authorId: principal.id, ...overrides });
}
const slicesOf = (entries: Entry[], size: number) =>
  Array.from({ length: Math.ceil(entries.length / size) }, (_, i) => (doc: Y.Doc) => {
    for (const e of entries.slice(i * size, (i + 1) * size)) writeNewEntry(doc, e);
  });

let server: TestSyncServer;
let clients: TestClient[];
let docName: string;
let failPersist = false;
/** Fails the batch holding the slice whose first entry is this one (a disk filling up mid-import). */
let failAtEntry: string | null = null;

beforeEach(async () => {
  failPersist = false;
  failAtEntry = null;
  server = await startSyncServer({
    idleUnloadMs: 60_000,
    wrapPersistence: (base): Persistence => ({
      ...base,
      async persistBatch(accepted) {
        if (failPersist && accepted.some((a) => a.changes.length > 0)) throw new Error('disk full');
        if (failAtEntry !== null && accepted.some((a) => a.changes.some((c) => c.entryId === failAtEntry))) throw new Error('disk full');
        return base.persistBatch(accepted);
      },
    }),
  });
  clients = [];
  docName = sharedDocName(randomUUID());
});
afterEach(async () => {
  for (const c of clients) c.destroy();
  await server.close();
});

describe('submitInSlices (large imports)', () => {
  it('writes every entry, gives the event loop back between slices, and is seen live by clients', async () => {
    const a = createClient(server, docName, school);
    clients.push(a);
    await waitForSync(a.provider);
    const entries = Array.from({ length: 50 }, (_, i) => entryBy(police, { summary: `Imported ${i}` }));
    const events: string[] = [];
    setImmediate(() => events.push('another request'));
    const changes = await server.manager.submitInSlices(docName, localWrite(police), slicesOf(entries, 10), { pace: nextTurn });
    events.push('import done');
    expect(events).toEqual(['another request', 'import done']);
    expect(changes.map((c) => c.entryId)).toEqual(entries.map((e) => e.id));
    expect(readEntries(await server.replay(docName))).toHaveLength(50);
    expect(readEntries((await server.manager.room(docName)).live)).toHaveLength(50);
    await vi.waitFor(() => expect(readEntries(a.doc)).toHaveLength(50), WAIT);
    // The shadow agrees with live: the next ordinary write to an imported entry goes through.
    expect(await server.manager.submitLocal(docName, localWrite(police), (doc) => amendEntry(doc, entries[49]!.id, { summary: 'Amended' }))).toHaveLength(1);
  });

  it('stores nothing and shows nothing when any slice breaks the rules', async () => {
    const good = Array.from({ length: 20 }, () => entryBy(police));
    const slices = [...slicesOf(good, 10), (doc: Y.Doc) => writeNewEntry(doc, entryBy(school))];
    await expect(server.manager.submitInSlices(docName, localWrite(police), slices, { pace: nextTurn })).rejects.toBeInstanceOf(UpdateRefusedError);
    expect(await server.storedCount(docName)).toBe(0);
    expect(readEntries((await server.manager.room(docName)).live)).toEqual([]);
  });

  it('stores nothing when the first slice cannot be stored', async () => {
    failPersist = true;
    await expect(server.manager.submitInSlices(docName, localWrite(police), slicesOf(Array.from({ length: 20 }, () => entryBy(police)), 5), { pace: nextTurn })).rejects.toThrow('disk full');
    failPersist = false;
    expect(readEntries(await server.replay(docName))).toEqual([]);
    expect(readEntries((await server.manager.room(docName)).live)).toEqual([]);
    // Nothing half-done in the shadow either.
    const entry = entryBy(police);
    expect(await server.manager.submitLocal(docName, localWrite(police), (doc) => writeNewEntry(doc, entry))).toHaveLength(1);
  });

  it('a slice that cannot be stored: the slices before it are stored and live, none after it, and the write rejects', async () => {
    const a = createClient(server, docName, school);
    clients.push(a);
    await waitForSync(a.provider);
    const entries = Array.from({ length: 20 }, () => entryBy(police));
    failAtEntry = entries[10]!.id;
    await expect(server.manager.submitInSlices(docName, localWrite(police), slicesOf(entries, 5), { pace: nextTurn })).rejects.toThrow('disk full');
    failAtEntry = null;
    const stored = readEntries(await server.replay(docName)).map((e) => e.id);
    expect(stored.sort()).toEqual(entries.slice(0, 10).map((e) => e.id).sort());
    expect(readEntries((await server.manager.room(docName)).live).map((e) => e.id).sort()).toEqual(stored);
    await vi.waitFor(() => expect(readEntries(a.doc)).toHaveLength(10), WAIT);
    // The rest can be written again (what the server's import journal does), and the room goes on.
    await server.manager.submitInSlices(docName, localWrite(police), slicesOf(entries.slice(10), 5), { pace: nextTurn });
    expect(readEntries(await server.replay(docName))).toHaveLength(20);
  });

  it('refuses anything but new entries, and an id the document already holds', async () => {
    const existing = entryBy(police);
    await server.manager.submitLocal(docName, localWrite(police), (doc) => writeNewEntry(doc, existing));
    await expect(server.manager.submitInSlices(docName, localWrite(police), [(doc) => writeNewEntry(doc, { ...entryBy(police), id: existing.id })], { pace: nextTurn })).rejects.toBeInstanceOf(UpdateRefusedError);
    expect(readEntry(await server.replay(docName), existing.id)).toEqual(existing);
  });

  it('a compaction while slices are still being delivered loses none of them', async () => {
    const entries = Array.from({ length: 40 }, () => entryBy(police));
    let compacted = false;
    const pace = async () => {
      await nextTurn();
      // Once the first slice is live: another write lands (a later log row), then the log is compacted.
      if (!compacted && readEntry((await server.manager.room(docName)).live, entries[0]!.id)) {
        await server.manager.submitLocal(docName, localWrite(police), (doc) => writeNewEntry(doc, entryBy(police)));
        expect(readEntry((await server.manager.room(docName)).live, entries[39]!.id)).toBeUndefined();
        await server.manager.compact(docName);
        compacted = true;
      }
    };
    await server.manager.submitInSlices(docName, localWrite(police), slicesOf(entries, 5), { pace });
    expect(compacted).toBe(true);
    const stored = new Set(readEntries(await server.replay(docName)).map((e) => e.id));
    for (const e of entries) expect(stored.has(e.id)).toBe(true);
  });
});
