// The entry form's values, and their validation with the domain's own schemas, so the form refuses
// exactly what the server would refuse, with messages written for the person at the keyboard
// (GOV.UK style: say what to do, name the field as it is labelled).
import {
  AMENDABLE_FIELDS,
  DEFAULT_SHARING,
  LIMITS,
  applyPatch,
  docValueOf,
  entryInputSchema,
  entryPatchSchema,
  entrySchema,
  fieldErrors,
  parseChronoDate,
  samePersonIds,
  screeningToolOf,
  SCREENING_FIELDS,
  type AmendableField,
  type Entry,
  type EntryInput,
  type SeenAlone,
  type Sharing,
} from '@mac/domain';
import { screeningMessage } from './screening-form-model.js';

export interface EntryFormValues {
  date: string;
  time: string;
  category: string;
  summary: string;
  detail: string;
  impactOnChild: string;
  actionTaken: string;
  sourceRef: string;
  recordedBy: string;
  restricted: boolean;
  sharing: Sharing;
  sharingReason: string;
  /** Screening results (only for the screening categories; see screening-fields-model.ts). */
  riskLevel: string;
  score: string;
  /** `area:grade` pairs of the areas graded so far, e.g. "physical-care:2,safety:3". */
  areaGrades: string;
  /** What the child said, did or showed, in their words where possible. */
  childsVoice: string;
  /** '' until the practitioner answers. */
  seenAlone: SeenAlone;
  /** The people around the child named on the entry (person ids), in the order they were ticked. */
  personIds: string[];
}

export type FormField = keyof EntryFormValues;

export interface FormError {
  /** The field at fault, or 'form' for the submission as a whole. */
  readonly field: FormField | 'form';
  readonly message: string;
  /** For a date: what was understood of it. */
  readonly understood?: string;
}

export const EMPTY_ENTRY_FORM: EntryFormValues = {
  date: '',
  time: '',
  category: '',
  summary: '',
  detail: '',
  impactOnChild: '',
  actionTaken: '',
  sourceRef: '',
  recordedBy: '',
  restricted: false,
  // Nobody has decided yet whether the family may see a new entry: the family version withholds it.
  sharing: DEFAULT_SHARING,
  sharingReason: '',
  riskLevel: '',
  score: '',
  areaGrades: '',
  childsVoice: '',
  seenAlone: '',
  personIds: [],
};

/** The order fields appear in the form, which is the order of the error summary. */
export const FORM_FIELDS: readonly FormField[] = [
  'date',
  'time',
  'category',
  'riskLevel',
  'score',
  'areaGrades',
  'summary',
  'detail',
  'impactOnChild',
  'childsVoice',
  'seenAlone',
  'personIds',
  'actionTaken',
  'sourceRef',
  'recordedBy',
  'restricted',
  'sharing',
  'sharingReason',
];

export const FIELD_LABELS: Record<FormField, string> = {
  date: 'Date',
  time: 'Time',
  category: 'Category',
  summary: 'Summary',
  detail: 'Detail',
  impactOnChild: 'Impact on the child',
  actionTaken: 'Action taken',
  sourceRef: 'Source reference',
  recordedBy: 'Recorded by',
  restricted: 'Restricted to my agency',
  sharing: 'Sharing with the family',
  sharingReason: 'Reason for professionals only',
  riskLevel: 'Risk level',
  score: 'Number of yes answers',
  areaGrades: 'Area grades',
  childsVoice: "The child's voice",
  seenAlone: 'Seen alone',
  personIds: 'People involved',
};

const REQUIRED: Partial<Record<FormField, string>> = {
  date: 'Enter the date of the event',
  category: 'Select a category',
  summary: 'Enter a summary of what happened',
  sharingReason: 'Enter why this entry is for professionals only',
};

/** Messages for fields whose domain wording names a value list rather than what to do. */
const CHOICE: Partial<Record<FormField, string>> = {
  seenAlone: 'Select whether the child was seen alone, or leave it unanswered',
};

/** The stored date in the form people type in the UK: 2023-04-05 → 05/04/2023, 2023-04 → 04/2023. */
export function editableDate(canonical: string): string {
  return canonical
    .split('..')
    .map((side) => {
      const approx = side.startsWith('?') ? '?' : '';
      const bare = approx ? side.slice(1) : side;
      const m = /^(\d{4})(?:-(\d{2}))?(?:-(\d{2}))?$/.exec(bare);
      if (!m) return side;
      const [, y, mo, d] = m;
      if (d) return `${approx}${d}/${mo}/${y}`;
      if (mo) return `${approx}${mo}/${y}`;
      return `${approx}${y}`;
    })
    .join('..');
}

export function formFromEntry(entry: Entry): EntryFormValues {
  return {
    date: editableDate(entry.date),
    time: entry.time,
    category: entry.category,
    summary: entry.summary,
    detail: entry.detail,
    impactOnChild: entry.impactOnChild,
    actionTaken: entry.actionTaken,
    sourceRef: entry.sourceRef,
    recordedBy: entry.recordedBy,
    restricted: entry.restricted,
    sharing: entry.sharing,
    sharingReason: entry.sharingReason,
    riskLevel: entry.riskLevel ?? '',
    score: entry.score === undefined ? '' : String(entry.score),
    areaGrades: entry.areaGrades ?? '',
    childsVoice: entry.childsVoice ?? '',
    seenAlone: entry.seenAlone ?? '',
    personIds: [...(entry.personIds ?? [])],
  };
}

/**
 * Whether `values` differ from what the form opened with (empty, or the entry being amended): leaving
 * would lose them. Text that differs only in surrounding spaces is not a change anyone would miss.
 */
export function formChanged(values: EntryFormValues, baseline: EntryFormValues): boolean {
  return (Object.keys(baseline) as FormField[]).some((key) => {
    const a = values[key];
    const b = baseline[key];
    if (Array.isArray(a) || Array.isArray(b)) return !samePersonIds(a as string[], b as string[]);
    return typeof a === 'string' && typeof b === 'string' ? a.trim() !== b.trim() : a !== b;
  });
}

/**
 * The screening values the chosen category uses, the others left out: a field the form does not show
 * for that category must not be submitted (nor produce an error the person cannot see).
 */
function screeningValues(values: EntryFormValues): Partial<Record<'riskLevel' | 'score' | 'areaGrades', string>> {
  const tool = screeningToolOf(values.category);
  if (tool === undefined) return {};
  const out: Partial<Record<'riskLevel' | 'score' | 'areaGrades', string>> = {};
  // A Graded Care Profile's level is its worst area grade: the form shows it, the domain fills it in.
  if (!tool.areas) out.riskLevel = values.riskLevel;
  if (tool.score !== null) out.score = values.score;
  if (tool.areas) out.areaGrades = values.areaGrades;
  return out;
}

function isFormField(field: string): field is FormField {
  return (FORM_FIELDS as readonly string[]).includes(field);
}

function capitalise(text: string): string {
  return text.charAt(0).toUpperCase() + text.slice(1);
}

/** A domain message rewritten for the form: the field's label instead of its key, or a GOV.UK instruction. */
export function humanise(field: FormField | 'form', message: string): string {
  if (field === 'form') return capitalise(message);
  if (field === 'riskLevel' || field === 'score' || field === 'areaGrades') {
    const worded = screeningMessage(field, message);
    if (worded !== null) return worded;
  }
  if (CHOICE[field] && message.startsWith(`${field} must be`)) return CHOICE[field]!;
  let text = message.startsWith(`${field}: `) ? message.slice(field.length + 2) : message;
  if (/must not be empty|is required|a date is required/.test(text) && REQUIRED[field]) return REQUIRED[field]!;
  if (text.startsWith(`${field} `)) text = `${FIELD_LABELS[field]}${text.slice(field.length)}`;
  return capitalise(text);
}

function toFormErrors(issues: ReturnType<typeof fieldErrors>): FormError[] {
  const out: FormError[] = [];
  for (const issue of issues) {
    const field: FormField | 'form' = isFormField(issue.field) ? issue.field : 'form';
    const error: FormError = { field, message: humanise(field, issue.message), ...(issue.understood ? { understood: issue.understood } : {}) };
    // One message per field is enough for a person; the first is the most basic problem.
    if (field !== 'form' && out.some((e) => e.field === field)) continue;
    out.push(error);
  }
  return out.sort((a, b) => order(a.field) - order(b.field));
}

function order(field: FormField | 'form'): number {
  return field === 'form' ? -1 : FORM_FIELDS.indexOf(field);
}

export type CreateResult = { ok: true; input: EntryInput } | { ok: false; errors: FormError[] };

export function validateCreate(values: EntryFormValues): CreateResult {
  const { riskLevel: _r, score: _s, areaGrades: _a, ...plain } = values;
  const result = entryInputSchema.safeParse({ ...plain, ...screeningValues(values), sharingReason: values.sharing === 'professionals' ? values.sharingReason : '' });
  if (result.success) return { ok: true, input: result.data };
  return { ok: false, errors: toFormErrors(fieldErrors(result.error)) };
}

export type Changes = Partial<Record<AmendableField, string>>;
export type AmendResult = { ok: true; changes: Changes } | { ok: false; errors: FormError[] };

/**
 * The fields the form changes, validated as an amendment and then as the whole amended entry (a
 * professionals-only entry needs its reason even if only the sharing changed). Only fields that
 * differ are returned, so the history shows exactly what was changed.
 */
export function validateAmend(entry: Entry, values: EntryFormValues): AmendResult {
  const patch: Record<string, string | string[] | null> = {};
  const screening = screeningValues(values);
  for (const field of AMENDABLE_FIELDS) {
    if ((SCREENING_FIELDS as readonly string[]).includes(field)) {
      const value = screening[field as keyof typeof screening];
      const stored = docValueOf(entry, field);
      // Not shown for this category: left to applyPatch, which drops results that no longer apply.
      if (value === undefined || value.trim() === stored) continue;
      patch[field] = value.trim() === '' ? null : value;
      continue;
    }
    if (field === 'personIds') {
      if (!samePersonIds(values.personIds, entry.personIds)) patch.personIds = values.personIds;
      continue;
    }
    const value = field === 'sharingReason' && values.sharing !== 'professionals' ? '' : values[field];
    if (field === 'date') {
      const parsed = parseChronoDate(value);
      if (parsed.ok && parsed.canonical === entry.date) continue;
    } else if (value.trim() === (entry[field] ?? '')) {
      continue;
    }
    patch[field] = value;
  }
  if (Object.keys(patch).length === 0) return { ok: false, errors: [{ field: 'form', message: 'You have not changed anything. Change a field, or cancel.' }] };
  const parsed = entryPatchSchema.safeParse(patch);
  if (!parsed.success) return { ok: false, errors: toFormErrors(fieldErrors(parsed.error)) };
  const { entry: next, changed } = applyPatch(entry, parsed.data);
  const whole = entrySchema.safeParse(next);
  if (!whole.success) return { ok: false, errors: toFormErrors(fieldErrors(whole.error)) };
  if (changed.length === 0) return { ok: false, errors: [{ field: 'form', message: 'You have not changed anything. Change a field, or cancel.' }] };
  const changes: Changes = {};
  for (const field of changed) changes[field] = docValueOf(next, field) as string;
  return { ok: true, changes };
}

export function withdrawalError(reason: string): string | null {
  const trimmed = reason.trim();
  if (trimmed === '') return 'Enter why you are withdrawing this entry';
  if ([...trimmed].length > LIMITS.withdrawnReason) return `The reason must be ${LIMITS.withdrawnReason} characters or fewer`;
  return null;
}

/** What the date field says it understood, live as the user types. */
export function dateFeedback(text: string): { ok: boolean; message: string } | null {
  if (text.trim() === '') return null;
  const parsed = parseChronoDate(text);
  if (parsed.ok) return { ok: true, message: `We read this as: ${parsed.understood}` };
  return { ok: false, message: parsed.understood ? `We read this as ${parsed.understood}, but ${lowerFirst(parsed.message)}` : parsed.message };
}

function lowerFirst(text: string): string {
  return text.charAt(0).toLowerCase() + text.slice(1);
}
