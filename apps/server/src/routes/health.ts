// The load balancer's health check (docs/operations.md "Several nodes"): whether THIS node can serve.
// Unauthenticated and about the node only: no data, no counts, no versions, no addresses. 200 while its
// database answers; 503 when it does not (the load balancer then sends clients to the other nodes). Redis
// is reported but does not decide: without it a node still serves everything (live updates reach other
// nodes' clients by catch-up from the database), so taking every node out when Redis fails would turn a
// slower service into none. Not audited: nobody's information is read.
import { createRoute, z, type OpenAPIHono } from '@hono/zod-openapi';
import type { AppEnv } from '../http/env.js';
import { jsonContent } from '../http/schemas.js';

/** Longest wait for the database's answer: a health check must answer, not hang with it. */
export const HEALTH_DATABASE_TIMEOUT_MS = 2_000;

const HealthSchema = z
  .object({
    status: z.enum(['ok', 'unavailable']),
    database: z.enum(['ok', 'unreachable']),
    redis: z.enum(['ok', 'unreachable', 'not-configured']),
  })
  .openapi('Health');

const health = createRoute({
  method: 'get',
  path: '/api/health',
  tags: ['operations'],
  summary: 'Whether this node can serve (for load balancers): 200 when its database answers, 503 when not. No sign-in; says nothing about data',
  responses: {
    200: jsonContent(HealthSchema, 'This node can serve'),
    503: jsonContent(HealthSchema, 'This node cannot reach its database: send requests elsewhere'),
  },
});

export function registerHealthRoutes(app: OpenAPIHono<AppEnv>): void {
  app.openapi(health, async (c) => {
    const deps = c.get('deps');
    let timer: NodeJS.Timeout | undefined;
    const database = await Promise.race([
      deps.store.ping().then(
        () => 'ok' as const,
        () => 'unreachable' as const,
      ),
      new Promise<'unreachable'>((resolve) => {
        timer = setTimeout(() => resolve('unreachable'), HEALTH_DATABASE_TIMEOUT_MS);
      }),
    ]).finally(() => clearTimeout(timer));
    const redis = deps.redis === null ? ('not-configured' as const) : deps.redis.ready() ? ('ok' as const) : ('unreachable' as const);
    c.header('Cache-Control', 'no-store');
    if (database === 'ok') return c.json({ status: 'ok' as const, database, redis }, 200);
    return c.json({ status: 'unavailable' as const, database, redis }, 503);
  });
}
