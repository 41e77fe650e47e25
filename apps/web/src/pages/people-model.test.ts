import { describe, expect, it } from 'vitest';
import type { PersonRecord } from '../api.js';
import { personChoices, personLabeller, relationshipTo, survivors } from './people-model.js';

const person = (over: Partial<PersonRecord>): PersonRecord => ({
  id: 'p',
  givenName: 'Dean',
  familyName: 'Marsh',
  dateOfBirth: null,
  mergedInto: null,
  householdId: null,
  createdAt: '2025-01-01T00:00:00Z',
  createdAgency: 'oxfordshire-csc',
  relationships: [{ chronologyId: 'leo', relationship: 'partner-of-mother', from: null, to: null }],
  flags: [],
  ...over,
});

describe('people model', () => {
  const people = [person({ id: 'a' }), person({ id: 'b', mergedInto: 'a', relationships: [{ chronologyId: 'kai', relationship: 'partner-of-mother', from: null, to: null }] })];

  it('offers survivors only, named with their relationship to this child', () => {
    expect(survivors(people).map((p) => p.id)).toEqual(['a']);
    expect(personChoices(people, 'leo')).toEqual([{ id: 'a', label: 'Dean Marsh, mother’s partner' }]);
  });

  it('names a merged record by its survivor, and an unknown id plainly', () => {
    const label = personLabeller(people, 'leo');
    expect(label('b')).toBe('Dean Marsh (mother’s partner)');
    expect(label('zzz')).toBe('A person you cannot see');
  });

  it('says how a person stands to a sibling when not linked to this child', () => {
    expect(relationshipTo(people[1]!, 'leo')).toBe('Mother’s partner of a sibling');
  });
});
