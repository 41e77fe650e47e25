import { createRoute, z, type OpenAPIHono } from '@hono/zod-openapi';
import { checkPasswordPolicy } from '../services/auth/password-policy.js';
import { hashPassword, verifyPassword } from '../services/auth/passwords.js';
import { serializeSessionCookie } from '../services/auth/cookies.js';
import { startSession } from '../services/auth/sessions.js';
import { assertPasswordNotThrottled, clearPasswordFailures, recordPasswordFailure } from '../services/auth/throttle.js';
import type { Principal } from '@mac/domain';
import type { AppDeps } from '../deps.js';
import { ApiError, invalid } from '../http/errors.js';
import type { AppEnv } from '../http/env.js';
import { requirePrincipal } from '../http/require.js';
import { ErrorSchema, MeSchema, errorResponses, jsonContent } from '../http/schemas.js';
import { audit } from '../services/audit.js';
import { announceEndOfAccess } from '../cluster/cluster.js';
import { latencyTracing, traceNow, traceSpan } from '@mac/db';

const LoginSchema = z.object({ email: z.string().max(320), password: z.string().max(1024) }).openapi('Login');

const login = createRoute({
  method: 'post',
  path: '/api/auth/login',
  tags: ['auth'],
  summary: 'Sign in with email and password; sets the session cookie',
  request: { body: { content: { 'application/json': { schema: LoginSchema } }, required: true } },
  responses: {
    200: jsonContent(z.object({ user: MeSchema }), 'Signed in'),
    401: jsonContent(ErrorSchema, 'Email or password not recognised (the same answer for both)'),
    403: jsonContent(ErrorSchema, 'The password is right but the account awaits its second approver (awaiting_approval)'),
    422: errorResponses[422],
    429: jsonContent(ErrorSchema, 'Too many attempts from this address (Retry-After says how long to wait)'),
    503: errorResponses[503],
  },
});

const logout = createRoute({
  method: 'post',
  path: '/api/auth/logout',
  tags: ['auth'],
  summary: 'Sign out: ends this session and closes its live connections',
  responses: { 204: { description: 'Signed out' } },
});

const me = createRoute({
  method: 'get',
  path: '/api/me',
  tags: ['auth'],
  summary: 'The signed-in user',
  responses: { 200: jsonContent(MeSchema, 'The user'), 401: errorResponses[401] },
});

// The web app's first question on a cold load. Unlike GET /api/me it answers 200 when nobody is
// signed in: a signed-out visitor is the ordinary case there, not an error, and a 401 would be logged
// as a failed request in the browser's console on every visit to the sign-in page.
const session = createRoute({
  method: 'get',
  path: '/api/auth/session',
  tags: ['auth'],
  summary: 'Whether this browser is signed in, and as whom (200 either way)',
  responses: {
    200: jsonContent(
      z.union([z.object({ signedIn: z.literal(false) }), z.object({ signedIn: z.literal(true), user: MeSchema })]).openapi('SessionState'),
      'Signed in (with the user) or not',
    ),
  },
});

const changePassword = createRoute({
  method: 'post',
  path: '/api/auth/password',
  tags: ['auth'],
  summary: 'Change password: every session of the user ends, including open live connections',
  request: {
    body: {
      content: { 'application/json': { schema: z.object({ currentPassword: z.string().max(1024), newPassword: z.string().max(1024) }).openapi('ChangePassword') } },
      required: true,
    },
  },
  responses: { 204: { description: 'Changed; sign in again' }, 401: errorResponses[401], 422: errorResponses[422], 429: jsonContent(ErrorSchema, 'Too many wrong passwords (Retry-After says how long to wait)'), 503: errorResponses[503] },
});

export async function meOf(deps: AppDeps, userId: string) {
  const user = await deps.repos.users.byId(userId);
  if (!user) throw new ApiError(401, 'unauthenticated', 'Sign in to continue.');
  const agency = await deps.repos.agencies.get(user.agencySlug);
  return {
    id: user.id,
    email: user.email,
    name: user.name,
    role: user.role as 'practitioner' | 'dsl' | 'lead' | 'admin',
    agency: { slug: user.agencySlug, name: agency?.name ?? user.agencySlug, kind: agency?.kind ?? 'other' },
    hasPassword: user.passwordHash !== null,
  };
}

/** The caller as GET /api/me describes it: a user, or an agency system's token (which has no email or password). */
async function principalMe(deps: AppDeps, principal: Principal) {
  if (principal.kind === 'token') {
    const agency = await deps.repos.agencies.get(principal.agency);
    return {
      id: principal.id,
      email: '',
      name: principal.name,
      role: principal.role as 'practitioner' | 'dsl' | 'lead' | 'admin',
      agency: { slug: principal.agency, name: agency?.name ?? principal.agency, kind: agency?.kind ?? 'other' },
      hasPassword: false,
    };
  }
  return await meOf(deps, principal.id);
}

/** Ends every session of a user and closes their live connections within the second. */
export async function endAllSessions(deps: AppDeps, userId: string, reason: string): Promise<void> {
  await deps.repos.sessions.revokeAllForUser(userId);
  deps.rooms.closeConnections((ctx) => ctx.principal.id === userId, 4401, reason);
  announceEndOfAccess(deps, { principalId: userId });
}

export function registerAuthRoutes(app: OpenAPIHono<AppEnv>) {
  app.openapi(login, async (c) => {
    const deps = c.get('deps');
    const ip = c.get('ip');
    const { email, password } = c.req.valid('json');
    const t0 = latencyTracing ? traceNow() : 0;
    // A sign-in's storage work is done a few pieces at a time, not one after another: under load each
    // wait on the write lane is a wait for the batch in flight (issue 17, the county bench's sign-in p99).
    // The account is looked up while the throttle is read; the password is checked only if not throttled.
    const [throttle, user] = await Promise.allSettled([assertPasswordNotThrottled(deps, email, ip, 'sign-in'), deps.repos.users.byEmail(email.trim())]);
    if (throttle.status === 'rejected') {
      await audit(deps, null, ip, { action: 'auth:login', outcome: 'refused', details: { email, reason: 'throttled' } });
      throw throttle.reason;
    }
    if (user.status === 'rejected') throw user.reason;
    const account = user.value;
    const t1 = latencyTracing ? traceNow() : 0;
    // Verify even when the user does not exist (against a dummy hash): equal work, equal time.
    const ok = await verifyPassword(account && !account.disabled ? account.passwordHash : null, password);
    if (!account || !ok) {
      await recordPasswordFailure(deps, email, ip);
      await audit(deps, null, ip, { action: 'auth:login', outcome: 'refused', details: { email } });
      throw new ApiError(401, 'invalid_credentials', 'Enter a correct email address and password.');
    }
    const t2 = latencyTracing ? traceNow() : 0;
    await clearPasswordFailures(deps, email, ip, throttle.value);
    if (account.approvedAt === null) {
      await audit(deps, null, ip, { action: 'auth:login', outcome: 'refused', details: { email, reason: 'awaiting approval' } });
      throw new ApiError(403, 'awaiting_approval', 'Your account has been created but a second administrator (or your agency’s lead) has not approved it yet. Ask them to approve it, then sign in.');
    }
    // The session, its audit record and the answer's reads together: the two writes share one commit (the
    // write lane's group commit), and the cookie is sent only once both are durable. A storage failure
    // fails the batch, so neither stands without the other.
    const principal = { id: account.id, kind: 'user', role: account.role as 'lead', agency: account.agencySlug, name: account.name } as const;
    const [{ secret, maxAgeSeconds }, , me] = await Promise.all([
      startSession(deps, account.id, { ip, userAgent: c.req.header('user-agent') ?? null }).then((s) => (latencyTracing && traceSpan('login.3a session (durable)', t2), s)),
      audit(deps, principal, ip, { action: 'auth:login' }).then(() => latencyTracing && traceSpan('login.3b audit record (durable)', t2)),
      meOf(deps, account.id).then((m) => (latencyTracing && traceSpan('login.3c the answer (me)', t2), m)),
    ]);
    if (latencyTracing) {
      traceSpan('login.1 throttle ∥ account', t0, t1);
      traceSpan('login.2 password (argon2id)', t1, t2);
      traceSpan('login.3 session ∥ audit ∥ me', t2);
      traceSpan('login.0 TOTAL', t0);
    }
    c.header('Set-Cookie', serializeSessionCookie(deps.config, secret, maxAgeSeconds));
    return c.json({ user: me }, 200);
  });

  app.openapi(logout, async (c) => {
    const deps = c.get('deps');
    const session = c.get('session');
    if (session) {
      await deps.repos.sessions.revoke(session.idHash);
      deps.rooms.closeConnections((ctx) => ctx.sessionIdHash === session.idHash, 4401, 'Signed out');
      announceEndOfAccess(deps, { sessionIdHash: session.idHash });
      await audit(deps, session.principal, c.get('ip'), { action: 'auth:logout' });
    }
    c.header('Set-Cookie', serializeSessionCookie(deps.config, '', 0));
    return c.body(null, 204);
  });

  app.openapi(me, async (c) => c.json(await principalMe(c.get('deps'), requirePrincipal(c)), 200));

  app.openapi(session, async (c) => {
    const principal = c.get('principal');
    if (!principal) return c.json({ signedIn: false as const }, 200);
    return c.json({ signedIn: true as const, user: await principalMe(c.get('deps'), principal) }, 200);
  });

  app.openapi(changePassword, async (c) => {
    const deps = c.get('deps');
    const session = c.get('session');
    if (!session) throw new ApiError(401, 'unauthenticated', 'Sign in to continue.');
    const { currentPassword, newPassword } = c.req.valid('json');
    const user = await deps.repos.users.byId(session.principal.id);
    if (!user) throw new ApiError(401, 'unauthenticated', 'Sign in to continue.');
    // Whoever holds a session must not get unlimited guesses at the password: the sign-in throttle applies.
    const ip = c.get('ip');
    const throttle = await assertPasswordNotThrottled(deps, user.email, ip, 'password');
    if (!(await verifyPassword(user.passwordHash, currentPassword))) {
      await recordPasswordFailure(deps, user.email, ip);
      await audit(deps, session.principal, ip, { action: 'auth:password-change', outcome: 'refused', details: { reason: 'current password not confirmed' } });
      throw invalid('Your current password is not correct.', [{ field: 'currentPassword', message: 'Enter your current password correctly' }]);
    }
    await clearPasswordFailures(deps, user.email, ip, throttle);
    const problem = checkPasswordPolicy(newPassword, { email: user.email, name: user.name });
    if (problem) throw invalid(problem.message, [{ field: 'newPassword', message: problem.message }]);
    await deps.repos.users.setPassword(user.id, await hashPassword(newPassword));
    await endAllSessions(deps, user.id, 'Password changed: sign in again');
    await audit(deps, session.principal, c.get('ip'), { action: 'auth:password-change' });
    c.header('Set-Cookie', serializeSessionCookie(deps.config, '', 0));
    return c.body(null, 204);
  });
}
