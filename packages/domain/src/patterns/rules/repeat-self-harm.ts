// Repeated self-harm raises the risk of suicide; national reviews of child deaths find repeated
// episodes seen by different services and never put together.
import { ruleInfo } from '../config.js';
import { agenciesOf, agencyPhrase, betweenDays, coarseNote } from '../explain.js';
import { plural } from '../../plural.js';
import { makeHighlight } from '../highlight.js';
import { countProbe, slideWindows } from '../windows.js';
import type { Rule } from './rule.js';

const ID = 'repeat-self-harm';

export const repeatSelfHarm: Rule<typeof ID> = (timeline, t, ctx) => {
  const list = timeline.byCategory.get('self-harm') ?? [];
  return slideWindows(list, t.windowDays, countProbe(t.minEpisodes, 'high')).map((cluster) => {
    const points = list.slice(cluster.lo, cluster.hi + 1);
    return makeHighlight({
      ruleId: ID,
      severity: 'high',
      title: ruleInfo(ID).title,
      explanation:
        `${plural(points.length, 'self-harm entry', 'self-harm entries')} recorded by ${agencyPhrase(agenciesOf(points), ctx)} ` +
        `${betweenDays(points[0]!.day, points[points.length - 1]!.day)}; ${t.minEpisodes} within ${plural(t.windowDays, 'day')} is the threshold.${coarseNote(points)}`,
      points,
      thresholds: t,
    });
  });
};
