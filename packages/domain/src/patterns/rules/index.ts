import type { RuleId } from '../config.js';
import { actionOverdue } from './action-overdue.js';
import { assessmentOutOfDate } from './assessment-out-of-date.js';
import { closedThenReReferred } from './closed-then-re-referred.js';
import { exploitationRiskRising } from './exploitation-risk-rising.js';
import { missingNoReturnInterview, nonMobileInjuryNoPaediatricAssessment, strategyDiscussionNoOutcome } from './expected.js';
import { highRiskDomesticAbuse } from './high-risk-domestic-abuse.js';
import { householdEventCluster } from './household-event-cluster.js';
import { knownAdultReturns } from './known-adult-returns.js';
import { neglectAssessmentConcern } from './neglect-assessment-concern.js';
import { educationAfterConcern } from './education-after-concern.js';
import { frequencyEscalation } from './frequency-escalation.js';
import { frequentEmergencyAttendance } from './frequent-emergency-attendance.js';
import { missingAndExploitation } from './missing-and-exploitation.js';
import { multiAgencyCluster } from './multi-agency-cluster.js';
import { multipleParentalAdversities } from './multiple-parental-adversities.js';
import { newAdultThenConcern } from './new-adult-then-concern.js';
import { nonMobileInjury } from './non-mobile-injury.js';
import { repeatCategory } from './repeat-category.js';
import { repeatChildProtectionPlan } from './repeat-child-protection-plan.js';
import { repeatReferral } from './repeat-referral.js';
import { repeatSelfHarm } from './repeat-self-harm.js';
import type { Rule } from './rule.js';
import { siblingPreviouslyOnPlan } from './sibling-previously-on-plan.js';
import { silenceDuringPlan } from './silence-during-plan.js';
import { wasNotBrought } from './was-not-brought.js';

/** Every catalogue rule's behaviour; the mapped type makes a missing rule a compile error. */
export const RULE_IMPLEMENTATIONS: { readonly [R in RuleId]: Rule<R> } = {
  'frequency-escalation': frequencyEscalation,
  'repeat-category': repeatCategory,
  'multi-agency-cluster': multiAgencyCluster,
  'was-not-brought': wasNotBrought,
  'multiple-parental-adversities': multipleParentalAdversities,
  'non-mobile-injury': nonMobileInjury,
  'repeat-referral': repeatReferral,
  'repeat-child-protection-plan': repeatChildProtectionPlan,
  'education-after-concern': educationAfterConcern,
  'missing-and-exploitation': missingAndExploitation,
  'repeat-self-harm': repeatSelfHarm,
  'frequent-emergency-attendance': frequentEmergencyAttendance,
  'new-adult-then-concern': newAdultThenConcern,
  'silence-during-plan': silenceDuringPlan,
  'high-risk-domestic-abuse': highRiskDomesticAbuse,
  'neglect-assessment-concern': neglectAssessmentConcern,
  'exploitation-risk-rising': exploitationRiskRising,
  'assessment-out-of-date': assessmentOutOfDate,
  'missing-no-return-interview': missingNoReturnInterview,
  'non-mobile-injury-no-paediatric-assessment': nonMobileInjuryNoPaediatricAssessment,
  'strategy-discussion-no-outcome': strategyDiscussionNoOutcome,
  'closed-then-re-referred': closedThenReReferred,
  'action-overdue': actionOverdue,
  'sibling-previously-on-plan': siblingPreviouslyOnPlan,
  'known-adult-returns': knownAdultReturns,
  'household-event-cluster': householdEventCluster,
};
