// The two walks every windowed rule is built on. Both are linear after the timeline's one sort:
// each pointer only moves forward, so no entry is looked at more than a fixed number of times.
//
// Windows are anchored at entry days. Any window of N days that satisfies a rule still satisfies it
// when moved forward to its first entry (it loses nothing and may gain), so anchoring at entries
// finds every cluster that free-floating windows would. A window of N days starting on day d covers
// d to d + N - 1: "within 30 days" means the first and last entry are at most 29 days apart.
import type { Severity } from './config.js';
import type { Point } from './types.js';

export interface Firing<F> {
  /** Index in the rule's list of the window's first and last entry. */
  lo: number;
  hi: number;
  severity: Severity;
  facts: F;
}

/** A maximal cluster: firings chained by shared entries, merged (index range in the rule's list). */
export interface WindowSpan {
  lo: number;
  hi: number;
  severity: Severity;
}

/** A maximal cluster with the firings it merged, for a rule that explains its sharpest window. */
export interface WindowCluster<F> extends WindowSpan {
  firings: Array<Firing<F>>;
}

export interface WindowProbe<F> {
  add(p: Point): void;
  remove(p: Point): void;
  /** Whether the window list[lo..hi] (all entries from day list[lo].day for N days) fires. */
  test(lo: number, hi: number): { severity: Severity; facts: F } | null;
}

export function maxSeverity(a: Severity, b: Severity): Severity {
  return a === 'high' || b === 'high' ? 'high' : 'medium';
}

/**
 * Slides an N-day window over `list` (timeline order), starting at each distinct entry day, and
 * merges firings that share an entry into one cluster. Two anchored firings overlap in time exactly
 * when they share an entry, so merging by index is merging overlapping windows.
 *
 * Only the clusters' spans: in a dense history nearly every start inside a cluster fires, and
 * keeping each firing was a third of what an evaluation allocated. slideWindowsWithFirings keeps them.
 */
export function slideWindows<F>(list: readonly Point[], windowDays: number, probe: WindowProbe<F>): WindowSpan[] {
  return slide(list, windowDays, probe, false);
}

/** slideWindows, with every firing of each cluster (its window and facts) kept in order. */
export function slideWindowsWithFirings<F>(list: readonly Point[], windowDays: number, probe: WindowProbe<F>): Array<WindowCluster<F>> {
  return slide(list, windowDays, probe, true) as Array<WindowCluster<F>>;
}

function slide<F>(list: readonly Point[], windowDays: number, probe: WindowProbe<F>, keepFirings: boolean): WindowSpan[] {
  const clusters: WindowSpan[] = [];
  let current: WindowSpan | null = null;
  let lo = 0;
  let hi = -1;
  let i = 0;
  while (i < list.length) {
    const startDay = list[i]!.day;
    while (lo < i) probe.remove(list[lo++]!);
    const lastDay = startDay + windowDays - 1;
    while (hi + 1 < list.length && list[hi + 1]!.day <= lastDay) probe.add(list[++hi]!);
    const fired = probe.test(i, hi);
    if (fired !== null) {
      if (current !== null && i <= current.hi) {
        current.hi = hi;
        current.severity = maxSeverity(current.severity, fired.severity);
      } else {
        if (current !== null) clusters.push(current);
        current = keepFirings ? ({ lo: i, hi, severity: fired.severity, firings: [] } as WindowCluster<F>) : { lo: i, hi, severity: fired.severity };
      }
      if (keepFirings) (current as WindowCluster<F>).firings.push({ lo: i, hi, severity: fired.severity, facts: fired.facts });
    }
    let next = i + 1;
    while (next < list.length && list[next]!.day === startDay) next++;
    i = next;
  }
  if (current !== null) clusters.push(current);
  return clusters;
}

/**
 * The answer of a probe whose firings carry no facts, one object per severity: the walk reads it and
 * keeps nothing of it, so a firing need not allocate.
 */
export const FIRES: { readonly [S in Severity]: { readonly severity: S; readonly facts: null } } = {
  high: { severity: 'high', facts: null },
  medium: { severity: 'medium', facts: null },
};

/** A probe for "at least `min` entries in the window", the commonest rule shape. */
export function countProbe(min: number, severity: Severity): WindowProbe<null> {
  const fires = FIRES[severity];
  return {
    add() {},
    remove() {},
    test: (lo, hi) => (hi - lo + 1 >= min ? fires : null),
  };
}

/** Counts of a key (agency, category) in the window, with the number of distinct keys present. */
export class KeyCounter {
  private readonly counts = new Map<string, number>();
  distinct = 0;

  add(key: string): void {
    const n = this.counts.get(key) ?? 0;
    if (n === 0) this.distinct++;
    this.counts.set(key, n + 1);
  }

  remove(key: string): void {
    const n = this.counts.get(key) ?? 0;
    if (n === 1) this.distinct--;
    this.counts.set(key, n - 1);
  }

  get(key: string): number {
    return this.counts.get(key) ?? 0;
  }
}

/** A cluster of "an outcome within N days after a trigger": index ranges in both lists. */
export interface FollowCluster {
  triggerLo: number;
  triggerHi: number;
  outcomeLo: number;
  outcomeHi: number;
}

/**
 * For each outcome, the triggers on its day or in the N - 1 days before it. Firings whose spans
 * (first trigger to outcome) overlap are merged; the merged trigger and outcome ranges are each
 * contiguous, because any entry between two overlapping firings belongs to one of them.
 */
export function followedWithin(triggers: readonly Point[], outcomes: readonly Point[], windowDays: number): FollowCluster[] {
  const clusters: FollowCluster[] = [];
  let current: FollowCluster | null = null;
  let lo = 0;
  let hi = -1;
  for (let o = 0; o < outcomes.length; o++) {
    const day = outcomes[o]!.day;
    while (lo < triggers.length && triggers[lo]!.day < day - windowDays + 1) lo++;
    while (hi + 1 < triggers.length && triggers[hi + 1]!.day <= day) hi++;
    if (lo > hi) continue;
    if (current !== null && triggers[lo]!.day <= outcomes[current.outcomeHi]!.day) {
      current.triggerHi = hi;
      current.outcomeHi = o;
    } else {
      if (current !== null) clusters.push(current);
      current = { triggerLo: lo, triggerHi: hi, outcomeLo: o, outcomeHi: o };
    }
  }
  if (current !== null) clusters.push(current);
  return clusters;
}

/** Two timeline-ordered lists merged back into timeline order. */
export function mergeInOrder(a: readonly Point[], b: readonly Point[]): Point[] {
  const out: Point[] = [];
  let i = 0;
  let j = 0;
  while (i < a.length && j < b.length) out.push(a[i]!.seq <= b[j]!.seq ? a[i++]! : b[j++]!);
  while (i < a.length) out.push(a[i++]!);
  while (j < b.length) out.push(b[j++]!);
  return out;
}
