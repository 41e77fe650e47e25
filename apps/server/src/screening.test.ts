// Screening results over the REST API and through the patterns route: stored and returned with the
// score as a number, bad values refused with the field named and nothing stored, and a restricted
// result changing only its own agency's highlights.
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { DEMO, startTestServer, type TestServer } from './testing.js';

let server: TestServer;
let lead: string, police: string, hv: string, dsl: string;
let id: string;

const entries = (cookie: string) => server.api(cookie, 'GET', `/api/chronologies/${id}/entries`);
const post = (cookie: string, body: Record<string, unknown>) => server.api(cookie, 'POST', `/api/chronologies/${id}/entries`, { date: '2024-02-01', summary: 'Result', ...body });
type H = { id: string; ruleId: string; entryIds: string[]; window: unknown; expected?: { status: string; deadline: string; triggerEntryId: string } };
const highlights = async (cookie: string, asOf = '2024-06-30') => (await server.api(cookie, 'GET', `/api/chronologies/${id}/patterns?asOf=${asOf}`)).body.highlights as H[];

beforeAll(async () => {
  server = await startTestServer();
  lead = await server.login(DEMO.lead);
  police = await server.login(DEMO.police);
  hv = await server.login(DEMO.hv);
  dsl = await server.login(DEMO.dsl);
  id = (await server.api(lead, 'POST', '/api/chronologies', { child: { givenName: 'Screen', familyName: 'Case', dateOfBirth: '2010-05-01' }, memberAgencies: ['thames-valley-police', 'oxford-health-hv', 'northway-primary'] })).body.id;
});
afterAll(async () => {
  await server?.stop();
});

describe('screening results over REST', () => {
  it('stores a checklist result and returns the score as a number', async () => {
    const created = await post(police, { category: 'domestic-abuse-risk-assessment', summary: 'Checklist with mother', riskLevel: 'medium', score: 11 });
    expect(created.status).toBe(201);
    expect(created.body.entry).toMatchObject({ riskLevel: 'medium', score: 11 });
    const listed = (await entries(police)).body.entries.find((e: { id: string }) => e.id === created.body.entry.id);
    expect(listed).toMatchObject({ riskLevel: 'medium', score: 11 });
    expect(listed).not.toHaveProperty('areaGrades');
  });

  it('refuses a score out of range, a level of another tool and a result on the wrong category with 422 naming the field, storing nothing', async () => {
    const before = (await entries(police)).body.entries.length;
    for (const [body, field] of [
      [{ category: 'domestic-abuse-risk-assessment', riskLevel: 'high', score: 28 }, 'score'],
      [{ category: 'exploitation-screening', riskLevel: 'standard' }, 'riskLevel'],
      [{ category: 'neglect-assessment', areaGrades: '2,3' }, 'areaGrades'],
      [{ category: 'other', riskLevel: 'high' }, 'riskLevel'],
    ] as const) {
      const res = await post(police, body);
      expect(res.status, JSON.stringify(body)).toBe(422);
      expect(res.body.error.fields.map((f: { field: string }) => f.field)).toContain(field);
    }
    expect((await entries(police)).body.entries.length).toBe(before);
  });

  it('refuses an amendment that contradicts the stored score, naming riskLevel, and clears a score with null', async () => {
    const created = await post(police, { category: 'domestic-abuse-risk-assessment', riskLevel: 'high', score: 15 });
    const url = `/api/chronologies/${id}/entries/${created.body.entry.id}`;
    const bad = await server.api(police, 'PATCH', url, { riskLevel: 'medium' });
    expect(bad.status).toBe(422);
    expect(bad.body.error.fields.map((f: { field: string }) => f.field)).toEqual(['riskLevel']);
    const cleared = await server.api(police, 'PATCH', url, { score: null });
    expect(cleared.status).toBe(200);
    expect(cleared.body.entry).not.toHaveProperty('score');
    const stored = (await entries(police)).body.entries.find((e: { id: string }) => e.id === created.body.entry.id);
    expect(stored).not.toHaveProperty('score');
    expect(stored.riskLevel).toBe('high');
  });

  it('takes a Graded Care Profile’s level from its worst area and exports the columns', async () => {
    const created = await post(hv, { category: 'neglect-assessment', areaGrades: '2,4,1,3' });
    expect(created.body.entry).toMatchObject({ riskLevel: '4', areaGrades: 'physical-care:2,safety:4,emotional-care:1,developmental-care:3' });
    const csv = await fetch(`${server.origin}/api/chronologies/${id}/export.csv`, { headers: { cookie: hv } });
    expect(csv.status).toBe(200);
    const text = await csv.text();
    expect(text.split('\r\n')[0]).toContain('risk_level,score,area_grades');
    expect(text).toContain('"physical-care:2,safety:4,emotional-care:1,developmental-care:3"');
  });
});

describe('screening results and highlights', () => {
  it('never lets another agency’s restricted assessment result change what a user is shown', async () => {
    const before = await highlights(hv);
    const dslBefore = await highlights(dsl);
    const restricted = await post(police, {
      date: '2024-03-01',
      category: 'domestic-abuse-risk-assessment',
      summary: 'Checklist with mother (intelligence): high',
      riskLevel: 'high',
      score: 19,
      restricted: true,
    });
    expect(restricted.status).toBe(201);
    // The police see the high-risk highlight their restricted result makes...
    expect((await highlights(police)).filter((h) => h.ruleId === 'high-risk-domestic-abuse').flatMap((h) => h.entryIds)).toContain(restricted.body.entry.id);
    // ...and nobody else's view changes by so much as a window or a count.
    expect(await highlights(hv)).toEqual(before);
    expect(await highlights(dsl)).toEqual(dslBefore);
  });

  it('shows an expected-event highlight with its deadline, and closes it as late when the expected entry arrives', async () => {
    const missing = await post(police, { date: '2024-05-06', category: 'missing-episode', summary: 'Missing overnight' });
    const open = (await highlights(hv)).find((h) => h.ruleId === 'missing-no-return-interview' && h.expected?.triggerEntryId === missing.body.entry.id);
    expect(open?.expected).toMatchObject({ status: 'overdue', deadline: '2024-05-09' });
    await post(lead, { date: '2024-05-13', category: 'return-home-interview', summary: 'Return home interview held' });
    const late = (await highlights(hv)).find((h) => h.ruleId === 'missing-no-return-interview' && h.expected?.triggerEntryId === missing.body.entry.id);
    expect(late?.expected).toMatchObject({ status: 'late', deadline: '2024-05-09' });
  });
});
