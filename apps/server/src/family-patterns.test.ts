// The family rules through the API (Think Family): a sibling's plan shows on a linked child's patterns
// only for a reader who may open the sibling's chronology, from the sibling entries that reader may see,
// audited on the sibling's chronology; and the caseload's kept counts follow a sibling's changes.
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { DEMO, startTestServer, type TestServer } from './testing.js';

let server: TestServer;
let lead: string, police: string, hv: string;
let leo: string, kai: string;

beforeAll(async () => {
  server = await startTestServer();
  [lead, police, hv] = (await Promise.all([DEMO.lead, DEMO.police, DEMO.hv].map((email) => server.login(email)))) as [string, string, string];
  const create = async (givenName: string, memberAgencies: string[]) =>
    (await server.api(lead, 'POST', '/api/chronologies', { child: { givenName, familyName: 'Family-Rules', dateOfBirth: '2016-04-01' }, memberAgencies })).body.id as string;
  leo = await create('Leo', ['thames-valley-police', 'oxford-health-hv']);
  kai = await create('Kai', ['thames-valley-police']);
  expect((await server.api(lead, 'POST', '/api/households', { chronologyIds: [leo, kai], name: 'Family-Rules household' })).status).toBe(201);
});
afterAll(async () => {
  await server?.stop();
});

const post = async (cookie: string, chronologyId: string, body: Record<string, unknown>) => {
  const res = await server.api(cookie, 'POST', `/api/chronologies/${chronologyId}/entries`, { summary: 'x', ...body });
  expect(res.status).toBe(201);
  return res.body.entry.id as string;
};
type Highlight = { id: string; ruleId: string; severity: string; review: unknown; sibling?: { chronologyId: string; name: string; events: Array<{ entryId: string }> } };
const patterns = async (cookie: string, chronologyId: string) => {
  const res = await server.api(cookie, 'GET', `/api/chronologies/${chronologyId}/patterns`);
  expect(res.status).toBe(200);
  return res;
};
const siblingRule = async (cookie: string) => ((await patterns(cookie, leo)).body.highlights as Highlight[]).filter((h) => h.ruleId === 'sibling-previously-on-plan');
const caseloadCount = async (cookie: string) =>
  ((await server.api(cookie, 'GET', '/api/chronologies')).body.chronologies as Array<{ id: string; openHighlights: number }>).find((c) => c.id === leo)!.openHighlights;
const openCount = async (cookie: string) => ((await patterns(cookie, leo)).body.highlights as Highlight[]).filter((h) => h.review === null).length;

describe('family rules over the API', () => {
  it("shows a sibling's plan on a linked child to readers who may open the sibling, and to no one else", async () => {
    await post(police, leo, { date: '2025-01-10', category: 'neglect-concern', summary: 'Home conditions poor at a welfare visit' });
    expect(await siblingRule(lead)).toEqual([]);
    const before = await caseloadCount(lead);
    expect(before).toBe(await openCount(lead));

    const plan = await post(lead, kai, { date: '2024-02-10', category: 'child-protection-plan-start', summary: 'Child protection plan: neglect' });
    const [forLead] = await siblingRule(lead);
    expect(forLead).toMatchObject({ severity: 'medium', sibling: { chronologyId: kai, name: 'Kai', events: [{ entryId: plan }] } });
    expect(await siblingRule(police)).toHaveLength(1);
    // The caseload's kept count for Leo follows Kai's change (the siblings' state is part of its key).
    expect(await caseloadCount(lead)).toBe(before + 1);
    expect(await caseloadCount(lead)).toBe(await openCount(lead));

    // Health visiting is a member of Leo's chronology, not Kai's: nothing of Kai's history reaches it.
    const hvView = await patterns(hv, leo);
    expect((hvView.body.highlights as Highlight[]).map((h) => h.ruleId)).not.toContain('sibling-previously-on-plan');
    expect(JSON.stringify(hvView.body)).not.toContain(kai);
    expect(JSON.stringify(hvView.body)).not.toContain(plan);
    expect(await caseloadCount(hv)).toBe(await openCount(hv));
  });

  it("uses only the sibling entries each reader may see: the police's restricted entry makes it high for the police alone", async () => {
    const care = await post(police, kai, { date: '2024-06-01', category: 'became-looked-after', summary: 'Police protection powers used (restricted detail)', restricted: true });
    const [forPolice] = await siblingRule(police);
    expect(forPolice!.severity).toBe('high');
    expect(forPolice!.sibling!.events.map((e) => e.entryId)).toContain(care);
    const [forLead] = await siblingRule(lead);
    expect(forLead!.severity).toBe('medium');
    expect(JSON.stringify((await patterns(lead, leo)).body)).not.toContain(care);
  });

  it("gives the browser's live highlights the same family input: what the reader may see, and no more", async () => {
    const forLead = await server.api(lead, 'GET', `/api/chronologies/${leo}/patterns/family`);
    expect(forLead.status).toBe(200);
    expect(forLead.body.siblings).toHaveLength(1);
    expect(forLead.body.siblings[0]).toMatchObject({ chronologyId: kai, name: 'Kai' });
    // Only what the rule reads: no summary or other free text of the sibling's entries.
    expect(Object.keys(forLead.body.siblings[0].entries[0]).sort()).toEqual(['agency', 'category', 'date', 'id', 'status']);
    expect(JSON.stringify(forLead.body)).not.toContain('Police protection powers');
    const forHv = await server.api(hv, 'GET', `/api/chronologies/${leo}/patterns/family`);
    expect(forHv.status).toBe(200);
    expect(forHv.body.siblings).toEqual([]);
    expect(JSON.stringify(forHv.body)).not.toContain(kai);
    // Not a member of Kai's own chronology? Then not of this route on Kai either.
    expect((await server.api(hv, 'GET', `/api/chronologies/${kai}/patterns/family`)).status).toBe(404);
  });

  it('finds a known adult named again after a gap; a flag set later (shared) makes him known, and the caseload count follows it', async () => {
    const made = await server.api(police, 'POST', `/api/chronologies/${leo}/people`, { givenName: 'Dean', familyName: 'Walsh', relationship: 'partner-of-mother' });
    expect(made.status, JSON.stringify(made.body)).toBe(201);
    const dean = made.body.id as string;
    await post(police, leo, { date: '2025-02-01', category: 'police-attendance', summary: 'Dean Walsh at the address', personIds: [dean] });
    await post(police, leo, { date: '2025-09-01', category: 'other', summary: 'Dean Walsh found present at a visit', personIds: [dean] });
    const adultRule = async (cookie: string) => ((await patterns(cookie, leo)).body.highlights as Array<Highlight & { personId?: string }>).filter((h) => h.ruleId === 'known-adult-returns');
    // Named first on a police attendance: a concern, so he is known.
    expect((await adultRule(lead)).map((h) => [h.personId, h.severity])).toEqual([[dean, 'medium']]);
    const before = await caseloadCount(hv);
    expect(before).toBe(await openCount(hv));
    const flag = await server.api(police, 'POST', `/api/people/${dean}/flags`, { kind: 'poses-risk-to-children', reason: 'Breach of restraining order', sharing: 'professionals' });
    expect(flag.status, JSON.stringify(flag.body)).toBe(201);
    expect((await adultRule(hv)).map((h) => h.severity)).toEqual(['high']);
    // Same number of highlights, but the kept count must have been worked out again (and still agree).
    expect(await caseloadCount(hv)).toBe(await openCount(hv));
    // An agency-only flag of the police changes nothing for anyone else.
    const second = await server.api(lead, 'POST', `/api/chronologies/${leo}/people`, { givenName: 'Sam', familyName: 'Other', relationship: 'other' });
    const sam = second.body.id as string;
    await post(lead, leo, { date: '2025-01-01', category: 'other', summary: 'Sam visited', personIds: [sam] });
    await post(lead, leo, { date: '2025-10-01', category: 'other', summary: 'Sam visited again', personIds: [sam] });
    const policeBefore = await caseloadCount(police);
    expect(policeBefore).toBe(await openCount(police));
    expect((await server.api(police, 'POST', `/api/people/${sam}/flags`, { kind: 'poses-risk-to-children', reason: 'Police intelligence', sharing: 'agency' })).status).toBe(201);
    // Only the flag changed: the kept count must not outlive it (people.versionsOf is in its key).
    expect(await caseloadCount(police)).toBe(policeBefore + 1);
    expect((await adultRule(police)).map((h) => h.personId)).toContain(sam);
    expect((await adultRule(lead)).map((h) => h.personId)).not.toContain(sam);
    for (const cookie of [lead, police, hv]) expect(await caseloadCount(cookie)).toBe(await openCount(cookie));
  });

  it("audits the read of the sibling's entries on the sibling's chronology", async () => {
    await siblingRule(lead);
    const audit = await server.api(lead, 'GET', `/api/chronologies/${kai}/audit?action=chronology:patterns`);
    expect(audit.status).toBe(200);
    const records = audit.body.records as Array<{ details: { via?: string; for?: string } }>;
    expect(records.some((r) => r.details.via === 'sibling' && r.details.for === leo)).toBe(true);
  });
});
