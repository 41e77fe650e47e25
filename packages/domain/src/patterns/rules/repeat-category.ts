// The same worry, again and again: persistence of one kind of concern (neglect above all) is what a
// chronology shows and single records hide.
import { ruleInfo, type RuleId } from '../config.js';
import { agenciesOf, agencyPhrase, betweenDays, categoryLabel, coarseNote } from '../explain.js';
import { plural } from '../../plural.js';
import { makeHighlight } from '../highlight.js';
import type { Highlight, Point } from '../types.js';
import { countProbe, slideWindows } from '../windows.js';
import type { Rule } from './rule.js';

const ID = 'repeat-category';

/**
 * Categories another rule already counts on its own terms. While that rule is enabled, repeating it
 * here would put the same entries in front of a reviewer twice under two names.
 */
export const CATEGORIES_WITH_OWN_RULE: Readonly<Record<string, RuleId>> = {
  'referral-to-social-care': 'repeat-referral',
  'missed-health-appointment': 'was-not-brought',
  'self-harm': 'repeat-self-harm',
};

export const repeatCategory: Rule<typeof ID> = (timeline, t, ctx) => {
  const out: Highlight[] = [];
  // Map iteration order is first appearance in the sorted timeline: deterministic.
  for (const [category, list] of timeline.byCategory) {
    if (list.length < t.minEntries || !list[0]!.concern) continue;
    const own = CATEGORIES_WITH_OWN_RULE[category];
    if (own !== undefined && ctx.enabled(own)) continue;
    for (const cluster of slideWindows(list, t.windowDays, countProbe(t.minEntries, 'medium'))) {
      const points: Point[] = list.slice(cluster.lo, cluster.hi + 1);
      const first = points[0]!.day;
      const last = points[points.length - 1]!.day;
      out.push(
        makeHighlight({
          ruleId: ID,
          severity: 'medium',
          title: `${ruleInfo(ID).title}: ${categoryLabel(category)}`,
          explanation:
            `${plural(points.length, 'entry', 'entries')} in the category "${categoryLabel(category)}" recorded by ` +
            `${agencyPhrase(agenciesOf(points), ctx)} ${betweenDays(first, last)}; ` +
            `${t.minEntries} of one concern category within ${plural(t.windowDays, 'day')} is the threshold.${coarseNote(points)}`,
          points,
          thresholds: t,
        }),
      );
    }
  }
  return out;
};
