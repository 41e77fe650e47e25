// Domestic abuse, parental mental ill health and substance misuse together: Brandon et al.'s
// analyses of serious case reviews found them together far more often than apart. The phrase
// "toxic trio" has since given way to cumulative harm: each adversity adds to and interacts with
// the others, and none is needed for a child to be harmed.
import { ruleInfo } from '../config.js';
import { agenciesOf, agencyPhrase, betweenDays, coarseNote } from '../explain.js';
import { plural } from '../../plural.js';
import { makeHighlight } from '../highlight.js';
import { pointsOf } from '../timeline.js';
import { FIRES, KeyCounter, slideWindows, type WindowProbe } from '../windows.js';
import type { Rule } from './rule.js';

const ID = 'multiple-parental-adversities';

function capitalise(s: string): string {
  return s.charAt(0).toUpperCase() + s.slice(1);
}

export const ADVERSITIES = [
  { slug: 'domestic-abuse-incident', words: 'domestic abuse' },
  { slug: 'parental-mental-health', words: 'parental mental ill health' },
  { slug: 'parental-substance-misuse', words: 'parental alcohol or drug misuse' },
] as const;

export const multipleParentalAdversities: Rule<typeof ID> = (timeline, t, ctx) => {
  const list = pointsOf(timeline, ADVERSITIES.map((a) => a.slug));
  const kinds = new KeyCounter();
  const probe: WindowProbe<null> = {
    add: (p) => kinds.add(p.category),
    remove: (p) => kinds.remove(p.category),
    test: () => (kinds.distinct === ADVERSITIES.length ? FIRES.high : null),
  };
  return slideWindows(list, t.windowDays, probe).map((cluster) => {
    const points = list.slice(cluster.lo, cluster.hi + 1);
    const first = points[0]!.day;
    const last = points[points.length - 1]!.day;
    const counts = ADVERSITIES.map((a) => `${a.words} (${points.filter((p) => p.category === a.slug).length})`);
    return makeHighlight({
      ruleId: ID,
      severity: 'high',
      title: ruleInfo(ID).title,
      explanation:
        `${capitalise(counts[0]!)}, ${counts[1]} and ${counts[2]} were all recorded, by ${agencyPhrase(agenciesOf(points), ctx)}, ${betweenDays(first, last)}; ` +
        `all three within ${plural(t.windowDays, 'day')} is the threshold. ` +
        `Current research prefers to think of cumulative harm rather than a "toxic trio": each adversity adds to the others, and any one alone can harm a child.${coarseNote(points)}`,
      points,
      thresholds: t,
    });
  });
};
