// Cumulative harm (Think Family): a brother or sister in the same household had a child protection plan,
// came into care, or died or was seriously harmed. Reviews keep finding that a sibling's history was
// known to one agency and never read alongside this child's. The rule rests on the sibling's entries the
// reader may see under that sibling's own membership rules (the server gives only those); on this
// child's timeline it shows the concerns recorded since, so a reader sees what the sibling's history
// now bears on. It fires even when this child has no concern yet: an unborn or new baby is exactly who it
// is for.
import { ruleInfo } from '../config.js';
import { categoryLabels, coarseNote, dayText } from '../explain.js';
import { pointsWhere, startOfDate } from '../timeline.js';
import { makeHighlight, withKey } from '../highlight.js';
import { plural, pluralWord } from '../../plural.js';
import type { Highlight, PatternSibling, SiblingFacts } from '../types.js';
import type { Rule } from './rule.js';

const ID = 'sibling-previously-on-plan';

/** The sibling entries the rule reads, gravest last: the severity follows the gravest one. */
const EVENT_WORDS: Readonly<Record<string, string>> = {
  'child-protection-plan-start': 'had a child protection plan',
  'became-looked-after': 'became looked after',
  'serious-harm-or-death': 'died or was seriously harmed',
};
const HIGH = new Set(['became-looked-after', 'serious-harm-or-death']);

/** The only entries of a sibling the rule reads: a server need fetch no others. */
export const SIBLING_HISTORY_CATEGORIES: readonly string[] = Object.keys(EVENT_WORDS);

interface SiblingEvent {
  entryId: string;
  category: string;
  date: string;
  day: number;
}

/** The sibling's qualifying entries, active and dated on or before asOf, in date order. */
function eventsOf(sibling: PatternSibling, asOfDay: number): SiblingEvent[] {
  const out: SiblingEvent[] = [];
  for (const e of sibling.entries) {
    if (e.status === 'withdrawn' || !(e.category in EVENT_WORDS)) continue;
    const start = startOfDate(e.date);
    if (start === null || start.day > asOfDay) continue;
    out.push({ entryId: e.id, category: e.category, date: e.date, day: start.day });
  }
  return out.sort((a, b) => a.day - b.day || (a.entryId < b.entryId ? -1 : a.entryId > b.entryId ? 1 : 0));
}

export const siblingPreviouslyOnPlan: Rule<typeof ID> = (timeline, t, ctx) => {
  if (ctx.family.siblings.length === 0) return [];
  const concerns = pointsWhere(timeline, (p) => p.concern);
  const out: Highlight[] = [];
  for (const sibling of ctx.family.siblings) {
    const events = eventsOf(sibling, ctx.asOfDay);
    if (events.length === 0) continue;
    const first = events[0]!.day;
    const since = first - t.lookbackDays;
    const points = concerns.filter((p) => p.day >= since);
    const high = events.some((e) => HIGH.has(e.category));
    const kinds = [...new Set(events.map((e) => EVENT_WORDS[e.category]!))];
    const said = kinds.length === 1 ? kinds[0]! : `${kinds.slice(0, -1).join(', ')} and ${kinds[kinds.length - 1]!}`;
    const facts: SiblingFacts = {
      chronologyId: sibling.chronologyId,
      name: sibling.name,
      events: events.map(({ entryId, category, date }) => ({ entryId, category, date })),
    };
    const here =
      points.length === 0
        ? ' No concern about this child is recorded since.'
        : ` Since ${dayText(since)}, ${plural(points.length, 'concern')} (${categoryLabels(points)}) ${pluralWord(points.length, 'is', 'are')} recorded about this child.`;
    const highlight = makeHighlight({
      ruleId: ID,
      severity: high ? 'high' : 'medium',
      title: ruleInfo(ID).title,
      explanation:
        `${sibling.name}, a linked sibling, ${said} (first recorded ${dayText(first)}).${here} ` +
        `A sibling's plan, care or serious harm is cumulative harm for every child of the household; this child's concerns from ${plural(t.lookbackDays, 'day')} before it are shown with it.${coarseNote(points)}`,
      points,
      from: Math.min(first, points[0]?.day ?? first),
      to: Math.max(events[events.length - 1]!.day, points[points.length - 1]?.day ?? first),
      thresholds: t,
    });
    // One highlight per sibling, whatever this child's entries: the id names the sibling's chronology,
    // which the entries' hash alone (perhaps empty) would not tell apart.
    out.push({ ...withKey(highlight, `${sibling.chronologyId}:${highlight.id.slice(highlight.id.lastIndexOf(':') + 1)}`, points), sibling: facts });
  }
  return out;
};
