// A child on a child protection plan should be seen and heard of often. A long stretch with nothing
// recorded by any agency may mean the plan has drifted, or that work is being done and not shared.
import { ruleInfo } from '../config.js';
import { isoFromEpochDay } from '../../dates.js';
import { agencyPhrase, coarseNote, dayText, formatUkRange } from '../explain.js';
import { plural } from '../../plural.js';
import { makeHighlight } from '../highlight.js';
import type { Highlight, Point } from '../types.js';
import type { Rule } from './rule.js';

const ID = 'silence-during-plan';

export interface OpenPlan {
  start: Point;
  /** The plan's end entry, or null while it is still open at asOf. */
  end: Point | null;
}

/**
 * The plans in the timeline. A start while a plan is open is a repeat record of the same plan; an
 * end with no open plan is ignored. On one day an end is read before a start, so a plan that ends
 * and a new one that starts on the same day are two plans.
 */
export function openPlans(timeline: { byCategory: ReadonlyMap<string, readonly Point[]> }): OpenPlan[] {
  const starts = timeline.byCategory.get('child-protection-plan-start') ?? [];
  const ends = timeline.byCategory.get('child-protection-plan-end') ?? [];
  const plans: OpenPlan[] = [];
  let open: Point | null = null;
  let s = 0;
  let e = 0;
  while (s < starts.length || e < ends.length) {
    const end = ends[e];
    const start = starts[s];
    if (end !== undefined && (start === undefined || end.day <= start.day)) {
      if (open !== null) {
        plans.push({ start: open, end });
        open = null;
      }
      e++;
    } else {
      if (open === null) open = start!;
      s++;
    }
  }
  if (open !== null) plans.push({ start: open, end: null });
  return plans;
}

export const silenceDuringPlan: Rule<typeof ID> = (timeline, t, ctx) => {
  const all = timeline.points;
  const out: Highlight[] = [];
  // Plans are in order and overlap at most on a boundary day, and a plan too short to hold a
  // silence is skipped, so the scans below together visit each entry at most twice.
  let first = 0;
  for (const plan of openPlans(timeline)) {
    const endDay = plan.end?.day ?? ctx.asOfDay;
    const closing = plan.end === null ? 0 : 1;
    if (endDay - plan.start.day - closing < t.minSilentDays) continue;
    while (first < all.length && all[first]!.day < plan.start.day) first++;
    let previous: Point = plan.start;
    for (let i = first; i < all.length && all[i]!.day <= endDay; i++) {
      const next = all[i]!;
      const silent = next.day - previous.day - 1;
      if (silent >= t.minSilentDays) out.push(silence(previous, next, silent, plan));
      previous = next;
    }
    // Up to asOf only while the plan is still open: a closed plan's last stretch ends at its end
    // entry, which the loop has reached. asOf itself had no entry if it is not the last one's day.
    if (plan.end === null) {
      const silent = ctx.asOfDay - previous.day;
      if (silent >= t.minSilentDays) out.push(silence(previous, null, silent, plan));
    }
  }
  return out;

  function silence(before: Point, after: Point | null, silent: number, plan: OpenPlan): Highlight {
    const points = [plan.start, before, ...(after === null ? [] : [after])].filter(
      (p, k, list) => list.findIndex((q) => q.seq === p.seq) === k,
    );
    points.sort((a, b) => a.seq - b.seq);
    // The window is the silent stretch itself, so two silences never overlap; the entries are the
    // ones either side of it (and the plan start), for the reader to find on the timeline.
    const from = before.day + 1;
    const to = after === null ? ctx.asOfDay : after.day - 1;
    const stretch = `${plural(silent, 'day')} (${formatUkRange(isoFromEpochDay(from), isoFromEpochDay(to))})`;
    const by = (p: Point): string => `an entry by ${agencyPhrase([p.agency], ctx)} on ${dayText(p.day)}`;
    const what =
      after === null
        ? `No agency has recorded anything for ${stretch} since ${by(before)}, while the child protection plan that started on ${dayText(plan.start.day)} is still open`
        : `No agency recorded anything for ${stretch}, between ${by(before)} and ${by(after).replace(/^an entry/, 'one')}, while the child protection plan that started on ${dayText(plan.start.day)} was open`;
    return makeHighlight({
      ruleId: ID,
      severity: 'medium',
      title: ruleInfo(ID).title,
      explanation: `${what}; ${plural(t.minSilentDays, 'day')} with no entry is the threshold.${coarseNote(points)}`,
      points,
      from,
      to,
      thresholds: t,
    });
  }
};
