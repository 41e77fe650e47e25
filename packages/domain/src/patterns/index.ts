// The pattern engine's public surface, re-exported by the package barrel.
export {
  DEFAULT_PAST_AFTER_DAYS,
  DEFAULT_PATTERN_CONFIG,
  RULES,
  RULE_IDS,
  isRuleId,
  parsePatternConfig,
  patternConfigSchema,
  resolveConfig,
  ruleInfo,
  rulesNeedingDateOfBirth,
  rulesUsingDateOfBirth,
} from './config.js';
export type {
  ParsedPatternConfig,
  PatternConfig,
  ResolvedPatternConfig,
  RuleConfig,
  RuleId,
  RuleInfo,
  RuleMeta,
  RuleThresholds,
  Severity,
  ThresholdSpec,
} from './config.js';
export { analysePatterns, compareHighlights, evaluatePatterns } from './engine.js';
export { thresholdWords } from './threshold-words.js';
export { durationWords, episodeContract, groupEpisodes, monthRange, PLAN_CATEGORIES } from './episodes.js';
export { numberWord } from '../plural.js';
export type { Episode, EpisodeContext, EpisodeHighlight, EpisodeOptions, EpisodeStatus, EpisodeView } from './episodes.js';
export { knownDateOfBirth } from './days.js';
export type { PatternInput } from './engine.js';
export { betweenDates, dateOfBirthNotice, formatUkDate, formatUkRange } from './explain.js';
export { highlightId } from './highlight.js';
export { describeSinceReview, reviewStateOf, reviewsOfHighlight } from './review-history.js';
export type { CurrentReview, HighlightReviewState, ReviewHistoryItem, ReviewRecord, ReviewStatus, SinceReview } from './review-history.js';
export type { AgencyName, CycleFacts, ExpectedEventFacts, FamilyInput, Highlight, PatternAction, PatternEntry, PatternPerson, PatternSibling, SiblingFacts } from './types.js';
export { EXPECTED_EVENTS } from './expected-events.js';
export { SIBLING_HISTORY_CATEGORIES } from './rules/sibling-previously-on-plan.js';
export type { ExpectedEventCheck } from './expected-events.js';
