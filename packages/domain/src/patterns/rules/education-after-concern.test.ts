import { describe, expect, it } from 'vitest';
import { entryOn, highlightsOf } from '../test-support.js';
import { describeWindowRule } from './window-contract.js';

describeWindowRule({
  rule: 'education-after-concern',
  minimal: [
    { category: 'domestic-abuse-incident', agency: 'thames-valley-police' },
    { category: 'school-absence', agency: 'northway-primary' },
  ],
  windowDays: 90,
  severity: 'medium',
});

describe('education-after-concern', () => {
  it.each(['exclusion', 'elective-home-education', 'children-missing-education', 'school-absence'])('fires for %s', (category) => {
    const entries = [entryOn(0, 'neglect-concern', 'oxford-health-hv'), entryOn(30, category, 'meadowbrook-academy')];
    expect(highlightsOf('education-after-concern', entries)).toHaveLength(1);
  });

  it.each(['domestic-abuse-incident', 'injury', 'missing-episode'])('is triggered by a %s concern', (category) => {
    expect(highlightsOf('education-after-concern', [entryOn(0, category), entryOn(89, 'exclusion')])).toHaveLength(1);
  });

  it('is not triggered by concerns outside the family, harm and exploitation groups, nor by non-concerns', () => {
    const entries = [
      entryOn(0, 'self-harm'),
      entryOn(1, 'referral-to-social-care'),
      entryOn(2, 'new-adult-in-household'),
      entryOn(3, 'housing-change'),
      entryOn(10, 'exclusion', 'northway-primary'),
    ];
    expect(highlightsOf('education-after-concern', entries)).toEqual([]);
  });

  it('counts the same day as after, and never a day before', () => {
    expect(highlightsOf('education-after-concern', [entryOn(5, 'injury'), entryOn(5, 'exclusion')])).toHaveLength(1);
    expect(highlightsOf('education-after-concern', [entryOn(5, 'injury'), entryOn(4, 'exclusion')])).toEqual([]);
  });

  it('explains which education change followed which concerns', () => {
    const entries = [
      entryOn(0, 'domestic-abuse-incident', 'thames-valley-police'),
      entryOn(14, 'neglect-concern', 'oxford-health-hv'),
      entryOn(40, 'elective-home-education', 'meadowbrook-academy'),
    ];
    const [h] = highlightsOf('education-after-concern', entries);
    expect(h!.explanation).toBe(
      '1 education entry ("Elective home education started") recorded by meadowbrook-academy on 10 April 2023 followed 2 family, harm or exploitation concerns recorded between 1 and 15 March 2023; an education change within 90 days after such a concern is the threshold.',
    );
    expect(h!.entryIds).toEqual(entries.map((e) => e.id));
  });

  it('merges several changes after one concern', () => {
    const entries = [entryOn(0, 'injury'), entryOn(10, 'school-absence', 'northway-primary'), entryOn(80, 'exclusion', 'northway-primary')];
    const found = highlightsOf('education-after-concern', entries);
    expect(found).toHaveLength(1);
    expect(found[0]!.entryIds).toHaveLength(3);
  });
});
