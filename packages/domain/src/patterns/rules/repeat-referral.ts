// Re-referral within 12 months is a measure the DfE publishes for every local authority: a child
// referred again and again is a child whose needs earlier responses did not meet.
import { ruleInfo } from '../config.js';
import { agenciesOf, agencyPhrase, betweenDays, coarseNote } from '../explain.js';
import { plural } from '../../plural.js';
import { makeHighlight } from '../highlight.js';
import { countProbe, slideWindows } from '../windows.js';
import type { Rule } from './rule.js';

const ID = 'repeat-referral';

export const repeatReferral: Rule<typeof ID> = (timeline, t, ctx) => {
  const list = timeline.byCategory.get('referral-to-social-care') ?? [];
  return slideWindows(list, t.windowDays, countProbe(t.minReferrals, 'medium')).map((cluster) => {
    const points = list.slice(cluster.lo, cluster.hi + 1);
    return makeHighlight({
      ruleId: ID,
      severity: 'medium',
      title: ruleInfo(ID).title,
      explanation:
        `${plural(points.length, 'contact or referral', 'contacts or referrals')} to children's social care recorded by ${agencyPhrase(agenciesOf(points), ctx)} ` +
        `${betweenDays(points[0]!.day, points[points.length - 1]!.day)}; ${t.minReferrals} within ${plural(t.windowDays, 'day')} is the threshold.${coarseNote(points)}`,
      points,
      thresholds: t,
    });
  });
};
