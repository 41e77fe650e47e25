// The two-person rule (issue 11, finding 5): accounts and API tokens that administrators create wait here
// until a second person approves them (`decideApproval` in @mac/domain says who may).
import { createRoute, z, type OpenAPIHono } from '@hono/zod-openapi';
import { decideApproval, type Principal, type Role } from '@mac/domain';
import type { AppDeps } from '../deps.js';
import type { AppEnv } from '../http/env.js';
import { ApiError } from '../http/errors.js';
import { requirePrincipal } from '../http/require.js';
import { errorResponses, jsonContent } from '../http/schemas.js';
import { audit } from '../services/audit.js';

const PendingSchema = z
  .object({
    kind: z.enum(['user', 'token']),
    id: z.string(),
    name: z.string(),
    email: z.string().nullable(),
    role: z.string().nullable().openapi({ description: 'The account role; null for an API token' }),
    agency: z.string(),
    createdAt: z.string(),
    createdBy: z.string(),
    createdByName: z.string(),
    mayApprove: z.boolean().openapi({ description: 'Whether you may approve it (never what you created yourself)' }),
  })
  .openapi('PendingApproval');

const list = createRoute({
  method: 'get',
  path: '/api/approvals',
  tags: ['admin'],
  summary: 'Accounts and API tokens awaiting a second approver that you may see (administrators: all; leads: their agency’s)',
  responses: { 200: jsonContent(z.object({ pending: z.array(PendingSchema) }), 'Awaiting approval'), ...errorResponses },
});

const KindParam = z.object({
  kind: z.enum(['users', 'tokens']).openapi({ param: { name: 'kind', in: 'path' } }),
  subjectId: z.string().max(64).openapi({ param: { name: 'subjectId', in: 'path' } }),
});

const approve = createRoute({
  method: 'post',
  path: '/api/approvals/{kind}/{subjectId}',
  tags: ['admin'],
  summary: 'Approve an account or API token created by someone else: from now on it works',
  request: { params: KindParam },
  responses: { 204: { description: 'Approved' }, ...errorResponses },
});

interface Pending {
  kind: 'user' | 'token';
  id: string;
  name: string;
  email: string | null;
  role: Role | null;
  agency: string;
  createdAt: string;
  createdBy: string;
}

async function pendingOf(deps: AppDeps): Promise<Pending[]> {
  const users: Pending[] = (await deps.repos.users.list())
    .filter((u) => u.approvedAt === null && !u.disabled)
    .map((u) => ({ kind: 'user', id: u.id, name: u.name, email: u.email, role: u.role, agency: u.agencySlug, createdAt: u.createdAt, createdBy: u.createdBy ?? '' }));
  const tokens: Pending[] = (await deps.repos.apiTokens.list())
    .filter((t) => t.approvedAt === null && t.revokedAt === null)
    .map((t) => ({ kind: 'token', id: t.id, name: t.name, email: null, role: null, agency: t.agencySlug, createdAt: t.createdAt, createdBy: t.createdBy }));
  return [...users, ...tokens];
}

const mayApprove = (principal: Principal, p: Pending) => decideApproval(principal, { ...(p.role ? { role: p.role } : {}), agency: p.agency, createdBy: p.createdBy });

async function requireApprover(c: Parameters<Parameters<OpenAPIHono<AppEnv>['openapi']>[1]>[0]): Promise<Principal> {
  const principal = requirePrincipal(c);
  if (principal.kind !== 'user' || (principal.role !== 'admin' && principal.role !== 'lead')) {
    await audit(c.get('deps'), principal, c.get('ip'), { action: 'approval:list', outcome: 'refused' });
    throw new ApiError(403, 'forbidden', 'Only administrators and leads approve new accounts and tokens.');
  }
  return principal;
}

export function registerApprovalRoutes(app: OpenAPIHono<AppEnv>) {
  app.openapi(list, async (c) => {
    const deps = c.get('deps');
    const principal = await requireApprover(c);
    const names = new Map((await deps.repos.users.list()).map((u) => [u.id, u.name]));
    // Administrators see everything pending (their own creations too, marked as not theirs to approve);
    // a lead sees what they could approve: their own agency's.
    const visible = (await pendingOf(deps)).filter((p) => principal.role === 'admin' || mayApprove(principal, p).allowed);
    return c.json(
      { pending: visible.map((p) => ({ ...p, createdByName: names.get(p.createdBy) ?? p.createdBy, mayApprove: mayApprove(principal, p).allowed })) },
      200,
    );
  });

  app.openapi(approve, async (c) => {
    const deps = c.get('deps');
    const principal = await requireApprover(c);
    const { kind, subjectId: id } = c.req.valid('param');
    const pending = (await pendingOf(deps)).find((p) => p.kind === (kind === 'users' ? 'user' : 'token') && p.id === id);
    const details = { kind: pending?.kind ?? kind, subjectId: id };
    // Nothing pending with that id, or not the caller's to see: the same answer.
    if (!pending || (principal.role !== 'admin' && !mayApprove(principal, pending).allowed)) {
      await audit(deps, principal, c.get('ip'), { action: 'approval:grant', outcome: 'refused', details: { ...details, reason: 'not found' } });
      throw new ApiError(404, 'not_found', 'Nothing awaiting approval has that id.');
    }
    const decision = mayApprove(principal, pending);
    if (!decision.allowed) {
      await audit(deps, principal, c.get('ip'), { action: 'approval:grant', outcome: 'refused', details: { ...details, reason: decision.reason } });
      throw new ApiError(403, 'forbidden', `You cannot approve this: ${decision.reason}.`);
    }
    if (pending.kind === 'user') await deps.repos.users.approve(id, principal.id);
    else await deps.repos.apiTokens.approve(id, principal.id);
    await audit(deps, principal, c.get('ip'), { action: 'approval:grant', details: { ...details, agency: pending.agency, role: pending.role, createdBy: pending.createdBy } });
    return c.body(null, 204);
  });
}
