import { describe, expect, it } from 'vitest';
import { DEFAULT_PATTERN_CONFIG, RULE_IDS } from './config.js';
import { evaluatePatterns } from './engine.js';
import { AGENCIES, day, entryOn, run } from './test-support.js';

// A small chronology in which several rules fire, with different severities and window ends.
function busyChronology() {
  return [
    entryOn(0, 'domestic-abuse-incident', 'thames-valley-police'),
    entryOn(5, 'neglect-concern', 'northway-primary'),
    entryOn(9, 'injury', 'ouh-acute'),
    entryOn(20, 'parental-mental-health', 'east-oxford-gp'),
    entryOn(40, 'parental-substance-misuse', 'oxfordshire-csc'),
    entryOn(60, 'referral-to-social-care', 'northway-primary'),
    entryOn(200, 'referral-to-social-care', 'oxford-health-hv'),
    entryOn(300, 'referral-to-social-care', 'thames-valley-police'),
    entryOn(310, 'missed-health-appointment', 'oxford-health-hv'),
    entryOn(330, 'missed-health-appointment', 'oxford-health-hv'),
  ];
}

describe('evaluatePatterns', () => {
  it('finds nothing in an empty chronology', () => {
    expect(run([])).toEqual([]);
  });

  it('orders by severity (high first), then most recent window end', () => {
    const out = run(busyChronology(), { dateOfBirth: '2015-01-01' });
    expect(out.map((h) => [h.severity, h.window.to, h.ruleId])).toEqual([
      ['high', '2023-04-30', 'frequency-escalation'],
      ['high', '2023-04-10', 'multiple-parental-adversities'],
      ['high', '2023-03-21', 'multi-agency-cluster'],
      ['medium', '2024-01-25', 'was-not-brought'],
      ['medium', '2023-12-26', 'repeat-referral'],
    ]);
  });

  it('orders highlights ending on the same day by rule id', () => {
    const entries = [entryOn(0, 'self-harm', 'ouh-acute'), entryOn(10, 'self-harm', 'oxford-health-camhs'), entryOn(10, 'police-attendance')];
    expect(run(entries).map((h) => [h.window.to, h.ruleId])).toEqual([
      [day(10), 'multi-agency-cluster'],
      [day(10), 'repeat-self-harm'],
    ]);
  });

  it('gives the same output for the same input, in any order', () => {
    const entries = busyChronology();
    const a = run(entries);
    expect(run([...entries].reverse())).toEqual(a);
    expect(run([...entries.slice(5), ...entries.slice(0, 5)])).toEqual(a);
  });

  it('rejects an asOf that is not a real day', () => {
    expect(() => evaluatePatterns({ entries: [], dateOfBirth: null, asOf: '2023-02-30' })).toThrow(RangeError);
    expect(() => evaluatePatterns({ entries: [], dateOfBirth: null, asOf: '01/03/2023' })).toThrow(/YYYY-MM-DD/);
  });

  it('skips entries whose date cannot be read rather than failing', () => {
    const entries = [entryOn(0, 'self-harm'), { ...entryOn(1, 'self-harm'), date: 'last spring' }];
    expect(run(entries)).toEqual([]);
  });

  it('runs only enabled rules', () => {
    const entries = busyChronology();
    const all = run(entries);
    const rules = Object.fromEntries(RULE_IDS.map((id) => [id, { enabled: false }]));
    expect(run(entries, { config: { rules } })).toEqual([]);
    const some = run(entries, { config: { rules: { 'multi-agency-cluster': { enabled: false } } } });
    expect(some).toEqual(all.filter((h) => h.ruleId !== 'multi-agency-cluster'));
  });

  it('accepts a resolved configuration as well as a partial one', () => {
    const entries = busyChronology();
    expect(run(entries, { config: DEFAULT_PATTERN_CONFIG })).toEqual(run(entries));
  });

  it('throws on an invalid configuration rather than silently using defaults', () => {
    expect(() => run([], { config: { rules: { 'repeat-referral': { thresholds: { minReferrals: -1 } } } } })).toThrow(/minReferrals/);
  });

  it('names agencies when given and shows slugs otherwise', () => {
    const entries = busyChronology();
    const named = run(entries).find((h) => h.ruleId === 'multi-agency-cluster')!;
    expect(named.explanation).toContain('Thames Valley Police');
    const bare = evaluatePatterns({ entries, dateOfBirth: null, asOf: '2030-01-01' }).find((h) => h.ruleId === 'multi-agency-cluster')!;
    expect(bare.explanation).toContain('thames-valley-police');
    expect(bare.agencies).toEqual(named.agencies);
    expect(AGENCIES.length).toBeGreaterThan(0);
  });

  it('returns a copy of the thresholds in force, not the shared defaults', () => {
    const entries = busyChronology();
    const [h] = run(entries);
    h!.thresholds['windowDays'] = 1;
    expect(run(entries)[0]!.thresholds['windowDays']).toBe(90);
  });

  it('never leaks: a highlight rests only on the entries it was given', () => {
    // The server passes only what the caller may see. Without one agency's (restricted) entry the
    // multi-agency cluster is not there at all, and nothing hints that it might be.
    const entries = [
      entryOn(0, 'police-attendance', 'thames-valley-police'),
      entryOn(2, 'neglect-concern', 'northway-primary'),
      entryOn(4, 'injury', 'ouh-acute', { restricted: true }),
    ];
    const full = run(entries);
    expect(full.some((h) => h.ruleId === 'multi-agency-cluster')).toBe(true);
    const visible = run(entries.filter((e) => !e.restricted));
    expect(visible).toEqual([]);
    const ids = new Set(entries.map((e) => e.id));
    for (const h of full) for (const id of h.entryIds) expect(ids.has(id)).toBe(true);
  });
});
