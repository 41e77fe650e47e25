import { createRoute, z, type OpenAPIHono } from '@hono/zod-openapi';
import type { AppEnv } from '../http/env.js';
import { invalid } from '../http/errors.js';
import { requireAdmin } from '../http/require.js';
import { errorResponses, jsonContent } from '../http/schemas.js';
import { audit } from '../services/audit.js';
import { issuerNames, tokenView } from './admin.js';

/** An account or token unused for this long is flagged for the reviewer (a quarter, by default). */
export const DEFAULT_STALE_DAYS = 90;

const ReviewUserSchema = z.object({
  id: z.string(),
  email: z.string(),
  name: z.string(),
  role: z.string(),
  agency: z.string(),
  agencyName: z.string(),
  disabled: z.boolean(),
  ssoBound: z.boolean(),
  createdAt: z.string(),
  lastSignInAt: z.string().nullable(),
  liveSessions: z.number().int(),
  stale: z.boolean().openapi({ description: 'Enabled, but not signed in (or created) within staleAfterDays' }),
});

const ReviewTokenSchema = z.object({
  id: z.string(),
  agency: z.string(),
  name: z.string(),
  createdAt: z.string(),
  issuedBy: z.string(),
  lastUsedAt: z.string().nullable(),
  revokedAt: z.string().nullable(),
  stale: z.boolean().openapi({ description: 'Not revoked, but not used (or issued) within staleAfterDays' }),
});

const accessReview = createRoute({
  method: 'get',
  path: '/api/admin/access-review',
  tags: ['admin'],
  summary: 'The periodic access review (NHS DSPT): every account and agency token, when each was last used, and which have gone unused',
  request: { query: z.object({ staleDays: z.string().max(5).optional().openapi({ description: `Days without use before an account or token is flagged (default ${DEFAULT_STALE_DAYS})` }) }) },
  responses: {
    200: jsonContent(
      z
        .object({
          generatedAt: z.string(),
          staleAfterDays: z.number().int(),
          users: z.array(ReviewUserSchema),
          tokens: z.array(ReviewTokenSchema),
          summary: z.object({ users: z.number().int(), disabled: z.number().int(), staleUsers: z.number().int(), tokens: z.number().int(), staleTokens: z.number().int() }),
        })
        .openapi('AccessReview'),
      'The review',
    ),
    ...errorResponses,
  },
});

export function registerAccessReviewRoutes(app: OpenAPIHono<AppEnv>) {
  app.openapi(accessReview, async (c) => {
    const principal = await requireAdmin(c);
    const deps = c.get('deps');
    const raw = c.req.valid('query').staleDays;
    const staleAfterDays = raw === undefined ? DEFAULT_STALE_DAYS : /^\d{1,4}$/.test(raw) ? Number(raw) : NaN;
    if (!(staleAfterDays >= 1 && staleAfterDays <= 3650)) {
      throw invalid('staleDays must be a whole number of days from 1 to 3650.', [{ field: 'staleDays', message: 'Enter a whole number of days from 1 to 3650' }]);
    }
    const now = deps.now();
    const cutoff = new Date(now.getTime() - staleAfterDays * 86_400_000).toISOString();
    const lastSignIns = await deps.repos.audit.lastAllowed('auth:login');
    const live = await deps.repos.sessions.liveCounts(now.toISOString());
    const agencyNames = new Map((await deps.repos.agencies.list()).map((a) => [a.slug, a.name]));

    const users = (await deps.repos.users.list()).map((u) => {
      const lastSignInAt = lastSignIns.get(u.id) ?? null;
      return {
        id: u.id,
        email: u.email,
        name: u.name,
        role: u.role,
        agency: u.agencySlug,
        agencyName: agencyNames.get(u.agencySlug) ?? u.agencySlug,
        disabled: Boolean(u.disabled),
        ssoBound: u.oidcSubject !== null,
        createdAt: u.createdAt,
        lastSignInAt,
        liveSessions: live.get(u.id) ?? 0,
        stale: !u.disabled && (lastSignInAt ?? u.createdAt) < cutoff,
      };
    });
    const issuer = await issuerNames(deps);
    const tokens = (await deps.repos.apiTokens.list()).map((t) => ({ ...tokenView(t, issuer(t.createdBy)), stale: !t.revokedAt && (t.lastUsedAt ?? t.createdAt) < cutoff }));
    const summary = {
      users: users.length,
      disabled: users.filter((u) => u.disabled).length,
      staleUsers: users.filter((u) => u.stale).length,
      tokens: tokens.filter((t) => !t.revokedAt).length,
      staleTokens: tokens.filter((t) => t.stale).length,
    };
    await audit(deps, principal, c.get('ip'), { action: 'admin:access-review', details: { staleAfterDays, ...summary } });
    return c.json({ generatedAt: now.toISOString(), staleAfterDays, users, tokens, summary }, 200);
  });
}
