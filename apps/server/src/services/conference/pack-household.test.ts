// The household in a conference pack (issue 14 item 5), as pure logic: what each version says of the other
// children, that household events are marked only when the household is asked for, and that nothing the
// family version is not allowed (a member of staff, whether a chronology may be opened, the people an entry
// names) gets into it.
import { describe, expect, it } from 'vitest';
import { packHouseholdSchema, packPreviewSchema, packRowSchema, type Entry } from '@mac/domain';
import { buildEntry, TEST_AGENCIES } from '@mac/domain/testing';
import { householdForPack, isHouseholdEvent, peopleForPack, type PersonForPack, type SiblingForPack } from './pack-household.js';
import { buildPackModel, type PackInput, type PackSelection } from './pack-model.js';

const kai: SiblingForPack = {
  givenName: 'Kai',
  familyName: 'Turner',
  dateOfBirth: '2018-04-02',
  relationship: 'half-sibling',
  from: '2020-03',
  to: null,
  lead: { name: 'Priya Shah', agencyName: 'Oxfordshire Children’s Social Care' },
  canOpen: false,
};
const unknownAge: SiblingForPack = { ...kai, givenName: 'Mia', dateOfBirth: null, relationship: 'other-child', from: null, canOpen: true };

const HOUSEHOLD_EVENT_ID = '5b0e0d39-1d2f-4a39-8f3e-0e6c1c2c9b11';
/** An entry as a household event's copy carries it (the field is optional in the document schema). */
const householdEvent = (over: Partial<Entry>): Entry => buildEntry({ sharing: 'family', ...over, householdEventId: HOUSEHOLD_EVENT_ID });
const callOut = householdEvent({ date: '2024-03-01', summary: 'Police called to the home: domestic incident' });
const ordinary = buildEntry({ date: '2024-02-01', summary: 'School attendance meeting', sharing: 'family' });

const selection = (over: Partial<PackSelection> = {}): PackSelection => ({ kind: 'professional', conferenceDate: '2026-12-10', from: null, to: null, agencies: null, household: true, ...over });
const input = (over: Partial<PackInput> = {}): PackInput => ({
  selection: selection(),
  shared: [ordinary, callOut],
  ownRestricted: [],
  highlights: [],
  agencies: TEST_AGENCIES,
  dateOfBirth: '2025-08-10',
  ...over,
});

describe('the other children in a pack', () => {
  it('the professional version: name, date of birth, age at the conference, place in the household, lead by name, and whether the producer may open them', () => {
    const household = householdForPack('professional', { name: 'Turner household' }, [kai, unknownAge], '2026-12-10', []);
    expect(household).toEqual({
      name: 'Turner household',
      siblings: [
        { name: 'Kai Turner', dateOfBirth: '2 Apr 2018', ageText: '8 years', relationship: 'Half-sibling, since Mar 2020', lead: 'Priya Shah, Oxfordshire Children’s Social Care', canOpen: false },
        { name: 'Mia Turner', dateOfBirth: 'Not recorded', ageText: '', relationship: 'Other child living in the household', lead: 'Priya Shah, Oxfordshire Children’s Social Care', canOpen: true },
      ],
      householdEvents: 0,
    });
    expect(packHouseholdSchema.safeParse(household).success).toBe(true);
  });

  it('the family version names no member of staff and does not say whose chronology may be opened', () => {
    const household = householdForPack('family', { name: 'Turner household' }, [kai], '2026-12-10', []);
    expect(household.siblings).toEqual([{ name: 'Kai Turner', dateOfBirth: '2 Apr 2018', ageText: '8 years', relationship: 'Half-sibling, since Mar 2020', lead: 'Oxfordshire Children’s Social Care' }]);
    expect(JSON.stringify(household)).not.toContain('Priya');
    expect(JSON.stringify(household)).not.toContain('canOpen');
  });

  it('a child in no household: no name and no siblings', () => {
    expect(householdForPack('professional', null, [kai], '2026-12-10', [])).toEqual({ name: null, siblings: [], householdEvents: 0 });
  });
});

describe('household events in a pack', () => {
  it('an entry is a household event when it carries a household event id; entries stored before the field are not', () => {
    expect(isHouseholdEvent(callOut)).toBe(true);
    expect(isHouseholdEvent(ordinary)).toBe(false);
    expect(isHouseholdEvent({ ...ordinary, householdEventId: '' })).toBe(false);
  });

  it('are marked in both versions when the household is included, and counted', () => {
    for (const kind of ['professional', 'family'] as const) {
      const model = buildPackModel(input({ selection: selection({ kind }) }));
      expect(model.rows.map((r) => [r.summary, r.householdEvent ?? false])).toEqual([
        ['School attendance meeting', false],
        ['Police called to the home: domestic incident', true],
      ]);
      for (const row of model.rows) expect(packRowSchema.safeParse(row).success).toBe(true);
      expect(householdForPack(kind, { name: null }, [], '2026-12-10', model.rows).householdEvents).toBe(1);
    }
  });

  it('are not marked when the household is not asked for', () => {
    const model = buildPackModel(input({ selection: selection({ household: false }) }));
    expect(model.rows.some((r) => 'householdEvent' in r)).toBe(false);
  });

  it('a household event the family may not see stays out of the family version like any other entry', () => {
    const proOnly = householdEvent({ date: '2024-04-01', summary: 'Police intelligence about the household', sharing: 'professionals', sharingReason: 'Names the caller' });
    const model = buildPackModel(input({ selection: selection({ kind: 'family' }), shared: [ordinary, proOnly] }));
    expect(model.rows.map((r) => r.summary)).toEqual(['School attendance meeting']);
    expect(model.withheld['professionals-only']).toBe(1);
  });
});

describe('the family version never carries the people an entry names, nor their flags', () => {
  it('an entry naming people (personIds) gives the family row exactly the allow-listed fields', () => {
    // Whatever the entry carries beyond the fields the family version allows (the people it names, and so
    // any flag held against them) is not copied: the family row is built field by field (pack-model.ts familyRow).
    const naming = { ...callOut, personIds: ['p-liam-reid'], flags: ['poses a risk to children'] } as Entry;
    const model = buildPackModel(input({ selection: selection({ kind: 'family' }), shared: [naming] }));
    expect(Object.keys(model.rows[0]!).sort()).toEqual(
      ['actionTaken', 'agency', 'agencyName', 'ageText', 'category', 'categoryLabel', 'childsVoice', 'date', 'dateText', 'detail', 'entryId', 'householdEvent', 'impactOnChild', 'recordedAt', 'summary', 'time'].sort(),
    );
    expect(JSON.stringify(model)).not.toContain('p-liam-reid');
    expect(JSON.stringify(model)).not.toContain('poses a risk');
    // And the preview's schema refuses a row with any other field.
    expect(packPreviewSchema.shape.rows.element.safeParse({ ...model.rows[0], personIds: ['p-liam-reid'] }).success).toBe(false);
  });
});

describe('the adults around the child in a pack', () => {
  const flag = (over: Partial<PersonForPack['flags'][number]>) => ({ kind: 'poses-risk-to-children', reason: 'Breach of a restraining order', sharing: 'professionals', agency: 'thames-valley-police', createdAt: '2026-11-02T10:00:00Z', withdrawnAt: null, ...over });
  const liam: PersonForPack = {
    givenName: 'Liam',
    familyName: 'Reid',
    mergedInto: null,
    relationships: [
      { chronologyId: 'leo', relationship: 'father', from: '2025-08', to: null },
      { chronologyId: 'kai', relationship: 'partner-of-mother', from: null, to: null },
    ],
    flags: [
      flag({}),
      flag({ kind: 'other-concern', reason: 'AGENCY-ONLY police intelligence', sharing: 'agency' }),
      flag({ kind: 'court-order', reason: 'WITHDRAWN order', withdrawnAt: '2026-11-20T10:00:00Z' }),
    ],
  };
  const merged: PersonForPack = { ...liam, givenName: 'L.', mergedInto: 'p-liam' };
  const names = (slug: string) => (slug === 'thames-valley-police' ? 'Thames Valley Police' : slug);

  it('the professional version: name, relationship to this child, and only the standing flags shared with professionals', () => {
    expect(peopleForPack('professional', 'leo', [liam, merged], names)).toEqual([
      { name: 'Liam Reid', relationship: 'Father, since Aug 2025', flags: [{ kind: 'Poses a risk to children', agencyName: 'Thames Valley Police', since: '2 Nov 2026', reason: 'Breach of a restraining order' }] },
    ]);
    const text = JSON.stringify(peopleForPack('professional', 'leo', [liam], names));
    expect(text).not.toContain('AGENCY-ONLY');
    expect(text).not.toContain('WITHDRAWN');
  });

  it('the family version carries no people, so never a flag', () => {
    expect(peopleForPack('family', 'leo', [liam], names)).toBeUndefined();
  });
});
