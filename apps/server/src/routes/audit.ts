import { createRoute, z, type OpenAPIHono } from '@hono/zod-openapi';
import type { AppEnv } from '../http/env.js';
import { requirePrincipal } from '../http/require.js';
import { AuditRecordSchema, IdParam, errorResponses, jsonContent } from '../http/schemas.js';
import { audit } from '../services/audit.js';
import { requireChronology } from '../services/access.js';
import { auditRecordFor, type AuditVisibility } from '../services/audit-visibility.js';
import { isNewAccount, READ_ACTIONS } from '../services/new-accounts.js';
import type { AppDeps } from '../deps.js';
import type { Principal } from '@mac/domain';

/** The visibility rules of `reader` for the audit records of one chronology. */
export async function auditVisibility(deps: AppDeps, reader: Principal, chronologyId: string, records: ReadonlyArray<{ entryId: string | null; details: Record<string, unknown> }>): Promise<AuditVisibility> {
  const names = new Map((await deps.repos.agencies.list()).map((a) => [a.slug, a.name]));
  // Every entry the records name, looked up once before the records are shaped (which is synchronous).
  const ids = new Set<string>();
  for (const r of records) {
    if (r.entryId) ids.add(r.entryId);
    const listed = r.details.entryIds;
    if (Array.isArray(listed)) for (const id of listed) if (typeof id === 'string') ids.add(id);
  }
  const holders = new Map(await Promise.all([...ids].map(async (id) => [id, await deps.repos.entries.holders(chronologyId, id)] as const)));
  return {
    reader,
    entriesWithId: (entryId) => holders.get(entryId) ?? [],
    agencyName: (slug) => names.get(slug) ?? slug,
  };
}

const list = createRoute({
  method: 'get',
  path: '/api/chronologies/{id}/audit',
  tags: ['audit'],
  summary: "The chronology's audit trail, newest first (the lead and DSLs)",
  request: {
    params: IdParam,
    query: z.object({
      limit: z.coerce.number().int().min(1).max(1000).optional(),
      beforeSeq: z.coerce.number().int().min(1).optional(),
      action: z.string().max(64).optional(),
    }),
  },
  responses: { 200: jsonContent(z.object({ records: z.array(AuditRecordSchema) }), 'Audit records'), ...errorResponses },
});

const accessReport = createRoute({
  method: 'get',
  path: '/api/chronologies/{id}/access-report',
  tags: ['audit'],
  summary: "Everyone who read this child's chronology, and when (subject access requests, inquiries)",
  request: { params: IdParam },
  responses: {
    200: jsonContent(
      z.object({
        readers: z.array(
          z.object({
            actorId: z.string(),
            name: z.string(),
            agency: z.string(),
            reads: z.number(),
            first: z.string(),
            last: z.string(),
            newAccount: z.boolean().openapi({ description: 'An account or API token an administrator created within 30 days before its first read here' }),
          }),
        ),
      }),
      'Readers',
    ),
    ...errorResponses,
  },
});

export function registerAuditRoutes(app: OpenAPIHono<AppEnv>) {
  app.openapi(list, async (c) => {
    const deps = c.get('deps');
    const principal = requirePrincipal(c);
    const { id } = c.req.valid('param');
    const q = c.req.valid('query');
    await requireChronology(deps, principal, id, 'chronology:audit', c.get('ip'));
    const records = await deps.repos.audit.list({ chronologyId: id, limit: q.limit ?? 200, beforeSeq: q.beforeSeq, action: q.action });
    await audit(deps, principal, c.get('ip'), { action: 'chronology:audit', chronologyId: id, details: { count: records.length } });
    const visibility = await auditVisibility(deps, principal, id, records);
    return c.json(
      {
        records: records.map(({ seq, at, actorId, actorLabel, actorAgency, action, outcome, chronologyId, entryId, details }) =>
          auditRecordFor({ seq, at, actorId, actorLabel, actorAgency, action, outcome, chronologyId, entryId, details }, visibility),
        ),
      },
      200,
    );
  });

  app.openapi(accessReport, async (c) => {
    const deps = c.get('deps');
    const principal = requirePrincipal(c);
    const { id } = c.req.valid('param');
    await requireChronology(deps, principal, id, 'chronology:audit', c.get('ip'));
    const readers = new Map<string, { actorId: string; name: string; agency: string; reads: number; first: string; last: string; newAccount: boolean }>();
    for (const r of await deps.repos.audit.list({ chronologyId: id, limit: 100_000 })) {
      if (r.outcome !== 'allowed' || !READ_ACTIONS.test(r.action)) continue;
      const seen = readers.get(r.actorId);
      if (!seen) readers.set(r.actorId, { actorId: r.actorId, name: r.actorLabel, agency: r.actorAgency, reads: 1, first: r.at, last: r.at, newAccount: false });
      else {
        seen.reads += 1;
        if (r.at < seen.first) seen.first = r.at;
        if (r.at > seen.last) seen.last = r.at;
      }
    }
    // Readers whose account or token an administrator created within 30 days before their first read here.
    for (const reader of readers.values()) {
      const kind = reader.actorId.startsWith('token:') ? 'token' : 'user';
      reader.newAccount = await isNewAccount(deps, { id: reader.actorId, kind }, new Date(reader.first));
    }
    await audit(deps, principal, c.get('ip'), { action: 'chronology:access-report', chronologyId: id });
    return c.json({ readers: [...readers.values()].sort((a, b) => b.last.localeCompare(a.last)) }, 200);
  });
}
