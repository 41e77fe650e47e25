import { createRoute, z, type OpenAPIHono } from '@hono/zod-openapi';
import { checkPasswordPolicy } from '../services/auth/password-policy.js';
import { hashPassword } from '../services/auth/passwords.js';
import { hashSecret, newSecret } from '../services/auth/tokens.js';
import type { AppEnv } from '../http/env.js';
import { ApiError, invalid } from '../http/errors.js';
import { requireAdmin } from '../http/require.js';
import { ErrorSchema, errorResponses, jsonContent } from '../http/schemas.js';
import { audit } from '../services/audit.js';
import { endAllSessions } from './auth.js';
import { announceEndOfAccess } from '../cluster/cluster.js';

const TokenSchema = z
  .object({
    id: z.string(),
    agency: z.string(),
    name: z.string(),
    createdAt: z.string(),
    issuedBy: z.string().openapi({ description: 'The name of the administrator who issued it' }),
    revokedAt: z.string().nullable(),
    lastUsedAt: z.string().nullable(),
    approved: z.boolean().openapi({ description: 'False while it awaits a second approver (it does not work until then)' }),
  })
  .openapi('ApiToken');

const UserSchema = z
  .object({
    id: z.string(),
    email: z.string(),
    name: z.string(),
    role: z.string(),
    agency: z.string(),
    disabled: z.boolean(),
    ssoBound: z.boolean().openapi({ description: 'Whether a single sign-on identity is bound to the account (its first SSO sign-in)' }),
    approved: z.boolean().openapi({ description: 'False while it awaits a second approver (it cannot sign in until then)' }),
  })
  .openapi('User');

const issueToken = createRoute({
  method: 'post',
  path: '/api/admin/tokens',
  tags: ['admin'],
  summary: "Issue an API token to an agency's case-management system (shown once; scoped to that agency)",
  request: { body: { content: { 'application/json': { schema: z.object({ agency: z.string().max(64), name: z.string().trim().min(1).max(100) }).openapi('IssueToken') } }, required: true } },
  responses: { 201: jsonContent(z.object({ token: z.string(), record: TokenSchema }), 'Issued'), ...errorResponses },
});

const listTokens = createRoute({
  method: 'get',
  path: '/api/admin/tokens',
  tags: ['admin'],
  summary: 'API tokens (never their secrets)',
  responses: { 200: jsonContent(z.object({ tokens: z.array(TokenSchema) }), 'Tokens'), ...errorResponses },
});

const revokeToken = createRoute({
  method: 'post',
  path: '/api/admin/tokens/{tokenId}/revoke',
  tags: ['admin'],
  summary: 'Revoke an API token, effective immediately (a token already revoked stays revoked: 204)',
  request: { params: z.object({ tokenId: z.string().max(64) }) },
  responses: { 204: { description: 'Revoked' }, ...errorResponses },
});

const listUsers = createRoute({
  method: 'get',
  path: '/api/admin/users',
  tags: ['admin'],
  summary: 'Users of the partnership (for periodic access reviews)',
  responses: { 200: jsonContent(z.object({ users: z.array(UserSchema) }), 'Users'), ...errorResponses },
});

const createUser = createRoute({
  method: 'post',
  path: '/api/admin/users',
  tags: ['admin'],
  summary: 'Create a user: the account works once a second administrator (or, for a content role, a lead of its agency) approves it',
  request: {
    body: {
      content: {
        'application/json': {
          schema: z
            .object({
              email: z.email().max(320),
              name: z.string().trim().min(1).max(100),
              role: z.enum(['practitioner', 'dsl', 'lead', 'admin']),
              agency: z.string().max(64),
              password: z.string().max(1024),
            })
            .openapi('CreateUser'),
        },
      },
      required: true,
    },
  },
  responses: { 201: jsonContent(z.object({ user: UserSchema }), 'Created'), 409: errorResponses[422], ...errorResponses },
});

const disableUser = createRoute({
  method: 'post',
  path: '/api/admin/users/{userId}/disable',
  tags: ['admin'],
  summary: 'Disable a user: every session and live connection ends at once (not your own account: 409)',
  request: { params: z.object({ userId: z.string().max(64) }) },
  responses: { 204: { description: 'Disabled' }, 409: jsonContent(ErrorSchema, 'Your own account (cannot_disable_self)'), ...errorResponses },
});

const enableUser = createRoute({
  method: 'post',
  path: '/api/admin/users/{userId}/enable',
  tags: ['admin'],
  summary: 'Enable a disabled user again (they sign in afresh: their old sessions stay ended)',
  request: { params: z.object({ userId: z.string().max(64) }) },
  responses: { 204: { description: 'Enabled' }, ...errorResponses },
});


const unbindSso = createRoute({
  method: 'post',
  path: '/api/admin/users/{userId}/sso-unbind',
  tags: ['admin'],
  summary: "Unbind the single sign-on identity of a user (after the organisation's directory changed it): the next SSO sign-in binds the identity it presents",
  request: { params: z.object({ userId: z.string().max(64) }) },
  responses: { 204: { description: 'Unbound' }, ...errorResponses },
});

/** Tells the agency's leads that something of theirs awaits approval (another administrator may approve it too). */
async function askLeadsToApprove(deps: AppEnv['Variables']['deps'], agency: string, message: string): Promise<void> {
  for (const lead of await deps.repos.users.list()) {
    if (lead.role === 'lead' && lead.agencySlug === agency && !lead.disabled && lead.approvedAt !== null) {
      await deps.repos.notifications.create({ userId: lead.id, chronologyId: null, kind: 'approval-needed', message });
    }
  }
}

/** Names of the users who issued tokens, for the token list (a user is never deleted, only disabled). */
export async function issuerNames(deps: AppEnv['Variables']['deps']): Promise<(userId: string) => string> {
  const names = new Map((await deps.repos.users.list()).map((u) => [u.id, u.name]));
  return (userId) => names.get(userId) ?? userId;
}

export const tokenView = (t: { id: string; agencySlug: string; name: string; createdAt: string; createdBy: string; revokedAt: string | null; lastUsedAt: string | null; approvedAt: string | null }, issuedBy: string) => ({
  id: t.id,
  agency: t.agencySlug,
  name: t.name,
  createdAt: t.createdAt,
  issuedBy,
  revokedAt: t.revokedAt ?? null,
  lastUsedAt: t.lastUsedAt ?? null,
  approved: t.approvedAt !== null,
});

const userView = (u: { id: string; email: string; name: string; role: string; agencySlug: string; disabled: boolean | number; oidcSubject: string | null; approvedAt: string | null }) => ({
  id: u.id,
  email: u.email,
  name: u.name,
  role: u.role,
  agency: u.agencySlug,
  disabled: Boolean(u.disabled),
  ssoBound: u.oidcSubject !== null,
  approved: u.approvedAt !== null,
});

export function registerAdminRoutes(app: OpenAPIHono<AppEnv>) {
  app.openapi(issueToken, async (c) => {
    const principal = await requireAdmin(c);
    const deps = c.get('deps');
    const { agency, name } = c.req.valid('json');
    if (!await deps.repos.agencies.get(agency)) throw invalid('Unknown agency.', [{ field: 'agency', message: `No agency with slug ${agency}` }]);
    const token = newSecret('mac_');
    const record = await deps.repos.apiTokens.create({ agency, name, tokenHash: hashSecret(token), createdBy: principal.id });
    await audit(deps, principal, c.get('ip'), { action: 'admin:token-issue', details: { tokenId: record.id, agency } });
    await askLeadsToApprove(deps, agency, `An administrator issued the API token “${name}” for your agency. It works only once approved: approve it on your notifications page if the system is yours.`);
    return c.json({ token, record: tokenView(record, principal.name) }, 201);
  });

  app.openapi(listTokens, async (c) => {
    await requireAdmin(c);
    const deps = c.get('deps');
    const issuer = await issuerNames(deps);
    return c.json({ tokens: (await deps.repos.apiTokens.list()).map((t) => tokenView(t, issuer(t.createdBy))) }, 200);
  });

  app.openapi(revokeToken, async (c) => {
    const principal = await requireAdmin(c);
    const deps = c.get('deps');
    const { tokenId } = c.req.valid('param');
    if (!await deps.repos.apiTokens.byId(tokenId)) throw new ApiError(404, 'not_found', 'No API token with that id.');
    await deps.repos.apiTokens.revoke(tokenId);
    deps.rooms.closeConnections((ctx) => ctx.principal.id === `token:${tokenId}`, 4401, 'API token revoked');
    announceEndOfAccess(deps, { principalId: `token:${tokenId}` });
    await audit(deps, principal, c.get('ip'), { action: 'admin:token-revoke', details: { tokenId } });
    return c.body(null, 204);
  });

  app.openapi(listUsers, async (c) => {
    const principal = await requireAdmin(c);
    const deps = c.get('deps');
    await audit(deps, principal, c.get('ip'), { action: 'admin:user-list' });
    return c.json({ users: (await deps.repos.users.list()).map(userView) }, 200);
  });

  app.openapi(createUser, async (c) => {
    const principal = await requireAdmin(c);
    const deps = c.get('deps');
    const body = c.req.valid('json');
    if (!await deps.repos.agencies.get(body.agency)) throw invalid('Unknown agency.', [{ field: 'agency', message: `No agency with slug ${body.agency}` }]);
    if (await deps.repos.users.byEmail(body.email)) throw new ApiError(409, 'exists', 'A user with that email address already exists.');
    const problem = checkPasswordPolicy(body.password, { email: body.email, name: body.name, forSomeoneElse: true });
    if (problem) throw invalid(problem.message, [{ field: 'password', message: problem.message }]);
    // The account waits for a second person (GET /api/approvals): an administrator must not be able to
    // create a content account with a password they know and use it.
    const user = await deps.repos.users.create({ email: body.email, name: body.name, role: body.role, agency: body.agency, passwordHash: await hashPassword(body.password), createdBy: principal.id });
    await audit(deps, principal, c.get('ip'), { action: 'admin:user-create', details: { userId: user.id, role: body.role, agency: body.agency } });
    if (body.role !== 'admin') {
      await askLeadsToApprove(deps, body.agency, `An administrator created an account for ${body.name} (${body.email}) in your agency. They can sign in only once it is approved: approve it on your notifications page if they are yours.`);
    }
    return c.json({ user: userView(user) }, 201);
  });

  app.openapi(disableUser, async (c) => {
    const principal = await requireAdmin(c);
    const deps = c.get('deps');
    const { userId } = c.req.valid('param');
    if (!await deps.repos.users.byId(userId)) throw new ApiError(404, 'not_found', 'No user with that id.');
    // An administrator who disabled themselves (perhaps the only one) could not undo it.
    if (userId === principal.id) throw new ApiError(409, 'cannot_disable_self', 'You cannot disable your own account: ask another administrator.');
    await deps.repos.users.setDisabled(userId, true);
    await endAllSessions(deps, userId, 'Your account has been disabled');
    await audit(deps, principal, c.get('ip'), { action: 'admin:user-disable', details: { userId } });
    return c.body(null, 204);
  });

  app.openapi(enableUser, async (c) => {
    const principal = await requireAdmin(c);
    const deps = c.get('deps');
    const { userId } = c.req.valid('param');
    if (!await deps.repos.users.byId(userId)) throw new ApiError(404, 'not_found', 'No user with that id.');
    await deps.repos.users.setDisabled(userId, false);
    await audit(deps, principal, c.get('ip'), { action: 'admin:user-enable', details: { userId } });
    return c.body(null, 204);
  });

  app.openapi(unbindSso, async (c) => {
    const principal = await requireAdmin(c);
    const deps = c.get('deps');
    const { userId } = c.req.valid('param');
    const user = await deps.repos.users.byId(userId);
    if (!user) throw new ApiError(404, 'not_found', 'No user with that id.');
    await deps.repos.users.setOidcIdentity(userId, null);
    await audit(deps, principal, c.get('ip'), { action: 'admin:user-sso-unbind', details: { userId, issuer: user.oidcIssuer ?? null, subject: user.oidcSubject ?? null } });
    return c.body(null, 204);
  });
}
