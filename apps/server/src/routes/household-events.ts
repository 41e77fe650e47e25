// Household events (issue 14, item 2): record one event once for a household (a copy on each chosen child's
// chronology), and find an entry's copies on the siblings' chronologies. Rules, the unit of work and the
// auditing in services/household-events.ts; changes carried between copies by services/household-copies.ts.
import { createRoute, z, type OpenAPIHono } from '@hono/zod-openapi';
import { HOUSEHOLD_MAX_CHILDREN } from '@mac/domain';
import type { AppEnv } from '../http/env.js';
import { requirePrincipal } from '../http/require.js';
import { EntryInputSchema, EntryParams, errorResponses, jsonContent } from '../http/schemas.js';
import { householdCopiesOf, recordHouseholdEvent } from '../services/household-events.js';

const HouseholdParam = z.object({ householdId: z.string().max(64).openapi({ param: { name: 'householdId', in: 'path' } }) });

const HouseholdEventInputSchema = EntryInputSchema.extend({
  chronologyIds: z
    .array(z.string().max(64))
    .max(HOUSEHOLD_MAX_CHILDREN)
    .optional()
    .openapi({ description: 'Which children of the household get a copy (default: all of them). Only children whose chronology your agency is a member of get one; the others are listed in `skipped`.' }),
}).openapi('HouseholdEventInput', { description: 'An entry’s fields (validated like a new entry: every field at fault is reported) and, optionally, the children.' });

const HouseholdEventResultSchema = z
  .object({
    householdEventId: z.string(),
    entries: z.array(z.object({ chronologyId: z.string(), entryId: z.string() })).openapi({ description: 'One copy per child written, each in that child’s chronology' }),
    skipped: z
      .array(z.object({ chronologyId: z.string(), reason: z.string() }))
      .openapi({ description: 'Children left out (your agency is not a member of their chronology); their lead is told an event exists and which agency holds it, never its content' }),
  })
  .openapi('HouseholdEventResult');

const recordEvent = createRoute({
  method: 'post',
  path: '/api/households/{householdId}/events',
  tags: ['households'],
  summary: 'Record a household event once: a copy on each chosen child’s chronology your agency is a member of, all or none',
  request: { params: HouseholdParam, body: { content: { 'application/json': { schema: HouseholdEventInputSchema } }, required: true } },
  responses: { 201: jsonContent(HouseholdEventResultSchema, 'Recorded'), ...errorResponses },
});

const HouseholdCopiesSchema = z
  .object({
    householdEventId: z.string().nullable().openapi({ description: 'null when the entry is not a household event' }),
    copies: z
      .array(z.object({ chronologyId: z.string(), entryId: z.string(), givenName: z.string(), familyName: z.string() }))
      .openapi({ description: 'The event’s copies on the siblings’ chronologies that you may open; others are not mentioned' }),
  })
  .openapi('HouseholdCopies');

const copies = createRoute({
  method: 'get',
  path: '/api/chronologies/{id}/entries/{entryId}/household-copies',
  tags: ['households'],
  summary: 'The same household event on the siblings’ chronologies, where you may see it',
  request: { params: EntryParams },
  responses: { 200: jsonContent(HouseholdCopiesSchema, 'The copies you may open'), ...errorResponses },
});

export function registerHouseholdEventRoutes(app: OpenAPIHono<AppEnv>) {
  app.openapi(recordEvent, async (c) => {
    const { householdId } = c.req.valid('param');
    const recorded = await recordHouseholdEvent(c.get('deps'), requirePrincipal(c), householdId, await c.req.json(), c.get('ip'));
    return c.json(recorded, 201);
  });

  app.openapi(copies, async (c) => {
    const { id, entryId } = c.req.valid('param');
    const view = await householdCopiesOf(c.get('deps'), requirePrincipal(c), id, entryId, c.get('ip'));
    return c.json(view ?? { householdEventId: null, copies: [] }, 200);
  });
}
