import { describe, expect, it } from 'vitest';
import { DEFAULT_PATTERN_CONFIG, RULE_IDS } from './config.js';
import { thresholdWords } from './threshold-words.js';

describe('thresholds in words', () => {
  it('says the default escalation threshold as a practitioner would', () => {
    expect(thresholdWords('frequency-escalation', DEFAULT_PATTERN_CONFIG.rules['frequency-escalation'].thresholds)).toBe(
      '4 or more concerns within 90 days, and at least 2 times as many as in the 90 days before (3 times or more is high)',
    );
    expect(thresholdWords('missing-no-return-interview', { deadlineDays: 3 })).toBe('a return home interview within 72 hours of a missing episode');
    expect(thresholdWords('missing-no-return-interview', { deadlineDays: 1 })).toBe('a return home interview within 1 day of a missing episode');
  });

  it.each(RULE_IDS)('words every threshold of %s with its value and never a configuration key', (id) => {
    const thresholds = DEFAULT_PATTERN_CONFIG.rules[id].thresholds as Record<string, number>;
    // Distinct, unusual values, so each one can be found in the words.
    const odd = Object.fromEntries(Object.keys(thresholds).map((k, i) => [k, 40 + 7 * i]));
    const words = thresholdWords(id, odd)!;
    for (const [key, value] of Object.entries(odd)) {
      expect(words).toContain(String(value));
      expect(words).not.toContain(key);
    }
    expect(words).not.toMatch(/[a-z][A-Z]/);
  });

  it('says nothing for a rule it does not know', () => {
    expect(thresholdWords('a-rule-from-a-newer-server', { windowDays: 30 })).toBeNull();
  });
});
