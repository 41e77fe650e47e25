import { createRoute, z, type OpenAPIHono } from '@hono/zod-openapi';
import type { AppEnv } from '../http/env.js';
import { requirePrincipal } from '../http/require.js';
import { AgencySchema, errorResponses, jsonContent } from '../http/schemas.js';

const list = createRoute({
  method: 'get',
  path: '/api/agencies',
  tags: ['partnership'],
  summary: "The partnership's agencies",
  responses: { 200: jsonContent(z.object({ agencies: z.array(AgencySchema) }), 'Agencies'), 401: errorResponses[401] },
});

export function registerAgencyRoutes(app: OpenAPIHono<AppEnv>) {
  app.openapi(list, async (c) => {
    requirePrincipal(c);
    const agencies = (await c.get('deps').repos.agencies.list()).map((a) => ({ slug: a.slug, name: a.name, kind: a.kind }));
    return c.json({ agencies }, 200);
  });
}
