import { describe, expect, it } from 'vitest';
import { entryOn, highlightsOf } from '../test-support.js';
import { describeWindowRule } from './window-contract.js';

describeWindowRule({
  rule: 'repeat-self-harm',
  minimal: [{ category: 'self-harm', agency: 'ouh-acute' }, { category: 'self-harm', agency: 'oxford-health-camhs' }],
  windowDays: 180,
  severity: 'high',
});

describe('repeat-self-harm', () => {
  it('is high and names the episodes and agencies', () => {
    const entries = [entryOn(0, 'self-harm', 'ouh-acute'), entryOn(40, 'self-harm', 'northway-primary')];
    const [h] = highlightsOf('repeat-self-harm', entries);
    expect(h!.severity).toBe('high');
    expect(h!.explanation).toBe(
      '2 self-harm entries recorded by 2 agencies (John Radcliffe A&E, Northway Primary School) between 1 March and 10 April 2023; 2 within 180 days is the threshold.',
    );
  });

  it('does not count child mental health concerns as self-harm', () => {
    expect(highlightsOf('repeat-self-harm', [entryOn(0, 'self-harm'), entryOn(5, 'child-mental-health')])).toEqual([]);
  });
});
