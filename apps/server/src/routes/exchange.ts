import { createRoute, z, type OpenAPIHono } from '@hono/zod-openapi';
import { bodyLimit } from 'hono/body-limit';
import type { AppEnv } from '../http/env.js';
import { requirePrincipal } from '../http/require.js';
import { ApiError } from '../http/errors.js';
import { IdParam, errorResponses, jsonContent } from '../http/schemas.js';
import { exportCsv, importCsv, MAX_IMPORT_BYTES } from '../services/exchange.js';

const ImportResult = z
  .object({
    importId: z.string().nullable(),
    dryRun: z.boolean(),
    imported: z.number(),
    entryIds: z.array(z.string()),
    rows: z.array(z.object({ row: z.number(), date: z.string(), understood: z.string(), agency: z.string(), category: z.string(), summary: z.string() })),
    duplicates: z.array(z.object({ row: z.number(), line: z.number(), summary: z.string(), reason: z.enum(['duplicate', 'withdrawn']) })),
  })
  .openapi('ImportResult');

const importRoute = createRoute({
  method: 'post',
  path: '/api/chronologies/{id}/import',
  tags: ['exchange'],
  summary: 'Import a single-agency chronology (CSV exchange format): all or nothing; ?dryRun=1 previews',
  description: 'The body is the CSV file itself (Content-Type: text/csv). Rows for other agencies need the lead. Duplicates are reported and skipped.',
  request: {
    params: IdParam,
    query: z.object({ dryRun: z.enum(['0', '1', 'true', 'false']).optional(), fileName: z.string().max(255).optional() }),
    body: { content: { 'text/csv': { schema: z.string() } }, required: true },
  },
  responses: { 200: jsonContent(ImportResult, 'Imported, or the preview'), 413: errorResponses[422], 415: errorResponses[422], ...errorResponses },
});

const exportRoute = createRoute({
  method: 'get',
  path: '/api/chronologies/{id}/export.csv',
  tags: ['exchange'],
  summary: 'The entries you may see, in the CSV exchange format (formula-neutralised)',
  request: { params: IdParam },
  responses: { 200: { content: { 'text/csv': { schema: z.string() } }, description: 'CSV' }, ...errorResponses },
});

export function registerExchangeRoutes(app: OpenAPIHono<AppEnv>) {
  app.use(
    '/api/chronologies/:id/import',
    bodyLimit({
      maxSize: MAX_IMPORT_BYTES,
      onError: () => {
        throw new ApiError(413, 'too_large', `The file is larger than ${MAX_IMPORT_BYTES / 1024 / 1024} MB. Split it and import each part.`);
      },
    }),
  );

  app.openapi(importRoute, async (c) => {
    const type = c.req.header('content-type') ?? '';
    if (!/^text\/(csv|plain)\b/i.test(type)) throw new ApiError(415, 'unsupported_media_type', 'Send the CSV file as the request body with Content-Type: text/csv.');
    const { id } = c.req.valid('param');
    const q = c.req.valid('query');
    const body = new Uint8Array(await c.req.arrayBuffer());
    const result = await importCsv(c.get('deps'), requirePrincipal(c), id, body, { dryRun: q.dryRun === '1' || q.dryRun === 'true', fileName: q.fileName ?? null }, c.get('ip'));
    return c.json(result, 200);
  });

  app.openapi(exportRoute, async (c) => {
    const { id } = c.req.valid('param');
    const csv = await exportCsv(c.get('deps'), requirePrincipal(c), id, c.get('ip'));
    return c.body(csv, 200, {
      'Content-Type': 'text/csv; charset=utf-8',
      'Content-Disposition': `attachment; filename="chronology-${id}.csv"`,
    });
  });
}
