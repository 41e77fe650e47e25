// entries.page on SQLite (repos/entry-page.ts): the same entries `query` gives, as the API's JSON; and the
// pages the read-only connection keeps, served again only for exactly the same question at the same
// entry version of the chronology.
import { dateBounds, type Entry } from '@mac/domain';
import { buildEntry } from '@mac/domain/testing';
import { afterEach, beforeEach, describe, expect, it } from 'vitest';
import { openReadOnlyDatabase, type MacDb } from '../open.js';
import { openTestDatabase, seedChronology, type TestDatabase } from '../testing.js';
import { createRepos, type SqliteRepos } from './index.js';
import { entryFromProjection, type EntryPage, type EntryPageQuery } from '../entry-pages.js';
import { pageStatement } from './entry-page.js';

let t: TestDatabase;
let readDb: MacDb;
let reader: SqliteRepos;
let chronologyId: string;
let otherId: string;
beforeEach(() => {
  t = openTestDatabase();
  const seeded = seedChronology(t.repos);
  chronologyId = seeded.chronology.id;
  otherId = t.repos.chronologies.create({ child: { givenName: 'B', familyName: 'C' }, leadUserId: seeded.lead.id, memberAgencies: ['northway-primary'], addedBy: 'x' }).id;
  // The read lane's connection: read-only, so it keeps pages.
  readDb = openReadOnlyDatabase({ file: t.db.file! });
  reader = createRepos(readDb, { auditKey: t.auditKey });
});
afterEach(() => {
  readDb.close();
  t.cleanup();
});

let n = 0;
function put(overrides: Partial<Entry> = {}, into = chronologyId, docName = into): Entry {
  const entry = buildEntry({ id: `e-${String(++n).padStart(3, '0')}`, ...overrides });
  const { first, last } = dateBounds(entry.date);
  t.repos.entries.upsert({ ...entry, chronologyId: into, docName, dateFirst: first, dateLast: last, updatedBy: 'u1' });
  return entry;
}

const decode = (page: EntryPage): Entry[] => JSON.parse(Buffer.from(page.json).toString('utf8')) as Entry[];
const ids = (page: EntryPage) => decode(page).map((e) => e.id);
const school: EntryPageQuery = { limit: 500, restrictedVisibleTo: 'northway-primary' };

describe('entries.page', () => {
  it('gives what query gives, as the JSON of entryFromProjection, on the writer and on the reader', () => {
    put({ date: '2023-04', summary: 'Naïve “quotes” and \\ backslash', personIds: ['p1', 'p2'], riskLevel: 'high', score: 7, areaGrades: '{"a":1}' } as Partial<Entry>);
    put({ date: '2023-05-02', time: '09:30', status: 'withdrawn', withdrawnReason: 'duplicate' });
    put({ date: '2023-05-01', agency: 'thames-valley-police', restricted: true }, chronologyId, `${chronologyId}/restricted/thames-valley-police`);
    put({ date: '2023-05-01', agency: 'northway-primary', restricted: true, householdEventId: 'h-1' }, chronologyId, `${chronologyId}/restricted/northway-primary`);
    const cases: EntryPageQuery[] = [
      school,
      { ...school, includeWithdrawn: true },
      { limit: 500, restrictedVisibleTo: 'thames-valley-police', includeWithdrawn: true },
      { limit: 500, restrictedVisibleTo: '' },
      { ...school, from: '2023-04-20', to: '2023-05-01' },
      { ...school, agencies: ['northway-primary'], categories: [] },
      { ...school, text: 'QUOTES' },
      { ...school, limit: 1 },
    ];
    for (const q of cases) {
      const rows = t.repos.entries.query(chronologyId, { ...q, limit: q.limit + 1 });
      const shown = rows.slice(0, q.limit);
      for (const repos of [t.repos, reader]) {
        const page = repos.entries.page(chronologyId, q);
        expect(Buffer.from(page.json).toString('utf8'), JSON.stringify(q)).toBe(JSON.stringify(shown.map(entryFromProjection)));
        expect(page.count).toBe(shown.length);
        expect(page.more).toBe(rows.length > q.limit);
        const last = shown[shown.length - 1];
        expect(page.last).toEqual(last ? { dateFirst: last.dateFirst, time: last.time, recordedAt: last.recordedAt, id: last.id, docName: last.docName } : null);
      }
    }
  });

  it('pages by position: every entry on exactly one page', () => {
    for (let i = 0; i < 7; i++) put({ date: `2023-04-0${1 + (i % 3)}` });
    const seen: string[] = [];
    let after: EntryPageQuery['after'];
    for (;;) {
      const page = reader.entries.page(chronologyId, { ...school, limit: 3, after });
      seen.push(...ids(page));
      if (!page.more) break;
      after = page.last!;
    }
    expect(seen).toEqual(t.repos.entries.query(chronologyId, { restrictedVisibleTo: 'northway-primary' }).map((e) => e.id));
    expect(new Set(seen).size).toBe(7);
  });

  it('refuses a page of no entries', () => {
    expect(() => reader.entries.page(chronologyId, { ...school, limit: 0 })).toThrow(RangeError);
  });

  it('reads a page as one range scan of the timeline index, never by sorting the whole chronology', () => {
    const queries: EntryPageQuery[] = [
      school,
      { ...school, after: { dateFirst: '2024-01-01', time: '', recordedAt: '2024-01-01T00:00:00.000Z', id: 'x', docName: chronologyId } },
      { ...school, from: '2024-01-01', to: '2024-02-01', agencies: ['northway-primary'], categories: ['education'], text: 'visit', includeWithdrawn: true },
    ];
    for (const q of queries) {
      const { sql, params } = pageStatement(chronologyId, q);
      const plan = (t.db.sqlite.prepare(`explain query plan ${sql}`).all(...params) as Array<{ detail: string }>).map((r) => r.detail).join('\n');
      expect(plan, sql).toMatch(/USING INDEX entries_timeline_idx/);
      expect(plan, sql).not.toMatch(/TEMP B-TREE/);
    }
  });
});

describe('pages kept by the read connection', () => {
  it('serves the same question again from those kept, and never a page older than the last change', () => {
    const first = put({ summary: 'Before' });
    const a = reader.entries.page(chronologyId, school);
    const b = reader.entries.page(chronologyId, school);
    expect(reader.entries.pageCacheStats().hits).toBe(1);
    expect(b.json).toEqual(a.json);
    // An amendment (an upsert: the UPDATE trigger) moves the chronology's version: read afresh.
    t.repos.entries.upsert({ ...first, summary: 'After', chronologyId, docName: chronologyId, dateFirst: '2023-04-05', dateLast: '2023-04-05', updatedBy: 'u1' });
    expect(decode(reader.entries.page(chronologyId, school)).map((e) => e.summary)).toEqual(['After']);
    // A new entry (INSERT trigger).
    const second = put({ date: '2023-04-06' });
    expect(ids(reader.entries.page(chronologyId, school))).toEqual([first.id, second.id]);
    // A document's rows dropped for a rebuild (DELETE trigger).
    t.repos.entries.deleteForDoc(chronologyId);
    expect(ids(reader.entries.page(chronologyId, school))).toEqual([]);
    expect(reader.entries.pageCacheStats().hits).toBe(1);
  });

  it("never answers one chronology's question with another's page", () => {
    put({ id: 'mine', summary: 'Mine' });
    put({ id: 'theirs', summary: 'Theirs' }, otherId);
    // Same filters, same size, same reader: only the chronology differs.
    expect(ids(reader.entries.page(chronologyId, school))).toEqual(['mine']);
    expect(ids(reader.entries.page(otherId, school))).toEqual(['theirs']);
    expect(ids(reader.entries.page(chronologyId, school))).toEqual(['mine']);
    expect(reader.entries.pageCacheStats().hits).toBe(1);
  });

  it("never shows one agency's restricted entries to another agency's reader from a kept page", () => {
    put({ id: 'open', agency: 'northway-primary' });
    put({ id: 'police-only', agency: 'thames-valley-police', restricted: true }, chronologyId, `${chronologyId}/restricted/thames-valley-police`);
    const police = { limit: 500, restrictedVisibleTo: 'thames-valley-police' };
    expect(ids(reader.entries.page(chronologyId, police))).toEqual(['open', 'police-only']);
    expect(ids(reader.entries.page(chronologyId, school))).toEqual(['open']);
    expect(ids(reader.entries.page(chronologyId, { limit: 500, restrictedVisibleTo: '' }))).toEqual(['open']);
    expect(ids(reader.entries.page(chronologyId, police))).toEqual(['open', 'police-only']);
  });

  it('keeps each page of a cursor, each filter and each size apart', () => {
    for (let i = 0; i < 4; i++) put({ date: `2023-04-0${i + 1}`, agency: i % 2 ? 'northway-primary' : 'thames-valley-police' });
    const firstTwo = reader.entries.page(chronologyId, { ...school, limit: 2 });
    const next = reader.entries.page(chronologyId, { ...school, limit: 2, after: firstTwo.last! });
    expect(ids(next)).not.toEqual(ids(firstTwo));
    expect(ids(reader.entries.page(chronologyId, { ...school, limit: 3 }))).toHaveLength(3);
    expect(ids(reader.entries.page(chronologyId, { ...school, agencies: ['northway-primary'] }))).toHaveLength(2);
    expect(reader.entries.pageCacheStats().hits).toBe(0);
  });

  it('the writing connection keeps none (a rolled-back batch could reuse a version)', () => {
    put();
    t.repos.entries.page(chronologyId, school);
    t.repos.entries.page(chronologyId, school);
    expect(t.repos.entries.pageCacheStats()).toEqual({ hits: 0, pages: 0, bytes: 0 });
  });
});
