import { describe, expect, it } from 'vitest';
import type { Entry } from '../../entry.js';
import { day, entryOn, highlightsOf, withdrawn } from '../test-support.js';

const RULE = 'silence-during-plan';
const planStart = (d: number | string) => entryOn(d, 'child-protection-plan-start', 'oxfordshire-csc');
const planEnd = (d: number | string) => entryOn(d, 'child-protection-plan-end', 'oxfordshire-csc');
const visit = (d: number | string, agency = 'oxford-health-hv') => entryOn(d, 'health-assessment', agency);
const fire = (entries: Entry[], options: { asOf?: string; dateOfBirth?: string | null } = {}) =>
  highlightsOf(RULE, entries, { asOf: day(1000), ...options });

describe('silence-during-plan', () => {
  it('fires at 90 days with no entry between two entries, not at 89', () => {
    // Entries on day 10 and day 101: days 11 to 100 (90 days) are silent.
    expect(fire([planStart(0), visit(10), visit(101), planEnd(150)])).toHaveLength(1);
    expect(fire([planStart(0), visit(10), visit(100), planEnd(150)])).toEqual([]);
  });

  it('counts the silence from the plan start and up to the plan end', () => {
    expect(fire([planStart(0), planEnd(91)])).toHaveLength(1);
    expect(fire([planStart(0), planEnd(90)])).toEqual([]);
  });

  it('counts the silence up to asOf while the plan is open', () => {
    // Last entry on day 10: days 11 to asOf are silent.
    expect(fire([planStart(0), visit(10)], { asOf: day(100) })).toHaveLength(1);
    expect(fire([planStart(0), visit(10)], { asOf: day(99) })).toEqual([]);
  });

  it('fires for a plan with no entry but its start, once 90 days have passed', () => {
    expect(fire([planStart(0)], { asOf: day(90) })).toHaveLength(1);
    expect(fire([planStart(0)], { asOf: day(89) })).toEqual([]);
  });

  it('ignores silences outside a plan', () => {
    expect(fire([visit(0), visit(200), planStart(300), visit(350), planEnd(400), visit(800)])).toEqual([]);
  });

  it('counts entries from any agency and any category', () => {
    expect(fire([planStart(0), entryOn(60, 'positive-change', 'northway-primary'), visit(120), planEnd(180)])).toEqual([]);
  });

  it('ignores withdrawn entries, so a withdrawn entry does not break a silence', () => {
    expect(fire([planStart(0), withdrawn(visit(50)), visit(100), planEnd(150)])).toHaveLength(1);
  });

  it('ignores entries after asOf: they neither break the silence nor end the plan', () => {
    const entries = [planStart(0), visit(10), visit(150), planEnd(160)];
    const [h] = fire(entries, { asOf: day(120) });
    expect(h!.window).toEqual({ from: day(11), to: day(120) });
    expect(h!.explanation).toContain('is still open');
  });

  it('counts month-precision and approximate dates from their start', () => {
    // Day 0 is 1 March 2023. "2023-05" counts as 1 May (day 61): no 90-day silence either side.
    const entries = [planStart(0), visit('2023-05'), planEnd(120)];
    expect(fire(entries)).toEqual([]);
    const approximate = [planStart(0), visit('?2023-06-30'), planEnd(215)];
    // 30 June is day 121: 120 silent days before it, then 93 after it.
    const found = fire(approximate);
    expect(found).toHaveLength(2);
    expect(found.every((h) => h.coarseEntryIds.length === 1)).toBe(true);
  });

  it('counts a period from its start', () => {
    expect(fire([planStart(0), visit('2023-04-01..2023-09-30'), planEnd(110)])).toEqual([]);
    expect(fire([planStart(0), visit('2023-06-01..2023-06-30'), planEnd(110)])).toHaveLength(1);
  });

  it('does not need a date of birth', () => {
    expect(fire([planStart(0), planEnd(120)], { dateOfBirth: null })).toHaveLength(1);
  });

  it('reports each silence separately, and silences in two plans separately', () => {
    const entries = [planStart(0), visit(100), visit(300), planEnd(310), planStart(500), planEnd(700)];
    const found = fire(entries);
    expect(found.map((h) => h.window)).toEqual([
      { from: day(501), to: day(699) },
      { from: day(101), to: day(299) },
      { from: day(1), to: day(99) },
    ]);
  });

  it('treats a second start while a plan is open as the same plan', () => {
    const entries = [planStart(0), visit(50), planStart(60), visit(100), planEnd(140)];
    expect(fire(entries)).toEqual([]);
  });

  it('reads a plan ending and a new one starting on the same day as two plans', () => {
    const entries = [planStart(0), visit(50), planEnd(100), planStart(100), visit(150)];
    // The second plan, open from day 100: its last entry is on day 150.
    expect(fire(entries, { asOf: day(239) })).toHaveLength(0);
    expect(fire(entries, { asOf: day(240) })).toHaveLength(1);
  });

  it('explains the silence with dates, agencies and the threshold', () => {
    const [closed] = fire([planStart(0), visit(10), visit(130, 'northway-primary'), planEnd(140)]);
    expect(closed!.explanation).toBe(
      'No agency recorded anything for 119 days (12 March – 8 July 2023), between an entry by Oxford Health Visiting on 11 March 2023 and one by Northway Primary School on 9 July 2023, while the child protection plan that started on 1 March 2023 was open; 90 days with no entry is the threshold.',
    );
    expect(closed!.severity).toBe('medium');
    const [open] = fire([planStart(0), visit(10)], { asOf: day(130) });
    expect(open!.explanation).toBe(
      'No agency has recorded anything for 120 days (12 March – 9 July 2023) since an entry by Oxford Health Visiting on 11 March 2023, while the child protection plan that started on 1 March 2023 is still open; 90 days with no entry is the threshold.',
    );
  });
});
