import { describe, expect, it } from 'vitest';
import { entryOn, highlightsOf } from '../test-support.js';
import { describeWindowRule } from './window-contract.js';

describeWindowRule({
  rule: 'new-adult-then-concern',
  minimal: [
    { category: 'new-adult-in-household', agency: 'oxford-health-hv' },
    { category: 'injury', agency: 'ouh-acute' },
  ],
  windowDays: 90,
  severity: 'medium',
});

describe('new-adult-then-concern', () => {
  it.each(['neglect-concern', 'physical-abuse-concern', 'sexual-abuse-concern', 'emotional-abuse-concern', 'injury'])('fires for %s', (category) => {
    expect(highlightsOf('new-adult-then-concern', [entryOn(0, 'new-adult-in-household'), entryOn(60, category)])).toHaveLength(1);
  });

  it('ignores concerns outside the harm group', () => {
    const entries = [entryOn(0, 'new-adult-in-household'), entryOn(10, 'domestic-abuse-incident'), entryOn(11, 'missing-episode')];
    expect(highlightsOf('new-adult-then-concern', entries)).toEqual([]);
  });

  it('ignores a harm concern recorded before the new adult', () => {
    expect(highlightsOf('new-adult-then-concern', [entryOn(0, 'injury'), entryOn(1, 'new-adult-in-household')])).toEqual([]);
  });

  it('explains the order of events', () => {
    const entries = [entryOn(0, 'new-adult-in-household', 'oxford-health-hv'), entryOn(45, 'injury', 'ouh-acute')];
    const [h] = highlightsOf('new-adult-then-concern', entries);
    expect(h!.explanation).toBe(
      '1 harm concern ("Injury to the child (incl. bruising)") recorded by John Radcliffe A&E on 15 April 2023 followed a new adult in the household, recorded on 1 March 2023; a harm concern within 90 days after a new adult is the threshold.',
    );
  });
});
