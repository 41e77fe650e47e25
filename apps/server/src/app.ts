import { OpenAPIHono } from '@hono/zod-openapi';
import { getConnInfo } from '@hono/node-server/conninfo';
import { serveStatic } from '@hono/node-server/serve-static';
import { bodyLimit } from 'hono/body-limit';
import { HTTPException } from 'hono/http-exception';
import { existsSync } from 'node:fs';
import { relative } from 'node:path';
import { readCookie, sessionCookieName } from './services/auth/cookies.js';
import { resolveApiToken, resolveSession } from './services/auth/sessions.js';
import type { AppDeps } from './deps.js';
import type { AppEnv } from './http/env.js';
import { anonymousOnProtectedRoute, refuseAnonymousMutations } from './http/anonymous.js';
import { refuseWritesWhileStorageFails, STORAGE_RETRY_AFTER_SECONDS } from './http/storage-guard.js';
import { storageRefusal } from './services/storage.js';
import { storageFailure } from '@mac/db';
import { RoomLoadRefused } from '@mac/sync';
import { MEMORY_RETRY_AFTER_SECONDS } from './services/memory-ceiling.js';
import { ApiError, errorBody, invalid, TooManyRequests, unauthenticated } from './http/errors.js';
import { expectedOrigin, isSafeMethod, isSameOrigin } from './http/origin.js';
import { securityHeaders } from './http/security-headers.js';
import { registerActionRoutes } from './routes/actions.js';
import { registerAdminRoutes } from './routes/admin.js';
import { registerApprovalRoutes } from './routes/approvals.js';
import { registerAgencyRoutes } from './routes/agencies.js';
import { registerAlertRoutes } from './routes/alerts.js';
import { registerAuditRoutes } from './routes/audit.js';
import { registerAuthRoutes } from './routes/auth.js';
import { registerChronologyRoutes } from './routes/chronologies.js';
import { registerEntryRoutes } from './routes/entries.js';
import { registerHouseholdRoutes } from './routes/households.js';
import { registerPeopleRoutes } from './routes/people.js';
import { registerHouseholdEventRoutes } from './routes/household-events.js';
import { registerAnalysisRoutes } from './routes/analysis.js';
import { registerExchangeRoutes } from './routes/exchange.js';
import { REVIEW_EVENTS_PATH, registerPatternEventRoutes } from './routes/pattern-events.js';
import { registerPatternRoutes } from './routes/patterns.js';
import { registerConferenceRoutes } from './routes/conference.js';
import { registerBreakGlassRoutes } from './routes/break-glass.js';
import { registerAccessReviewRoutes } from './routes/access-review.js';
import { registerRetentionRoutes } from './routes/retention.js';
import { registerSearchRoutes } from './routes/search.js';
import { registerOidcRoutes } from './routes/oidc.js';
import { registerHealthRoutes } from './routes/health.js';
import { pluralWord } from '@mac/domain';

export const MAX_JSON_BYTES = 1024 * 1024;

/** The whole HTTP application. Tests call `app.request()` on it without opening a port. */
export function createApp(deps: AppDeps) {
  const app = new OpenAPIHono<AppEnv>({
    defaultHook: (result, c) => {
      if (!result.success) {
        if (anonymousOnProtectedRoute(c)) throw unauthenticated();
        const fields = result.error.issues.map((i) => ({ field: i.path.join('.') || '(body)', message: i.message }));
        throw invalid(`The request has ${pluralWord(fields.length, 'a problem', `${fields.length} problems`)}: ${fields.map((f) => `${f.field}: ${f.message}`).join('; ')}`, fields);
      }
    },
  });

  app.use('*', securityHeaders(deps.config));

  app.use('*', async (c, next) => {
    c.set('deps', deps);
    // app.request() (tests, benchmarks) has no socket: asked anyway, getConnInfo throws, and building that
    // error's stack was a few per cent of a benchmark's event loop.
    const env = c.env as { incoming?: unknown; server?: unknown } | undefined;
    let ip: string | null = null;
    if (env?.incoming !== undefined || env?.server !== undefined) {
      try {
        ip = getConnInfo(c).remote.address ?? null;
      } catch {
        ip = null;
      }
    }
    c.set('ip', ip);
    c.set('principal', null);
    c.set('session', null);
    const authorization = c.req.header('authorization');
    if (authorization) {
      const match = /^Bearer\s+(\S+)$/i.exec(authorization);
      const principal = match ? await resolveApiToken(deps, match[1]!) : null;
      if (!principal) throw new ApiError(401, 'invalid_token', 'The API token is not valid or has been revoked.');
      c.set('principal', principal);
    } else {
      // Opening a live stream is not the person's activity (services/review-events.ts): it must not
      // keep an unattended page signed in.
      const session = await resolveSession(deps, readCookie(c.req.header('cookie'), sessionCookieName(deps.config)), { touch: !REVIEW_EVENTS_PATH.test(c.req.path) });
      if (session) {
        c.set('session', session);
        c.set('principal', session.principal);
      }
    }
    // Cookie-authenticated (or anonymous: sign-in itself) mutations must come from our own origin.
    if (!isSafeMethod(c.req.method) && !authorization && c.req.path.startsWith('/api/')) {
      const expected = expectedOrigin(deps.config, c.req.url);
      if (!isSameOrigin({ origin: c.req.header('origin'), secFetchSite: c.req.header('sec-fetch-site') }, expected)) {
        throw new ApiError(403, 'cross_origin', 'This request did not come from the MAC application.');
      }
    }
    await next();
  });
  app.use('/api/*', refuseAnonymousMutations());
  app.use('/api/*', refuseWritesWhileStorageFails());

  const tooLarge = () => new ApiError(413, 'too_large', `The request body is larger than ${MAX_JSON_BYTES / 1024} KB.`);
  const jsonBodyLimit = bodyLimit({
    maxSize: MAX_JSON_BYTES,
    onError: () => {
      throw tooLarge();
    },
  });
  // Hono's bodyLimit looks at the body stream, which makes @hono/node-server build a full undici Request
  // with its own AbortController for the request; under load those piled up in the old generation (RSS
  // 0.2 → 1.4 GB in the load test until a major GC). So: GET and HEAD have no body to limit, and a
  // Content-Length is the size exactly (Node's parser reads that many bytes, no more); only a chunked
  // body is counted as it streams.
  app.use('/api/*', async (c, next) => {
    if (c.req.method === 'GET' || c.req.method === 'HEAD' || c.req.path.endsWith('/import')) return next();
    const length = c.req.header('content-length');
    if (length !== undefined && c.req.header('transfer-encoding') === undefined) {
      if (Number(length) > MAX_JSON_BYTES) throw tooLarge();
      return next();
    }
    return jsonBodyLimit(c, next);
  });

  registerHealthRoutes(app);
  registerAuthRoutes(app);
  registerOidcRoutes(app, deps.config.oidc);
  registerAgencyRoutes(app);
  registerChronologyRoutes(app);
  registerEntryRoutes(app);
  registerSearchRoutes(app);
  registerHouseholdRoutes(app);
  registerPeopleRoutes(app);
  registerHouseholdEventRoutes(app);
  registerAnalysisRoutes(app);
  registerActionRoutes(app);
  registerExchangeRoutes(app);
  registerAuditRoutes(app);
  registerPatternRoutes(app);
  registerPatternEventRoutes(app);
  registerConferenceRoutes(app);
  registerBreakGlassRoutes(app);
  registerRetentionRoutes(app);
  registerAdminRoutes(app);
  registerApprovalRoutes(app);
  registerAccessReviewRoutes(app);
  registerAlertRoutes(app);

  // Generated once, on first request (every route is registered by then): building it walks every
  // schema, which cost more than any other GET in the load test when done per request.
  let openApiDocument: ReturnType<typeof app.getOpenAPI31Document> | null = null;
  app.get('/api/openapi.json', (c) =>
    c.json(
      (openApiDocument ??= app.getOpenAPI31Document({
        openapi: '3.1.0',
        info: {
          title: 'MAC — multi-agency chronology API',
          version: '0.1.0',
          description:
            'Every route needs a session cookie (browser) or an agency API token (Authorization: Bearer). Errors have one shape: { error: { code, message, fields? } }. Live collaboration uses the y-websocket protocol at /sync/<document name>.',
        },
      })),
    ),
  );
  app.openAPIRegistry.registerComponent('securitySchemes', 'session', { type: 'apiKey', in: 'cookie', name: sessionCookieName(deps.config) });
  app.openAPIRegistry.registerComponent('securitySchemes', 'agencyToken', { type: 'http', scheme: 'bearer' });

  app.all('/api/*', () => {
    throw new ApiError(404, 'not_found', 'No such API route.');
  });

  const webDist = deps.config.webDist;
  if (webDist && existsSync(webDist)) {
    // serveStatic resolves `root` against the working directory, so give it a relative path.
    const root = relative(process.cwd(), webDist) || '.';
    app.use('/assets/*', serveStatic({ root }));
    app.use('/*', serveStatic({ root }));
    app.get('*', serveStatic({ root, path: 'index.html' }));
  }

  // Anything else (a path whose dot segments left /api, such as /api/x/%2e%2e/.., which the URL
  // resolves to /): the same error shape, never Hono's plain-text 404.
  app.notFound((c) => c.json(errorBody(new ApiError(404, 'not_found', 'No such route.')), 404));

  app.onError((err, c) => {
    const failure = storageFailure(err);
    if (failure !== null) {
      // A full or failing disk: a retryable refusal in the API's shape, never a crash or a bare 500.
      deps.storage.failed(err, `${c.req.method} ${c.req.path}`);
      c.header('Retry-After', String(STORAGE_RETRY_AFTER_SECONDS));
      const refusal = storageRefusal(failure);
      return c.json(errorBody(refusal), refusal.status);
    }
    if (err instanceof RoomLoadRefused) {
      // Memory pressure (services/memory-ceiling.ts): this chronology's document is not loaded; nothing changed.
      c.header('Retry-After', String(MEMORY_RETRY_AFTER_SECONDS));
      return c.json(errorBody(new ApiError(503, 'server_busy', err.message, undefined, { retryAfterSeconds: MEMORY_RETRY_AFTER_SECONDS })), 503);
    }
    // 429s and the 503s of a busy server (a full PDF queue, memory pressure) say when to try again.
    if (err instanceof TooManyRequests || (err instanceof ApiError && err.status === 503 && typeof err.extra?.retryAfterSeconds === 'number')) c.header('Retry-After', String(err.extra!.retryAfterSeconds));
    if (err instanceof ApiError) return c.json(errorBody(err), err.status);
    if (err instanceof SyntaxError) return c.json(errorBody(new ApiError(400, 'malformed_json', 'The request body is not valid JSON.')), 400);
    // Hono's own refusals (a malformed or non-JSON body on a JSON route): their status, our error shape.
    if (err instanceof HTTPException && err.status < 500) {
      const code = err.status === 415 ? 'unsupported_media_type' : err.status === 400 ? 'malformed_body' : 'bad_request';
      return c.json(errorBody(new ApiError(err.status, code, err.status === 415 ? 'Send the body as JSON (Content-Type: application/json).' : 'The request body could not be read: send valid JSON.')), err.status);
    }
    logUnexpected(err);
    return c.json(errorBody(new ApiError(500, 'server_error', 'Something went wrong on the server. Try again; if it keeps happening, tell your administrator.')), 500);
  });

  return app;
}

let lastLogged = 0;
let suppressed = 0;
/** Throttled: a client hammering an error path must not fill the disk with stack traces. */
function logUnexpected(err: unknown) {
  const now = Date.now();
  if (now - lastLogged < 1000) {
    suppressed += 1;
    return;
  }
  lastLogged = now;
  console.error(`[mac] unexpected error${suppressed ? ` (${suppressed} similar suppressed)` : ''}:`, err);
  suppressed = 0;
}
