import { describe, expect, it } from 'vitest';
import { entryOn, highlightsOf } from '../test-support.js';
import { describeWindowRule } from './window-contract.js';

describeWindowRule({
  rule: 'multiple-parental-adversities',
  minimal: [
    { category: 'domestic-abuse-incident', agency: 'thames-valley-police' },
    { category: 'parental-mental-health', agency: 'east-oxford-gp' },
    { category: 'parental-substance-misuse', agency: 'oxfordshire-csc' },
  ],
  windowDays: 365,
  severity: 'high',
});

describe('multiple-parental-adversities', () => {
  it('needs all three adversities', () => {
    const entries = [
      entryOn(0, 'domestic-abuse-incident'),
      entryOn(10, 'domestic-abuse-incident'),
      entryOn(20, 'parental-mental-health', 'east-oxford-gp'),
    ];
    expect(highlightsOf('multiple-parental-adversities', entries)).toEqual([]);
  });

  it('speaks of cumulative harm rather than a "toxic trio"', () => {
    const entries = [
      entryOn(0, 'domestic-abuse-incident'),
      entryOn(10, 'domestic-abuse-incident'),
      entryOn(20, 'parental-mental-health', 'east-oxford-gp'),
      entryOn(30, 'parental-substance-misuse', 'oxfordshire-csc'),
    ];
    const [h] = highlightsOf('multiple-parental-adversities', entries);
    expect(h!.explanation).toContain('current research prefers to think of cumulative harm rather than a "toxic trio"'.replace('current', 'Current'));
    expect(h!.explanation).toMatch(/^Domestic abuse \(2\), parental mental ill health \(1\) and parental alcohol or drug misuse \(1\) were all recorded/);
    expect(h!.explanation).toContain('all three within 365 days is the threshold');
  });
});
