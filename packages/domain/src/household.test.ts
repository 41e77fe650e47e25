import { describe, expect, it } from 'vitest';
import { byAgeOldestFirst, checkChildLink, checkNewHousehold, decideHouseholdChange, decideHouseholdEvent, decideHouseholdLink, decideHouseholdRead, HOUSEHOLD_EVENT_NOT_MEMBER, HOUSEHOLD_MAX_CHILDREN, householdEventTargets } from './household.js';
import { buildChronology, buildPrincipal } from './testing.js';

const TODAY = '2026-12-05';

// Leo's chronology is led by lead-1 (social care) with the police and health visiting as members; Kai's
// is led by lead-1 too, with the school; Zara's by lead-2 of another agency, lead-1's agency not a member.
const leo = buildChronology({ id: 'leo', leadUserId: 'lead-1', memberAgencies: ['oxfordshire-csc', 'thames-valley-police', 'oxford-health-visiting'] });
const kai = buildChronology({ id: 'kai', leadUserId: 'lead-1', memberAgencies: ['oxfordshire-csc', 'northway-primary'] });
const kaiOtherLead = buildChronology({ ...kai, leadUserId: 'lead-3' });
const zara = buildChronology({ id: 'zara', leadUserId: 'lead-2', memberAgencies: ['oxfordshire-lado'] });

const lead = buildPrincipal({ id: 'lead-1', role: 'lead', agency: 'oxfordshire-csc' });
const colleague = buildPrincipal({ id: 'lead-9', role: 'lead', agency: 'oxfordshire-csc' });
const police = buildPrincipal({ id: 'p-1', role: 'practitioner', agency: 'thames-valley-police' });
const admin = buildPrincipal({ id: 'admin-1', role: 'admin', agency: 'oscp' });
const token = buildPrincipal({ id: 'lead-1', kind: 'token', role: 'lead', agency: 'oxfordshire-csc' });
const granted = buildPrincipal({ id: 'g-1', role: 'practitioner', agency: 'probation-service' });

describe('who may link chronologies into a household', () => {
  it('the lead professional of every chronology may', () => {
    expect(decideHouseholdLink(lead, [leo, kai])).toEqual({ allowed: true });
  });

  it('a lead of only one of the children may not (403: both chronologies are visible to them)', () => {
    expect(decideHouseholdLink(lead, [leo, kaiOtherLead])).toMatchObject({ allowed: false, status: 403 });
  });

  it('a chronology the caller cannot see answers 404, even next to ones it leads', () => {
    expect(decideHouseholdLink(lead, [leo, zara])).toMatchObject({ allowed: false, status: 404 });
    expect(decideHouseholdLink(lead, [leo, undefined])).toMatchObject({ allowed: false, status: 404 });
  });

  it('a member who leads none, an administrator and an API token may not', () => {
    expect(decideHouseholdLink(colleague, [leo, kai])).toMatchObject({ allowed: false, status: 403 });
    expect(decideHouseholdLink(police, [leo, kai])).toMatchObject({ allowed: false, status: 404 }); // police are not members of Kai's
    expect(decideHouseholdLink(police, [leo])).toMatchObject({ allowed: false, status: 403 });
    expect(decideHouseholdLink(admin, [leo, kai])).toMatchObject({ allowed: false, status: 404 });
    expect(decideHouseholdLink(token, [leo, kai])).toMatchObject({ allowed: false, status: 403 });
  });

  it('emergency (read-only) access makes a chronology visible, never linkable', () => {
    const withGrant = buildChronology({ ...leo, readOnlyGrants: ['g-1'] });
    expect(decideHouseholdLink(granted, [withGrant])).toMatchObject({ allowed: false, status: 403 });
  });
});

describe('who may change a household', () => {
  it('a lead of one current child may; a member who leads none gets 403; an outsider 404', () => {
    expect(decideHouseholdChange(lead, [leo, kaiOtherLead])).toEqual({ allowed: true });
    expect(decideHouseholdChange(police, [leo, kaiOtherLead])).toMatchObject({ allowed: false, status: 403 });
    expect(decideHouseholdChange(buildPrincipal({ id: 'x', role: 'lead', agency: 'probation-service' }), [leo, kai])).toMatchObject({ allowed: false, status: 404 });
    expect(decideHouseholdChange(admin, [leo, kai])).toMatchObject({ allowed: false, status: 404 });
    expect(decideHouseholdChange(token, [leo, kai])).toMatchObject({ allowed: false, status: 403 });
  });

  it('a household with no current child is not known to anyone', () => {
    expect(decideHouseholdChange(lead, [])).toMatchObject({ allowed: false, status: 404 });
  });
});

describe('a new household’s shape', () => {
  it('links two or more different children; unnamed children are siblings with no dates', () => {
    const checked = checkNewHousehold({ chronologyIds: ['leo', 'kai'], name: '  Turner household ', children: [{ chronologyId: 'kai', relationship: 'half-sibling', from: '2018-03' }] }, TODAY);
    expect(checked).toEqual({
      ok: true,
      value: {
        name: 'Turner household',
        children: [
          { chronologyId: 'leo', relationship: 'sibling', from: null, to: null },
          { chronologyId: 'kai', relationship: 'half-sibling', from: '2018-03', to: null },
        ],
      },
    });
  });

  it('an empty name is no name', () => {
    expect(checkNewHousehold({ chronologyIds: ['leo', 'kai'], name: '   ' }, TODAY)).toMatchObject({ ok: true, value: { name: null } });
  });

  it('refuses one child, a repeated child, too many children and a long name, naming the field', () => {
    expect(checkNewHousehold({ chronologyIds: ['leo'] }, TODAY)).toMatchObject({ ok: false, problems: [{ field: 'chronologyIds' }] });
    expect(checkNewHousehold({ chronologyIds: ['leo', 'leo'] }, TODAY)).toMatchObject({ ok: false, problems: [{ field: 'chronologyIds', message: 'Each chronology may be listed only once' }, { field: 'chronologyIds' }] });
    const many = Array.from({ length: HOUSEHOLD_MAX_CHILDREN + 1 }, (_, i) => `c${i}`);
    expect(checkNewHousehold({ chronologyIds: many }, TODAY)).toMatchObject({ ok: false, problems: [{ field: 'chronologyIds' }] });
    expect(checkNewHousehold({ chronologyIds: ['leo', 'kai'], name: 'x'.repeat(101) }, TODAY)).toMatchObject({ ok: false, problems: [{ field: 'name' }] });
  });

  it('refuses details for a child not being linked, or described twice', () => {
    const checked = checkNewHousehold({ chronologyIds: ['leo', 'kai'], children: [{ chronologyId: 'zara' }, { chronologyId: 'kai' }, { chronologyId: 'kai' }] }, TODAY);
    expect(checked).toMatchObject({ ok: false, problems: [{ field: 'children.0.chronologyId' }, { field: 'children.2.chronologyId' }] });
  });

  it('names the child’s field when its relationship or dates are wrong', () => {
    const checked = checkNewHousehold({ chronologyIds: ['leo', 'kai'], children: [{ chronologyId: 'kai', relationship: 'cousin', from: 'sometime' }] }, TODAY);
    expect(checked.ok).toBe(false);
    if (!checked.ok) expect(checked.problems.map((p) => p.field)).toEqual(['children.0.relationship', 'children.0.from']);
  });
});

describe('one child’s link', () => {
  it('takes exchange-format dates and stores them canonically', () => {
    expect(checkChildLink({ chronologyId: 'kai', from: 'March 2018', to: '16/02/2026' }, '', TODAY)).toEqual({
      ok: true,
      value: { chronologyId: 'kai', relationship: 'sibling', from: '2018-03', to: '2026-02-16' },
    });
  });

  it('refuses a period, a future date and a to date before the from date', () => {
    expect(checkChildLink({ chronologyId: 'kai', from: '2018..2019' }, '', TODAY)).toMatchObject({ ok: false, problems: [{ field: 'from' }] });
    expect(checkChildLink({ chronologyId: 'kai', to: '2027-01-01' }, '', TODAY)).toMatchObject({ ok: false, problems: [{ field: 'to' }] });
    expect(checkChildLink({ chronologyId: 'kai', from: '2024', to: '2023-05' }, '', TODAY)).toMatchObject({ ok: false, problems: [{ field: 'to', message: 'To date must not be before the from date' }] });
    // Same year at different precision is not "before".
    expect(checkChildLink({ chronologyId: 'kai', from: '2023', to: '2023-05' }, '', TODAY).ok).toBe(true);
  });
});

describe('who may see a household by its id (the household view)', () => {
  it('anyone who may see one of its children, by membership or emergency access', () => {
    expect(decideHouseholdRead(police, [leo, kai])).toEqual({ allowed: true });
    expect(decideHouseholdRead(lead, [zara, kai])).toEqual({ allowed: true });
    expect(decideHouseholdRead(granted, [leo, { ...zara, readOnlyGrants: ['g-1'] }])).toEqual({ allowed: true });
  });

  it('404 for someone who sees none of them, and for administrators (who see no content)', () => {
    expect(decideHouseholdRead(granted, [leo, kai, zara])).toMatchObject({ allowed: false, status: 404 });
    expect(decideHouseholdRead(admin, [leo, kai])).toMatchObject({ allowed: false, status: 404 });
    expect(decideHouseholdRead(lead, [])).toMatchObject({ allowed: false, status: 404 });
  });
});

describe('the order of a household’s children', () => {
  it('oldest first, an unknown date of birth last, then by name', () => {
    const child = (chronologyId: string, givenName: string, dateOfBirth: string | null) => ({ chronologyId, givenName, familyName: 'Turner', dateOfBirth });
    const ordered = byAgeOldestFirst([child('a', 'Leo', '2025-08-10'), child('b', 'Amy', null), child('c', 'Kai', '2018-04-02'), child('d', 'Ada', null)]);
    expect(ordered.map((c) => c.givenName)).toEqual(['Kai', 'Leo', 'Ada', 'Amy']);
  });
});

describe('household events: who may record one, and which children get a copy', () => {
  it('any member agency of a child’s chronology may record one (a token too); a copy only where it is a member', () => {
    expect(decideHouseholdEvent(police, [leo, kai])).toEqual({ allowed: true });
    expect(decideHouseholdEvent(token, [leo, kai])).toEqual({ allowed: true });
    expect(householdEventTargets(police, [{ chronologyId: 'leo', access: leo }, { chronologyId: 'kai', access: kai }])).toEqual({
      write: ['leo'],
      skipped: [{ chronologyId: 'kai', reason: HOUSEHOLD_EVENT_NOT_MEMBER }],
    });
    expect(householdEventTargets(lead, [{ chronologyId: 'leo', access: leo }, { chronologyId: 'kai', access: kai }]).skipped).toEqual([]);
  });

  it('a household none of whose children the caller may see is 404; administrators 404; a break-glass reader only 403', () => {
    expect(decideHouseholdEvent(buildPrincipal({ id: 'x', role: 'lead', agency: 'probation-service' }), [leo, kai])).toMatchObject({ allowed: false, status: 404 });
    expect(decideHouseholdEvent(admin, [leo, kai])).toMatchObject({ allowed: false, status: 404 });
    expect(decideHouseholdEvent(granted, [{ ...leo, readOnlyGrants: ['g-1'] }, kai])).toMatchObject({ allowed: false, status: 403 });
    expect(decideHouseholdEvent(police, [])).toMatchObject({ allowed: false, status: 404 });
  });
});
