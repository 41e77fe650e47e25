import { afterEach, beforeEach, describe, expect, it } from 'vitest';
import { openTestDatabase, type TestDatabase } from '../testing.js';

let t: TestDatabase;
let clock: Date;
let leadId: string;
beforeEach(() => {
  clock = new Date('2024-01-01T09:00:00.000Z');
  t = openTestDatabase({ now: () => clock });
  t.repos.agencies.upsert({ slug: 'thames-valley-police', name: 'Thames Valley Police', kind: 'police' });
  t.repos.agencies.upsert({ slug: 'northway-primary', name: 'Northway Primary School', kind: 'education' });
  t.repos.agencies.upsert({ slug: 'oxford-health-visiting', name: 'Oxford Health Visiting', kind: 'health-visiting' });
  leadId = t.repos.users.create({ email: 'lead@x.example', name: 'Lena', role: 'lead', agency: 'northway-primary', passwordHash: null }).id;
});
afterEach(() => t.cleanup());

const tableCounts = () =>
  Object.fromEntries(
    ['children', 'chronologies', 'chronology_agencies'].map((table) => [table, (t.db.sqlite.prepare(`select count(*) as n from ${table}`).get() as { n: number }).n]),
  );

function create(givenName = 'Ada', members = ['northway-primary', 'thames-valley-police']) {
  return t.repos.chronologies.create({ child: { givenName, familyName: 'Example', dateOfBirth: '2015-03-27', nhsNumber: '9434765919' }, leadUserId: leadId, memberAgencies: members, addedBy: leadId });
}

describe('chronologies', () => {
  it('creates child, chronology and memberships and returns the full record', () => {
    const record = create();
    expect(record).toEqual({
      id: expect.any(String),
      kind: 'child-protection',
      title: null,
      createdAt: '2024-01-01T09:00:00.000Z',
      leadUserId: leadId,
      child: {
        id: expect.any(String),
        givenName: 'Ada',
        familyName: 'Example',
        dateOfBirth: '2015-03-27',
        nhsNumber: '9434765919',
        upn: null,
        createdAt: '2024-01-01T09:00:00.000Z',
      },
      memberAgencies: ['northway-primary', 'thames-valley-police'],
      retentionUntil: null,
      legalHold: false,
    });
    expect(t.repos.chronologies.get(record.id)).toEqual(record);
    expect(t.repos.chronologies.get('missing')).toBeNull();
  });

  it('keeps member agencies in the order given, without duplicates', () => {
    const record = create('Ada', ['thames-valley-police', 'northway-primary', 'thames-valley-police']);
    expect(record.memberAgencies).toEqual(['thames-valley-police', 'northway-primary']);
  });

  it('is all or nothing: an unknown member agency writes no child, chronology or membership', () => {
    expect(() => create('Ada', ['northway-primary', 'no-such-agency'])).toThrow(/FOREIGN KEY/);
    expect(tableCounts()).toEqual({ children: 0, chronologies: 0, chronology_agencies: 0 });
  });

  it('is all or nothing: an unknown lead writes nothing', () => {
    expect(() => t.repos.chronologies.create({ child: { givenName: 'A', familyName: 'B' }, leadUserId: 'ghost', memberAgencies: [], addedBy: 'ghost' })).toThrow(/FOREIGN KEY/);
    expect(tableCounts()).toEqual({ children: 0, chronologies: 0, chronology_agencies: 0 });
  });

  it('takes a kind and a title', () => {
    const record = t.repos.chronologies.create({ child: { givenName: 'A', familyName: 'B' }, leadUserId: leadId, memberAgencies: [], addedBy: leadId, kind: 'child-in-need', title: 'CIN review' });
    expect(record).toMatchObject({ kind: 'child-in-need', title: 'CIN review', memberAgencies: [], child: { dateOfBirth: null, nhsNumber: null, upn: null } });
  });

  it('lists newest first, for an agency, and by ids', () => {
    const a = create('Ada', ['northway-primary']);
    clock = new Date('2024-01-02T09:00:00.000Z');
    const b = create('Ben', ['northway-primary', 'thames-valley-police']);
    clock = new Date('2024-01-03T09:00:00.000Z');
    const c = create('Cat', ['oxford-health-visiting']);
    expect(t.repos.chronologies.list().map((r) => r.child.givenName)).toEqual(['Cat', 'Ben', 'Ada']);
    expect(t.repos.chronologies.listForAgency('northway-primary').map((r) => r.id)).toEqual([b.id, a.id]);
    expect(t.repos.chronologies.listForAgency('thames-valley-police')).toEqual([b]);
    expect(t.repos.chronologies.listForAgency('nobody')).toEqual([]);
    expect(t.repos.chronologies.listByIds([a.id, c.id, 'missing']).map((r) => r.id)).toEqual([c.id, a.id]);
    expect(t.repos.chronologies.listByIds([])).toEqual([]);
    expect(t.repos.chronologies.count()).toBe(3);
  });

  it('reads the record and the users of its running break-glass grants together (access)', () => {
    const record = create();
    const other = t.repos.users.create({ email: 'hv@x.example', name: 'Hana', role: 'practitioner', agency: 'oxford-health-visiting', passwordHash: null }).id;
    expect(t.repos.chronologies.access(record.id, clock.toISOString())).toEqual({ record, readOnlyGrants: [], entryVersion: 0 });
    t.repos.breakGlass.create({ chronologyId: record.id, userId: other, reason: 'Out of hours', expiresAt: '2024-01-01T10:00:00.000Z' });
    t.repos.breakGlass.create({ chronologyId: create('Bea').id, userId: leadId, reason: 'Another chronology', expiresAt: '2024-01-01T10:00:00.000Z' });
    expect(t.repos.chronologies.access(record.id, clock.toISOString())).toEqual({ record, readOnlyGrants: [other], entryVersion: 0 });
    // The same users as breakGlass.activeFor, at any time: an ended grant is gone at once.
    expect(t.repos.chronologies.access(record.id, '2024-01-01T10:00:00.000Z')!.readOnlyGrants).toEqual([]);
    expect(t.repos.chronologies.access(record.id, clock.toISOString())!.readOnlyGrants).toEqual(t.repos.breakGlass.activeFor(record.id, clock.toISOString()).map((g) => g.userId));
    // A membership removed shows on the next read.
    t.repos.chronologies.removeMember(record.id, 'thames-valley-police');
    expect(t.repos.chronologies.access(record.id, clock.toISOString())!.record.memberAgencies).toEqual(['northway-primary']);
    expect(t.repos.chronologies.access('no-such-chronology', clock.toISOString())).toBeNull();
  });

  it('adds and removes member agencies', () => {
    const record = create('Ada', ['northway-primary']);
    expect(t.repos.chronologies.addMember(record.id, 'thames-valley-police', leadId)).toBe(true);
    expect(t.repos.chronologies.addMember(record.id, 'thames-valley-police', leadId)).toBe(false);
    expect(t.repos.chronologies.get(record.id)?.memberAgencies).toEqual(['northway-primary', 'thames-valley-police']);
    expect(t.repos.chronologies.removeMember(record.id, 'northway-primary')).toBe(true);
    expect(t.repos.chronologies.removeMember(record.id, 'northway-primary')).toBe(false);
    expect(t.repos.chronologies.get(record.id)?.memberAgencies).toEqual(['thames-valley-police']);
    expect(() => t.repos.chronologies.addMember(record.id, 'no-such-agency', leadId)).toThrow(/FOREIGN KEY/);
    // In the order they joined, not by name (get gathers them in one statement, ordered by rowid).
    expect(t.repos.chronologies.addMember(record.id, 'northway-primary', leadId)).toBe(true);
    expect(t.repos.chronologies.get(record.id)?.memberAgencies).toEqual(['thames-valley-police', 'northway-primary']);
    expect(t.repos.chronologies.get('no-such-chronology')).toBeNull();
  });

  it('records legal hold and retention', () => {
    const record = create();
    t.repos.chronologies.setLegalHold(record.id, true);
    t.repos.chronologies.setRetentionUntil(record.id, '2040-03-27');
    expect(t.repos.chronologies.get(record.id)).toMatchObject({ legalHold: true, retentionUntil: '2040-03-27' });
  });
});
