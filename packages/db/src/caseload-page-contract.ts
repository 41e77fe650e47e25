// The storage port's contract for caseload pages (chronologies.pageForViewer, caseload-page.ts), run by
// store-contract.ts against every adapter: what a viewer may see and nothing else, newest first, every
// chronology on exactly one page, the same match on both backends.
import { randomUUID } from 'node:crypto';
import { expect, it } from 'vitest';
import type { Store } from './port.js';
import { matchesChild, type CaseloadPageQuery } from './caseload-page.js';
import type { CaseloadViewer } from './repos/chronologies.js';

interface Harness {
  store: () => Store;
  tick: (ms?: number) => Date;
  clock: () => Date;
}

export function describeCaseloadPageContract({ store, tick, clock }: Harness): void {
  /** An agency of its own (no other test's chronologies), a lead in it, and `names` chronologies made in turn. */
  async function county(names: Array<[string, string, string?]>) {
    const r = store().repos;
    const agency = `caseload-${randomUUID().slice(0, 8)}`;
    const other = `elsewhere-${randomUUID().slice(0, 8)}`;
    await r.agencies.upsert({ slug: agency, name: 'Caseload Agency', kind: 'police' });
    await r.agencies.upsert({ slug: other, name: 'Elsewhere', kind: 'education' });
    const lead = await r.users.create({ email: `lead-${randomUUID()}@caseload.example`, name: 'Cal Lead', role: 'lead', agency, passwordHash: null });
    const stranger = await r.users.create({ email: `lead-${randomUUID()}@elsewhere.example`, name: 'Els Lead', role: 'lead', agency: other, passwordHash: null });
    const made = [];
    for (const [givenName, familyName, nhsNumber] of names) {
      tick();
      made.push(await r.chronologies.create({ child: { givenName, familyName, nhsNumber: nhsNumber ?? null }, leadUserId: lead.id, memberAgencies: [agency], addedBy: lead.id }));
    }
    // Not the viewer's: another agency's chronology, which only a grant opens.
    tick();
    const foreign = await r.chronologies.create({ child: { givenName: 'Far', familyName: 'Away' }, leadUserId: stranger.id, memberAgencies: [other], addedBy: stranger.id });
    const viewer: CaseloadViewer = { agency, userId: lead.id, at: clock().toISOString() };
    return { agency, lead, made, foreign, viewer };
  }

  const ids = (page: { records: Array<{ id: string }> }) => page.records.map((r) => r.id);

  it('pages through what the viewer may see, newest first, each chronology once, with the total and no more', async () => {
    const { made, foreign, viewer } = await county(Array.from({ length: 7 }, (_, i): [string, string] => [`Child${i}`, 'Pager']));
    const newest = made.map((c) => c.id).reverse();
    const seen: string[] = [];
    let query: CaseloadPageQuery = { limit: 3 };
    const totals: number[] = [];
    for (let i = 0; i < 5; i++) {
      const page = await store().repos.chronologies.pageForViewer(viewer, query);
      seen.push(...ids(page));
      totals.push(page.total);
      // Whole records, as `get` gives them.
      expect(page.records[0]).toEqual(await store().repos.chronologies.get(page.records[0]!.id));
      if (page.next === null) break;
      query = { limit: 3, after: page.next };
    }
    expect(seen).toEqual(newest);
    expect(totals).toEqual([7, 7, 7]);
    expect(seen).not.toContain(foreign.id);
  });

  it('a running break-glass grant adds its chronology in its place; an ended one does not', async () => {
    const { foreign, viewer, made } = await county([['Ann', 'Granted']]);
    const r = store().repos;
    expect(ids(await r.chronologies.pageForViewer(viewer, { limit: 50 }))).toEqual([made[0]!.id]);
    await r.breakGlass.create({ chronologyId: foreign.id, userId: viewer.userId, reason: 'r', expiresAt: new Date(clock().getTime() + 3_600_000).toISOString() });
    const granted = await r.chronologies.pageForViewer(viewer, { limit: 50 });
    // The foreign chronology was made after the viewer's own: newest first.
    expect(ids(granted)).toEqual([foreign.id, made[0]!.id]);
    expect(granted.total).toBe(2);
    const later = { ...viewer, at: new Date(clock().getTime() + 7_200_000).toISOString() };
    expect(ids(await r.chronologies.pageForViewer(later, { limit: 50 }))).toEqual([made[0]!.id]);
    // Another user of the same agency holds no grant.
    expect(ids(await r.chronologies.pageForViewer({ ...viewer, userId: 'someone-else' }, { limit: 50 }))).toEqual([made[0]!.id]);
  });

  it('matches every word of the name in any order, or the NHS number without its spaces, case-insensitively, beyond ASCII', async () => {
    const { viewer, made } = await county([
      ['Łukasz', 'Nowak', '943 476 5919'],
      ['Zoë', 'Brown'],
      ['Ann', 'Nowakowska'],
    ]);
    const find = async (q: string, limit = 50) => ids(await store().repos.chronologies.pageForViewer(viewer, { limit, q }));
    const [lukasz, zoe, ann] = made.map((c) => c.id);
    expect(await find('łukasz')).toEqual([lukasz]);
    expect(await find('NOWAK')).toEqual([ann, lukasz]);
    expect(await find('nowak łuk')).toEqual([lukasz]);
    expect(await find('ZOË brown')).toEqual([zoe]);
    expect(await find('9434765919')).toEqual([lukasz]);
    expect(await find('476 59')).toEqual([lukasz]);
    expect(await find('nobody')).toEqual([]);
    const first = await store().repos.chronologies.pageForViewer(viewer, { limit: 1, q: 'nowak' });
    expect(first.total).toBe(2);
    expect(ids(await store().repos.chronologies.pageForViewer(viewer, { limit: 1, q: 'nowak', after: first.next! }))).toEqual([lukasz]);
  });

  it('matches every word of a long search, beyond those that narrow the children in SQL', async () => {
    const { viewer, made } = await county([
      ['Amy Beth Cara', 'Dee Eve Fay Gus Hal'],
      ['Amy Beth Cara', 'Dee Eve Fay Gus Zed'],
    ]);
    const find = async (q: string) => ids(await store().repos.chronologies.pageForViewer(viewer, { limit: 50, q }));
    expect(await find('amy beth cara dee eve fay gus hal')).toEqual([made[0]!.id]);
    expect(await find('amy beth cara dee eve fay gus zed')).toEqual([made[1]!.id]);
    expect(await find('amy beth cara dee eve fay gus')).toEqual([made[1]!.id, made[0]!.id]);
  });

  it('counts a chronology a grant opens once, however many grants, and none the agency already sees', async () => {
    const { foreign, viewer, made } = await county([['Bea', 'Counted'], ['Cy', 'Counted']]);
    const r = store().repos;
    const hour = new Date(clock().getTime() + 3_600_000).toISOString();
    await r.breakGlass.create({ chronologyId: made[0]!.id, userId: viewer.userId, reason: 'already a member', expiresAt: hour });
    expect((await r.chronologies.pageForViewer(viewer, { limit: 1 })).total).toBe(2);
    await r.breakGlass.create({ chronologyId: foreign.id, userId: viewer.userId, reason: 'first', expiresAt: hour });
    await r.breakGlass.create({ chronologyId: foreign.id, userId: viewer.userId, reason: 'second', expiresAt: hour });
    const page = await r.chronologies.pageForViewer(viewer, { limit: 1 });
    expect(page.total).toBe(3);
    expect(ids(page)).toEqual([foreign.id]);
  });

  // The stores narrow a search in SQL before the shared match decides (caseload-page.ts): whatever the
  // names, the SQL must never leave out a child the match would find. Names and searches from an alphabet
  // where case folding differs between JavaScript, SQLite's lower() and a database locale's lower().
  it('finds exactly what the shared match finds, for names and searches beyond ASCII', async () => {
    const names = ['Ann', 'ANNA', 'Kate', '\u212Aate', 'Łukasz', 'ŁUKASZ', 'İpek', 'ipek', 'Straße', 'STRASSE', 'Zoë', 'ZOË', "O'Neil", 'Mary-Jane', 'Ñico', 'Åsa', 'Σοφία', 'ΣΟΦΙΑ', 'Ann_Marie', 'Tab\tby'];
    const nhsNumbers = [null, '9434765919', '943 476 5919', '943\t476\t5919', '943\u00a0476 5919', '401 023 2137'];
    let seed = 17;
    const next = (n: number) => ((seed = (seed * 1_103_515_245 + 12_345) % 2_147_483_648), seed % n);
    const pick = <T>(list: readonly T[]) => list[next(list.length)]!;
    const children = Array.from({ length: 24 }, (): [string, string, string?] => [pick(names), pick(names), pick(nhsNumbers) ?? undefined]);
    const { viewer, made } = await county(children);
    const cased = (text: string) => [...text].map((ch) => (next(2) === 0 ? ch.toUpperCase() : ch.toLowerCase())).join('');
    const queries = [
      'k', 'K', '\u212A', 'KATE', 'ate', 'ł', 'Ł', 'i', 'İ', 'ß', 'ss', 'ë', 'σ', 'ς', 'Σ', "o'n", 'y-j', '476', '476 5919', '47 6', '5919 943', '\u00a0', 'ann kate', 'zz', '%', '_', 'n_m', '\\',
      ...Array.from({ length: 30 }, () => {
        const [given, family] = pick(children);
        const word = next(2) === 0 ? given : family;
        const start = next(word.length);
        return cased(word.slice(start, start + 1 + next(4)));
      }),
    ];
    const newest = [...made].reverse();
    for (const q of queries) {
      const expected = newest.filter((c) => matchesChild(q, c.child)).map((c) => c.id);
      const found: string[] = [];
      let query: CaseloadPageQuery = { limit: 5, q };
      for (;;) {
        const page = await store().repos.chronologies.pageForViewer(viewer, query);
        expect(page.total, q).toBe(expected.length);
        found.push(...ids(page));
        if (page.next === null) break;
        query = { ...query, after: page.next };
      }
      expect(found, JSON.stringify(q)).toEqual(expected);
    }
  });
}
