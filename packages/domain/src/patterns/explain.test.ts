import { describe, expect, it } from 'vitest';
import { DEFAULT_PATTERN_CONFIG, resolveConfig } from './config.js';
import { betweenDates, dateOfBirthNotice, formatUkDate, formatUkRange } from './explain.js';

describe('UK dates in explanations', () => {
  it('writes a day as 2 March 2023', () => {
    expect(formatUkDate('2023-03-02')).toBe('2 March 2023');
    expect(formatUkDate('2024-12-31')).toBe('31 December 2024');
  });

  it('writes ranges compactly', () => {
    expect(formatUkRange('2023-03-02', '2023-03-02')).toBe('2 March 2023');
    expect(formatUkRange('2023-03-02', '2023-03-24')).toBe('2–24 March 2023');
    expect(formatUkRange('2023-02-28', '2023-03-03')).toBe('28 February – 3 March 2023');
    expect(formatUkRange('2022-12-28', '2023-01-03')).toBe('28 December 2022 – 3 January 2023');
  });

  it('writes "between" phrases', () => {
    expect(betweenDates('2023-03-02', '2023-03-02')).toBe('on 2 March 2023');
    expect(betweenDates('2023-03-02', '2023-03-24')).toBe('between 2 and 24 March 2023');
    expect(betweenDates('2023-02-28', '2023-03-03')).toBe('between 28 February and 3 March 2023');
    expect(betweenDates('2022-12-28', '2023-01-03')).toBe('between 28 December 2022 and 3 January 2023');
  });
});

describe('dateOfBirthNotice', () => {
  it('is null when the date of birth is known to the day', () => {
    expect(dateOfBirthNotice('2020-01-01', DEFAULT_PATTERN_CONFIG)).toBeNull();
  });

  it('says what cannot be checked without it', () => {
    expect(dateOfBirthNotice(null, DEFAULT_PATTERN_CONFIG)).toBe(
      "The child's date of birth is not known to the day, so the rule for injuries to babies under 6 months (non-mobile-injury) cannot run, and the check for a paediatric assessment after an injury to a baby under 6 months (non-mobile-injury-no-paediatric-assessment) cannot run, and was-not-brought cannot tell whether the child was under 5, so it is never high.",
    );
    expect(dateOfBirthNotice('2020-01', DEFAULT_PATTERN_CONFIG)).not.toBeNull();
  });

  it('leaves out disabled rules, and is null when none is left', () => {
    const config = resolveConfig({
      rules: { 'non-mobile-injury': { enabled: false }, 'was-not-brought': { enabled: false }, 'non-mobile-injury-no-paediatric-assessment': { enabled: false } },
    });
    expect(dateOfBirthNotice(null, config)).toBeNull();
  });
});
