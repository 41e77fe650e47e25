// Pages of entries kept on the store's client (kept-pages.ts), against a real database of each backend
// (sqlite/kept-pages.test.ts, pg/kept-pages.test.ts): served again only for exactly the same question while
// the chronology's entry version is the one they were read at; never for another chronology, another
// agency's reader, a break-glass reader, another filter, cursor or size; never after any kind of change
// (an entry added, amended, withdrawn, in a restricted document, imported; a document rebuilt; rows
// written or removed by the repositories). Port calls only, so the cases are the same on both backends.
//
// Each case fails if the version check is dropped (a stale page is served after a change), if the key
// loses a value (another question's page is served), or if nothing is kept (the hit count does not move).
import { randomUUID } from 'node:crypto';
import { type Entry } from '@mac/domain';
import { buildEntry } from '@mac/domain/testing';
import { afterAll, beforeAll, beforeEach, describe, expect, it } from 'vitest';
import type { EntryPageQuery } from './entry-pages.js';
import type { PersistWrite, Store } from './port.js';
import { projectionOf } from './units.js';

export interface KeptPagesSubject {
  store: Store;
  /** Pages served from those kept on the client, since opening. */
  hits(): number;
  /** Calls that read from the database beyond the version (a page read), since opening. */
  pageReads(): number;
  /** Versions the kept pages asked of the database for themselves, since opening. */
  versionReads(): number;
}

const school: EntryPageQuery = { limit: 500, restrictedVisibleTo: 'northway-primary' };
const police: EntryPageQuery = { limit: 500, restrictedVisibleTo: 'thames-valley-police' };
const shared = (id: string) => id;
const policeOnly = (id: string) => `${id}/restricted/thames-valley-police`;

export function describeKeptPagesContract(name: string, open: () => Promise<KeptPagesSubject>): void {
  describe(`pages kept on the store's client: ${name}`, () => {
    let subject: KeptPagesSubject;
    let store: Store;
    let chronologyId: string;
    let otherId: string;
    beforeAll(async () => {
      subject = await open();
      store = subject.store;
      await store.repos.agencies.upsert({ slug: 'thames-valley-police', name: 'Thames Valley Police', kind: 'police' });
      await store.repos.agencies.upsert({ slug: 'northway-primary', name: 'Northway Primary School', kind: 'education' });
    });
    afterAll(async () => {
      await store?.close();
    });
    beforeEach(async () => {
      const lead = await store.repos.users.create({ email: `lead-${randomUUID()}@northway.example`, name: 'Lena Lead', role: 'lead', agency: 'northway-primary', passwordHash: null });
      const create = async () =>
        (await store.repos.chronologies.create({ child: { givenName: 'Ada', familyName: 'Example', dateOfBirth: '2015-03-27' }, leadUserId: lead.id, memberAgencies: ['northway-primary', 'thames-valley-police'], addedBy: lead.id })).id;
      chronologyId = await create();
      otherId = await create();
    });

    const row = (chronology: string, docName: string, overrides: Partial<Entry>) => projectionOf(chronology, docName, buildEntry(overrides), 'u1');
    /** Replaces a document's rows (a rebuild: every change goes through the store). */
    const put = (docName: string, rows: ReturnType<typeof row>[]) => store.rebuildDoc(docName, rows);
    let n = 0;
    /** One write through the write path's unit of work: a change of `kind` to `after`. */
    const persist = (docName: string, kind: 'create' | 'amend' | 'withdraw', after: Entry, before: Entry | null, meta: PersistWrite['meta'] = { via: 'rest', ip: null }) =>
      store.persistBatch([
        {
          docName,
          chronologyId,
          update: new Uint8Array([++n % 256, 1, 2]),
          claims: [],
          actor: { id: 'u-police', name: 'Pat Police', agency: after.agency },
          meta,
          changes: [{ entryId: after.id, kind, before, after, fields: kind === 'create' ? ['summary'] : ['summary', 'status'] }],
        },
      ]);
    // How the server asks (services/entry-pages.ts): with the version its access read gave, or without.
    let withAccess = false;
    const pageOf = async (id: string, q: EntryPageQuery) => {
      if (!withAccess) return store.repos.entries.page(id, q);
      const access = await store.repos.chronologies.access(id, new Date().toISOString());
      return store.repos.entries.page(id, q, access!.entryVersion);
    };
    const summaries = async (id: string, q: EntryPageQuery) => (JSON.parse(Buffer.from((await pageOf(id, q)).json).toString('utf8')) as Entry[]).map((e) => e.summary);

    it.each([
      ['the store asks for the version', false],
      ["the version comes with the chronology's access read", true],
    ])('answers the same question again without reading the page, and reads afresh after every kind of change (%s)', async (_how, access) => {
      withAccess = access;
      const versionReads = subject.versionReads();
      const first = buildEntry({ id: `a-${randomUUID()}`, agency: 'northway-primary', summary: 'Before', date: '2023-04-05' });
      await persist(shared(chronologyId), 'create', first, null);
      expect(await summaries(chronologyId, school)).toEqual(['Before']);
      const [hits, reads] = [subject.hits(), subject.pageReads()];
      expect(await summaries(chronologyId, school)).toEqual(['Before']);
      expect(subject.hits()).toBe(hits + 1);
      expect(subject.pageReads()).toBe(reads);
      // Each change below is followed by a read of the same question, which must show it.
      const amended = { ...first, summary: 'Amended' };
      await persist(shared(chronologyId), 'amend', amended, first);
      expect(await summaries(chronologyId, school)).toEqual(['Amended']);
      const added = buildEntry({ id: `b-${randomUUID()}`, agency: 'northway-primary', summary: 'Added', date: '2023-04-06' });
      await persist(shared(chronologyId), 'create', added, null);
      expect(await summaries(chronologyId, school)).toEqual(['Amended', 'Added']);
      await persist(shared(chronologyId), 'withdraw', { ...added, status: 'withdrawn', withdrawnReason: 'Entered in error' }, added);
      expect(await summaries(chronologyId, school)).toEqual(['Amended']);
      const imported = buildEntry({ id: `i-${randomUUID()}`, agency: 'northway-primary', summary: 'Imported', date: '2023-04-07' });
      await persist(shared(chronologyId), 'create', imported, null, { via: 'import', ip: null, importId: `imp-${randomUUID()}` });
      expect(await summaries(chronologyId, school)).toEqual(['Amended', 'Imported']);
      // A change in a restricted document moves the same version (one per chronology): its agency sees it
      // at once; the other agency's page is read again and still shows nothing of it.
      expect(await summaries(chronologyId, police)).toEqual(['Amended', 'Imported']);
      const secret = buildEntry({ id: `p-${randomUUID()}`, agency: 'thames-valley-police', restricted: true, summary: 'Police only', date: '2023-04-08' });
      await persist(policeOnly(chronologyId), 'create', secret, null);
      expect(await summaries(chronologyId, police)).toEqual(['Amended', 'Imported', 'Police only']);
      expect(await summaries(chronologyId, school)).toEqual(['Amended', 'Imported']);
      await persist(policeOnly(chronologyId), 'amend', { ...secret, summary: 'Police only, amended' }, secret);
      expect(await summaries(chronologyId, police)).toEqual(['Amended', 'Imported', 'Police only, amended']);
      // A rebuild that removes rows, and the repositories' own writes.
      await put(shared(chronologyId), [row(chronologyId, shared(chronologyId), { id: 'r', summary: 'Rebuilt', date: '2023-04-05' })]);
      expect(await summaries(chronologyId, school)).toEqual(['Rebuilt']);
      await store.repos.entries.upsert(row(chronologyId, shared(chronologyId), { id: 'r', summary: 'Upserted', date: '2023-04-05' }));
      expect(await summaries(chronologyId, school)).toEqual(['Upserted']);
      await store.repos.entries.deleteForDoc(shared(chronologyId));
      expect(await summaries(chronologyId, school)).toEqual([]);
      expect(await summaries(chronologyId, police)).toEqual(['Police only, amended']);
      // Only the one read of an unchanged chronology came from a kept page.
      expect(subject.hits()).toBe(hits + 1);
      // The version the access read gave was the whole check: nothing more asked of the database.
      if (access) expect(subject.versionReads()).toBe(versionReads);
      else expect(subject.versionReads()).toBeGreaterThan(versionReads);
    });

    it("reads the chronology's entry version with its access: 0 before any entry, moved by every change", async () => {
      const at = () => new Date().toISOString();
      const versionNow = async () => (await store.repos.chronologies.access(chronologyId, at()))!.entryVersion;
      expect(await versionNow()).toBe(0);
      const entry = buildEntry({ id: `v-${randomUUID()}`, agency: 'northway-primary', summary: 'One' });
      await persist(shared(chronologyId), 'create', entry, null);
      const one = await versionNow();
      expect(one).toBeGreaterThan(0);
      expect((await store.repos.chronologies.access(otherId, at()))!.entryVersion).toBe(0);
      await persist(shared(chronologyId), 'amend', { ...entry, summary: 'Two' }, entry);
      expect(await versionNow()).toBeGreaterThan(one);
    });

    it("never answers one chronology's, agency's, filter's, cursor's or size's question with another's page", async () => {
      await put(shared(chronologyId), [
        row(chronologyId, shared(chronologyId), { id: 'o1', agency: 'northway-primary', summary: 'Open one', date: '2023-04-01' }),
        row(chronologyId, shared(chronologyId), { id: 'o2', agency: 'northway-primary', summary: 'Open two', date: '2023-04-02' }),
      ]);
      await put(policeOnly(chronologyId), [row(chronologyId, policeOnly(chronologyId), { id: 'p', agency: 'thames-valley-police', restricted: true, summary: 'Police only', date: '2023-04-03' })]);
      await put(shared(otherId), [row(otherId, shared(otherId), { id: 'x', summary: 'Another child', date: '2023-04-01' })]);
      const hits = subject.hits();
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
        expect(await summaries(chronologyId, { ...police, categories: [] })).toEqual([]);
        expect(await summaries(chronologyId, { ...police, from: '2023-04-02' })).toEqual(['Open two', 'Police only']);
      }
      // The second round came from kept pages: nine non-empty questions, the first-page-of-one asked twice a round.
      expect(subject.hits() - hits).toBeGreaterThanOrEqual(9);
    });
  });
}
