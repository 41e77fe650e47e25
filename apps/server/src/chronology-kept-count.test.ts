// GET /api/chronologies/{id}?openHighlights=kept (what the web app asks: its chronology page works the
// highlights out live and shows no count): the open-highlight count is the one already kept for this viewer,
// or null, and nothing is worked out for it. Without the parameter the count is worked out and waited for,
// as before (API clients keep their answer). A kept count built from a sibling's reads that are not yet
// audited under this viewer's name is null rather than accounted for (caseload-stats.ts keptChronologyStats).
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { createApp } from './app.js';
import { countingRepoCalls, DEMO, startTestServer, type TestServer } from './testing.js';

let server: TestServer;
let lead: string, police: string, police2: string, hv: string;
let police2Id: string;
let id: string, leo: string, kai: string;

const create = async (givenName: string, memberAgencies: string[]) =>
  (await server.api(lead, 'POST', '/api/chronologies', { child: { givenName, familyName: 'Kept-Count', dateOfBirth: '2014-03-01' }, memberAgencies })).body.id as string;
const post = async (cookie: string, chronologyId: string, body: Record<string, unknown>) => {
  const res = await server.api(cookie, 'POST', `/api/chronologies/${chronologyId}/entries`, { summary: 'x', ...body });
  expect(res.status).toBe(201);
};

beforeAll(async () => {
  server = await startTestServer();
  [lead, police, hv] = (await Promise.all([DEMO.lead, DEMO.police, DEMO.hv].map((email) => server.login(email)))) as [string, string, string];
  ({ id: police2Id, cookie: police2 } = await server.newAccount({ email: 'kept.count@tvp.example.org', role: 'practitioner', agency: 'thames-valley-police' }));
  id = await create('Ada', ['oxford-health-hv']);
  for (const date of ['2026-09-01', '2026-10-01']) await post(hv, id, { date, category: 'self-harm', summary: `Disclosed self-harm ${date}` });
  leo = await create('Leo', ['thames-valley-police']);
  kai = await create('Kai', ['thames-valley-police']);
  expect((await server.api(lead, 'POST', '/api/households', { chronologyIds: [leo, kai], name: 'Kept-Count household' })).status).toBe(201);
  await post(police, leo, { date: '2025-01-10', category: 'neglect-concern', summary: 'Home conditions poor at a welfare visit' });
  await post(lead, kai, { date: '2024-02-10', category: 'child-protection-plan-start', summary: 'Child protection plan: neglect' });
});
afterAll(async () => {
  await server?.stop();
});

const get = async (cookie: string, chronologyId: string, query = '') => {
  const res = await server.api(cookie, 'GET', `/api/chronologies/${chronologyId}${query}`);
  expect(res.status, query).toBe(200);
  return res.body as { openHighlights: number | null } & Record<string, unknown>;
};
const kept = (cookie: string, chronologyId: string) => get(cookie, chronologyId, '?openHighlights=kept');
const openCount = async (cookie: string, chronologyId: string) =>
  ((await server.api(cookie, 'GET', `/api/chronologies/${chronologyId}/patterns`)).body.highlights as Array<{ review: unknown }>).filter((h) => h.review === null).length;
/** The repository calls one GET /:id makes, through the server's own app over its own repositories, each call noted as it passes. */
const repoCallsOf = async (cookie: string, chronologyId: string, query: string) => {
  const { deps, calls } = countingRepoCalls(server.deps);
  const res = await createApp(deps).request(`/api/chronologies/${chronologyId}${query}`, { headers: { cookie } });
  expect(res.status, query).toBe(200);
  return calls;
};
const siblingReadsOfKai = async (actorId: string) =>
  (await server.deps.repos.audit.list({ chronologyId: kai, actorId, action: 'chronology:patterns', limit: 1_000 })).filter((r) => (r.details as { via?: string }).via === 'sibling');

describe('GET /api/chronologies/{id}?openHighlights=kept', () => {
  it('answers the kept count, or null without working one out; the rest of the answer as without it', async () => {
    const counts = server.deps.highlightCounts;
    const before = counts.size;
    const cold = await kept(hv, id);
    expect(cold.openHighlights).toBeNull();
    // Nothing was worked out, nor started: no count is kept for it afterwards.
    expect(counts.size).toBe(before);

    // Without the parameter the count is worked out, waited for and kept (API clients keep their answer) ...
    const truth = await openCount(hv, id);
    expect(truth).toBeGreaterThan(0);
    const whole = await get(hv, id);
    expect(whole.openHighlights).toBe(truth);
    expect(counts.size).toBe(before + 1);
    // ... and is then what the parameter answers; everything else is the same answer.
    const warm = await kept(hv, id);
    expect(warm).toEqual(whole);
    expect({ ...cold, openHighlights: truth }).toEqual(whole);

    // A change makes the kept count old: null again, never the old number.
    await post(hv, id, { date: '2026-11-01', category: 'self-harm', summary: 'Third disclosure' });
    expect((await kept(hv, id)).openHighlights).toBeNull();
    expect(counts.size).toBe(before + 1);
  });

  it('reads none of what the pattern rules read', async () => {
    await post(hv, id, { date: '2026-11-02', category: 'self-harm', summary: 'Fourth disclosure' });
    const keptCalls = await repoCallsOf(hv, id, '?openHighlights=kept');
    const worked = await repoCallsOf(hv, id, '');
    // What working the count out reads beyond the answer's own figures: the reviews, actions and agencies
    // the rules look at (and the entries, through the read lane).
    const forTheRules = worked.filter((call) => !keptCalls.includes(call));
    expect(forTheRules).toEqual(expect.arrayContaining(['patternReviews.listForChronology', 'actions.listForChronology']));
    expect(keptCalls.filter((call) => forTheRules.includes(call))).toEqual([]);
  });

  it('answers a shared count only to a viewer whose sibling reads for it are audited already; null to the others, recording nothing', async () => {
    const policeId = (await server.deps.repos.users.byEmail(DEMO.police))!.id;
    // The first officer's page works Leo's count out, reading Kai's plan under their name.
    const count = (await get(police, leo)).openHighlights;
    expect(await siblingReadsOfKai(policeId)).toHaveLength(1);
    expect((await kept(police, leo)).openHighlights).toBe(count);

    // The second officer shares that count (same agency, no grant), but has not had Kai's read audited.
    const size = server.deps.highlightCounts.size;
    expect((await kept(police2, leo)).openHighlights).toBeNull();
    expect(await siblingReadsOfKai(police2Id)).toEqual([]);
    expect(server.deps.highlightCounts.size).toBe(size);
    // Asked without the parameter, it is given to them with the record under their own name; then kept for them too.
    expect((await get(police2, leo)).openHighlights).toBe(count);
    expect(await siblingReadsOfKai(police2Id)).toHaveLength(1);
    expect((await kept(police2, leo)).openHighlights).toBe(count);
    expect(await siblingReadsOfKai(police2Id)).toHaveLength(1);
    // The count is Kai's plan included, as the patterns page (which reads Kai afresh) works it out.
    expect(count).toBe(await openCount(police2, leo));
    expect(count).toBeGreaterThan(0);
  });

  it('refuses any other value, naming the field, and records nothing', async () => {
    const hvId = (await server.deps.repos.users.byEmail(DEMO.hv))!.id;
    const recorded = async () => (await server.deps.repos.audit.list({ actorId: hvId, limit: 10_000 })).length;
    const before = await recorded();
    for (const query of ['?openHighlights=', '?openHighlights=KEPT', '?openHighlights=NONE', '?openHighlights=yes', '?openHighlights=kept&openHighlights=none']) {
      const res = await server.api(hv, 'GET', `/api/chronologies/${id}${query}`);
      expect(res.status, query).toBe(422);
      expect(res.body.error.fields, query).toEqual([expect.objectContaining({ field: 'openHighlights' })]);
    }
    expect(await recorded()).toBe(before);
  });
});

describe('GET /api/chronologies/{id}?openHighlights=none (what the web app asks)', () => {
  it('answers no count, even one kept, and the rest of the answer as without it', async () => {
    const whole = await get(hv, id);
    expect(whole.openHighlights).not.toBeNull();
    expect((await kept(hv, id)).openHighlights).toBe(whole.openHighlights);
    const none = await get(hv, id, '?openHighlights=none');
    expect(none).toEqual({ ...whole, openHighlights: null });
    // The figures are the viewer's own: another agency's restricted entry is not counted for them.
    expect((await server.api(police, 'POST', `/api/chronologies/${leo}/entries`, { summary: 'Police only', date: '2025-02-01', category: 'other', restricted: true })).status).toBe(201);
    const [policeView, hvView] = [await get(police, leo, '?openHighlights=none'), await get(lead, leo, '?openHighlights=none')];
    expect(policeView.entryCount).toBe((await get(police, leo)).entryCount);
    expect(hvView.entryCount).toBe((await get(lead, leo)).entryCount);
    expect(policeView.entryCount).toBe((hvView.entryCount as number) + 1);
  });

  it("reads none of what finding a kept count reads (its key's grouped figures)", async () => {
    const keptCalls = await repoCallsOf(police, leo, '?openHighlights=kept');
    const noneCalls = await repoCallsOf(police, leo, '?openHighlights=none');
    const forTheKey = keptCalls.filter((call) => !noneCalls.includes(call));
    expect(forTheKey).toEqual(expect.arrayContaining(['households.siblingsOf', 'patternReviews.countByChronology', 'people.versionsOf', 'entries.restrictedCount']));
    expect(noneCalls).toEqual(expect.arrayContaining(['entries.countByChronology', 'entries.lastChange', 'actions.overdueCounts']));
    // The chronology and its grants are read once, by the access check, and not again for the answer.
    expect(noneCalls.filter((call) => call === 'chronologies.access')).toHaveLength(1);
    expect(noneCalls).not.toContain('chronologies.get');
    expect(noneCalls).not.toContain('breakGlass.activeFor');
  });
});
