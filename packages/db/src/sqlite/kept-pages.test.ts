// Pages of entries kept on the store's side of the event loop (../kept-pages.ts): served again only for exactly
// the same question while the chronology's entry version is the one they were read at; never for another
// chronology, another agency's reader, another filter, cursor or size; never after a change.
import { randomBytes } from 'node:crypto';
import { mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterEach, beforeEach, describe, expect, it } from 'vitest';
import { dateBounds, type Entry } from '@mac/domain';
import { buildEntry } from '@mac/domain/testing';
import type { EntryPageQuery } from '../entry-pages.js';
import type { EntryProjectionInput } from '../repos/entries.js';
import { openSqliteStore, type SqliteStore } from './store.js';

let dir: string;
let store: SqliteStore;
let chronologyId: string;
let otherId: string;
beforeEach(async () => {
  dir = mkdtempSync(join(tmpdir(), 'mac-kept-pages-'));
  // Inline: the same client code as with workers (the lanes and point reads), without the threads' start-up.
  store = await openSqliteStore({ dataDir: dir }, { auditKey: new Uint8Array(randomBytes(32)), thread: 'inline' });
  await store.repos.agencies.upsert({ slug: 'thames-valley-police', name: 'Thames Valley Police', kind: 'police' });
  await store.repos.agencies.upsert({ slug: 'northway-primary', name: 'Northway Primary School', kind: 'education' });
  const lead = await store.repos.users.create({ email: 'lead@northway.example', name: 'Lena Lead', role: 'lead', agency: 'northway-primary', passwordHash: null });
  const create = async () =>
    (await store.repos.chronologies.create({ child: { givenName: 'Ada', familyName: 'Example', dateOfBirth: '2015-03-27' }, leadUserId: lead.id, memberAgencies: ['northway-primary', 'thames-valley-police'], addedBy: lead.id })).id;
  chronologyId = await create();
  otherId = await create();
});
afterEach(async () => {
  await store.close();
  rmSync(dir, { recursive: true, force: true });
});

const row = (chronology: string, docName: string, overrides: Partial<Entry>): EntryProjectionInput => {
  const entry = buildEntry(overrides);
  const { first, last } = dateBounds(entry.date);
  return { ...entry, chronologyId: chronology, docName, dateFirst: first, dateLast: last, updatedBy: 'u1' };
};
/** Replaces a document's rows (a unit of work of the port: every change goes through the store). */
const put = (docName: string, rows: EntryProjectionInput[]) => store.rebuildDoc(docName, rows);
const shared = (id: string) => id;
const policeOnly = (id: string) => `${id}/restricted/thames-valley-police`;

const school: EntryPageQuery = { limit: 500, restrictedVisibleTo: 'northway-primary' };
const police: EntryPageQuery = { limit: 500, restrictedVisibleTo: 'thames-valley-police' };
const summaries = async (id: string, q: EntryPageQuery) => (JSON.parse(Buffer.from((await store.repos.entries.page(id, q)).json).toString('utf8')) as Entry[]).map((e) => e.summary);
const hits = () => store.stats().keptPageHits;

describe('pages kept on the event loop', () => {
  it('answers the same question again without the read lane, and reads afresh after any change', async () => {
    await put(shared(chronologyId), [row(chronologyId, shared(chronologyId), { id: 'a', summary: 'Before', date: '2023-04-05' })]);
    expect(await summaries(chronologyId, school)).toEqual(['Before']);
    const { reads } = store.stats();
    expect(await summaries(chronologyId, school)).toEqual(['Before']);
    expect(hits()).toBe(1);
    expect(store.stats().reads).toBe(reads);
    // An amendment, a new entry, entries removed (a rebuild): each moves the version.
    await put(shared(chronologyId), [row(chronologyId, shared(chronologyId), { id: 'a', summary: 'After', date: '2023-04-05' })]);
    expect(await summaries(chronologyId, school)).toEqual(['After']);
    await put(shared(chronologyId), [
      row(chronologyId, shared(chronologyId), { id: 'a', summary: 'After', date: '2023-04-05' }),
      row(chronologyId, shared(chronologyId), { id: 'b', summary: 'Added', date: '2023-04-06' }),
    ]);
    expect(await summaries(chronologyId, school)).toEqual(['After', 'Added']);
    await put(shared(chronologyId), []);
    expect(await summaries(chronologyId, school)).toEqual([]);
    // A change in a restricted document moves the same version (one per chronology).
    await put(policeOnly(chronologyId), [row(chronologyId, policeOnly(chronologyId), { id: 'p', agency: 'thames-valley-police', restricted: true, summary: 'Police only' })]);
    expect(await summaries(chronologyId, police)).toEqual(['Police only']);
    expect(await summaries(chronologyId, school)).toEqual([]);
    expect(hits()).toBe(1);
  });

  it("never answers one chronology's, agency's, filter's, cursor's or size's question with another's page", async () => {
    await put(shared(chronologyId), [
      row(chronologyId, shared(chronologyId), { id: 'o1', agency: 'northway-primary', summary: 'Open one', date: '2023-04-01' }),
      row(chronologyId, shared(chronologyId), { id: 'o2', agency: 'northway-primary', summary: 'Open two', date: '2023-04-02' }),
    ]);
    await put(policeOnly(chronologyId), [row(chronologyId, policeOnly(chronologyId), { id: 'p', agency: 'thames-valley-police', restricted: true, summary: 'Police only', date: '2023-04-03' })]);
    await put(shared(otherId), [row(otherId, shared(otherId), { id: 'x', summary: 'Another child', date: '2023-04-01' })]);
    for (let round = 0; round < 2; round++) {
      expect(await summaries(chronologyId, police)).toEqual(['Open one', 'Open two', 'Police only']);
      expect(await summaries(chronologyId, school)).toEqual(['Open one', 'Open two']);
      // A reader by a break-glass grant: no agency's restricted entries.
      expect(await summaries(chronologyId, { limit: 500, restrictedVisibleTo: '' })).toEqual(['Open one', 'Open two']);
      expect(await summaries(otherId, police)).toEqual(['Another child']);
      expect(await summaries(chronologyId, { ...police, limit: 1 })).toEqual(['Open one']);
      const first = await store.repos.entries.page(chronologyId, { ...police, limit: 1 });
      expect(await summaries(chronologyId, { ...police, limit: 1, after: first.last! })).toEqual(['Open two']);
      expect(await summaries(chronologyId, { ...police, text: 'police' })).toEqual(['Police only']);
      expect(await summaries(chronologyId, { ...police, agencies: ['northway-primary'] })).toEqual(['Open one', 'Open two']);
    }
    // The second round came from kept pages: eight questions, the first-page-of-one asked twice a round.
    expect(hits()).toBeGreaterThanOrEqual(8);
  });
});
