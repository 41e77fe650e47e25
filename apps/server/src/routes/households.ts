// Households (issue 14): link children's chronologies, and read a chronology's household. Rules and
// auditing in services/households.ts.
import { createRoute, z, type OpenAPIHono } from '@hono/zod-openapi';
import { HOUSEHOLD_MAX_CHILDREN, HOUSEHOLD_RELATIONSHIPS } from '@mac/domain';
import type { AppEnv } from '../http/env.js';
import { requirePrincipal } from '../http/require.js';
import { ErrorSchema, IdParam, errorResponses, jsonContent } from '../http/schemas.js';
import { addHouseholdChild, createHousehold, householdById, householdOf, removeHouseholdChild } from '../services/households.js';

const ChildLinkFields = {
  relationship: z.string().max(32).optional().openapi({ description: `One of ${HOUSEHOLD_RELATIONSHIPS.join(', ')} (default sibling)` }),
  from: z.string().max(40).optional().openapi({ description: 'Since when the child has lived in the household, where known (an exchange-format date: a day, month or year)' }),
  to: z.string().max(40).optional().openapi({ description: 'Until when (the child moved out), where known' }),
};

const CreateHouseholdSchema = z
  .object({
    chronologyIds: z.array(z.string().max(64)).max(HOUSEHOLD_MAX_CHILDREN * 2).openapi({ description: 'The children’s chronologies: at least two; you must be the lead professional of each' }),
    name: z.string().max(200).optional(),
    children: z
      .array(z.object({ chronologyId: z.string().max(64), ...ChildLinkFields }))
      .max(HOUSEHOLD_MAX_CHILDREN * 2)
      .optional()
      .openapi({ description: 'Relationship and dates for some of the children; the others are siblings with no dates' }),
  })
  .openapi('CreateHousehold');

const AddChildSchema = z.object({ chronologyId: z.string().max(64), ...ChildLinkFields }).openapi('AddHouseholdChild');

const SiblingSchema = z
  .object({
    chronologyId: z.string(),
    givenName: z.string(),
    familyName: z.string(),
    dateOfBirth: z.string().nullable(),
    lead: z.object({ name: z.string(), agency: z.string() }),
    relationship: z.enum(HOUSEHOLD_RELATIONSHIPS),
    from: z.string().nullable(),
    to: z.string().nullable(),
    canOpen: z.boolean().openapi({ description: 'Whether you may open this child’s chronology (its own members, or your emergency access)' }),
  })
  .openapi('HouseholdChild');

const HouseholdViewSchema = z
  .object({
    household: z.object({ id: z.string(), name: z.string().nullable() }).nullable(),
    children: z.array(SiblingSchema).openapi({ description: 'Every child in the household, the one asked about first; names, dates of birth and leads only' }),
  })
  .openapi('HouseholdView');

const HouseholdParam = z.object({ householdId: z.string().max(64).openapi({ param: { name: 'householdId', in: 'path' } }) });

const create = createRoute({
  method: 'post',
  path: '/api/households',
  tags: ['households'],
  summary: 'Link children who share a household (the lead professional of every chronology linked)',
  request: { body: { content: { 'application/json': { schema: CreateHouseholdSchema } }, required: true } },
  responses: { 201: jsonContent(z.object({ id: z.string() }), 'Created'), 409: jsonContent(ErrorSchema, 'A child is already in a household (already_in_household)'), ...errorResponses },
});

const addChild = createRoute({
  method: 'post',
  path: '/api/households/{householdId}/children',
  tags: ['households'],
  summary: 'Link one more child (a lead of a child already in the household who also leads the child added)',
  request: { params: HouseholdParam, body: { content: { 'application/json': { schema: AddChildSchema } }, required: true } },
  responses: { 201: jsonContent(z.object({ id: z.string(), chronologyId: z.string() }), 'Linked'), 409: jsonContent(ErrorSchema, 'The child is already in a household (already_in_household)'), ...errorResponses },
});

const removeChild = createRoute({
  method: 'delete',
  path: '/api/households/{householdId}/children/{chronologyId}',
  tags: ['households'],
  summary: 'End a child’s link to the household (a lead of any child in it); the link stays on record',
  request: { params: HouseholdParam.extend({ chronologyId: z.string().max(64).openapi({ param: { name: 'chronologyId', in: 'path' } }) }) },
  responses: { 204: { description: 'Removed' }, ...errorResponses },
});

const read = createRoute({
  method: 'get',
  path: '/api/chronologies/{id}/household',
  tags: ['households'],
  summary: 'The household this child is in, and its children (names, ages and leads only; never their entries)',
  request: { params: IdParam },
  responses: { 200: jsonContent(HouseholdViewSchema, 'The household, or null'), ...errorResponses },
});

const readById = createRoute({
  method: 'get',
  path: '/api/households/{householdId}',
  tags: ['households'],
  summary: 'A household and its current children, oldest first, for anyone who may see one of them (names, ages, leads and whether you may open each; never their entries)',
  request: { params: HouseholdParam },
  responses: {
    200: jsonContent(HouseholdViewSchema.extend({ household: z.object({ id: z.string(), name: z.string().nullable() }) }).openapi('Household'), 'The household'),
    ...errorResponses,
  },
});

export function registerHouseholdRoutes(app: OpenAPIHono<AppEnv>) {
  app.openapi(create, async (c) => {
    const created = await createHousehold(c.get('deps'), requirePrincipal(c), c.req.valid('json'), c.get('ip'));
    return c.json(created, 201);
  });

  app.openapi(addChild, async (c) => {
    const { householdId } = c.req.valid('param');
    const added = await addHouseholdChild(c.get('deps'), requirePrincipal(c), householdId, c.req.valid('json'), c.get('ip'));
    return c.json(added, 201);
  });

  app.openapi(removeChild, async (c) => {
    const { householdId, chronologyId } = c.req.valid('param');
    await removeHouseholdChild(c.get('deps'), requirePrincipal(c), householdId, chronologyId, c.get('ip'));
    return c.body(null, 204);
  });

  app.openapi(readById, async (c) => {
    const view = await householdById(c.get('deps'), requirePrincipal(c), c.req.valid('param').householdId, c.get('ip'));
    return c.json(view, 200);
  });

  app.openapi(read, async (c) => {
    const view = await householdOf(c.get('deps'), requirePrincipal(c), c.req.valid('param').id, c.get('ip'));
    return c.json(view, 200);
  });
}
