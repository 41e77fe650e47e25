/**
 * Households (issue 14) over the real server: who may link children's chronologies, what bad input gets,
 * and what a member of one child's chronology learns of a sibling's: that the sibling exists, its name,
 * date of birth, relationship and lead, and nothing of its entries, through any route or its websocket.
 */
import { afterAll, beforeAll, describe, expect, it, vi } from 'vitest';
import { sharedDocName } from '@mac/sync';
import { connect } from './sync-testing.js';
import { DEMO, startTestServer, type TestServer } from './testing.js';

let server: TestServer;
const cookies: Record<string, string> = {};
// Ava: CSC (lead), police, health visiting, school. Ben: CSC (lead) and the school only. Cal: led by
// another CSC lead. Dot: Priya's, spare. Fay: another agency's (LADO), with no CSC membership.
let ava: string;
let ben: string;
let cal: string;
let dot: string;
let fay: string;
const MARK = `BEN-ONLY-${crypto.randomUUID().slice(0, 8)}`;
const BEN_NHS = '9434765919';

async function newChronology(cookie: string, givenName: string, memberAgencies: string[], nhsNumber?: string): Promise<string> {
  const res = await server.api(cookie, 'POST', '/api/chronologies', { child: { givenName, familyName: 'Household', dateOfBirth: '2019-05-01', ...(nhsNumber ? { nhsNumber } : {}) }, memberAgencies });
  expect(res.status, JSON.stringify(res.body)).toBe(201);
  return res.body.id;
}

async function newLead(email: string, agency: string): Promise<string> {
  return (await server.newAccount({ email, name: `Lead ${agency}`, role: 'lead', agency })).cookie;
}

const householdOf = async (who: string, id: string) => server.api(cookies[who]!, 'GET', `/api/chronologies/${id}/household`);

beforeAll(async () => {
  server = await startTestServer();
  for (const who of ['lead', 'police', 'dsl', 'hv', 'outsider', 'admin'] as const) cookies[who] = await server.login(DEMO[who]);
  cookies.colleague = await newLead('colleague@csc.example.org', 'oxfordshire-csc');
  cookies.lado = await newLead('lead@lado.example.org', 'oxfordshire-lado');
  ava = await newChronology(cookies.lead!, 'Ava', ['thames-valley-police', 'oxford-health-hv', 'northway-primary']);
  ben = await newChronology(cookies.lead!, 'Ben', ['northway-primary'], BEN_NHS);
  cal = await newChronology(cookies.colleague!, 'Cal', ['oxford-health-hv']);
  dot = await newChronology(cookies.lead!, 'Dot', ['northway-primary']);
  fay = await newChronology(cookies.lado!, 'Fay', ['oxfordshire-lado']);
  const entry = await server.api(cookies.dsl!, 'POST', `/api/chronologies/${ben}/entries`, { date: '2025-01-10', category: 'other', summary: `Ben's own entry ${MARK}`, detail: MARK });
  expect(entry.status).toBe(201);
}, 60_000);
afterAll(async () => {
  await server?.stop();
});

describe('linking chronologies into a household', () => {
  it('refuses bad input with 422 naming each field, and links nothing', async () => {
    const cases: Array<[unknown, string[]]> = [
      [{ chronologyIds: [ava] }, ['chronologyIds']],
      [{ chronologyIds: [ava, ava] }, ['chronologyIds', 'chronologyIds']],
      [{ chronologyIds: [ava, ben], children: [{ chronologyId: ben, relationship: 'cousin', from: '2099-01-01' }] }, ['children.0.relationship', 'children.0.from']],
      [{ chronologyIds: [ava, ben], name: 'x'.repeat(101) }, ['name']],
      [{ chronologyIds: 'not-a-list' }, ['chronologyIds']],
      [{ name: 'no children' }, ['chronologyIds']],
    ];
    for (const [body, fields] of cases) {
      const res = await server.api(cookies.lead!, 'POST', '/api/households', body);
      expect(res.status, JSON.stringify(body)).toBe(422);
      expect(res.body.error.code).toBe('invalid');
      expect(res.body.error.fields.map((f: { field: string }) => f.field)).toEqual(fields);
    }
    expect((await householdOf('lead', ava)).body).toEqual({ household: null, children: [] });
  });

  it('a lead of only one of the children gets 403; a chronology of another agency 404 (as a missing one); nothing is linked', async () => {
    const missing = (await server.api(cookies.lead!, 'GET', '/api/chronologies/00000000-0000-4000-8000-000000000000')).body;
    const onlyOne = await server.api(cookies.lead!, 'POST', '/api/households', { chronologyIds: [ava, cal] });
    expect(onlyOne.status).toBe(403);
    const foreign = await server.api(cookies.lead!, 'POST', '/api/households', { chronologyIds: [ava, fay] });
    expect(foreign.status).toBe(404);
    expect(foreign.body).toEqual(missing);
    // The foreign agency's lead, from the other side: Ava does not exist for them.
    expect((await server.api(cookies.lado!, 'POST', '/api/households', { chronologyIds: [fay, ava] })).status).toBe(404);
    for (const id of [ava, cal]) expect((await householdOf('lead', id)).body.household).toBeNull();
    expect((await householdOf('lado', fay)).body.household).toBeNull();
  });

  it('members who lead neither, an outsider, an administrator and anonymous callers are refused', async () => {
    const body = { chronologyIds: [ava, ben] };
    expect((await server.api(cookies.dsl!, 'POST', '/api/households', body)).status).toBe(403); // a member of both, leads neither
    expect((await server.api(cookies.police!, 'POST', '/api/households', body)).status).toBe(404); // Ben's chronology is not theirs to know
    expect((await server.api(cookies.outsider!, 'POST', '/api/households', body)).status).toBe(404);
    expect((await server.api(cookies.admin!, 'POST', '/api/households', body)).status).toBe(404);
    expect((await server.api(null, 'POST', '/api/households', body)).status).toBe(401);
    expect((await householdOf('lead', ava)).body.household).toBeNull();
  });

  it('the lead of both links them: 201 { id }, and each child finds the same household', async () => {
    const res = await server.api(cookies.lead!, 'POST', '/api/households', { chronologyIds: [ava, ben], name: 'The Household family', children: [{ chronologyId: ben, relationship: 'half-sibling', from: 'March 2020' }] });
    expect(res.status).toBe(201);
    expect(res.body).toEqual({ id: expect.any(String) });
    const fromAva = (await householdOf('lead', ava)).body;
    expect(fromAva.household).toEqual({ id: res.body.id, name: 'The Household family' });
    expect(fromAva.children.map((c: { chronologyId: string }) => c.chronologyId)).toEqual([ava, ben]);
    expect((await householdOf('lead', ben)).body.children.map((c: { chronologyId: string }) => c.chronologyId)).toEqual([ben, ava]);
    // A child is in one household at a time.
    const again = await server.api(cookies.lead!, 'POST', '/api/households', { chronologyIds: [dot, ben] });
    expect(again.status).toBe(409);
    expect(again.body.error).toMatchObject({ code: 'already_in_household', chronologyIds: [ben] });
    expect((await householdOf('lead', dot)).body.household).toBeNull();
  });
});

describe('what a member of one child’s chronology sees of a sibling', () => {
  it('the health visitor (Ava’s member, not Ben’s) sees Ben exists: name, date of birth, relationship, lead; not openable', async () => {
    const res = await householdOf('hv', ava);
    expect(res.status).toBe(200);
    const benSeen = res.body.children[1];
    expect(benSeen).toEqual({
      chronologyId: ben,
      givenName: 'Ben',
      familyName: 'Household',
      dateOfBirth: '2019-05-01',
      lead: { name: 'Priya Shah', agency: 'oxfordshire-csc' },
      relationship: 'half-sibling',
      from: '2020-03',
      to: null,
      canOpen: false,
    });
    expect(JSON.stringify(res.body)).not.toContain(BEN_NHS);
    // The school is a member of both: it may open Ben's.
    expect((await householdOf('dsl', ava)).body.children[1].canOpen).toBe(true);
  });

  it('and nothing of Ben’s entries, by any route, nor Ben’s household from Ben’s side, nor Ben’s document', async () => {
    for (const path of [`/api/chronologies/${ben}`, `/api/chronologies/${ben}/entries`, `/api/chronologies/${ben}/household`, `/api/chronologies/${ben}/export.csv`, `/api/chronologies/${ben}/patterns`]) {
      expect((await server.api(cookies.hv!, 'GET', path)).status, path).toBe(404);
    }
    const doc = (await server.api(cookies.lead!, 'GET', '/api/openapi.json')).body as { paths: Record<string, Record<string, unknown>> };
    const found: string[] = [];
    for (const [path, ops] of Object.entries(doc.paths)) {
      // Every GET route on Ava's chronology (routes with other path parameters are the per-entry and snapshot ones).
      if (!('get' in ops) || !path.includes('{id}') || path.replace('{id}', '').includes('{')) continue;
      for (const who of ['hv', 'police'] as const) {
        const res = await server.api(cookies[who]!, 'GET', path.replace('{id}', ava) + (path.endsWith('/audit') ? '?limit=1000' : ''));
        if (JSON.stringify(res.body).includes(MARK)) found.push(`${who} GET ${path}`);
      }
    }
    expect(found).toEqual([]);
    const ws = connect(server.origin, cookies.hv!, sharedDocName(ben));
    await vi.waitFor(() => expect(ws.closes.length).toBeGreaterThan(0), { timeout: 5000 });
    expect(ws.doc.getMap('entries').size).toBe(0);
    ws.destroy();
  });

  it('an outsider, an administrator and another agency’s lead get 404 for the household, as for the chronology', async () => {
    for (const who of ['outsider', 'admin', 'lado'] as const) expect((await householdOf(who, ava)).status).toBe(404);
  });
});

describe('changing a household later', () => {
  let householdId: string;
  beforeAll(async () => {
    householdId = (await householdOf('lead', ava)).body.household.id;
  });

  it('a lead of a child in it adds another child they lead; not one they do not lead; not as a lead of none', async () => {
    expect((await server.api(cookies.lead!, 'POST', `/api/households/${householdId}/children`, { chronologyId: cal })).status).toBe(403);
    expect((await server.api(cookies.colleague!, 'POST', `/api/households/${householdId}/children`, { chronologyId: cal })).status).toBe(403);
    expect((await server.api(cookies.lado!, 'POST', `/api/households/${householdId}/children`, { chronologyId: fay })).status).toBe(404);
    expect((await server.api(cookies.lead!, 'POST', `/api/households/${householdId}/children`, { chronologyId: fay })).status).toBe(404);
    expect((await server.api(cookies.lead!, 'POST', '/api/households/00000000-0000-4000-8000-000000000000/children', { chronologyId: dot })).status).toBe(404);
    const bad = await server.api(cookies.lead!, 'POST', `/api/households/${householdId}/children`, { chronologyId: dot, relationship: 'aunt', to: 'soon' });
    expect(bad.status).toBe(422);
    expect(bad.body.error.fields.map((f: { field: string }) => f.field)).toEqual(['relationship', 'to']);
    expect((await householdOf('lead', dot)).body.household).toBeNull();
    const added = await server.api(cookies.lead!, 'POST', `/api/households/${householdId}/children`, { chronologyId: dot, relationship: 'other-child' });
    expect(added.status).toBe(201);
    expect(added.body).toEqual({ id: householdId, chronologyId: dot });
    expect((await householdOf('hv', ava)).body.children.map((c: { givenName: string; relationship: string }) => `${c.givenName} ${c.relationship}`)).toEqual(['Ava sibling', 'Ben half-sibling', 'Dot other-child']);
  });

  it('removing: members who lead none get 403, outsiders 404; the lead ends the link and it is gone from every child’s view', async () => {
    const path = `/api/households/${householdId}/children/${dot}`;
    expect((await server.api(cookies.police!, 'DELETE', path)).status).toBe(403);
    expect((await server.api(cookies.outsider!, 'DELETE', path)).status).toBe(404);
    expect((await server.api(cookies.admin!, 'DELETE', path)).status).toBe(404);
    expect((await server.api(cookies.lead!, 'DELETE', path)).status).toBe(204);
    expect((await server.api(cookies.lead!, 'DELETE', path)).status).toBe(404);
    expect((await householdOf('lead', dot)).body).toEqual({ household: null, children: [] });
    expect((await householdOf('lead', ava)).body.children.map((c: { givenName: string }) => c.givenName)).toEqual(['Ava', 'Ben']);
  });

  it('every link, change, read and refusal is in the audit log; another agency’s DSL sees which household, not more', async () => {
    const asLead = (await server.api(cookies.lead!, 'GET', `/api/chronologies/${ava}/audit?limit=1000`)).body.records as Array<{ action: string; outcome: string; actorAgency: string; details: Record<string, unknown> }>;
    const actions = asLead.map((r) => `${r.action}:${r.outcome}`);
    expect(actions).toEqual(expect.arrayContaining(['household:link:allowed', 'household:read:allowed', 'household:child-added:allowed', 'household:child-removed:allowed', 'household:create:refused']));
    expect(asLead.find((r) => r.action === 'household:link')!.details).toEqual({ householdId, relationship: 'sibling', siblings: [ben] });
    expect(asLead.some((r) => r.action === 'household:read' && r.actorAgency === 'oxford-health-hv')).toBe(true);
    const asDsl = (await server.api(cookies.dsl!, 'GET', `/api/chronologies/${ava}/audit?limit=1000`)).body.records as Array<{ action: string; details: Record<string, unknown> }>;
    expect(asDsl.find((r) => r.action === 'household:link')!.details).toEqual({ householdId, relationship: 'sibling', siblings: [ben] });
    expect(JSON.stringify(asDsl)).not.toContain(MARK);
    const benAudit = (await server.api(cookies.lead!, 'GET', `/api/chronologies/${ben}/audit?limit=1000`)).body.records as Array<{ action: string; details: Record<string, unknown> }>;
    expect(benAudit.find((r) => r.action === 'household:link')!.details).toMatchObject({ householdId, relationship: 'half-sibling', siblings: [ava] });
  });
});

describe('the demo household: Leo and his half-brother Kai', () => {
  it('Leo’s health visitor sees Kai, his age and lead, and cannot open Kai’s chronology; the school may', async () => {
    const list = (await server.api(cookies.lead!, 'GET', '/api/chronologies')).body.chronologies as Array<{ id: string; child: { givenName: string; familyName: string } }>;
    const leo = list.find((c) => c.child.givenName === 'Leo' && c.child.familyName === 'Turner')!.id;
    const kai = list.find((c) => c.child.givenName === 'Kai' && c.child.familyName === 'Turner')!.id;
    const seen = await householdOf('hv', leo);
    expect(seen.body.household.name).toBe('Turner household');
    expect(seen.body.children.map((c: { givenName: string; relationship: string; canOpen: boolean }) => [c.givenName, c.relationship, c.canOpen])).toEqual([
      ['Leo', 'half-sibling', true],
      ['Kai', 'half-sibling', false],
    ]);
    expect((await server.api(cookies.hv!, 'GET', `/api/chronologies/${kai}/entries`)).status).toBe(404);
    expect((await householdOf('dsl', leo)).body.children[1]).toMatchObject({ givenName: 'Kai', canOpen: true, dateOfBirth: '2018-04-02' });
    // Kai's history is in Kai's chronology, not Leo's.
    const kaiEntries = (await server.api(cookies.dsl!, 'GET', `/api/chronologies/${kai}/entries`)).body.entries as Array<{ category: string }>;
    expect(kaiEntries.map((e) => e.category)).toEqual(expect.arrayContaining(['child-protection-plan-start', 'child-protection-plan-end']));
    const leoEntries = (await server.api(cookies.dsl!, 'GET', `/api/chronologies/${leo}/entries`)).body.entries as Array<{ summary: string }>;
    expect(leoEntries.some((e) => /Kai's (autumn )?attendance|Sibling history checked/.test(e.summary))).toBe(false);
  });
});
