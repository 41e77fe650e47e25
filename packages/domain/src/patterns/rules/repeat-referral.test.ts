import { describe, expect, it } from 'vitest';
import { entryOn, highlightsOf } from '../test-support.js';
import { describeWindowRule } from './window-contract.js';

describeWindowRule({
  rule: 'repeat-referral',
  minimal: [{ category: 'referral-to-social-care' }, { category: 'referral-to-social-care', agency: 'northway-primary' }, { category: 'referral-to-social-care', agency: 'oxford-health-hv' }],
  windowDays: 365,
  severity: 'medium',
});

describe('repeat-referral', () => {
  it('names the referrers and the threshold in force', () => {
    const entries = [
      entryOn(0, 'referral-to-social-care', 'northway-primary'),
      entryOn(120, 'referral-to-social-care', 'thames-valley-police'),
      entryOn(300, 'referral-to-social-care', 'northway-primary'),
    ];
    const [h] = highlightsOf('repeat-referral', entries);
    expect(h!.explanation).toBe(
      "3 contacts or referrals to children's social care recorded by 2 agencies (Northway Primary School, Thames Valley Police) between 1 March and 26 December 2023; 3 within 365 days is the threshold.",
    );
    expect(h!.agencies).toEqual(['northway-primary', 'thames-valley-police']);
    expect(h!.thresholds).toEqual({ windowDays: 365, minReferrals: 3 });
  });

  it('applies a configured threshold and shows it', () => {
    const entries = [entryOn(0, 'referral-to-social-care'), entryOn(10, 'referral-to-social-care')];
    const config = { rules: { 'repeat-referral': { thresholds: { minReferrals: 2, windowDays: 180 } } } };
    const [h] = highlightsOf('repeat-referral', entries, { config });
    expect(h!.explanation).toContain('2 within 180 days is the threshold');
    expect(h!.thresholds).toEqual({ windowDays: 180, minReferrals: 2 });
  });

  it('stays silent when disabled', () => {
    const entries = [0, 10, 20].map((d) => entryOn(d, 'referral-to-social-care'));
    expect(highlightsOf('repeat-referral', entries, { config: { rules: { 'repeat-referral': { enabled: false } } } })).toEqual([]);
  });
});
