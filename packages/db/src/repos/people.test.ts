import { afterEach, beforeEach, describe, expect, it } from 'vitest';
import { openTestDatabase, type TestDatabase } from '../testing.js';

let t: TestDatabase;
let clock: Date;
let leadId: string;
let chronologyIds: string[];

beforeEach(() => {
  clock = new Date('2026-01-01T09:00:00.000Z');
  t = openTestDatabase({ now: () => clock });
  t.repos.agencies.upsert({ slug: 'oxfordshire-csc', name: "Oxfordshire Children's Social Care", kind: 'childrens-social-care' });
  leadId = t.repos.users.create({ email: 'lead@x.example', name: 'Priya', role: 'lead', agency: 'oxfordshire-csc', passwordHash: null }).id;
  chronologyIds = ['Leo', 'Kai'].map(
    (givenName) => t.repos.chronologies.create({ child: { givenName, familyName: 'Turner' }, leadUserId: leadId, memberAgencies: ['oxfordshire-csc'], addedBy: leadId }).id,
  );
});
afterEach(() => t.cleanup());

const later = () => (clock = new Date(clock.getTime() + 60_000));
const person = (chronologyId: string, givenName: string) =>
  t.repos.people.create({ givenName, familyName: 'Turner', nameKey: `${givenName} turner`, dateOfBirth: null, householdId: null, createdBy: leadId, createdAgency: 'oxfordshire-csc', links: [{ chronologyId, relationship: 'parent', from: null, to: null }] });

describe('people.versionsOf (what the kept highlight counts are keyed on)', () => {
  it('names only chronologies with people, and moves when a linked person or their flags change', () => {
    const [leo, kai] = chronologyIds as [string, string];
    expect(t.repos.people.versionsOf([leo, kai])).toEqual({});
    const mother = person(leo, 'Amy');
    const first = t.repos.people.versionsOf([leo, kai]);
    expect(Object.keys(first)).toEqual([leo]);
    expect(first[leo]).toBe(`1|0|${mother.updatedAt}|||`);

    later();
    const flag = t.repos.people.addFlag({ personId: mother.id, kind: 'risk', reason: 'r', sharing: 'all', agency: 'oxfordshire-csc', createdBy: leadId, createdByName: 'Priya' });
    const flagged = t.repos.people.versionsOf([leo])[leo]!;
    expect(flagged).toBe(`1|1|${mother.updatedAt}||${flag.createdAt}|`);

    later();
    t.repos.people.withdrawFlag(flag.id, { by: leadId, byName: 'Priya', reason: 'wrong person' });
    const withdrawn = t.repos.people.versionsOf([leo])[leo]!;
    expect(withdrawn).not.toBe(flagged);
    expect(withdrawn.endsWith(clock.toISOString())).toBe(true);

    person(leo, 'Ben');
    person(kai, 'Cal');
    const both = t.repos.people.versionsOf([kai, leo]);
    expect(both[leo]!.startsWith('2|1|')).toBe(true);
    expect(both[kai]!.startsWith('1|0|')).toBe(true);
    // The same people in any order of asking, and a list of any length.
    expect(t.repos.people.versionsOf([leo, kai, ...Array.from({ length: 1_200 }, (_, i) => `none-${i}`)])).toEqual(both);
  });
});

describe('people.peopleOf', () => {
  it("gives a chronology's people with their links (to any chronology) and flags, in order", () => {
    const [leo, kai] = chronologyIds as [string, string];
    const amy = person(leo, 'Amy');
    later();
    const ben = t.repos.people.create({
      givenName: 'Ben', familyName: 'Turner', nameKey: 'ben turner', dateOfBirth: null, householdId: null, createdBy: leadId, createdAgency: 'oxfordshire-csc',
      links: [{ chronologyId: leo, relationship: 'father', from: '2019-01', to: null }, { chronologyId: kai, relationship: 'father', from: null, to: null }],
    });
    person(kai, 'Cal');
    const flag = (personId: string, kind: string) => {
      later();
      return t.repos.people.addFlag({ personId, kind, reason: 'r', sharing: 'all', agency: 'oxfordshire-csc', createdBy: leadId, createdByName: 'Priya' });
    };
    const second = flag(ben.id, 'risk');
    const first = flag(amy.id, 'risk');
    const of = t.repos.people.peopleOf([leo]);
    expect(of.people.map((p) => p.givenName)).toEqual(['Amy', 'Ben']);
    expect(of.links.map((l) => [l.personId, l.chronologyId, l.relationship, l.from])).toEqual(
      expect.arrayContaining([[amy.id, leo, 'parent', null], [ben.id, leo, 'father', '2019-01'], [ben.id, kai, 'father', null]]),
    );
    expect(of.links).toHaveLength(3);
    expect(Object.keys(of.links[0]!)).toEqual(['personId', 'chronologyId', 'relationship', 'from', 'to', 'addedAt', 'addedBy']);
    expect(of.flags.map((f) => f.id)).toEqual([second.id, first.id]);
    expect(of.flags[0]).toEqual(second);
  });
});
