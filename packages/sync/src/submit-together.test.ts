// RoomManager.submitTogether: writes to several documents (a household event's copies), all or none.
import { randomUUID } from 'node:crypto';
import { afterEach, beforeEach, describe, expect, it, vi } from 'vitest';
import { buildEntry, buildPrincipal } from '@mac/domain/testing';
import type { Entry, Principal } from '@mac/domain';
import { getEntriesMap, readEntry, writeNewEntry } from './doc-model.js';
import { sharedDocName } from './doc-names.js';
import { UpdateRefusedError } from './errors.js';
import type { WriteGroup } from './room.js';
import { createClient, localWrite, setStoredFields, startSyncServer, waitForSync, type TestClient, type TestSyncServer } from './testing.js';

const police = buildPrincipal({ id: 'police-1', agency: 'thames-valley-police', name: 'Pat Police' });
const WAIT = { timeout: 5_000, interval: 10 };

let server: TestSyncServer;
let clients: TestClient[];
let docs: string[];

const copyBy = (principal: Principal, householdEventId: string, overrides: Partial<Entry> = {}): Entry =>
  buildEntry({ id: randomUUID(), agency: principal.agency, authorId: principal.id, householdEventId, ...overrides });

/** The group's unit of work: the update log's own batch (one transaction), counting its calls. */
function group(calls: number[]): WriteGroup {
  return {
    persist: async (accepted) => {
      calls.push(accepted.length);
      return server.persistence.persistBatch(accepted);
    },
  };
}

beforeEach(async () => {
  server = await startSyncServer({ idleUnloadMs: 60_000 });
  clients = [];
  docs = [0, 1, 2, 3].map(() => sharedDocName(randomUUID()));
});

afterEach(async () => {
  for (const c of clients) c.destroy();
  await server.close();
});

describe('submitTogether: one write across documents', () => {
  it('stores every copy by the group’s unit of work, in one call, then each open document sees its copy', async () => {
    for (const docName of docs) clients.push(createClient(server, docName, police));
    await Promise.all(clients.map((c) => waitForSync(c.provider)));
    const eventId = randomUUID();
    const copies = docs.map(() => copyBy(police, eventId));
    const calls: number[] = [];
    const changes = await server.manager.submitTogether(
      docs.map((docName, i) => ({ docName, write: localWrite(police, { intent: 'household' }), mutate: (doc) => writeNewEntry(doc, copies[i]!) })),
      group(calls),
    );
    expect(calls).toEqual([4]);
    expect(changes.map((c) => c.map((x) => x.entryId))).toEqual(copies.map((c) => [c.id]));
    for (const [i, docName] of docs.entries()) {
      expect(await server.storedCount(docName)).toBe(1);
      await vi.waitFor(() => expect(readEntry(clients[i]!.doc, copies[i]!.id)?.householdEventId).toBe(eventId), WAIT);
    }
  });

  it('one refused copy refuses them all: nothing stored, nothing broadcast, and the rooms go on writing', async () => {
    const watcher = createClient(server, docs[0]!, police);
    clients.push(watcher);
    await waitForSync(watcher.provider);
    const eventId = randomUUID();
    const calls: number[] = [];
    const parts = docs.map((docName, i) => ({
      docName,
      write: localWrite(police, { intent: 'household' }),
      // The third copy is not the writer's agency's: refused on its shadow.
      mutate: (doc: Parameters<typeof writeNewEntry>[0]) => writeNewEntry(doc, copyBy(police, eventId, i === 2 ? { agency: 'northway-primary' } : {})),
    }));
    await expect(server.manager.submitTogether(parts, group(calls))).rejects.toBeInstanceOf(UpdateRefusedError);
    expect(calls).toEqual([]);
    for (const docName of docs) expect(await server.storedCount(docName)).toBe(0);
    // A copy without the id is refused as well (the household intent always carries one)...
    await expect(server.manager.submitTogether([{ docName: docs[0]!, write: localWrite(police, { intent: 'household' }), mutate: (doc) => writeNewEntry(doc, buildEntry({ id: randomUUID(), agency: police.agency, authorId: police.id })) }], group(calls))).rejects.toThrow(/householdEventId/);
    // ...and the shadows were rebuilt: an ordinary write to the first room still goes through.
    const later = buildEntry({ id: randomUUID(), agency: police.agency, authorId: police.id });
    await server.manager.submitLocal(docs[0]!, localWrite(police), (doc) => writeNewEntry(doc, later));
    await vi.waitFor(() => expect(readEntry(watcher.doc, later.id)).toBeDefined(), WAIT);
    expect(getEntriesMap(watcher.doc).size).toBe(1);
  });

  it('a failed unit of work stores and delivers none of the copies', async () => {
    const eventId = randomUUID();
    const failing: WriteGroup = { persist: () => Promise.reject(new Error('disk full')) };
    await expect(
      server.manager.submitTogether(
        docs.map((docName) => ({ docName, write: localWrite(police, { intent: 'household' }), mutate: (doc) => writeNewEntry(doc, copyBy(police, eventId)) })),
        failing,
      ),
    ).rejects.toThrow('disk full');
    for (const docName of docs) {
      expect(await server.storedCount(docName)).toBe(0);
      expect(getEntriesMap((await server.manager.room(docName)).live).size).toBe(0);
    }
  });

  it('an ordinary write (REST or a client) may not carry householdEventId, create or amend', async () => {
    const forged = copyBy(police, randomUUID());
    await expect(server.manager.submitLocal(docs[0]!, localWrite(police), (doc) => writeNewEntry(doc, forged))).rejects.toThrow(/householdEventId is set only by the server/);
    const plain = buildEntry({ id: randomUUID(), agency: police.agency, authorId: police.id });
    await server.manager.submitLocal(docs[0]!, localWrite(police), (doc) => writeNewEntry(doc, plain));
    await expect(
      server.manager.submitLocal(docs[0]!, localWrite(police), (doc) => setStoredFields(doc, plain.id, { householdEventId: randomUUID() })),
    ).rejects.toThrow(/householdEventId cannot be changed/);
    expect(await server.storedCount(docs[0]!)).toBe(1);
  });
});
