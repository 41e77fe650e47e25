import { describe, expect, it } from 'vitest';
import * as Y from 'yjs';
import { buildEntry, buildPrincipal, testUuid } from '@mac/domain/testing';
import type { Entry, Principal } from '@mac/domain';
import { amendEntry, entryText, getEntriesMap, readEntry, storedEntryOf, writeNewEntry } from './doc-model.js';
import { MAX_ENTRY_TEXT } from './entry-items.js';
import { DEFAULT_LIMITS } from './limits.js';
import { setStoredFields as setRaw, writeObjectShapeEntry, writeOldShapeEntry } from './testing.js';
import { inspectTransaction, inspectUpdate, type InspectContext } from './update-inspector.js';

const police = buildPrincipal({ id: 'police-1', agency: 'thames-valley-police' });
const police2 = buildPrincipal({ id: 'police-2', agency: 'thames-valley-police' });
const school = buildPrincipal({ id: 'school-1', agency: 'northway-primary', name: 'Sam School' });

function ctx(principal: Principal, overrides: Partial<InspectContext> = {}): InspectContext {
  return { principal, readOnly: false, intent: 'edit', chronology: { id: 'c', leadUserId: '', memberAgencies: [principal.agency] }, restrictedAgency: null, limits: DEFAULT_LIMITS, ...overrides };
}

function policeEntry(overrides: Partial<Entry> = {}): Entry {
  return buildEntry({ agency: 'thames-valley-police', authorId: police.id, ...overrides });
}

/** An entry as the first document shape stored it: a nested Y.Map, one value per field. */
const writeOldShape = (doc: Y.Doc, entry: Entry): Y.Map<unknown> => writeOldShapeEntry(doc, entry);

/** A server shadow holding one police entry, and a client replica of it that records its updates. */
function setup(existing: Entry = policeEntry()) {
  const shadow = new Y.Doc();
  writeNewEntry(shadow, existing);
  const client = new Y.Doc();
  Y.applyUpdate(client, Y.encodeStateAsUpdate(shadow));
  const updates: Uint8Array[] = [];
  client.on('update', (u: Uint8Array) => updates.push(u));
  const last = () => {
    expect(updates.length).toBeGreaterThan(0);
    return updates[updates.length - 1]!;
  };
  return { shadow, client, existing, updates, last };
}

function expectRefused(verdict: ReturnType<typeof inspectUpdate>, code: string, reason?: RegExp) {
  expect(verdict.ok).toBe(false);
  if (verdict.ok) return;
  expect(verdict.code).toBe(code);
  if (reason) expect(verdict.reason).toMatch(reason);
  expect(new TextEncoder().encode(verdict.reason).length).toBeLessThan(123);
}

describe('accepted updates', () => {
  it('a new entry of the writer’s own agency is a create change carrying the whole entry', () => {
    const { shadow, client, last } = setup();
    const entry = policeEntry({ summary: 'Second visit' });
    writeNewEntry(client, entry);
    const verdict = inspectUpdate(shadow, last(), ctx(police));
    expect(verdict).toMatchObject({ ok: true, changes: [{ entryId: entry.id, kind: 'create', before: null, after: entry }] });
    expect(readEntry(shadow, entry.id)).toEqual(entry);
  });

  it('an amendment lists only the fields whose value changed, with the entry before and after', () => {
    const { shadow, client, existing, last } = setup();
    setRaw(client, existing.id, { summary: 'Corrected summary', detail: existing.detail }); // detail unchanged
    const verdict = inspectUpdate(shadow, last(), ctx(police2));
    expect(verdict).toMatchObject({
      ok: true,
      changes: [{ entryId: existing.id, kind: 'amend', fields: ['summary'], before: existing, after: { ...existing, summary: 'Corrected summary' } }],
    });
  });

  it('a withdrawal with a reason is a withdraw change', () => {
    const { shadow, client, existing, last } = setup();
    amendEntry(client, existing.id, { status: 'withdrawn', withdrawnReason: 'Recorded against the wrong child' });
    const verdict = inspectUpdate(shadow, last(), ctx(police));
    expect(verdict).toMatchObject({ ok: true, changes: [{ kind: 'withdraw', fields: ['status', 'withdrawnReason'] }] });
  });

  it('an amendment of a withdrawn entry that keeps it withdrawn is an amend change (an offline edit made while a colleague withdrew it; docs/security.md)', () => {
    const withdrawn = policeEntry({ status: 'withdrawn', withdrawnReason: 'Duplicate' });
    const { shadow, client, last } = setup(withdrawn);
    amendEntry(client, withdrawn.id, { detail: 'Written offline before the withdrawal was seen' });
    const verdict = inspectUpdate(shadow, last(), ctx(police));
    expect(verdict).toMatchObject({ ok: true, changes: [{ entryId: withdrawn.id, kind: 'amend', fields: ['detail'], after: { status: 'withdrawn' } }] });
  });

  it('an update the shadow already has changes nothing and produces no update to store', () => {
    const { shadow, client } = setup();
    const verdict = inspectUpdate(shadow, Y.encodeStateAsUpdate(client), ctx(police));
    expect(verdict).toEqual({ ok: true, update: null, changes: [], clients: [] });
  });

  it('offline edits of one entry (overwritten values) are accepted; a colleague’s concurrent edit of it is refused, whichever Yjs would order last', () => {
    for (const [writerId, colleagueId] of [[1, 2], [2, 1]] as const) {
      const { shadow, client, existing } = setup();
      client.clientID = 1000 + writerId;
      const colleague = new Y.Doc();
      colleague.clientID = 1000 + colleagueId;
      Y.applyUpdate(colleague, Y.encodeStateAsUpdate(shadow));
      amendEntry(client, existing.id, { summary: 'First try' });
      amendEntry(client, existing.id, { summary: 'Second try' });
      amendEntry(colleague, existing.id, { detail: 'Colleague’s version' });
      const first = inspectUpdate(shadow, Y.encodeStateAsUpdate(client, Y.encodeStateVector(shadow)), ctx(police));
      expect(first).toMatchObject({ ok: true, changes: [{ kind: 'amend', fields: ['summary'] }] });
      // Accepted, one of the two changes would silently undo the other (one value per entry).
      const second = inspectUpdate(shadow, Y.encodeStateAsUpdate(colleague, Y.encodeStateVector(shadow)), ctx(police2));
      expectRefused(second, 'UPDATE_REFUSED', /changed this entry meanwhile/);
    }
  });

  it('a server-side write (inspectTransaction) is judged by the same rules', () => {
    const { shadow } = setup();
    const entry = policeEntry();
    const ok = inspectTransaction(shadow, () => writeNewEntry(shadow, entry), ctx(police));
    expect(ok).toMatchObject({ ok: true, changes: [{ kind: 'create', entryId: entry.id }] });
    expect(ok.ok && ok.update).toBeInstanceOf(Uint8Array);
    const refused = inspectTransaction(shadow, () => writeNewEntry(shadow, policeEntry()), ctx(school));
    expect(refused).toMatchObject({ ok: false, code: 'UPDATE_REFUSED' });
  });
});

describe('refused updates', () => {
  it('an entry for another agency', () => {
    const { shadow, client, last } = setup();
    writeNewEntry(client, buildEntry({ agency: 'northway-primary', authorId: police.id }));
    expectRefused(inspectUpdate(shadow, last(), ctx(police)), 'UPDATE_REFUSED', /own agency/);
  });

  it('an entry for another agency is refused before it is tried on the shadow (the shadow is untouched)', () => {
    const { shadow, client, last } = setup();
    const before = Y.encodeStateVector(shadow);
    client.transact(() => {
      writeNewEntry(client, policeEntry());
      writeNewEntry(client, buildEntry({ agency: 'northway-primary', authorId: police.id }));
    });
    const verdict = inspectUpdate(shadow, last(), ctx(police));
    expectRefused(verdict, 'UPDATE_REFUSED', /own agency/);
    expect(verdict).toMatchObject({ shadowUnchanged: true });
    expect(Y.encodeStateVector(shadow)).toEqual(before);
    // The writer's own agency goes through as usual.
    const { shadow: s2, client: c2, last: l2 } = setup();
    writeNewEntry(c2, policeEntry());
    expect(inspectUpdate(s2, l2(), ctx(police))).toMatchObject({ ok: true });
  });

  it('an entry naming someone else as author', () => {
    const { shadow, client, last } = setup();
    writeNewEntry(client, policeEntry({ authorId: 'someone-else' }));
    expectRefused(inspectUpdate(shadow, last(), ctx(police)), 'UPDATE_REFUSED', /author/);
  });

  it('an entry stored under a key that is not its id', () => {
    const { shadow, client, last } = setup();
    const entry = policeEntry();
    getEntriesMap(client).set(testUuid(), entryText(storedEntryOf(entry)));
    expectRefused(inspectUpdate(shadow, last(), ctx(police)), 'UPDATE_REFUSED', /its own id/);
  });

  it('a change to another agency’s entry, even one that writes the same value', () => {
    const { shadow, client, existing, last } = setup();
    setRaw(client, existing.id, { summary: existing.summary });
    expectRefused(inspectUpdate(shadow, last(), ctx(school)), 'UPDATE_REFUSED', /your own agency/);
  });

  it.each(['agency', 'authorId', 'recordedAt', 'restricted', 'id'] as const)('a change of the immutable field %s', (field) => {
    const { shadow, client, existing, last } = setup();
    const value = field === 'restricted' ? true : field === 'recordedAt' ? '2024-01-01T00:00:00.000Z' : field === 'agency' ? 'thames-valley-police-2' : 'x';
    setRaw(client, existing.id, { [field]: value });
    expectRefused(inspectUpdate(shadow, last(), ctx(police)), 'UPDATE_REFUSED', new RegExp(`${field} cannot be changed`));
  });

  it('leaving out a field of an entry that holds a value', () => {
    const { shadow, client, existing, last } = setup(policeEntry({ detail: 'Seen at home' }));
    setRaw(client, existing.id, {}, ['detail']);
    expectRefused(inspectUpdate(shadow, last(), ctx(police)), 'UPDATE_REFUSED', /cannot be removed/);
  });

  it('deleting an entry', () => {
    const { shadow, client, existing, last } = setup();
    getEntriesMap(client).delete(existing.id);
    expectRefused(inspectUpdate(shadow, last(), ctx(police)), 'UPDATE_REFUSED', /never removed/);
  });

  it.each([
    ['a nested map per entry', (doc: Y.Doc, entry: Entry) => void writeOldShape(doc, entry)],
    ['one plain object per entry', (doc: Y.Doc, entry: Entry) => writeObjectShapeEntry(doc, entry)],
  ])('an entry written in an older shape (%s): a page of older code, refused before the shadow', (_shape, write) => {
    const { shadow, client, existing, last } = setup();
    const before = Y.encodeStateVector(shadow);
    write(client, policeEntry({ summary: 'Old page' }));
    const created = inspectUpdate(shadow, last(), ctx(police));
    expectRefused(created, 'OUTDATED_CLIENT', /reload/);
    expect(created).toMatchObject({ shadowUnchanged: true });
    expect(Y.encodeStateVector(shadow)).toEqual(before);
    // Replacing an entry's value in that shape, whatever it changes: the same.
    write(client, { ...existing, summary: 'Rewritten' });
    expectRefused(inspectUpdate(shadow, last(), ctx(police)), 'OUTDATED_CLIENT', /reload/);
    // The server's own writes are judged alike (no skim): an old shape is an outdated writer, not an entry.
    expectRefused(inspectTransaction(shadow, () => write(shadow, policeEntry()), ctx(police)), 'OUTDATED_CLIENT', /reload/);
  });

  it('a field written inside an entry of the old shape (a document not yet converted): refused as an outdated page', () => {
    const old = policeEntry();
    const shadow = new Y.Doc();
    const map = writeOldShape(shadow, old);
    expect(map.get('summary')).toBe(old.summary);
    const client = new Y.Doc();
    Y.applyUpdate(client, Y.encodeStateAsUpdate(shadow));
    const before = Y.encodeStateVector(client);
    (getEntriesMap(client).get(old.id) as Y.Map<unknown>).set('summary', 'Amended by an old page');
    expectRefused(inspectUpdate(shadow, Y.encodeStateAsUpdate(client, before), ctx(police)), 'OUTDATED_CLIENT', /reload/);
  });

  it('reinstating a withdrawn entry', () => {
    const withdrawn = policeEntry({ status: 'withdrawn', withdrawnReason: 'Duplicate' });
    const { shadow, client, last } = setup(withdrawn);
    amendEntry(client, withdrawn.id, { status: 'active', withdrawnReason: '' });
    expectRefused(inspectUpdate(shadow, last(), ctx(police)), 'UPDATE_REFUSED', /reinstated/);
  });

  it('a change that breaks the entry schema (withdrawn without a reason, empty summary)', () => {
    const a = setup();
    amendEntry(a.client, a.existing.id, { status: 'withdrawn' });
    expectRefused(inspectUpdate(a.shadow, a.last(), ctx(police)), 'UPDATE_REFUSED', /withdrawnReason/);
    const b = setup();
    amendEntry(b.client, b.existing.id, { summary: '' });
    expectRefused(inspectUpdate(b.shadow, b.last(), ctx(police)), 'UPDATE_REFUSED', /summary/);
  });

  it('a new entry that breaks the schema, or has a field the schema does not know', () => {
    const a = setup();
    writeNewEntry(a.client, policeEntry({ date: 'last tuesday' }));
    expectRefused(inspectUpdate(a.shadow, a.last(), ctx(police)), 'UPDATE_REFUSED', /invalid entry/);
    const b = setup();
    const entry = policeEntry();
    b.client.transact(() => {
      writeNewEntry(b.client, entry);
      setRaw(b.client, entry.id, { colour: 'red' });
    });
    expectRefused(inspectUpdate(b.shadow, b.last(), ctx(police)), 'UPDATE_REFUSED', /colour/);
  });

  it('a field that is not text or a boolean (number, list, object), or an entry that is not one object', () => {
    for (const value of [42, ['a'], { nested: 'x' }, null]) {
      const a = setup();
      setRaw(a.client, a.existing.id, { detail: value });
      expectRefused(inspectUpdate(a.shadow, a.last(), ctx(police)), 'UPDATE_REFUSED', /only text or true\/false/);
    }
    const b = setup();
    getEntriesMap(b.client).set(b.existing.id, new Y.Text('nested'));
    expectRefused(inspectUpdate(b.shadow, b.last(), ctx(police)), 'UPDATE_REFUSED', /each one value/);
    for (const value of ['just text', true]) {
      const c = setup();
      getEntriesMap(c.client).set(testUuid(), value);
      expectRefused(inspectUpdate(c.shadow, c.last(), ctx(police)), 'UPDATE_REFUSED', /one JSON/);
    }
  });

  it('entry text that is not exactly the one JSON form of known text and true/false fields', () => {
    const fields = storedEntryOf(policeEntry());
    const canonical = entryText(fields);
    const cases: Array<[string, RegExp]> = [
      ['{"id": "x"', /does not parse/],
      ['["a list"]', /one JSON object/],
      ['"text"', /one JSON object/],
      ['null', /one JSON object/],
      [JSON.stringify({ ...fields, colour: 'red' }), /no field colour/],
      [JSON.stringify({ ...fields, detail: 42 }), /detail: .*only text or true\/false/],
      [JSON.stringify(fields, null, 1), /one JSON form/],
      [JSON.stringify(Object.fromEntries(Object.entries(fields).reverse())), /one JSON form/],
      // A repeated key: JSON.parse keeps the last, a reader of the first would see another summary.
      [canonical.replace('"summary":', '"summary":"hidden","summary":'), /one JSON form/],
      [canonical.replace('"detail":""', `"detail":"${'x'.repeat(MAX_ENTRY_TEXT)}"`), /too large/],
    ];
    for (const [text, reason] of cases) {
      const { shadow, client, last } = setup();
      getEntriesMap(client).set(fields.id as string, text);
      expectRefused(inspectUpdate(shadow, last(), ctx(police, { limits: { ...DEFAULT_LIMITS, maxMessageBytes: 2 * MAX_ENTRY_TEXT } })), 'UPDATE_REFUSED', reason);
    }
    // The one form itself is accepted.
    const ok = setup();
    getEntriesMap(ok.client).set(fields.id as string, canonical);
    expect(inspectUpdate(ok.shadow, ok.last(), ctx(police))).toMatchObject({ ok: true });
  });

  it('a new top-level type, or list content in the entries map', () => {
    const a = setup();
    a.client.getMap('other').set('x', 'y');
    expectRefused(inspectUpdate(a.shadow, a.last(), ctx(police)), 'UPDATE_REFUSED', /only the entries map/);
    const b = setup();
    const rogue = new Y.Doc();
    Y.applyUpdate(rogue, Y.encodeStateAsUpdate(b.shadow));
    const before = Y.encodeStateVector(rogue);
    rogue.getArray('entries').insert(0, ['x']);
    expectRefused(inspectUpdate(b.shadow, Y.encodeStateAsUpdate(rogue, before), ctx(police)), 'UPDATE_REFUSED', /keyed by entry id/);
  });

  it('restricted entries only in their agency’s restricted document, and nothing else there', () => {
    const a = setup();
    writeNewEntry(a.client, policeEntry({ restricted: true }));
    expectRefused(inspectUpdate(a.shadow, a.last(), ctx(police)), 'UPDATE_REFUSED', /restricted document/);
    const b = setup(policeEntry({ restricted: true }));
    writeNewEntry(b.client, policeEntry());
    expectRefused(inspectUpdate(b.shadow, b.last(), ctx(police, { restrictedAgency: 'thames-valley-police' })), 'UPDATE_REFUSED', /only restricted/);
    const c = setup(policeEntry({ restricted: true }));
    writeNewEntry(c.client, policeEntry({ restricted: true }));
    expectRefused(inspectUpdate(c.shadow, c.last(), ctx(police, { restrictedAgency: 'northway-primary' })), 'UPDATE_REFUSED', /another agency/);
  });

  it('anything at all from a read-only connection', () => {
    const { shadow, client, existing, last } = setup();
    amendEntry(client, existing.id, { detail: 'more' });
    expectRefused(inspectUpdate(shadow, last(), ctx(police, { readOnly: true })), 'UPDATE_REFUSED', /read-only/);
  });

  it('an update whose dependencies the server lacks, before applying anything', () => {
    const { shadow, client, existing, updates } = setup();
    amendEntry(client, existing.id, { detail: 'one' });
    amendEntry(client, existing.id, { detail: 'two' });
    const before = Y.encodeStateAsUpdate(shadow);
    const verdict = inspectUpdate(shadow, updates[1]!, ctx(police));
    expectRefused(verdict, 'MISSING_DEPENDENCIES');
    expect(verdict).toMatchObject({ shadowUnchanged: true });
    expect(Y.encodeStateAsUpdate(shadow)).toEqual(before);
  });

  it('an update whose items refer to content of another client the server lacks (pending structs)', () => {
    const { shadow, existing } = setup();
    const alice = new Y.Doc();
    Y.applyUpdate(alice, Y.encodeStateAsUpdate(shadow));
    amendEntry(alice, existing.id, { detail: 'alice' });
    const bob = new Y.Doc();
    Y.applyUpdate(bob, Y.encodeStateAsUpdate(alice));
    const bobBefore = Y.encodeStateVector(bob);
    amendEntry(bob, existing.id, { detail: 'bob overwrites alice' });
    expectRefused(inspectUpdate(shadow, Y.encodeStateAsUpdate(bob, bobBefore), ctx(police)), 'MISSING_DEPENDENCIES');
    expect(shadow.store.pendingStructs).not.toBeNull(); // the caller rebuilds this shadow
  });

  it('V2-encoded bytes, garbage and oversize updates', () => {
    const { shadow, client } = setup();
    writeNewEntry(client, policeEntry());
    const v2 = Y.encodeStateAsUpdateV2(client, Y.encodeStateVector(shadow));
    expectRefused(inspectUpdate(shadow, v2, ctx(police)), 'MALFORMED_MESSAGE');
    expectRefused(inspectUpdate(shadow, Y.encodeStateAsUpdateV2(new Y.Doc()), ctx(police)), 'MALFORMED_MESSAGE');
    expectRefused(inspectUpdate(new Y.Doc(), new Uint8Array([0xff, 0xff, 0xff]), ctx(police)), 'MALFORMED_MESSAGE');
    const big = new Uint8Array(DEFAULT_LIMITS.maxMessageBytes + 1);
    expectRefused(inspectUpdate(new Y.Doc(), big, ctx(police)), 'MESSAGE_TOO_LARGE');
  });

  it('random bytes never throw and never leave pending state accepted', () => {
    let seed = 42;
    const random = () => ((seed = (seed * 1103515245 + 12345) % 2 ** 31) / 2 ** 31);
    for (let i = 0; i < 500; i++) {
      const bytes = new Uint8Array(1 + Math.floor(random() * 64)).map(() => Math.floor(random() * 256));
      const shadow = new Y.Doc();
      const verdict = inspectUpdate(shadow, bytes, ctx(police));
      if (verdict.ok) expect(shadow.store.pendingStructs).toBeNull();
    }
  });

  it('writing under a Yjs client id that another principal already uses', () => {
    const { shadow, client, existing, last } = setup();
    amendEntry(client, existing.id, { detail: 'mine' });
    const verdict = inspectUpdate(shadow, last(), ctx(police2, { clientOwner: (c) => (c === client.clientID ? police.id : undefined) }));
    expectRefused(verdict, 'UPDATE_REFUSED', /client id/);
  });

  it('more entries than the document may hold', () => {
    const { shadow, client, last } = setup();
    writeNewEntry(client, policeEntry());
    expectRefused(
      inspectUpdate(shadow, last(), ctx(police, { limits: { ...DEFAULT_LIMITS, maxEntriesPerDoc: 1 } })),
      'UPDATE_REFUSED',
      /at most 1 entries/,
    );
  });
});
