// "Invisible men", part two: the adult who was linked to harm, or flagged as posing a risk to children,
// drops out of the record (the mother says the relationship is over, contact is denied, a plan ends)
// and is later named again: seen at the home, found present at a visit, back as a new adult in the
// household. The rule follows each person record the entries name (the adults around the child,
// resolved through merges), so the same man is recognised whichever agency wrote his name.
import { isoFromEpochDay } from '../../dates.js';
import { ruleInfo } from '../config.js';
import { categoryLabel, coarseNote, dayText } from '../explain.js';
import { flaggedBy } from '../family.js';
import { makeHighlight } from '../highlight.js';
import { plural } from '../../plural.js';
import type { Highlight, Point } from '../types.js';
import type { Rule } from './rule.js';

const ID = 'known-adult-returns';

/** A category label inside a sentence: 'Police attendance or notification (non-DA)' → 'police attendance …(non-DA)'. */
const lowerFirst = (label: string): string => label.charAt(0).toLowerCase() + label.slice(1);

/** Entries after which a person named again has come back, whatever the gap: the case or plan had ended. */
const ENDINGS = new Set(['child-protection-plan-end', 'child-in-need-plan-end', 'case-closed']);

export const knownAdultReturns: Rule<typeof ID> = (timeline, t, ctx) => {
  const { peopleOf, people } = ctx.family;
  if (peopleOf.size === 0) return [];
  // Each person's appearances in timeline order, and the endings in between, in one walk.
  const appearances = new Map<string, Point[]>();
  const endings: Point[] = [];
  for (const p of timeline.points) {
    if (ENDINGS.has(p.category)) endings.push(p);
    const named = peopleOf.get(p.id);
    if (named === undefined) continue;
    for (const id of named) {
      let list = appearances.get(id);
      if (list === undefined) appearances.set(id, (list = []));
      list.push(p);
    }
  }
  const out: Highlight[] = [];
  for (const [personId, list] of appearances) {
    const person = people.get(personId);
    if (person === undefined) continue;
    let firstConcern: Point | null = null;
    for (let i = 1; i < list.length; i++) {
      const prev = list[i - 1]!;
      const next = list[i]!;
      if (firstConcern === null && prev.concern) firstConcern = prev;
      const flagged = flaggedBy(person, isoFromEpochDay(next.day), isoFromEpochDay(ctx.asOfDay));
      if (firstConcern === null && !flagged) continue;
      const gap = next.day - prev.day;
      const ended = endings.find((e) => e.seq > prev.seq && e.seq < next.seq);
      const rejoined = next.category === 'new-adult-in-household';
      if (gap < t.gapDays && ended === undefined && !rejoined) continue;
      const points = [...new Set([firstConcern, prev, ...(ended ? [ended] : []), next].filter((p): p is Point => p !== null))].sort((a, b) => a.seq - b.seq);
      const known = [
        ...(firstConcern ? [`named in a ${lowerFirst(categoryLabel(firstConcern.category))} entry on ${dayText(firstConcern.day)}`] : []),
        ...(flagged ? ['flagged as a risk'] : []),
      ].join(' and ');
      const why = rejoined
        ? 'is recorded as a new adult in the household'
        : ended
          ? `is named again after the ${lowerFirst(categoryLabel(ended.category))} on ${dayText(ended.day)}`
          : `is named again after ${plural(gap, 'day')} without mention`;
      const highlight = makeHighlight({
        ruleId: ID,
        severity: flagged ? 'high' : 'medium',
        title: ruleInfo(ID).title,
        explanation:
          `${person.name}, ${known}, ${why}: last named on ${dayText(prev.day)}, named again on ${dayText(next.day)}. ` +
          `A known adult named again after ${plural(t.gapDays, 'day')} or more, after a case or plan ended, or as a new adult in the household is the threshold${flagged ? '; a flag makes it high' : ''}.${coarseNote(points)}`,
        points,
        thresholds: t,
      });
      out.push({ ...highlight, personId });
    }
  }
  return out;
};
