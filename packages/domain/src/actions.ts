// Actions (issue 15 item 3): what someone agreed to do about the child, with an owner (agency and
// person), a due date and the entries it is about. "Action taken" on an entry is free text that nobody
// follows up; an action is tracked until it is done (with its outcome) or cancelled (with the reason),
// and an open action past its due date is overdue: marked on the caseload and the chronology, and read
// by the pattern rule `action-overdue`.
//
// The schemas here are the only definition of an action's shape: the server's routes validate with
// them (and the OpenAPI document is generated from them), the browser's form checks with them.
// Everything here is pure: "today" is always an argument, worked out in the partnership's time zone
// by the caller (dates.ts todayIso).
import { z } from 'zod';
import { epochDay, parseChronoDate } from './dates.js';
import { isChronologyLead, type ChronologyAccess, type Decision, type Principal } from './permissions.js';
import { plural, pluralWord } from './plural.js';

export const ACTION_STATUSES = ['open', 'done', 'cancelled'] as const;
export type ActionStatus = (typeof ACTION_STATUSES)[number];

/** Where an action was raised: an entry's details, a highlight card, or the analysis. */
export const ACTION_SOURCES = ['entry', 'highlight', 'analysis'] as const;
export type ActionSource = (typeof ACTION_SOURCES)[number];

export const ACTION_STATUS_LABELS: Record<ActionStatus, string> = { open: 'Open', done: 'Done', cancelled: 'Cancelled' };
export const ACTION_SOURCE_LABELS: Record<ActionSource, string> = { entry: 'An entry', highlight: 'A highlight', analysis: 'The analysis' };

export const ACTION_LIMITS = {
  title: 500,
  notes: 4000,
  outcome: 4000,
  reason: 2000,
  sourceRef: 300,
  /** Entries one action may link to. */
  entryIds: 100,
} as const;

/** A calendar day, YYYY-MM-DD, that exists: the due date of an action (no month-only due dates). */
export function isCalendarDay(text: string): boolean {
  return /^\d{4}-\d{2}-\d{2}$/.test(text) && parseChronoDate(text).ok;
}

const text = (field: string, max: number) =>
  z
    .string({ error: `${field} must be text` })
    .max(max, { error: `${field} must be at most ${max} characters` })
    .transform((s) => s.trim());

const requiredText = (field: string, label: string, max: number) =>
  text(field, max).refine((s) => s.length > 0, { error: `Enter ${label}` });

const dueDate = z
  .string({ error: 'Enter the due date' })
  .refine(isCalendarDay, { error: 'The due date must be a real date, written YYYY-MM-DD' })
  .meta({ description: 'A calendar day, YYYY-MM-DD' });

const id = (field: string) => z.string({ error: `${field} must be text` }).min(1, { error: `Choose ${field}` }).max(64, { error: `${field} is too long` });

/** Names the fields nobody asked for ("status is not a field of a new action"), rather than zod's wording. */
const unknownFields = (what: string) => ({
  error: (issue: { code?: string; keys?: string[] }) =>
    issue.code === 'unrecognized_keys' ? `${(issue.keys ?? []).join(', ')} ${pluralWord((issue.keys ?? []).length, 'is not a field', 'are not fields')} of ${what}` : undefined,
});

const entryIds = z
  .array(z.string().max(64), { error: 'entryIds must be a list of entry ids' })
  .max(ACTION_LIMITS.entryIds, { error: `An action may link to at most ${ACTION_LIMITS.entryIds} entries` })
  .transform((ids) => [...new Set(ids)]);

/** POST /api/chronologies/:id/actions. */
export const actionCreateSchema = z.strictObject({
  title: requiredText('title', 'what is to be done', ACTION_LIMITS.title).meta({ description: 'What is to be done, in a sentence' }),
  notes: text('notes', ACTION_LIMITS.notes).optional().meta({ description: 'Internal notes for professionals (never in the family version of a pack)' }),
  ownerAgency: id('the owner agency').meta({ description: 'The agency that owns the action: a member agency of the chronology' }),
  ownerUserId: id('the owner').meta({ description: 'The person who owns it: a user of the owner agency' }),
  dueDate,
  entryIds: entryIds.optional().meta({ description: 'Entries of this chronology the action is about' }),
  source: z.enum(ACTION_SOURCES, { error: `source must be one of ${ACTION_SOURCES.join(', ')}` }),
  sourceRef: text('sourceRef', ACTION_LIMITS.sourceRef)
    .optional()
    .meta({ description: 'The entry id (source entry), the highlight id (source highlight); empty for the analysis' }),
}, unknownFields('a new action'));
export type ActionCreateInput = z.input<typeof actionCreateSchema>;
export type ActionCreate = z.output<typeof actionCreateSchema>;

/**
 * PATCH /api/chronologies/:id/actions/:actionId. A status change carries what it needs: `done` an
 * outcome, `cancelled` a reason (each refused, naming the field, without it). Reopening (`open`) clears
 * neither: the history keeps both.
 */
export const actionPatchSchema = z
  .strictObject({
    status: z.enum(ACTION_STATUSES, { error: `status must be one of ${ACTION_STATUSES.join(', ')}` }).optional(),
    outcome: text('outcome', ACTION_LIMITS.outcome).optional().meta({ description: 'What was done: required when status becomes done' }),
    reason: text('reason', ACTION_LIMITS.reason).optional().meta({ description: 'Why it is no longer needed: required when status becomes cancelled' }),
    dueDate: dueDate.optional(),
    ownerAgency: id('the owner agency').optional(),
    ownerUserId: id('the owner').optional(),
    title: requiredText('title', 'what is to be done', ACTION_LIMITS.title).optional(),
    notes: text('notes', ACTION_LIMITS.notes).optional(),
  }, unknownFields('an action change'))
  .superRefine((patch, ctx) => {
    if (Object.values(patch).every((v) => v === undefined)) ctx.addIssue({ code: 'custom', path: [], message: 'Nothing to change' });
    if (patch.status === 'done' && !patch.outcome) ctx.addIssue({ code: 'custom', path: ['outcome'], message: 'Enter the outcome: what was done' });
    if (patch.status === 'cancelled' && !patch.reason) ctx.addIssue({ code: 'custom', path: ['reason'], message: 'Enter the reason the action was cancelled' });
    if (patch.outcome && patch.status !== 'done') ctx.addIssue({ code: 'custom', path: ['outcome'], message: 'An outcome is recorded when the action is marked done' });
    if (patch.reason && patch.status !== 'cancelled') ctx.addIssue({ code: 'custom', path: ['reason'], message: 'A reason is recorded when the action is cancelled' });
    if ((patch.ownerAgency === undefined) !== (patch.ownerUserId === undefined)) {
      ctx.addIssue({ code: 'custom', path: [patch.ownerAgency === undefined ? 'ownerAgency' : 'ownerUserId'], message: 'Change the owner agency and the owner together' });
    }
  });
export type ActionPatchInput = z.input<typeof actionPatchSchema>;
export type ActionPatch = z.output<typeof actionPatchSchema>;

/** An action as stored and as the API returns it (entry links filtered to what the reader may see). */
export const actionItemSchema = z.object({
  id: z.string(),
  chronologyId: z.string(),
  title: z.string(),
  notes: z.string(),
  ownerAgency: z.string(),
  ownerUserId: z.string(),
  dueDate: z.string().meta({ description: 'A calendar day, YYYY-MM-DD' }),
  status: z.enum(ACTION_STATUSES),
  outcome: z.string().nullable(),
  reason: z.string().nullable(),
  source: z.enum(ACTION_SOURCES),
  sourceRef: z.string(),
  entryIds: z.array(z.string()),
  createdAt: z.string(),
  createdBy: z.string(),
  updatedAt: z.string(),
  updatedBy: z.string(),
});
export type ActionItem = z.infer<typeof actionItemSchema>;

/** One kept change of an action: who, when, and each changed field's value before and after. */
export interface ActionChange {
  actionId: string;
  at: string;
  by: string;
  kind: 'create' | 'update';
  changes: Record<string, { from: unknown; to: unknown }>;
}

/** The fields a change may touch, in the order a history shows them. */
export const ACTION_CHANGE_FIELDS = ['title', 'notes', 'ownerAgency', 'ownerUserId', 'dueDate', 'status', 'outcome', 'reason'] as const;

/** What a patch changes on an action: the new values, and each field's before and after (unchanged fields left out). */
export function applyActionPatch(action: ActionItem, patch: ActionPatch): { next: ActionItem; changes: ActionChange['changes'] } {
  const next: ActionItem = { ...action };
  const changes: ActionChange['changes'] = {};
  const set = <K extends (typeof ACTION_CHANGE_FIELDS)[number]>(field: K, value: ActionItem[K] | undefined) => {
    if (value === undefined || value === action[field]) return;
    (next as unknown as Record<string, unknown>)[field] = value;
    changes[field] = { from: action[field], to: value };
  };
  set('title', patch.title);
  set('notes', patch.notes);
  set('ownerAgency', patch.ownerAgency);
  set('ownerUserId', patch.ownerUserId);
  set('dueDate', patch.dueDate);
  set('status', patch.status);
  set('outcome', patch.outcome);
  set('reason', patch.reason);
  return { next, changes };
}

/**
 * Who may change an action: its owner agency (any of its people, or its system) or the chronology's
 * lead. Everyone else who can see the chronology is refused (403: they can see the action). The caller
 * has already checked that the principal may see the chronology.
 */
export function decideActionChange(principal: Principal, chronology: ChronologyAccess, action: Pick<ActionItem, 'ownerAgency'>): Decision {
  if (principal.agency === action.ownerAgency || isChronologyLead(principal, chronology)) return { allowed: true };
  return { allowed: false, status: 403, reason: 'only the agency that owns an action, or the lead professional, may change it' };
}

/** Open, and its due date before today (today in the partnership's time zone, YYYY-MM-DD). Due today is not overdue. */
export function isOverdue(action: Pick<ActionItem, 'status' | 'dueDate'>, today: string): boolean {
  return action.status === 'open' && action.dueDate < today;
}

/** Whole days past the due date (0 when not overdue). */
export function daysOverdue(action: Pick<ActionItem, 'status' | 'dueDate'>, today: string): number {
  return isOverdue(action, today) ? epochDay(today) - epochDay(action.dueDate) : 0;
}

/** The overdue actions among `actions`, the longest overdue first (then by id, so the order is total). */
export function overdueActions<A extends Pick<ActionItem, 'id' | 'status' | 'dueDate'>>(actions: readonly A[], today: string): A[] {
  return actions.filter((a) => isOverdue(a, today)).sort((a, b) => (a.dueDate < b.dueDate ? -1 : a.dueDate > b.dueDate ? 1 : a.id < b.id ? -1 : a.id > b.id ? 1 : 0));
}

/** "Overdue by 12 days", "Due today", "Due in 3 days", "Done", "Cancelled": words, so overdue is never colour alone. */
export function actionDueText(action: Pick<ActionItem, 'status' | 'dueDate'>, today: string): string {
  if (action.status !== 'open') return ACTION_STATUS_LABELS[action.status];
  const d = epochDay(action.dueDate) - epochDay(today);
  if (d < 0) return `Overdue by ${plural(-d, 'day')}`;
  if (d === 0) return 'Due today';
  return `Due in ${plural(d, 'day')}`;
}

/**
 * An action as a conference pack carries it. Professional version: what, the owner agency and person,
 * due date, where it stands (in words: "Overdue by 12 days"), the outcome or the reason it was cancelled,
 * the internal notes, and the linked entries that are in the pack. Family version: what is to be done,
 * which agency owns it, when it is due and where it stands, nothing else: not the person, the internal
 * notes, the outcome or cancellation text (written for professionals), nor which entries it is about
 * (some may be withheld from the family).
 */
export const packActionSchema = z.strictObject({
  title: z.string(),
  ownerAgency: z.string(),
  ownerAgencyName: z.string(),
  dueDate: z.string(),
  status: z.enum(ACTION_STATUSES),
  overdue: z.boolean(),
  /** "Overdue by 12 days", "Due in 3 days", "Done", "Cancelled". */
  standing: z.string(),
  /** Professional version only (absent in the family version). */
  ownerName: z.string().optional(),
  outcome: z.string().nullable().optional(),
  reason: z.string().nullable().optional(),
  notes: z.string().optional(),
  entryIds: z.array(z.string()).optional(),
});
export type PackAction = z.output<typeof packActionSchema>;

/**
 * The chronology's actions for a pack of `kind`, judged overdue against `today`. Only links to entries in
 * the pack (`inPack`) are kept; open actions first, the soonest due first.
 */
export function actionsForPack(
  actions: readonly ActionItem[],
  kind: 'professional' | 'family',
  today: string,
  names: { agency: (slug: string) => string; person: (id: string) => string },
  inPack: ReadonlySet<string>,
): PackAction[] {
  const order = (a: ActionItem) => (a.status === 'open' ? 0 : 1);
  return [...actions]
    .sort((a, b) => order(a) - order(b) || (a.dueDate < b.dueDate ? -1 : a.dueDate > b.dueDate ? 1 : a.id < b.id ? -1 : 1))
    .map((a) => {
      const shown: PackAction = {
        title: a.title,
        ownerAgency: a.ownerAgency,
        ownerAgencyName: names.agency(a.ownerAgency),
        dueDate: a.dueDate,
        status: a.status,
        overdue: isOverdue(a, today),
        standing: actionDueText(a, today),
      };
      if (kind === 'family') return shown;
      return { ...shown, ownerName: names.person(a.ownerUserId), outcome: a.outcome, reason: a.reason, notes: a.notes, entryIds: a.entryIds.filter((id) => inPack.has(id)) };
    });
}
