// The caseload figures the read-only connection keeps (repos/kept-figures.ts): served again only while the
// chronology's entries have not changed, so always what the query would give; the writer keeps none.
import { dateBounds, type Entry } from '@mac/domain';
import { buildEntry } from '@mac/domain/testing';
import { afterEach, beforeEach, describe, expect, it } from 'vitest';
import { openReadOnlyDatabase, type MacDb } from '../open.js';
import { openTestDatabase, seedChronology, type TestDatabase } from '../testing.js';
import { createRepos, type SqliteRepos } from './index.js';
import { createKeptFigures } from './kept-figures.js';

let t: TestDatabase;
let readDb: MacDb;
let reader: SqliteRepos;
let a: string, b: string, empty: string;
beforeEach(() => {
  t = openTestDatabase();
  const seeded = seedChronology(t.repos);
  a = seeded.chronology.id;
  const more = (givenName: string) => t.repos.chronologies.create({ child: { givenName, familyName: 'C' }, leadUserId: seeded.lead.id, memberAgencies: ['northway-primary'], addedBy: 'x' }).id;
  b = more('B');
  empty = more('E');
  readDb = openReadOnlyDatabase({ file: t.db.file! });
  reader = createRepos(readDb, { auditKey: t.auditKey });
});
afterEach(() => {
  readDb.close();
  t.cleanup();
});

let n = 0;
function put(into: string, overrides: Partial<Entry> = {}): Entry {
  const entry = buildEntry({ id: `e-${String(++n).padStart(3, '0')}`, ...overrides });
  const { first, last } = dateBounds(entry.date);
  const docName = entry.restricted ? `${into}/restricted/${entry.agency}` : into;
  t.repos.entries.upsert({ ...entry, chronologyId: into, docName, dateFirst: first, dateLast: last, updatedBy: 'u1' });
  return entry;
}

/** All three figures for every reader, from the reader (kept) and from the writer (never kept). */
function both() {
  const ids = [a, b, empty, 'no-such'];
  const ask = (r: SqliteRepos) =>
    ['northway-primary', 'thames-valley-police', undefined].map((agency) => ({
      count: r.entries.countByChronology(ids, agency),
      last: r.entries.lastChange(ids, agency),
      restricted: agency === undefined ? null : r.entries.restrictedCount(ids, agency),
    }));
  return { kept: ask(reader), fresh: ask(t.repos) };
}

describe('kept caseload figures', () => {
  it('are served again while nothing changed, and follow every change to a chronology’s entries', () => {
    put(a, { agency: 'northway-primary' });
    put(a, { agency: 'thames-valley-police', restricted: true });
    put(b, { agency: 'northway-primary' });
    const first = both();
    expect(first.kept).toEqual(first.fresh);
    expect(first.kept[0]!.count).toEqual({ [a]: 1, [b]: 1, [empty]: 0, 'no-such': 0 });
    expect(first.kept[1]!.count).toEqual({ [a]: 2, [b]: 1, [empty]: 0, 'no-such': 0 });
    expect(first.kept[1]!.restricted).toEqual({ [a]: 1, [b]: 0, [empty]: 0, 'no-such': 0 });
    const hits = reader.entries.keptFigureStats().hits;
    expect(both().kept).toEqual(first.kept);
    // Every figure of the second round came from those kept: 3 readers × 4 chronologies × (2 or 3 figures).
    expect(reader.entries.keptFigureStats().hits - hits).toBe(32);

    // Each kind of change moves the figures of that chronology only, and they are read again.
    const changes: Array<() => void> = [
      () => put(b, { agency: 'northway-primary' }),
      () => put(a, { agency: 'thames-valley-police', restricted: true }),
      () => put(empty, { agency: 'thames-valley-police' }),
      () => t.repos.entries.upsert({ ...buildEntry({ id: 'e-001', agency: 'northway-primary', status: 'withdrawn', withdrawnReason: 'duplicate' }), chronologyId: a, docName: a, dateFirst: '2020-01-01', dateLast: '2020-01-01', updatedBy: 'u1' }),
      () => t.repos.entries.deleteForDoc(`${a}/restricted/thames-valley-police`),
    ];
    for (const change of changes) {
      change();
      const now = both();
      expect(now.kept).toEqual(now.fresh);
    }
    expect(both().kept[1]!.restricted![a]).toBe(0);
  });

  it('are kept on the read-only connection only, and at most `max` of them', () => {
    put(a);
    t.repos.entries.countByChronology([a, b]);
    t.repos.entries.countByChronology([a, b]);
    expect(t.repos.entries.keptFigureStats()).toEqual({ hits: 0, kept: 0 });
    const small = createKeptFigures(readDb, 3);
    let read = 0;
    const figures = (ids: string[]) => small.figures('count', ids, 'x', (asked) => ((read += asked.length), Object.fromEntries(asked.map((id) => [id, 7]))));
    expect(figures([a, b, empty, 'no-such'])).toEqual({ [a]: 7, [b]: 7, [empty]: 7, 'no-such': 7 });
    expect(small.stats().kept).toBe(3);
    expect(read).toBe(4);
    figures(['no-such']);
    expect(read).toBe(4);
    // The first kept was dropped.
    figures([a]);
    expect(read).toBe(5);
  });
});
