import { afterEach, beforeEach, describe, expect, it } from 'vitest';
import type { ChronologyRecord } from './chronologies.js';
import { openTestDatabase, type TestDatabase } from '../testing.js';

let t: TestDatabase;
let clock: Date;
let leadId: string;
let leo: ChronologyRecord;
let kai: ChronologyRecord;
let mia: ChronologyRecord;

const link = (chronologyId: string, relationship = 'sibling') => ({ chronologyId, relationship, from: null, to: null });
const rowCount = (table: string) => (t.db.sqlite.prepare(`select count(*) as n from ${table}`).get() as { n: number }).n;

beforeEach(() => {
  clock = new Date('2026-01-01T09:00:00.000Z');
  t = openTestDatabase({ now: () => clock });
  t.repos.agencies.upsert({ slug: 'oxfordshire-csc', name: "Oxfordshire Children's Social Care", kind: 'childrens-social-care' });
  leadId = t.repos.users.create({ email: 'lead@x.example', name: 'Priya', role: 'lead', agency: 'oxfordshire-csc', passwordHash: null }).id;
  const make = (givenName: string) =>
    t.repos.chronologies.create({ child: { givenName, familyName: 'Turner', dateOfBirth: '2018-01-01' }, leadUserId: leadId, memberAgencies: ['oxfordshire-csc'], addedBy: leadId });
  leo = make('Leo');
  kai = make('Kai');
  mia = make('Mia');
});
afterEach(() => t.cleanup());

describe('households', () => {
  it('creates a household and links every child in one write; each child finds the same household', () => {
    const made = t.repos.households.create({ name: 'Turner household', createdBy: leadId, children: [link(leo.id), { chronologyId: kai.id, relationship: 'half-sibling', from: '2018-03', to: null }] });
    expect(made).toEqual({ ok: true, household: { id: expect.any(String), name: 'Turner household', createdAt: '2026-01-01T09:00:00.000Z', createdBy: leadId } });
    if (!made.ok) return;
    const fromLeo = t.repos.households.currentFor(leo.id);
    expect(fromLeo).toEqual({
      household: made.household,
      links: [
        { householdId: made.household.id, chronologyId: leo.id, relationship: 'sibling', from: null, to: null, addedAt: '2026-01-01T09:00:00.000Z', addedBy: leadId },
        { householdId: made.household.id, chronologyId: kai.id, relationship: 'half-sibling', from: '2018-03', to: null, addedAt: '2026-01-01T09:00:00.000Z', addedBy: leadId },
      ],
    });
    expect(t.repos.households.currentFor(kai.id)).toEqual(fromLeo);
    expect(t.repos.households.currentFor(mia.id)).toBeNull();
    expect(t.repos.households.get(made.household.id)).toEqual(made.household);
    expect(t.repos.households.get('missing')).toBeNull();
  });

  it('refuses a child already in a household and writes nothing at all', () => {
    const first = t.repos.households.create({ name: null, createdBy: leadId, children: [link(leo.id), link(kai.id)] });
    expect(first.ok).toBe(true);
    const before = [rowCount('households'), rowCount('household_members')];
    expect(t.repos.households.create({ name: null, createdBy: leadId, children: [link(mia.id), link(kai.id)] })).toEqual({ ok: false, reason: 'linked', linked: [kai.id] });
    expect([rowCount('households'), rowCount('household_members')]).toEqual(before);
    expect(t.repos.households.currentFor(mia.id)).toBeNull();
  });

  it('an unknown chronology throws and writes no household', () => {
    expect(() => t.repos.households.create({ name: null, createdBy: leadId, children: [link(leo.id), link('no-such-chronology')] })).toThrow(/FOREIGN KEY/);
    expect([rowCount('households'), rowCount('household_members')]).toEqual([0, 0]);
  });

  it('adds a child later, and refuses one that is linked elsewhere or a household that does not exist', () => {
    const made = t.repos.households.create({ name: null, createdBy: leadId, children: [link(leo.id), link(kai.id)] });
    if (!made.ok) throw new Error('not created');
    expect(t.repos.households.addChild(made.household.id, link(mia.id, 'other-child'), leadId)).toMatchObject({ ok: true });
    expect(t.repos.households.currentLinks(made.household.id).map((l) => [l.chronologyId, l.relationship])).toEqual([[leo.id, 'sibling'], [kai.id, 'sibling'], [mia.id, 'other-child']]);
    expect(t.repos.households.addChild(made.household.id, link(mia.id), leadId)).toEqual({ ok: false, reason: 'linked', linked: [mia.id] });
    expect(t.repos.households.addChild('missing', link(mia.id), leadId)).toEqual({ ok: false, reason: 'no-household' });
    // Each child's current siblings, in one query, in the order they were linked.
    expect(t.repos.households.siblingsOf([leo.id, kai.id, mia.id, 'missing'])).toEqual({ [leo.id]: [kai.id, mia.id], [kai.id]: [leo.id, mia.id], [mia.id]: [leo.id, kai.id] });
    expect(t.repos.households.siblingsOf([])).toEqual({});
  });

  it('removing a child ends its link (kept on record) and frees it for another household', () => {
    const made = t.repos.households.create({ name: null, createdBy: leadId, children: [link(leo.id), link(kai.id)] });
    if (!made.ok) throw new Error('not created');
    clock = new Date('2026-02-01T09:00:00.000Z');
    expect(t.repos.households.removeChild(made.household.id, kai.id, leadId)).toBe(true);
    expect(t.repos.households.removeChild(made.household.id, kai.id, leadId)).toBe(false);
    // A removed child has no siblings and is no one's: Leo is alone now.
    expect(t.repos.households.siblingsOf([leo.id, kai.id])).toEqual({});
    expect(t.repos.households.currentFor(kai.id)).toBeNull();
    expect(t.repos.households.currentLinks(made.household.id).map((l) => l.chronologyId)).toEqual([leo.id]);
    const ended = t.db.sqlite.prepare('select removed_at, removed_by from household_members where chronology_id = ?').get(kai.id);
    expect(ended).toEqual({ removed_at: '2026-02-01T09:00:00.000Z', removed_by: leadId });
    expect(t.repos.households.create({ name: 'Kai at his aunt’s', createdBy: leadId, children: [link(kai.id), link(mia.id)] }).ok).toBe(true);
  });

  it('the database itself refuses a second current link for one chronology', () => {
    const made = t.repos.households.create({ name: null, createdBy: leadId, children: [link(leo.id), link(kai.id)] });
    if (!made.ok) throw new Error('not created');
    expect(() =>
      t.db.sqlite
        .prepare("insert into household_members (household_id, chronology_id, relationship, added_at, added_by) values (?, ?, 'sibling', 'x', 'y')")
        .run(made.household.id, leo.id),
    ).toThrow(/UNIQUE/);
  });

  it('disposing of a chronology at the end of retention removes its links', () => {
    const made = t.repos.households.create({ name: null, createdBy: leadId, children: [link(leo.id), link(kai.id)] });
    if (!made.ok) throw new Error('not created');
    expect(t.repos.chronologies.dispose(kai.id)).toBeGreaterThan(0);
    expect(t.repos.households.currentLinks(made.household.id).map((l) => l.chronologyId)).toEqual([leo.id]);
  });
});
