// The adults around the child (issue 14 item 3): people records, agencies' flags and merges. Rules and
// auditing in services/people.ts. Bodies are declared loosely here (any JSON object) and checked by the
// domain (packages/domain people.ts), so every 422 names its field in the domain's words.
import { createRoute, z, type OpenAPIHono } from '@hono/zod-openapi';
import { PERSON_FLAG_KINDS, PERSON_FLAG_SHARING, PERSON_RELATIONSHIPS } from '@mac/domain';
import type { AppEnv } from '../http/env.js';
import { requirePrincipal } from '../http/require.js';
import { ErrorSchema, IdParam, errorResponses, jsonContent } from '../http/schemas.js';
import {
  addPersonToChronology,
  addPersonToHousehold,
  flagPerson,
  mergePerson,
  peopleMergeSuggestions,
  peopleOfChronology,
  updatePerson,
  withdrawPersonFlag,
} from '../services/people.js';

const LinkFields = {
  relationship: z.string().max(40).openapi({ description: `How the adult stands to the child: one of ${PERSON_RELATIONSHIPS.join(', ')}` }),
  from: z.string().max(40).nullable().optional().openapi({ description: 'Since when, where known (an exchange-format date)' }),
  to: z.string().max(40).nullable().optional().openapi({ description: 'Until when, where known' }),
};

const NewPersonSchema = z
  .object({
    givenName: z.string().max(400),
    familyName: z.string().max(400),
    dateOfBirth: z.string().max(40).nullable().optional().openapi({ description: 'If known: a day, a month or a year (exchange-format date forms)' }),
    ...LinkFields,
  })
  .loose()
  .openapi('NewPerson');

const NewHouseholdPersonSchema = NewPersonSchema.extend({
  children: z
    .array(z.object({ chronologyId: z.string().max(64), ...LinkFields }).loose())
    .max(40)
    .optional()
    .openapi({ description: 'A relationship per child, where it differs from `relationship`' }),
}).openapi('NewHouseholdPerson');

const PersonPatchSchema = z
  .object({
    givenName: z.string().max(400).optional(),
    familyName: z.string().max(400).optional(),
    dateOfBirth: z.string().max(40).nullable().optional().openapi({ description: "'' or null: not known" }),
    relationships: z
      .array(z.object({ chronologyId: z.string().max(64), ...LinkFields }).loose())
      .max(40)
      .optional(),
  })
  .loose()
  .openapi('PersonPatch');

const FlagInputSchema = z
  .object({
    kind: z.string().max(64).openapi({ description: `One of ${PERSON_FLAG_KINDS.join(', ')}` }),
    reason: z.string().max(4000),
    sharing: z.string().max(32).openapi({ description: `${PERSON_FLAG_SHARING.join(' or ')}: agency = seen only by your agency` }),
  })
  .loose()
  .openapi('PersonFlagInput');

const FlagSchema = z
  .object({
    id: z.string(),
    kind: z.string(),
    reason: z.string(),
    sharing: z.string().openapi({ description: `${PERSON_FLAG_SHARING.join(' or ')}` }),
    agency: z.string(),
    createdAt: z.string(),
    createdBy: z.object({ id: z.string(), name: z.string() }),
    withdrawnAt: z.string().nullable(),
    withdrawnBy: z.object({ id: z.string(), name: z.string() }).nullable(),
    withdrawnReason: z.string().nullable(),
  })
  .openapi('PersonFlag');

const PersonSchema = z
  .object({
    id: z.string(),
    givenName: z.string(),
    familyName: z.string(),
    dateOfBirth: z.string().nullable(),
    mergedInto: z.string().nullable().openapi({ description: 'The record this one was merged into; entries naming this record mean that one' }),
    householdId: z.string().nullable(),
    createdAt: z.string(),
    createdAgency: z.string(),
    relationships: z.array(z.object({ chronologyId: z.string(), relationship: z.string(), from: z.string().nullable(), to: z.string().nullable() })).openapi({ description: 'To the children whose chronologies you may see' }),
    flags: z.array(FlagSchema).openapi({ description: 'The flags you may see (agency-only flags of other agencies are left out)' }),
  })
  .openapi('Person');

const PersonParam = z.object({ personId: z.string().max(64).openapi({ param: { name: 'personId', in: 'path' } }) });
const HouseholdParam = z.object({ householdId: z.string().max(64).openapi({ param: { name: 'householdId', in: 'path' } }) });

const list = createRoute({
  method: 'get',
  path: '/api/chronologies/{id}/people',
  tags: ['people'],
  summary: 'The people around this child that you may see, with the flags you may see',
  request: { params: IdParam },
  responses: { 200: jsonContent(z.object({ people: z.array(PersonSchema) }), 'The people'), ...errorResponses },
});

const addToChronology = createRoute({
  method: 'post',
  path: '/api/chronologies/{id}/people',
  tags: ['people'],
  summary: 'Add a person around this child (the lead, or a practitioner, DSL or lead of a member agency)',
  request: { params: IdParam, body: { content: { 'application/json': { schema: NewPersonSchema } }, required: true } },
  responses: { 201: jsonContent(z.object({ id: z.string() }), 'Added'), ...errorResponses },
});

const addToHousehold = createRoute({
  method: 'post',
  path: '/api/households/{householdId}/people',
  tags: ['people'],
  summary: 'Add a person of the household, linked to each child whose chronology your agency is a member of',
  request: { params: HouseholdParam, body: { content: { 'application/json': { schema: NewHouseholdPersonSchema } }, required: true } },
  responses: {
    201: jsonContent(z.object({ id: z.string(), chronologyIds: z.array(z.string()), skipped: z.array(z.object({ chronologyId: z.string(), reason: z.string() })) }), 'Added'),
    ...errorResponses,
  },
});

const update = createRoute({
  method: 'patch',
  path: '/api/people/{personId}',
  tags: ['people'],
  summary: 'Change a person’s name, date of birth or relationship to a child (a member agency of one of their children)',
  request: { params: PersonParam, body: { content: { 'application/json': { schema: PersonPatchSchema } }, required: true } },
  responses: { 200: jsonContent(PersonSchema, 'The person as changed'), ...errorResponses },
});

const flag = createRoute({
  method: 'post',
  path: '/api/people/{personId}/flags',
  tags: ['people'],
  summary: 'Flag a person for your agency (who and when are recorded by the server)',
  request: { params: PersonParam, body: { content: { 'application/json': { schema: FlagInputSchema } }, required: true } },
  responses: { 201: jsonContent(FlagSchema, 'Flagged'), ...errorResponses },
});

const withdrawFlag = createRoute({
  method: 'post',
  path: '/api/people/{personId}/flags/{flagId}/withdraw',
  tags: ['people'],
  summary: 'Withdraw your agency’s flag, with a reason (it stays on record)',
  request: {
    params: PersonParam.extend({ flagId: z.string().max(64).openapi({ param: { name: 'flagId', in: 'path' } }) }),
    body: { content: { 'application/json': { schema: z.object({ reason: z.string().max(4000) }).loose().openapi('PersonFlagWithdrawal') } }, required: true },
  },
  responses: { 200: jsonContent(FlagSchema, 'Withdrawn'), 409: jsonContent(ErrorSchema, 'Already withdrawn (already_withdrawn)'), ...errorResponses },
});

const suggestions = createRoute({
  method: 'get',
  path: '/api/chronologies/{id}/people/merge-suggestions',
  tags: ['people'],
  summary: 'Records that may be the same person (same name and date of birth) across this child’s household; never merged automatically',
  request: { params: IdParam },
  responses: {
    200: jsonContent(z.object({ suggestions: z.array(z.object({ reason: z.string(), people: z.array(PersonSchema), canMerge: z.boolean() })) }), 'Suggestions'),
    ...errorResponses,
  },
});

const merge = createRoute({
  method: 'post',
  path: '/api/people/{personId}/merge',
  tags: ['people'],
  summary: 'Merge this record into another record of the same person (a lead of both records’ chronologies); both are kept',
  request: { params: PersonParam, body: { content: { 'application/json': { schema: z.object({ intoPersonId: z.string().max(64) }).loose().openapi('PersonMerge') } }, required: true } },
  responses: { 200: jsonContent(z.object({ id: z.string(), mergedInto: z.string() }), 'Merged'), 409: jsonContent(ErrorSchema, 'Already merged (already_merged)'), ...errorResponses },
});

export function registerPeopleRoutes(app: OpenAPIHono<AppEnv>) {
  app.openapi(list, async (c) => c.json(await peopleOfChronology(c.get('deps'), requirePrincipal(c), c.req.valid('param').id, c.get('ip')), 200));

  app.openapi(addToChronology, async (c) => c.json(await addPersonToChronology(c.get('deps'), requirePrincipal(c), c.req.valid('param').id, c.req.valid('json'), c.get('ip')), 201));

  app.openapi(addToHousehold, async (c) =>
    c.json(await addPersonToHousehold(c.get('deps'), requirePrincipal(c), c.req.valid('param').householdId, c.req.valid('json'), c.get('ip')), 201),
  );

  app.openapi(update, async (c) => c.json(await updatePerson(c.get('deps'), requirePrincipal(c), c.req.valid('param').personId, c.req.valid('json'), c.get('ip')), 200));

  app.openapi(flag, async (c) => {
    const made = await flagPerson(c.get('deps'), requirePrincipal(c), c.req.valid('param').personId, c.req.valid('json'), c.get('ip'));
    return c.json(made, 201);
  });

  app.openapi(withdrawFlag, async (c) => {
    const { personId, flagId } = c.req.valid('param');
    const done = await withdrawPersonFlag(c.get('deps'), requirePrincipal(c), personId, flagId, c.req.valid('json'), c.get('ip'));
    return c.json(done, 200);
  });

  app.openapi(suggestions, async (c) => c.json(await peopleMergeSuggestions(c.get('deps'), requirePrincipal(c), c.req.valid('param').id, c.get('ip')), 200));

  app.openapi(merge, async (c) => c.json(await mergePerson(c.get('deps'), requirePrincipal(c), c.req.valid('param').personId, c.req.valid('json'), c.get('ip')), 200));
}
