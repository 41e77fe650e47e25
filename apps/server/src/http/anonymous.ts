// Anonymous callers learn nothing from a route but "sign in": an unauthenticated request is answered 401
// before its body, parameters or query are validated, so a 422 never tells an outsider which fields a
// route takes or what their limits are (issue 11, finding 16).
import type { Context, MiddlewareHandler } from 'hono';
import type { AppEnv } from './env.js';
import { unauthenticated } from './errors.js';
import { isSafeMethod } from './origin.js';

/**
 * The API operations anyone may call without a session or token: sign-in and what it needs, and the load
 * balancer's health check (routes/health.ts: about the node, never about data).
 */
export const PUBLIC_OPERATIONS: ReadonlySet<string> = new Set([
  'POST /api/auth/login',
  'POST /api/auth/logout',
  'GET /api/auth/session',
  'GET /api/auth/oidc/status',
  'GET /api/auth/oidc/login',
  'GET /api/auth/oidc/callback',
  'GET /api/openapi.json',
  'GET /api/health',
]);

function isPublic(c: Context<AppEnv>): boolean {
  return PUBLIC_OPERATIONS.has(`${c.req.method.toUpperCase()} ${c.req.path}`);
}

/**
 * Runs after the session/token middleware and before any body is read: an anonymous mutation of a
 * non-public route is refused here. (Unknown paths read anonymously still answer 404 from the catch-all.)
 */
export function refuseAnonymousMutations(): MiddlewareHandler<AppEnv> {
  return async (c, next) => {
    if (!isSafeMethod(c.req.method) && c.get('principal') === null && !isPublic(c)) throw unauthenticated();
    await next();
  };
}

/** For the validation hook: a failed validation of an anonymous request to a non-public route is a 401. */
export function anonymousOnProtectedRoute(c: Context<AppEnv>): boolean {
  return c.get('principal') === null && !isPublic(c);
}
