import { describe, expect, it } from 'vitest';
import { day, entryOn, highlightsOf } from '../test-support.js';
import { describeWindowRule } from './window-contract.js';

const MISSED = { category: 'missed-health-appointment', agency: 'oxford-health-hv' };

describeWindowRule({ rule: 'was-not-brought', minimal: [MISSED, MISSED], windowDays: 180, severity: 'medium' });

describe('was-not-brought', () => {
  const twoMissed = () => [entryOn(0, MISSED.category, MISSED.agency), entryOn(60, MISSED.category, 'east-oxford-gp')];

  it('is high for a child under 5', () => {
    const [h] = highlightsOf('was-not-brought', twoMissed(), { dateOfBirth: '2020-06-01' });
    expect(h!.severity).toBe('high');
    expect(h!.explanation).toContain('The child was under 5, which makes this high.');
  });

  it('is medium for a child of 5 or more', () => {
    const [h] = highlightsOf('was-not-brought', twoMissed(), { dateOfBirth: '2015-06-01' });
    expect(h!.severity).toBe('medium');
  });

  it('is high when the first missed appointment was the day before the 5th birthday, medium on the birthday', () => {
    // Day 0 is 1 March 2023.
    expect(highlightsOf('was-not-brought', twoMissed(), { dateOfBirth: '2018-03-02' })[0]!.severity).toBe('high');
    expect(highlightsOf('was-not-brought', twoMissed(), { dateOfBirth: '2018-03-01' })[0]!.severity).toBe('medium');
  });

  it('is medium, never high, when the date of birth is unknown, and says why', () => {
    const [h] = highlightsOf('was-not-brought', twoMissed(), { dateOfBirth: null });
    expect(h!.severity).toBe('medium');
    expect(h!.explanation).toContain("date of birth is unknown, so whether they were under 5 (which makes this high) could not be checked");
  });

  it('says "was not brought", never "did not attend"', () => {
    const [h] = highlightsOf('was-not-brought', twoMissed(), { dateOfBirth: '2020-06-01' });
    expect(h!.explanation).toBe(
      'The child was not brought to 2 health appointments between 1 March and 30 April 2023, recorded by 2 agencies (Oxford Health Visiting, East Oxford GP Practice); 2 within 180 days is the threshold. The child was under 5, which makes this high.',
    );
    expect(h!.explanation.toLowerCase()).not.toMatch(/did not attend|dna/);
  });

  it('takes the age limit from configuration', () => {
    const config = { rules: { 'was-not-brought': { thresholds: { highUnderAgeYears: 12 } } } };
    const [h] = highlightsOf('was-not-brought', twoMissed(), { dateOfBirth: '2015-06-01', config });
    expect(h!.severity).toBe('high');
    expect(h!.explanation).toContain('under 12');
  });

  it('escalates a merged cluster when any of its windows began under 5', () => {
    const entries = [entryOn(0, MISSED.category), entryOn(100, MISSED.category), entryOn(200, MISSED.category)];
    // 5th birthday on day 50: the window from day 0 began under 5.
    const found = highlightsOf('was-not-brought', entries, { dateOfBirth: '2018-04-20' });
    expect(found).toHaveLength(1);
    expect(found[0]!.severity).toBe('high');
    expect(day(50)).toBe('2023-04-20');
  });
});
