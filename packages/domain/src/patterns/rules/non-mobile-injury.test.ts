import { describe, expect, it } from 'vitest';
import type { Entry } from '../../entry.js';
import { entryOn, highlightsOf, withdrawn, type RunOptions } from '../test-support.js';

const RULE = 'non-mobile-injury';
// Born 1 March 2023 (day 0): 6 months old on 1 September 2023.
const DOB = '2023-03-01';
const injury = (d: number | string, category = 'injury', agency = 'ouh-acute'): Entry => entryOn(d, category, agency);
const fire = (entries: Entry[], options: RunOptions = {}) =>
  highlightsOf(RULE, entries, { dateOfBirth: DOB, ...options });

describe('non-mobile-injury', () => {
  it('fires for a single injury or physical abuse concern under 6 months, high', () => {
    for (const category of ['injury', 'physical-abuse-concern']) {
      const [h, ...rest] = fire([injury('2023-05-10', category)]);
      expect(rest).toEqual([]);
      expect(h!.severity).toBe('high');
    }
  });

  it('does not fire for other harm concerns', () => {
    expect(fire([injury('2023-05-10', 'neglect-concern'), injury('2023-05-11', 'emotional-abuse-concern')])).toEqual([]);
  });

  it('fires the day before the child is 6 months old, not on the day', () => {
    expect(fire([injury('2023-08-31')])).toHaveLength(1);
    expect(fire([injury('2023-09-01')])).toEqual([]);
  });

  it('fires on the day of birth, not for an entry before birth', () => {
    expect(fire([injury('2023-03-01')])).toHaveLength(1);
    expect(fire([injury('2023-02-28', 'physical-abuse-concern')])).toEqual([]);
  });

  it('is silent when the date of birth is unknown or not known to the day', () => {
    expect(fire([injury('2023-05-10')], { dateOfBirth: null })).toEqual([]);
    expect(fire([injury('2023-05-10')], { dateOfBirth: '2023-03' })).toEqual([]);
  });

  it('ignores withdrawn entries and entries after asOf', () => {
    expect(fire([withdrawn(injury('2023-05-10'))])).toEqual([]);
    expect(fire([injury('2023-05-10')], { asOf: '2023-05-09' })).toEqual([]);
    expect(fire([injury('2023-05-10')], { asOf: '2023-05-10' })).toHaveLength(1);
  });

  it('counts a month-precision or approximate date from its start, and lists it as coarse', () => {
    // August 2023 starts before the 6-month day; September does not.
    const [h] = fire([injury('2023-08')]);
    expect(h!.coarseEntryIds).toHaveLength(1);
    expect(fire([injury('2023-09')])).toEqual([]);
    expect(fire([injury('?2023-08-31')])).toHaveLength(1);
    expect(fire([injury('?2023-09-01')])).toEqual([]);
  });

  it('counts a period from its start', () => {
    expect(fire([injury('2023-08-31..2023-10-01')])).toHaveLength(1);
    expect(fire([injury('2023-09-01..2023-09-02')])).toEqual([]);
  });

  it('merges entries about the same day, and keeps different days apart', () => {
    const sameDay = [injury('2023-05-10'), injury('2023-05-10', 'physical-abuse-concern', 'oxfordshire-csc')];
    const merged = fire(sameDay);
    expect(merged).toHaveLength(1);
    expect(merged[0]!.entryIds).toHaveLength(2);
    const apart = fire([injury('2023-05-10'), injury('2023-06-20')]);
    expect(apart.map((h) => h.window.from)).toEqual(['2023-06-20', '2023-05-10']);
  });

  it('explains the age and the guidance', () => {
    const [h] = fire([injury('2023-05-10')]);
    expect(h!.explanation).toBe(
      '"Injury to the child (incl. bruising)" recorded by John Radcliffe A&E on 10 May 2023, when the child was 10 weeks old; any injury or physical abuse concern under 6 months is the threshold (NICE CG89: bruising or injury in a baby who is not independently mobile).',
    );
  });

  it('takes the age limit from configuration', () => {
    const config = { rules: { [RULE]: { thresholds: { maxAgeMonths: 12 } } } };
    expect(fire([injury('2023-12-01')], { config })).toHaveLength(1);
  });

  it('takes a 31st-of-the-month birthday to the 1st of the next month when the month is short', () => {
    // Born 31 August 2023: 6 months on 1 March 2024 (there is no 31 February).
    expect(fire([injury('2024-02-29')], { dateOfBirth: '2023-08-31' })).toHaveLength(1);
    expect(fire([injury('2024-03-01')], { dateOfBirth: '2023-08-31' })).toEqual([]);
  });
});
