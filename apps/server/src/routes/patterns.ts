import { createRoute, z, type OpenAPIHono } from '@hono/zod-openapi';
import { randomUUID } from 'node:crypto';
import { hasVisibleText, parseChronoDate } from '@mac/domain';
import type { AppEnv } from '../http/env.js';
import { ApiError, invalid } from '../http/errors.js';
import { requireAdmin, requirePrincipal } from '../http/require.js';
import { IdParam, errorResponses, jsonContent } from '../http/schemas.js';
import { audit } from '../services/audit.js';
import { requireChronology } from '../services/access.js';
import { entryState, fingerprint, highlightsFor, loadPatternConfig, reviewsFor, savePatternConfig, visibleReviews } from '../services/patterns.js';
import { familyFor } from '../services/family-patterns.js';
import { visibleEntries } from '../services/exchange.js';
import { publishReview } from '../services/review-events.js';
import { announceReview } from '../cluster/cluster.js';

const ReviewStatusSchema = z.enum(['reviewed', 'dismissed']);

const ReviewHistoryItemSchema = z
  .object({ status: ReviewStatusSchema, note: z.string(), by: z.string(), byName: z.string(), at: z.string(), entryIds: z.array(z.string()) })
  .openapi('ReviewHistoryItem');

/** A review as the caller may see it, for the browser to apply to the highlights it works out live. */
export const ReviewRecordSchema = z
  .object({
    id: z.string(),
    ruleId: z.string(),
    status: ReviewStatusSchema,
    note: z.string(),
    by: z.string(),
    byName: z.string(),
    at: z.string(),
    entryIds: z.array(z.string()).openapi({ description: 'The highlight’s entries when it was reviewed' }),
    highlightKey: z.string().openapi({ description: 'The highlight’s id when it was reviewed' }),
    changedEntryIds: z.array(z.string()).openapi({ description: 'Those entries changed since the review' }),
  })
  .openapi('ReviewRecord');

const HighlightSchema = z
  .object({
    id: z.string(),
    ruleId: z.string(),
    severity: z.enum(['medium', 'high']),
    title: z.string(),
    explanation: z.string(),
    entryIds: z.array(z.string()),
    agencies: z.array(z.string()),
    window: z.object({ from: z.string(), to: z.string() }),
    thresholds: z.record(z.string(), z.number()),
    coarseEntryIds: z.array(z.string()),
    expected: z
      .object({
        triggerEntryId: z.string(),
        expectedCategories: z.array(z.string()),
        deadline: z.string(),
        usuallyRecordedBy: z.array(z.string()),
        status: z.enum(['due', 'overdue', 'late']),
        arrivedEntryId: z.string().optional(),
        arrivedOn: z.string().optional(),
      })
      .optional()
      .openapi({ description: 'Expected-event checks only: what should have followed the trigger entry, by when, and whether it came late' }),
    cycles: z
      .array(z.object({ closedEntryId: z.string(), closedOn: z.string(), reopenedEntryId: z.string(), reopenedOn: z.string() }))
      .optional()
      .openapi({ description: 'closed-then-re-referred only: each closure and the referral or concern that followed it' }),
    actionId: z.string().optional().openapi({ description: 'action-overdue only: the overdue action' }),
    sibling: z
      .object({
        chronologyId: z.string(),
        name: z.string(),
        events: z.array(z.object({ entryId: z.string(), category: z.string(), date: z.string() })),
      })
      .optional()
      .openapi({ description: "sibling-previously-on-plan only: the linked sibling and the entries of theirs it rests on (only a sibling whose chronology you may open, and only entries you may see there)" }),
    personId: z.string().optional().openapi({ description: 'known-adult-returns only: the person named again (the surviving record when two were merged)' }),
    review: z
      .object({ status: ReviewStatusSchema, note: z.string(), by: z.string(), byName: z.string(), at: z.string() })
      .nullable()
      .openapi({ description: 'The last review while it still covers the highlight; null when never reviewed or reopened' }),
    reopened: z.boolean().openapi({ description: 'True when its entries changed after the last review, including entries joining it' }),
    reviewHistory: z.array(ReviewHistoryItemSchema).openapi({
      description: 'Every review of this highlight, oldest first; kept as the highlight’s window and id change (matched by rule and shared entries)',
    }),
    sinceReview: z
      .object({ joined: z.number().int(), left: z.number().int(), changed: z.number().int() })
      .nullable()
      .openapi({ description: 'How the highlight differs from what its last review covered; null when never reviewed' }),
  })
  .openapi('Highlight');

const EpisodeSchema = z
  .object({
    id: z.string().openapi({ description: 'Stable while the same highlights make up the episode' }),
    from: z.string().openapi({ description: 'ISO day: the earliest start of its highlights’ windows' }),
    to: z.string().openapi({ description: 'ISO day: the latest end of its highlights’ windows' }),
    severity: z.enum(['medium', 'high']).openapi({ description: 'The highest severity among its highlights not dismissed (among all when every one is)' }),
    highlightIds: z.array(z.string()).openapi({ description: 'Its highlights, most severe and most recent first; every highlight is in exactly one episode' }),
    status: z.enum(['current', 'past']).openapi({
      description: 'past: ended more than episodes.pastAfterDays before asOf and every highlight in it reviewed or dismissed, or a plan started during it or within that time after it',
    }),
  })
  .openapi('Episode', {
    description: 'Highlights that share an entry or overlap in time, grouped (transitively): no entry is in two episodes',
  });

const list = createRoute({
  method: 'get',
  path: '/api/chronologies/{id}/patterns',
  tags: ['patterns'],
  summary: 'Highlighted patterns, computed only from the entries you may see',
  request: { params: IdParam, query: z.object({ asOf: z.string().max(10).optional() }) },
  responses: {
    200: jsonContent(
      z.object({ asOf: z.string(), highlights: z.array(HighlightSchema), episodes: z.array(EpisodeSchema), reviews: z.array(ReviewRecordSchema), config: z.unknown() }),
      'Highlights, and the episodes they make',
    ),
    ...errorResponses,
  },
});

const reviewsOnly = createRoute({
  method: 'get',
  path: '/api/chronologies/{id}/patterns/reviews',
  tags: ['patterns'],
  summary: 'The reviews you may see, without the highlights: for the browser, which works the highlights out live',
  description:
    'As GET /patterns `reviews` (a review is shown only to someone who can see every entry it covered), without working out the highlights: no sibling is read and no rule runs. Audited as a patterns read.',
  request: { params: IdParam },
  responses: { 200: jsonContent(z.object({ reviews: z.array(ReviewRecordSchema) }).openapi('ReviewList'), 'The reviews'), ...errorResponses },
});

const PatternEntrySchema = z.object({ id: z.string(), date: z.string(), agency: z.string(), category: z.string(), status: z.string() });

const family = createRoute({
  method: 'get',
  path: '/api/chronologies/{id}/patterns/family',
  tags: ['patterns'],
  summary: 'What the family rules read about this child, as you may see it: for the browser’s live highlights',
  description:
    'The linked siblings whose chronologies you may open, each with its plan, care and serious-harm entries you may see there (date, agency, category and status only), and the people around the child with the flags you may see. Audited on each sibling’s chronology.',
  request: { params: IdParam },
  responses: {
    200: jsonContent(
      z
        .object({
          siblings: z.array(z.object({ chronologyId: z.string(), name: z.string(), entries: z.array(PatternEntrySchema) })),
          people: z.array(
            z.object({
              id: z.string(),
              name: z.string(),
              mergedInto: z.string().nullable().optional(),
              flags: z.array(z.object({ kind: z.string(), createdAt: z.string(), withdrawnAt: z.string().nullable().optional() })),
            }),
          ),
        })
        .openapi('PatternFamily'),
      'The family input of the pattern engine',
    ),
    ...errorResponses,
  },
});

const review = createRoute({
  method: 'post',
  path: '/api/chronologies/{id}/patterns/{highlightId}/review',
  tags: ['patterns'],
  summary: 'Mark a highlight reviewed (with a note) or dismissed (with a reason): the lead or a DSL. Nothing is hidden',
  request: {
    params: IdParam.extend({ highlightId: z.string().max(200) }),
    body: { content: { 'application/json': { schema: z.object({ status: z.enum(['reviewed', 'dismissed']), note: z.string().max(2000) }).openapi('Review') } }, required: true },
  },
  responses: { 200: jsonContent(HighlightSchema.extend({ record: ReviewRecordSchema }), 'Reviewed: the highlight with its history, and the review saved'), ...errorResponses },
});

const getConfig = createRoute({
  method: 'get',
  path: '/api/pattern-config',
  tags: ['patterns'],
  summary: 'The rule configuration in force',
  responses: { 200: jsonContent(z.object({ config: z.unknown() }), 'Configuration'), 401: errorResponses[401] },
});

const putConfig = createRoute({
  method: 'put',
  path: '/api/admin/pattern-config',
  tags: ['admin'],
  summary: "Change the partnership's thresholds or switch rules off (administrators)",
  request: { body: { content: { 'application/json': { schema: z.record(z.string(), z.unknown()).openapi('PatternConfig') } }, required: true } },
  responses: { 200: jsonContent(z.object({ config: z.unknown() }), 'Saved'), ...errorResponses },
});

export function registerPatternRoutes(app: OpenAPIHono<AppEnv>) {
  app.openapi(family, async (c) => {
    const deps = c.get('deps');
    const principal = requirePrincipal(c);
    const { id } = c.req.valid('param');
    await requireChronology(deps, principal, id, 'chronology:read', c.get('ip'));
    const input = await familyFor(deps, principal, id);
    await audit(deps, principal, c.get('ip'), { action: 'chronology:patterns', chronologyId: id, details: { family: true, siblings: (input.siblings ?? []).map((s) => s.chronologyId) } });
    return c.json({ siblings: [...(input.siblings ?? [])].map((s) => ({ ...s, entries: [...s.entries] })), people: [...(input.people ?? [])].map((p) => ({ ...p, flags: [...p.flags] })) }, 200);
  });

  app.openapi(reviewsOnly, async (c) => {
    const deps = c.get('deps');
    const principal = requirePrincipal(c);
    const { id } = c.req.valid('param');
    const { record } = await requireChronology(deps, principal, id, 'chronology:read', c.get('ip'));
    const reviews = await reviewsFor(deps, principal, record);
    await audit(deps, principal, c.get('ip'), { action: 'chronology:patterns', chronologyId: id, details: { reviewsOnly: true, reviews: reviews.length } });
    return c.json({ reviews }, 200);
  });

  app.openapi(list, async (c) => {
    const deps = c.get('deps');
    const principal = requirePrincipal(c);
    const { id } = c.req.valid('param');
    const { asOf } = c.req.valid('query');
    if (asOf !== undefined) {
      const parsed = parseChronoDate(asOf);
      if (!parsed.ok || !/^\d{4}-\d{2}-\d{2}$/.test(parsed.canonical)) throw invalid('asOf must be a day, YYYY-MM-DD.', [{ field: 'asOf', message: parsed.ok ? 'asOf must be an exact day, YYYY-MM-DD' : parsed.message }]);
    }
    await requireChronology(deps, principal, id, 'chronology:read', c.get('ip'));
    const result = await highlightsFor(deps, principal, id, asOf);
    await audit(deps, principal, c.get('ip'), { action: 'chronology:patterns', chronologyId: id, details: { asOf: result.asOf, highlights: result.highlights.length } });
    return c.json(result, 200);
  });

  app.openapi(review, async (c) => {
    const deps = c.get('deps');
    const principal = requirePrincipal(c);
    const { id, highlightId } = c.req.valid('param');
    const body = c.req.valid('json');
    const { record: chronology } = await requireChronology(deps, principal, id, 'pattern:review', c.get('ip'));
    const note = body.note.trim();
    if (!hasVisibleText(note)) {
      throw invalid(body.status === 'dismissed' ? 'Give a reason for dismissing this highlight.' : 'Add a note to the review.', [
        { field: 'note', message: body.status === 'dismissed' ? 'Enter the reason for dismissing the highlight' : 'Enter a review note' },
      ]);
    }
    const current = (await highlightsFor(deps, principal, id)).highlights.find((h) => h.id === highlightId);
    if (!current) throw new ApiError(404, 'not_found', 'That highlight is not present any more: the entries behind it have changed.');
    const members = new Set(current.entryIds);
    const entries = (await visibleEntries(deps, principal, chronology)).filter((e) => members.has(e.id));
    const saved = await deps.repos.patternReviews.add({
      id: randomUUID(),
      chronologyId: id,
      ruleId: current.ruleId,
      highlightKey: current.id,
      status: body.status,
      note,
      entryFingerprint: fingerprint(entries),
      entryIds: [...current.entryIds],
      entryStates: Object.fromEntries(entries.map((e) => [e.id, entryState(e)])),
      reviewedBy: principal.id,
      reviewedAt: deps.now().toISOString(),
    });
    await audit(deps, principal, c.get('ip'), { action: `pattern:${body.status}`, chronologyId: id, details: { highlightId, reviewId: saved.id, ruleId: current.ruleId, note, entryIds: current.entryIds } });
    // Everyone else with the chronology open sees it now (services/review-events.ts).
    await publishReview(deps, saved);
    // Its caseload count changed (the review count is part of its key): worked out again before the next list.
    deps.countWarmer.changed([id]);
    announceReview(deps, saved.id);
    const highlight = (await highlightsFor(deps, principal, id)).highlights.find((h) => h.id === highlightId)!;
    const [record] = await visibleReviews(deps, [saved], new Map(entries.map((e) => [e.id, e])));
    return c.json({ ...highlight, record: record! }, 200);
  });

  app.openapi(getConfig, (c) => {
    requirePrincipal(c);
    return c.json({ config: loadPatternConfig(c.get('deps')) }, 200);
  });

  app.openapi(putConfig, async (c) => {
    const deps = c.get('deps');
    const principal = await requireAdmin(c);
    const config = savePatternConfig(deps, await c.req.json());
    await audit(deps, principal, c.get('ip'), { action: 'admin:pattern-config', details: { config } });
    return c.json({ config }, 200);
  });
}
