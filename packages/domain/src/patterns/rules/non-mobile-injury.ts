// Bruising or injury in a baby who cannot yet move about on their own is rarely accidental: NICE
// CG89 says to suspect maltreatment, and national reviews keep finding such injuries explained away.
// Mobility is not an age, so the age limit here is a proxy that a partnership may change.
import { ruleInfo } from '../config.js';
import { addMonthsDay } from '../days.js';
import { agenciesOf, agencyPhrase, ageText, betweenDays, categoryLabels, coarseNote } from '../explain.js';
import { plural, pluralWord } from '../../plural.js';
import { makeHighlight } from '../highlight.js';
import { pointsOf } from '../timeline.js';
import { countProbe, slideWindows } from '../windows.js';
import type { Rule } from './rule.js';

const ID = 'non-mobile-injury';

export const INJURY_CATEGORIES = ['injury', 'physical-abuse-concern'] as const;

export const nonMobileInjury: Rule<typeof ID> = (timeline, t, ctx) => {
  // Without a date of birth the rule cannot know who was a baby; the patterns panel says so once
  // (dateOfBirthNotice) rather than guessing here.
  if (ctx.dateOfBirth === null || ctx.dobDay === null) return [];
  const dobDay = ctx.dobDay;
  const limitDay = addMonthsDay(ctx.dateOfBirth, t.maxAgeMonths);
  // Entries before birth (antenatal concerns) are not injuries to the baby.
  const list = pointsOf(timeline, INJURY_CATEGORIES).filter((p) => p.day >= dobDay && p.day < limitDay);
  // A one-day window: each entry fires alone, and entries of the same day are one event.
  return slideWindows(list, 1, countProbe(1, 'high')).map((cluster) => {
    const points = list.slice(cluster.lo, cluster.hi + 1);
    const day = points[0]!.day;
    const kinds = categoryLabels(points);
    const age = ageText(ctx, day) ?? 'a baby';
    return makeHighlight({
      ruleId: ID,
      severity: 'high',
      title: ruleInfo(ID).title,
      explanation:
        `${pluralWord(points.length, kinds, `${points.length} entries (${kinds})`)} recorded by ${agencyPhrase(agenciesOf(points), ctx)} ${betweenDays(day, day)}, when the child was ${age}; ` +
        `any injury or physical abuse concern under ${plural(t.maxAgeMonths, 'month')} is the threshold (NICE CG89: bruising or injury in a baby who is not independently mobile).${coarseNote(points)}`,
      points,
      thresholds: t,
    });
  });
};
