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
import { requireChronology } from '../services/access.js';
import { changeMembers, detail, listVisible, summarise, usersOnce, validateChild } from '../services/chronologies.js';
import { decide, todayIso } from '@mac/domain';
import type { ChronologyRecord } from '@mac/db';
import { openHighlightCount } from '../services/patterns.js';
import { agenciesVersion, familyVersion } from '../services/highlight-counts.js';
import { overdueCounts } from '../services/actions.js';

const list = createRoute({
  method: 'get',
  path: '/api/chronologies',
  tags: ['chronologies'],
  summary: 'The chronologies you may see (none for administrators)',
  request: { query: z.object({ q: z.string().max(200).optional() }) },
  responses: { 200: jsonContent(z.object({ chronologies: z.array(ChronologySummarySchema) }), 'Your caseload'), 401: errorResponses[401], 503: errorResponses[503] },
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
  request: { params: IdParam },
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
  const full = async (c: Parameters<Parameters<typeof app.openapi>[1]>[0], id: string) => {
    const deps = c.get('deps');
    const principal = requirePrincipal(c);
    const record = (await deps.repos.chronologies.get(id))!;
    const [stats, more] = await Promise.all([statsFor(c, [record], { waitForCounts: true }), detail(deps, principal, record)]);
    return { ...(await summarise(deps, record, stats[0]!)), ...more };
  };
  // `waitForCounts`: one chronology's page waits for its open-highlights count; the caseload list waits at
  // most `caseloadCountWaitMs` and lists a count not ready by then as null (it keeps being worked out, so the
  // browser's next listing finds it): a cold caseload runs the pattern rules over every listed chronology,
  // seconds of work that must not hold the list (issue 17 item 5: 12-36 s at p50 in the county bench).
  const statsFor = async (c: Parameters<Parameters<typeof app.openapi>[1]>[0], records: readonly ChronologyRecord[], { waitForCounts }: { waitForCounts: boolean }) => {
    const deps = c.get('deps');
    const principal = requirePrincipal(c);
    const ids = records.map((r) => r.id);
    // ONE grouped query each for every listed chronology (the caseload is the slowest request of the county
    // bench): together they say whether a kept open-highlight count still holds (services/highlight-counts.ts).
    // The family rules read the siblings' histories: their state is part of the key too (asked for with the
    // rest: each wait for the read lane is a queue under load).
    const [counts, changes, ownRestricted, overdue, reviews, agencies, siblingsOf, peopleVersions] = await Promise.all([
      deps.repos.entries.countByChronology(ids, principal.agency),
      deps.repos.entries.lastChange(ids, principal.agency),
      deps.repos.entries.restrictedCount(ids, principal.agency),
      overdueCounts(deps, ids),
      deps.repos.patternReviews.countByChronology(ids),
      deps.repos.agencies.list(),
      deps.repos.households.siblingsOf(ids),
      deps.repos.people.versionsOf(ids),
    ]);
    const siblingIds = [...new Set(Object.values(siblingsOf).flat())];
    const [siblingCounts, siblingChanges] =
      siblingIds.length === 0 ? [{}, {}] : await Promise.all([deps.repos.entries.countByChronology(siblingIds, principal.agency), deps.repos.entries.lastChange(siblingIds, principal.agency)]);
    const day = todayIso(deps.now());
    const agencyKinds = agenciesVersion(agencies);
    return Promise.all(
      records.map(async (record) => {
        const { id, child } = record;
        const inputs = {
          chronologyId: id,
          // An agency with no restricted entries there sees what every such agency sees: one count for all.
          // A child with siblings: which of them the viewer may open is the viewer's own (highlight-counts.ts).
          // People's flags may be agency-only: a child with people is counted per agency at least.
          viewing: siblingsOf[id] ? `${principal.kind}:${principal.id}` : (ownRestricted[id] ?? 0) > 0 || peopleVersions[id] ? principal.agency : '*',
          day,
          entryCount: counts[id] ?? 0,
          lastChangeAt: changes[id] ?? null,
          reviewCount: reviews[id] ?? 0,
          overdueActions: overdue[id] ?? 0,
          dateOfBirth: child.dateOfBirth ?? null,
          agencies: agencyKinds,
          family: familyVersion(siblingsOf[id] ?? [], siblingCounts, siblingChanges, peopleVersions[id] ?? ''),
        };
        // One chronology's page does not wait behind caseload listings' counts (highlight-counts.ts).
        // A page's own count reads all at once; a caseload's background counts one read after another.
        const compute = () => openHighlightCount(deps, principal, record, waitForCounts ? 'together' : 'inTurn');
        const openHighlights = waitForCounts
          ? await deps.highlightCounts.count(inputs, compute, { first: true })
          : await deps.highlightCounts.countWithin(inputs, compute, deps.config.caseloadCountWaitMs);
        return { entryCount: inputs.entryCount, lastChangeAt: inputs.lastChangeAt, openHighlights, overdueActions: inputs.overdueActions };
      }),
    );
  };

  app.openapi(list, async (c) => {
    const deps = c.get('deps');
    const principal = requirePrincipal(c);
    const q = c.req.valid('query').q?.trim().toLowerCase();
    let records = await listVisible(deps, principal);
    if (q) records = records.filter((r) => `${r.child.givenName} ${r.child.familyName}`.toLowerCase().includes(q) || (r.child.nhsNumber ?? '').includes(q.replace(/\s/g, '')));
    const stats = await statsFor(c, records, { waitForCounts: false });
    await audit(deps, principal, c.get('ip'), { action: 'chronology:list', details: { count: records.length } });
    const user = usersOnce(deps);
    return c.json({ chronologies: await Promise.all(records.map((r, i) => summarise(deps, r, stats[i]!, user))) }, 200);
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
    await requireChronology(deps, principal, id, 'chronology:read', c.get('ip'));
    // The audit record is written while the answer is worked out, and the answer is sent only once the
    // record is durable (as before): the commit's wait and the reads' no longer add up.
    const [, body] = await Promise.all([audit(deps, principal, c.get('ip'), { action: 'chronology:read', chronologyId: id }), full(c, id)]);
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
