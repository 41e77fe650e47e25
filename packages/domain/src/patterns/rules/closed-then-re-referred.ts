// "Start again" practice: a case closed (no further action, stepped down, a plan ended), then a new
// referral or concern within a year, then closed again. Each episode may look reasonable alone; the
// cycle says the help offered did not last. Reviews keep finding it.
import { isoFromEpochDay } from '../../dates.js';
import { ruleInfo } from '../config.js';
import { agenciesOf, agencyPhrase, categoryLabel, coarseNote, dayText } from '../explain.js';
import { plural } from '../../plural.js';
import { makeHighlight } from '../highlight.js';
import { pointsWhere } from '../timeline.js';
import type { CycleFacts, Point } from '../types.js';
import type { Rule } from './rule.js';

const ID = 'closed-then-re-referred';

export const CLOSURE_CATEGORIES = ['case-closed', 'child-in-need-plan-end', 'child-protection-plan-end'] as const;

/** A new referral, or a concern of the family, harm or exploitation groups (reads only what a category decides). */
export function isReReferral(p: Point): boolean {
  return p.category === 'referral-to-social-care' || (p.concern && (p.group === 'family' || p.group === 'harm' || p.group === 'exploitation'));
}

export const closedThenReReferred: Rule<typeof ID> = (timeline, t, ctx) => {
  const cycles: Array<{ closed: Point; reopened: Point }> = [];
  // The latest closure not yet followed by a re-referral. Several closures before one re-referral
  // (a plan ending and the case closing) are one episode: the latest is paired.
  let open: Point | null = null;
  // Only closures and re-referrals move the walk: read just those from the index.
  for (const p of pointsWhere(timeline, (s) => (CLOSURE_CATEGORIES as readonly string[]).includes(s.category) || isReReferral(s))) {
    if ((CLOSURE_CATEGORIES as readonly string[]).includes(p.category)) {
      open = p;
    } else if (open !== null && isReReferral(p) && p.day > open.day) {
      if (p.day - open.day <= t.windowDays) cycles.push({ closed: open, reopened: p });
      open = null;
    }
  }
  if (cycles.length < t.minCycles) return [];
  const points = cycles.flatMap((c) => [c.closed, c.reopened]);
  const facts: CycleFacts[] = cycles.map((c) => ({
    closedEntryId: c.closed.id,
    closedOn: isoFromEpochDay(c.closed.day),
    reopenedEntryId: c.reopened.id,
    reopenedOn: isoFromEpochDay(c.reopened.day),
  }));
  const list = cycles
    .map((c) => `"${categoryLabel(c.closed.category)}" on ${dayText(c.closed.day)}, then "${categoryLabel(c.reopened.category)}" on ${dayText(c.reopened.day)} (${plural(c.reopened.day - c.closed.day, 'day')} later)`)
    .join('; ');
  return [
    makeHighlight({
      ruleId: ID,
      severity: 'medium',
      title: ruleInfo(ID).title,
      explanation:
        `${plural(cycles.length, 'time')} a case was closed or a plan ended and a new referral or concern followed within ${plural(t.windowDays, 'day')}, recorded by ${agencyPhrase(agenciesOf(points), ctx)}: ${list}. ` +
        `${plural(t.minCycles, 'such cycle')} is the threshold.${coarseNote(points)}`,
      points,
      thresholds: t,
      cycles: facts,
    }),
  ];
};
