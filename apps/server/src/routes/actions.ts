// Actions (issue 15 item 3): raise, change and list a chronology's tracked actions. The request bodies are
// packages/domain's schemas themselves (actionCreateSchema, actionPatchSchema), so the API, its OpenAPI
// document and the browser's form check the same rules. Rules and auditing in services/actions.ts.
import { createRoute, z, type OpenAPIHono } from '@hono/zod-openapi';
import { actionCreateSchema, actionItemSchema, actionPatchSchema } from '@mac/domain';
import type { AppEnv } from '../http/env.js';
import { requirePrincipal } from '../http/require.js';
import { FieldChangesSchema, IdParam, errorResponses, jsonContent } from '../http/schemas.js';
import { changeAction, createAction, listActions } from '../services/actions.js';

const ActionSchema = actionItemSchema
  .extend({
    ownerName: z.string(),
    createdByName: z.string(),
    overdue: z.boolean().openapi({ description: 'Open, and its due date before today (the partnership’s time zone)' }),
    daysOverdue: z.number().int(),
    history: z
      .array(z.object({ at: z.string(), by: z.string(), byName: z.string(), kind: z.enum(['create', 'update']), changes: FieldChangesSchema }))
      .openapi({ description: 'Every change, oldest first, its creation first' }),
  })
  .openapi('Action');

const ActionParams = IdParam.extend({ actionId: z.string().max(64).openapi({ param: { name: 'actionId', in: 'path' } }) });

const create = createRoute({
  method: 'post',
  path: '/api/chronologies/{id}/actions',
  tags: ['actions'],
  summary: 'Raise an action (any member): owned by a member agency and one of its people, due on a day, linked to entries',
  request: { params: IdParam, body: { content: { 'application/json': { schema: actionCreateSchema } }, required: true } },
  responses: { 201: jsonContent(z.object({ action: ActionSchema }), 'Created'), ...errorResponses },
});

const change = createRoute({
  method: 'patch',
  path: '/api/chronologies/{id}/actions/{actionId}',
  tags: ['actions'],
  summary: 'Change an action (its owner agency or the lead): done with an outcome, cancelled with a reason, reopened; due date; owner',
  request: { params: ActionParams, body: { content: { 'application/json': { schema: actionPatchSchema } }, required: true } },
  responses: { 200: jsonContent(z.object({ action: ActionSchema }), 'Changed (the change is kept in its history)'), ...errorResponses },
});

const list = createRoute({
  method: 'get',
  path: '/api/chronologies/{id}/actions',
  tags: ['actions'],
  summary: 'The chronology’s actions, soonest due first, and the people who may own one',
  request: { params: IdParam },
  responses: {
    200: jsonContent(
      z.object({
        actions: z.array(ActionSchema),
        owners: z.array(z.object({ id: z.string(), name: z.string(), agency: z.string() })).openapi({ description: 'People of the member agencies, who may own an action' }),
        today: z.string().openapi({ description: 'Today in the partnership’s time zone: what "overdue" was judged against' }),
      }),
      'Actions',
    ),
    ...errorResponses,
  },
});

export function registerActionRoutes(app: OpenAPIHono<AppEnv>) {
  app.openapi(create, async (c) => {
    const action = await createAction(c.get('deps'), requirePrincipal(c), c.req.valid('param').id, c.req.valid('json'), c.get('ip'));
    return c.json({ action }, 201);
  });

  app.openapi(change, async (c) => {
    const { id, actionId } = c.req.valid('param');
    const action = await changeAction(c.get('deps'), requirePrincipal(c), id, actionId, c.req.valid('json'), c.get('ip'));
    return c.json({ action }, 200);
  });

  app.openapi(list, async (c) => {
    const body = await listActions(c.get('deps'), requirePrincipal(c), c.req.valid('param').id, c.get('ip'));
    return c.json(body, 200);
  });
}
