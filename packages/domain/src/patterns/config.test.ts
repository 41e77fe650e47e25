import { describe, expect, it } from 'vitest';
import {
  DEFAULT_PATTERN_CONFIG,
  RULES,
  RULE_IDS,
  parsePatternConfig,
  patternConfigSchema,
  resolveConfig,
  rulesNeedingDateOfBirth,
  rulesUsingDateOfBirth,
} from './config.js';

describe('rule catalogue', () => {
  it('keeps the rule ids of the catalogue exactly (they are an API contract)', () => {
    expect(RULE_IDS).toEqual([
      'frequency-escalation',
      'repeat-category',
      'multi-agency-cluster',
      'was-not-brought',
      'multiple-parental-adversities',
      'non-mobile-injury',
      'repeat-referral',
      'repeat-child-protection-plan',
      'education-after-concern',
      'missing-and-exploitation',
      'repeat-self-harm',
      'frequent-emergency-attendance',
      'new-adult-then-concern',
      'silence-during-plan',
      'high-risk-domestic-abuse',
      'neglect-assessment-concern',
      'exploitation-risk-rising',
      'assessment-out-of-date',
      'missing-no-return-interview',
      'non-mobile-injury-no-paediatric-assessment',
      'strategy-discussion-no-outcome',
      'closed-then-re-referred',
      'action-overdue',
      'sibling-previously-on-plan',
      'known-adult-returns',
      'household-event-cluster',
    ]);
  });

  it('enables every rule with the catalogue defaults', () => {
    const table = Object.fromEntries(RULE_IDS.map((id) => [id, DEFAULT_PATTERN_CONFIG.rules[id].thresholds]));
    expect(table).toEqual({
      'frequency-escalation': { windowDays: 90, minConcerns: 4, ratio: 2, highRatio: 3 },
      'repeat-category': { windowDays: 365, minEntries: 3 },
      'multi-agency-cluster': { windowDays: 30, minAgencies: 3 },
      'was-not-brought': { windowDays: 180, minMissed: 2, highUnderAgeYears: 5 },
      'multiple-parental-adversities': { windowDays: 365 },
      'non-mobile-injury': { maxAgeMonths: 6 },
      'repeat-referral': { windowDays: 365, minReferrals: 3 },
      'repeat-child-protection-plan': { highWithinMonths: 24 },
      'education-after-concern': { windowDays: 90 },
      'missing-and-exploitation': { windowDays: 90, minMissing: 2, minExploitation: 1 },
      'repeat-self-harm': { windowDays: 180, minEpisodes: 2 },
      'frequent-emergency-attendance': { windowDays: 180, minAttendances: 4 },
      'new-adult-then-concern': { windowDays: 90 },
      'silence-during-plan': { minSilentDays: 90 },
      'high-risk-domestic-abuse': { windowDays: 90 },
      'neglect-assessment-concern': { concernGrade: 4 },
      'exploitation-risk-rising': { windowDays: 90, minMissing: 1, minExploitation: 1 },
      'assessment-out-of-date': { maxAgeDays: 90 },
      'missing-no-return-interview': { deadlineDays: 3 },
      'non-mobile-injury-no-paediatric-assessment': { maxAgeMonths: 6, deadlineDays: 1 },
      'strategy-discussion-no-outcome': { deadlineWorkingDays: 5 },
      'closed-then-re-referred': { windowDays: 365, minCycles: 2 },
      'action-overdue': { minDaysOverdue: 1, highAfterDays: 28 },
      'sibling-previously-on-plan': { lookbackDays: 365 },
      'known-adult-returns': { gapDays: 90 },
      'household-event-cluster': { windowDays: 90, minEvents: 3, minAgencies: 2, highEvents: 5 },
    });
    expect(RULE_IDS.every((id) => DEFAULT_PATTERN_CONFIG.rules[id].enabled)).toBe(true);
  });

  it('describes every rule, and says which need the date of birth', () => {
    expect(RULES.map((r) => r.id)).toEqual([...RULE_IDS]);
    for (const r of RULES) {
      expect(r.title.length).toBeGreaterThan(5);
      expect(r.description.length).toBeGreaterThan(20);
      expect(r.defaults).toEqual(DEFAULT_PATTERN_CONFIG.rules[r.id].thresholds);
    }
    expect(rulesNeedingDateOfBirth).toEqual(['non-mobile-injury', 'non-mobile-injury-no-paediatric-assessment']);
    expect(rulesUsingDateOfBirth).toEqual(['was-not-brought', 'non-mobile-injury', 'non-mobile-injury-no-paediatric-assessment']);
  });

  it('cannot be changed by accident', () => {
    expect(() => {
      (DEFAULT_PATTERN_CONFIG.rules['repeat-self-harm'].thresholds as { windowDays: number }).windowDays = 1;
    }).toThrow(TypeError);
  });
});

describe('patternConfigSchema', () => {
  const errors = (input: unknown): string[] => {
    const parsed = parsePatternConfig(input);
    return parsed.ok ? [] : parsed.errors;
  };

  it('accepts an empty configuration, and partial ones', () => {
    expect(patternConfigSchema.safeParse({}).success).toBe(true);
    expect(patternConfigSchema.safeParse({ rules: {} }).success).toBe(true);
    expect(parsePatternConfig({ rules: { 'repeat-self-harm': { enabled: false } } }).ok).toBe(true);
    expect(parsePatternConfig({ rules: { 'frequency-escalation': { thresholds: { ratio: 1.5 } } } }).ok).toBe(true);
  });

  it('accepts the defaults themselves', () => {
    expect(parsePatternConfig(DEFAULT_PATTERN_CONFIG)).toEqual({ ok: true, config: DEFAULT_PATTERN_CONFIG });
  });

  it('rejects an unknown rule id, naming it', () => {
    expect(errors({ rules: { 'toxic-trio': {} } })).toEqual([expect.stringContaining('unknown pattern rule "toxic-trio"')]);
  });

  it('rejects an unknown threshold name, naming the rule and the known names', () => {
    expect(errors({ rules: { 'repeat-self-harm': { thresholds: { days: 90 } } } })).toEqual([
      'unknown threshold for repeat-self-harm "days" (known: windowDays, minEpisodes)',
    ]);
  });

  it('rejects unknown settings and unknown top-level keys', () => {
    expect(errors({ rules: { 'repeat-self-harm': { severity: 'high' } } })[0]).toContain('unknown setting for repeat-self-harm "severity"');
    expect(errors({ rules: {}, version: 2 })[0]).toContain('unknown configuration key "version"');
  });

  it('rejects zero and negative values', () => {
    expect(errors({ rules: { 'multi-agency-cluster': { thresholds: { windowDays: 0 } } } })).toEqual(['multi-agency-cluster.windowDays must be greater than 0']);
    expect(errors({ rules: { 'frequency-escalation': { thresholds: { ratio: -1 } } } })).toEqual(['frequency-escalation.ratio must be greater than 0']);
  });

  it('rejects a fraction where a whole number is needed, and allows one for ratios', () => {
    expect(errors({ rules: { 'repeat-referral': { thresholds: { minReferrals: 2.5 } } } })).toEqual(['repeat-referral.minReferrals must be a whole number']);
    expect(errors({ rules: { 'frequency-escalation': { thresholds: { ratio: 2.5, highRatio: 3.5 } } } })).toEqual([]);
  });

  it('rejects values that are not numbers, and implausibly large ones', () => {
    expect(errors({ rules: { 'repeat-referral': { thresholds: { windowDays: '365' } } } })).toEqual(['repeat-referral.windowDays must be a number']);
    expect(errors({ rules: { 'repeat-referral': { thresholds: { windowDays: 36500 } } } })).toEqual(['repeat-referral.windowDays must be at most 3653']);
    expect(errors({ rules: { 'repeat-referral': { enabled: 'yes' } } })).toEqual(['repeat-referral.enabled must be true or false']);
  });

  it('rejects a high ratio below the ratio, even when only one is set', () => {
    expect(errors({ rules: { 'frequency-escalation': { thresholds: { highRatio: 1.5 } } } })).toEqual([
      'frequency-escalation.highRatio (1.5) must be at least ratio (2)',
    ]);
  });

  it('reports every problem, not only the first', () => {
    expect(
      errors({ rules: { 'repeat-referral': { thresholds: { minReferrals: 0, windowDays: 1.5 } }, nope: {} } }),
    ).toHaveLength(3);
  });
});

describe('resolveConfig', () => {
  it('returns the defaults for nothing', () => {
    expect(resolveConfig()).toBe(DEFAULT_PATTERN_CONFIG);
    expect(resolveConfig(null)).toBe(DEFAULT_PATTERN_CONFIG);
  });

  it('fills in every rule and threshold not set', () => {
    const resolved = resolveConfig({ rules: { 'repeat-referral': { thresholds: { minReferrals: 2 } }, 'repeat-self-harm': { enabled: false } } });
    expect(resolved.rules['repeat-referral']).toEqual({ enabled: true, thresholds: { windowDays: 365, minReferrals: 2 } });
    expect(resolved.rules['repeat-self-harm']).toEqual({ enabled: false, thresholds: { windowDays: 180, minEpisodes: 2 } });
    expect(resolved.rules['silence-during-plan']).toEqual(DEFAULT_PATTERN_CONFIG.rules['silence-during-plan']);
  });

  it('throws on an invalid configuration with the messages', () => {
    expect(() => resolveConfig({ rules: { 'repeat-referral': { thresholds: { minReferrals: 0 } } } })).toThrow(
      /invalid pattern configuration: repeat-referral.minReferrals must be greater than 0/,
    );
  });
});

describe('episodes setting', () => {
  it('defaults to about six months and takes a partnership’s own value', () => {
    expect(resolveConfig(null).episodes.pastAfterDays).toBe(183);
    expect(resolveConfig({ rules: {} }).episodes.pastAfterDays).toBe(183);
    expect(resolveConfig({ rules: {}, episodes: { pastAfterDays: 90 } }).episodes.pastAfterDays).toBe(90);
  });

  it('refuses a value that is not a whole number of days from 1, naming the setting, and unknown keys', () => {
    for (const bad of [0, -5, 1.5, 5000, '90']) {
      const parsed = parsePatternConfig({ rules: {}, episodes: { pastAfterDays: bad } });
      expect(parsed.ok).toBe(false);
      if (!parsed.ok) expect(parsed.errors.join(' ')).toContain('episodes.pastAfterDays');
    }
    const unknown = parsePatternConfig({ rules: {}, episodes: { afterDays: 90 } });
    expect(unknown.ok).toBe(false);
    if (!unknown.ok) expect(unknown.errors.join(' ')).toContain('unknown episode setting "afterDays"');
    expect(() => resolveConfig({ rules: {}, episodes: { pastAfterDays: 0 } })).toThrow(/episodes.pastAfterDays/);
  });
});
