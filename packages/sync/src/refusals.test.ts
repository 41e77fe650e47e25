// Every kind of forbidden write, sent by a real client over a real socket: refused as a whole (not in the
// server's document, not in the log, not seen by anyone else) and the writer's connection closed with
// the code that names why.
import { randomUUID } from 'node:crypto';
import * as encoding from 'lib0/encoding';
import { afterEach, beforeEach, describe, expect, it, vi } from 'vitest';
import * as Y from 'yjs';
import { buildEntry, buildPrincipal } from '@mac/domain/testing';
import type { Entry, Principal } from '@mac/domain';
import { CLOSE } from './close-codes.js';
import { amendEntry, getEntriesMap, readEntries, readEntry, writeNewEntry } from './doc-model.js';
import { sharedDocName } from './doc-names.js';
import { syncStep2Message, updateMessage } from './protocol.js';
import { createClient, rawSocket, setStoredFields, startSyncServer, waitForSync, writeObjectShapeEntry, writeOldShapeEntry, type TestClient, type TestSyncServer, localWrite } from './testing.js';

const police = buildPrincipal({ id: 'police-1', agency: 'thames-valley-police' });
const school = buildPrincipal({ id: 'school-1', agency: 'northway-primary' });
const WAIT = { timeout: 5_000, interval: 10 };
const LIMIT = 64 * 1024;

function entryBy(principal: Principal, overrides: Partial<Entry> = {}): Entry {
  return buildEntry({ id: randomUUID(), agency: principal.agency, authorId: principal.id, ...overrides });
}

let server: TestSyncServer;
let clients: TestClient[];
let docName: string;
let existing: Entry;
let withdrawn: Entry;

beforeEach(async () => {
  // A ws maxPayload above the room's own limit, so the room's check (4413) is what answers.
  server = await startSyncServer({ limits: { maxMessageBytes: LIMIT }, maxPayload: 4 * LIMIT });
  clients = [];
  docName = sharedDocName(randomUUID());
  existing = entryBy(police);
  withdrawn = entryBy(police, { status: 'withdrawn', withdrawnReason: 'Duplicate' });
  await server.manager.submitLocal(docName, localWrite(police), (doc) => {
    writeNewEntry(doc, existing);
    writeNewEntry(doc, withdrawn);
  });
});

afterEach(async () => {
  for (const c of clients) c.destroy();
  await server.close();
});

function client(principal: Principal, opts: Parameters<typeof createClient>[3] = {}): TestClient {
  const c = createClient(server, docName, principal, opts);
  clients.push(c);
  return c;
}

/**
 * Proves nothing of a refused write got out: the other client receives a later write (messages on a
 * socket are ordered) but never the refused one, and the log and the live document are as before.
 */
async function expectNothingLeaked(observer: TestClient, logBefore: number, stateBefore: Uint8Array) {
  expect(await server.storedCount(docName)).toBe(logBefore);
  expect(Y.encodeStateVector((await server.manager.room(docName)).live)).toEqual(stateBefore);
  const sentinel = entryBy(police, { summary: 'sentinel' });
  await server.manager.submitLocal(docName, localWrite(police), (doc) => writeNewEntry(doc, sentinel));
  await vi.waitFor(() => expect(readEntry(observer.doc, sentinel.id)).toEqual(sentinel), WAIT);
  const live = (await server.manager.room(docName)).live;
  expect(readEntries(observer.doc).sort((a, b) => a.id.localeCompare(b.id))).toEqual(readEntries(live).sort((a, b) => a.id.localeCompare(b.id)));
  expect([...observer.doc.share.keys()]).toEqual(['entries']);
  expect(readEntries(await server.replay(docName))).toHaveLength(3);
}

const forbidden: Array<[string, Principal, (doc: Y.Doc) => void, RegExp]> = [
  ['an entry for another agency', police, (doc) => writeNewEntry(doc, entryBy(police, { agency: 'northway-primary' })), /own agency/],
  ['an entry naming another author', police, (doc) => writeNewEntry(doc, entryBy(police, { authorId: 'someone-else' })), /author/],
  ['an amendment of another agency’s entry', school, (doc) => amendEntry(doc, existing.id, { summary: 'Not ours' }), /own agency/],
  ['a change of an immutable field', police, (doc) => setStoredFields(doc, existing.id, { recordedAt: '2020-01-01T00:00:00.000Z' }), /recordedAt/],
  ['leaving out a field that holds a value', police, (doc) => setStoredFields(doc, existing.id, {}, ['summary']), /cannot be removed/],
  ['deleting an entry', police, (doc) => getEntriesMap(doc).delete(existing.id), /never removed/],
  ['reinstating a withdrawn entry', police, (doc) => amendEntry(doc, withdrawn.id, { status: 'active', withdrawnReason: '' }), /reinstated/],
  ['a schema-invalid value', police, (doc) => amendEntry(doc, existing.id, { time: '25:99' }), /time/],
  ['a new top-level type', police, (doc) => doc.getMap('notes').set('x', 'y'), /only the entries map/],
  ['a nested type as an entry', police, (doc) => getEntriesMap(doc).set(existing.id, new Y.Array()), /one value/],
  ['text that is no JSON as an entry', police, (doc) => getEntriesMap(doc).set(existing.id, 'just text'), /does not parse/],
  ['an entry’s text with a field it cannot have', police, (doc) => setStoredFields(doc, existing.id, { colour: 'red' }), /no field colour/],
  ['a number in an entry', police, (doc) => setStoredFields(doc, existing.id, { detail: 7 }), /text or true\/false/],
  // Screening results are checked by the same entry schema as REST and CSV (packages/domain screening.ts).
  ['a checklist score out of range', police, (doc) => amendEntry(doc, existing.id, { category: 'domestic-abuse-risk-assessment', riskLevel: 'high', score: 31 }), /score/],
  ['a score that is not digits', police, (doc) => setStoredFields(doc, existing.id, { score: 'many' }), /score/],
  ['a risk level on a category with no screening tool', police, (doc) => amendEntry(doc, existing.id, { riskLevel: 'high' }), /riskLevel/],
  ['Graded Care Profile grades missing an area', police, (doc) => amendEntry(doc, existing.id, { category: 'neglect-assessment', areaGrades: 'physical-care:2' }), /areaGrades/],
  ['a number as a score (the document holds text)', police, (doc) => setStoredFields(doc, existing.id, { score: 12 }), /text or true\/false/],
];

describe('forbidden updates from the stock client', () => {
  it.each(forbidden)('%s: refused (4409), not stored, not broadcast', async (_name, principal, mutate, reason) => {
    const writer = client(principal);
    const observer = client(school);
    await Promise.all([waitForSync(writer.provider), waitForSync(observer.provider)]);
    const logBefore = await server.storedCount(docName);
    const stateBefore = Y.encodeStateVector((await server.manager.room(docName)).live);
    mutate(writer.doc);
    await vi.waitFor(() => expect(writer.closes[0]?.code).toBe(CLOSE.UPDATE_REFUSED), WAIT);
    expect(writer.closes[0]?.reason).toMatch(reason);
    await expectNothingLeaked(observer, logBefore, stateBefore);
    // 44xx is final for the stock client: it does not come back offering the refused update again.
    expect(writer.provider.shouldConnect).toBe(false);
  });

  it.each([
    ['a nested map per entry: a page of the first shape', writeOldShapeEntry],
    ['one plain object per entry: a page of the previous shape', writeObjectShapeEntry],
  ])('an entry in an older shape (%s): refused with 4426, told to reload, not stored, not broadcast', async (_shape, write) => {
    const writer = client(police);
    const observer = client(school);
    await Promise.all([waitForSync(writer.provider), waitForSync(observer.provider)]);
    const logBefore = await server.storedCount(docName);
    const stateBefore = Y.encodeStateVector((await server.manager.room(docName)).live);
    write(writer.doc, entryBy(police, { summary: 'Written by an old page' }));
    await vi.waitFor(() => expect(writer.closes[0]).toMatchObject({ code: CLOSE.OUTDATED_CLIENT, reason: expect.stringMatching(/reload/) }), WAIT);
    await expectNothingLeaked(observer, logBefore, stateBefore);
    expect(writer.provider.shouldConnect).toBe(false);
  });

  it('a read-only connection cannot write, even its own agency’s entry', async () => {
    const reader = client(police, { readOnly: true });
    const observer = client(school);
    await Promise.all([waitForSync(reader.provider), waitForSync(observer.provider)]);
    const logBefore = await server.storedCount(docName);
    const stateBefore = Y.encodeStateVector((await server.manager.room(docName)).live);
    amendEntry(reader.doc, existing.id, { detail: 'read-only users cannot write' });
    await vi.waitFor(() => expect(reader.closes[0]).toMatchObject({ code: CLOSE.UPDATE_REFUSED, reason: expect.stringMatching(/read-only/) }), WAIT);
    await expectNothingLeaked(observer, logBefore, stateBefore);
  });

  it('refused offline work is refused again in sync step 2 on reconnect', async () => {
    const writer = client(school);
    await waitForSync(writer.provider);
    writer.provider.disconnect();
    amendEntry(writer.doc, existing.id, { summary: 'Offline meddling' });
    writer.provider.connect();
    await vi.waitFor(() => expect(writer.closes.at(-1)?.code).toBe(CLOSE.UPDATE_REFUSED), WAIT);
    expect(readEntry((await server.manager.room(docName)).live, existing.id)).toEqual(existing);
  });
});

function message(write: (e: encoding.Encoder) => void): Uint8Array {
  const e = encoding.createEncoder();
  write(e);
  return encoding.toUint8Array(e);
}

describe('forbidden bytes from a hand-made socket', () => {
  async function sendRaw(bytes: Uint8Array | string, principal: Principal = police) {
    const observer = client(school);
    await waitForSync(observer.provider);
    const logBefore = await server.storedCount(docName);
    const stateBefore = Y.encodeStateVector((await server.manager.room(docName)).live);
    const raw = rawSocket(server, docName, principal);
    await raw.opened;
    raw.ws.send(bytes);
    const closed = await raw.closed;
    await expectNothingLeaked(observer, logBefore, stateBefore);
    return closed;
  }

  /** A client doc in step with the server, for building updates. */
  async function replica() {
    const doc = new Y.Doc();
    Y.applyUpdate(doc, Y.encodeStateAsUpdate((await server.manager.room(docName)).live));
    return doc;
  }

  /** Two amendments on a replica: the second alone depends on the first, which the server has not seen. */
  async function twoAmendments() {
    const doc = await replica();
    const updates: Uint8Array[] = [];
    doc.on('update', (u: Uint8Array) => updates.push(u));
    amendEntry(doc, existing.id, { detail: 'first' });
    amendEntry(doc, existing.id, { detail: 'second' });
    return { doc, second: updates[1]! };
  }

  it('an update that arrives before the client answered our sync step 1 is set aside, and comes back in the answer', async () => {
    const observer = client(school);
    await waitForSync(observer.provider);
    const liveBefore = Y.encodeStateVector((await server.manager.room(docName)).live);
    const { doc, second } = await twoAmendments();
    const raw = rawSocket(server, docName, police);
    await raw.opened;
    await vi.waitFor(() => expect(raw.received.length).toBeGreaterThan(0), WAIT);
    const logBefore = await server.storedCount(docName);
    raw.ws.send(updateMessage(second));
    raw.ws.send(updateMessage(second));
    // The answer to our sync step 1, as a stock client sends it: everything the server lacks.
    raw.ws.send(syncStep2Message(doc, liveBefore));
    await vi.waitFor(() => expect(readEntry(observer.doc, existing.id)?.detail).toBe('second'), WAIT);
    expect(await server.storedCount(docName)).toBe(logBefore + 1);
    raw.ws.close();
    expect((await raw.closed).code).toBe(1005);
  });

  it('an update with missing dependencies after the client answered: the server asks again, and closes (4412) if no answer comes', async () => {
    await server.close();
    server = await startSyncServer({ limits: { maxMessageBytes: LIMIT, syncReplyMs: 100 }, maxPayload: 4 * LIMIT });
    await server.manager.submitLocal(docName, localWrite(police), (doc) => {
      writeNewEntry(doc, existing);
      writeNewEntry(doc, withdrawn);
    });
    const observer = client(school);
    await waitForSync(observer.provider);
    const logBefore = await server.storedCount(docName);
    const stateBefore = Y.encodeStateVector((await server.manager.room(docName)).live);
    const { doc, second } = await twoAmendments();
    const raw = rawSocket(server, docName, police);
    await raw.opened;
    await vi.waitFor(() => expect(raw.received.length).toBeGreaterThan(0), WAIT);
    raw.ws.send(syncStep2Message(new Y.Doc(), Y.encodeStateVector(doc))); // "I have nothing you lack"
    const greeting = raw.received.length;
    raw.ws.send(updateMessage(second));
    // Answered with a sync step 1 (message 0, step 0): "send me what I lack".
    await vi.waitFor(() => expect(raw.received.length).toBe(greeting + 1), WAIT);
    expect([...raw.received.at(-1)!.slice(0, 2)]).toEqual([0, 0]);
    await new Promise((resolve) => setTimeout(resolve, 150)); // the answer is overdue
    raw.ws.send(updateMessage(second));
    raw.ws.send(updateMessage(second));
    raw.ws.send(updateMessage(second));
    expect(await raw.closed).toMatchObject({ code: CLOSE.MISSING_DEPENDENCIES });
    await expectNothingLeaked(observer, logBefore, stateBefore);
  });

  it('a stock client that edits before answering our sync step 1 loses nothing', async () => {
    const writer = client(police);
    const observer = client(school);
    await Promise.all([waitForSync(writer.provider), waitForSync(observer.provider)]);
    writer.provider.disconnect();
    amendEntry(writer.doc, existing.id, { detail: 'written offline' });
    const late = entryBy(police, { summary: 'written the moment the socket opened' });
    const onStatus = ({ status }: { status: string }) => {
      if (status !== 'connected') return;
      writer.provider.off('status', onStatus);
      // Sent before the client's own sync step 1 and before it has offered its offline work.
      writeNewEntry(writer.doc, late);
    };
    writer.provider.on('status', onStatus);
    writer.provider.connect();
    await vi.waitFor(() => {
      expect(readEntry(observer.doc, late.id)).toEqual(late);
      expect(readEntry(observer.doc, existing.id)?.detail).toBe('written offline');
    }, WAIT);
    expect(writer.closes.filter((c) => c.code >= 4000)).toEqual([]);
  });

  it('V2-encoded bytes (4400), never decoded as V2', async () => {
    const doc = await replica();
    const sv = Y.encodeStateVector(doc);
    writeNewEntry(doc, entryBy(police));
    expect(await sendRaw(updateMessage(Y.encodeStateAsUpdateV2(doc, sv)))).toMatchObject({ code: CLOSE.MALFORMED_MESSAGE });
  });

  it('an oversize message (4413)', async () => {
    const doc = await replica();
    const sv = Y.encodeStateVector(doc);
    for (let i = 0; i < 8; i++) writeNewEntry(doc, entryBy(police, { detail: `${i}`.repeat(9_000) }));
    const update = Y.encodeStateAsUpdate(doc, sv);
    expect(update.byteLength).toBeGreaterThan(LIMIT);
    expect(await sendRaw(updateMessage(update))).toMatchObject({ code: CLOSE.MESSAGE_TOO_LARGE });
  });

  it.each([
    ['a truncated varint', new Uint8Array([0x80])],
    ['an unknown message type', new Uint8Array([7, 0])],
    ['an unknown sync message', new Uint8Array([0, 9, 0])],
    ['a length running past the end', new Uint8Array([0, 2, 50, 1, 2])],
    ['trailing bytes after a message', message((e) => {
      encoding.writeVarUint(e, 0);
      encoding.writeVarUint(e, 0);
      encoding.writeVarUint8Array(e, Y.encodeStateVector(new Y.Doc()));
      encoding.writeUint8(e, 1);
    })],
    ['an auth message', new Uint8Array([2, 0])],
    ['garbage in an update', updateMessage(new Uint8Array([3, 200, 17, 99, 1]))],
    ['a malformed awareness update', new Uint8Array([1, 3, 1, 5, 0])],
  ])('%s (4400)', async (_name, bytes) => {
    expect(await sendRaw(bytes)).toMatchObject({ code: CLOSE.MALFORMED_MESSAGE });
  });

  it('a text frame (4400)', async () => {
    expect(await sendRaw('hello')).toMatchObject({ code: CLOSE.MALFORMED_MESSAGE });
  });

  it('with the production maxPayload, ws itself closes an oversize frame (1009) without crashing', async () => {
    await server.close();
    server = await startSyncServer({ limits: { maxMessageBytes: LIMIT } });
    const raw = rawSocket(server, docName, police);
    await raw.opened;
    raw.ws.send(new Uint8Array(LIMIT + 10));
    expect((await raw.closed).code).toBe(1009);
    expect(server.manager.stats().connections).toBe(0);
  });
});
