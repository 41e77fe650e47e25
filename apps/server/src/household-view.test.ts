/**
 * The household view (issue 14 item 5) over the real server: GET /api/households/:householdId, what a lead
 * preparing a family conference reads first. Anyone who may see one of the children sees every child's
 * name, date of birth, relationship and lead, oldest first, and which chronologies they may open; nothing of
 * any child's entries; 404 for everyone else, the same as for a household that does not exist. Audited on
 * every child's chronology.
 */
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { DEMO, startTestServer, type TestServer } from './testing.js';

let server: TestServer;
const cookies: Record<string, string> = {};
// Ava (2019): CSC (lead), police, health visiting, school. Ben (2016): CSC (lead) and the school only, with
// an entry only the school and CSC may read.
let ava: string;
let ben: string;
let householdId: string;
const MARK = `BEN-VIEW-${crypto.randomUUID().slice(0, 8)}`;
const BEN_NHS = '9434765919';
const MISSING = '00000000-0000-4000-8000-000000000000';

async function newChronology(cookie: string, givenName: string, dateOfBirth: string, memberAgencies: string[], nhsNumber?: string): Promise<string> {
  const res = await server.api(cookie, 'POST', '/api/chronologies', { child: { givenName, familyName: 'Viewhouse', dateOfBirth, ...(nhsNumber ? { nhsNumber } : {}) }, memberAgencies });
  expect(res.status, JSON.stringify(res.body)).toBe(201);
  return res.body.id;
}

const view = (who: string, id: string) => server.api(cookies[who]!, 'GET', `/api/households/${id}`);

beforeAll(async () => {
  server = await startTestServer();
  for (const who of ['lead', 'police', 'dsl', 'hv', 'outsider', 'admin'] as const) cookies[who] = await server.login(DEMO[who]);
  cookies.lado = (await server.newAccount({ email: 'lead@lado-view.example.org', name: 'LADO Lead', role: 'lead', agency: 'oxfordshire-lado' })).cookie;
  ava = await newChronology(cookies.lead!, 'Ava', '2019-05-01', ['thames-valley-police', 'oxford-health-hv', 'northway-primary']);
  ben = await newChronology(cookies.lead!, 'Ben', '2016-02-01', ['northway-primary'], BEN_NHS);
  expect((await server.api(cookies.dsl!, 'POST', `/api/chronologies/${ben}/entries`, { date: '2025-01-10', category: 'other', summary: `Ben's entry ${MARK}`, detail: MARK })).status).toBe(201);
  const made = await server.api(cookies.lead!, 'POST', '/api/households', { chronologyIds: [ava, ben], name: 'Viewhouse family', children: [{ chronologyId: ben, relationship: 'half-sibling' }] });
  expect(made.status, JSON.stringify(made.body)).toBe(201);
  householdId = made.body.id;
}, 60_000);
afterAll(async () => {
  await server?.stop();
});

describe('GET /api/households/:householdId', () => {
  it('shows a member of one child (the health visitor: Ava’s, not Ben’s) every child, oldest first, and that Ben’s cannot be opened', async () => {
    const res = await view('hv', householdId);
    expect(res.status).toBe(200);
    expect(res.body.household).toEqual({ id: householdId, name: 'Viewhouse family' });
    expect(res.body.children).toEqual([
      { chronologyId: ben, givenName: 'Ben', familyName: 'Viewhouse', dateOfBirth: '2016-02-01', lead: { name: 'Priya Shah', agency: 'oxfordshire-csc' }, relationship: 'half-sibling', from: null, to: null, canOpen: false },
      { chronologyId: ava, givenName: 'Ava', familyName: 'Viewhouse', dateOfBirth: '2019-05-01', lead: { name: 'Priya Shah', agency: 'oxfordshire-csc' }, relationship: 'sibling', from: null, to: null, canOpen: true },
    ]);
    // Nothing of Ben's record: not his entries, not his NHS number.
    expect(JSON.stringify(res.body)).not.toContain(MARK);
    expect(JSON.stringify(res.body)).not.toContain(BEN_NHS);
    // And the view opens nothing: Ben's chronology and entries stay 404 for her.
    expect((await server.api(cookies.hv!, 'GET', `/api/chronologies/${ben}/entries`)).status).toBe(404);
  });

  it('the school (a member of both) may open both; the lead too', async () => {
    for (const who of ['dsl', 'lead'] as const) {
      const res = await view(who, householdId);
      expect(res.status).toBe(200);
      expect(res.body.children.map((c: { givenName: string; canOpen: boolean }) => [c.givenName, c.canOpen])).toEqual([
        ['Ben', true],
        ['Ava', true],
      ]);
    }
  });

  it('answers 404 to an outsider, an administrator and another agency’s lead, exactly as for a household that does not exist', async () => {
    const missing = await view('outsider', MISSING);
    expect(missing.status).toBe(404);
    for (const who of ['outsider', 'admin', 'lado'] as const) {
      const res = await view(who, householdId);
      expect(res.status, who).toBe(404);
      expect(res.body, who).toEqual(missing.body);
      expect(JSON.stringify(res.body)).not.toContain('Viewhouse');
    }
    expect((await server.api(null, 'GET', `/api/households/${householdId}`)).status).toBe(401);
  });

  it('a child whose link has ended is no longer shown, and a reader who could see only that child loses the household', async () => {
    const cal = await newChronology(cookies.lead!, 'Cal', '2022-01-01', ['probation-service']);
    expect((await server.api(cookies.lead!, 'POST', `/api/households/${householdId}/children`, { chronologyId: cal })).status).toBe(201);
    expect((await view('outsider', householdId)).body.children.map((c: { givenName: string }) => c.givenName)).toEqual(['Ben', 'Ava', 'Cal']);
    expect((await server.api(cookies.lead!, 'DELETE', `/api/households/${householdId}/children/${cal}`)).status).toBe(204);
    expect((await view('outsider', householdId)).status).toBe(404);
    expect((await view('hv', householdId)).body.children.map((c: { givenName: string }) => c.givenName)).toEqual(['Ben', 'Ava']);
  });

  it('is audited on every child’s chronology, and a refusal on each too', async () => {
    for (const id of [ava, ben]) {
      const records = (await server.api(cookies.lead!, 'GET', `/api/chronologies/${id}/audit?limit=1000`)).body.records as Array<{ action: string; outcome: string; actorAgency: string; details: Record<string, unknown> }>;
      const read = records.find((r) => r.action === 'household:read' && r.actorAgency === 'oxford-health-hv' && r.details.via === 'household-view');
      expect(read, id).toBeDefined();
      expect(read!.details).toMatchObject({ householdId, siblings: [id === ava ? ben : ava] });
      expect(records.some((r) => r.action === 'household:read' && r.outcome === 'refused' && r.actorAgency === 'oxfordshire-lado')).toBe(true);
    }
  });
});

describe('the demo household', () => {
  it('Leo’s health visitor sees Kai first (the older) and may open only Leo’s chronology', async () => {
    const list = (await server.api(cookies.hv!, 'GET', '/api/chronologies')).body.chronologies as Array<{ id: string; child: { givenName: string; familyName: string } }>;
    const leo = list.find((c) => c.child.givenName === 'Leo' && c.child.familyName === 'Turner')!.id;
    const id = (await server.api(cookies.hv!, 'GET', `/api/chronologies/${leo}/household`)).body.household.id as string;
    const res = await view('hv', id);
    expect(res.body.children.map((c: { givenName: string; canOpen: boolean }) => [c.givenName, c.canOpen])).toEqual([
      ['Kai', false],
      ['Leo', true],
    ]);
  });
});
