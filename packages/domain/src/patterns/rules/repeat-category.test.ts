import { describe, expect, it } from 'vitest';
import { entryOn, highlightsOf } from '../test-support.js';
import { describeWindowRule } from './window-contract.js';

describeWindowRule({
  rule: 'repeat-category',
  minimal: [{ category: 'neglect-concern' }, { category: 'neglect-concern', agency: 'northway-primary' }, { category: 'neglect-concern', agency: 'oxford-health-hv' }],
  windowDays: 365,
  severity: 'medium',
});

describe('repeat-category', () => {
  it('names the category in the title and the explanation', () => {
    const entries = [0, 100, 200].map((d) => entryOn(d, 'neglect-concern', 'oxford-health-hv'));
    const [h] = highlightsOf('repeat-category', entries);
    expect(h!.title).toBe('Repeated concern of one kind: Neglect concern');
    expect(h!.explanation).toBe(
      '3 entries in the category "Neglect concern" recorded by Oxford Health Visiting between 1 March and 17 September 2023; 3 of one concern category within 365 days is the threshold.',
    );
  });

  it('needs the entries to share one category', () => {
    const entries = [entryOn(0, 'neglect-concern'), entryOn(10, 'neglect-concern'), entryOn(20, 'emotional-abuse-concern')];
    expect(highlightsOf('repeat-category', entries)).toEqual([]);
  });

  it('keeps overlapping clusters of different categories apart', () => {
    const entries = [0, 10, 20].flatMap((d) => [entryOn(d, 'neglect-concern'), entryOn(d + 1, 'school-absence', 'northway-primary')]);
    const found = highlightsOf('repeat-category', entries);
    expect(found.map((h) => h.title).sort()).toEqual([
      'Repeated concern of one kind: Neglect concern',
      'Repeated concern of one kind: Poor or falling school attendance',
    ]);
  });

  it('ignores categories that are not concerns', () => {
    const entries = [0, 10, 20].map((d) => entryOn(d, 'health-assessment'));
    expect(highlightsOf('repeat-category', entries)).toEqual([]);
  });

  it('leaves referrals, missed appointments and self-harm to their own rules while those are enabled', () => {
    const entries = [0, 10, 20].flatMap((d) => [
      entryOn(d, 'referral-to-social-care'),
      entryOn(d, 'missed-health-appointment'),
      entryOn(d, 'self-harm'),
    ]);
    expect(highlightsOf('repeat-category', entries)).toEqual([]);
    const config = { rules: { 'repeat-referral': { enabled: false } } };
    const found = highlightsOf('repeat-category', entries, { config });
    expect(found.map((h) => h.title)).toEqual(["Repeated concern of one kind: Contact or referral to children's social care / MASH"]);
  });
});
