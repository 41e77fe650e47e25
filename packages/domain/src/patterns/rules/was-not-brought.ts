// "Was not brought", not "did not attend": a child cannot take themselves to an appointment, so
// missed appointments say something about the care around the child (Powell; CSPRP reviews).
import { ruleInfo } from '../config.js';
import { addMonthsDay } from '../days.js';
import { agenciesOf, agencyPhrase, betweenDays, coarseNote } from '../explain.js';
import { plural } from '../../plural.js';
import { makeHighlight } from '../highlight.js';
import { FIRES, slideWindows, type WindowProbe } from '../windows.js';
import type { Rule } from './rule.js';

const ID = 'was-not-brought';

export const wasNotBrought: Rule<typeof ID> = (timeline, t, ctx) => {
  const missed = timeline.byCategory.get('missed-health-appointment') ?? [];
  // The first day the child was no longer under the age limit; null when the date of birth is unknown.
  const ageLimitDay = ctx.dateOfBirth === null ? null : addMonthsDay(ctx.dateOfBirth, 12 * t.highUnderAgeYears);
  const probe: WindowProbe<null> = {
    add() {},
    remove() {},
    test(lo, hi) {
      if (hi - lo + 1 < t.minMissed) return null;
      // The window's first appointment is its youngest: under the limit there means under it at one of them.
      const young = ageLimitDay !== null && missed[lo]!.day < ageLimitDay;
      return young ? FIRES.high : FIRES.medium;
    },
  };
  return slideWindows(missed, t.windowDays, probe).map((cluster) => {
    const points = missed.slice(cluster.lo, cluster.hi + 1);
    const first = points[0]!.day;
    const last = points[points.length - 1]!.day;
    const age =
      ageLimitDay === null
        ? ` The child's date of birth is unknown, so whether they were under ${t.highUnderAgeYears} (which makes this high) could not be checked.`
        : cluster.severity === 'high'
          ? ` The child was under ${t.highUnderAgeYears}, which makes this high.`
          : '';
    return makeHighlight({
      ruleId: ID,
      severity: cluster.severity,
      title: ruleInfo(ID).title,
      explanation:
        `The child was not brought to ${plural(points.length, 'health appointment')} ${betweenDays(first, last)}, recorded by ${agencyPhrase(agenciesOf(points), ctx)}; ` +
        `${t.minMissed} within ${plural(t.windowDays, 'day')} is the threshold.${age}${coarseNote(points)}`,
      points,
      thresholds: t,
    });
  });
};
