/**
 * Search across a caseload (issue 15, item 6): GET /api/search?q=, over HTTP on a real server (SQLite here,
 * PostgreSQL in the server-pg project: the same file).
 *
 * The leak tests plant a distinctive word where the caller must not find it: (a) in a chronology their
 * agency is not a member of, (b) in another agency's restricted entry, (c) in an entry's text before an
 * amendment replaced it, (d) in a withdrawn entry, (e) in a restricted entry of a chronology read by
 * emergency access; and prove no caller ever gets it back, while the callers who may see it do. Then: bad
 * input (422 naming the field, never a 500 from the database's syntax), paging, and the audit trail (the
 * search text shown only to the searcher's own agency).
 */
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { DEMO, startTestServer, TEST_PASSWORD, type TestServer } from './testing.js';

let server: TestServer;
const cookies: Record<string, string> = {};
let shared: { id: string; child: { givenName: string; familyName: string }; child_nhs: string };
let own: string;

/** A word found nowhere else: letters only, lower case. */
const word = (tag: string) => `${tag}${crypto.randomUUID().replace(/[^a-f]/g, '').slice(0, 8)}`;

type Result = { chronologyId: string; entryId: string; child: { givenName: string; familyName: string }; date: string; category: string; agency: string; summary: string; restricted: boolean; snippet: Array<{ text: string; match: boolean }> };

async function search(caller: string, q: string, extra = '') {
  const res = await server.api(cookies[caller] ?? null, 'GET', `/api/search?q=${encodeURIComponent(q)}${extra}`);
  return res as { status: number; body: { results: Result[]; nextOffset: number | null; error?: { code: string; fields?: Array<{ field: string; message: string }> } } };
}

async function found(caller: string, q: string): Promise<string[]> {
  const res = await search(caller, q);
  expect(res.status, JSON.stringify(res.body)).toBe(200);
  return res.body.results.map((r) => r.entryId).sort();
}

async function post(caller: string, chronologyId: string, body: Record<string, unknown>): Promise<string> {
  const res = await server.api(cookies[caller]!, 'POST', `/api/chronologies/${chronologyId}/entries`, { date: '2024-05-01', category: 'other', ...body });
  expect(res.status, JSON.stringify(res.body)).toBe(201);
  return res.body.entry.id;
}

beforeAll(async () => {
  server = await startTestServer();
  for (const who of ['lead', 'police', 'dsl', 'hv', 'outsider', 'admin'] as const) cookies[who] = await server.login(DEMO[who]);
  const list = (await server.api(cookies.lead!, 'GET', '/api/chronologies')).body.chronologies as Array<{ id: string; memberAgencies: string[]; child: { givenName: string; familyName: string; nhsNumber: string | null } }>;
  const c = list.find((x) => x.child.nhsNumber && ['thames-valley-police', 'northway-primary', 'oxford-health-hv'].every((a) => x.memberAgencies.includes(a)))!;
  shared = { id: c.id, child: c.child, child_nhs: c.child.nhsNumber! };
  // A chronology of the lead's agency alone: nobody else is a member.
  own = (await server.api(cookies.lead!, 'POST', '/api/chronologies', { child: { givenName: 'Solo', familyName: 'Searchtest', dateOfBirth: '2019-02-03' }, memberAgencies: ['oxfordshire-csc'] })).body.id;
  expect(own).toBeTruthy();
});
afterAll(async () => {
  await server?.stop();
});

describe('search never returns what the caller may not see', () => {
  it('(a) a chronology the caller’s agency is not a member of', async () => {
    const w = word('alpha');
    const id = await post('lead', own, { summary: `Home visit ${w}` });
    expect(await found('lead', w)).toEqual([id]);
    for (const caller of ['police', 'dsl', 'hv', 'outsider']) expect(await found(caller, w), caller).toEqual([]);
  });

  it('(b) another agency’s restricted entry', async () => {
    const w = word('bravo');
    const id = await post('police', shared.id, { summary: `Intelligence ${w}`, detail: `More ${w}`, restricted: true });
    expect(await found('police', w)).toEqual([id]);
    for (const caller of ['lead', 'dsl', 'hv', 'outsider']) expect(await found(caller, w), caller).toEqual([]);
  });

  it('(c) an entry’s text before its amendment, and (d) a withdrawn entry', async () => {
    const [old, current, gone] = [word('charlie'), word('delta'), word('echo')];
    const id = await post('dsl', shared.id, { summary: `Attendance ${old}` });
    expect(await found('hv', old)).toEqual([id]);
    expect((await server.api(cookies.dsl!, 'PATCH', `/api/chronologies/${shared.id}/entries/${id}`, { summary: `Attendance ${current}` })).status).toBe(200);
    for (const caller of ['dsl', 'lead', 'police', 'hv']) {
      expect(await found(caller, old), caller).toEqual([]);
      expect(await found(caller, current), caller).toEqual([id]);
    }
    const withdrawn = await post('hv', shared.id, { summary: `Visit ${gone}` });
    expect(await found('lead', gone)).toEqual([withdrawn]);
    expect((await server.api(cookies.hv!, 'POST', `/api/chronologies/${shared.id}/entries/${withdrawn}/withdraw`, { reason: 'Recorded against the wrong child' })).status).toBe(200);
    for (const caller of ['hv', 'lead', 'police', 'dsl']) expect(await found(caller, gone), caller).toEqual([]);
  });

  it('(e) emergency access finds the shared entries of that chronology only, never a restricted one, and ends with the grant', async () => {
    const w = word('foxtrot');
    const sharedEntry = await post('hv', shared.id, { summary: `Growth check ${w}` });
    await post('police', shared.id, { summary: `Police only ${w}`, restricted: true });
    expect(await found('outsider', w)).toEqual([]);
    const grant = await server.api(cookies.outsider!, 'POST', `/api/chronologies/${shared.id}/break-glass`, { reason: 'Child brought in to A&E overnight; need the history', password: TEST_PASSWORD });
    expect(grant.status).toBe(201);
    expect(await found('outsider', w)).toEqual([sharedEntry]);
    // The grant ends: so does finding anything there.
    expect(await server.deps.repos.breakGlass.end(grant.body.id)).toBe(true);
    expect(await found('outsider', w)).toEqual([]);
  });

  it('answers administrators 403 and anonymous callers 401, searching nothing', async () => {
    expect((await search('admin', 'school')).status).toBe(403);
    expect((await search('anonymous', 'school')).status).toBe(401);
  });
});

describe('results', () => {
  it('name the child and the chronology, the entry’s date, category and agency, with the matches marked in a snippet, best first', async () => {
    const w = word('golf');
    const inDetail = await post('dsl', shared.id, { summary: 'Playground incident', detail: `Long account: ${w} was mentioned by a friend at lunch, after which the class teacher spoke to her`, category: 'school-absence' });
    const inSummary = await post('dsl', shared.id, { summary: `Disclosure about ${w}`, category: 'school-absence' });
    const inOwn = await post('lead', own, { summary: `Strategy discussion ${w}`, category: 'strategy-discussion' });
    const res = await search('lead', w);
    expect(res.status).toBe(200);
    const results = res.body.results;
    expect(results.map((r) => r.entryId).sort()).toEqual([inDetail, inSummary, inOwn].sort());
    expect(results.map((r) => r.entryId).indexOf(inSummary)).toBeLessThan(results.map((r) => r.entryId).indexOf(inDetail));
    const detail = results.find((r) => r.entryId === inDetail)!;
    expect(detail).toMatchObject({ chronologyId: shared.id, child: { givenName: shared.child.givenName, familyName: shared.child.familyName }, date: '2024-05-01', category: 'school-absence', agency: 'northway-primary', summary: 'Playground incident', restricted: false });
    expect(detail.snippet.filter((s) => s.match).map((s) => s.text.toLowerCase())).toContain(w);
    expect(detail.snippet.map((s) => s.text).join('')).toContain('mentioned by a friend');
    expect(results.find((r) => r.entryId === inOwn)).toMatchObject({ chronologyId: own, child: { givenName: 'Solo', familyName: 'Searchtest' } });
  });

  it('page by offset: every result once, then nextOffset null', async () => {
    const w = word('hotel');
    const made = [];
    for (let i = 0; i < 5; i++) made.push(await post('hv', shared.id, { summary: `Contact ${i} ${w}` }));
    const first = await search('hv', w, '&limit=2');
    const second = await search('hv', w, `&limit=2&offset=${first.body.nextOffset}`);
    const third = await search('hv', w, `&limit=2&offset=${second.body.nextOffset}`);
    expect([first.body.nextOffset, second.body.nextOffset, third.body.nextOffset]).toEqual([2, 4, null]);
    expect([...first.body.results, ...second.body.results, ...third.body.results].map((r) => r.entryId).sort()).toEqual(made.sort());
  });
});

describe('bad input', () => {
  it('is refused with 422 naming the field, and a person’s stray syntax is a word, never a 500', async () => {
    const field = async (query: string) => {
      const res = await server.api(cookies.dsl!, 'GET', `/api/search${query}`);
      expect(res.status, `${query}: ${JSON.stringify(res.body)}`).toBe(422);
      return (res.body.error.fields as Array<{ field: string }>).map((f) => f.field);
    };
    expect(await field('')).toEqual(['q']);
    expect(await field('?q=a')).toEqual(['q']);
    expect(await field(`?q=${'x'.repeat(201)}`)).toEqual(['q']);
    expect(await field('?q=%22')).toEqual(['q']);
    expect(await field('?q=-school')).toEqual(['q']);
    expect(await field(`?q=${encodeURIComponent('!! & | <-> :*')}`)).toEqual(['q']);
    expect(await field('?q=school&limit=0')).toEqual(['limit']);
    expect(await field('?q=school&limit=51')).toEqual(['limit']);
    expect(await field('?q=school&limit=ten')).toEqual(['limit']);
    expect(await field('?q=school&offset=1001')).toEqual(['offset']);
    expect(await field('?q=school&offset=-1')).toEqual(['offset']);
    expect(await field('?q=a&limit=0')).toEqual(['q', 'limit']);
    for (const q of ['AND(', 'NEAR(a b', '"unclosed phrase', 'summary:school', 'school*', "'); drop table entries; --", 'OR NOT AND', '{summary} : x']) {
      const res = await search('dsl', q);
      expect(res.status, `${q}: ${JSON.stringify(res.body)}`).toBe(200);
    }
    const w = word('india');
    const id = await post('dsl', shared.id, { summary: `Said "${w}" AND( then left` });
    expect(await found('dsl', `"${w}" AND(`)).toEqual([id]);
  });
});

describe('the audit trail', () => {
  it('records each search as a read of every chronology it showed, with the text shown only to the searcher’s own agency', async () => {
    const w = word('juliet');
    const id = await post('hv', shared.id, { summary: `Weight check ${w}` });
    const q = `weight ${w}`;
    expect(await found('dsl', q)).toEqual([id]);
    const records = async (caller: string) => {
      const res = await server.api(cookies[caller]!, 'GET', `/api/chronologies/${shared.id}/audit?action=entry:search&limit=1000`);
      expect(res.status).toBe(200);
      return (res.body.records as Array<{ actorAgency: string; action: string; details: Record<string, unknown> }>).filter((r) => r.actorAgency === 'northway-primary');
    };
    // The school's DSL reads the trail: their own agency's search, whole.
    const mine = (await records('dsl')).find((r) => r.details.q === q);
    expect(mine?.details).toEqual({ q, count: 1, entryIds: [id] });
    // The lead of another agency: the search happened (who, when, which entries), not what was typed.
    const theirs = await records('lead');
    expect(theirs.length).toBeGreaterThan(0);
    expect(JSON.stringify(theirs)).not.toContain(w);
    for (const r of theirs) expect(Object.keys(r.details)).toEqual(['entryIds']);
    expect(theirs.some((r) => (r.details.entryIds as string[]).includes(id))).toBe(true);
    // An administrator has no audit trail of a chronology to read at all.
    expect((await server.api(cookies.admin!, 'GET', `/api/chronologies/${shared.id}/audit`)).status).toBe(404);
    // The search is a read of the chronology: the access report counts the reader.
    const report = await server.api(cookies.lead!, 'GET', `/api/chronologies/${shared.id}/access-report`);
    expect(report.body.readers.some((r: { agency: string }) => r.agency === 'northway-primary')).toBe(true);
    // And the search itself is on record with its text even when it showed nothing.
    const nothing = word('kilo');
    expect(await found('dsl', nothing)).toEqual([]);
    const all = await server.deps.repos.audit.list({ action: 'search', limit: 50 });
    expect(all.find((r) => r.details.q === nothing)).toMatchObject({ actorAgency: 'northway-primary', chronologyId: null, details: { q: nothing, count: 0, offset: 0, chronologies: 0 } });
  });

  it('a restricted entry found by its own agency is "a restricted entry" to nobody else: its id is cut from other readers’ records', async () => {
    const w = word('lima');
    const restricted = await post('police', shared.id, { summary: `Restricted ${w}`, restricted: true });
    const open = await post('police', shared.id, { summary: `Shared ${w}` });
    expect(await found('police', w)).toEqual([restricted, open].sort());
    for (const caller of ['lead', 'dsl']) {
      const res = await server.api(cookies[caller]!, 'GET', `/api/chronologies/${shared.id}/audit?action=entry:search&limit=1000`);
      const text = JSON.stringify(res.body);
      expect(text).not.toContain(restricted);
      expect(text).not.toContain(w);
      expect(text).toContain(open);
    }
  });
});
