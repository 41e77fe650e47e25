// The straightforward reading of patterns.md, written with no cleverness: for every entry taken as a
// window start, rescan every entry of the history; collect every firing; merge firings whose windows
// overlap. O(n²) per rule. It serves twice: as the baseline the benchmark times the engine against,
// and as an oracle the property tests compare the engine with (same highlight ids, same severities).
//
// It shares the engine's input normalisation (buildTimeline: one parse and sort) so that the two
// differ only in how the rules are evaluated, which is what the comparison is about.
//
// One module: the reference is deliberately one plain reading of patterns.md, every rule side by side,
// so it can be checked against the document by eye.
import { epochDay, isoFromEpochDay } from '../src/dates.js';
import { RULE_IDS, resolveConfig, type PatternConfig, type ResolvedPatternConfig, type RuleId, type Severity } from '../src/patterns/config.js';
import { addMonthsDay } from '../src/patterns/days.js';
import { knownDateOfBirth } from '../src/patterns/days.js';
import { highlightId } from '../src/patterns/highlight.js';
import { buildTimeline } from '../src/patterns/timeline.js';
import type { PatternEntry, Point } from '../src/patterns/types.js';
import { EXPECTED_EVENTS, type ExpectedEventCheck } from '../src/patterns/expected-events.js';
import { areaGradesOf } from '../src/screening.js';

// Rules whose firings are highlights as they are (each names its own entries), not merged by window.
const UNMERGED: ReadonlySet<RuleId> = new Set<RuleId>([
  'repeat-category',
  'neglect-assessment-concern',
  'exploitation-risk-rising',
  'assessment-out-of-date',
  'missing-no-return-interview',
  'non-mobile-injury-no-paediatric-assessment',
  'strategy-discussion-no-outcome',
  'closed-then-re-referred',
]);

const LEVELS: Record<string, number> = { low: 0, medium: 1, high: 2 };

/** The latest (by day, then timeline order) of `list` on a day before `day`. */
function latestBefore(list: readonly Point[], day: number): Point | null {
  let best: Point | null = null;
  for (const p of list) if (p.day < day && (best === null || p.day > best.day || (p.day === best.day && p.seq > best.seq))) best = p;
  return best;
}

function naiveExpected(check: ExpectedEventCheck, triggers: Point[], expected: Point[], t: Record<string, number>, asOfDay: number): Firing[] {
  const used = new Set<number>();
  const firings: Firing[] = [];
  for (const trigger of triggers) {
    let answer: Point | null = null;
    for (const e of expected) if (!used.has(e.seq) && e.day >= trigger.day && (answer === null || e.seq < answer.seq)) answer = e;
    if (answer !== null) used.add(answer.seq);
    const deadline = (check.deadline as (d: number, x: unknown) => number)(trigger.day, t);
    if (answer !== null && answer.day <= deadline) continue;
    const severity: Severity = answer === null && deadline < asOfDay ? check.overdueSeverity : 'medium';
    firings.push({ points: answer === null ? [trigger] : [trigger, answer], from: trigger.day, to: answer === null ? Math.max(Math.min(deadline, asOfDay), trigger.day) : answer.day, severity });
  }
  return firings;
}

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
    case 'high-risk-domestic-abuse': {
      const t = config.rules[id].thresholds;
      const list = all.filter((p) => p.category === 'marac-referral' || (p.category === 'domestic-abuse-risk-assessment' && p.riskLevel === 'high'));
      return naiveWindows(list, t.windowDays, (w) => (w.length >= 1 ? 'high' : null), limit);
    }
    case 'neglect-assessment-concern': {
      const t = config.rules[id].thresholds;
      const graded = of('neglect-assessment').filter((p) => areaGradesOf(p.areaGrades) !== null);
      const firings: Firing[] = [];
      for (const a of graded.slice(0, limit)) {
        const grades = areaGradesOf(a.areaGrades)!;
        const earlier = latestBefore(graded, a.day);
        const before = earlier === null ? null : areaGradesOf(earlier.areaGrades)!;
        const concern = grades.some((g) => g >= t.concernGrade);
        const worse = before !== null && grades.some((g, i) => g > before[i]!);
        if (!concern && !worse) continue;
        firings.push(span(worse ? [earlier!, a] : [a], concern ? 'high' : 'medium'));
      }
      return firings;
    }
    case 'exploitation-risk-rising': {
      const t = config.rules[id].thresholds;
      const screenings = of('exploitation-screening').filter((p) => p.riskLevel in LEVELS);
      const concerns = of('missing-episode', 'exploitation-concern', 'arrest-or-offence');
      const firings: Firing[] = [];
      for (const s of screenings.slice(0, limit)) {
        const earlier = latestBefore(screenings, s.day);
        if (earlier !== null && LEVELS[s.riskLevel]! > LEVELS[earlier.riskLevel]!) firings.push(span([earlier, s], s.riskLevel === 'high' ? 'high' : 'medium'));
        if (s.riskLevel !== 'medium') continue;
        const later = screenings.filter((x) => x.day > s.day).map((x) => x.day);
        const end = Math.min(s.day + t.windowDays - 1, later.length > 0 ? Math.min(...later) - 1 : Infinity);
        const after = concerns.filter((p) => p.day >= s.day && p.day <= end);
        const missing = after.filter((p) => p.category === 'missing-episode').length;
        if (missing >= t.minMissing && after.length - missing >= t.minExploitation) firings.push(span([s, ...after], 'high'));
      }
      return firings;
    }
    case 'assessment-out-of-date': {
      const t = config.rules[id].thresholds;
      const domains: Array<[string, string[]]> = [
        ['domestic-abuse-risk-assessment', ['domestic-abuse-incident']],
        ['neglect-assessment', ['neglect-concern']],
        ['exploitation-screening', ['missing-episode', 'exploitation-concern', 'arrest-or-offence']],
      ];
      const firings: Firing[] = [];
      for (const [assessment, kinds] of domains) {
        const assessments = of(assessment);
        const concerns = of(...kinds);
        for (const a of assessments.slice(0, limit)) {
          const nextSeq = Math.min(...assessments.filter((x) => x.seq > a.seq).map((x) => x.seq), Infinity);
          const stale = concerns.filter((c) => c.seq > a.seq && c.seq < nextSeq && c.day - a.day > t.maxAgeDays);
          if (stale.length > 0) firings.push(span([a, ...stale], 'medium'));
        }
      }
      return firings;
    }
    case 'missing-no-return-interview': {
      const t = config.rules[id].thresholds;
      const check = EXPECTED_EVENTS[id] as unknown as ExpectedEventCheck;
      return naiveExpected(check, of(...check.trigger).slice(0, limit), of(...check.expected), t, asOfDay);
    }
    case 'non-mobile-injury-no-paediatric-assessment': {
      if (dob === null) return [];
      const t = config.rules[id].thresholds;
      const check = EXPECTED_EVENTS[id] as unknown as ExpectedEventCheck;
      const birth = epochDay(dob);
      const end = addMonthsDay(dob, t.maxAgeMonths);
      const triggers = of(...check.trigger).filter((p) => p.day >= birth && p.day < end);
      return naiveExpected(check, triggers.slice(0, limit), of(...check.expected), t, asOfDay);
    }
    case 'strategy-discussion-no-outcome': {
      const t = config.rules[id].thresholds;
      const check = EXPECTED_EVENTS[id] as unknown as ExpectedEventCheck;
      return naiveExpected(check, of(...check.trigger).slice(0, limit), of(...check.expected), t, asOfDay);
    }
    case 'closed-then-re-referred': {
      const t = config.rules[id].thresholds;
      const closures = of('case-closed', 'child-in-need-plan-end', 'child-protection-plan-end');
      const reReferrals = all.filter(
        (p) => p.category === 'referral-to-social-care' || (p.concern && (p.group === 'family' || p.group === 'harm' || p.group === 'exploitation')),
      );
      const points: Point[] = [];
      let cycles = 0;
      for (const r of reReferrals.slice(0, limit)) {
        let c: Point | null = null;
        for (const x of closures) if (x.seq < r.seq && (c === null || x.seq > c.seq)) c = x;
        if (c === null || c.day >= r.day) continue;
        const closure = c;
        if (reReferrals.some((x) => x.seq > closure.seq && x.seq < r.seq && x.day > closure.day)) continue;
        if (r.day - closure.day > t.windowDays) continue;
        cycles++;
        points.push(closure, r);
      }
      return cycles >= t.minCycles ? [span(points, 'medium')] : [];
    }
    // Reads the chronology's actions, not the entries: the reference (entries only) has none to read.
    case 'action-overdue':
    // The family rules read the family around the child and household events, which the benchmark's
    // single-child history has none of (the rules' own tests cover them; bench:family measures them).
    case 'sibling-previously-on-plan':
    case 'known-adult-returns':
    case 'household-event-cluster':
      return [];
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
    // The rules in UNMERGED report each firing on its own.
    const clusters = UNMERGED.has(id) ? firings : mergeFirings(firings);
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
