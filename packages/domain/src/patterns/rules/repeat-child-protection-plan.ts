// A second or subsequent child protection plan, published by the DfE for every local authority:
// the first plan ended without the change lasting. Soon after the end, it questions the decision to end.
import { isoFromEpochDay } from '../../dates.js';
import { ruleInfo, type Severity } from '../config.js';
import { addMonthsDay, wholeMonthsBetween } from '../days.js';
import { agenciesOf, agencyPhrase, betweenDays, coarseNote, dayText } from '../explain.js';
import { plural } from '../../plural.js';
import { makeHighlight } from '../highlight.js';
import type { Point } from '../types.js';
import { maxSeverity } from '../windows.js';
import type { Rule } from './rule.js';

const ID = 'repeat-child-protection-plan';

function gapText(endDay: number, startDay: number): string {
  const months = wholeMonthsBetween(isoFromEpochDay(endDay), isoFromEpochDay(startDay));
  return months >= 1 ? plural(months, 'month') : plural(startDay - endDay, 'day');
}

export const repeatChildProtectionPlan: Rule<typeof ID> = (timeline, t, ctx) => {
  const ends = timeline.byCategory.get('child-protection-plan-end') ?? [];
  const starts = timeline.byCategory.get('child-protection-plan-start') ?? [];
  // Each start after an end is paired with the latest end on or before its day (the plan before it).
  // A firing spans end to start; firings that overlap (two records of one new plan) merge.
  const clusters: Array<{ pairs: Array<{ end: Point; start: Point }>; to: number; severity: Severity }> = [];
  let e = -1;
  for (const start of starts) {
    while (e + 1 < ends.length && ends[e + 1]!.day <= start.day) e++;
    if (e < 0) continue;
    const end = ends[e]!;
    const severity: Severity = start.day < addMonthsDay(isoFromEpochDay(end.day), t.highWithinMonths) ? 'high' : 'medium';
    const current = clusters[clusters.length - 1];
    if (current !== undefined && end.day <= current.to) {
      current.pairs.push({ end, start });
      current.to = start.day;
      current.severity = maxSeverity(current.severity, severity);
    } else {
      clusters.push({ pairs: [{ end, start }], to: start.day, severity });
    }
  }
  return clusters.map(({ pairs, severity }) => {
    const byId = new Map<number, Point>();
    for (const { end, start } of pairs) byId.set(end.seq, end).set(start.seq, start);
    const points = [...byId.values()].sort((a, b) => a.seq - b.seq);
    const newStarts = [...new Set(pairs.map((p) => p.start))];
    const first = pairs[0]!;
    const lastDay = newStarts[newStarts.length - 1]!.day;
    const started =
      newStarts.length === 1
        ? `A child protection plan started ${betweenDays(first.start.day, first.start.day)} (recorded by ${agencyPhrase(agenciesOf(newStarts), ctx)})`
        : `${newStarts.length} entries record a child protection plan starting ${betweenDays(first.start.day, lastDay)} (by ${agencyPhrase(agenciesOf(newStarts), ctx)})`;
    return makeHighlight({
      ruleId: ID,
      severity,
      title: ruleInfo(ID).title,
      explanation:
        `${started}, ${gapText(first.end.day, first.start.day)} after the previous plan ended on ${dayText(first.end.day)}; ` +
        `a new plan after an earlier one has ended is the threshold, and within ${plural(t.highWithinMonths, 'month')} of the end is high.${coarseNote(points)}`,
      points,
      thresholds: t,
    });
  });
};
