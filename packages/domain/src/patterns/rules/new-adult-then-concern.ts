// A new partner or other adult arriving shortly before harm: the "invisible men" of national
// reviews, often unknown to every agency until after the child was hurt.
import { ruleInfo } from '../config.js';
import { agenciesOf, agencyPhrase, betweenDays, categoryLabels, coarseNote } from '../explain.js';
import { plural, pluralWord } from '../../plural.js';
import { makeHighlight } from '../highlight.js';
import { pointsWhere } from '../timeline.js';
import { followedWithin, mergeInOrder } from '../windows.js';
import type { Rule } from './rule.js';

const ID = 'new-adult-then-concern';

export const newAdultThenConcern: Rule<typeof ID> = (timeline, t, ctx) => {
  const arrivals = timeline.byCategory.get('new-adult-in-household') ?? [];
  const harms = pointsWhere(timeline, (p) => p.concern && p.group === 'harm');
  return followedWithin(arrivals, harms, t.windowDays).map((c) => {
    const adults = arrivals.slice(c.triggerLo, c.triggerHi + 1);
    const concerns = harms.slice(c.outcomeLo, c.outcomeHi + 1);
    const points = mergeInOrder(adults, concerns);
    const kinds = categoryLabels(concerns);
    const adultWords = pluralWord(adults.length, 'a new adult in the household', `${adults.length} entries about a new adult in the household`);
    return makeHighlight({
      ruleId: ID,
      severity: 'medium',
      title: ruleInfo(ID).title,
      explanation:
        `${plural(concerns.length, 'harm concern')} (${kinds}) recorded by ${agencyPhrase(agenciesOf(concerns), ctx)} ${betweenDays(concerns[0]!.day, concerns[concerns.length - 1]!.day)} ` +
        `followed ${adultWords}, recorded ${betweenDays(adults[0]!.day, adults[adults.length - 1]!.day)}; a harm concern within ${plural(t.windowDays, 'day')} after a new adult is the threshold.${coarseNote(points)}`,
      points,
      thresholds: t,
    });
  });
};
