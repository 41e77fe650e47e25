import { describe, expect, it } from 'vitest';
import type { Entry } from '../../entry.js';
import { entryOn, highlightsOf, withdrawn } from '../test-support.js';

const RULE = 'repeat-child-protection-plan';
const start = (d: string, agency = 'oxfordshire-csc'): Entry => entryOn(d, 'child-protection-plan-start', agency);
const end = (d: string): Entry => entryOn(d, 'child-protection-plan-end', 'oxfordshire-csc');
const fire = (entries: Entry[], options = {}) => highlightsOf(RULE, entries, options);

describe('repeat-child-protection-plan', () => {
  it('fires for a plan starting after an earlier plan ended', () => {
    const entries = [start('2020-01-10'), end('2020-09-01'), start('2021-03-15')];
    const [h, ...rest] = fire(entries);
    expect(rest).toEqual([]);
    expect(h!.entryIds).toEqual([entries[1]!.id, entries[2]!.id]);
    expect(h!.window).toEqual({ from: '2020-09-01', to: '2021-03-15' });
  });

  it('does not fire for a first plan, or a plan with no earlier end', () => {
    expect(fire([start('2020-01-10')])).toEqual([]);
    expect(fire([start('2020-01-10'), start('2020-02-01')])).toEqual([]);
    expect(fire([start('2020-01-10'), end('2020-09-01')])).toEqual([]);
  });

  it('does not count an end recorded after the start', () => {
    expect(fire([start('2021-03-15'), end('2021-09-01')])).toEqual([]);
  });

  it('is high within 24 months of the end, medium from the second anniversary', () => {
    expect(fire([end('2020-09-01'), start('2022-08-31')])[0]!.severity).toBe('high');
    expect(fire([end('2020-09-01'), start('2022-09-01')])[0]!.severity).toBe('medium');
  });

  it('counts a start on the day the earlier plan ended', () => {
    expect(fire([end('2020-09-01'), start('2020-09-01')])).toHaveLength(1);
  });

  it('ignores withdrawn entries and entries after asOf', () => {
    expect(fire([withdrawn(end('2020-09-01')), start('2021-03-15')])).toEqual([]);
    expect(fire([end('2020-09-01'), withdrawn(start('2021-03-15'))])).toEqual([]);
    expect(fire([end('2020-09-01'), start('2021-03-15')], { asOf: '2021-03-14' })).toEqual([]);
  });

  it('counts month-precision and approximate dates from their start', () => {
    // An end "2020-09" counts as 1 September: a start on 5 September is after it.
    const entries = [end('2020-09'), start('2020-09-05')];
    expect(fire(entries)[0]!.coarseEntryIds).toEqual([entries[0]!.id]);
    // High until the day before 1 September 2022.
    expect(fire([end('2020-09'), start('2022-08-31')])[0]!.severity).toBe('high');
    expect(fire([end('?2020-09-10'), start('2022-09-09')])[0]!.severity).toBe('high');
    expect(fire([end('?2020-09-10'), start('2022-09-10')])[0]!.severity).toBe('medium');
  });

  it('counts a period from its start', () => {
    expect(fire([end('2020-09-01'), start('2020-09-01..2021-01-01')])).toHaveLength(1);
    expect(fire([end('2020-09-02..2020-09-30'), start('2020-09-01')])).toEqual([]);
  });

  it('does not need a date of birth', () => {
    expect(fire([end('2020-09-01'), start('2021-03-15')], { dateOfBirth: null })).toHaveLength(1);
  });

  it('merges two records of the same new plan, and reports each later plan separately', () => {
    const entries = [
      start('2018-01-10'),
      end('2018-11-01'),
      start('2019-05-02'),
      start('2019-05-03', 'northway-primary'),
      end('2020-02-01'),
      start('2023-06-01'),
    ];
    const found = fire(entries);
    expect(found.map((h) => [h.severity, h.window.from, h.window.to, h.entryIds.length])).toEqual([
      ['high', '2018-11-01', '2019-05-03', 3],
      ['medium', '2020-02-01', '2023-06-01', 2],
    ]);
  });

  it('explains the gap and the threshold', () => {
    const [h] = fire([end('2020-09-01'), start('2021-11-15')]);
    expect(h!.explanation).toBe(
      "A child protection plan started on 15 November 2021 (recorded by Oxfordshire Children's Social Care), 14 months after the previous plan ended on 1 September 2020; a new plan after an earlier one has ended is the threshold, and within 24 months of the end is high.",
    );
  });
});
