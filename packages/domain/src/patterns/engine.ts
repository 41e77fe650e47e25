// The pattern engine: one sort, then each enabled rule walks the timeline with sliding windows.
// Pure and deterministic: no clock (asOf is an input), no I/O, and the same highlights in the same
// order whatever order the entries arrive in.
//
// Never leak: the engine sees only what it is given. The server calls it with the entries the
// caller may see, so a highlight can never point at, count or hint at an entry the caller cannot
// see (a hidden entry that would complete a cluster simply is not there).
import { epochDay, parseChronoDate } from '../dates.js';
import { RULE_IDS, resolveConfig, type PatternConfig, type ResolvedPatternConfig, type RuleId, type RuleThresholds } from './config.js';
import { knownDateOfBirth } from './days.js';
import { RULE_IMPLEMENTATIONS } from './rules/index.js';
import type { Rule } from './rules/rule.js';
import { episodeContext, type EpisodeContext } from './episodes.js';
import { buildTimeline, type Timeline } from './timeline.js';
import { familyContext } from './family.js';
import type { AgencyName, FamilyInput, Highlight, PatternAction, PatternEntry, RuleContext } from './types.js';

export interface PatternInput {
  /** The entries the caller may see; withdrawn ones and those dated after asOf are ignored. */
  entries: readonly PatternEntry[];
  /** YYYY-MM-DD, or null when unknown. A date not known to the day counts as unknown. */
  dateOfBirth: string | null;
  /** YYYY-MM-DD: the day the chronology is read as of (today, or the date of a conference). */
  asOf: string;
  config?: PatternConfig | ResolvedPatternConfig | null;
  /** For agency names in explanations; slugs are shown where a name is not known. */
  agencies?: readonly AgencyName[];
  /**
   * The chronology's actions, for `action-overdue` (the only rule that reads them; the others see
   * entries only). Optional: without them that rule finds nothing.
   */
  actions?: readonly PatternAction[];
  /**
   * The family around the child as the caller may see it, for the family rules (`sibling-previously-on-plan`,
   * `known-adult-returns`). Optional: without it those two find nothing; `household-event-cluster` reads
   * only the entries' own `householdEventId`.
   */
  family?: FamilyInput;
}

const SEVERITY_RANK = { high: 0, medium: 1 } as const;

/** High first, then the most recent window end, then rule id; the rest only to make the order total. */
export function compareHighlights(a: Highlight, b: Highlight): number {
  return (
    SEVERITY_RANK[a.severity] - SEVERITY_RANK[b.severity] ||
    (a.window.to < b.window.to ? 1 : a.window.to > b.window.to ? -1 : 0) ||
    (a.ruleId < b.ruleId ? -1 : a.ruleId > b.ruleId ? 1 : 0) ||
    (a.window.from < b.window.from ? 1 : a.window.from > b.window.from ? -1 : 0) ||
    (a.id < b.id ? -1 : a.id > b.id ? 1 : 0)
  );
}

export function evaluatePatterns(input: PatternInput): Highlight[] {
  return run(input).highlights;
}

/**
 * The highlights, and what grouping them into episodes needs from the same timeline (episodes.ts):
 * the timeline is built once, and episodes read only the entries the caller was given.
 */
export function analysePatterns(input: PatternInput): { highlights: Highlight[]; context: EpisodeContext } {
  const { highlights, timeline, asOfDay } = run(input);
  return { highlights, context: episodeContext(timeline, asOfDay) };
}

function run(input: PatternInput): { highlights: Highlight[]; timeline: Timeline; asOfDay: number } {
  if (!/^\d{4}-\d{2}-\d{2}$/.test(input.asOf) || !parseChronoDate(input.asOf).ok) {
    throw new RangeError(`asOf must be a real day written YYYY-MM-DD (got "${input.asOf}")`);
  }
  const asOfDay = epochDay(input.asOf);
  const config = resolveConfig(input.config);
  const names = new Map((input.agencies ?? []).map((a) => [a.slug, a.name]));
  const dateOfBirth = knownDateOfBirth(input.dateOfBirth);
  const ctx: RuleContext = {
    asOfDay,
    dateOfBirth,
    dobDay: dateOfBirth === null ? null : epochDay(dateOfBirth),
    agencyName: (slug) => names.get(slug) ?? slug,
    enabled: (rule) => config.rules[rule].enabled,
    actions: input.actions ?? [],
    family: familyContext(input.entries, input.family),
  };
  const timeline = buildTimeline(input.entries, asOfDay);
  const out: Highlight[] = [];
  for (const id of RULE_IDS) {
    const rule = config.rules[id];
    if (!rule.enabled) continue;
    out.push(...runRule(id, timeline, config, ctx));
  }
  return { highlights: out.sort(compareHighlights), timeline, asOfDay };
}

// One generic call site keeps each rule's thresholds typed to that rule. TypeScript cannot see
// through the mapped type's indexed access, hence the cast; both sides come from RuleThresholds.
function runRule<R extends RuleId>(id: R, timeline: Timeline, config: ResolvedPatternConfig, ctx: RuleContext): Highlight[] {
  const rule: Rule<R> = RULE_IMPLEMENTATIONS[id];
  return rule(timeline, config.rules[id].thresholds as RuleThresholds[R], ctx);
}

