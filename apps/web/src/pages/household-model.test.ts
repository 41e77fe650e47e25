import { describe, expect, it } from 'vitest';
import type { ChronologySummary, HouseholdView } from '../api.js';
import { describeRelationship, linkCandidates, linkErrors, otherChildren } from './household-model.js';

const child = (chronologyId: string, givenName: string) => ({
  chronologyId,
  givenName,
  familyName: 'Turner',
  dateOfBirth: '2018-04-02',
  lead: { name: 'Priya Shah', agency: 'oxfordshire-csc' },
  relationship: 'sibling' as const,
  from: null,
  to: null,
  canOpen: false,
});
const view: HouseholdView = { household: { id: 'h1', name: null }, children: [child('leo', 'Leo'), child('kai', 'Kai')] };
const summary = (id: string, givenName: string, leadId: string): ChronologySummary => ({
  id,
  child: { givenName, familyName: 'Turner', dateOfBirth: null, nhsNumber: null },
  lead: { id: leadId, name: 'x', agency: 'oxfordshire-csc' },
  memberAgencies: [],
  entryCount: 0,
  lastChangeAt: null,
  openHighlights: 0,
  overdueActions: 0,
  createdAt: '2026-01-01T00:00:00.000Z',
});

describe('household panel model', () => {
  it('shows the other children, not the one being looked at', () => {
    expect(otherChildren(view, 'leo').map((c) => c.givenName)).toEqual(['Kai']);
  });

  it('describes a relationship with the dates known', () => {
    expect(describeRelationship({ relationship: 'half-sibling', from: '2020-03', to: null })).toBe('Half-sibling, since Mar 2020');
    expect(describeRelationship({ relationship: 'sibling', from: null, to: '2026-02-16' })).toBe('Sibling, until 16 Feb 2026');
    expect(describeRelationship({ relationship: 'other-child', from: null, to: null })).toBe('Other child living in the household');
  });

  it('offers to link only chronologies the reader leads, not this one nor one already linked', () => {
    const caseload = [summary('leo', 'Leo', 'me'), summary('kai', 'Kai', 'me'), summary('zoe', 'Zoe', 'me'), summary('amy', 'Amy', 'me'), summary('ola', 'Ola', 'someone-else')];
    expect(linkCandidates(caseload, 'me', 'leo', view).map((c) => c.id)).toEqual(['amy', 'zoe']);
    expect(linkCandidates(caseload, 'me', 'leo', { household: null, children: [] }).map((c) => c.id)).toEqual(['amy', 'kai', 'zoe']);
  });

  it('puts the server’s refusals next to the field they concern', () => {
    expect(linkErrors(422, 'invalid', 'x', [{ field: 'children.0.relationship', message: 'Relationship must be one of …' }])).toEqual({ relationship: 'Relationship must be one of …' });
    expect(linkErrors(422, 'invalid', 'x', [{ field: 'chronologyIds', message: 'A household links at least two' }])).toEqual({ child: 'A household links at least two' });
    expect(linkErrors(409, 'already_in_household', 'x', [])).toEqual({ child: 'This child is already in another household. Remove them from it first.' });
    expect(linkErrors(403, 'forbidden', 'only the lead professional of each chronology may link it', [])).toEqual({ child: 'only the lead professional of each chronology may link it' });
    expect(linkErrors(500, 'internal', 'Something went wrong', [])).toEqual({ form: 'Something went wrong' });
  });
});
