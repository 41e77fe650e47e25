// Each rule's thresholds as a practitioner says them ("4 or more concerns within 90 days"), for the
// patterns panel and the pack: the configuration's keys (windowDays, minConcerns) mean nothing to a
// social worker. One sentence fragment per rule, from the thresholds in force.
import type { RuleId, RuleThresholds } from './config.js';
import { plural, pluralWord } from '../plural.js';

const n = (x: number): string => (Number.isInteger(x) ? String(x) : String(Math.round(x * 100) / 100));
const days = (x: number): string => plural(x, 'day');

const WORDS: { readonly [R in RuleId]: (t: RuleThresholds[R]) => string } = {
  'frequency-escalation': (t) =>
    `${n(t.minConcerns)} or more concerns within ${days(t.windowDays)}, and at least ${n(t.ratio)} times as many as in the ${days(t.windowDays)} before (${n(t.highRatio)} times or more is high)`,
  'repeat-category': (t) => `${n(t.minEntries)} or more entries of one kind of concern within ${days(t.windowDays)}`,
  'multi-agency-cluster': (t) => `concerns from ${n(t.minAgencies)} or more agencies within ${days(t.windowDays)}`,
  'was-not-brought': (t) =>
    `not brought to ${n(t.minMissed)} or more health appointments within ${days(t.windowDays)} (high if the child was under ${plural(t.highUnderAgeYears, 'year')})`,
  'multiple-parental-adversities': (t) => `domestic abuse, parental mental ill health and parental substance misuse all recorded within ${days(t.windowDays)}`,
  'non-mobile-injury': (t) => `an injury to a baby under ${plural(t.maxAgeMonths, 'month')} old`,
  'repeat-referral': (t) => `${n(t.minReferrals)} or more referrals to social care within ${days(t.windowDays)}`,
  'repeat-child-protection-plan': (t) => `a new child protection plan after an earlier one ended (high within ${plural(t.highWithinMonths, 'month')} of the end)`,
  'education-after-concern': (t) => `a change in education within ${days(t.windowDays)} after a family, harm or exploitation concern`,
  'missing-and-exploitation': (t) =>
    `${n(t.minMissing)} or more missing episodes and ${n(t.minExploitation)} or more exploitation concerns or offences within ${days(t.windowDays)}`,
  'repeat-self-harm': (t) => `${n(t.minEpisodes)} or more self-harm entries within ${days(t.windowDays)}`,
  'frequent-emergency-attendance': (t) => `${n(t.minAttendances)} or more A&E attendances within ${days(t.windowDays)}`,
  'new-adult-then-concern': (t) => `a harm concern within ${days(t.windowDays)} after a new adult joined the household`,
  'silence-during-plan': (t) => `${days(t.minSilentDays)} or more with no entry from any agency while a child protection plan is open`,
  'high-risk-domestic-abuse': (t) => `a high-risk domestic abuse checklist or a MARAC referral (those within ${days(t.windowDays)} of each other are one)`,
  'neglect-assessment-concern': (t) => `an area of care graded ${n(t.concernGrade)} or worse, or any area worse than at the previous assessment`,
  'exploitation-risk-rising': (t) =>
    `a screening level higher than the last, or ${n(t.minMissing)} or more missing episodes and ${n(t.minExploitation)} or more exploitation concerns within ${days(t.windowDays)} after a medium result`,
  'assessment-out-of-date': (t) => `a new concern when the last assessment with that tool is more than ${days(t.maxAgeDays)} old`,
  'missing-no-return-interview': (t) => `a return home interview within ${t.deadlineDays === 3 ? '72 hours' : days(t.deadlineDays)} of a missing episode`,
  'non-mobile-injury-no-paediatric-assessment': (t) =>
    `a paediatric assessment within ${pluralWord(t.deadlineDays, '24 hours', days(t.deadlineDays))} of an injury to a baby under ${plural(t.maxAgeMonths, 'month')} old`,
  'strategy-discussion-no-outcome': (t) => `a section 47 enquiry or a recorded decision within ${plural(t.deadlineWorkingDays, 'working day')} of a strategy discussion`,
  'action-overdue': (t) =>
    `an open action ${pluralWord(t.minDaysOverdue, 'past its due date', `${days(t.minDaysOverdue)} or more past its due date`)} (${days(t.highAfterDays)} or more overdue is high)`,
  'closed-then-re-referred': (t) => `a new referral or concern within ${days(t.windowDays)} of a case closing or a plan ending, ${n(t.minCycles)} or more times`,
  'sibling-previously-on-plan': (t) =>
    `a linked sibling had a child protection plan, became looked after, or died or was seriously harmed (this child's concerns from ${days(t.lookbackDays)} before are shown with it)`,
  'known-adult-returns': (t) => `an adult linked to a concern, or flagged, named again after ${days(t.gapDays)} or more, after a case or plan ended, or as a new adult in the household`,
  'household-event-cluster': (t) =>
    `${n(t.minEvents)} or more household events from ${n(t.minAgencies)} or more agencies within ${days(t.windowDays)} (${n(t.highEvents)} or more is high)`,
};

/**
 * The threshold a highlight was found under, in words: "4 or more concerns within 90 days". Null for
 * a rule this version does not know (a highlight from a newer server), so the caller can say nothing
 * rather than show configuration keys.
 */
export function thresholdWords(ruleId: string, thresholds: Readonly<Record<string, number>>): string | null {
  const words = (WORDS as Readonly<Record<string, ((t: never) => string) | undefined>>)[ruleId];
  return words === undefined ? null : words(thresholds as never);
}
