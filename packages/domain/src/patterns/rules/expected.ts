// The three expected-event checks (../expected-events.ts holds the mechanism and their definitions).
import { EXPECTED_EVENTS, runExpectedEvent } from '../expected-events.js';
import type { Rule } from './rule.js';

export const missingNoReturnInterview: Rule<'missing-no-return-interview'> = (timeline, t, ctx) =>
  runExpectedEvent(EXPECTED_EVENTS['missing-no-return-interview'], timeline, t, ctx);

export const nonMobileInjuryNoPaediatricAssessment: Rule<'non-mobile-injury-no-paediatric-assessment'> = (timeline, t, ctx) =>
  runExpectedEvent(EXPECTED_EVENTS['non-mobile-injury-no-paediatric-assessment'], timeline, t, ctx);

export const strategyDiscussionNoOutcome: Rule<'strategy-discussion-no-outcome'> = (timeline, t, ctx) =>
  runExpectedEvent(EXPECTED_EVENTS['strategy-discussion-no-outcome'], timeline, t, ctx);
