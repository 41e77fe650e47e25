// A Graded Care Profile 2 grades each area of care from 1 (the child's needs always met) to 5 (the
// child not considered). An area at grade 4 or 5 means most or all essential needs unmet; an area
// graded worse than at the previous assessment means care is getting worse, whatever its grade.
import { ruleInfo, type Severity } from '../config.js';
import { agencyPhrase, coarseNote, dayText } from '../explain.js';
import { makeHighlight } from '../highlight.js';
import { areaGradesOf, GCP2_AREAS } from '../../screening.js';
import type { Highlight, Point } from '../types.js';
import type { Rule } from './rule.js';

const ID = 'neglect-assessment-concern';

export const neglectAssessmentConcern: Rule<typeof ID> = (timeline, t, ctx) => {
  const out: Highlight[] = [];
  // The previous assessment is the last one graded on an earlier day (the last in timeline order on
  // that day): records of the same day are not compared with each other.
  let earlier: { point: Point; grades: number[] } | null = null;
  let latest: { point: Point; grades: number[] } | null = null;
  for (const point of timeline.byCategory.get('neglect-assessment') ?? []) {
    const grades = areaGradesOf(point.areaGrades);
    if (grades === null) continue; // an assessment with no grades recorded says nothing here
    if (latest !== null && latest.point.day < point.day) earlier = latest;
    const before = earlier;
    const atConcern = GCP2_AREAS.filter((_, i) => grades[i]! >= t.concernGrade);
    const worse = before === null ? [] : GCP2_AREAS.filter((_, i) => grades[i]! > before.grades[i]!);
    if (atConcern.length > 0 || worse.length > 0) {
      const severity: Severity = atConcern.length > 0 ? 'high' : 'medium';
      const points = before !== null && worse.length > 0 ? [before.point, point] : [point];
      const gradeOf = (slug: string): number => grades[GCP2_AREAS.findIndex((a) => a.slug === slug)]!;
      const said: string[] = [];
      if (atConcern.length > 0) said.push(`${atConcern.map((a) => `${a.label.toLowerCase()} graded ${gradeOf(a.slug)}`).join(', ')}`);
      if (worse.length > 0) {
        const prior = before!;
        said.push(
          `worse than the assessment of ${dayText(prior.point.day)} in ${worse
            .map((a) => {
              const i = GCP2_AREAS.findIndex((x) => x.slug === a.slug);
              return `${a.label.toLowerCase()} (${prior.grades[i]} to ${grades[i]})`;
            })
            .join(', ')}`,
        );
      }
      out.push(
        makeHighlight({
          ruleId: ID,
          severity,
          title: ruleInfo(ID).title,
          explanation:
            `A Graded Care Profile 2 recorded by ${agencyPhrase([point.agency], ctx)} on ${dayText(point.day)}: ${said.join('; ')}. ` +
            `An area graded ${t.concernGrade} or worse (high), or any area worse than the previous assessment (medium), is the threshold.${coarseNote(points)}`,
          points,
          thresholds: t,
        }),
      );
    }
    latest = { point, grades };
  }
  return out;
};
