// The chronology entry: its fields, its limits, and the zod schemas that guard every way one is
// written (stored entry, new entry, amendment, withdrawal). The sync layer validates each incoming
// Yjs update against entrySchema, the REST API and the CSV import against entryInputSchema, so the
// messages here are the ones a practitioner reads: each names its field and says what is wrong.
//
// One module: the entry's fields, limits and every schema that writes one (stored, new, amendment,
// withdrawal) are kept together so a field is added in one place.
import { z } from 'zod';
import { parseChronoDate } from './dates.js';
import { findCategory, isCategorySlug } from './taxonomy.js';
import { bidiControlMessage, characters, hasBidiControls, hasVisibleText } from './text-rules.js';
import { normaliseScreening, parseAreaGrades, screeningProblems, SCREENING_FIELDS, type ScreeningResult } from './screening.js';
import { SEEN_ALONE_MESSAGE, SEEN_ALONE_VALUES } from './childs-voice.js';
import type { FieldError } from './errors.js';
import { personIdsProblem, samePersonIds } from './people.js';

export const ENTRY_FIELDS = [
  'id',
  'date',
  'time',
  'agency',
  'category',
  'summary',
  'detail',
  'impactOnChild',
  'actionTaken',
  'sourceRef',
  'recordedBy',
  'restricted',
  'authorId',
  'recordedAt',
  'status',
  'withdrawnReason',
  'sharing',
  'sharingReason',
  // Screening results (screening.ts): optional, absent on entries of other categories.
  'riskLevel',
  'score',
  'areaGrades',
  // The child's voice (childs-voice.ts): optional in the document, '' when not recorded.
  'childsVoice',
  'seenAlone',
  // The people named on the entry (people.ts): optional, absent when none.
  'personIds',
  // A household event's copy (issue 14): the event's id, shared by every child's copy; absent otherwise.
  // Set only by the server when the event is recorded (POST /api/households/:id/events), never changed.
  'householdEventId',
] as const;

export type EntryField = (typeof ENTRY_FIELDS)[number];

/** Fixed when an entry is recorded. `restricted` too: it decides which Yjs document holds the entry. */
export const IMMUTABLE_FIELDS = ['id', 'agency', 'authorId', 'recordedAt', 'restricted', 'householdEventId'] as const;

/** The fields a practitioner of the entry's agency may amend. */
export const AMENDABLE_FIELDS = [
  'date',
  'time',
  'category',
  'summary',
  'detail',
  'impactOnChild',
  'actionTaken',
  'sourceRef',
  'recordedBy',
  'sharing',
  'sharingReason',
  'riskLevel',
  'score',
  'areaGrades',
  'childsVoice',
  'seenAlone',
  'personIds',
] as const;

export type AmendableField = (typeof AMENDABLE_FIELDS)[number];

/** Maximum lengths, in characters (Unicode code points, as a person would count them). */
export const LIMITS = {
  summary: 200,
  detail: 10_000,
  impactOnChild: 10_000,
  actionTaken: 10_000,
  sourceRef: 200,
  recordedBy: 200,
  withdrawnReason: 1000,
  sharingReason: 1000,
  childsVoice: 10_000,
} as const;

export const ENTRY_STATUSES = ['active', 'withdrawn'] as const;
export type EntryStatus = (typeof ENTRY_STATUSES)[number];

/**
 * Who may see an entry in the family version of a conference pack. `undecided` is the default for a new
 * entry and an import that does not say: nobody has yet judged it safe to share, so the family version
 * withholds it (a domestic abuse disclosure must not reach the family because nobody changed a default).
 * Entries recorded before `undecided` existed keep their `family` or `professionals`.
 */
export const SHARING_LEVELS = ['family', 'professionals', 'undecided'] as const;
export type Sharing = (typeof SHARING_LEVELS)[number];
export const DEFAULT_SHARING: Sharing = 'undecided';

export const AGENCY_SLUG_PATTERN = /^[a-z0-9][a-z0-9-]{0,62}$/;
const TIME_PATTERN = /^([01]\d|2[0-3]):[0-5]\d$/;
const LOOSE_TIME_PATTERN = /^(\d{1,2}):(\d{2})$/;

// ---------------------------------------------------------------------------------------------
// Field schemas

function stringOf(field: string) {
  return z.string({
    error: (issue) => (issue.input === undefined ? `${field} is required` : `${field} must be text`),
  });
}

interface TextRules {
  max: number;
  /** Must hold a visible character (text-rules.ts): spaces and zero-width characters alone are empty. */
  required?: boolean;
  /** One line: no line breaks. */
  singleLine?: boolean;
  /** A one-line label (a summary, a reference, a name): no text-direction controls (text-rules.ts). */
  noBidi?: boolean;
}

function checkText(field: string, rules: TextRules) {
  return (value: string, ctx: z.core.$RefinementCtx<string>): void => {
    if (rules.required && !hasVisibleText(value)) {
      ctx.addIssue({
        code: 'custom',
        message: value.trim() === '' ? `${field} must not be empty` : `${field} must contain visible characters (spaces and invisible characters do not count)`,
        input: value,
      });
      return;
    }
    // A string never has more characters than UTF-16 code units: count only when it could be too long.
    const length = value.length > rules.max ? characters(value) : value.length;
    if (length > rules.max) {
      ctx.addIssue({
        code: 'custom',
        message: `${field} must be ${rules.max} characters or fewer (it has ${length})`,
        input: value,
      });
    }
    if (rules.singleLine && /[\r\n]/.test(value)) {
      ctx.addIssue({ code: 'custom', message: `${field} must be a single line`, input: value });
    }
    if (rules.noBidi && hasBidiControls(value)) {
      ctx.addIssue({ code: 'custom', message: bidiControlMessage(field), input: value });
    }
  };
}

/** Stored text: exactly as kept, so surrounding spaces are an error rather than silently trimmed. */
function storedText(field: string, rules: TextRules) {
  return stringOf(field).superRefine((value, ctx) => {
    if (rules.required && value !== value.trim()) {
      ctx.addIssue({ code: 'custom', message: `${field} must not start or end with spaces`, input: value });
    }
    checkText(field, rules)(value, ctx);
  });
}

/** Submitted text: trimmed first, as a form or a CSV cell may carry stray spaces. */
function inputText(field: string, rules: TextRules) {
  return stringOf(field).trim().superRefine(checkText(field, rules));
}

const storedDate = stringOf('date').superRefine((value, ctx) => {
  const parsed = parseChronoDate(value);
  if (!parsed.ok) {
    ctx.addIssue({ code: 'custom', message: `date: ${parsed.message}`, input: value, params: { understood: parsed.understood } });
  } else if (parsed.canonical !== value) {
    ctx.addIssue({ code: 'custom', message: `date must be stored in canonical form ("${parsed.canonical}")`, input: value });
  }
});

const inputDate = stringOf('date').transform((value, ctx) => {
  const parsed = parseChronoDate(value);
  if (!parsed.ok) {
    ctx.addIssue({ code: 'custom', message: `date: ${parsed.message}`, input: value, params: { understood: parsed.understood } });
    return z.NEVER;
  }
  return parsed.canonical;
});

const timeMessage = (value: string): string =>
  `time must be empty or HH:MM on the 24-hour clock, 00:00 to 23:59 (it is "${value}")`;

const storedTime = stringOf('time').superRefine((value, ctx) => {
  if (value !== '' && !TIME_PATTERN.test(value)) ctx.addIssue({ code: 'custom', message: timeMessage(value), input: value });
});

// Accepts 9:30 as well as 09:30, and stores the padded form.
const inputTime = stringOf('time')
  .trim()
  .transform((value, ctx) => {
    if (value === '') return '';
    const m = LOOSE_TIME_PATTERN.exec(value);
    const normal = m ? `${m[1]!.padStart(2, '0')}:${m[2]}` : value;
    if (!TIME_PATTERN.test(normal)) {
      ctx.addIssue({ code: 'custom', message: timeMessage(value), input: value });
      return z.NEVER;
    }
    return normal;
  });

const storedCategory = stringOf('category').superRefine((value, ctx) => {
  if (!isCategorySlug(value)) {
    ctx.addIssue({ code: 'custom', message: `category "${value}" is not a category slug of the vocabulary`, input: value });
  }
});

const inputCategory = stringOf('category').transform((value, ctx) => {
  const found = findCategory(value);
  if (found === undefined) {
    ctx.addIssue({
      code: 'custom',
      message:
        value.trim() === ''
          ? 'category is required'
          : `category "${value.trim()}" is not in the vocabulary (give a category slug or label)`,
      input: value,
    });
    return z.NEVER;
  }
  return found.slug;
});

const agencySlug = stringOf('agency').superRefine((value, ctx) => {
  if (!AGENCY_SLUG_PATTERN.test(value)) {
    ctx.addIssue({
      code: 'custom',
      message: `agency "${value}" is not an agency slug (lower-case letters, digits and hyphens, at most 63)`,
      input: value,
    });
  }
});

const status = z.enum(ENTRY_STATUSES, { error: 'status must be "active" or "withdrawn"' });
const sharing = z.enum(SHARING_LEVELS, { error: 'sharing must be "family", "professionals" or "undecided"' });
const restricted = z.boolean({ error: 'restricted must be true or false' });

// Screening results (screening.ts). Stored: typed as the domain keeps them, checked against the
// category by screeningProblems. Submitted: a level in any case, a score as a number or digits, area
// grades in any form parseAreaGrades reads; '' or null means none (in an amendment, null clears).
const storedRiskLevel = stringOf('riskLevel').optional();
const storedScore = z.number({ error: 'score must be a number' }).optional();
const storedAreaGrades = stringOf('areaGrades').optional();

const inputRiskLevel = z
  .union([z.string(), z.null()], { error: 'riskLevel must be text' })
  .transform((value) => (value === null || value.trim() === '' ? null : value.trim().toLowerCase()));

const inputScore = z
  .union([z.number(), z.string(), z.null()], { error: 'score must be a whole number' })
  .transform((value, ctx) => {
    if (value === null || (typeof value === 'string' && value.trim() === '')) return null;
    const n = typeof value === 'number' ? value : /^\s*\d{1,6}\s*$/.test(value) ? Number(value) : NaN;
    if (!Number.isInteger(n)) {
      ctx.addIssue({ code: 'custom', message: `score must be a whole number (it is "${String(value)}")`, input: value });
      return z.NEVER;
    }
    return n;
  });

const inputAreaGrades = z
  .union([z.string(), z.null()], { error: 'areaGrades must be text such as "physical-care:2,safety:3,…"' })
  .transform((value, ctx) => {
    if (value === null || value.trim() === '') return null;
    const parsed = parseAreaGrades(value);
    if (!parsed.ok) {
      ctx.addIssue({ code: 'custom', message: parsed.message, input: value });
      return z.NEVER;
    }
    return parsed.canonical;
  });

// The child's voice (childs-voice.ts). Stored: absent means '' (entries of older clients stay valid).
// Submitted: '' clears; seenAlone is one of its words exactly (the CSV reader lowers the case first).
const storedChildsVoice = storedText('childsVoice', { max: LIMITS.childsVoice }).default('');
const seenAlone = z.enum([...SEEN_ALONE_VALUES, ''], { error: SEEN_ALONE_MESSAGE });
const storedSeenAlone = seenAlone.default('');
const inputChildsVoice = inputText('childsVoice', { max: LIMITS.childsVoice });

// The people named on the entry (people.ts). Stored: absent when none (entries of older clients stay
// valid). Submitted: a list of person ids; [] names nobody (in an amendment, clears the list). Whether each
// id is a person linked to the chronology is for the server to say (it knows the people).
const personIdsList = z
  .array(z.string({ error: 'personIds must be a list of person ids' }), { error: 'personIds must be a list of person ids' })
  .superRefine((ids, ctx) => {
    const problem = personIdsProblem(ids);
    if (problem !== null) ctx.addIssue({ code: 'custom', message: problem, input: ids });
  });
const storedPersonIds = personIdsList.refine((ids) => ids.length > 0, { error: 'personIds must be left out when the entry names nobody' }).optional();
const inputPersonIds = personIdsList.optional();

type NullableScreening = { [K in keyof ScreeningResult]?: ScreeningResult[K] | null };

/** The fields that are set, nulls (none) left out. */
function screeningOf(value: NullableScreening): ScreeningResult {
  const out: ScreeningResult = {};
  for (const field of SCREENING_FIELDS) {
    const v = value[field];
    if (v !== null && v !== undefined) (out as Record<string, unknown>)[field] = v;
  }
  return out;
}

function checkScreening(value: { category?: string | undefined } & NullableScreening, ctx: z.core.$RefinementCtx<unknown>): void {
  if (value.category === undefined) return;
  const result = {
    category: value.category,
    riskLevel: value.riskLevel ?? undefined,
    score: value.score ?? undefined,
    areaGrades: value.areaGrades ?? undefined,
  };
  for (const problem of screeningProblems(result)) ctx.addIssue({ code: 'custom', path: [problem.field], message: problem.message });
}

// ---------------------------------------------------------------------------------------------
// The stored entry

export const entrySchema = z
  .strictObject(
    {
      id: z.uuid({ error: 'id must be a UUID' }),
      date: storedDate,
      time: storedTime,
      agency: agencySlug,
      category: storedCategory,
      summary: storedText('summary', { max: LIMITS.summary, required: true, singleLine: true, noBidi: true }),
      detail: storedText('detail', { max: LIMITS.detail }),
      impactOnChild: storedText('impactOnChild', { max: LIMITS.impactOnChild }),
      actionTaken: storedText('actionTaken', { max: LIMITS.actionTaken }),
      sourceRef: storedText('sourceRef', { max: LIMITS.sourceRef, noBidi: true }),
      recordedBy: storedText('recordedBy', { max: LIMITS.recordedBy, noBidi: true }),
      restricted,
      authorId: stringOf('authorId').min(1, { error: 'authorId must not be empty' }),
      recordedAt: z.iso.datetime({ offset: true, error: 'recordedAt must be an ISO 8601 instant (2023-04-05T10:30:00Z)' }),
      status,
      withdrawnReason: storedText('withdrawnReason', { max: LIMITS.withdrawnReason }),
      sharing,
      sharingReason: storedText('sharingReason', { max: LIMITS.sharingReason }),
      riskLevel: storedRiskLevel,
      score: storedScore,
      areaGrades: storedAreaGrades,
      childsVoice: storedChildsVoice,
      seenAlone: storedSeenAlone,
      personIds: storedPersonIds,
      householdEventId: z.uuid({ error: 'householdEventId must be a UUID' }).optional(),
    },
    { error: (issue) => (issue.code === 'unrecognized_keys' ? unknownKeysMessage(issue.keys) : undefined) },
  )
  .superRefine((entry, ctx) => {
    if (entry.status === 'withdrawn' && !hasVisibleText(entry.withdrawnReason)) {
      ctx.addIssue({ code: 'custom', path: ['withdrawnReason'], message: 'withdrawnReason is required when an entry is withdrawn' });
    }
    if (entry.status === 'active' && entry.withdrawnReason !== '') {
      ctx.addIssue({ code: 'custom', path: ['withdrawnReason'], message: 'withdrawnReason must be empty while the entry is active' });
    }
    if (entry.sharing === 'professionals' && !hasVisibleText(entry.sharingReason)) {
      ctx.addIssue({
        code: 'custom',
        path: ['sharingReason'],
        message: 'sharingReason is required when an entry is shared with professionals only',
      });
    }
    checkScreening(entry, ctx);
  });

export type Entry = z.output<typeof entrySchema>;

// Keeps ENTRY_FIELDS and the schema in step: a field added to one and not the other fails to compile.
type SameKeys<A, B> = [Exclude<A, B>, Exclude<B, A>] extends [never, never] ? true : never;
const fieldsMatchSchema: SameKeys<keyof Entry, EntryField> = true;
void fieldsMatchSchema;

// ---------------------------------------------------------------------------------------------
// A new entry, as submitted

function requireSharingReason(value: { sharing?: Sharing | undefined; sharingReason?: string | undefined }, ctx: z.core.$RefinementCtx<unknown>): void {
  if (value.sharing === 'professionals' && !hasVisibleText(value.sharingReason ?? '')) {
    ctx.addIssue({
      code: 'custom',
      path: ['sharingReason'],
      message: 'sharingReason is required when an entry is shared with professionals only',
    });
  }
}

export const entryInputSchema = z
  .strictObject(
    {
      date: inputDate,
      time: inputTime.default(''),
      category: inputCategory,
      summary: inputText('summary', { max: LIMITS.summary, required: true, singleLine: true, noBidi: true }),
      detail: inputText('detail', { max: LIMITS.detail }).default(''),
      impactOnChild: inputText('impactOnChild', { max: LIMITS.impactOnChild }).default(''),
      actionTaken: inputText('actionTaken', { max: LIMITS.actionTaken }).default(''),
      sourceRef: inputText('sourceRef', { max: LIMITS.sourceRef, noBidi: true }).default(''),
      recordedBy: inputText('recordedBy', { max: LIMITS.recordedBy, noBidi: true }).default(''),
      restricted: restricted.default(false),
      sharing: sharing.default(DEFAULT_SHARING),
      sharingReason: inputText('sharingReason', { max: LIMITS.sharingReason }).default(''),
      riskLevel: inputRiskLevel.optional(),
      score: inputScore.optional(),
      areaGrades: inputAreaGrades.optional(),
      childsVoice: inputChildsVoice.default(''),
      seenAlone: seenAlone.default(''),
      personIds: inputPersonIds,
    },
    { error: (issue) => (issue.code === 'unrecognized_keys' ? unknownKeysMessage(issue.keys) : undefined) },
  )
  .superRefine(requireSharingReason)
  .superRefine(checkScreening)
  // None is absent, not null; a Graded Care Profile's level is filled in from its worst area grade.
  .transform(({ riskLevel, score, areaGrades, ...rest }) => normaliseScreening({ ...rest, ...screeningOf({ riskLevel, score, areaGrades }) }));

/** A parsed submission: dates canonical, category a slug, every optional field filled. */
export type EntryInput = z.output<typeof entryInputSchema>;
/** What a client may send. */
export type EntryInputRaw = z.input<typeof entryInputSchema>;

// ---------------------------------------------------------------------------------------------
// An amendment

export const entryPatchSchema = z
  .strictObject(
    {
      date: inputDate.optional(),
      time: inputTime.optional(),
      category: inputCategory.optional(),
      summary: inputText('summary', { max: LIMITS.summary, required: true, singleLine: true, noBidi: true }).optional(),
      detail: inputText('detail', { max: LIMITS.detail }).optional(),
      impactOnChild: inputText('impactOnChild', { max: LIMITS.impactOnChild }).optional(),
      actionTaken: inputText('actionTaken', { max: LIMITS.actionTaken }).optional(),
      sourceRef: inputText('sourceRef', { max: LIMITS.sourceRef, noBidi: true }).optional(),
      recordedBy: inputText('recordedBy', { max: LIMITS.recordedBy, noBidi: true }).optional(),
      sharing: sharing.optional(),
      sharingReason: inputText('sharingReason', { max: LIMITS.sharingReason }).optional(),
      riskLevel: inputRiskLevel.optional(),
      score: inputScore.optional(),
      areaGrades: inputAreaGrades.optional(),
      childsVoice: inputChildsVoice.optional(),
      seenAlone: seenAlone.optional(),
      personIds: inputPersonIds,
    },
    { error: (issue) => (issue.code === 'unrecognized_keys' ? unknownKeysMessage(issue.keys) : undefined) },
  )
  .superRefine(
    (patch, ctx) => {
      if (Object.values(patch).every((v) => v === undefined)) {
        ctx.addIssue({ code: 'custom', message: 'an amendment must change at least one field' });
      }
    },
    // A patch of only refused fields already has its errors; "change at least one field" would mislead.
    { when: (payload) => payload.issues.length === 0 },
  )
  .superRefine((patch, ctx) => {
    // Only when the patch itself sets both: otherwise the reason may already be on the entry,
    // and the amended entry is checked against entrySchema anyway.
    if (patch.sharing === 'professionals' && patch.sharingReason !== undefined) requireSharingReason(patch, ctx);
  });

export type EntryPatch = z.output<typeof entryPatchSchema>;
export type EntryPatchRaw = z.input<typeof entryPatchSchema>;

export const withdrawSchema = z.strictObject(
  {
    reason: inputText('reason', { max: LIMITS.withdrawnReason, required: true }),
  },
  { error: (issue) => (issue.code === 'unrecognized_keys' ? unknownKeysMessage(issue.keys) : undefined) },
);

export type Withdrawal = z.output<typeof withdrawSchema>;

// ---------------------------------------------------------------------------------------------
// Operations

export interface NewEntryContext {
  id: string;
  agency: string;
  authorId: string;
  recordedAt: string;
  /** Only the server's household-event write sets it (one id on every child's copy). */
  householdEventId?: string;
}

export function newEntry(input: EntryInput, ctx: NewEntryContext): Entry {
  return {
    id: ctx.id,
    date: input.date,
    time: input.time,
    agency: ctx.agency,
    category: input.category,
    summary: input.summary,
    detail: input.detail,
    impactOnChild: input.impactOnChild,
    actionTaken: input.actionTaken,
    sourceRef: input.sourceRef,
    recordedBy: input.recordedBy,
    restricted: input.restricted,
    authorId: ctx.authorId,
    recordedAt: ctx.recordedAt,
    status: 'active',
    withdrawnReason: '',
    sharing: input.sharing,
    sharingReason: input.sharing === 'professionals' ? input.sharingReason : '',
    childsVoice: input.childsVoice,
    seenAlone: input.seenAlone,
    ...(input.personIds !== undefined && input.personIds.length > 0 ? { personIds: input.personIds } : {}),
    ...screeningOf(input),
    ...(ctx.householdEventId === undefined ? {} : { householdEventId: ctx.householdEventId }),
  };
}

/**
 * The entry with a parsed patch applied, and the fields that really changed (in ENTRY_FIELDS order),
 * for the audit record. Leaving professionals-only (for family or undecided) without a new reason clears
 * the professionals-only reason, which would otherwise linger unseen; likewise a category that is not the
 * screening tool's drops the screening result (normaliseScreening). The result is not validated here:
 * check it with entrySchema.
 */
export function applyPatch(entry: Entry, patch: EntryPatch): { entry: Entry; changed: AmendableField[] } {
  const next: Record<string, unknown> = { ...entry };
  for (const field of AMENDABLE_FIELDS) {
    const value = patch[field];
    if (value === undefined) continue;
    // null clears a screening field (the only fields that may be null); an empty list names nobody.
    if (value === null || (Array.isArray(value) && value.length === 0)) delete next[field];
    else next[field] = value;
  }
  if (patch.sharing !== undefined && patch.sharing !== 'professionals' && patch.sharingReason === undefined) next.sharingReason = '';
  // New area grades bring their own level (the worst grade), unless the patch states one to be checked.
  if (patch.areaGrades !== undefined && patch.riskLevel === undefined) delete next.riskLevel;
  const amended = normaliseScreening(next as Entry);
  const changed = AMENDABLE_FIELDS.filter((field) => (field === 'personIds' ? !samePersonIds(amended.personIds, entry.personIds) : amended[field] !== entry[field]));
  return { entry: amended, changed };
}

/** Withdrawal is one way: withdrawing a withdrawn entry is refused rather than rewriting its reason. */
export function withdrawEntry(entry: Entry, reason: string): Entry {
  if (entry.status === 'withdrawn') throw new Error(`entry ${entry.id} is already withdrawn`);
  const trimmed = reason.trim();
  if (!hasVisibleText(trimmed)) throw new Error('a reason is required to withdraw an entry');
  return { ...entry, status: 'withdrawn', withdrawnReason: trimmed };
}

// ---------------------------------------------------------------------------------------------
// Errors for people

function unknownKeyMessage(key: string): string {
  if ((IMMUTABLE_FIELDS as readonly string[]).includes(key)) {
    return `${key} cannot be changed: it is fixed when the entry is recorded`;
  }
  if (key === 'status' || key === 'withdrawnReason') return `${key} cannot be amended: withdraw the entry instead`;
  return `${key} is not a field of an entry`;
}

function unknownKeysMessage(keys: readonly string[]): string {
  return keys.map(unknownKeyMessage).join('; ');
}

/**
 * One message per problem, each naming its field, for forms, API answers and CSV reports.
 * Every issue is kept (not only the first), and for a date what was understood travels with it.
 */
export function fieldErrors(error: { issues: readonly z.core.$ZodIssue[] }): FieldError[] {
  const out: FieldError[] = [];
  for (const issue of error.issues) {
    const prefix = issue.path.map(String).join('.');
    if (issue.code === 'unrecognized_keys') {
      for (const key of issue.keys) {
        out.push({ field: prefix === '' ? key : `${prefix}.${key}`, message: unknownKeyMessage(key) });
      }
      continue;
    }
    const field = prefix;
    const message = field === '' || issue.message.startsWith(field) ? issue.message : `${field}: ${issue.message}`;
    const understood = issue.code === 'custom' ? (issue.params as { understood?: unknown } | undefined)?.understood : undefined;
    out.push(typeof understood === 'string' ? { field, message, understood } : { field, message });
  }
  return out;
}
