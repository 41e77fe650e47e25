// A child leaving the classroom (exclusion, home education, missing education, falling attendance)
// soon after a family, harm or exploitation concern loses the adults who see them every day;
// national reviews return to children made invisible this way.
import { ruleInfo } from '../config.js';
import { agenciesOf, agencyPhrase, betweenDays, categoryLabels, coarseNote } from '../explain.js';
import { plural } from '../../plural.js';
import { makeHighlight } from '../highlight.js';
import { pointsOf, pointsWhere } from '../timeline.js';
import { followedWithin, mergeInOrder } from '../windows.js';
import type { Rule } from './rule.js';

const ID = 'education-after-concern';

export const EDUCATION_CATEGORIES = ['exclusion', 'elective-home-education', 'children-missing-education', 'school-absence'] as const;
export const TRIGGER_GROUPS = ['family', 'harm', 'exploitation'] as const;

export const educationAfterConcern: Rule<typeof ID> = (timeline, t, ctx) => {
  const triggerGroups: ReadonlySet<string | null> = new Set(TRIGGER_GROUPS);
  const triggers = pointsWhere(timeline, (p) => p.concern && triggerGroups.has(p.group));
  const outcomes = pointsOf(timeline, EDUCATION_CATEGORIES);
  return followedWithin(triggers, outcomes, t.windowDays).map((c) => {
    const concerns = triggers.slice(c.triggerLo, c.triggerHi + 1);
    const changes = outcomes.slice(c.outcomeLo, c.outcomeHi + 1);
    const points = mergeInOrder(concerns, changes);
    const kinds = categoryLabels(changes);
    return makeHighlight({
      ruleId: ID,
      severity: 'medium',
      title: ruleInfo(ID).title,
      explanation:
        `${plural(changes.length, 'education entry', 'education entries')} (${kinds}) recorded by ${agencyPhrase(agenciesOf(changes), ctx)} ` +
        `${betweenDays(changes[0]!.day, changes[changes.length - 1]!.day)} followed ${plural(concerns.length, 'family, harm or exploitation concern')} ` +
        `recorded ${betweenDays(concerns[0]!.day, concerns[concerns.length - 1]!.day)}; an education change within ${plural(t.windowDays, 'day')} after such a concern is the threshold.${coarseNote(points)}`,
      points,
      thresholds: t,
    });
  });
};
