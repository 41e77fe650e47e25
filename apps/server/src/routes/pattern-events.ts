// GET /api/chronologies/{id}/patterns/events: reviews of highlights as they are saved, as server-sent
// events. Who may open it and what each message may carry: services/review-events.ts.
import { createRoute, z, type OpenAPIHono } from '@hono/zod-openapi';
import { streamSSE } from 'hono/streaming';
import type { AppEnv } from '../http/env.js';
import { requirePrincipal } from '../http/require.js';
import { IdParam, errorResponses } from '../http/schemas.js';
import { requireChronology } from '../services/access.js';
import { audit } from '../services/audit.js';
import { reviewsFor } from '../services/patterns.js';

/** Proxies close a connection that has been quiet for a minute or so; a comment line keeps it open. */
const KEEP_ALIVE_MS = 25_000;

export const REVIEW_EVENTS_PATH = /^\/api\/chronologies\/[^/]+\/patterns\/events$/;

const events = createRoute({
  method: 'get',
  path: '/api/chronologies/{id}/patterns/events',
  tags: ['patterns'],
  summary: 'Reviews and dismissals of highlights as they are saved (server-sent events)',
  description:
    'A `text/event-stream`. First `event: ready` with `{ reviews }`, the reviews the caller may see now (as GET /patterns `reviews`), so a ' +
    'browser that reconnects after a break misses none; then `event: review` with a ReviewRecord (as in GET /patterns `reviews`) for each review ' +
    'saved by anyone, sent only if the caller can see every entry it covered. When the session or the access ends the server sends ' +
    '`event: end` and closes the stream. ' +
    'Opening it is not activity: it does not keep a session alive.',
  request: { params: IdParam },
  responses: {
    200: { description: 'The event stream', content: { 'text/event-stream': { schema: z.string() } } },
    ...errorResponses,
  },
});

export function registerPatternEventRoutes(app: OpenAPIHono<AppEnv>) {
  app.openapi(events, async (c) => {
    const deps = c.get('deps');
    const principal = requirePrincipal(c);
    const { id } = c.req.valid('param');
    const ip = c.get('ip');
    const { record } = await requireChronology(deps, principal, id, 'chronology:read', ip);
    // A place among the bounded streams (429/503 when none is left), before anything is opened or audited.
    const place = deps.reviewEvents.reserve(principal.id);
    try {
      await audit(deps, principal, ip, { action: 'chronology:review-stream', chronologyId: id });
    } catch (err) {
      place.release();
      throw err;
    }
    const sessionIdHash = c.get('session')?.idHash ?? null;
    // Behind a reverse proxy, buffering would hold events back until the buffer fills.
    c.header('X-Accel-Buffering', 'no');
    c.header('Cache-Control', 'no-store');
    return streamSSE(c, async (stream) => {
      let finish: () => void = () => undefined;
      const finished = new Promise<void>((resolve) => (finish = resolve));
      const unsubscribe = deps.reviewEvents.subscribe({
        chronologyId: id,
        principal,
        sessionIdHash,
        ip,
        send: (event, data) => void stream.writeSSE({ event, data: JSON.stringify(data) }).catch(finish),
        // Said before hanging up, so the browser does not reconnect (into a 401) by itself.
        close: (reason) => void stream.writeSSE({ event: 'end', data: JSON.stringify({ reason }) }).catch(() => undefined).finally(finish),
      });
      stream.onAbort(finish);
      const keepAlive = setInterval(() => void stream.write(': keep-alive\n\n').catch(finish), KEEP_ALIVE_MS);
      try {
        // Subscribed first, then the reviews so far: a review saved in between arrives twice, never not at all.
        const reviews = await reviewsFor(deps, principal, record);
        await stream.writeSSE({ event: 'ready', data: JSON.stringify({ reviews }) });
        await finished;
      } finally {
        clearInterval(keepAlive);
        unsubscribe();
        place.release();
      }
    }) as never;
  });
}
