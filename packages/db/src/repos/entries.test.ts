import { dateBounds, type Entry } from '@mac/domain';
import { buildEntry } from '@mac/domain/testing';
import { afterEach, beforeEach, describe, expect, it } from 'vitest';
import { openTestDatabase, seedChronology, type TestDatabase } from '../testing.js';
import { likePattern } from './entries.js';

let t: TestDatabase;
let chronologyId: string;
let clock: Date;
beforeEach(() => {
  clock = new Date('2024-05-01T12:00:00.000Z');
  t = openTestDatabase({ now: () => clock });
  chronologyId = seedChronology(t.repos).chronology.id;
});
afterEach(() => t.cleanup());

let n = 0;
function put(overrides: Partial<Entry> = {}, docName = chronologyId): Entry {
  const entry = buildEntry({ id: `e-${String(++n).padStart(3, '0')}`, ...overrides });
  const { first, last } = dateBounds(entry.date);
  t.repos.entries.upsert({ ...entry, chronologyId, docName, dateFirst: first, dateLast: last, updatedBy: 'u1' });
  return entry;
}

const ids = (filters: Parameters<typeof t.repos.entries.query>[1] = {}) => t.repos.entries.query(chronologyId, filters).map((e) => e.id);

describe('entries projection', () => {
  it('stores an entry with its date bounds and gets it back', () => {
    const entry = put({ date: '2023-04', restricted: true });
    expect(t.repos.entries.getInDoc(chronologyId, chronologyId, entry.id)).toEqual({
      ...entry,
      // No screening result: the projection's columns are null.
      riskLevel: null,
      score: null,
      areaGrades: null,
      // Nobody named: the projection holds ''.
      personIds: '',
      // Not a household event's copy (issue 14).
      householdEventId: null,
      chronologyId,
      docName: chronologyId,
      dateFirst: '2023-04-01',
      dateLast: '2023-04-30',
      updatedAt: '2024-05-01T12:00:00.000Z',
      updatedBy: 'u1',
    });
    expect(t.repos.entries.getInDoc(chronologyId, chronologyId, 'missing')).toBeNull();
  });

  it('keeps one id in two documents apart (stored before ids were unique), and a reader sees only its own', () => {
    const shared = put({ id: 'same', agency: 'northway-primary', summary: 'School, shared' });
    const restrictedDoc = `${chronologyId}/restricted/thames-valley-police`;
    const hidden = buildEntry({ id: 'same', agency: 'thames-valley-police', restricted: true, summary: 'Police, restricted' });
    t.repos.entries.upsert({ ...hidden, chronologyId, docName: restrictedDoc, dateFirst: '2023-04-05', dateLast: '2023-04-05', updatedBy: 'u1' });
    expect(t.repos.entries.getInDoc(chronologyId, chronologyId, 'same')?.summary).toBe(shared.summary);
    expect(t.repos.entries.getVisible(chronologyId, 'same', 'northway-primary')?.summary).toBe('School, shared');
    expect(t.repos.entries.getVisible(chronologyId, 'same', 'thames-valley-police')?.summary).toBe('School, shared');
    expect(t.repos.entries.docsHolding(chronologyId, 'same').sort()).toEqual([chronologyId, restrictedDoc].sort());
    expect(t.repos.entries.collisions()).toEqual([{ chronologyId, id: 'same', docNames: [chronologyId, restrictedDoc].sort() }]);
    expect(ids({ restrictedVisibleTo: 'northway-primary' })).toEqual(['same']);
  });

  it('upsert replaces the projection of an amended entry', () => {
    const entry = put({ summary: 'First wording' });
    clock = new Date('2024-05-02T12:00:00.000Z');
    t.repos.entries.upsert({ ...entry, summary: 'Second wording', chronologyId, docName: chronologyId, dateFirst: '2023-04-05', dateLast: '2023-04-05', updatedBy: 'u2' });
    expect(t.repos.entries.getInDoc(chronologyId, chronologyId, entry.id)).toMatchObject({ summary: 'Second wording', updatedBy: 'u2', updatedAt: '2024-05-02T12:00:00.000Z' });
    expect(t.repos.entries.all(chronologyId)).toHaveLength(1);
  });

  it('orders by first day, then time, then time recorded, then id', () => {
    put({ id: 'd', date: '2023-04-05', time: '10:00' });
    put({ id: 'c', date: '2023-04-05', time: '', recordedAt: '2023-04-07T00:00:00.000Z' });
    put({ id: 'b', date: '2023-04-05', time: '', recordedAt: '2023-04-06T00:00:00.000Z' });
    put({ id: 'a', date: '2023-04-05', time: '', recordedAt: '2023-04-06T00:00:00.000Z' });
    put({ id: 'e', date: '2023-04' });
    put({ id: 'f', date: '2022' });
    expect(ids()).toEqual(['f', 'e', 'a', 'b', 'c', 'd']);
  });

  describe('date range (overlap: an entry matches if any day it may have happened on is in range)', () => {
    beforeEach(() => {
      put({ id: 'day', date: '2023-04-15' });
      put({ id: 'month', date: '2023-04' });
      put({ id: 'year', date: '2023' });
      put({ id: 'period', date: '2023-03-20..2023-04-02' });
      put({ id: 'before', date: '2023-03-31' });
      put({ id: 'after', date: '2023-05-01' });
    });

    it('from and to together', () => {
      expect(ids({ from: '2023-04-01', to: '2023-04-30' }).sort()).toEqual(['day', 'month', 'period', 'year']);
    });

    it('bounds are inclusive', () => {
      expect(ids({ from: '2023-04-15', to: '2023-04-15' }).sort()).toEqual(['day', 'month', 'year']);
      expect(ids({ from: '2023-05-01', to: '2023-05-01' }).sort()).toEqual(['after', 'year']);
    });

    it('from alone and to alone', () => {
      expect(ids({ from: '2023-04-16' }).sort()).toEqual(['after', 'month', 'year']);
      expect(ids({ to: '2023-03-31' }).sort()).toEqual(['before', 'period', 'year']);
    });
  });

  it('filters by agencies and categories (an empty list matches nothing)', () => {
    put({ id: 'p1', agency: 'thames-valley-police', category: 'domestic-abuse-incident' });
    put({ id: 's1', agency: 'northway-primary', category: 'attendance-concern' });
    put({ id: 's2', agency: 'northway-primary', category: 'domestic-abuse-incident' });
    expect(ids({ agencies: ['northway-primary'] })).toEqual(['s1', 's2']);
    expect(ids({ categories: ['domestic-abuse-incident'] })).toEqual(['p1', 's2']);
    expect(ids({ agencies: ['northway-primary'], categories: ['domestic-abuse-incident'] })).toEqual(['s2']);
    expect(ids({ agencies: [] })).toEqual([]);
  });

  it('leaves withdrawn entries out unless asked', () => {
    put({ id: 'live' });
    put({ id: 'gone', status: 'withdrawn', withdrawnReason: 'Entered on the wrong chronology' });
    expect(ids()).toEqual(['live']);
    expect(ids({ includeWithdrawn: true }).sort()).toEqual(['gone', 'live']);
  });

  describe('text search', () => {
    it('matches any text field, ignoring case', () => {
      put({ id: 'sum', summary: 'Bruise to LEFT arm noticed' });
      put({ id: 'det', detail: 'Mother said the bruise came from a fall' });
      put({ id: 'imp', impactOnChild: 'Withdrawn in class; bruising visible' });
      put({ id: 'act', actionTaken: 'Body map completed (bruise)' });
      put({ id: 'src', sourceRef: 'BRUISE-REF-1' });
      put({ id: 'none', summary: 'Missed appointment' });
      expect(ids({ text: 'bruis' }).sort()).toEqual(['act', 'det', 'imp', 'src', 'sum']);
      expect(ids({ text: '  left arm ' })).toEqual(['sum']);
    });

    it('treats % and _ and \\ as themselves, not wildcards', () => {
      put({ id: 'pct', summary: 'Attendance fell to 50% this term' });
      put({ id: 'five', summary: 'Attendance fell to 500 days' });
      put({ id: 'und', sourceRef: 'case_17' });
      put({ id: 'undx', sourceRef: 'caseX17' });
      put({ id: 'bs', detail: 'path C:\\records' });
      expect(ids({ text: '50%' })).toEqual(['pct']);
      expect(ids({ text: 'case_17' })).toEqual(['und']);
      expect(ids({ text: '%' })).toEqual(['pct']);
      expect(ids({ text: '\\records' })).toEqual(['bs']);
      expect(likePattern('a%b_c\\')).toBe('%a\\%b\\_c\\\\%');
    });
  });

  it('never returns another agency restricted entries to a reader of restrictedVisibleTo', () => {
    put({ id: 'open-police', agency: 'thames-valley-police' });
    put({ id: 'secret-police', agency: 'thames-valley-police', restricted: true }, `${chronologyId}/restricted/thames-valley-police`);
    put({ id: 'secret-school', agency: 'northway-primary', restricted: true }, `${chronologyId}/restricted/northway-primary`);
    expect(ids({ restrictedVisibleTo: 'northway-primary' })).toEqual(['open-police', 'secret-school']);
    expect(ids({ restrictedVisibleTo: 'thames-valley-police' })).toEqual(['open-police', 'secret-police']);
    expect(ids({ restrictedVisibleTo: 'oxford-health-visiting' })).toEqual(['open-police']);
    // Even when the filters name the other agency or its words.
    expect(ids({ restrictedVisibleTo: 'northway-primary', agencies: ['thames-valley-police'] })).toEqual(['open-police']);
    // Unset: everything (system work such as a rebuild).
    expect(ids()).toHaveLength(3);
  });

  it('reads a page as one range scan of the timeline index, never by sorting the whole chronology', () => {
    // The SQL the repository really runs, caught as it is prepared, then asked for its plan: a plan that
    // sorts (a TEMP B-TREE) costs time in proportion to the whole chronology, not the page.
    const prepared: string[] = [];
    const prepare = t.db.sqlite.prepare.bind(t.db.sqlite);
    t.db.sqlite.prepare = ((source: string) => (prepared.push(source), prepare(source))) as typeof t.db.sqlite.prepare;
    const first = put({ date: '2024-01-02' });
    t.repos.entries.query(chronologyId, { restrictedVisibleTo: 'northway-primary', limit: 501 });
    t.repos.entries.query(chronologyId, { restrictedVisibleTo: 'northway-primary', limit: 501, after: { dateFirst: '2024-01-01', time: '', recordedAt: first.recordedAt, id: first.id, docName: chronologyId } });
    t.repos.entries.query(chronologyId, { from: '2024-01-01', to: '2024-02-01', limit: 501 });
    const pages = prepared.filter((q) => /from "entries"/.test(q) && /order by/.test(q));
    expect(pages).toHaveLength(3);
    for (const q of pages) {
      const params = (q.match(/\?/g) ?? []).map(() => 'x');
      const plan = (t.db.sqlite.prepare(`explain query plan ${q}`).all(...params) as Array<{ detail: string }>).map((r) => r.detail);
      expect(plan.join('\n'), q).toMatch(/USING INDEX entries_timeline_idx/);
      expect(plan.join('\n'), q).not.toMatch(/TEMP B-TREE/);
    }
  });

  it('works out the caseload figures from the caseload index alone, never from the rows', () => {
    // The SQL the repository really runs, asked for its plan: a plan that reads the table's rows reads every
    // entry's text for three numbers per chronology (the county bench's caseload lists).
    const prepared: string[] = [];
    const prepare = t.db.sqlite.prepare.bind(t.db.sqlite);
    t.db.sqlite.prepare = ((source: string) => (prepared.push(source), prepare(source))) as typeof t.db.sqlite.prepare;
    put({ id: 'a' });
    t.repos.entries.countByChronology([chronologyId], 'northway-primary');
    t.repos.entries.countByChronology([chronologyId]);
    t.repos.entries.lastChange([chronologyId], 'northway-primary');
    t.repos.entries.lastChange([chronologyId]);
    t.repos.entries.restrictedCount([chronologyId], 'northway-primary');
    const figures = prepared.filter((q) => /from "entries"/.test(q) && /group by/.test(q));
    expect(figures).toHaveLength(5);
    for (const q of figures) {
      const params = (q.match(/\?/g) ?? []).map(() => 'x');
      const plan = (t.db.sqlite.prepare(`explain query plan ${q}`).all(...params) as Array<{ detail: string }>).map((r) => r.detail);
      expect(plan.join('\n'), q).toMatch(/USING COVERING INDEX entries_caseload_idx/);
    }
  });

  it('pages with limit and offset', () => {
    for (const id of ['a', 'b', 'c', 'd']) put({ id });
    expect(ids({ limit: 2 })).toEqual(['a', 'b']);
    expect(ids({ limit: 2, offset: 2 })).toEqual(['c', 'd']);
    expect(ids({ offset: 3 })).toEqual(['d']);
  });

  it('pages by position (after: the last row of the previous page), with the other filters', () => {
    put({ id: 'a', date: '2023-04-05', time: '09:00' });
    put({ id: 'b', date: '2023-04-05', time: '10:00' });
    put({ id: 'c', date: '2023-04-05', time: '10:00', status: 'withdrawn', withdrawnReason: 'Wrong child' });
    put({ id: 'd', date: '2023-04-06' });
    const rows = t.repos.entries.query(chronologyId, { includeWithdrawn: true });
    const at = (row: (typeof rows)[number]) => ({ dateFirst: row.dateFirst, time: row.time, recordedAt: row.recordedAt, id: row.id, docName: row.docName });
    expect(ids({ after: at(rows[0]!), limit: 2 })).toEqual(['b', 'd']);
    expect(ids({ after: at(rows[0]!), includeWithdrawn: true, limit: 2 })).toEqual(['b', 'c']);
    expect(ids({ after: at(rows[2]!), includeWithdrawn: true })).toEqual(['d']);
    expect(ids({ after: at(rows[3]!) })).toEqual([]);
  });

  it('keeps chronologies apart', () => {
    put({ id: 'mine' });
    const other = t.repos.chronologies.create({ child: { givenName: 'B', familyName: 'C' }, leadUserId: t.repos.users.byEmail('lead@northway.example')!.id, memberAgencies: [], addedBy: 'x' });
    const entry = buildEntry({ id: 'theirs' });
    t.repos.entries.upsert({ ...entry, chronologyId: other.id, docName: other.id, dateFirst: '2023-04-05', dateLast: '2023-04-05', updatedBy: 'u1' });
    expect(ids()).toEqual(['mine']);
    expect(t.repos.entries.getInDoc(chronologyId, chronologyId, 'theirs')).toBeNull();
  });

  it('counts active entries and finds the last change per chronology, as an agency sees them', () => {
    const other = t.repos.chronologies.create({ child: { givenName: 'B', familyName: 'C' }, leadUserId: t.repos.users.byEmail('lead@northway.example')!.id, memberAgencies: [], addedBy: 'x' });
    put({ id: 'a' });
    clock = new Date('2024-05-03T00:00:00.000Z');
    put({ id: 'b', status: 'withdrawn', withdrawnReason: 'duplicate' });
    clock = new Date('2024-05-04T00:00:00.000Z');
    put({ id: 'c', agency: 'thames-valley-police', restricted: true });
    expect(t.repos.entries.countByChronology([chronologyId, other.id])).toEqual({ [chronologyId]: 2, [other.id]: 0 });
    expect(t.repos.entries.countByChronology([chronologyId], 'northway-primary')).toEqual({ [chronologyId]: 1 });
    expect(t.repos.entries.lastChange([chronologyId, other.id])).toEqual({ [chronologyId]: '2024-05-04T00:00:00.000Z', [other.id]: null });
    expect(t.repos.entries.lastChange([chronologyId], 'northway-primary')).toEqual({ [chronologyId]: '2024-05-03T00:00:00.000Z' });
    expect(t.repos.entries.countByChronology([])).toEqual({});
  });

  it("counts an agency's restricted entries per chronology, withdrawn ones included", () => {
    put({ agency: 'thames-valley-police', restricted: true });
    put({ agency: 'thames-valley-police', restricted: true, status: 'withdrawn', withdrawnReason: 'wrong child' });
    put({ agency: 'thames-valley-police' });
    put({ agency: 'northway-primary', restricted: true });
    expect(t.repos.entries.restrictedCount([chronologyId, 'other'], 'thames-valley-police')).toEqual({ [chronologyId]: 2, other: 0 });
    expect(t.repos.entries.restrictedCount([chronologyId], 'oxford-health-hv')).toEqual({ [chronologyId]: 0 });
    expect(t.repos.entries.restrictedCount([], 'thames-valley-police')).toEqual({});
  });

  it('deleteForDoc removes one document projection only (before a rebuild)', () => {
    put({ id: 'shared' });
    put({ id: 'restricted', restricted: true, agency: 'thames-valley-police' }, `${chronologyId}/restricted/thames-valley-police`);
    expect(t.repos.entries.deleteForDoc(`${chronologyId}/restricted/thames-valley-police`)).toBe(1);
    expect(t.repos.entries.all(chronologyId).map((e) => e.id)).toEqual(['shared']);
  });

  it('refuses a projection row for an unknown chronology', () => {
    const entry = buildEntry();
    expect(() => t.repos.entries.upsert({ ...entry, chronologyId: 'ghost', docName: 'ghost', dateFirst: '2023-04-05', dateLast: '2023-04-05', updatedBy: 'u1' })).toThrow(/FOREIGN KEY/);
  });
});

describe('entries projection: screening results', () => {
  it('keeps a checklist level and score, and a Graded Care Profile’s grades, in their columns', () => {
    const checklist = put({ category: 'domestic-abuse-risk-assessment', riskLevel: 'high', score: 17 });
    expect(t.repos.entries.getVisible(chronologyId, checklist.id, 'thames-valley-police')).toMatchObject({ riskLevel: 'high', score: 17, areaGrades: null });
    const grades = 'physical-care:2,safety:4,emotional-care:1,developmental-care:3';
    const profile = put({ category: 'neglect-assessment', riskLevel: '4', areaGrades: grades });
    expect(t.repos.entries.getVisible(chronologyId, profile.id, 'thames-valley-police')).toMatchObject({ riskLevel: '4', score: null, areaGrades: grades });
  });
});

describe("entries projection: the child's voice", () => {
  it("keeps the child's words and the seen-alone answer; an entry without them (an older writer) stores ''", () => {
    const voiced = put({ childsVoice: '"I like school"', seenAlone: 'yes' });
    expect(t.repos.entries.getVisible(chronologyId, voiced.id, 'thames-valley-police')).toMatchObject({ childsVoice: '"I like school"', seenAlone: 'yes' });
    const { childsVoice: _v, seenAlone: _s, ...older } = buildEntry({ id: 'older-writer' });
    const { first, last } = dateBounds(older.date);
    t.repos.entries.upsert({ ...(older as Entry), chronologyId, docName: chronologyId, dateFirst: first, dateLast: last, updatedBy: 'u1' });
    expect(t.repos.entries.getVisible(chronologyId, 'older-writer', 'thames-valley-police')).toMatchObject({ childsVoice: '', seenAlone: '' });
  });
});
