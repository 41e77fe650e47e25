import { describe, expect, it } from 'vitest';
import type { Entry } from '../../entry.js';
import { day, entryOn, highlightsOf, withdrawn } from '../test-support.js';

const RULE = 'frequency-escalation';
const concern = (d: number | string, agency = 'thames-valley-police'): Entry => entryOn(d, 'neglect-concern', agency);
const concerns = (days: readonly number[]): Entry[] => days.map((d) => concern(d));
/** A steady background: one concern every 30 days from day -990 to day -30 (3 in any 90 days). */
const steady = (): Entry[] => concerns(Array.from({ length: 33 }, (_, k) => -990 + 30 * k));
const fire = (entries: Entry[], options = {}) => highlightsOf(RULE, entries, options);

describe('frequency-escalation: threshold', () => {
  it('fires at 4 concerns in 90 days after none, and not at 3', () => {
    expect(fire(concerns([0, 10, 20, 30]))).toHaveLength(1);
    expect(fire(concerns([0, 10, 20]))).toEqual([]);
  });

  it('is high when the window holds 3 times the window before (after none, always)', () => {
    expect(fire(concerns([0, 10, 20, 30]))[0]!.severity).toBe('high');
  });

  it('fires where a steady level of concern begins, and not once it is steady', () => {
    // 5 concerns in every 90 days from day 0 to day 900: an escalation from nothing at the start only.
    const found = fire(concerns(Array.from({ length: 51 }, (_, k) => 18 * k)));
    expect(found).toHaveLength(1);
    expect(found[0]!.window.from).toBe(day(0));
    expect(found[0]!.window.to < day(200)).toBe(true);
  });

  it('does not fire at 4 against 3 before (under twice as many)', () => {
    expect(fire([...steady(), ...concerns([0, 10, 20, 30])])).toEqual([]);
  });

  it('fires medium at twice as many as the 90 days before', () => {
    const found = fire([...steady(), ...concerns([0, 5, 10, 15, 20, 25])]);
    expect(found).toHaveLength(1);
    expect(found[0]!.severity).toBe('medium');
    expect(found[0]!.explanation).toContain('At least 4 concerns in 90 days and at least 2 times as many as the 90 days before is the threshold (3 times or more is high).');
  });

  it('fires high at 3 times as many as the 90 days before', () => {
    const found = fire([...steady(), ...concerns([0, 5, 10, 15, 20, 25, 30, 35, 40])]);
    expect(found).toHaveLength(1);
    expect(found[0]!.severity).toBe('high');
  });
});

describe('frequency-escalation: window edges', () => {
  it('counts a concern on day 89 of the window and not one on day 90', () => {
    expect(fire(concerns([0, 1, 2, 89]))).toHaveLength(1);
    expect(fire(concerns([0, 1, 2, 90]))).toEqual([]);
  });

  it('counts a concern 90 days before the window start in the window before, and not one 91 days before', () => {
    const window = concerns([0, 1, 2, 3]);
    const before = (d: number) => [concern(d), concern(d, 'northway-primary'), concern(d, 'oxford-health-hv')];
    // 4 against 3 is under twice as many: silent. 4 against none fires.
    expect(fire([...before(-90), ...window])).toEqual([]);
    expect(fire([...before(-91), ...window])).toHaveLength(1);
  });
});

describe('frequency-escalation: shared semantics', () => {
  it('ignores withdrawn entries', () => {
    const entries = concerns([0, 10, 20, 30]);
    entries[3] = withdrawn(entries[3]!);
    expect(fire(entries)).toEqual([]);
  });

  it('ignores entries after asOf', () => {
    expect(fire(concerns([0, 10, 20, 30]), { asOf: day(29) })).toEqual([]);
    expect(fire(concerns([0, 10, 20, 30]), { asOf: day(30) })).toHaveLength(1);
  });

  it('counts month-precision and approximate dates from their start, and lists them as coarse', () => {
    // Day 0 is 1 March 2023; "2023-05" is 1 May (day 61), inside the window from day 0.
    const entries = [...concerns([0, 1, 2]), concern('2023-05')];
    const [h] = fire(entries);
    expect(h!.coarseEntryIds).toEqual([entries[3]!.id]);
    expect(fire([...concerns([0, 1, 2]), concern('?2023-05-29')])).toHaveLength(1); // day 89
    expect(fire([...concerns([0, 1, 2]), concern('?2023-05-30')])).toEqual([]); // day 90
    expect(fire([...concerns([0, 1, 2]), concern('2023-06')])).toEqual([]); // day 92
  });

  it('counts a period from its start', () => {
    expect(fire([...concerns([0, 1, 2]), concern('2023-05-29..2023-09-30')])).toHaveLength(1);
    expect(fire([...concerns([0, 1, 2]), concern('2023-05-30..2023-05-31')])).toEqual([]);
  });

  it('does not need a date of birth', () => {
    expect(fire(concerns([0, 10, 20, 30]), { dateOfBirth: null })).toHaveLength(1);
  });

  it('counts only concern categories', () => {
    const entries = [...concerns([0, 10, 20]), entryOn(30, 'positive-change'), entryOn(31, 'health-assessment')];
    expect(fire(entries)).toEqual([]);
  });

  it('merges overlapping firings into one highlight and names the sharpest window', () => {
    const found = fire(concerns([0, 1, 2, 3, 4, 50, 60]));
    expect(found).toHaveLength(1);
    expect(found[0]!.entryIds).toHaveLength(7);
    expect(found[0]!.window).toEqual({ from: day(0), to: day(60) });
    expect(found[0]!.explanation).toBe(
      '7 concerns recorded by Thames Valley Police between 1 March and 30 April 2023; the sharpest 90-day window, from 1 March 2023, held 7 against none in the 90 days before. At least 4 concerns in 90 days and at least 2 times as many as the 90 days before is the threshold (3 times or more is high).',
    );
  });

  it('reports separate escalations separately, the most recent first', () => {
    const found = fire(concerns([0, 1, 2, 3, 1000, 1001, 1002, 1003]));
    expect(found.map((h) => h.window)).toEqual([
      { from: day(1000), to: day(1003) },
      { from: day(0), to: day(3) },
    ]);
  });

  it('explains a single window against the count before it', () => {
    const [h] = fire([...steady(), ...concerns([0, 5, 10, 15, 20, 25])]);
    expect(h!.explanation).toMatch(/^\d+ concerns recorded by Thames Valley Police between .+ 2023; the sharpest 90-day window, from .+, held \d+ against 3 in the 90 days before\./);
  });

  it('applies configured thresholds', () => {
    const config = { rules: { [RULE]: { thresholds: { minConcerns: 3, windowDays: 30, ratio: 1.5, highRatio: 10 } } } };
    const [h] = fire(concerns([0, 10, 20]), { config });
    expect(h!.thresholds).toEqual({ windowDays: 30, minConcerns: 3, ratio: 1.5, highRatio: 10 });
    expect(h!.explanation).toContain('At least 3 concerns in 30 days and at least 1.5 times as many as the 30 days before');
  });
});
