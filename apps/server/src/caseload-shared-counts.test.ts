// The caseload's open-highlight count for a child with siblings is shared between the viewers of one agency
// who hold the same break-glass grants, most often none (they open the same siblings); a grant given or ended
// changes which count a viewer gets.
// A shared count reaches a viewer only once the sibling reads it was worked out from are audited under that
// viewer's own name, as when each viewer worked their own out; and no viewer ever gets a count built from a
// sibling they may not open.
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { DEMO, inlineDb, startTestServer, TEST_PASSWORD, type TestServer } from './testing.js';

let server: TestServer;
let lead: string, police: string, police2: string, outsider: string, probation2: string;
let police2Id: string;
let leo: string, kai: string, plan: string;

beforeAll(async () => {
  server = await startTestServer();
  [lead, police, outsider] = (await Promise.all([DEMO.lead, DEMO.police, DEMO.outsider].map((email) => server.login(email)))) as [string, string, string];
  ({ id: police2Id, cookie: police2 } = await server.newAccount({ email: 'second.officer@tvp.example.org', role: 'practitioner', agency: 'thames-valley-police' }));
  ({ cookie: probation2 } = await server.newAccount({ email: 'second.officer@probation.example.org', role: 'practitioner', agency: 'probation-service' }));
  const create = async (givenName: string, memberAgencies: string[]) =>
    (await server.api(lead, 'POST', '/api/chronologies', { child: { givenName, familyName: 'Shared-Counts', dateOfBirth: '2016-04-01' }, memberAgencies })).body.id as string;
  // Probation is a member of Leo's chronology, not of his brother Kai's.
  leo = await create('Leo', ['thames-valley-police', 'probation-service']);
  kai = await create('Kai', ['thames-valley-police']);
  expect((await server.api(lead, 'POST', '/api/households', { chronologyIds: [leo, kai], name: 'Shared-Counts household' })).status).toBe(201);
  const post = async (cookie: string, chronologyId: string, body: Record<string, unknown>) => {
    const res = await server.api(cookie, 'POST', `/api/chronologies/${chronologyId}/entries`, { summary: 'x', ...body });
    expect(res.status).toBe(201);
    return res.body.entry.id as string;
  };
  await post(police, leo, { date: '2025-01-10', category: 'neglect-concern', summary: 'Home conditions poor at a welfare visit' });
  plan = await post(lead, kai, { date: '2024-02-10', category: 'child-protection-plan-start', summary: 'Child protection plan: neglect' });
});
afterAll(async () => {
  await server?.stop();
});

const caseloadCount = async (cookie: string) => {
  const res = await server.api(cookie, 'GET', '/api/chronologies');
  expect(res.status).toBe(200);
  return (res.body.chronologies as Array<{ id: string; openHighlights: number }>).find((c) => c.id === leo)!.openHighlights;
};
// GET /patterns works the highlights out afresh for the caller (no kept count): what the count must equal.
const openCount = async (cookie: string) => {
  const res = await server.api(cookie, 'GET', `/api/chronologies/${leo}/patterns`);
  expect(res.status).toBe(200);
  return (res.body.highlights as Array<{ review: unknown; ruleId: string }>).filter((h) => h.review === null).length;
};
const siblingReadsOfKai = async (actorId: string) =>
  (await server.deps.repos.audit.list({ chronologyId: kai, actorId, action: 'chronology:patterns', limit: 1_000 })).filter((r) => (r.details as { via?: string }).via === 'sibling');

describe('caseload counts for a child with siblings', () => {
  it('are worked out once for the viewers of one agency holding no grant, each audited under their own name before it reaches them', async () => {
    const policeId = (await server.deps.repos.users.byEmail(DEMO.police))!.id;
    const first = await caseloadCount(police);
    const mine = await siblingReadsOfKai(policeId);
    expect(mine).toHaveLength(1);
    expect(mine[0]!.details).toMatchObject({ via: 'sibling', for: leo, entryIds: [plan] });
    const kept = server.deps.highlightCounts.size;

    expect(await siblingReadsOfKai(police2Id)).toEqual([]);
    expect(await caseloadCount(police2)).toBe(first);
    // Nothing worked out again: the second officer was given the first one's counts ...
    expect(server.deps.highlightCounts.size).toBe(kept);
    // ... and, before Leo's, the record of reading Kai's plan for it, under the second officer's name.
    const theirs = await siblingReadsOfKai(police2Id);
    expect(theirs).toHaveLength(1);
    expect(theirs[0]).toMatchObject({ actorAgency: 'thames-valley-police', details: { via: 'sibling', for: leo, entryIds: [plan] } });
    // Once per viewer and kept count: listing again writes no second record.
    expect(await caseloadCount(police2)).toBe(first);
    expect(await siblingReadsOfKai(police2Id)).toHaveLength(1);
    // And the count is the one each works out afresh.
    expect(first).toBe(await openCount(police2));
    expect(first).toBe(await openCount(police));
  });

  it("never gives a viewer a count built from a sibling they may not open, whoever's count was worked out first", async () => {
    // Probation opens Leo's chronology, not Kai's: its count has no sibling highlight.
    const withoutKai = await caseloadCount(probation2);
    expect(withoutKai).toBe(await openCount(probation2));
    expect(await caseloadCount(outsider)).toBe(withoutKai);

    // The outsider breaks glass on Kai: from now on Kai's plan is in the outsider's count, and in no one else's of probation.
    const granted = await server.api(outsider, 'POST', `/api/chronologies/${kai}/break-glass`, { reason: 'Brother brought in injured; need family history', password: TEST_PASSWORD });
    expect(granted.status).toBe(201);
    const withKai = await caseloadCount(outsider);
    expect(withKai).toBe(await openCount(outsider));
    expect(withKai).toBe(withoutKai + 1);
    expect(await caseloadCount(probation2)).toBe(withoutKai);
    expect(await openCount(probation2)).toBe(withoutKai);
    expect(await caseloadCount(outsider)).toBe(withKai);
    // The grant ends: the count worked out through it ends with it.
    inlineDb(server.deps).sqlite.prepare('UPDATE break_glass_grants SET expires_at = ? WHERE chronology_id = ?').run(new Date(Date.now() - 1_000).toISOString(), kai);
    expect(await caseloadCount(outsider)).toBe(withoutKai);
    expect(await openCount(outsider)).toBe(withoutKai);
    // A grant again: the outsider lists Kai as well (read only); the other probation officer does not.
    expect((await server.api(outsider, 'POST', `/api/chronologies/${kai}/break-glass`, { reason: 'Brother brought in injured again', password: TEST_PASSWORD })).status).toBe(201);
    expect(await caseloadCount(outsider)).toBe(withKai);
    const ids = async (cookie: string) => ((await server.api(cookie, 'GET', '/api/chronologies')).body.chronologies as Array<{ id: string }>).map((c) => c.id);
    expect(await ids(outsider)).toContain(kai);
    expect(await ids(probation2)).not.toContain(kai);
  });
});
