import { createRoute, z, type OpenAPIHono } from '@hono/zod-openapi';
import { PACK_FORMATS, PACK_KINDS, packHighlightSchema, packPreviewSchema, packRowSchema } from '@mac/domain';
import type { AppEnv } from '../http/env.js';
import { AnalysisSchema } from './analysis.js';
import { requirePrincipal } from '../http/require.js';
import { EntryParams, EntrySchema, FieldChangesSchema, IdParam, errorResponses, jsonContent } from '../http/schemas.js';
import { previewPack, producePack } from '../services/conference/packs.js';
import { decideSharing, MAX_SHARING_BATCH, tightenSharing } from '../services/conference/sharing.js';
import { changesSince, listSnapshots, openSnapshot } from '../services/conference/snapshots.js';

// Conference preparation: the lead's sharing override, conference packs (PDF or CSV, professional or
// family version) with their preview, and the snapshots that freeze what a conference was shown.

const SharingBody = z
  .object({
    sharing: z.enum(['family', 'professionals']),
    reason: z.string().max(2000),
  })
  .openapi('SharingChange');

const BulkSharingBody = z
  .object({
    entryIds: z.array(z.string().max(100)).min(1).max(MAX_SHARING_BATCH),
    sharing: z.enum(['family', 'professionals']),
    reason: z.string().max(2000),
  })
  .openapi('BulkSharingDecision');

const PackOptionsFields = {
  kind: z.enum(PACK_KINDS),
  conferenceDate: z.string().max(30).openapi({ example: '2025-03-12', description: 'The day of the conference, YYYY-MM-DD' }),
  from: z.string().max(30).optional().openapi({ description: 'Entries whose date ends on or after this date (any exchange-format date form)' }),
  to: z.string().max(30).optional().openapi({ description: 'Entries whose date starts on or before this date' }),
  agencies: z.array(z.string().max(63)).min(1).max(100).optional().openapi({ description: 'Agency slugs to include; all agencies when absent' }),
  household: z.boolean().optional().openapi({
    description:
      'Include the household (issue 14): the other children (name, date of birth, age, place in the household, lead; in the professional version also whether you may open their chronology) and this chronology’s household events marked. Never a sibling’s entries.',
  }),
};

const PackRequestSchema = z.object({ ...PackOptionsFields, format: z.enum(PACK_FORMATS) }).openapi('PackRequest');
const PackPreviewRequestSchema = z.object({ ...PackOptionsFields, format: z.enum(PACK_FORMATS).optional() }).openapi('PackPreviewRequest');

/**
 * A @mac/domain schema under a name in the OpenAPI document. Zod copies `.openapi` onto a schema when the
 * schema is made, and the domain's may be made before @hono/zod-openapi adds it (whichever module imports
 * @mac/domain first), so it is called on a copy made here, after this module's imports have run.
 */
function named<T extends z.ZodType>(schema: T, name: string): T {
  return schema.clone().openapi(name);
}

// The preview's shape is the domain's, which the browser reads too. The rows and highlights are swapped
// for their named copies so that the document refers to PackRow and PackHighlight.
const PackRowSchema = named(packRowSchema, 'PackRow');
const PackHighlightSchema = named(packHighlightSchema, 'PackHighlight');
const PackPreviewSchema = named(packPreviewSchema.extend({ rows: z.array(PackRowSchema), highlights: z.array(PackHighlightSchema) }), 'PackPreview');

const SnapshotSchema = z
  .object({
    id: z.string(),
    label: z.string(),
    takenAt: z.string(),
    takenBy: z.object({ id: z.string(), name: z.string() }),
    conferenceDate: z.string().nullable(),
    kind: z.string().nullable(),
    format: z.string().nullable(),
    version: z.string().nullable(),
    entryCount: z.number().nullable(),
    options: z.object({ from: z.string().nullable(), to: z.string().nullable(), agencies: z.array(z.string()).nullable() }).nullable(),
  })
  .openapi('Snapshot');


const ChangesSchema = z
  .object({
    since: SnapshotSchema.nullable(),
    version: z.string(),
    added: z.array(EntrySchema),
    amended: z.array(z.object({ entry: EntrySchema, changes: FieldChangesSchema })),
    withdrawn: z.array(z.object({ entry: EntrySchema, reason: z.string(), newSinceSnapshot: z.boolean(), changes: FieldChangesSchema })),
  })
  .openapi('ChangesSinceSnapshot');

const SnapshotParams = IdParam.extend({ snapshotId: z.string().max(100).openapi({ param: { name: 'snapshotId', in: 'path' } }) });

const sharingRoute = createRoute({
  method: 'post',
  path: '/api/chronologies/{id}/entries/{entryId}/sharing',
  tags: ['conference'],
  summary: "The lead makes any agency's entry professionals-only, or decides an undecided one, with a reason (never loosens a professionals-only entry: the entry's agency amends it)",
  request: { params: EntryParams, body: { content: { 'application/json': { schema: SharingBody } }, required: true } },
  responses: { 200: jsonContent(z.object({ entry: EntrySchema }), 'The entry, at its new level'), 409: errorResponses[422], ...errorResponses },
});

const bulkSharingRoute = createRoute({
  method: 'post',
  path: '/api/chronologies/{id}/sharing',
  tags: ['conference'],
  summary: "The lead decides the family-version sharing of many entries at once (all or nothing), with one reason kept on each",
  description: 'Same rules as the single-entry route: any entry may be made professionals-only; only undecided (or already family) entries may be shared with the family.',
  request: { params: IdParam, body: { content: { 'application/json': { schema: BulkSharingBody } }, required: true } },
  responses: { 200: jsonContent(z.object({ entries: z.array(EntrySchema) }), 'The entries, at their new level'), 409: errorResponses[422], ...errorResponses },
});

const packRoute = createRoute({
  method: 'post',
  path: '/api/chronologies/{id}/packs',
  tags: ['conference'],
  summary: 'A conference pack (PDF or exchange-format CSV), professional or family version; freezes a snapshot and audits every entry id',
  description:
    'The professional version needs chronology:export (any member agency), the family version chronology:family-export (the lead or a DSL). Restricted and withdrawn entries are never included; the family version also leaves out professionals-only entries, source references and the names of people who recorded entries. Headers X-Mac-Snapshot and X-Mac-Version name the snapshot and the chronology version.',
  request: { params: IdParam, body: { content: { 'application/json': { schema: PackRequestSchema } }, required: true } },
  responses: {
    200: {
      content: { 'application/pdf': { schema: z.string().openapi({ format: 'binary' }) }, 'text/csv': { schema: z.string() } },
      description: 'The pack, as an attachment',
    },
    ...errorResponses,
  },
});

const previewRoute = createRoute({
  method: 'post',
  path: '/api/chronologies/{id}/packs/preview',
  tags: ['conference'],
  summary: 'Exactly the rows and highlights a pack would share, and how many entries are withheld and why (never their content)',
  request: { params: IdParam, body: { content: { 'application/json': { schema: PackPreviewRequestSchema } }, required: true } },
  responses: { 200: jsonContent(PackPreviewSchema, 'The preview'), ...errorResponses },
});

const listSnapshotsRoute = createRoute({
  method: 'get',
  path: '/api/chronologies/{id}/snapshots',
  tags: ['conference'],
  summary: 'Snapshots taken when packs were produced ("as presented at conference"), newest first',
  request: { params: IdParam },
  responses: { 200: jsonContent(z.object({ snapshots: z.array(SnapshotSchema) }), 'Snapshots'), ...errorResponses },
});

const getSnapshotRoute = createRoute({
  method: 'get',
  path: '/api/chronologies/{id}/snapshots/{snapshotId}',
  tags: ['conference'],
  summary: 'A snapshot reopened read-only: the shared entries as they were (withdrawn ones included), and the ids the pack held',
  request: { params: SnapshotParams },
  responses: {
    200: jsonContent(
      z.object({
        snapshot: SnapshotSchema.extend({ entryIds: z.array(z.string()) }),
        version: z.string(),
        readOnly: z.literal(true),
        entries: z.array(EntrySchema),
        analysis: AnalysisSchema.nullable().openapi({ description: 'The analysis as it stood when the snapshot was taken (null: taken before the analysis existed)' }),
      }),
      'The snapshot',
    ),
    ...errorResponses,
  },
});

const changesRoute = createRoute({
  method: 'get',
  path: '/api/chronologies/{id}/changes',
  tags: ['conference'],
  summary: 'Shared entries added, amended and withdrawn since a snapshot (default: the latest; none yet: everything is new)',
  request: { params: IdParam, query: z.object({ since: z.string().max(100).optional() }) },
  responses: { 200: jsonContent(ChangesSchema, 'What changed'), ...errorResponses },
});

/** Conference packs, the family version and snapshots. */
export function registerConferenceRoutes(app: OpenAPIHono<AppEnv>): void {
  app.openapi(sharingRoute, async (c) => {
    const { id, entryId } = c.req.valid('param');
    const entry = await tightenSharing(c.get('deps'), requirePrincipal(c), id, entryId, c.req.valid('json'), c.get('ip'));
    return c.json({ entry }, 200);
  });

  app.openapi(bulkSharingRoute, async (c) => {
    const { id } = c.req.valid('param');
    const { entryIds, ...change } = c.req.valid('json');
    return c.json({ entries: await decideSharing(c.get('deps'), requirePrincipal(c), id, entryIds, change, c.get('ip')) }, 200);
  });

  app.openapi(previewRoute, async (c) => {
    const { id } = c.req.valid('param');
    return c.json(await previewPack(c.get('deps'), requirePrincipal(c), id, c.req.valid('json'), c.get('ip')), 200);
  });

  app.openapi(packRoute, async (c) => {
    const { id } = c.req.valid('param');
    const pack = await producePack(c.get('deps'), requirePrincipal(c), id, c.req.valid('json'), c.get('ip'));
    return c.body(typeof pack.body === 'string' ? pack.body : new Uint8Array(pack.body), 200, {
      'Content-Type': pack.contentType,
      'Content-Disposition': `attachment; filename="${pack.fileName}"`,
      'X-Mac-Snapshot': pack.snapshotId,
      'X-Mac-Version': pack.version,
    });
  });

  app.openapi(listSnapshotsRoute, async (c) => {
    const { id } = c.req.valid('param');
    return c.json({ snapshots: await listSnapshots(c.get('deps'), requirePrincipal(c), id, c.get('ip')) }, 200);
  });

  app.openapi(getSnapshotRoute, async (c) => {
    const { id, snapshotId } = c.req.valid('param');
    return c.json(await openSnapshot(c.get('deps'), requirePrincipal(c), id, snapshotId, c.get('ip')), 200);
  });

  app.openapi(changesRoute, async (c) => {
    const { id } = c.req.valid('param');
    return c.json(await changesSince(c.get('deps'), requirePrincipal(c), id, c.req.valid('query').since, c.get('ip')), 200);
  });
}
