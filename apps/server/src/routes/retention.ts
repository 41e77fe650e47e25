import { createRoute, z, type OpenAPIHono } from '@hono/zod-openapi';
import { hasVisibleText } from '@mac/domain';
import { CLOSE } from '@mac/sync';
import type { AppEnv } from '../http/env.js';
import { ApiError, invalid } from '../http/errors.js';
import { requireAdmin, requirePrincipal } from '../http/require.js';
import { IdParam, errorResponses, jsonContent } from '../http/schemas.js';
import { audit } from '../services/audit.js';
import { requireChronology } from '../services/access.js';
import { effectiveRetention, pastRetention } from '../services/retention.js';
import { announceEndOfAccess } from '../cluster/cluster.js';

const RetentionItem = z
  .object({ id: z.string(), kind: z.string(), createdAt: z.string(), retentionUntil: z.string(), legalHold: z.boolean(), leadName: z.string() })
  .openapi('RetentionItem');

const list = createRoute({
  method: 'get',
  path: '/api/admin/retention',
  tags: ['admin'],
  summary: 'Chronologies past their retention date, for review (no child details: administrators see no content)',
  responses: { 200: jsonContent(z.object({ chronologies: z.array(RetentionItem) }), 'Past retention'), ...errorResponses },
});

const hold = createRoute({
  method: 'post',
  path: '/api/chronologies/{id}/legal-hold',
  tags: ['chronologies'],
  summary: 'Place or lift a legal hold (the lead): a held chronology is never disposed of',
  request: { params: IdParam, body: { content: { 'application/json': { schema: z.object({ hold: z.boolean(), reason: z.string().max(2000) }).openapi('LegalHold') } }, required: true } },
  responses: { 200: jsonContent(z.object({ legalHold: z.boolean(), retentionUntil: z.string() }), 'Updated'), ...errorResponses },
});

const dispose = createRoute({
  method: 'post',
  path: '/api/admin/retention/{id}/dispose',
  tags: ['admin'],
  summary: 'Destroy a chronology past retention and not on legal hold: explicit, confirmed by id, audited',
  request: {
    params: IdParam,
    body: { content: { 'application/json': { schema: z.object({ confirm: z.string().max(64), reason: z.string().max(2000) }).openapi('Dispose') } }, required: true },
  },
  responses: { 200: jsonContent(z.object({ removedRows: z.number() }), 'Disposed'), 409: errorResponses[422], ...errorResponses },
});

export function registerRetentionRoutes(app: OpenAPIHono<AppEnv>) {

  app.openapi(list, async (c) => {
    const principal = await requireAdmin(c);
    const deps = c.get('deps');
    const items = await Promise.all((await pastRetention(deps)).map(async ({ record, retentionUntil }) => ({
      id: record.id,
      kind: record.kind,
      createdAt: record.createdAt,
      retentionUntil,
      legalHold: record.legalHold,
      leadName: (await deps.repos.users.byId(record.leadUserId))?.name ?? '',
    })));
    await audit(deps, principal, c.get('ip'), { action: 'admin:retention-review', details: { count: items.length } });
    return c.json({ chronologies: items }, 200);
  });

  app.openapi(hold, async (c) => {
    const deps = c.get('deps');
    const principal = requirePrincipal(c);
    const { id } = c.req.valid('param');
    const body = c.req.valid('json');
    const { record } = await requireChronology(deps, principal, id, 'chronology:manage-members', c.get('ip'));
    if (!hasVisibleText(body.reason)) throw invalid('Give the reason for the legal hold decision.', [{ field: 'reason', message: 'Enter the reason' }]);
    await deps.repos.chronologies.setLegalHold(id, body.hold);
    await audit(deps, principal, c.get('ip'), { action: body.hold ? 'chronology:legal-hold' : 'chronology:legal-hold-lift', chronologyId: id, details: { reason: body.reason.trim() } });
    return c.json({ legalHold: body.hold, retentionUntil: effectiveRetention(deps, record) }, 200);
  });

  app.openapi(dispose, async (c) => {
    const principal = await requireAdmin(c);
    const deps = c.get('deps');
    const { id } = c.req.valid('param');
    const body = c.req.valid('json');
    const due = (await pastRetention(deps)).find((r) => r.record.id === id);
    if (!due) throw new ApiError(409, 'not_due', 'This chronology is not past its retention date (or does not exist): nothing was removed.');
    if (due.record.legalHold) throw new ApiError(409, 'legal_hold', 'This chronology is under a legal hold: nothing was removed.');
    if (body.confirm !== id) throw invalid('Type the chronology id to confirm.', [{ field: 'confirm', message: 'Enter the id of the chronology you mean to destroy' }]);
    if (!hasVisibleText(body.reason)) throw invalid('Give the reason.', [{ field: 'reason', message: 'Enter the retention decision this disposal carries out' }]);
    deps.rooms.closeConnections((ctx) => ctx.docName.split('/')[0] === id, CLOSE.FORBIDDEN, 'This chronology has been closed');
    const removedRows = await deps.repos.chronologies.dispose(id);
    announceEndOfAccess(deps, { chronologyId: id });
    await audit(deps, principal, c.get('ip'), { action: 'admin:dispose', details: { chronologyId: id, retentionUntil: due.retentionUntil, reason: body.reason.trim(), removedRows } });
    return c.json({ removedRows }, 200);
  });
}
