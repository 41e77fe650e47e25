// Checks for what should have happened and did not. Every rule above reads only what was recorded;
// these read what practice guidance says must follow an event: a trigger category, the categories
// that would meet the expectation, a deadline, and the agencies that usually record it.
//
// Each trigger is paired with the earliest expected entry on or after its day that no earlier trigger
// has taken (one return home interview answers one missing episode). Then:
//   - in time (on or before the deadline): nothing to show;
//   - late (after the deadline): a highlight saying so, closed;
//   - none yet and the deadline not passed at asOf: "due" (so a meeting sees what is pending);
//   - none and the deadline passed: "overdue".
// Linear after the timeline's sort: triggers and expected entries are walked with one pointer each.
import { isoFromEpochDay } from '../dates.js';
import { agencyKindBySlug } from '../taxonomy.js';
import { ruleInfo, type RuleId, type RuleThresholds, type Severity } from './config.js';
import { addMonthsDay } from './days.js';
import { agencyPhrase, categoryLabel, coarseNote, dayText } from './explain.js';
import { plural, pluralWord } from '../plural.js';
import { makeHighlight } from './highlight.js';
import { pointsOf, type Timeline } from './timeline.js';
import type { ExpectedEventFacts, Highlight, Point, RuleContext } from './types.js';

export type ExpectedEventRuleId = 'missing-no-return-interview' | 'non-mobile-injury-no-paediatric-assessment' | 'strategy-discussion-no-outcome';

export interface ExpectedEventCheck<R extends ExpectedEventRuleId = ExpectedEventRuleId> {
  readonly id: R;
  readonly trigger: readonly string[];
  readonly expected: readonly string[];
  /** What was expected, in words: "a return home interview". */
  readonly expectedText: string;
  /** Its absence, in words: "no return home interview". */
  readonly noneText: string;
  /** Agency kinds that usually record the expected entry. */
  readonly usuallyRecordedBy: readonly string[];
  /** The last day on which the expected entry is in time. */
  readonly deadline: (triggerDay: number, thresholds: RuleThresholds[R]) => number;
  readonly deadlineText: (thresholds: RuleThresholds[R]) => string;
  /** Severity when nothing was recorded by the deadline (late and due ones are medium). */
  readonly overdueSeverity: Severity;
  readonly source: string;
  /** Triggers this check applies to (all by default). */
  readonly applies?: (p: Point, thresholds: RuleThresholds[R], ctx: RuleContext) => boolean;
}

/** The day `n` working days (Monday to Friday) after `day`. Bank holidays are not known here. */
export function addWorkingDays(day: number, n: number): number {
  let d = day;
  let left = n;
  while (left > 0) {
    d++;
    // 1970-01-01 (day 0) was a Thursday: (day + 4) % 7 is 0 on Sundays, 6 on Saturdays.
    const weekday = (((d + 4) % 7) + 7) % 7;
    if (weekday !== 0 && weekday !== 6) left--;
  }
  return d;
}

export const EXPECTED_EVENTS: {
  readonly [R in ExpectedEventRuleId]: ExpectedEventCheck<R>;
} = {
  'missing-no-return-interview': {
    id: 'missing-no-return-interview',
    trigger: ['missing-episode'],
    expected: ['return-home-interview'],
    expectedText: 'a return home interview',
    noneText: 'no return home interview',
    usuallyRecordedBy: ['childrens-social-care'],
    deadline: (day, t) => day + t.deadlineDays,
    deadlineText: (t) => (t.deadlineDays === 3 ? '72 hours' : plural(t.deadlineDays, 'day')),
    overdueSeverity: 'medium',
    source: 'statutory guidance on children who run away or go missing',
  },
  'non-mobile-injury-no-paediatric-assessment': {
    id: 'non-mobile-injury-no-paediatric-assessment',
    // An injury or bruise seen on the baby; a physical abuse concern is often the paediatric opinion itself.
    trigger: ['injury'],
    expected: ['paediatric-assessment'],
    expectedText: 'a paediatric assessment',
    noneText: 'no paediatric assessment',
    usuallyRecordedBy: ['acute-health'],
    deadline: (day, t) => day + t.deadlineDays,
    deadlineText: (t) => pluralWord(t.deadlineDays, '24 hours', plural(t.deadlineDays, 'day')),
    overdueSeverity: 'high',
    source: 'NICE CG89 and local protocols for bruising in babies who are not independently mobile',
    applies: (p, t, ctx) => ctx.dateOfBirth !== null && ctx.dobDay !== null && p.day >= ctx.dobDay && p.day < addMonthsDay(ctx.dateOfBirth, t.maxAgeMonths),
  },
  'strategy-discussion-no-outcome': {
    id: 'strategy-discussion-no-outcome',
    trigger: ['strategy-discussion'],
    // A section 47 enquiry, or a recorded decision: no further action (case closed), a child in need
    // plan, early help, a plan or care.
    expected: ['section-47-enquiry', 'case-closed', 'child-in-need-plan-start', 'early-help-assessment', 'child-protection-plan-start', 'became-looked-after'],
    expectedText: 'a section 47 enquiry or a recorded decision',
    noneText: 'no section 47 enquiry or recorded decision',
    usuallyRecordedBy: ['childrens-social-care'],
    deadline: (day, t) => addWorkingDays(day, t.deadlineWorkingDays),
    deadlineText: (t) => plural(t.deadlineWorkingDays, 'working day'),
    overdueSeverity: 'medium',
    source: 'Working Together to Safeguard Children (2023)',
  },
};

function kindsText(kinds: readonly string[]): string {
  return kinds.map((k) => agencyKindBySlug(k)?.label ?? k).join(' or ');
}

export function runExpectedEvent<R extends ExpectedEventRuleId>(
  check: ExpectedEventCheck<R>,
  timeline: Timeline,
  t: RuleThresholds[R],
  ctx: RuleContext,
): Highlight[] {
  const triggers = pointsOf(timeline, check.trigger).filter((p) => check.applies?.(p, t, ctx) ?? true);
  const expected = pointsOf(timeline, check.expected);
  const out: Highlight[] = [];
  // The words that depend only on the check and its thresholds, made once for all its highlights.
  const words: CheckWords = {
    within: (check.deadlineText as (x: unknown) => string)(t),
    recordedBy: kindsText(check.usuallyRecordedBy),
  };
  let next = 0;
  for (const trigger of triggers) {
    while (next < expected.length && expected[next]!.day < trigger.day) next++;
    const deadline = check.deadline(trigger.day, t);
    const answer = next < expected.length ? expected[next++]! : null;
    if (answer !== null && answer.day <= deadline) continue;
    const status: ExpectedEventFacts['status'] = answer !== null ? 'late' : deadline < ctx.asOfDay ? 'overdue' : 'due';
    out.push(highlight(check.id, check as unknown as ExpectedEventCheck, words, trigger, answer, deadline, status, t as Readonly<Record<string, number>>, ctx));
  }
  return out;
}

interface CheckWords {
  /** "72 hours". */
  within: string;
  /** "Children's social care". */
  recordedBy: string;
}

function highlight(
  ruleId: RuleId,
  check: ExpectedEventCheck,
  words: CheckWords,
  trigger: Point,
  answer: Point | null,
  deadline: number,
  status: ExpectedEventFacts['status'],
  t: Readonly<Record<string, number>>,
  ctx: RuleContext,
): Highlight {
  const points = answer === null ? [trigger] : [trigger, answer];
  const what = `"${categoryLabel(trigger.category)}" recorded by ${agencyPhrase([trigger.agency], ctx)} on ${dayText(trigger.day)}`;
  const said =
    status === 'late'
      ? `${capitalise(check.expectedText)} was recorded on ${dayText(answer!.day)}, ${plural(answer!.day - deadline, 'day')} after the deadline of ${dayText(deadline)}`
      : status === 'overdue'
        ? `${capitalise(check.noneText)} was recorded by ${dayText(deadline)}`
        : `${capitalise(check.expectedText)} is due by ${dayText(deadline)} and not yet recorded`;
  const expected: ExpectedEventFacts = {
    triggerEntryId: trigger.id,
    expectedCategories: [...check.expected],
    deadline: isoFromEpochDay(deadline),
    usuallyRecordedBy: [...check.usuallyRecordedBy],
    status,
    ...(answer === null ? {} : { arrivedEntryId: answer.id, arrivedOn: isoFromEpochDay(answer.day) }),
  };
  return makeHighlight({
    ruleId,
    severity: status === 'overdue' ? check.overdueSeverity : 'medium',
    title: `${ruleInfo(ruleId).title}${status === 'late' ? ' (late)' : status === 'due' ? ' (due)' : ''}`,
    explanation:
      `${what}. ${said}; ${check.expectedText} within ${words.within} is expected (${check.source}), usually recorded by ${words.recordedBy}.${coarseNote(points)}`,
    points,
    from: trigger.day,
    // Until the answer, or while none has come, until the deadline (but never beyond asOf).
    to: answer === null ? Math.max(Math.min(deadline, ctx.asOfDay), trigger.day) : answer.day,
    thresholds: t,
    expected,
  });
}

function capitalise(text: string): string {
  return text.charAt(0).toUpperCase() + text.slice(1);
}
