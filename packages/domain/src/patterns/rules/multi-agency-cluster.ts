// Several agencies worried at once: each holds a piece, and only the chronology puts them together
// (the recurring lesson of national safeguarding reviews about information sharing).
import { ruleInfo } from '../config.js';
import { agenciesOf, agencyPhrase, betweenDays, coarseNote } from '../explain.js';
import { plural } from '../../plural.js';
import { makeHighlight } from '../highlight.js';
import { pointsWhere } from '../timeline.js';
import { FIRES, KeyCounter, slideWindows, type WindowProbe } from '../windows.js';
import type { Rule } from './rule.js';

const ID = 'multi-agency-cluster';

export const multiAgencyCluster: Rule<typeof ID> = (timeline, t, ctx) => {
  const concerns = pointsWhere(timeline, (p) => p.concern);
  const agencies = new KeyCounter();
  const probe: WindowProbe<null> = {
    add: (p) => agencies.add(p.agency),
    remove: (p) => agencies.remove(p.agency),
    test: () => (agencies.distinct >= t.minAgencies ? FIRES.high : null),
  };
  return slideWindows(concerns, t.windowDays, probe).map((cluster) => {
    const points = concerns.slice(cluster.lo, cluster.hi + 1);
    const first = points[0]!.day;
    const last = points[points.length - 1]!.day;
    return makeHighlight({
      ruleId: ID,
      severity: 'high',
      title: ruleInfo(ID).title,
      explanation:
        `${plural(points.length, 'concern')} recorded by ${agencyPhrase(agenciesOf(points), ctx)} ${betweenDays(first, last)}; ` +
        `${plural(t.minAgencies, 'agency', 'agencies')} within ${plural(t.windowDays, 'day')} is the threshold.${coarseNote(points)}`,
      points,
      thresholds: t,
    });
  });
};
