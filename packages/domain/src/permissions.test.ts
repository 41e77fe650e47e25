import { describe, expect, it } from 'vitest';
import {
  ACTIONS,
  assertNever,
  canSeeChronology,
  decide,
  decideApproval,
  decideSearch,
  visibleEntry,
  type Action,
  type ChronologyAccess,
  type EntryAccess,
  type Principal,
} from './permissions.js';
import { buildChronology, buildPrincipal } from './testing.js';

// The chronology: members thames-valley-police and northway-primary, led by user lead-1 (a member of
// thames-valley-police), with read-only (break-glass) access for user grantee-1 of a non-member agency.
const chronology: ChronologyAccess = buildChronology({
  leadUserId: 'lead-1',
  memberAgencies: ['thames-valley-police', 'northway-primary'],
  readOnlyGrants: ['grantee-1', 'granted-member'],
});

// Each principal scenario, and what it may do. ✓ allowed, otherwise the status expected.
type Cell = '✓' | '403' | '404';

const police = 'thames-valley-police';
const health = 'oxford-health-visiting'; // not a member

const SCENARIOS: Record<string, Principal> = {
  'admin': buildPrincipal({ id: 'admin-1', role: 'admin', agency: police }),
  'member practitioner': buildPrincipal({ id: 'p-1', role: 'practitioner', agency: police }),
  'member dsl': buildPrincipal({ id: 'd-1', role: 'dsl', agency: police }),
  'member lead (not of this chronology)': buildPrincipal({ id: 'l-2', role: 'lead', agency: police }),
  'chronology lead': buildPrincipal({ id: 'lead-1', role: 'lead', agency: police }),
  'member token': buildPrincipal({ id: 'token:t-1', kind: 'token', role: 'practitioner', agency: police }),
  'member token with role lead': buildPrincipal({ id: 'token:t-2', kind: 'token', role: 'lead', agency: police }),
  'member dsl token': buildPrincipal({ id: 'token:t-3', kind: 'token', role: 'dsl', agency: police }),
  'token whose id is the lead id': buildPrincipal({ id: 'lead-1', kind: 'token', role: 'practitioner', agency: police }),
  'member with a read-only grant too': buildPrincipal({ id: 'granted-member', role: 'practitioner', agency: police }),
  'non-member practitioner': buildPrincipal({ id: 'p-9', role: 'practitioner', agency: health }),
  'non-member dsl': buildPrincipal({ id: 'd-9', role: 'dsl', agency: health }),
  'non-member lead': buildPrincipal({ id: 'l-9', role: 'lead', agency: health }),
  'chronology lead whose agency left': buildPrincipal({ id: 'lead-1', role: 'lead', agency: health }),
  'read-only grantee': buildPrincipal({ id: 'grantee-1', role: 'practitioner', agency: health }),
  'read-only grantee dsl': buildPrincipal({ id: 'grantee-1', role: 'dsl', agency: health }),
  'admin with a grant': buildPrincipal({ id: 'grantee-1', role: 'admin', agency: health }),
};

const CHRONOLOGY_ACTIONS = [
  'chronology:list',
  'chronology:create',
  'chronology:read',
  'chronology:manage-members',
  'chronology:export',
  'chronology:family-export',
  'chronology:import',
  'chronology:audit',
  'pattern:review',
  'admin:manage',
] as const satisfies readonly Action[];

// prettier-ignore
const CHRONOLOGY_MATRIX: Record<keyof typeof SCENARIOS, Cell[]> = {
  //                                       list  create read   manage export family import audit  review admin
  'admin':                                ['✓', '403', '404', '404', '404', '404', '404', '404', '404', '✓'],
  'member practitioner':                  ['✓', '403', '✓',   '403', '✓',   '403', '✓',   '403', '403', '403'],
  'member dsl':                           ['✓', '403', '✓',   '403', '✓',   '✓',   '✓',   '✓',   '✓',   '403'],
  'member lead (not of this chronology)': ['✓', '✓',   '✓',   '403', '✓',   '403', '✓',   '403', '403', '403'],
  'chronology lead':                      ['✓', '✓',   '✓',   '✓',   '✓',   '✓',   '✓',   '✓',   '✓',   '403'],
  'member token':                         ['✓', '403', '✓',   '403', '✓',   '403', '✓',   '403', '403', '403'],
  'member token with role lead':          ['✓', '403', '✓',   '403', '✓',   '403', '✓',   '403', '403', '403'],
  'member dsl token':                     ['✓', '403', '✓',   '403', '✓',   '✓',   '✓',   '✓',   '✓',   '403'],
  'token whose id is the lead id':        ['✓', '403', '✓',   '403', '✓',   '403', '✓',   '403', '403', '403'],
  'member with a read-only grant too':    ['✓', '403', '✓',   '403', '✓',   '403', '✓',   '403', '403', '403'],
  'non-member practitioner':              ['✓', '403', '404', '404', '404', '404', '404', '404', '404', '403'],
  'non-member dsl':                       ['✓', '403', '404', '404', '404', '404', '404', '404', '404', '403'],
  'non-member lead':                      ['✓', '✓',   '404', '404', '404', '404', '404', '404', '404', '403'],
  'chronology lead whose agency left':    ['✓', '✓',   '404', '404', '404', '404', '404', '404', '404', '403'],
  'read-only grantee':                    ['✓', '403', '✓',   '403', '403', '403', '403', '403', '403', '403'],
  'read-only grantee dsl':                ['✓', '403', '✓',   '403', '403', '403', '403', '403', '403', '403'],
  'admin with a grant':                   ['✓', '403', '404', '404', '404', '404', '404', '404', '404', '✓'],
};

// The entries each principal may be asked about: of its own agency or another, shared or restricted,
// or none given (a create without a target, a read of the shared list).
function entries(p: Principal): Record<string, EntryAccess | undefined> {
  const other = p.agency === police ? 'northway-primary' : police;
  return {
    own: { agency: p.agency, restricted: false },
    other: { agency: other, restricted: false },
    'own restricted': { agency: p.agency, restricted: true },
    'other restricted': { agency: other, restricted: true },
    none: undefined,
  };
}

const ENTRY_ACTIONS = ['entry:read', 'entry:create', 'entry:amend', 'entry:withdraw', 'entry:import', 'entry:set-sharing'] as const satisfies readonly Action[];

const memberEntries: Record<(typeof ENTRY_ACTIONS)[number], Cell[]> = {
  //               own  other  own-R  other-R none
  'entry:read':     ['✓', '✓',   '✓',   '404', '✓'],
  'entry:create':   ['✓', '403', '✓',   '404', '✓'],
  'entry:amend':    ['✓', '403', '✓',   '404', '404'],
  'entry:withdraw': ['✓', '403', '✓',   '404', '404'],
  'entry:import':   ['✓', '403', '✓',   '404', '✓'],
  'entry:set-sharing': ['✓', '403', '✓', '404', '✓'],
};
// The chronology's lead may also import other agencies' rows and set their shared entries' sharing level.
const leadEntries: Record<(typeof ENTRY_ACTIONS)[number], Cell[]> = {
  ...memberEntries,
  'entry:import':   ['✓', '✓',   '✓',   '404', '✓'],
  'entry:set-sharing': ['✓', '✓', '✓',  '404', '✓'],
};
const hidden: Record<(typeof ENTRY_ACTIONS)[number], Cell[]> = {
  'entry:read':     ['404', '404', '404', '404', '404'],
  'entry:create':   ['404', '404', '404', '404', '404'],
  'entry:amend':    ['404', '404', '404', '404', '404'],
  'entry:withdraw': ['404', '404', '404', '404', '404'],
  'entry:import':   ['404', '404', '404', '404', '404'],
  'entry:set-sharing': ['404', '404', '404', '404', '404'],
};
const readOnly: Record<(typeof ENTRY_ACTIONS)[number], Cell[]> = {
  'entry:read':     ['✓',   '✓',   '404', '404', '✓'],
  'entry:create':   ['403', '403', '404', '404', '403'],
  'entry:amend':    ['403', '403', '404', '404', '403'],
  'entry:withdraw': ['403', '403', '404', '404', '403'],
  'entry:import':   ['403', '403', '404', '404', '403'],
  'entry:set-sharing': ['403', '403', '404', '404', '403'],
};

const ENTRY_MATRIX: Record<keyof typeof SCENARIOS, Record<(typeof ENTRY_ACTIONS)[number], Cell[]>> = {
  'admin': hidden,
  'member practitioner': memberEntries,
  'member dsl': memberEntries,
  'member lead (not of this chronology)': memberEntries,
  'chronology lead': leadEntries,
  'member token': memberEntries,
  'member token with role lead': memberEntries,
  'member dsl token': memberEntries,
  'token whose id is the lead id': memberEntries,
  'member with a read-only grant too': memberEntries,
  'non-member practitioner': hidden,
  'non-member dsl': hidden,
  'non-member lead': hidden,
  'chronology lead whose agency left': hidden,
  'read-only grantee': readOnly,
  'read-only grantee dsl': readOnly,
  'admin with a grant': hidden,
};

function cell(d: ReturnType<typeof decide>): Cell {
  return d.allowed ? '✓' : d.status === 403 ? '403' : '404';
}

describe('decide: the roles matrix', () => {
  it('covers every action', () => {
    expect([...CHRONOLOGY_ACTIONS, ...ENTRY_ACTIONS].sort()).toEqual([...ACTIONS].sort());
  });

  for (const [name, principal] of Object.entries(SCENARIOS)) {
    describe(name, () => {
      it.each(CHRONOLOGY_ACTIONS.map((action, i) => [action, CHRONOLOGY_MATRIX[name]![i]!] as const))('%s → %s', (action, expected) => {
        expect(cell(decide(principal, action, chronology))).toBe(expected);
      });

      const cases = ENTRY_ACTIONS.flatMap((action) =>
        Object.entries(entries(principal)).map(([kind, entry], i) => [action, kind, entry, ENTRY_MATRIX[name]![action][i]!] as const),
      );
      it.each(cases)('%s on %s entry → %s', (action, _kind, entry, expected) => {
        expect(cell(decide(principal, action, chronology, entry))).toBe(expected);
      });
    });
  }
});

describe('decide: reasons and edge cases', () => {
  const practitioner = SCENARIOS['member practitioner']!;

  it('answers 404 for any chronology action without a chronology', () => {
    for (const action of ACTIONS) {
      if (action === 'chronology:list' || action === 'chronology:create' || action === 'admin:manage') continue;
      expect(decide(practitioner, action)).toEqual({ allowed: false, status: 404, reason: 'chronology not found' });
    }
  });

  it('tells administrators they have no access to content', () => {
    expect(decide(SCENARIOS['admin']!, 'entry:read', chronology, { agency: police, restricted: false })).toEqual({
      allowed: false,
      status: 404,
      reason: 'administrators have no access to chronology content',
    });
  });

  it('names the agency that may change an entry', () => {
    expect(decide(practitioner, 'entry:amend', chronology, { agency: 'northway-primary', restricted: false })).toEqual({
      allowed: false,
      status: 403,
      reason: 'only northway-primary may change this entry',
    });
    expect(decide(practitioner, 'entry:create', chronology, { agency: 'northway-primary', restricted: false })).toMatchObject({
      reason: 'only northway-primary may add entries for northway-primary',
    });
  });

  it('explains role refusals', () => {
    expect(decide(practitioner, 'chronology:create')).toMatchObject({ status: 403, reason: expect.stringContaining('lead professional') });
    expect(decide(SCENARIOS['member token with role lead']!, 'chronology:create')).toMatchObject({
      status: 403,
      reason: 'an API token cannot create a chronology',
    });
    expect(decide(practitioner, 'admin:manage')).toMatchObject({ status: 403 });
    expect(decide(SCENARIOS['read-only grantee']!, 'chronology:export', chronology)).toMatchObject({
      status: 403,
      reason: expect.stringContaining('read-only'),
    });
  });

  it('treats a chronology without readOnlyGrants as having none', () => {
    const plain = { id: 'c', leadUserId: 'lead-1', memberAgencies: [police] };
    expect(decide(SCENARIOS['read-only grantee']!, 'chronology:read', plain)).toMatchObject({ status: 404 });
    expect(canSeeChronology(practitioner, plain)).toBe(true);
  });
});

describe('visibleEntry', () => {
  it('shows restricted entries only to their agency, and nothing to administrators', () => {
    const p = buildPrincipal({ agency: police });
    expect(visibleEntry(p, { agency: police, restricted: true })).toBe(true);
    expect(visibleEntry(p, { agency: 'northway-primary', restricted: true })).toBe(false);
    expect(visibleEntry(p, { agency: 'northway-primary', restricted: false })).toBe(true);
    expect(visibleEntry(buildPrincipal({ role: 'admin' }), { agency: police, restricted: false })).toBe(false);
  });
});

describe('assertNever', () => {
  it('throws with the value', () => {
    expect(() => assertNever('x' as never)).toThrow('unexpected value: "x"');
  });
});

describe('decideApproval: the two-person rule', () => {
  const creator = buildPrincipal({ id: 'admin-1', role: 'admin', agency: 'oscp' });
  const secondAdmin = buildPrincipal({ id: 'admin-2', role: 'admin', agency: 'oscp' });
  const policeLead = buildPrincipal({ id: 'lead-9', role: 'lead', agency: police });
  const otherLead = buildPrincipal({ id: 'lead-8', role: 'lead', agency: 'northway-primary' });
  const policeDsl = buildPrincipal({ id: 'dsl-9', role: 'dsl', agency: police });
  const token = buildPrincipal({ id: 'token:t-1', kind: 'token', role: 'lead', agency: police });
  const newLead = { role: 'lead' as const, agency: police, createdBy: creator.id };
  const newAdmin = { role: 'admin' as const, agency: 'oscp', createdBy: creator.id };
  const newToken = { agency: police, createdBy: creator.id };

  it.each([
    ['the creator, for a lead account', creator, newLead, false],
    ['the creator, for a token', creator, newToken, false],
    ['another administrator', secondAdmin, newLead, true],
    ['another administrator, for an administrator', secondAdmin, newAdmin, true],
    ['a lead of the same agency', policeLead, newLead, true],
    ['a lead of the same agency, for a token', policeLead, newToken, true],
    ['a lead of the same agency, for an administrator', policeLead, { ...newAdmin, agency: police }, false],
    ['a lead of another agency', otherLead, newLead, false],
    ['a DSL of the same agency', policeDsl, newLead, false],
    ['an API token', token, newToken, false],
  ] as const)('%s → %s', (_name, approver, pending, allowed) => {
    expect(decideApproval(approver, pending).allowed).toBe(allowed);
  });
});

describe('decideSearch', () => {
  it('lets every content role and agency token search (what each finds is the entry rules, in the query), never an administrator', () => {
    for (const role of ['practitioner', 'dsl', 'lead'] as const) expect(decideSearch(buildPrincipal({ role })).allowed).toBe(true);
    expect(decideSearch(buildPrincipal({ kind: 'token', role: 'practitioner' })).allowed).toBe(true);
    expect(decideSearch(buildPrincipal({ role: 'admin' }))).toEqual({ allowed: false, status: 403, reason: 'administrators have no access to chronology content' });
  });
});
