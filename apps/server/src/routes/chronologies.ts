import { createRoute, z, type OpenAPIHono } from '@hono/zod-openapi';
import type { AppEnv } from '../http/env.js';
import { requirePrincipal } from '../http/require.js';
import { ApiError } from '../http/errors.js';
import {
  ChronologySchema,
  ChronologySummarySchema,
  CreateChronologySchema,
  IdParam,
  errorResponses,
  jsonContent,
} from '../http/schemas.js';
import { audit } from '../services/audit.js';
import { requireChronology, type VisibleChronology } from '../services/access.js';
import { CASELOAD_MAX_PAGE, CASELOAD_PAGE, caseloadCursor, caseloadLimit, caseloadNext, caseloadPageFor, changeMembers, detail, summarise, usersOnce, validateChild } from '../services/chronologies.js';
import { decide } from '@mac/domain';
import { chronologyFigures, chronologyStats, firstListHere, keptChronologyStats } from '../services/caseload-stats.js';
import { askAhead } from '../services/caseload-guess.js';
import { latencyTracing, traceNow, traceSpan } from '@mac/db';

const list = createRoute({
  method: 'get',
  path: '/api/chronologies',
  tags: ['chronologies'],
  summary: 'The chronologies you may see (none for administrators), newest first, a page at a time',
  description: 'Keyset paging: when there are more, `next` is the cursor to pass back as `after` for the following page; `total` is how many you may see that match `q`, on every page.',
  request: {
    query: z.object({
      q: z.string().max(200).optional().openapi({ description: "The child's name (every word of it, in any order) or NHS number; case-insensitive" }),
      limit: z.string().max(10).optional().openapi({ description: `Chronologies per page: 1 to ${CASELOAD_MAX_PAGE}, default ${CASELOAD_PAGE}` }),
      after: z.string().max(1000).optional().openapi({ description: 'The `next` value of the previous page' }),
    }),
  },
  responses: {
    200: jsonContent(z.object({ chronologies: z.array(ChronologySummarySchema), total: z.number().int(), next: z.string().nullable() }), 'A page of your caseload'),
    401: errorResponses[401],
    422: errorResponses[422],
    503: errorResponses[503],
  },
});

const create = createRoute({
  method: 'post',
  path: '/api/chronologies',
  tags: ['chronologies'],
  summary: 'Start a chronology for a child (lead professionals only); your agency is always a member',
  request: { body: { content: { 'application/json': { schema: CreateChronologySchema } }, required: true } },
  responses: { 201: jsonContent(ChronologySchema, 'Created'), ...errorResponses },
});

const get = createRoute({
  method: 'get',
  path: '/api/chronologies/{id}',
  tags: ['chronologies'],
  summary: 'One chronology: the child, its members, its document names and what you may do',
  description:
    'With `openHighlights=kept`, `openHighlights` is the count already worked out and kept for you (as the caseload lists it), or null: nothing is worked out for it, so the answer comes without running the pattern rules over the chronology. With `openHighlights=none` it is null, and not even whether a count is kept is looked up (the web app asks so: its chronology page shows no count, it works the highlights out itself). Without it, the count is worked out if it is not kept, and the answer waits for it.',
  request: {
    params: IdParam,
    query: z.object({
      openHighlights: z.enum(['kept', 'none']).optional().openapi({ description: '`kept`: only a count already kept, else null; nothing is worked out for it. `none`: null, nothing looked up' }),
    }),
  },
  responses: { 200: jsonContent(ChronologySchema, 'The chronology'), ...errorResponses },
});

const MemberSchema = z.object({ agency: z.string().max(64) }).openapi('Member');

const addMember = createRoute({
  method: 'post',
  path: '/api/chronologies/{id}/members',
  tags: ['chronologies'],
  summary: 'Add a member agency (the lead only)',
  request: { params: IdParam, body: { content: { 'application/json': { schema: MemberSchema } }, required: true } },
  responses: { 200: jsonContent(ChronologySchema, 'Updated'), ...errorResponses },
});

const removeMember = createRoute({
  method: 'delete',
  path: '/api/chronologies/{id}/members/{agency}',
  tags: ['chronologies'],
  summary: "Remove a member agency (the lead only). Its entries stay; its people's live connections close at once",
  request: { params: IdParam.extend({ agency: z.string().max(64) }) },
  responses: { 200: jsonContent(ChronologySchema, 'Updated'), ...errorResponses },
});

export function registerChronologyRoutes(app: OpenAPIHono<AppEnv>) {
  /**
   * `count`: the open-highlight count worked out and waited for (the default), only if it is kept already
   * (keptChronologyStats), or not at all (chronologyFigures). `known`: the record and access this request's
   * check read (requireChronology), not read again; without it (after a change) both are read afresh.
   */
  const full = async (c: Parameters<Parameters<typeof app.openapi>[1]>[0], id: string, count: 'worked' | 'kept' | 'none' = 'worked', known?: VisibleChronology) => {
    const deps = c.get('deps');
    const principal = requirePrincipal(c);
    const record = known?.record ?? (await deps.repos.chronologies.get(id))!;
    const stats =
      count === 'none' ? chronologyFigures(deps, principal, record) : count === 'kept' ? keptChronologyStats(deps, principal, record) : chronologyStats(deps, principal, [record], { waitForCounts: true }).then((s) => s[0]!);
    const [figures, more] = await Promise.all([stats, detail(deps, principal, record, known?.access)]);
    return { ...(await summarise(deps, record, figures)), ...more };
  };
  app.openapi(list, async (c) => {
    const deps = c.get('deps');
    const principal = requirePrincipal(c);
    const query = c.req.valid('query');
    const q = query.q?.trim() || undefined;
    const limit = caseloadLimit(query.limit);
    const after = query.after === undefined || query.after === '' ? undefined : caseloadCursor(query.after);
    const t0 = latencyTracing ? traceNow() : 0;
    // The first page asks for the figures of what its agency listed last time in the same read-lane trip as
    // its visible chronologies, used only if those are exactly what it lists (caseload-guess.ts); a search
    // (?q=) or a later page lists something else, and asks for its figures after.
    const guessing = q || after ? undefined : { early: askAhead(deps, principal) };
    // Only the first page's counts are worked out ahead (count-warmer.ts) and worth a wait: a search or a
    // later page answers with those worked out by the time its audit record is durable, the rest "Counting…"
    // until the browser asks again (the search's p50 was ~90 ms, most of it this wait; issue 17).
    const countWaitMs = guessing === undefined ? 0 : deps.config.caseloadCountWaitMs;
    // Read once, in the same request: the count keys below take the same grants (an ended grant shows on the next list).
    const { page, grants } = await caseloadPageFor(deps, principal, { limit, after, q });
    const records = page.records;
    const t1 = latencyTracing ? traceNow() : 0;
    // The audit record is written while the list is worked out (its one detail, the count, is known now), and
    // the answer is sent only once it is durable, as GET /:id does: the commit's wait and the reads' no longer add up.
    // Counts still being worked out are waited for until then too (caseload-stats.ts `answerable`).
    // A viewer's first list here writes its record once the count keys are known, in one commit with the
    // sibling-read records it owes (caseload-stats.ts firstListHere).
    const user = usersOnce(deps);
    const ip = c.get('ip');
    const record = () => {
      const written = audit(deps, principal, ip, { action: 'chronology:list', details: { count: records.length, total: page.total } });
      return latencyTracing ? written.then(() => traceSpan('caseload.2 its audit record (durable)', t1)) : written;
    };
    const summaries = (stats: Awaited<ReturnType<typeof chronologyStats>>) => {
      if (latencyTracing) traceSpan('caseload.3 counts given (grouped reads, counts, records owed)', t1);
      return Promise.all(records.map((r, i) => summarise(deps, r, stats[i]!, user)));
    };
    let body: Awaited<ReturnType<typeof summaries>>;
    if (firstListHere(deps, principal)) {
      let listed: Promise<void> | undefined;
      const recordNow = () => {
        listed = record();
        // Awaited below once the counts are given; a failure meanwhile is not left unhandled.
        listed.catch(() => undefined);
        return listed;
      };
      body = await chronologyStats(deps, principal, records, { waitForCounts: false, recordWithOwed: recordNow, grants, guessing, countWaitMs }).then(summaries);
      await listed;
    } else {
      const listed = record();
      [, body] = await Promise.all([listed, chronologyStats(deps, principal, records, { waitForCounts: false, answerable: listed, grants, guessing, countWaitMs }).then(summaries)]);
    }
    if (latencyTracing) {
      traceSpan('caseload.1 visible chronologies', t0, t1);
      traceSpan('caseload.0 TOTAL', t0);
    }
    return c.json({ chronologies: body, total: page.total, next: page.next === null ? null : caseloadNext(page.next) }, 200);
  });

  app.openapi(create, async (c) => {
    const deps = c.get('deps');
    const principal = requirePrincipal(c);
    const decision = decide(principal, 'chronology:create');
    if (!decision.allowed) {
      await audit(deps, principal, c.get('ip'), { action: 'chronology:create', outcome: 'refused', details: { reason: decision.reason } });
      throw new ApiError(403, 'forbidden', decision.reason);
    }
    const { child, members } = await validateChild(deps, c.req.valid('json'), principal);
    const record = await deps.repos.chronologies.create({ child, leadUserId: principal.id, memberAgencies: members, addedBy: principal.id });
    await audit(deps, principal, c.get('ip'), { action: 'chronology:create', chronologyId: record.id, details: { memberAgencies: members } });
    return c.json(await full(c, record.id), 201);
  });

  app.openapi(get, async (c) => {
    const deps = c.get('deps');
    const principal = requirePrincipal(c);
    const { id } = c.req.valid('param');
    // Checked (by the schema) before anything is read or recorded, as the caseload's `limit` is: a bad value is 422 naming `openHighlights`.
    const count = c.req.valid('query').openHighlights ?? 'worked';
    const t0 = latencyTracing ? traceNow() : 0;
    const known = await requireChronology(deps, principal, id, 'chronology:read', c.get('ip'));
    const t1 = latencyTracing ? traceNow() : 0;
    // The audit record is written while the answer is worked out, and the answer is sent only once the
    // record is durable (as before): the commit's wait and the reads' no longer add up.
    const [, body] = await Promise.all([
      audit(deps, principal, c.get('ip'), { action: 'chronology:read', chronologyId: id }).then(() => latencyTracing && traceSpan('chronology.2 audit (durable)', t1)),
      full(c, id, count, known).then((b) => (latencyTracing && traceSpan('chronology.3 the answer (reads)', t1), b)),
    ]);
    if (latencyTracing) {
      traceSpan('chronology.1 access check', t0, t1);
      traceSpan('chronology.0 TOTAL', t0);
    }
    return c.json(body, 200);
  });

  app.openapi(addMember, async (c) => {
    const { id } = c.req.valid('param');
    await changeMembers(c.get('deps'), requirePrincipal(c), id, { add: c.req.valid('json').agency }, c.get('ip'));
    return c.json(await full(c, id), 200);
  });

  app.openapi(removeMember, async (c) => {
    const { id, agency } = c.req.valid('param');
    await changeMembers(c.get('deps'), requirePrincipal(c), id, { remove: agency }, c.get('ip'));
    return c.json(await full(c, id), 200);
  });
}
