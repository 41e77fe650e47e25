// The three family rules (Think Family): each fires on the history it is about, stays silent on the
// near misses, and reads only what the caller was given (siblings, people and flags the caller may see).
import { describe, expect, it } from 'vitest';
import { evaluatePatterns } from '../engine.js';
import { thresholdWords } from '../threshold-words.js';
import type { FamilyInput, Highlight, PatternEntry, PatternPerson } from '../types.js';
import { AGENCIES, day, entryOn, withdrawn } from '../test-support.js';

const AS_OF = '2026-12-01';

function family(rule: string, entries: readonly PatternEntry[], input?: FamilyInput, config?: Parameters<typeof evaluatePatterns>[0]['config']): Highlight[] {
  return evaluatePatterns({ entries, dateOfBirth: null, asOf: AS_OF, agencies: AGENCIES, ...(input ? { family: input } : {}), ...(config ? { config } : {}) }).filter(
    (h) => h.ruleId === rule,
  );
}

const named = (e: PatternEntry, ...personIds: string[]): PatternEntry => ({ ...e, personIds });
const household = (e: PatternEntry, householdEventId: string): PatternEntry => ({ ...e, householdEventId });

describe('sibling-previously-on-plan', () => {
  const kaiPlan = entryOn('2024-02-10', 'child-protection-plan-start', 'oxfordshire-csc');
  const kai = { chronologyId: 'chr-kai', name: 'Kai', entries: [entryOn('2024-01-05', 'neglect-concern', 'northway-primary'), kaiPlan] };

  it("fires on a child whose linked sibling had a child protection plan, naming the sibling and showing this child's concerns since", () => {
    const leo = [entryOn('2022-06-01', 'injury', 'ouh-acute'), entryOn('2023-09-01', 'school-absence', 'northway-primary'), entryOn('2025-03-03', 'neglect-concern', 'oxford-health-hv')];
    const [h, ...rest] = family('sibling-previously-on-plan', leo, { siblings: [kai] });
    expect(rest).toEqual([]);
    expect(h).toMatchObject({ severity: 'medium', sibling: { chronologyId: 'chr-kai', name: 'Kai', events: [{ entryId: kaiPlan.id, category: 'child-protection-plan-start', date: '2024-02-10' }] } });
    // 365 days before 10 February 2024 is 10 February 2023: the 2022 injury is too early.
    expect(h!.entryIds).toEqual([leo[1]!.id, leo[2]!.id]);
    expect(h!.window).toEqual({ from: '2023-09-01', to: '2025-03-03' });
    expect(h!.explanation).toMatch(/^Kai, a linked sibling, had a child protection plan \(first recorded 10 February 2024\)\. Since 10 February 2023, 2 concerns/);
  });

  it('fires even with no concern about this child yet (a new baby), and is high when the sibling came into care or was seriously harmed', () => {
    const [plan] = family('sibling-previously-on-plan', [], { siblings: [kai] });
    expect(plan).toMatchObject({ severity: 'medium', entryIds: [], window: { from: '2024-02-10', to: '2024-02-10' } });
    expect(plan!.explanation).toContain('No concern about this child is recorded since.');
    const harmed = { chronologyId: 'chr-mia', name: 'Mia', entries: [entryOn('2021-05-05', 'serious-harm-or-death', 'ouh-acute')] };
    const care = { chronologyId: 'chr-jo', name: 'Jo', entries: [entryOn('2020-01-01', 'became-looked-after', 'oxfordshire-csc')] };
    const all = family('sibling-previously-on-plan', [], { siblings: [kai, harmed, care] });
    expect(all.map((h) => [h.sibling!.name, h.severity]).sort()).toEqual([['Jo', 'high'], ['Kai', 'medium'], ['Mia', 'high']]);
    expect(new Set(all.map((h) => h.id)).size).toBe(3);
    expect(all.find((h) => h.sibling!.name === 'Mia')!.explanation).toContain('Mia, a linked sibling, died or was seriously harmed');
  });

  it('stays silent without siblings, for siblings with no plan, care or serious harm, and for withdrawn or future entries', () => {
    const leo = [entryOn('2025-03-03', 'neglect-concern')];
    expect(family('sibling-previously-on-plan', leo)).toEqual([]);
    expect(family('sibling-previously-on-plan', leo, { siblings: [{ chronologyId: 'c', name: 'Amy', entries: [entryOn('2024-01-01', 'neglect-concern'), entryOn('2024-02-01', 'child-protection-conference')] }] })).toEqual([]);
    expect(family('sibling-previously-on-plan', leo, { siblings: [{ ...kai, entries: [withdrawn(kaiPlan)] }] })).toEqual([]);
    expect(family('sibling-previously-on-plan', leo, { siblings: [{ ...kai, entries: [entryOn('2027-01-01', 'child-protection-plan-start')] }] })).toEqual([]);
  });

  it('can be switched off, and its lookback configured', () => {
    const leo = [entryOn('2023-09-01', 'school-absence'), entryOn('2025-03-03', 'neglect-concern')];
    expect(family('sibling-previously-on-plan', leo, { siblings: [kai] }, { rules: { 'sibling-previously-on-plan': { enabled: false } } })).toEqual([]);
    const [h] = family('sibling-previously-on-plan', leo, { siblings: [kai] }, { rules: { 'sibling-previously-on-plan': { thresholds: { lookbackDays: 30 } } } });
    expect(h!.entryIds).toEqual([leo[1]!.id]);
    expect(thresholdWords('sibling-previously-on-plan', h!.thresholds)).toContain('30 days before');
  });
});

describe('known-adult-returns', () => {
  const dean: PatternPerson = { id: 'p-dean', name: 'Dean Walsh', flags: [] };
  const flaggedDean: PatternPerson = { ...dean, flags: [{ kind: 'poses-risk-to-children', createdAt: '2025-01-10T09:00:00.000Z' }] };

  it('fires when an adult named in a concern is named again after a gap of 90 days or more', () => {
    const entries = [
      named(entryOn('2025-01-04', 'domestic-abuse-incident', 'thames-valley-police'), 'p-dean'),
      named(entryOn('2025-01-20', 'police-attendance', 'thames-valley-police'), 'p-dean'),
      named(entryOn('2025-06-30', 'other', 'oxfordshire-csc'), 'p-dean'),
    ];
    const [h, ...rest] = family('known-adult-returns', entries, { people: [dean] });
    expect(rest).toEqual([]);
    expect(h).toMatchObject({ severity: 'medium', personId: 'p-dean', entryIds: [entries[0]!.id, entries[1]!.id, entries[2]!.id] });
    expect(h!.explanation).toMatch(/^Dean Walsh, named in a domestic abuse incident entry on 4 January 2025, is named again after 161 days without mention/);
  });

  it('is high for a flagged adult, and fires after a plan ends or when he is back as a new adult in the household, whatever the gap', () => {
    const entries = [
      named(entryOn('2025-02-01', 'other'), 'p-dean'),
      entryOn('2025-02-10', 'child-protection-plan-end', 'oxfordshire-csc'),
      named(entryOn('2025-02-20', 'other', 'oxfordshire-csc'), 'p-dean'),
      named(entryOn('2025-03-01', 'new-adult-in-household', 'oxford-health-hv'), 'p-dean'),
    ];
    const found = family('known-adult-returns', entries, { people: [flaggedDean] });
    expect(found.map((h) => h.severity)).toEqual(['high', 'high']);
    const texts = found.map((h) => h.explanation).join('\n');
    expect(texts).toContain('flagged as a risk, is named again after the child protection plan ended on 10 February 2025');
    expect(texts).toContain('is recorded as a new adult in the household');
    // Unflagged and never named in a concern: not a known adult.
    expect(family('known-adult-returns', entries, { people: [dean] })).toEqual([]);
  });

  it('follows merged records, and ignores people and flags the caller was not given', () => {
    const twin: PatternPerson = { id: 'p-dean-2', name: 'Dean Walsh', mergedInto: 'p-dean', flags: [] };
    const entries = [named(entryOn('2025-01-04', 'domestic-abuse-incident'), 'p-dean'), named(entryOn('2025-09-01', 'other'), 'p-dean-2')];
    expect(family('known-adult-returns', entries, { people: [dean, twin] })).toHaveLength(1);
    expect(family('known-adult-returns', entries, { people: [dean, twin] })[0]!.personId).toBe('p-dean');
    // Without the merged record the second entry names nobody the caller may see.
    expect(family('known-adult-returns', entries, { people: [dean] })).toEqual([]);
    // A flag withdrawn before the return no longer makes him known.
    const withdrawnFlag: PatternPerson = { ...dean, flags: [{ kind: 'poses-risk-to-children', createdAt: '2024-01-01T00:00:00Z', withdrawnAt: '2024-06-01T00:00:00Z' }] };
    const plain = [named(entryOn('2025-01-04', 'other'), 'p-dean'), named(entryOn('2025-09-01', 'other'), 'p-dean')];
    expect(family('known-adult-returns', plain, { people: [withdrawnFlag] })).toEqual([]);
    expect(family('known-adult-returns', plain, { people: [flaggedDean] })).toHaveLength(1);
  });

  it('stays silent under the gap', () => {
    const entries = [named(entryOn('2025-01-04', 'domestic-abuse-incident'), 'p-dean'), named(entryOn('2025-03-01', 'other'), 'p-dean')];
    expect(family('known-adult-returns', entries, { people: [dean] })).toEqual([]);
    expect(family('known-adult-returns', entries, { people: [dean] }, { rules: { 'known-adult-returns': { thresholds: { gapDays: 30 } } } })).toHaveLength(1);
  });
});

describe('household-event-cluster', () => {
  it('fires on three household events from two agencies within 90 days, once per event', () => {
    const entries = [
      household(entryOn(day(0), 'domestic-abuse-incident', 'thames-valley-police'), 'hh-1'),
      household(entryOn(day(20), 'housing-change', 'oxfordshire-csc'), 'hh-2'),
      household(entryOn(day(60), 'domestic-abuse-incident', 'thames-valley-police'), 'hh-3'),
      household(entryOn(day(61), 'domestic-abuse-incident', 'thames-valley-police'), 'hh-3'),
      entryOn(day(30), 'domestic-abuse-incident', 'thames-valley-police'),
    ];
    const [h, ...rest] = family('household-event-cluster', entries);
    expect(rest).toEqual([]);
    expect(h).toMatchObject({ severity: 'medium', entryIds: [entries[0]!.id, entries[1]!.id, entries[2]!.id] });
    expect(h!.explanation).toMatch(/^3 household events \(.*\) recorded by .* between/);
  });

  it('needs more than one agency and enough events, and is high at five', () => {
    const police = [0, 10, 20, 30, 40].map((d, i) => household(entryOn(day(d), 'domestic-abuse-incident', 'thames-valley-police'), `hh-${i}`));
    expect(family('household-event-cluster', police)).toEqual([]);
    const mixed = [...police.slice(0, 4), household(entryOn(day(45), 'housing-change', 'oxfordshire-csc'), 'hh-x')];
    expect(family('household-event-cluster', mixed)[0]!.severity).toBe('high');
    expect(family('household-event-cluster', mixed.slice(3))).toEqual([]);
    const spread = [0, 100, 200].map((d, i) => household(entryOn(day(d), 'housing-change', i % 2 ? 'oxfordshire-csc' : 'thames-valley-police'), `hh-s${i}`));
    expect(family('household-event-cluster', spread)).toEqual([]);
  });
});
