// Hospital frequent-attender protocols ask for a safeguarding review after more than 3 A&E
// attendances in 6 months: each visit may look explained, the run of them may not.
import { ruleInfo } from '../config.js';
import { agenciesOf, agencyPhrase, betweenDays, coarseNote } from '../explain.js';
import { plural } from '../../plural.js';
import { makeHighlight } from '../highlight.js';
import { countProbe, slideWindows } from '../windows.js';
import type { Rule } from './rule.js';

const ID = 'frequent-emergency-attendance';

export const frequentEmergencyAttendance: Rule<typeof ID> = (timeline, t, ctx) => {
  const list = timeline.byCategory.get('emergency-department-attendance') ?? [];
  return slideWindows(list, t.windowDays, countProbe(t.minAttendances, 'medium')).map((cluster) => {
    const points = list.slice(cluster.lo, cluster.hi + 1);
    return makeHighlight({
      ruleId: ID,
      severity: 'medium',
      title: ruleInfo(ID).title,
      explanation:
        `${plural(points.length, 'A&E attendance')} recorded by ${agencyPhrase(agenciesOf(points), ctx)} ` +
        `${betweenDays(points[0]!.day, points[points.length - 1]!.day)}; ${t.minAttendances} within ${plural(t.windowDays, 'day')} is the threshold.${coarseNote(points)}`,
      points,
      thresholds: t,
    });
  });
};
