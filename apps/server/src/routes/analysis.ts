// The analysis of a chronology (issue 15): the lead's summary and each member agency's view. The input
// schemas (and so every length limit and the "differ needs reasons" rule) are the domain's, defined once in
// packages/domain analysis.ts. Rules and auditing in services/analysis.ts.
import { createRoute, z, type OpenAPIHono } from '@hono/zod-openapi';
import { agencyViewInputSchema, ANALYSIS_POSITIONS, analysisInputSchema } from '@mac/domain';
import type { AppEnv } from '../http/env.js';
import { requirePrincipal } from '../http/require.js';
import { ErrorSchema, IdParam, errorResponses, jsonContent } from '../http/schemas.js';
import { analysisEtag, analysisHistory, readAnalysis, saveAgencyView, saveAnalysis } from '../services/analysis.js';

const AgencyViewSchema = z
  .object({
    agency: z.string(),
    position: z.enum(ANALYSIS_POSITIONS),
    text: z.string(),
    by: z.string().openapi({ description: 'Who recorded it' }),
    at: z.string(),
    onVersion: z.number().openapi({ description: 'The summary version the view was given on (0: before any summary)' }),
  })
  .openapi('AgencyView');

export const AnalysisSchema = z
  .object({
    text: z.string().openapi({ description: 'The lead professional’s summary: what the pattern means for the child' }),
    familySummary: z.string().openapi({ description: 'The summary written for the family; the family version of the pack shows only this (empty: nothing)' }),
    version: z.number().openapi({ description: '0 until the first save; also sent as the ETag' }),
    updatedAt: z.string().nullable(),
    updatedBy: z.string().nullable(),
    views: z.array(AgencyViewSchema).openapi({ description: 'The current view of each agency that has recorded one' }),
  })
  .openapi('Analysis');

const AnalysisHistorySchema = z
  .object({
    versions: z.array(z.object({ version: z.number(), text: z.string(), familySummary: z.string(), by: z.string(), agency: z.string(), at: z.string() })),
    views: z.array(AgencyViewSchema).openapi({ description: 'Every view ever recorded, oldest first' }),
  })
  .openapi('AnalysisHistory');

const ViewParams = IdParam.extend({ agency: z.string().max(64).openapi({ param: { name: 'agency', in: 'path' }, description: 'Your own agency’s slug' }) });

const read = createRoute({
  method: 'get',
  path: '/api/chronologies/{id}/analysis',
  tags: ['analysis'],
  summary: 'The analysis: the lead’s summary, the family summary and each agency’s current view',
  request: { params: IdParam },
  responses: { 200: jsonContent(AnalysisSchema, 'The analysis (ETag: its version)'), ...errorResponses },
});

const history = createRoute({
  method: 'get',
  path: '/api/chronologies/{id}/analysis/history',
  tags: ['analysis'],
  summary: 'Every saved version of the summary and every view ever recorded (dissent is kept)',
  request: { params: IdParam },
  responses: { 200: jsonContent(AnalysisHistorySchema, 'The history'), ...errorResponses },
});

const save = createRoute({
  method: 'put',
  path: '/api/chronologies/{id}/analysis',
  tags: ['analysis'],
  summary: 'Save the summary (the lead professional of this chronology only); each save is a new version',
  description: 'Send If-Match with the ETag you read: if the analysis has been saved since, 409 analysis_conflict and nothing is written. Leave out familySummary to keep it as it is.',
  request: {
    params: IdParam,
    headers: z.object({ 'if-match': z.string().max(100).optional() }),
    body: { content: { 'application/json': { schema: analysisInputSchema } }, required: true },
  },
  responses: { 200: jsonContent(AnalysisSchema, 'Saved'), 409: jsonContent(ErrorSchema, 'Saved by someone else since your version (analysis_conflict)'), ...errorResponses },
});

const saveView = createRoute({
  method: 'put',
  path: '/api/chronologies/{id}/analysis/views/{agency}',
  tags: ['analysis'],
  summary: 'Record your agency’s view: agree, or differ with your reasons (a new record; earlier views stay)',
  request: { params: ViewParams, body: { content: { 'application/json': { schema: agencyViewInputSchema } }, required: true } },
  responses: { 200: jsonContent(AnalysisSchema, 'Recorded'), ...errorResponses },
});

export function registerAnalysisRoutes(app: OpenAPIHono<AppEnv>) {
  app.openapi(read, async (c) => {
    const view = await readAnalysis(c.get('deps'), requirePrincipal(c), c.req.valid('param').id, c.get('ip'));
    c.header('ETag', analysisEtag(view.version));
    return c.json(view, 200);
  });

  app.openapi(history, async (c) => {
    const body = await analysisHistory(c.get('deps'), requirePrincipal(c), c.req.valid('param').id, c.get('ip'));
    return c.json(body, 200);
  });

  app.openapi(save, async (c) => {
    const view = await saveAnalysis(c.get('deps'), requirePrincipal(c), c.req.valid('param').id, c.req.valid('json'), c.req.valid('header')['if-match'], c.get('ip'));
    c.header('ETag', analysisEtag(view.version));
    return c.json(view, 200);
  });

  app.openapi(saveView, async (c) => {
    const { id, agency } = c.req.valid('param');
    const view = await saveAgencyView(c.get('deps'), requirePrincipal(c), id, agency, c.req.valid('json'), c.get('ip'));
    c.header('ETag', analysisEtag(view.version));
    return c.json(view, 200);
  });
}
