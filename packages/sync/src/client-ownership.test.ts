// Yjs trusts (client, clock): whoever stores clock n of a client id first makes every replica ignore any
// other struct with that id, so a writer under a colleague's client id could make the colleague's
// unsent work vanish. A client id therefore belongs to the first principal that shows presence or
// writes under it, durably (across room unloads and restarts), and nobody else may use it.
import { randomUUID } from 'node:crypto';
import * as encoding from 'lib0/encoding';
import { afterEach, beforeEach, describe, expect, it, vi } from 'vitest';
import * as Y from 'yjs';
import { buildEntry, buildPrincipal } from '@mac/domain/testing';
import type { Entry, Principal } from '@mac/domain';
import { CLOSE } from './close-codes.js';
import { readEntry, writeNewEntry } from './doc-model.js';
import { sharedDocName } from './doc-names.js';
import { MESSAGE_AWARENESS, updateMessage } from './protocol.js';
import { createClient, rawSocket, startSyncServer, waitForSync, type TestClient, type TestSyncServer, localWrite } from './testing.js';

const police = buildPrincipal({ id: 'police-1', agency: 'thames-valley-police' });
const school = buildPrincipal({ id: 'school-1', agency: 'northway-primary' });
const WAIT = { timeout: 5_000, interval: 10 };

let server: TestSyncServer;
let clients: TestClient[];
let docName: string;

beforeEach(async () => {
  server = await startSyncServer();
  clients = [];
  docName = sharedDocName(randomUUID());
  await server.manager.submitLocal(docName, localWrite(police), (doc) => writeNewEntry(doc, entryBy(police)));
});

afterEach(async () => {
  for (const c of clients) c.destroy();
  await server.close();
});

function entryBy(principal: Principal, overrides: Partial<Entry> = {}): Entry {
  return buildEntry({ id: randomUUID(), agency: principal.agency, authorId: principal.id, ...overrides });
}

function client(principal: Principal): TestClient {
  const c = createClient(server, docName, principal);
  clients.push(c);
  return c;
}

/** A new entry of `principal`, written on a copy of the server's document under `clientId`. */
async function entryUnder(clientId: number, principal: Principal): Promise<{ update: Uint8Array; entry: Entry }> {
  const doc = new Y.Doc();
  Y.applyUpdate(doc, Y.encodeStateAsUpdate((await server.manager.room(docName)).live));
  doc.clientID = clientId; // after the apply: a doc that receives its own client id picks another
  const before = Y.encodeStateVector(doc);
  const entry = entryBy(principal);
  writeNewEntry(doc, entry);
  const update = Y.encodeStateAsUpdate(doc, before);
  doc.destroy();
  return { update, entry };
}

function presenceOf(clientId: number): Uint8Array {
  const inner = encoding.createEncoder();
  encoding.writeVarUint(inner, 1);
  encoding.writeVarUint(inner, clientId);
  encoding.writeVarUint(inner, 1);
  encoding.writeVarString(inner, JSON.stringify({ viewing: 'timeline' }));
  const outer = encoding.createEncoder();
  encoding.writeVarUint(outer, MESSAGE_AWARENESS);
  encoding.writeVarUint8Array(outer, encoding.toUint8Array(inner));
  return encoding.toUint8Array(outer);
}

/** A hand-made socket of `principal` that sends `messages` and reports how it was closed. */
async function send(principal: Principal, ...messages: Uint8Array[]) {
  const raw = rawSocket(server, docName, principal);
  await raw.opened;
  for (const message of messages) raw.ws.send(message);
  const timer = setTimeout(() => raw.ws.close(), 1_000);
  const closed = await raw.closed;
  clearTimeout(timer);
  return closed;
}

describe('Yjs client ids belong to the first principal that uses them', () => {
  it('an id shown in presence cannot be written under by another agency (4409), and its owner’s offline entry still arrives', async () => {
    const owner = client(school);
    await waitForSync(owner.provider);
    await vi.waitFor(async () => expect((await server.manager.room(docName)).presence.awareness.getStates().has(owner.doc.clientID)).toBe(true), WAIT);
    owner.provider.disconnect();
    const offline = entryBy(school, { summary: 'written offline' });
    writeNewEntry(owner.doc, offline);

    const stored = await server.storedCount(docName);
    const attack = await entryUnder(owner.doc.clientID, police);
    expect(await send(police, updateMessage(attack.update))).toMatchObject({ code: CLOSE.UPDATE_REFUSED, reason: expect.stringMatching(/client id/) });
    expect(await server.storedCount(docName)).toBe(stored);
    expect(readEntry((await server.manager.room(docName)).live, attack.entry.id)).toBeUndefined();

    owner.provider.connect();
    await vi.waitFor(async () => expect(readEntry((await server.manager.room(docName)).live, offline.id)).toEqual(offline), WAIT);
    expect(owner.closes.filter((c) => c.code >= 4000)).toEqual([]);
  });

  it('another agency cannot show presence under an id someone wrote with (4409)', async () => {
    const { update } = await entryUnder(424_242, school);
    expect(await send(school, updateMessage(update))).toMatchObject({ code: 1005 });
    expect(await send(police, presenceOf(424_242))).toMatchObject({ code: CLOSE.UPDATE_REFUSED, reason: expect.stringMatching(/belongs to someone else/) });
    // Its owner may, from any of its connections.
    expect(await send(school, presenceOf(424_242))).toMatchObject({ code: 1005 });
  });

  it('ownership outlives the room: after a restart, writes and presence under another’s id are still refused', async () => {
    const wrote = await entryUnder(515_151, school);
    expect(await send(school, updateMessage(wrote.update))).toMatchObject({ code: 1005 });
    expect(await send(school, presenceOf(616_161))).toMatchObject({ code: 1005 });
    await server.restartManager();

    const stored = await server.storedCount(docName);
    for (const id of [515_151, 616_161]) {
      expect(await send(police, updateMessage((await entryUnder(id, police)).update))).toMatchObject({ code: CLOSE.UPDATE_REFUSED });
      expect(await send(police, presenceOf(id))).toMatchObject({ code: CLOSE.UPDATE_REFUSED });
    }
    expect(await server.storedCount(docName)).toBe(stored);
    // The owner carries on under its id.
    const more = await entryUnder(515_151, school);
    expect(await send(school, updateMessage(more.update))).toMatchObject({ code: 1005 });
    expect(readEntry((await server.manager.room(docName)).live, more.entry.id)).toEqual(more.entry);
  });

  it('a stock client that reconnects keeps its id (same principal) and nobody is closed', async () => {
    const a = client(police);
    await waitForSync(a.provider);
    writeNewEntry(a.doc, entryBy(police));
    a.provider.disconnect();
    await server.restartManager();
    const later = entryBy(police);
    writeNewEntry(a.doc, later);
    a.provider.connect();
    await vi.waitFor(async () => expect(readEntry((await server.manager.room(docName)).live, later.id)).toEqual(later), WAIT);
    expect(a.closes.filter((c) => c.code >= 4000)).toEqual([]);
  });
});
