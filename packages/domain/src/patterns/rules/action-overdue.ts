// An action agreed for the child and not done by its due date. Serious case reviews find plans that were
// agreed and then not followed through ("action taken" that nobody took): an overdue action is a pattern
// of its own, whatever the entries say. Unlike the other rules it reads the chronology's actions
// (actions.ts), given to the engine beside the entries; an action's linked entries are its highlight's
// entries, as far as the reader may see them (the engine is given only those).
import { epochDay } from '../../dates.js';
import { ruleInfo } from '../config.js';
import { dayText } from '../explain.js';
import { makeHighlight, withKey } from '../highlight.js';
import type { Point } from '../types.js';
import type { Rule } from './rule.js';
import { plural } from '../../plural.js';

const ID = 'action-overdue';

/** Long enough to recognise the action on the card; the action itself says the rest. */
const TITLE_WORDS = 120;

function quoted(title: string): string {
  const t = title.trim();
  return t.length <= TITLE_WORDS ? t : `${t.slice(0, TITLE_WORDS - 1).trimEnd()}…`;
}

export const actionOverdue: Rule<typeof ID> = (timeline, t, ctx) => {
  const overdue = ctx.actions.filter((a) => a.status === 'open' && /^\d{4}-\d{2}-\d{2}$/.test(a.dueDate) && ctx.asOfDay - epochDay(a.dueDate) >= t.minDaysOverdue);
  if (overdue.length === 0) return [];
  // The linked entries the reader may see and the engine counts (active, dated on or before asOf).
  const wanted = new Set(overdue.flatMap((a) => a.entryIds));
  const byId = new Map<string, Point>();
  if (wanted.size > 0) for (const p of timeline.points) if (wanted.has(p.id)) byId.set(p.id, p);
  return overdue.map((action) => {
    const dueDay = epochDay(action.dueDate);
    const days = ctx.asOfDay - dueDay;
    const points = action.entryIds
      .map((id) => byId.get(id))
      .filter((p): p is Point => p !== undefined)
      .sort((a, b) => a.seq - b.seq);
    const highlight = makeHighlight({
      ruleId: ID,
      severity: days >= t.highAfterDays ? 'high' : 'medium',
      title: ruleInfo(ID).title,
      explanation:
        `An action due on ${dayText(dueDay)}, owned by ${ctx.agencyName(action.ownerAgency)}, is ${plural(days, 'day')} overdue: “${quoted(action.title)}”.` +
        (days >= t.highAfterDays ? ` Overdue by ${t.highAfterDays} days or more is high.` : ''),
      points,
      from: dueDay,
      to: ctx.asOfDay,
      thresholds: t,
    });
    // One highlight per action, even for two actions due the same day on the same entries: the id names
    // the action (its entries' hash alone would not tell them apart). Episodes find its entries by this id.
    return { ...withKey(highlight, action.id, points), actionId: action.id };
  });
};
