import type { RuleId, RuleThresholds } from '../config.js';
import type { Timeline } from '../timeline.js';
import type { Highlight, RuleContext } from '../types.js';

/** A rule's behaviour: every maximal cluster in the timeline, as highlights. Its data lives in config.ts. */
export type Rule<R extends RuleId> = (timeline: Timeline, thresholds: RuleThresholds[R], ctx: RuleContext) => Highlight[];
