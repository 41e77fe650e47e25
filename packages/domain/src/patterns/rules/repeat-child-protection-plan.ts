// A second or subsequent child protection plan, published by the DfE for every local authority:
// the first plan ended without the change lasting. Soon after the end, it questions the decision to end.
import { isoFromEpochDay } from '../../dates.js';
import { ruleInfo } from '../config.js';
import { addMonthsDay, wholeMonthsBetween } from '../days.js';
import { agenciesOf, agencyPhrase, betweenDays, coarseNote, dayText, plural } from '../explain.js';
import { makeHighlight } from '../highlight.js';
import type { Point } from '../types.js';
import type { Rule } from './rule.js';

const ID = 'repeat-child-protection-plan';

function gapText(endDay: number, startDay: number): string {
  const months = wholeMonthsBetween(isoFromEpochDay(endDay), isoFromEpochDay(startDay));
  return months >= 1 ? plural(months, 'month') : plural(startDay - endDay, 'day');
}

export const repeatChildProtectionPlan: Rule<typeof ID> = (timeline, t, ctx) => {
  const ends = timeline.byCategory.get('child-protection-plan-end') ?? [];
  const starts = timeline.byCategory.get('child-protection-plan-start') ?? [];
  // Each start after an end is paired with the latest end on or before its day (the plan before
  // it). Starts paired with the same end overlap, so they form one highlight.
  const groups: Array<{ end: Point; starts: Point[] }> = [];
  let e = -1;
  for (const start of starts) {
    while (e + 1 < ends.length && ends[e + 1]!.day <= start.day) e++;
    if (e < 0) continue;
    const end = ends[e]!;
    const last = groups[groups.length - 1];
    if (last !== undefined && last.end === end) last.starts.push(start);
    else groups.push({ end, starts: [start] });
  }
  return groups.map(({ end, starts: newStarts }) => {
    const highBefore = addMonthsDay(isoFromEpochDay(end.day), t.highWithinMonths);
    const first = newStarts[0]!;
    const severity = first.day < highBefore ? 'high' : 'medium';
    const points = [end, ...newStarts];
    const lastDay = newStarts[newStarts.length - 1]!.day;
    const started =
      newStarts.length === 1
        ? `A child protection plan started ${betweenDays(first.day, first.day)} (recorded by ${agencyPhrase(agenciesOf(newStarts), ctx)})`
        : `${newStarts.length} entries record a child protection plan starting ${betweenDays(first.day, lastDay)} (by ${agencyPhrase(agenciesOf(newStarts), ctx)})`;
    return makeHighlight({
      ruleId: ID,
      severity,
      title: ruleInfo(ID).title,
      explanation:
        `${started}, ${gapText(end.day, first.day)} after the previous plan ended on ${dayText(end.day)}; ` +
        `a new plan after an earlier one has ended is the threshold, and within ${plural(t.highWithinMonths, 'month')} of the end is high.${coarseNote(points)}`,
      points,
      thresholds: t,
    });
  });
};
