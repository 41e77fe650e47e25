// Events recorded once for the whole household (a police call-out to the home, an eviction, a parent's
// arrest) clustering in a short window, from more than one agency: the family is in crisis, whichever
// child a reader looks at. Each child's chronology holds its own copy of every household event (the
// copies share a householdEventId), so the rule needs nothing but this child's entries, and fires on
// every linked child whose chronology holds the copies.
import { ruleInfo } from '../config.js';
import { agenciesOf, agencyPhrase, betweenDays, categoryLabels, coarseNote } from '../explain.js';
import { plural } from '../../plural.js';
import { makeHighlight } from '../highlight.js';
import { KeyCounter, slideWindows, type WindowProbe } from '../windows.js';
import type { Point } from '../types.js';
import type { Rule } from './rule.js';

const ID = 'household-event-cluster';

export const householdEventCluster: Rule<typeof ID> = (timeline, t, ctx) => {
  const eventOf = ctx.family.householdEventOf;
  if (eventOf.size === 0) return [];
  // One point per household event: two copies of one event in this chronology (the shared and an
  // agency's restricted document cannot both hold it, but an import could) count once.
  const seen = new Set<string>();
  const events: Point[] = [];
  for (const p of timeline.points) {
    const event = eventOf.get(p.id);
    if (event === undefined || seen.has(event)) continue;
    seen.add(event);
    events.push(p);
  }
  const agencies = new KeyCounter();
  const probe: WindowProbe<null> = {
    add: (p) => agencies.add(p.agency),
    remove: (p) => agencies.remove(p.agency),
    test: (lo, hi) => {
      const n = hi - lo + 1;
      if (n < t.minEvents || agencies.distinct < t.minAgencies) return null;
      return { severity: n >= t.highEvents ? 'high' : 'medium', facts: null };
    },
  };
  return slideWindows(events, t.windowDays, probe).map((cluster) => {
    const points = events.slice(cluster.lo, cluster.hi + 1);
    const first = points[0]!.day;
    const last = points[points.length - 1]!.day;
    return makeHighlight({
      ruleId: ID,
      severity: cluster.severity,
      title: ruleInfo(ID).title,
      explanation:
        `${plural(points.length, 'household event')} (${categoryLabels(points)}) recorded by ${agencyPhrase(agenciesOf(points), ctx)} ${betweenDays(first, last)}, ` +
        `each on every linked child's chronology; ${plural(t.minEvents, 'event')} from ${plural(t.minAgencies, 'agency', 'agencies')} within ${plural(t.windowDays, 'day')} is the threshold` +
        `${cluster.severity === 'high' ? `, and ${t.highEvents} or more is high` : ''}.${coarseNote(points)}`,
      points,
      thresholds: t,
    });
  });
};
