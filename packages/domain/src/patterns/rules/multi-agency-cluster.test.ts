import { describe, expect, it } from 'vitest';
import { entryOn, highlightsOf } from '../test-support.js';
import { describeWindowRule } from './window-contract.js';

describeWindowRule({
  rule: 'multi-agency-cluster',
  minimal: [
    { category: 'police-attendance', agency: 'thames-valley-police' },
    { category: 'school-absence', agency: 'northway-primary' },
    { category: 'injury', agency: 'ouh-acute' },
  ],
  windowDays: 30,
  severity: 'high',
});

describe('multi-agency-cluster', () => {
  it('explains with counts, agency names, UK dates and the threshold', () => {
    const entries = [
      entryOn('2023-03-02', 'domestic-abuse-incident', 'thames-valley-police'),
      entryOn('2023-03-10', 'emotional-abuse-concern', 'northway-primary'),
      entryOn('2023-03-20', 'injury', 'ouh-acute'),
      entryOn('2023-03-24', 'police-attendance', 'thames-valley-police'),
    ];
    const [h] = highlightsOf('multi-agency-cluster', entries);
    expect(h!.explanation).toBe(
      '4 concerns recorded by 3 agencies (Thames Valley Police, Northway Primary School, John Radcliffe A&E) between 2 and 24 March 2023; 3 agencies within 30 days is the threshold.',
    );
    expect(h!.agencies).toEqual(['thames-valley-police', 'northway-primary', 'ouh-acute']);
  });

  it('counts agencies, not entries', () => {
    const entries = [0, 1, 2, 3].map((d) => entryOn(d, 'police-attendance', 'thames-valley-police'));
    entries.push(entryOn(4, 'neglect-concern', 'northway-primary'));
    expect(highlightsOf('multi-agency-cluster', entries)).toEqual([]);
  });

  it('counts only concern entries', () => {
    const entries = [
      entryOn(0, 'police-attendance', 'thames-valley-police'),
      entryOn(1, 'neglect-concern', 'northway-primary'),
      entryOn(2, 'health-assessment', 'oxford-health-hv'),
    ];
    expect(highlightsOf('multi-agency-cluster', entries)).toEqual([]);
  });

  it('shows slugs when agency names are not given', async () => {
    const { evaluatePatterns } = await import('../engine.js');
    const entries = [
      entryOn(0, 'police-attendance', 'thames-valley-police'),
      entryOn(1, 'neglect-concern', 'northway-primary'),
      entryOn(2, 'injury', 'ouh-acute'),
    ];
    const [h] = evaluatePatterns({ entries, dateOfBirth: null, asOf: '2024-01-01' }).filter((x) => x.ruleId === 'multi-agency-cluster');
    expect(h!.explanation).toContain('(thames-valley-police, northway-primary, ouh-acute)');
  });
});
