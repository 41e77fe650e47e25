// One behaviour suite for every rule that looks for a set of entries within a window, run from each
// rule's own test file: the shared semantics of patterns.md (withdrawn and future entries ignored,
// dates counted from the start of their interval, windows of N days inclusive, maximal clusters
// merged, separate clusters kept apart) are proved the same way for all of them.
import { describe, expect, it } from 'vitest';
import { epochDay, isoFromEpochDay } from '../../dates.js';
import type { Entry } from '../../entry.js';
import type { RuleId, Severity } from '../config.js';
import { DAY0, entryOn, highlightsOf, withdrawn, type RunOptions } from '../test-support.js';

export interface WindowRuleCase {
  rule: RuleId;
  /**
   * The fewest entries that fire, in order. All but the last are placed on the window's first day;
   * the last is the one moved across the far edge.
   */
  minimal: ReadonlyArray<{ category: string; agency?: string }>;
  windowDays: number;
  severity: Severity;
  /** Defaults to unknown (null). */
  dateOfBirth?: string | null;
}

export function describeWindowRule(c: WindowRuleCase): void {
  const n = c.windowDays;
  // Chosen so that the last day of the window is 1 June 2023: a month-precision date "2023-06"
  // then starts inside the window and ends outside it.
  const first = epochDay('2023-06-01') - (n - 1) - DAY0;
  const options: RunOptions = { dateOfBirth: c.dateOfBirth ?? null };
  const head = c.minimal.slice(0, -1);
  const tail = c.minimal[c.minimal.length - 1]!;

  function build(lastDate: number | string, shift = 0): Entry[] {
    return [
      ...head.map((m) => entryOn(first + shift, m.category, m.agency)),
      entryOn(typeof lastDate === 'number' ? lastDate + shift : lastDate, tail.category, tail.agency),
    ];
  }
  const fires = (entries: Entry[], extra: RunOptions = {}): number => highlightsOf(c.rule, entries, { ...options, ...extra }).length;

  describe(`${c.rule}: shared window semantics`, () => {
    it(`fires at the threshold, with the last entry on the window's last day (day ${n - 1})`, () => {
      const entries = build(first + n - 1);
      const [h, ...rest] = highlightsOf(c.rule, entries, options);
      expect(rest).toEqual([]);
      expect(h!.severity).toBe(c.severity);
      expect(new Set(h!.entryIds)).toEqual(new Set(entries.map((e) => e.id)));
      expect(h!.window).toEqual({ from: isoFromEpochDay(DAY0 + first), to: '2023-06-01' });
      expect(h!.coarseEntryIds).toEqual([]);
      expect(h!.explanation).toContain(`${n} days`);
      expect(h!.explanation).toContain('1 June 2023');
    });

    it('does not fire one entry short of the threshold', () => {
      expect(fires(build(first + n - 1).slice(0, -1))).toBe(0);
    });

    it(`does not fire when the last entry is on day ${n}, one past the window`, () => {
      expect(fires(build(first + n))).toBe(0);
    });

    it('ignores a withdrawn entry', () => {
      const entries = build(first + n - 1);
      entries[entries.length - 1] = withdrawn(entries[entries.length - 1]!);
      expect(fires(entries)).toBe(0);
    });

    it('ignores an entry dated after asOf, and counts one dated on asOf', () => {
      const entries = build(first + n - 1);
      expect(fires(entries, { asOf: '2023-05-31' })).toBe(0);
      expect(fires(entries, { asOf: '2023-06-01' })).toBe(1);
    });

    it('counts a month-precision date from the first of the month, and lists it as coarse', () => {
      const entries = build('2023-06');
      const [h] = highlightsOf(c.rule, entries, options);
      expect(h).toBeDefined();
      expect(h!.coarseEntryIds).toEqual([entries[entries.length - 1]!.id]);
      expect(h!.explanation).toContain('inexact date');
      expect(fires(build('2023-07'))).toBe(0);
    });

    it('counts an approximate date as written', () => {
      expect(fires(build('?2023-06-01'))).toBe(1);
      expect(fires(build('?2023-06-02'))).toBe(0);
    });

    it('counts a period from its start', () => {
      expect(fires(build('2023-06-01..2023-08-31'))).toBe(1);
      expect(fires(build('2023-06-02..2023-06-03'))).toBe(0);
    });

    it('fires whether the date of birth is unknown or known', () => {
      const entries = build(first + n - 1);
      expect(fires(entries, { dateOfBirth: null })).toBe(1);
      expect(fires(entries, { dateOfBirth: '2005-01-01' })).toBe(1);
    });

    it('merges overlapping firings into one highlight whose window spans them', () => {
      const entries = [...build(first + n - 1), ...build(first + n - 1, 1)];
      const found = highlightsOf(c.rule, entries, options);
      expect(found).toHaveLength(1);
      expect(new Set(found[0]!.entryIds)).toEqual(new Set(entries.map((e) => e.id)));
      expect(found[0]!.window).toEqual({ from: isoFromEpochDay(DAY0 + first), to: '2023-06-02' });
    });

    it('reports separate clusters separately, the most recent first', () => {
      const gap = 3 * n;
      const entries = [...build(first + n - 1), ...build(first + n - 1, gap)];
      const found = highlightsOf(c.rule, entries, options);
      expect(found).toHaveLength(2);
      expect(found[0]!.window.to > found[1]!.window.to).toBe(true);
      expect(found[0]!.id).not.toBe(found[1]!.id);
    });

    it('gives the same id on every run, and a different one when an entry joins', () => {
      const entries = build(first + n - 1);
      const a = highlightsOf(c.rule, entries, options)[0]!;
      const b = highlightsOf(c.rule, [...entries].reverse(), options)[0]!;
      expect(b.id).toBe(a.id);
      const more = highlightsOf(c.rule, [...entries, entryOn(first + 1, tail.category, tail.agency)], options)[0]!;
      expect(more.id).not.toBe(a.id);
      expect(a.id.startsWith(`${c.rule}:`)).toBe(true);
    });
  });
}
