import { createRoute, z, type OpenAPIHono } from '@hono/zod-openapi';
import { hasVisibleText, isValidNhsNumber, normaliseNhsNumber } from '@mac/domain';
import { verifyPassword } from '../services/auth/passwords.js';
import { assertPasswordNotThrottled, clearPasswordFailures, recordPasswordFailure, takeLookup } from '../services/auth/throttle.js';
import type { AppEnv } from '../http/env.js';
import { ApiError, invalid, notFound } from '../http/errors.js';
import { requirePrincipal } from '../http/require.js';
import { ErrorSchema, IdParam, errorResponses, jsonContent } from '../http/schemas.js';
import { audit } from '../services/audit.js';
import { BREAK_GLASS_MINUTES, checkBreakGlassRequest, earlierGrants, grantBreakGlass } from '../services/break-glass.js';


const GrantSchema = z
  .object({
    id: z.string(),
    chronologyId: z.string(),
    userId: z.string(),
    userName: z.string(),
    agency: z.string(),
    reason: z.string(),
    grantedAt: z.string(),
    expiresAt: z.string(),
    reviewedAt: z.string().nullable(),
    reviewNote: z.string().nullable(),
    reads: z.number(),
    repeat: z.boolean().openapi({ description: 'The same user had emergency access to this chronology before' }),
    earlierGrants: z.number().int(),
    lastGrantedAt: z.string().nullable().openapi({ description: 'When the previous of those grants began' }),
  })
  .openapi('BreakGlassGrant');

const lookup = createRoute({
  method: 'post',
  path: '/api/break-glass/lookup',
  tags: ['break-glass'],
  summary: "Find a child's chronology by NHS number, to ask for emergency access (audited)",
  request: { body: { content: { 'application/json': { schema: z.object({ nhsNumber: z.string().max(20) }).openapi('BreakGlassLookup') } }, required: true } },
  responses: { 200: jsonContent(z.object({ chronologyId: z.string(), childInitials: z.string(), leadName: z.string() }), 'Found'), ...errorResponses, 429: jsonContent(ErrorSchema, 'Too many lookups (Retry-After says how long to wait)') },
});

const request = createRoute({
  method: 'post',
  path: '/api/chronologies/{id}/break-glass',
  tags: ['break-glass'],
  summary: `Emergency read-only access for ${BREAK_GLASS_MINUTES} minutes: sign in again and give a reason; the lead is notified and must review it. While a grant runs, asking again is refused (409 already_granted, with its expiresAt) and extends nothing; a later grant needs a new reason and is flagged as a repeat`,
  request: {
    params: IdParam,
    body: { content: { 'application/json': { schema: z.object({ reason: z.string().max(2000), password: z.string().max(1024) }).openapi('BreakGlassRequest') } }, required: true },
  },
  responses: { 201: jsonContent(GrantSchema, 'Granted'), 409: errorResponses[422], ...errorResponses, 429: jsonContent(ErrorSchema, 'Too many wrong passwords (Retry-After says how long to wait)') },
});

const reviews = createRoute({
  method: 'get',
  path: '/api/break-glass/reviews',
  tags: ['break-glass'],
  summary: 'Emergency accesses to chronologies you lead that nobody has reviewed yet',
  responses: { 200: jsonContent(z.object({ grants: z.array(GrantSchema) }), 'To review'), 401: errorResponses[401] },
});

const review = createRoute({
  method: 'post',
  path: '/api/break-glass/{grantId}/review',
  tags: ['break-glass'],
  summary: "Record the review of an emergency access (the chronology's lead)",
  request: {
    params: z.object({ grantId: z.string().max(64) }),
    body: { content: { 'application/json': { schema: z.object({ note: z.string().max(2000) }).openapi('BreakGlassReview') } }, required: true },
  },
  responses: { 200: jsonContent(GrantSchema, 'Reviewed'), ...errorResponses },
});

const notifications = createRoute({
  method: 'get',
  path: '/api/notifications',
  tags: ['notifications'],
  summary: 'Your notifications, newest first',
  responses: {
    200: jsonContent(
      z.object({ notifications: z.array(z.object({ id: z.string(), chronologyId: z.string().nullable(), kind: z.string(), message: z.string(), createdAt: z.string(), readAt: z.string().nullable() })) }),
      'Notifications',
    ),
    401: errorResponses[401],
  },
});

const markRead = createRoute({
  method: 'post',
  path: '/api/notifications/{notificationId}/read',
  tags: ['notifications'],
  summary: 'Mark a notification read',
  request: { params: z.object({ notificationId: z.string().max(64) }) },
  responses: { 204: { description: 'Marked' }, ...errorResponses },
});

export function registerBreakGlassRoutes(app: OpenAPIHono<AppEnv>) {
  const view = async (deps: AppEnv['Variables']['deps'], g: { id: string; chronologyId: string; userId: string; reason: string; grantedAt: string; expiresAt: string; reviewedAt: string | null; reviewNote: string | null }) => {
    const user = await deps.repos.users.byId(g.userId);
    const reads = (await deps.repos.audit.list({ chronologyId: g.chronologyId, actorId: g.userId, limit: 10_000 })).filter((r) => r.outcome === 'allowed' && r.at >= g.grantedAt && r.at <= g.expiresAt).length;
    const earlier = await earlierGrants(deps, g);
    return { id: g.id, chronologyId: g.chronologyId, userId: g.userId, userName: user?.name ?? g.userId, agency: user?.agencySlug ?? '', reason: g.reason, grantedAt: g.grantedAt, expiresAt: g.expiresAt, reviewedAt: g.reviewedAt ?? null, reviewNote: g.reviewNote ?? null, reads, repeat: earlier.count > 0, earlierGrants: earlier.count, lastGrantedAt: earlier.lastGrantedAt };
  };

  app.openapi(lookup, async (c) => {
    const deps = c.get('deps');
    const principal = requirePrincipal(c);
    if (principal.kind !== 'user' || principal.role === 'admin') throw new ApiError(403, 'forbidden', 'Emergency access is for practitioners, DSLs and leads.');
    const { nhsNumber } = c.req.valid('json');
    if (!isValidNhsNumber(nhsNumber)) throw invalid('Enter a valid NHS number.', [{ field: 'nhsNumber', message: 'NHS number must be 10 digits with a valid check digit, like 943 476 5919' }]);
    // Each answer confirms whether a child has a chronology: limited per user (429 with Retry-After).
    try {
      await takeLookup(deps, principal.id);
    } catch (err) {
      await audit(deps, principal, c.get('ip'), { action: 'break-glass:lookup', outcome: 'refused', details: { reason: 'throttled' } });
      throw err;
    }
    const normalised = normaliseNhsNumber(nhsNumber);
    const record = (await deps.repos.chronologies.list()).find((r) => r.child.nhsNumber === normalised) ?? null;
    await audit(deps, principal, c.get('ip'), { action: 'break-glass:lookup', outcome: record ? 'allowed' : 'refused', chronologyId: record?.id ?? null, details: { found: record !== null } });
    if (!record) throw notFound();
    const lead = await deps.repos.users.byId(record.leadUserId);
    return c.json({ chronologyId: record.id, childInitials: `${record.child.givenName[0] ?? ''}${record.child.familyName[0] ?? ''}`, leadName: lead?.name ?? '' }, 200);
  });

  app.openapi(request, async (c) => {
    const deps = c.get('deps');
    const principal = requirePrincipal(c);
    const session = c.get('session');
    const { id } = c.req.valid('param');
    const body = c.req.valid('json');
    const { record, reason } = await checkBreakGlassRequest(deps, principal, session !== null && session !== undefined, id, body.reason);
    // Re-authentication (ASVS L3 before break-glass): the password again, now.
    const user = await deps.repos.users.byId(principal.id);
    if (!user) throw new ApiError(401, 'unauthenticated', 'Sign in to continue.');
    // Wrong passwords here count against the same throttle as sign-in: a session is not a licence to guess.
    const ip = c.get('ip');
    try {
      await assertPasswordNotThrottled(deps, user.email, ip, 'password');
    } catch (err) {
      await audit(deps, principal, ip, { action: 'chronology:break-glass', outcome: 'refused', chronologyId: id, details: { reason: 'throttled' } });
      throw err;
    }
    if (!(await verifyPassword(user.passwordHash, body.password))) {
      await recordPasswordFailure(deps, user.email, ip);
      await audit(deps, principal, c.get('ip'), { action: 'chronology:break-glass', outcome: 'refused', chronologyId: id, details: { reason: 'password not confirmed' } });
      throw invalid('Your password is not correct.', [{ field: 'password', message: 'Enter your password to confirm it is you' }]);
    }
    await clearPasswordFailures(deps, user.email, ip);
    const grant = await grantBreakGlass(deps, principal, record, reason, { ip, sessionIdHash: session!.idHash, via: 'password' });
    return c.json(await view(deps, grant), 201);
  });

  app.openapi(reviews, async (c) => {
    const deps = c.get('deps');
    const principal = requirePrincipal(c);
    const unreviewed = await deps.repos.breakGlass.listUnreviewed();
    const leads = await Promise.all(unreviewed.map(async (g) => (await deps.repos.chronologies.get(g.chronologyId))?.leadUserId));
    const grants = unreviewed.filter((_g, i) => leads[i] === principal.id);
    return c.json({ grants: await Promise.all(grants.map((g) => view(deps, g))) }, 200);
  });

  app.openapi(review, async (c) => {
    const deps = c.get('deps');
    const principal = requirePrincipal(c);
    const { grantId } = c.req.valid('param');
    const grant = await deps.repos.breakGlass.get(grantId);
    const record = grant ? await deps.repos.chronologies.get(grant.chronologyId) : null;
    if (!grant || !record || record.leadUserId !== principal.id) throw new ApiError(404, 'not_found', 'No emergency access to review with that id.');
    const note = c.req.valid('json').note.trim();
    if (!hasVisibleText(note)) throw invalid('Add a review note.', [{ field: 'note', message: 'Enter what you found when you reviewed this access' }]);
    if (!await deps.repos.breakGlass.review(grantId, { reviewedBy: principal.id, note })) throw new ApiError(409, 'already_reviewed', 'This emergency access has already been reviewed.');
    await audit(deps, principal, c.get('ip'), { action: 'break-glass:review', chronologyId: record.id, details: { grantId, note } });
    return c.json(await view(deps, (await deps.repos.breakGlass.get(grantId))!), 200);
  });

  app.openapi(notifications, async (c) => {
    const deps = c.get('deps');
    const principal = requirePrincipal(c);
    const list = await deps.repos.notifications.listForUser(principal.id, { limit: 100 });
    return c.json({ notifications: list.map((n) => ({ id: n.id, chronologyId: n.chronologyId ?? null, kind: n.kind, message: n.message, createdAt: n.createdAt, readAt: n.readAt ?? null })) }, 200);
  });

  app.openapi(markRead, async (c) => {
    const deps = c.get('deps');
    const principal = requirePrincipal(c);
    if (!await deps.repos.notifications.markRead(c.req.valid('param').notificationId, principal.id)) throw new ApiError(404, 'not_found', 'No such notification.');
    return c.body(null, 204);
  });
}
