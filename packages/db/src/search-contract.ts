// The search part of the storage port's contract (issue 15, item 6), run against both adapters: SQLite
// (repos/search.test.ts) and PostgreSQL (pg/search.test.ts). Port calls only. What it holds each adapter
// to: who sees what (memberships, restricted entries, break-glass grants, withdrawn entries), an index
// that follows amendments, withdrawals, rebuilt and disposed documents, the person's text never read as
// syntax, ranking, snippets and pages.
import { randomUUID } from 'node:crypto';
import { dateBounds, parseSearchQuery, snippetSegments, type Entry } from '@mac/domain';
import { buildEntry } from '@mac/domain/testing';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import type { Store } from './port.js';
import type { EntrySearchHit } from './repos/search.js';

const POLICE = 'thames-valley-police';
const SCHOOL = 'northway-primary';
const HEALTH = 'oxford-health-hv';

/** A word nobody else's test data holds (letters only: digits would make the stemmer's life dull). */
function word(): string {
  return `zq${randomUUID().replace(/[^a-f]/g, '').slice(0, 10)}`;
}

export function describeSearchContract(name: string, open: () => Promise<Store>): void {
  describe(`storage port contract, search: ${name}`, () => {
    let store: Store;
    const now = new Date().toISOString();
    const users: Record<'police' | 'school' | 'health', string> = { police: '', school: '', health: '' };

    beforeAll(async () => {
      store = await open();
      const r = store.repos;
      await r.agencies.upsert({ slug: POLICE, name: 'Thames Valley Police', kind: 'police' });
      await r.agencies.upsert({ slug: SCHOOL, name: 'Northway Primary School', kind: 'education' });
      await r.agencies.upsert({ slug: HEALTH, name: 'Oxford Health', kind: 'health-visiting' });
      users.police = (await r.users.create({ email: `p-${randomUUID()}@tvp.example`, name: 'Pat Police', role: 'practitioner', agency: POLICE, passwordHash: null })).id;
      users.school = (await r.users.create({ email: `s-${randomUUID()}@school.example`, name: 'Sam School', role: 'lead', agency: SCHOOL, passwordHash: null })).id;
      users.health = (await r.users.create({ email: `h-${randomUUID()}@health.example`, name: 'Hana Health', role: 'lead', agency: HEALTH, passwordHash: null })).id;
    });
    afterAll(async () => {
      await store?.close();
    });

    async function chronology(givenName: string, lead: string, members: string[]) {
      return store.repos.chronologies.create({ child: { givenName, familyName: 'Search' }, leadUserId: lead, memberAgencies: members, addedBy: lead });
    }

    function row(chronologyId: string, entry: Entry) {
      const docName = entry.restricted ? `${chronologyId}/restricted/${entry.agency}` : chronologyId;
      const { first, last } = dateBounds(entry.date);
      return { ...entry, chronologyId, docName, dateFirst: first, dateLast: last, updatedBy: 'u1' };
    }

    async function put(chronologyId: string, overrides: Partial<Entry>): Promise<Entry> {
      const entry = buildEntry({ id: `e-${randomUUID()}`, ...overrides });
      await store.repos.entries.upsert(row(chronologyId, entry));
      return entry;
    }

    async function search(text: string, reader: keyof typeof users | { userId: string; agency: string }, page = { limit: 50, offset: 0 }): Promise<EntrySearchHit[]> {
      const parsed = parseSearchQuery(text);
      if (!parsed.ok) throw new Error(`not a search: ${parsed.message}`);
      const who = typeof reader === 'string' ? { userId: users[reader], agency: { police: POLICE, school: SCHOOL, health: HEALTH }[reader] } : reader;
      return store.repos.search.entries({ query: parsed.query, reader: who, at: now, ...page });
    }

    const ids = (hits: EntrySearchHit[]) => hits.map((h) => h.entryId).sort();

    it('finds only what the reader may see: member chronologies, own restricted entries, running grants (shared entries only), never withdrawn ones', async () => {
      const w = word();
      const shared = await chronology('Ada', users.school, [SCHOOL, POLICE]);
      const notMine = await chronology('Bea', users.health, [HEALTH]);
      const granted = await chronology('Cal', users.health, [HEALTH]);
      const expired = await chronology('Dee', users.health, [HEALTH]);
      const text = { summary: `Seen at home ${w}` };
      const schoolShared = await put(shared.id, { ...text, agency: SCHOOL });
      const policeRestricted = await put(shared.id, { ...text, agency: POLICE, restricted: true });
      const schoolRestricted = await put(shared.id, { ...text, agency: SCHOOL, restricted: true });
      const withdrawn = await put(shared.id, { ...text, agency: SCHOOL, status: 'withdrawn', withdrawnReason: 'Wrong child' });
      await put(notMine.id, { ...text, agency: HEALTH });
      const grantedShared = await put(granted.id, { ...text, agency: HEALTH });
      await put(granted.id, { ...text, agency: HEALTH, restricted: true });
      // The police's own restricted entry in a chronology they read only by emergency access (their
      // agency was a member once): emergency access is to the shared record, so not this either.
      await put(granted.id, { ...text, agency: POLICE, restricted: true });
      await put(expired.id, { ...text, agency: HEALTH });
      const hour = 3_600_000;
      await store.repos.breakGlass.create({ chronologyId: granted.id, userId: users.police, reason: 'Emergency at A&E overnight', grantedAt: new Date(Date.now() - hour / 2).toISOString(), expiresAt: new Date(Date.now() + hour / 2).toISOString() });
      await store.repos.breakGlass.create({ chronologyId: expired.id, userId: users.police, reason: 'Emergency at A&E last week', grantedAt: new Date(Date.now() - 3 * hour).toISOString(), expiresAt: new Date(Date.now() - 2 * hour).toISOString() });

      expect(ids(await search(w, 'police'))).toEqual([schoolShared.id, policeRestricted.id, grantedShared.id].sort());
      expect(ids(await search(w, 'school'))).toEqual([schoolShared.id, schoolRestricted.id].sort());
      // The grant is the user's, not the agency's: a colleague of the same agency sees no granted chronology.
      expect(ids(await search(w, { userId: `someone-else-${randomUUID()}`, agency: POLICE }))).toEqual([schoolShared.id, policeRestricted.id].sort());
      expect(withdrawn.status).toBe('withdrawn');
      // Each hit says where it is.
      const hit = (await search(w, 'school')).find((h) => h.entryId === schoolRestricted.id)!;
      expect(hit).toMatchObject({ chronologyId: shared.id, childGivenName: 'Ada', childFamilyName: 'Search', docName: `${shared.id}/restricted/${SCHOOL}`, agency: SCHOOL, restricted: true, date: schoolRestricted.date, category: schoolRestricted.category, summary: text.summary });
      // Membership ends: so does finding its entries.
      await store.repos.chronologies.removeMember(shared.id, POLICE);
      expect(ids(await search(w, 'police'))).toEqual([grantedShared.id]);
    });

    it('follows amendments, withdrawals, rebuilt documents and disposal: old text is never found', async () => {
      const [before, after, kept] = [word(), word(), word()];
      const c = await chronology('Eve', users.school, [SCHOOL]);
      const entry = await put(c.id, { agency: SCHOOL, summary: `Concern ${before}`, detail: `Detail ${kept}` });
      expect(ids(await search(before, 'school'))).toEqual([entry.id]);
      // An amendment through the write path (persistBatch), as every server write is stored.
      const amended = { ...entry, summary: `Concern ${after}` };
      await store.persistBatch([
        { docName: c.id, chronologyId: c.id, update: new Uint8Array([1, 2, 3]), claims: [], actor: { id: users.school, name: 'Sam School', agency: SCHOOL }, meta: { via: 'rest', ip: null }, changes: [{ entryId: entry.id, kind: 'amend', before: entry, after: amended, fields: ['summary'] }] },
      ]);
      expect(await search(before, 'school')).toEqual([]);
      expect(ids(await search(after, 'school'))).toEqual([entry.id]);
      expect(ids(await search(kept, 'school'))).toEqual([entry.id]);
      const withdrawn = { ...amended, status: 'withdrawn' as const, withdrawnReason: `Recorded in error ${after}` };
      await store.persistBatch([
        { docName: c.id, chronologyId: c.id, update: new Uint8Array([4]), claims: [], actor: { id: users.school, name: 'Sam School', agency: SCHOOL }, meta: { via: 'rest', ip: null }, changes: [{ entryId: entry.id, kind: 'withdraw', before: amended, after: withdrawn, fields: ['status', 'withdrawnReason'] }] },
      ]);
      expect(await search(after, 'school')).toEqual([]);
      expect(await search(kept, 'school')).toEqual([]);

      // A document's projection rebuilt from its log: the rows it had leave the index with it.
      const [stale, fresh] = [word(), word()];
      await put(c.id, { agency: SCHOOL, summary: `Stale ${stale}` });
      const rebuilt = buildEntry({ id: `e-${randomUUID()}`, agency: SCHOOL, summary: `Fresh ${fresh}` });
      await store.rebuildDoc(c.id, [row(c.id, rebuilt)]);
      expect(await search(stale, 'school')).toEqual([]);
      expect(ids(await search(fresh, 'school'))).toEqual([rebuilt.id]);
      expect(await store.repos.search.rebuildIndex()).toBeGreaterThan(0);
      expect(ids(await search(fresh, 'school'))).toEqual([rebuilt.id]);
      await store.repos.chronologies.dispose(c.id);
      expect(await search(fresh, 'school')).toEqual([]);
    });

    it('words in any form, phrases and left-out terms, in every text field', async () => {
      const w = word();
      const c = await chronology('Fay', users.school, [SCHOOL]);
      const bruised = await put(c.id, { agency: SCHOOL, summary: `Bruised arm noticed ${w}` });
      const phrase = await put(c.id, { agency: SCHOOL, summary: `Report ${w}`, detail: 'Reported missing from home overnight' });
      const voice = await put(c.id, { agency: SCHOOL, summary: `Talked ${w}`, childsVoice: 'Said she felt frightened at night' });
      const impact = await put(c.id, { agency: SCHOOL, summary: `Impact ${w}`, impactOnChild: 'Sleeping badly' });
      const action = await put(c.id, { agency: SCHOOL, summary: `Action ${w}`, actionTaken: 'Referred to early help' });
      const ref = await put(c.id, { agency: SCHOOL, summary: `Ref ${w}`, sourceRef: 'Ticket Borealis' });
      expect(ids(await search(`bruise ${w}`, 'school'))).toEqual([bruised.id]);
      expect(ids(await search(`"missing from home" ${w}`, 'school'))).toEqual([phrase.id]);
      expect(await search(`"home from missing" ${w}`, 'school')).toEqual([]);
      expect(ids(await search(`frightened ${w}`, 'school'))).toEqual([voice.id]);
      expect(ids(await search(`sleeping ${w}`, 'school'))).toEqual([impact.id]);
      expect(ids(await search(`referred ${w}`, 'school'))).toEqual([action.id]);
      expect(ids(await search(`borealis ${w}`, 'school'))).toEqual([ref.id]);
      expect(ids(await search(`${w} -bruised -"early help"`, 'school'))).toEqual([phrase.id, voice.id, impact.id, ref.id].sort());
      expect(ids(await search(`${w.toUpperCase()}`, 'school'))).toHaveLength(6);
    });

    it('reads what a person types as words, never as syntax of either database', async () => {
      const w = word();
      const c = await chronology('Gil', users.school, [SCHOOL]);
      const entry = await put(c.id, { agency: SCHOOL, summary: `Quoted "text" AND( near ${w}`, detail: 'summary: colon * star' });
      for (const hostile of ['"', 'AND(', 'NEAR(a b', 'a OR', '*', 'summary:colon', "'); drop table entries; --", '!! & | <-> :*', 'NOT', '^x', '{summary}: a', '"" ""', 'x"y', `${w}*`, `-${w} ok`]) {
        const parsed = parseSearchQuery(hostile);
        if (!parsed.ok) continue; // refused before any database sees it (the server answers 422)
        await expect(store.repos.search.entries({ query: parsed.query, reader: { userId: users.school, agency: SCHOOL }, at: now, limit: 5, offset: 0 }), hostile).resolves.toBeInstanceOf(Array);
      }
      expect(ids(await search(`near AND( ${w}`, 'school'))).toEqual([entry.id]);
      expect(ids(await search(`${w}*`, 'school'))).toEqual([entry.id]);
      expect(ids(await search(`colon ${w}`, 'school'))).toEqual([entry.id]);
    });

    it('ranks a match in the summary above one in the detail, marks the matches in a snippet, and pages without overlap', async () => {
      const w = word();
      const c = await chronology('Hal', users.school, [SCHOOL]);
      const inDetail = await put(c.id, { agency: SCHOOL, summary: 'Routine visit', detail: `Long account of the visit in which ${w} came up once among many other things said and done that day` });
      const inSummary = await put(c.id, { agency: SCHOOL, summary: `Disclosure about ${w}` });
      const hits = await search(w, 'school');
      expect(hits.map((h) => h.entryId)).toEqual([inSummary.id, inDetail.id]);
      const marked = snippetSegments(hits[1]!.snippet).filter((s) => s.match).map((s) => s.text.toLowerCase());
      expect(marked).toContain(w);
      expect(hits[1]!.snippet).toContain('came up once');

      for (let i = 0; i < 7; i++) await put(c.id, { agency: SCHOOL, summary: `Page ${i} ${w}` });
      const all = await search(w, 'school', { limit: 50, offset: 0 });
      expect(all).toHaveLength(9);
      const pages = [...(await search(w, 'school', { limit: 4, offset: 0 })), ...(await search(w, 'school', { limit: 4, offset: 4 })), ...(await search(w, 'school', { limit: 4, offset: 8 }))];
      expect(pages.map((h) => h.entryId)).toEqual(all.map((h) => h.entryId));
      expect(await search(w, 'school', { limit: 4, offset: 12 })).toEqual([]);
    });
  });
}
