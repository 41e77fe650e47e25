import { createRoute, z, type OpenAPIHono } from '@hono/zod-openapi';
import type { AppEnv } from '../http/env.js';
import { requirePrincipal } from '../http/require.js';
import { invalid } from '../http/errors.js';
import { EntryInputSchema, EntryParams, EntryPatchSchema, EntrySchema, FieldChangesSchema, IdParam, errorResponses, jsonContent } from '../http/schemas.js';
import { audit } from '../services/audit.js';
import { requireChronology } from '../services/access.js';
import { amend, createEntry, toEntry, visibleEntry, withdraw } from '../services/entries.js';
import { DEFAULT_PAGE, MAX_PAGE, entriesPage, pageLimit } from '../services/entry-pages.js';
import { parseChronoDate, dateBounds } from '@mac/domain';

const EntryFilters = z.object({
  from: z.string().max(30).optional().openapi({ description: 'Entries whose date interval ends on or after this date (any accepted date form)' }),
  to: z.string().max(30).optional().openapi({ description: 'Entries whose date interval starts on or before this date' }),
  agency: z.string().max(500).optional().openapi({ description: 'Agency slugs, comma-separated' }),
  category: z.string().max(2000).optional().openapi({ description: 'Category slugs, comma-separated' }),
  text: z.string().max(200).optional(),
  includeWithdrawn: z.enum(['0', '1', 'true', 'false']).optional(),
  limit: z.string().max(10).optional().openapi({ description: `Entries per page: 1 to ${MAX_PAGE}, default ${DEFAULT_PAGE}` }),
  cursor: z.string().max(2000).optional().openapi({ description: 'The `next` value of the previous page' }),
});

const listEntries = createRoute({
  method: 'get',
  path: '/api/chronologies/{id}/entries',
  tags: ['entries'],
  summary: 'The entries you may see, in date order, filtered, a page at a time',
  description: 'Keyset paging: when there are more entries, `next` is the cursor to pass back as `cursor` for the following page; every entry appears on exactly one page.',
  request: { params: IdParam, query: EntryFilters },
  responses: { 200: jsonContent(z.object({ entries: z.array(EntrySchema), next: z.string().optional() }), 'Entries'), ...errorResponses },
});

const postEntry = createRoute({
  method: 'post',
  path: '/api/chronologies/{id}/entries',
  tags: ['entries'],
  summary: "Add an entry for your agency (written through the chronology's live document)",
  request: { params: IdParam, body: { content: { 'application/json': { schema: EntryInputSchema } }, required: true } },
  responses: { 201: jsonContent(z.object({ entry: EntrySchema }), 'Created'), ...errorResponses },
});

const getEntry = createRoute({
  method: 'get',
  path: '/api/chronologies/{id}/entries/{entryId}',
  tags: ['entries'],
  summary: 'One entry',
  request: { params: EntryParams },
  responses: { 200: jsonContent(z.object({ entry: EntrySchema }), 'The entry'), ...errorResponses },
});

const patchEntry = createRoute({
  method: 'patch',
  path: '/api/chronologies/{id}/entries/{entryId}',
  tags: ['entries'],
  summary: "Amend one of your agency's entries; the change is kept in its history",
  request: { params: EntryParams, body: { content: { 'application/json': { schema: EntryPatchSchema } }, required: true } },
  responses: { 200: jsonContent(z.object({ entry: EntrySchema }), 'Amended'), 409: errorResponses[422], ...errorResponses },
});

const withdrawEntryRoute = createRoute({
  method: 'post',
  path: '/api/chronologies/{id}/entries/{entryId}/withdraw',
  tags: ['entries'],
  summary: 'Withdraw an entry with a reason (there is no delete)',
  request: { params: EntryParams, body: { content: { 'application/json': { schema: z.object({ reason: z.string() }).loose().openapi('Withdraw') } }, required: true } },
  responses: { 200: jsonContent(z.object({ entry: EntrySchema }), 'Withdrawn'), 409: errorResponses[422], ...errorResponses },
});

const HistoryItem = z
  .object({
    at: z.string(),
    actor: z.object({ id: z.string(), name: z.string(), agency: z.string() }),
    action: z.string(),
    via: z.string().nullable(),
    changes: FieldChangesSchema,
  })
  .openapi('HistoryItem');

const history = createRoute({
  method: 'get',
  path: '/api/chronologies/{id}/entries/{entryId}/history',
  tags: ['entries'],
  summary: 'Who created and changed an entry, what and when',
  request: { params: EntryParams },
  responses: { 200: jsonContent(z.object({ history: z.array(HistoryItem) }), 'History, oldest first'), ...errorResponses },
});

function dateFilter(field: 'from' | 'to', value: string | undefined): string | undefined {
  if (!value) return undefined;
  const parsed = parseChronoDate(value);
  if (!parsed.ok) throw invalid(`The ${field} date is not valid.`, [{ field, message: parsed.message }]);
  const bounds = dateBounds(parsed.canonical);
  return field === 'from' ? bounds.first : bounds.last;
}

const list = (value: string | undefined) => value?.split(',').map((s) => s.trim()).filter(Boolean);

export function registerEntryRoutes(app: OpenAPIHono<AppEnv>) {
  app.openapi(listEntries, async (c) => {
    const deps = c.get('deps');
    const principal = requirePrincipal(c);
    const { id } = c.req.valid('param');
    const q = c.req.valid('query');
    const limit = pageLimit(q.limit);
    const { record, entryVersion } = await requireChronology(deps, principal, id, 'chronology:read', c.get('ip'));
    const page = await entriesPage(
      deps,
      principal,
      { id: record.id, memberAgencies: record.memberAgencies, entryVersion },
      {
        from: dateFilter('from', q.from),
        to: dateFilter('to', q.to),
        agencies: list(q.agency),
        categories: list(q.category),
        text: q.text?.trim() || undefined,
        includeWithdrawn: q.includeWithdrawn === '1' || q.includeWithdrawn === 'true',
      },
      { limit, cursor: q.cursor },
    );
    await audit(deps, principal, c.get('ip'), { action: 'entry:read', chronologyId: id, details: { count: page.count, filters: q } });
    // The entries arrive as JSON text from the store: sent as they are, not parsed and written again.
    return c.body(page.body, 200, { 'content-type': 'application/json' }) as never;
  });

  app.openapi(postEntry, async (c) => {
    const { id } = c.req.valid('param');
    const entry = await createEntry(c.get('deps'), requirePrincipal(c), id, await c.req.json(), c.get('ip'));
    return c.json({ entry }, 201);
  });

  app.openapi(getEntry, async (c) => {
    const deps = c.get('deps');
    const principal = requirePrincipal(c);
    const { id, entryId } = c.req.valid('param');
    const { entry } = await visibleEntry(deps, principal, id, entryId, c.get('ip'));
    await audit(deps, principal, c.get('ip'), { action: 'entry:read', chronologyId: id, entryId });
    return c.json({ entry: toEntry(entry) }, 200);
  });

  app.openapi(patchEntry, async (c) => {
    const { id, entryId } = c.req.valid('param');
    const entry = await amend(c.get('deps'), requirePrincipal(c), id, entryId, await c.req.json(), c.get('ip'));
    return c.json({ entry }, 200);
  });

  app.openapi(withdrawEntryRoute, async (c) => {
    const { id, entryId } = c.req.valid('param');
    const entry = await withdraw(c.get('deps'), requirePrincipal(c), id, entryId, await c.req.json(), c.get('ip'));
    return c.json({ entry }, 200);
  });

  app.openapi(history, async (c) => {
    const deps = c.get('deps');
    const principal = requirePrincipal(c);
    const { id, entryId } = c.req.valid('param');
    const { entry } = await visibleEntry(deps, principal, id, entryId, c.get('ip'));
    // The history of THIS entry, in the document the caller may see: records name their document. Records
    // written before they did belong to it only while no other document holds the same id.
    const unambiguous = (await deps.repos.entries.docsHolding(id, entryId)).length === 1;
    const records = (await deps.repos.audit.list({ chronologyId: id, entryId, limit: 500 }))
      .filter((r) => r.outcome === 'allowed' && /^entry\.(create|amend|withdraw)$/.test(r.action))
      .filter((r) => (typeof r.details.docName === 'string' ? r.details.docName === entry.docName : unambiguous));
    await audit(deps, principal, c.get('ip'), { action: 'entry:history', chronologyId: id, entryId });
    return c.json(
      {
        history: records.reverse().map((r) => ({
          at: r.at,
          actor: { id: r.actorId, name: r.actorLabel, agency: r.actorAgency },
          action: r.action,
          via: typeof r.details.via === 'string' ? r.details.via : null,
          changes: (r.details.changes as Record<string, { from: unknown; to: unknown }> | undefined) ?? {},
        })),
      },
      200,
    );
  });
}
