import { describe, expect, it } from 'vitest';
import { entryOn, highlightsOf } from '../test-support.js';
import { describeWindowRule } from './window-contract.js';

const ED = { category: 'emergency-department-attendance', agency: 'ouh-acute' };

describeWindowRule({
  rule: 'frequent-emergency-attendance',
  minimal: [ED, ED, ED, ED],
  windowDays: 180,
  severity: 'medium',
});

describe('frequent-emergency-attendance', () => {
  it('fires at more than 3 in 6 months, not at 3', () => {
    const three = [0, 30, 60].map((d) => entryOn(d, ED.category, ED.agency));
    expect(highlightsOf('frequent-emergency-attendance', three)).toEqual([]);
    const four = [...three, entryOn(90, ED.category, ED.agency)];
    const [h] = highlightsOf('frequent-emergency-attendance', four);
    expect(h!.explanation).toBe(
      '4 A&E attendances recorded by John Radcliffe A&E between 1 March and 30 May 2023; 4 within 180 days is the threshold.',
    );
  });
});
