// The straightforward reading of patterns.md, written with no cleverness: for every entry taken as a
// window start, rescan every entry of the history; collect every firing; merge firings whose windows
// overlap. O(n²) per rule. It serves twice: as the baseline the benchmark times the engine against,
// and as an oracle the property tests compare the engine with (same highlight ids, same severities).
//
// It shares the engine's input normalisation (buildTimeline: one parse and sort) so that the two
// differ only in how the rules are evaluated, which is what the comparison is about.
import { epochDay, isoFromEpochDay } from '../src/dates.js';
import { RULE_IDS, resolveConfig, type PatternConfig, type ResolvedPatternConfig, type RuleId, type Severity } from '../src/patterns/config.js';
import { addMonthsDay } from '../src/patterns/days.js';
import { knownDateOfBirth } from '../src/patterns/days.js';
import { highlightId } from '../src/patterns/highlight.js';
import { buildTimeline } from '../src/patterns/timeline.js';
import type { PatternEntry, Point } from '../src/patterns/types.js';

export interface ReferenceHighlight {
  id: string;
  ruleId: RuleId;
  severity: Severity;
}

interface Firing {
  points: Point[];
  from: number;
  to: number;
  severity: Severity;
}

export interface ReferenceOptions {
  /** Evaluate only windows anchored at the first `anchorLimit` candidate entries (for timing a sample of a large history). */
  anchorLimit?: number;
  /** Only these rules. */
  rules?: readonly RuleId[];
}

/** Merge firings whose windows overlap (share at least one day) into maximal clusters. */
function mergeFirings(firings: Firing[]): Firing[] {
  const sorted = [...firings].sort((a, b) => a.from - b.from || a.to - b.to);
  const out: Firing[] = [];
  for (const f of sorted) {
    const last = out[out.length - 1];
    if (last !== undefined && f.from <= last.to) {
      const seen = new Set(last.points.map((p) => p.seq));
      for (const p of f.points) if (!seen.has(p.seq)) last.points.push(p);
      last.to = Math.max(last.to, f.to);
      last.severity = last.severity === 'high' || f.severity === 'high' ? 'high' : 'medium';
    } else {
      out.push({ ...f, points: [...f.points] });
    }
  }
  return out;
}

function span(points: Point[], severity: Severity): Firing {
  let from = Infinity;
  let to = -Infinity;
  for (const p of points) {
    from = Math.min(from, p.day);
    to = Math.max(to, p.day);
  }
  return { points, from, to, severity };
}

/** For each candidate as a window start, rescan the whole list for the window's entries. */
function naiveWindows(
  list: readonly Point[],
  windowDays: number,
  test: (window: Point[], startDay: number) => Severity | null,
  limit: number,
): Firing[] {
  const firings: Firing[] = [];
  for (const anchor of list.slice(0, limit)) {
    const window = list.filter((p) => p.day >= anchor.day && p.day <= anchor.day + windowDays - 1);
    const severity = test(window, anchor.day);
    if (severity !== null) firings.push(span(window, severity));
  }
  return firings;
}

/** For each outcome, rescan every trigger for one on its day or in the N - 1 days before. */
function naiveFollowed(triggers: readonly Point[], outcomes: readonly Point[], windowDays: number, limit: number): Firing[] {
  const firings: Firing[] = [];
  for (const o of outcomes.slice(0, limit)) {
    const before = triggers.filter((t) => t.day <= o.day && t.day >= o.day - windowDays + 1);
    if (before.length > 0) firings.push(span([...before, o], 'medium'));
  }
  return firings;
}

function ruleFirings(
  id: RuleId,
  all: readonly Point[],
  config: ResolvedPatternConfig,
  dob: string | null,
  asOfDay: number,
  limit: number,
): Firing[] {
  const of = (...categories: string[]): Point[] => all.filter((p) => categories.includes(p.category));
  const concerns = all.filter((p) => p.concern);
  switch (id) {
    case 'frequency-escalation': {
      const t = config.rules[id].thresholds;
      return naiveWindows(
        concerns,
        t.windowDays,
        (window, start) => {
          const before = concerns.filter((p) => p.day >= start - t.windowDays && p.day <= start - 1).length;
          if (window.length < t.minConcerns || window.length < t.ratio * before) return null;
          return window.length >= t.highRatio * before ? 'high' : 'medium';
        },
        limit,
      );
    }
    case 'repeat-category': {
      const t = config.rules[id].thresholds;
      const own: Record<string, RuleId> = {
        'referral-to-social-care': 'repeat-referral',
        'missed-health-appointment': 'was-not-brought',
        'self-harm': 'repeat-self-harm',
      };
      const categories = [...new Set(concerns.map((p) => p.category))].filter((c) => {
        const rule = own[c];
        return rule === undefined || !config.rules[rule].enabled;
      });
      // Each category is its own subject: its firings merge only with each other.
      return categories.flatMap((c) =>
        mergeFirings(naiveWindows(of(c), t.windowDays, (w) => (w.length >= t.minEntries ? 'medium' : null), limit)),
      );
    }
    case 'multi-agency-cluster': {
      const t = config.rules[id].thresholds;
      return naiveWindows(concerns, t.windowDays, (w) => (new Set(w.map((p) => p.agency)).size >= t.minAgencies ? 'high' : null), limit);
    }
    case 'was-not-brought': {
      const t = config.rules[id].thresholds;
      const limitDay = dob === null ? null : addMonthsDay(dob, 12 * t.highUnderAgeYears);
      return naiveWindows(
        of('missed-health-appointment'),
        t.windowDays,
        (w, start) => (w.length < t.minMissed ? null : limitDay !== null && start < limitDay ? 'high' : 'medium'),
        limit,
      );
    }
    case 'multiple-parental-adversities': {
      const t = config.rules[id].thresholds;
      return naiveWindows(
        of('domestic-abuse-incident', 'parental-mental-health', 'parental-substance-misuse'),
        t.windowDays,
        (w) => (new Set(w.map((p) => p.category)).size === 3 ? 'high' : null),
        limit,
      );
    }
    case 'non-mobile-injury': {
      if (dob === null) return [];
      const t = config.rules[id].thresholds;
      const birth = epochDay(dob);
      const end = addMonthsDay(dob, t.maxAgeMonths);
      return of('injury', 'physical-abuse-concern')
        .filter((p) => p.day >= birth && p.day < end)
        .slice(0, limit)
        .map((p) => span([p], 'high'));
    }
    case 'repeat-referral': {
      const t = config.rules[id].thresholds;
      return naiveWindows(of('referral-to-social-care'), t.windowDays, (w) => (w.length >= t.minReferrals ? 'medium' : null), limit);
    }
    case 'repeat-child-protection-plan': {
      const t = config.rules[id].thresholds;
      const ends = of('child-protection-plan-end');
      const firings: Firing[] = [];
      for (const start of of('child-protection-plan-start').slice(0, limit)) {
        let latest: Point | null = null;
        for (const e of ends) if (e.day <= start.day && (latest === null || e.day > latest.day || (e.day === latest.day && e.seq > latest.seq))) latest = e;
        if (latest === null) continue;
        const high = start.day < addMonthsDay(isoFromEpochDay(latest.day), t.highWithinMonths);
        firings.push(span([latest, start], high ? 'high' : 'medium'));
      }
      return firings;
    }
    case 'education-after-concern': {
      const t = config.rules[id].thresholds;
      const triggers = concerns.filter((p) => p.group === 'family' || p.group === 'harm' || p.group === 'exploitation');
      return naiveFollowed(triggers, of('exclusion', 'elective-home-education', 'children-missing-education', 'school-absence'), t.windowDays, limit);
    }
    case 'missing-and-exploitation': {
      const t = config.rules[id].thresholds;
      return naiveWindows(
        of('missing-episode', 'exploitation-concern', 'arrest-or-offence'),
        t.windowDays,
        (w) => {
          const missing = w.filter((p) => p.category === 'missing-episode').length;
          return missing >= t.minMissing && w.length - missing >= t.minExploitation ? 'high' : null;
        },
        limit,
      );
    }
    case 'repeat-self-harm': {
      const t = config.rules[id].thresholds;
      return naiveWindows(of('self-harm'), t.windowDays, (w) => (w.length >= t.minEpisodes ? 'high' : null), limit);
    }
    case 'frequent-emergency-attendance': {
      const t = config.rules[id].thresholds;
      return naiveWindows(of('emergency-department-attendance'), t.windowDays, (w) => (w.length >= t.minAttendances ? 'medium' : null), limit);
    }
    case 'new-adult-then-concern': {
      const t = config.rules[id].thresholds;
      const harms = concerns.filter((p) => p.group === 'harm');
      return naiveFollowed(of('new-adult-in-household'), harms, t.windowDays, limit);
    }
    case 'silence-during-plan': {
      const t = config.rules[id].thresholds;
      // Plans: a start opens one if none is open; an end closes the open one; on one day, ends first.
      const events = of('child-protection-plan-start', 'child-protection-plan-end').sort(
        (a, b) => a.day - b.day || (a.category === b.category ? a.seq - b.seq : a.category === 'child-protection-plan-end' ? -1 : 1),
      );
      const plans: Array<{ start: Point; endDay: number; open: boolean }> = [];
      let open: Point | null = null;
      for (const e of events) {
        if (e.category === 'child-protection-plan-start') open ??= e;
        else if (open !== null) {
          plans.push({ start: open, endDay: e.day, open: false });
          open = null;
        }
      }
      if (open !== null) plans.push({ start: open, endDay: asOfDay, open: true });
      const firings: Firing[] = [];
      for (const plan of plans) {
        let previous = plan.start;
        const inPlan = all.filter((p) => p.day >= plan.start.day && p.day <= plan.endDay);
        const dedupe = (ps: Point[]): Point[] => [...new Map(ps.map((p) => [p.seq, p])).values()];
        for (const p of inPlan) {
          if (p.day - previous.day - 1 >= t.minSilentDays) {
            firings.push({ points: dedupe([plan.start, previous, p]), from: previous.day + 1, to: p.day - 1, severity: 'medium' });
          }
          previous = p;
        }
        if (plan.open && asOfDay - previous.day >= t.minSilentDays) {
          firings.push({ points: dedupe([plan.start, previous]), from: previous.day + 1, to: asOfDay, severity: 'medium' });
        }
      }
      return firings;
    }
  }
}

/** Highlight ids and severities, by the naive method. `anchorLimit` samples window starts for timing. */
export function referencePatterns(
  input: { entries: readonly PatternEntry[]; dateOfBirth: string | null; asOf: string; config?: PatternConfig | null },
  options: ReferenceOptions = {},
): ReferenceHighlight[] {
  const config = resolveConfig(input.config ?? null);
  const asOfDay = epochDay(input.asOf);
  const dob = knownDateOfBirth(input.dateOfBirth);
  const { points } = buildTimeline(input.entries, asOfDay);
  const limit = options.anchorLimit ?? Infinity;
  const out: ReferenceHighlight[] = [];
  for (const id of options.rules ?? RULE_IDS) {
    if (!config.rules[id].enabled) continue;
    const firings = ruleFirings(id, points, config, dob, asOfDay, limit);
    // repeat-category merged per category already; merging again across categories would join subjects.
    const clusters = id === 'repeat-category' ? firings : mergeFirings(firings);
    for (const c of clusters) {
      out.push({
        id: highlightId(id, isoFromEpochDay(c.from), isoFromEpochDay(c.to), c.points.map((p) => p.id)),
        ruleId: id,
        severity: c.severity,
      });
    }
  }
  return out.sort((a, b) => (a.id < b.id ? -1 : a.id > b.id ? 1 : 0));
}
