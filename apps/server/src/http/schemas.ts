import { z } from '@hono/zod-openapi';
import { AGENCY_KINDS, entrySchema, LIMITS, SHARING_LEVELS, type AgencyKindSlug, type EntryField, type EntryInputRaw, type EntryPatchRaw } from '@mac/domain';

// Response and request shapes of the API, described once: the route definitions use them for validation
// and the OpenAPI document is generated from them. Entry fields come from @mac/domain's schema: its
// limits (LIMITS) and value sets are the ones documented here, and openapi.test.ts fails when an entry
// field of the domain is missing from the document.

/**
 * Entry text, documented with the domain's limit but not enforced here: the domain's schema counts
 * characters as a person does (code points; zod's max counts UTF-16 units) and names the field in its
 * message, and the route passes the body on to it.
 */
const entryText = (field: keyof typeof LIMITS) => z.string().openapi({ maxLength: LIMITS[field] });

export const ErrorSchema = z
  .object({
    error: z.object({
      code: z.string(),
      message: z.string(),
      fields: z.array(z.object({ field: z.string(), message: z.string() })).optional(),
    }),
  })
  .openapi('Error');

export const AgencySchema = z
  .object({ slug: z.string(), name: z.string(), kind: z.enum(AGENCY_KINDS.map((k) => k.slug) as [AgencyKindSlug, ...AgencyKindSlug[]]) })
  .openapi('Agency');

export const MeSchema = z
  .object({
    id: z.string(),
    email: z.string(),
    name: z.string(),
    role: z.enum(['practitioner', 'dsl', 'lead', 'admin']),
    agency: AgencySchema,
    hasPassword: z.boolean().openapi({ description: 'Whether the account has a password (an account that signs in only through single sign-on has none)' }),
  })
  .openapi('Me');

export const ChildSchema = z
  .object({
    givenName: z.string(),
    familyName: z.string(),
    dateOfBirth: z.string().nullable(),
    nhsNumber: z.string().nullable(),
  })
  .openapi('Child');

// The stored entry as the API sends it: the domain's own schema (entrySchema), field by field, so a
// field added to the domain is in the document, and so in the browser's generated types, with no edit
// here. Only documentation is added: the domain's limits (its checks count characters as a person
// does, which JSON Schema cannot say) and a description where a field needs one.
const ENTRY_DOCS: Partial<Record<EntryField, { description: string; example?: string }>> = {
  date: { description: 'Canonical exchange-format date: YYYY-MM-DD, YYYY-MM, YYYY, ? prefix, FROM..TO' },
  riskLevel: { description: 'Screening result level (screening categories only): standard/medium/high, low/medium/high, or a GCP2 grade 1-5' },
  score: { description: 'Domestic abuse risk checklist: number of yes answers, 0-27' },
  areaGrades: { description: 'Graded Care Profile 2 grades per area', example: 'physical-care:2,safety:3,emotional-care:1,developmental-care:4' },
  childsVoice: { description: "What the child said, did or showed, in their words where possible; '' when not recorded" },
  seenAlone: { description: "Whether the child was seen alone; '' when not recorded" },
  personIds: { description: 'The people around the child named on the entry (GET /api/chronologies/{id}/people); absent when none' },
  householdEventId: {
    description: 'The household event this entry is a copy of (every child’s copy carries the same id); absent for other entries. Set only by the server (POST /api/households/{householdId}/events); never accepted from a client.',
  },
};

const entryShape = entrySchema.shape;
export const EntrySchema = z
  .object(
    Object.fromEntries(
      Object.entries(entryShape).map(([field, schema]) => [
        field,
        // zod's own .meta() (which the OpenAPI generator reads): the domain's schemas may have been made
        // before @hono/zod-openapi added .openapi() to zod's instances.
        (schema as z.ZodType).meta({ ...(field in LIMITS ? { maxLength: LIMITS[field as keyof typeof LIMITS] } : {}), ...ENTRY_DOCS[field as EntryField] }),
      ]),
    ) as unknown as typeof entryShape,
  )
  .openapi('Entry');

const optionalText = (field: keyof typeof LIMITS) => entryText(field).optional();

// What a client may send for an entry, documented field by field. The SET of fields is the domain's: the
// map is typed by the keys of `entryInputSchema`'s input, so a field added to (or removed from) the domain
// fails to compile here until it is documented, and the patch takes its fields from `entryPatchSchema`
// the same way. Only the documentation is the server's: the domain's schema still does the checking
// (the body is passed on to it, so its messages name the field), which is why the types here are loose.
const ENTRY_INPUT_FIELDS = {
  date: z.string().openapi({ example: '05/04/2023', description: 'Any exchange-format date form' }),
  time: z.string().optional().openapi({ example: '14:30' }),
  category: z.string().openapi({ example: 'domestic-abuse-incident', description: 'Category slug or label' }),
  summary: entryText('summary'),
  detail: optionalText('detail'),
  impactOnChild: optionalText('impactOnChild'),
  actionTaken: optionalText('actionTaken'),
  sourceRef: optionalText('sourceRef'),
  recordedBy: optionalText('recordedBy'),
  restricted: z.boolean().optional(),
  sharing: z.enum(SHARING_LEVELS).optional().openapi({ description: 'Who may see the entry in the family version of a conference pack; undecided (withheld from the family) when absent' }),
  sharingReason: optionalText('sharingReason'),
  riskLevel: z.string().nullable().optional().openapi({ example: 'high', description: 'Screening categories only; null or empty for none' }),
  score: z.union([z.number(), z.string()]).nullable().optional().openapi({ example: 16, description: 'Domestic abuse risk checklist only: 0-27' }),
  areaGrades: z.string().nullable().optional().openapi({ example: '2,4,1,3', description: 'Graded Care Profile 2 only: a grade 1-5 per area' }),
  childsVoice: optionalText('childsVoice').openapi({ example: '"I hide in my room when they shout"', description: "The child's words, or what they did or showed; '' to clear" }),
  // A string here, checked by the domain schema, so a wrong value gets the domain's message naming the field.
  seenAlone: z.string().optional().openapi({ example: 'yes', description: 'Whether the child was seen alone: yes, no, not-applicable, or empty (not recorded)' }),
  // Any value here, checked by the domain schema and then against the chronology's people (422 naming personIds).
  personIds: z.array(z.string()).optional().openapi({ description: 'Person ids of people linked to this chronology (at most 20); [] names nobody (in an amendment, clears the list)' }),
} satisfies Record<keyof Required<EntryInputRaw>, z.ZodType>;

/** Every patchable field is an input field (compile-time): the patch below is cut from the input's docs. */
const PATCH_FIELDS = {
  date: true,
  time: true,
  category: true,
  summary: true,
  detail: true,
  impactOnChild: true,
  actionTaken: true,
  sourceRef: true,
  recordedBy: true,
  sharing: true,
  sharingReason: true,
  riskLevel: true,
  score: true,
  areaGrades: true,
  childsVoice: true,
  seenAlone: true,
  personIds: true,
} as const satisfies Record<keyof Required<EntryPatchRaw>, true>;

export const EntryInputSchema = z
  .object(ENTRY_INPUT_FIELDS)
  .loose()
  .openapi('EntryInput', { description: 'Validated by the domain entry schema; every field at fault is reported.' });

export const EntryPatchSchema = EntryInputSchema.pick(PATCH_FIELDS).partial().openapi('EntryPatch');

export const ChronologySummarySchema = z
  .object({
    id: z.string(),
    child: ChildSchema,
    lead: z.object({ id: z.string(), name: z.string(), agency: z.string() }),
    memberAgencies: z.array(z.string()),
    entryCount: z.number(),
    lastChangeAt: z.string().nullable(),
    openHighlights: z.number().nullable().openapi({
      description:
        'Highlighted patterns not yet reviewed. Null in the caseload list while the count is still being worked out (the list does not wait long for it): ask for the list again shortly',
    }),
    overdueActions: z.number().openapi({ description: 'Open actions past their due date (today in the partnership’s time zone)' }),
    createdAt: z.string(),
  })
  .openapi('ChronologySummary');

export const ChronologySchema = ChronologySummarySchema.extend({
  openHighlights: z.number().nullable().openapi({
    description:
      'Highlighted patterns not yet reviewed, worked out for you if it is not kept. With `openHighlights=kept`: the count already kept for you, or null when there is none (nothing is worked out for it); with `openHighlights=none`: null',
  }),
  emergencyAccessUntil: z.string().nullable().openapi({ description: "When the caller's emergency (break-glass) read-only access ends; null for members." }),
  docs: z.object({ shared: z.string(), restricted: z.string().nullable() }),
  permissions: z.object({
    canWrite: z.boolean(),
    isLead: z.boolean(),
    canReview: z.boolean(),
    canExport: z.boolean(),
    canFamilyExport: z.boolean(),
    canAudit: z.boolean(),
    readOnly: z.boolean(),
  }),
}).openapi('Chronology');

export const CreateChronologySchema = z
  .object({
    child: z.object({
      givenName: z.string().trim().min(1).max(100),
      familyName: z.string().trim().min(1).max(100),
      dateOfBirth: z.string().optional(),
      nhsNumber: z.string().optional(),
      upn: z.string().optional(),
    }),
    memberAgencies: z.array(z.string()).min(1).max(50),
  })
  .openapi('CreateChronology');

export const AuditRecordSchema = z
  .object({
    seq: z.number(),
    at: z.string(),
    actorId: z.string(),
    actorLabel: z.string(),
    actorAgency: z.string(),
    action: z.string(),
    outcome: z.string(),
    chronologyId: z.string().nullable(),
    entryId: z.string().nullable(),
    details: z.record(z.string(), z.unknown()),
  })
  .openapi('AuditRecord');

/**
 * What one change did to each field it touched: `{ field: { from, to } }`. Both keys are always there
 * (a value may be null or ''); z.unknown() would leave them optional in the document, so `required` says so.
 */
export const FieldChangesSchema = z.record(z.string(), z.object({ from: z.unknown(), to: z.unknown() }).openapi({ required: ['from', 'to'] }));

export const IdParam = z.object({ id: z.string().openapi({ param: { name: 'id', in: 'path' } }) });
export const EntryParams = IdParam.extend({ entryId: z.string().openapi({ param: { name: 'entryId', in: 'path' } }) });

export const jsonContent = <T extends z.ZodType>(schema: T, description: string) => ({
  content: { 'application/json': { schema } },
  description,
});

/**
 * 503: the server cannot take this now and says when to try again: code `server_busy` (a full queue for
 * packs, large pattern evaluations or old versions; memory pressure refusing a write) with Retry-After, or
 * `storage_unavailable` (the database cannot be reached or written; nothing was changed).
 */
export const busyResponse = {
  ...jsonContent(ErrorSchema, 'Busy (server_busy) or storage unavailable (storage_unavailable): nothing was changed; try again after Retry-After'),
  headers: { 'Retry-After': { description: 'Seconds to wait before trying again', schema: { type: 'integer' as const } } },
};

/** The error responses most routes can give, for the OpenAPI document. */
export const errorResponses = {
  401: jsonContent(ErrorSchema, 'Not signed in'),
  403: jsonContent(ErrorSchema, 'Not allowed'),
  404: jsonContent(ErrorSchema, 'Not found, or not visible to you'),
  422: jsonContent(ErrorSchema, 'Invalid input: every field at fault is listed'),
  503: busyResponse,
} as const;
