// A high-risk domestic abuse checklist result, or a MARAC referral (made only for high-risk victims),
// on the child's chronology. MAC takes the child to live in that household: the chronology is the
// child's, and nothing in it links households, so a result recorded here is read as the child's home.
import { ruleInfo } from '../config.js';
import { agenciesOf, agencyPhrase, betweenDays, coarseNote } from '../explain.js';
import { plural } from '../../plural.js';
import { makeHighlight } from '../highlight.js';
import { pointsOf } from '../timeline.js';
import type { Point } from '../types.js';
import { countProbe, slideWindows } from '../windows.js';
import type { Rule } from './rule.js';

const ID = 'high-risk-domestic-abuse';

function isHighRisk(p: Point): boolean {
  return p.category === 'marac-referral' || (p.category === 'domestic-abuse-risk-assessment' && p.riskLevel === 'high');
}

export const highRiskDomesticAbuse: Rule<typeof ID> = (timeline, t, ctx) => {
  const list = pointsOf(timeline, ['marac-referral', 'domestic-abuse-risk-assessment']).filter(isHighRisk);
  return slideWindows(list, t.windowDays, countProbe(1, 'high')).map((cluster) => {
    const points = list.slice(cluster.lo, cluster.hi + 1);
    const checklists = points.filter((p) => p.category === 'domestic-abuse-risk-assessment').length;
    const referrals = points.length - checklists;
    const parts = [
      ...(checklists > 0 ? [plural(checklists, 'high-risk domestic abuse checklist result')] : []),
      ...(referrals > 0 ? [plural(referrals, 'MARAC referral')] : []),
    ];
    return makeHighlight({
      ruleId: ID,
      severity: 'high',
      title: ruleInfo(ID).title,
      explanation:
        `${parts.join(' and ')} recorded by ${agencyPhrase(agenciesOf(points), ctx)} ${betweenDays(points[0]!.day, points[points.length - 1]!.day)}; ` +
        `a high-risk checklist or a MARAC referral is the threshold, and the child is taken to live in that household (no household link in the chronology says otherwise).${coarseNote(points)}`,
      points,
      thresholds: t,
    });
  });
};
