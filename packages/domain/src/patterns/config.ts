// The rule catalogue as data: ids, what each rule looks for, its thresholds with their defaults and
// limits, and the configuration a partnership may store. Rule ids are an API contract (stored reviews
// and partnership configurations name them): never rename one. The behaviour lives in rules/<id>.ts.
//
// One module: the rule catalogue is data, one record per rule with its thresholds and limits, read as
// one table.
import { z } from 'zod';
import { pluralWord } from '../plural.js';

export const RULE_IDS = [
  'frequency-escalation',
  'repeat-category',
  'multi-agency-cluster',
  'was-not-brought',
  'multiple-parental-adversities',
  'non-mobile-injury',
  'repeat-referral',
  'repeat-child-protection-plan',
  'education-after-concern',
  'missing-and-exploitation',
  'repeat-self-harm',
  'frequent-emergency-attendance',
  'new-adult-then-concern',
  'silence-during-plan',
  'high-risk-domestic-abuse',
  'neglect-assessment-concern',
  'exploitation-risk-rising',
  'assessment-out-of-date',
  'missing-no-return-interview',
  'non-mobile-injury-no-paediatric-assessment',
  'strategy-discussion-no-outcome',
  'closed-then-re-referred',
  'action-overdue',
  'sibling-previously-on-plan',
  'known-adult-returns',
  'household-event-cluster',
] as const;

export type RuleId = (typeof RULE_IDS)[number];

export type Severity = 'medium' | 'high';

export interface ThresholdSpec {
  readonly default: number;
  /** Counts, days, months and years are whole numbers; ratios need not be. */
  readonly integer: boolean;
  /** Largest sensible value: a guard against typing 3650 for 365, not a policy. */
  readonly max: number;
  readonly description: string;
}

export interface RuleMeta {
  readonly title: string;
  readonly description: string;
  readonly severity: string;
  /** True when the rule cannot fire at all without the child's date of birth. */
  readonly needsDateOfBirth: boolean;
  /** True when the date of birth changes the rule's severity (but it still fires without one). */
  readonly usesDateOfBirth: boolean;
  readonly thresholds: Readonly<Record<string, ThresholdSpec>>;
}

const days = (d: number, description: string): ThresholdSpec => ({ default: d, integer: true, max: 3653, description });
const count = (n: number, description: string): ThresholdSpec => ({ default: n, integer: true, max: 1000, description });

const CATALOGUE = {
  'frequency-escalation': {
    title: 'Concerns escalating',
    description:
      'A window holding at least a minimum number of concern entries and at least a multiple of the number in the window of the same length just before it.',
    severity: 'medium; high when the multiple reaches highRatio',
    needsDateOfBirth: false,
    usesDateOfBirth: false,
    thresholds: {
      windowDays: days(90, 'length of the window and of the window before it, in days'),
      minConcerns: count(4, 'fewest concern entries in the window'),
      ratio: { default: 2, integer: false, max: 100, description: 'times as many concerns as the window before' },
      highRatio: { default: 3, integer: false, max: 100, description: 'times as many as the window before for high severity' },
    },
  },
  'repeat-category': {
    title: 'Repeated concern of one kind',
    description: 'Several entries of the same concern category within a window.',
    severity: 'medium',
    needsDateOfBirth: false,
    usesDateOfBirth: false,
    thresholds: {
      windowDays: days(365, 'length of the window, in days'),
      minEntries: count(3, 'fewest entries of one concern category in the window'),
    },
  },
  'multi-agency-cluster': {
    title: 'Concerns from several agencies at once',
    description: 'Concern entries from several different agencies within a short window.',
    severity: 'high',
    needsDateOfBirth: false,
    usesDateOfBirth: false,
    thresholds: {
      windowDays: days(30, 'length of the window, in days'),
      minAgencies: count(3, 'fewest different agencies recording a concern in the window'),
    },
  },
  'was-not-brought': {
    title: 'Not brought to health appointments',
    description: 'The child was not brought to several health appointments within a window.',
    severity: 'medium; high if the child was under highUnderAgeYears',
    needsDateOfBirth: false,
    usesDateOfBirth: true,
    thresholds: {
      windowDays: days(180, 'length of the window, in days'),
      minMissed: count(2, 'fewest appointments the child was not brought to in the window'),
      highUnderAgeYears: { default: 5, integer: true, max: 18, description: 'high severity when the child was younger than this, in years' },
    },
  },
  'multiple-parental-adversities': {
    title: 'Multiple parental adversities',
    description: 'Domestic abuse, parental mental ill health and parental substance misuse all recorded within a window.',
    severity: 'high',
    needsDateOfBirth: false,
    usesDateOfBirth: false,
    thresholds: {
      windowDays: days(365, 'length of the window, in days'),
    },
  },
  'non-mobile-injury': {
    title: 'Injury to a baby who is not yet mobile',
    description: 'An injury or physical abuse concern when the child was younger than a few months.',
    severity: 'high',
    needsDateOfBirth: true,
    usesDateOfBirth: true,
    thresholds: {
      maxAgeMonths: { default: 6, integer: true, max: 24, description: 'fires for a child younger than this, in months' },
    },
  },
  'repeat-referral': {
    title: 'Repeated referrals to social care',
    description: "Several contacts or referrals to children's social care within a window.",
    severity: 'medium',
    needsDateOfBirth: false,
    usesDateOfBirth: false,
    thresholds: {
      windowDays: days(365, 'length of the window, in days'),
      minReferrals: count(3, 'fewest referrals in the window'),
    },
  },
  'repeat-child-protection-plan': {
    title: 'Second or subsequent child protection plan',
    description: 'A child protection plan starting after an earlier plan has ended.',
    severity: 'medium; high if within highWithinMonths of the earlier plan ending',
    needsDateOfBirth: false,
    usesDateOfBirth: false,
    thresholds: {
      highWithinMonths: { default: 24, integer: true, max: 240, description: 'high severity when the new plan starts within this many months of the last one ending' },
    },
  },
  'education-after-concern': {
    title: 'Education change after a concern',
    description:
      'An exclusion, elective home education, child missing education or falling attendance soon after a family, harm or exploitation concern.',
    severity: 'medium',
    needsDateOfBirth: false,
    usesDateOfBirth: false,
    thresholds: {
      windowDays: days(90, 'days after the concern, counting its own day'),
    },
  },
  'missing-and-exploitation': {
    title: 'Missing episodes with exploitation or offending',
    description: 'Missing episodes together with an exploitation concern or an arrest or offence within a window.',
    severity: 'high',
    needsDateOfBirth: false,
    usesDateOfBirth: false,
    thresholds: {
      windowDays: days(90, 'length of the window, in days'),
      minMissing: count(2, 'fewest missing episodes in the window'),
      minExploitation: count(1, 'fewest exploitation concerns or arrests and offences in the window'),
    },
  },
  'repeat-self-harm': {
    title: 'Repeated self-harm',
    description: 'Several self-harm entries within a window.',
    severity: 'high',
    needsDateOfBirth: false,
    usesDateOfBirth: false,
    thresholds: {
      windowDays: days(180, 'length of the window, in days'),
      minEpisodes: count(2, 'fewest self-harm entries in the window'),
    },
  },
  'frequent-emergency-attendance': {
    title: 'Frequent A&E attendance',
    description: 'Several emergency department attendances within a window (more than 3 in 6 months).',
    severity: 'medium',
    needsDateOfBirth: false,
    usesDateOfBirth: false,
    thresholds: {
      windowDays: days(180, 'length of the window, in days'),
      minAttendances: count(4, 'fewest attendances in the window'),
    },
  },
  'new-adult-then-concern': {
    title: 'New adult, then a harm concern',
    description: 'An abuse, neglect or injury concern soon after a new adult joined the household or the child’s life.',
    severity: 'medium',
    needsDateOfBirth: false,
    usesDateOfBirth: false,
    thresholds: {
      windowDays: days(90, 'days after the new adult, counting its own day'),
    },
  },
  'silence-during-plan': {
    title: 'Silence during a child protection plan',
    description: 'A stretch with no entry from any agency while a child protection plan is open.',
    severity: 'medium',
    needsDateOfBirth: false,
    usesDateOfBirth: false,
    thresholds: {
      minSilentDays: days(90, 'fewest consecutive days with no entry'),
    },
  },
  'high-risk-domestic-abuse': {
    title: 'High-risk domestic abuse',
    description:
      'A domestic abuse risk checklist recorded as high risk, or a MARAC referral, on the child’s chronology: the child is taken to live in that household.',
    severity: 'high',
    needsDateOfBirth: false,
    usesDateOfBirth: false,
    thresholds: {
      windowDays: days(90, 'results and referrals within this many days of each other are one episode'),
    },
  },
  'neglect-assessment-concern': {
    title: 'Neglect assessment shows unmet needs',
    description:
      'A Graded Care Profile 2 with an area graded at or above a concern grade, or an area graded worse than at the previous assessment.',
    severity: 'high when an area reaches concernGrade; medium when only worse than before',
    needsDateOfBirth: false,
    usesDateOfBirth: false,
    thresholds: {
      concernGrade: { default: 4, integer: true, max: 5, description: 'an area graded this or worse (1 best, 5 worst) is a concern' },
    },
  },
  'exploitation-risk-rising': {
    title: 'Exploitation risk rising',
    description:
      'An exploitation screening level higher than the previous screening, or missing episodes and exploitation concerns after a medium result with no new screening.',
    severity: 'high when the level rose to high or concerns followed a medium result; medium otherwise',
    needsDateOfBirth: false,
    usesDateOfBirth: false,
    thresholds: {
      windowDays: days(90, 'days after a medium result, counting its own day'),
      minMissing: count(1, 'fewest missing episodes after the medium result'),
      minExploitation: count(1, 'fewest exploitation concerns or arrests after the medium result'),
    },
  },
  'assessment-out-of-date': {
    title: 'Assessment out of date',
    description: 'New concerns of a screening tool’s domain when the last assessment with that tool is older than a number of days: reassess.',
    severity: 'medium',
    needsDateOfBirth: false,
    usesDateOfBirth: false,
    thresholds: {
      maxAgeDays: days(90, 'an assessment older than this many days on the day of a new concern is out of date'),
    },
  },
  'missing-no-return-interview': {
    title: 'Missing episode without a return home interview',
    description: 'A missing episode with no return home interview recorded within 72 hours (statutory guidance).',
    severity: 'medium',
    needsDateOfBirth: false,
    usesDateOfBirth: false,
    thresholds: {
      deadlineDays: { default: 3, integer: true, max: 365, description: 'days after the missing episode by which the interview is expected (72 hours)' },
    },
  },
  'non-mobile-injury-no-paediatric-assessment': {
    title: 'Injury to a baby without a paediatric assessment',
    description: 'An injury or bruise to a baby younger than a few months with no paediatric assessment recorded within 24 hours.',
    severity: 'high',
    needsDateOfBirth: true,
    usesDateOfBirth: true,
    thresholds: {
      maxAgeMonths: { default: 6, integer: true, max: 24, description: 'applies to a child younger than this, in months' },
      deadlineDays: { default: 1, integer: true, max: 365, description: 'days after the injury by which the assessment is expected (24 hours)' },
    },
  },
  'strategy-discussion-no-outcome': {
    title: 'Strategy discussion without a recorded outcome',
    description: 'A strategy discussion with no section 47 enquiry or recorded decision within 5 working days.',
    severity: 'medium',
    needsDateOfBirth: false,
    usesDateOfBirth: false,
    thresholds: {
      deadlineWorkingDays: { default: 5, integer: true, max: 260, description: 'working days (Monday to Friday) after the discussion by which an outcome is expected' },
    },
  },
  'closed-then-re-referred': {
    title: 'Closed, then referred again',
    description: 'A case closure or a plan ending followed by a new referral or concern within a window, again and again.',
    severity: 'medium',
    needsDateOfBirth: false,
    usesDateOfBirth: false,
    thresholds: {
      windowDays: days(365, 'days after the closure, not counting its own day'),
      minCycles: count(2, 'fewest closures followed by a new referral or concern'),
    },
  },
  'action-overdue': {
    title: 'Action overdue',
    description: 'An action agreed for the child (with an owner and a due date) still open after its due date.',
    severity: 'medium; high when overdue by highAfterDays or more',
    needsDateOfBirth: false,
    usesDateOfBirth: false,
    thresholds: {
      minDaysOverdue: days(1, 'days past its due date before an open action is highlighted (1: the day after it was due)'),
      highAfterDays: days(28, 'days overdue from which the highlight is high'),
    },
  },
  'sibling-previously-on-plan': {
    title: 'A sibling was on a plan, in care or seriously harmed',
    description:
      'A linked sibling (same household) had a child protection plan, became looked after, or died or was seriously harmed: cumulative harm for this child. Rests on the sibling entries the reader may see, with this child\'s concerns since.',
    severity: 'medium for a plan; high when the sibling became looked after or died or was seriously harmed',
    needsDateOfBirth: false,
    usesDateOfBirth: false,
    thresholds: {
      lookbackDays: days(365, "this child's concerns from this many days before the sibling's entry are shown with it"),
    },
  },
  'known-adult-returns': {
    title: 'A known adult is back',
    description:
      'A person already linked to a concern, or flagged, is named again after a gap, after a plan or case ended, or as a new adult in the household (including when contact had been denied).',
    severity: 'medium; high when the person holds a flag the reader may see',
    needsDateOfBirth: false,
    usesDateOfBirth: false,
    thresholds: {
      gapDays: days(90, 'days without the person being named that count as a gap'),
    },
  },
  'household-event-cluster': {
    title: 'Household events clustering',
    description: 'Several events recorded for the whole household, by more than one agency, within a short window: shown on every linked child.',
    severity: 'medium; high at highEvents or more',
    needsDateOfBirth: false,
    usesDateOfBirth: false,
    thresholds: {
      windowDays: days(90, 'length of the window, in days'),
      minEvents: count(3, 'fewest household events in the window'),
      minAgencies: count(2, 'fewest different agencies recording them'),
      highEvents: count(5, 'household events in the window for high severity'),
    },
  },
} as const satisfies Record<RuleId, RuleMeta>;

type Catalogue = typeof CATALOGUE;

/** Each rule's thresholds by name, e.g. RuleThresholds['repeat-self-harm'] = { windowDays; minEpisodes }. */
export type RuleThresholds = { [R in RuleId]: { [K in keyof Catalogue[R]['thresholds']]: number } };

export interface RuleConfig<R extends RuleId = RuleId> {
  enabled?: boolean;
  thresholds?: Partial<RuleThresholds[R]>;
}

/** What a partnership stores: only what differs from the defaults. */
export interface PatternConfig {
  rules: { [R in RuleId]?: RuleConfig<R> };
  /** How highlights are grouped into episodes (episodes.ts). */
  episodes?: { pastAfterDays?: number | undefined } | undefined;
}

/** Every rule, every threshold filled in. */
export interface ResolvedPatternConfig {
  rules: { [R in RuleId]: { enabled: boolean; thresholds: RuleThresholds[R] } };
  episodes: { pastAfterDays: number };
}

/**
 * Days after its end before an episode that was reviewed, or followed by a plan, is shown as past
 * (history, collapsed): about six months, so the last review period's work stays in front of a meeting.
 */
export const DEFAULT_PAST_AFTER_DAYS = 183;

export interface RuleInfo<R extends RuleId = RuleId> extends RuleMeta {
  readonly id: R;
  readonly defaults: Readonly<RuleThresholds[R]>;
}

function defaultsOf<R extends RuleId>(id: R): RuleThresholds[R] {
  const specs: Readonly<Record<string, ThresholdSpec>> = CATALOGUE[id].thresholds;
  return Object.fromEntries(Object.entries(specs).map(([name, spec]) => [name, spec.default])) as RuleThresholds[R];
}

export const RULES: readonly RuleInfo[] = Object.freeze(
  RULE_IDS.map((id) => Object.freeze({ id, ...CATALOGUE[id], defaults: Object.freeze(defaultsOf(id)) })),
);

// A map, not RULES.find: every highlight's title is looked up here, hundreds per evaluation.
const RULE_INFO: ReadonlyMap<string, RuleInfo> = new Map(RULES.map((r) => [r.id, r]));

export function ruleInfo<R extends RuleId>(id: R): RuleInfo<R> {
  return RULE_INFO.get(id) as RuleInfo<R>;
}

export function isRuleId(value: string): value is RuleId {
  return (RULE_IDS as readonly string[]).includes(value);
}

/** Rules that cannot fire at all without the child's date of birth. */
export const rulesNeedingDateOfBirth: readonly RuleId[] = RULE_IDS.filter((id) => CATALOGUE[id].needsDateOfBirth);

/** Rules whose severity depends on the child's age, so are weaker without a date of birth. */
export const rulesUsingDateOfBirth: readonly RuleId[] = RULE_IDS.filter((id) => CATALOGUE[id].usesDateOfBirth);

function buildDefaults(): ResolvedPatternConfig {
  const rules = Object.fromEntries(
    RULE_IDS.map((id) => [id, Object.freeze({ enabled: true, thresholds: Object.freeze(defaultsOf(id)) })]),
  );
  return Object.freeze({ rules: Object.freeze(rules), episodes: Object.freeze({ pastAfterDays: DEFAULT_PAST_AFTER_DAYS }) }) as ResolvedPatternConfig;
}

export const DEFAULT_PATTERN_CONFIG: ResolvedPatternConfig = buildDefaults();

// ---------------------------------------------------------------------------------------------
// Validation

function unknownKeys(keys: readonly string[], what: string, known: readonly string[]): string {
  const list = keys.map((k) => `"${k}"`).join(', ');
  return `unknown ${pluralWord(keys.length, what, `${what}s`)} ${list} (known: ${known.join(', ')})`;
}

function thresholdSchema(rule: RuleId, name: string, spec: ThresholdSpec) {
  const label = `${rule}.${name}`;
  let schema = z
    .number({ error: `${label} must be a number` })
    .positive({ error: `${label} must be greater than 0` })
    .max(spec.max, { error: `${label} must be at most ${spec.max}` });
  if (spec.integer) schema = schema.int({ error: `${label} must be a whole number` });
  return schema.optional();
}

function ruleSchema(rule: RuleId) {
  const specs: Readonly<Record<string, ThresholdSpec>> = CATALOGUE[rule].thresholds;
  const names = Object.keys(specs);
  const shape = Object.fromEntries(names.map((name) => [name, thresholdSchema(rule, name, specs[name]!)]));
  return z
    .strictObject(
      {
        enabled: z.boolean({ error: `${rule}.enabled must be true or false` }).optional(),
        thresholds: z
          .strictObject(shape, {
            error: (issue) =>
              issue.code === 'unrecognized_keys'
                ? unknownKeys(issue.keys, `threshold for ${rule}`, names)
                : `${rule}.thresholds must be an object of named numbers`,
          })
          .optional(),
      },
      {
        error: (issue) =>
          issue.code === 'unrecognized_keys'
            ? unknownKeys(issue.keys, `setting for ${rule}`, ['enabled', 'thresholds'])
            : `${rule} must be an object with enabled and/or thresholds`,
      },
    )
    .optional();
}

const rulesShape = Object.fromEntries(RULE_IDS.map((id) => [id, ruleSchema(id)]));

/**
 * Validates a stored or submitted configuration: unknown rule ids, unknown threshold names, and
 * values that are not positive (or not whole where they must be) are refused, each with a message
 * that names the rule and threshold.
 */
export const patternConfigSchema = z
  .strictObject(
    {
      rules: z
        .strictObject(rulesShape, {
          error: (issue) =>
            issue.code === 'unrecognized_keys'
              ? unknownKeys(issue.keys, 'pattern rule', RULE_IDS)
              : 'rules must be an object keyed by rule id',
        })
        .default({}),
      episodes: z
        .strictObject(
          {
            pastAfterDays: z
              .number({ error: 'episodes.pastAfterDays must be a number' })
              .int({ error: 'episodes.pastAfterDays must be a whole number' })
              .positive({ error: 'episodes.pastAfterDays must be greater than 0' })
              .max(3653, { error: 'episodes.pastAfterDays must be at most 3653' })
              .optional(),
          },
          {
            error: (issue) =>
              issue.code === 'unrecognized_keys' ? unknownKeys(issue.keys, 'episode setting', ['pastAfterDays']) : 'episodes must be an object with pastAfterDays',
          },
        )
        .optional(),
    },
    {
      error: (issue) =>
        issue.code === 'unrecognized_keys'
          ? unknownKeys(issue.keys, 'configuration key', ['rules', 'episodes'])
          : 'a pattern configuration must be an object with "rules"',
    },
  )
  .superRefine((config, ctx) => {
    // Cross-threshold checks run on the merged values, since a partial configuration may set only one side.
    const rules = config.rules as PatternConfig['rules'];
    const fe = { ...DEFAULT_PATTERN_CONFIG.rules['frequency-escalation'].thresholds, ...rules['frequency-escalation']?.thresholds };
    if (fe.highRatio < fe.ratio) {
      ctx.addIssue({
        code: 'custom',
        path: ['rules', 'frequency-escalation', 'thresholds', 'highRatio'],
        message: `frequency-escalation.highRatio (${fe.highRatio}) must be at least ratio (${fe.ratio})`,
      });
    }
  }) as unknown as z.ZodType<PatternConfig, unknown>;
// The cast: the shape is built from the catalogue in a loop, so zod cannot infer the per-rule keys;
// the catalogue and PatternConfig are derived from the same table, so they agree.

export type ParsedPatternConfig = { ok: true; config: PatternConfig } | { ok: false; errors: string[] };

/** For the server and the settings form: every problem as a message, never a throw. */
export function parsePatternConfig(input: unknown): ParsedPatternConfig {
  const result = patternConfigSchema.safeParse(input);
  if (result.success) return { ok: true, config: result.data };
  return { ok: false, errors: result.error.issues.map((i) => i.message) };
}

/**
 * Fills in every rule and threshold not set in `partial` from the defaults. Throws on an invalid
 * configuration (an administrator's mistake must not quietly change what is highlighted);
 * validate with parsePatternConfig first to show the messages.
 */
export function resolveConfig(partial?: PatternConfig | null): ResolvedPatternConfig {
  if (partial === undefined || partial === null || partial === DEFAULT_PATTERN_CONFIG) return DEFAULT_PATTERN_CONFIG;
  const parsed = parsePatternConfig(partial);
  if (!parsed.ok) throw new RangeError(`invalid pattern configuration: ${parsed.errors.join('; ')}`);
  const rules: Record<string, { enabled: boolean; thresholds: Record<string, number> }> = {};
  for (const id of RULE_IDS) {
    const own: RuleConfig | undefined = parsed.config.rules[id];
    const base = DEFAULT_PATTERN_CONFIG.rules[id];
    rules[id] = {
      enabled: own?.enabled ?? base.enabled,
      thresholds: { ...base.thresholds, ...stripUndefined(own?.thresholds ?? {}) },
    };
  }
  return {
    rules,
    episodes: { pastAfterDays: parsed.config.episodes?.pastAfterDays ?? DEFAULT_PAST_AFTER_DAYS },
  } as ResolvedPatternConfig;
}

function stripUndefined(o: Record<string, number | undefined>): Record<string, number> {
  const out: Record<string, number> = {};
  for (const [k, v] of Object.entries(o)) if (v !== undefined) out[k] = v;
  return out;
}
