// A screening tool's result is a snapshot. New concerns of the same kind long after it mean the
// picture may have changed: the prompt is to reassess, not that the old result was wrong.
import { ruleInfo } from '../config.js';
import { agenciesOf, agencyPhrase, betweenDays, categoryLabel, categoryLabels, coarseNote, dayText } from '../explain.js';
import { plural, pluralWord } from '../../plural.js';
import { makeHighlight } from '../highlight.js';
import { mergeInOrder } from '../windows.js';
import { pointsOf } from '../timeline.js';
import type { Highlight, Point } from '../types.js';
import { EXPLOITATION_CATEGORIES } from './missing-and-exploitation.js';
import type { Rule } from './rule.js';

const ID = 'assessment-out-of-date';

/** Each tool's category and the concerns of its domain. */
export const ASSESSMENT_DOMAINS = [
  { assessment: 'domestic-abuse-risk-assessment', concerns: ['domestic-abuse-incident'] },
  { assessment: 'neglect-assessment', concerns: ['neglect-concern'] },
  { assessment: 'exploitation-screening', concerns: ['missing-episode', ...EXPLOITATION_CATEGORIES] },
] as const;

export const assessmentOutOfDate: Rule<typeof ID> = (timeline, t, ctx) => {
  const out: Highlight[] = [];
  for (const domain of ASSESSMENT_DOMAINS) {
    const assessments = timeline.byCategory.get(domain.assessment) ?? [];
    if (assessments.length === 0) continue; // never assessed: nothing to be out of date
    const merged = mergeInOrder(assessments, pointsOf(timeline, domain.concerns));
    // Concerns after the latest assessment on an earlier day, once it is older than maxAgeDays, until
    // the next assessment: one highlight per stale assessment.
    let last: Point | null = null;
    let stale: Point[] = [];
    const flush = (): void => {
      if (last !== null && stale.length > 0) out.push(highlight(last, stale));
      stale = [];
    };
    for (const p of merged) {
      if (p.category === domain.assessment) {
        flush();
        last = p;
      } else if (last !== null && p.day - last.day > t.maxAgeDays) {
        stale.push(p);
      }
    }
    flush();
  }
  return out;

  function highlight(assessment: Point, concerns: Point[]): Highlight {
    const points = [assessment, ...concerns];
    const kinds = categoryLabels(concerns);
    const first = concerns[0]!;
    const lastConcern = concerns[concerns.length - 1]!;
    return makeHighlight({
      ruleId: ID,
      severity: 'medium',
      title: ruleInfo(ID).title,
      explanation:
        `The last "${categoryLabel(assessment.category)}" was recorded on ${dayText(assessment.day)} by ${agencyPhrase([assessment.agency], ctx)}; since then ` +
        `${plural(concerns.length, 'new concern')} (${kinds}) ${pluralWord(concerns.length, 'was', 'were')} recorded by ${agencyPhrase(agenciesOf(concerns), ctx)} ${betweenDays(first.day, lastConcern.day)}, ` +
        `${plural(first.day - assessment.day, 'day')} or more after it. A new concern when the assessment is more than ${plural(t.maxAgeDays, 'day')} old is the threshold: consider reassessing.${coarseNote(points)}`,
      points,
      thresholds: t,
    });
  }
};
