import { describe, expect, it } from 'vitest';
import {
  actionCreateSchema,
  actionDueText,
  actionPatchSchema,
  applyActionPatch,
  daysOverdue,
  decideActionChange,
  actionsForPack,
  isOverdue,
  overdueActions,
  type ActionItem,
} from './actions.js';
import { todayIso } from './dates.js';
import { buildChronology, buildPrincipal } from './testing.js';

const base: ActionItem = {
  id: 'a1',
  chronologyId: 'c1',
  title: 'Arrange a paediatric assessment',
  notes: 'Mother asked that the school is not told yet',
  ownerAgency: 'northway-primary',
  ownerUserId: 'u-school',
  dueDate: '2026-11-03',
  status: 'open',
  outcome: null,
  reason: null,
  source: 'entry',
  sourceRef: 'e1',
  entryIds: ['e1'],
  createdAt: '2026-10-01T10:00:00.000Z',
  createdBy: 'u-lead',
  updatedAt: '2026-10-01T10:00:00.000Z',
  updatedBy: 'u-lead',
};

const fields = (r: { success: boolean; error?: { issues: { path: PropertyKey[] }[] } }) => (r.error?.issues ?? []).map((i) => i.path.join('.'));

describe('creating an action', () => {
  const valid = { title: ' Visit the child at home ', ownerAgency: 'northway-primary', ownerUserId: 'u1', dueDate: '2026-12-10', source: 'highlight', sourceRef: 'rule:x' };

  it('accepts a complete action, trimming text and dropping repeated links', () => {
    const r = actionCreateSchema.safeParse({ ...valid, entryIds: ['e1', 'e1', 'e2'] });
    expect(r.success).toBe(true);
    expect(r.data).toMatchObject({ title: 'Visit the child at home', entryIds: ['e1', 'e2'] });
  });

  it('refuses a due date that is not a real calendar day, naming the field', () => {
    for (const dueDate of ['2026-02-30', '2026-12', '10/12/2026', '']) expect(fields(actionCreateSchema.safeParse({ ...valid, dueDate }))).toEqual(['dueDate']);
  });

  it('refuses an empty title, an unknown source and unknown fields', () => {
    expect(fields(actionCreateSchema.safeParse({ ...valid, title: '   ' }))).toEqual(['title']);
    expect(fields(actionCreateSchema.safeParse({ ...valid, source: 'email' }))).toEqual(['source']);
    expect(actionCreateSchema.safeParse({ ...valid, status: 'done' }).success).toBe(false);
  });
});

describe('changing an action', () => {
  it('done requires an outcome and cancelled a reason, each refused naming the field', () => {
    expect(fields(actionPatchSchema.safeParse({ status: 'done' }))).toEqual(['outcome']);
    expect(fields(actionPatchSchema.safeParse({ status: 'done', outcome: '  ' }))).toEqual(['outcome']);
    expect(fields(actionPatchSchema.safeParse({ status: 'cancelled' }))).toEqual(['reason']);
    expect(actionPatchSchema.safeParse({ status: 'done', outcome: 'Seen at home on 4 Dec' }).success).toBe(true);
    expect(actionPatchSchema.safeParse({ status: 'cancelled', reason: 'Family moved out of area' }).success).toBe(true);
  });

  it('refuses an outcome without done, a reason without cancelled, half an owner and an empty patch', () => {
    expect(fields(actionPatchSchema.safeParse({ outcome: 'x' }))).toEqual(['outcome']);
    expect(fields(actionPatchSchema.safeParse({ status: 'open', reason: 'x' }))).toEqual(['reason']);
    expect(fields(actionPatchSchema.safeParse({ ownerAgency: 'oxfordshire-csc' }))).toEqual(['ownerUserId']);
    expect(fields(actionPatchSchema.safeParse({}))).toEqual(['']);
  });

  it('applies a patch, listing only the fields whose value changed, before and after', () => {
    const { next, changes } = applyActionPatch(base, { status: 'done', outcome: 'Assessed on 2 Nov', dueDate: '2026-11-03' });
    expect(next).toMatchObject({ status: 'done', outcome: 'Assessed on 2 Nov', dueDate: '2026-11-03' });
    expect(changes).toEqual({ status: { from: 'open', to: 'done' }, outcome: { from: null, to: 'Assessed on 2 Nov' } });
    expect(base.status).toBe('open');
  });
});

describe('who may change an action', () => {
  const chronology = buildChronology({ leadUserId: 'u-lead', memberAgencies: ['oxfordshire-csc', 'northway-primary', 'thames-valley-police'] });
  it('its owner agency and the lead may; another member agency may not (403)', () => {
    expect(decideActionChange(buildPrincipal({ id: 'u-dsl', role: 'dsl', agency: 'northway-primary' }), chronology, base)).toEqual({ allowed: true });
    expect(decideActionChange(buildPrincipal({ id: 'u-lead', role: 'lead', agency: 'oxfordshire-csc' }), chronology, base)).toEqual({ allowed: true });
    expect(decideActionChange(buildPrincipal({ id: 'u-p', role: 'dsl', agency: 'thames-valley-police' }), chronology, base)).toMatchObject({ allowed: false, status: 403 });
    // Another lead of the lead's agency is not this chronology's lead.
    expect(decideActionChange(buildPrincipal({ id: 'u-lead2', role: 'lead', agency: 'oxfordshire-csc' }), chronology, base)).toMatchObject({ allowed: false, status: 403 });
  });
});

describe('overdue', () => {
  it('is open with a due date before today; due today is not overdue; closed actions never are', () => {
    expect(isOverdue(base, '2026-11-03')).toBe(false);
    expect(isOverdue(base, '2026-11-04')).toBe(true);
    expect(daysOverdue(base, '2026-11-15')).toBe(12);
    expect(isOverdue({ ...base, status: 'done' }, '2027-01-01')).toBe(false);
    expect(isOverdue({ ...base, status: 'cancelled' }, '2027-01-01')).toBe(false);
  });

  it('counts today in the partnership time zone: 00:30 on a summer day in London is already that day', () => {
    const action = { ...base, dueDate: '2026-07-01' };
    const now = new Date('2026-07-01T23:30:00Z'); // 00:30 on 2 July in London
    expect(isOverdue(action, todayIso(now))).toBe(true);
    expect(isOverdue(action, now.toISOString().slice(0, 10))).toBe(false);
  });

  it('lists the overdue ones, longest overdue first', () => {
    const list = [
      { ...base, id: 'b', dueDate: '2026-11-10' },
      { ...base, id: 'c', dueDate: '2026-11-01', status: 'done' as const },
      { ...base, id: 'a', dueDate: '2026-11-02' },
      { ...base, id: 'd', dueDate: '2026-12-05' },
    ];
    expect(overdueActions(list, '2026-12-05').map((a) => a.id)).toEqual(['a', 'b']);
  });

  it('says where an action stands in words', () => {
    expect(actionDueText(base, '2026-11-15')).toBe('Overdue by 12 days');
    expect(actionDueText(base, '2026-11-04')).toBe('Overdue by 1 day');
    expect(actionDueText(base, '2026-11-03')).toBe('Due today');
    expect(actionDueText(base, '2026-11-01')).toBe('Due in 2 days');
    expect(actionDueText({ ...base, status: 'done' }, '2026-11-15')).toBe('Done');
  });
});

describe('actions in a conference pack', () => {
  const names = { agency: (slug: string) => (slug === 'northway-primary' ? 'Northway Primary School' : slug), person: (id: string) => (id === 'u-school' ? 'Helen Okoro' : id) };
  const done = { ...base, id: 'a0', status: 'done' as const, outcome: 'Assessed: bruising consistent with a fall', dueDate: '2026-10-01', entryIds: ['e1', 'e-withheld'] };

  it('the professional version: owner person, standing in words, outcome, notes, and only links into the pack; open first', () => {
    const shown = actionsForPack([done, base], 'professional', '2026-11-15', names, new Set(['e1']));
    expect(shown.map((a) => a.status)).toEqual(['open', 'done']);
    expect(shown[0]).toMatchObject({ ownerName: 'Helen Okoro', ownerAgencyName: 'Northway Primary School', overdue: true, standing: 'Overdue by 12 days', notes: base.notes, entryIds: ['e1'] });
    expect(shown[1]).toMatchObject({ outcome: 'Assessed: bruising consistent with a fall', entryIds: ['e1'] });
  });

  it('the family version: what, which agency, when and where it stands; never the notes, the person, the outcome or the links', () => {
    const shown = actionsForPack([done, base], 'family', '2026-11-15', names, new Set(['e1']));
    expect(shown[0]).toEqual({ title: base.title, ownerAgency: 'northway-primary', ownerAgencyName: 'Northway Primary School', dueDate: '2026-11-03', status: 'open', overdue: true, standing: 'Overdue by 12 days' });
    expect(JSON.stringify(shown)).not.toMatch(/Mother asked|Helen|u-school|Assessed|e1/);
  });
});
