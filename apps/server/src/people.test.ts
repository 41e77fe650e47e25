/**
 * The adults around the child (issue 14 item 3) over the real server: who may add, change, flag and merge
 * people, what bad input gets, what each caller sees of people and flags (agency-only flags stay with their
 * agency; a person linked only to chronologies the caller cannot see does not exist for it), and entries
 * naming people (REST 422 and a refused websocket update for someone who is not a person of the chronology).
 */
import { afterAll, beforeAll, describe, expect, it, vi } from 'vitest';
import { buildEntry } from '@mac/domain/testing';
import { entryText, sharedDocName } from '@mac/sync';
import { userPrincipal } from './services/auth/sessions.js';
import { peopleForPatterns } from './services/people.js';
import { connect, type Client } from './sync-testing.js';
import { DEMO, startTestServer, type TestServer } from './testing.js';

let server: TestServer;
const cookies: Record<string, string> = {};
const clients: Client[] = [];
// Ava: CSC lead, police, health visiting, school. Ben: CSC lead and the school only (Ava's sibling).
// Cal: another CSC lead's, health visiting only.
let ava: string;
let ben: string;
let cal: string;
let householdId: string;

async function newChronology(cookie: string, givenName: string, memberAgencies: string[]): Promise<string> {
  const res = await server.api(cookie, 'POST', '/api/chronologies', { child: { givenName, familyName: 'People', dateOfBirth: '2018-03-01' }, memberAgencies });
  expect(res.status, JSON.stringify(res.body)).toBe(201);
  return res.body.id;
}

async function newLead(email: string, agency: string): Promise<string> {
  return (await server.newAccount({ email, name: `Lead ${agency}`, role: 'lead', agency })).cookie;
}

const peopleOf = async (who: string, chronologyId: string) => server.api(cookies[who]!, 'GET', `/api/chronologies/${chronologyId}/people`);
const add = async (who: string, chronologyId: string, body: unknown) => server.api(cookies[who]!, 'POST', `/api/chronologies/${chronologyId}/people`, body);
const fieldsOf = (res: { body: { error: { fields: Array<{ field: string }> } } }) => res.body.error.fields.map((f) => f.field);

async function principalOf(email: string) {
  const user = (await server.deps.repos.users.byEmail(email))!;
  return userPrincipal({ ...user, agency: user.agencySlug });
}

beforeAll(async () => {
  server = await startTestServer();
  for (const who of ['lead', 'police', 'dsl', 'hv', 'outsider', 'admin'] as const) cookies[who] = await server.login(DEMO[who]);
  cookies.colleague = await newLead('colleague.people@csc.example.org', 'oxfordshire-csc');
  ava = await newChronology(cookies.lead!, 'Ava', ['thames-valley-police', 'oxford-health-hv', 'northway-primary']);
  ben = await newChronology(cookies.lead!, 'Ben', ['northway-primary']);
  cal = await newChronology(cookies.colleague!, 'Cal', ['oxford-health-hv']);
  const household = await server.api(cookies.lead!, 'POST', '/api/households', { chronologyIds: [ava, ben] });
  expect(household.status).toBe(201);
  householdId = household.body.id;
}, 60_000);
afterAll(async () => {
  for (const c of clients) c.destroy();
  await server?.stop();
});

describe('adding people', () => {
  it('refuses bad input with 422 naming each field, and adds nobody', async () => {
    const cases: Array<[unknown, string[]]> = [
      [{ familyName: 'Marsh', relationship: 'mother' }, ['givenName']],
      [{ givenName: '  ', familyName: 'Marsh', relationship: 'mother' }, ['givenName']],
      [{ givenName: 'Kim', familyName: 'Marsh', relationship: 'uncle' }, ['relationship']],
      [{ givenName: 'Kim', familyName: 'Marsh', relationship: 'mother', dateOfBirth: '2999-01-01' }, ['dateOfBirth']],
      [{ givenName: 'Kim', familyName: 'Marsh', relationship: 'mother', dateOfBirth: 'early 1990' }, ['dateOfBirth']],
      [{ givenName: 'K'.repeat(101), familyName: 'Marsh', relationship: 'mother', from: '2020-01', to: '2019' }, ['givenName', 'to']],
    ];
    for (const [body, fields] of cases) {
      const res = await add('police', ava, body);
      expect(res.status, JSON.stringify(body)).toBe(422);
      expect(res.body.error.code).toBe('invalid');
      expect(fieldsOf(res)).toEqual(fields);
    }
    expect((await peopleOf('lead', ava)).body.people).toEqual([]);
  });

  it('a member agency’s practitioner adds a person; every member sees them; others get 404 as for a missing chronology', async () => {
    const made = await add('police', ava, { givenName: 'Kim', familyName: 'Marsh', relationship: 'mother', dateOfBirth: '12/06/1990' });
    expect(made.status, JSON.stringify(made.body)).toBe(201);
    const seen = await peopleOf('hv', ava);
    expect(seen.status).toBe(200);
    expect(seen.body.people).toEqual([
      expect.objectContaining({ id: made.body.id, givenName: 'Kim', familyName: 'Marsh', dateOfBirth: '1990-06-12', mergedInto: null, relationships: [{ chronologyId: ava, relationship: 'mother', from: null, to: null }], flags: [] }),
    ]);
    const missing = await server.api(cookies.outsider!, 'GET', `/api/chronologies/00000000-0000-4000-8000-000000000000/people`);
    for (const who of ['outsider', 'admin']) {
      expect((await peopleOf(who, ava)).status).toBe(404);
      const refused = await add(who, ava, { givenName: 'X', familyName: 'Y', relationship: 'father' });
      expect(refused.status).toBe(404);
      expect(refused.body).toEqual(missing.body);
    }
    // Audited: the read and the creation, on Ava's chronology.
    const actions = (await server.deps.repos.audit.list({ chronologyId: ava })).map((r) => `${r.action}:${r.outcome}`);
    expect(actions).toEqual(expect.arrayContaining(['person:create:allowed', 'people:read:allowed', 'chronology:read:refused']));
  });

  it('a household’s person is linked to each child whose chronology the adder’s agency is a member of; the rest are skipped', async () => {
    const byPolice = await server.api(cookies.police!, 'POST', `/api/households/${householdId}/people`, { givenName: 'Ray', familyName: 'Hollis', relationship: 'partner-of-mother' });
    expect(byPolice.status, JSON.stringify(byPolice.body)).toBe(201);
    expect(byPolice.body.chronologyIds).toEqual([ava]);
    expect(byPolice.body.skipped).toEqual([{ chronologyId: ben, reason: expect.any(String) }]);
    const bySchool = await server.api(cookies.dsl!, 'POST', `/api/households/${householdId}/people`, { givenName: 'Ena', familyName: 'Marsh', relationship: 'grandparent', children: [{ chronologyId: ben, relationship: 'other' }] });
    expect(bySchool.status).toBe(201);
    expect(bySchool.body.chronologyIds).toEqual([ava, ben]);
    const onBen = (await peopleOf('dsl', ben)).body.people;
    expect(onBen.map((p: { givenName: string }) => p.givenName)).toEqual(['Ena']);
    expect(onBen[0].relationships).toEqual([
      { chronologyId: ava, relationship: 'grandparent', from: null, to: null },
      { chronologyId: ben, relationship: 'other', from: null, to: null },
    ]);
    // Health visiting is a member of Ava's chronology only: Ena's link to Ben is not shown to them.
    const ena = (await peopleOf('hv', ava)).body.people.find((p: { givenName: string }) => p.givenName === 'Ena');
    expect(ena.relationships.map((r: { chronologyId: string }) => r.chronologyId)).toEqual([ava]);
    const wrongChild = await server.api(cookies.dsl!, 'POST', `/api/households/${householdId}/people`, { givenName: 'X', familyName: 'Y', relationship: 'other', children: [{ chronologyId: cal, relationship: 'other' }] });
    expect(wrongChild.status).toBe(422);
    expect(fieldsOf(wrongChild)).toEqual(['children.0.chronologyId']);
    expect((await server.api(cookies.outsider!, 'POST', `/api/households/${householdId}/people`, { givenName: 'X', familyName: 'Y', relationship: 'other' })).status).toBe(404);
  });
});

describe('changing people', () => {
  it('renames and corrects; refuses bad input (422 naming the field) and relationships to children the record is not linked to', async () => {
    const id = (await add('hv', ava, { givenName: 'Lee', familyName: 'Tamm', relationship: 'father' })).body.id;
    const ok = await server.api(cookies.hv!, 'PATCH', `/api/people/${id}`, { givenName: 'Leigh', dateOfBirth: '1988', relationships: [{ chronologyId: ava, relationship: 'partner-of-mother', from: '2021-03' }] });
    expect(ok.status, JSON.stringify(ok.body)).toBe(200);
    expect(ok.body).toMatchObject({ givenName: 'Leigh', familyName: 'Tamm', dateOfBirth: '1988', relationships: [{ chronologyId: ava, relationship: 'partner-of-mother', from: '2021-03', to: null }] });
    for (const [body, fields] of [
      [{ givenName: '' }, ['givenName']],
      [{}, ['']],
      [{ relationships: [{ chronologyId: ben, relationship: 'father' }] }, ['relationships.0.chronologyId']],
      [{ relationships: [{ chronologyId: ava, relationship: 'stepdad' }] }, ['relationships.0.relationship']],
    ] as Array<[unknown, string[]]>) {
      const res = await server.api(cookies.hv!, 'PATCH', `/api/people/${id}`, body);
      expect(res.status, JSON.stringify(body)).toBe(422);
      expect(fieldsOf(res)).toEqual(fields);
    }
    expect((await server.api(cookies.hv!, 'GET', `/api/chronologies/${ava}/people`)).body.people.find((p: { id: string }) => p.id === id).givenName).toBe('Leigh');
  });

  it('a person linked only to a chronology the caller cannot see is invisible through every route', async () => {
    const hidden = (await add('hv', cal, { givenName: 'Sol', familyName: 'Vane', relationship: 'father', dateOfBirth: '1985-01-01' })).body.id;
    expect(hidden).toBeTruthy();
    // Police is no member of Cal's chronology (CSC, the creator's agency, and health visiting are).
    const missing = (await server.api(cookies.police!, 'PATCH', `/api/people/00000000-0000-4000-8000-000000000000`, { givenName: 'X' })).body;
    const attempts = [
      await server.api(cookies.police!, 'PATCH', `/api/people/${hidden}`, { givenName: 'X' }),
      await server.api(cookies.police!, 'POST', `/api/people/${hidden}/flags`, { kind: 'poses-risk-to-children', reason: 'x', sharing: 'professionals' }),
      await server.api(cookies.police!, 'POST', `/api/people/${hidden}/merge`, { intoPersonId: hidden }),
      await server.api(cookies.police!, 'POST', `/api/people/${hidden}/flags/00000000-0000-4000-8000-000000000000/withdraw`, { reason: 'x' }),
      await server.api(cookies.outsider!, 'PATCH', `/api/people/${hidden}`, { givenName: 'X' }),
      await server.api(cookies.admin!, 'PATCH', `/api/people/${hidden}`, { givenName: 'X' }),
    ];
    for (const res of attempts) {
      expect(res.status).toBe(404);
      expect(res.body).toEqual(missing);
    }
    // Merging a visible record into it: the other id is as unknown as a made-up one.
    const mine = (await add('police', ava, { givenName: 'Sol', familyName: 'Vane', relationship: 'father', dateOfBirth: '1985-01-01' })).body.id;
    const into = await server.api(cookies.police!, 'POST', `/api/people/${mine}/merge`, { intoPersonId: hidden });
    expect(into.status).toBe(422);
    expect(fieldsOf(into)).toEqual(['intoPersonId']);
    const suggestions = (await server.api(cookies.police!, 'GET', `/api/chronologies/${ava}/people/merge-suggestions`)).body.suggestions;
    expect(JSON.stringify(suggestions)).not.toContain(hidden);
    // Nor may an entry of Ava name them.
    const entry = await server.api(cookies.police!, 'POST', `/api/chronologies/${ava}/entries`, { date: '2025-02-01', category: 'other', summary: 'Names a stranger', personIds: [hidden] });
    expect(entry.status).toBe(422);
    expect(fieldsOf(entry)).toEqual(['personIds']);
  });
});

describe('flags', () => {
  let ray: string;
  beforeAll(async () => {
    ray = (await add('police', ava, { givenName: 'Dale', familyName: 'Orme', relationship: 'partner-of-mother', dateOfBirth: '1987-09' })).body.id;
  });

  it('refuses bad input (422 naming each field) and sets nothing', async () => {
    const res = await server.api(cookies.police!, 'POST', `/api/people/${ray}/flags`, { kind: 'dangerous', reason: ' ', sharing: 'everyone' });
    expect(res.status).toBe(422);
    expect(fieldsOf(res)).toEqual(['kind', 'sharing', 'reason']);
    expect((await peopleOf('police', ava)).body.people.find((p: { id: string }) => p.id === ray).flags).toEqual([]);
  });

  it('a shared flag is seen by every member with who, when and why; an agency-only flag only by its agency (REST, audit and patterns)', async () => {
    const shared = await server.api(cookies.police!, 'POST', `/api/people/${ray}/flags`, { kind: 'poses-risk-to-children', reason: 'Breach of restraining order', sharing: 'professionals' });
    expect(shared.status, JSON.stringify(shared.body)).toBe(201);
    expect(shared.body).toMatchObject({ kind: 'poses-risk-to-children', agency: 'thames-valley-police', createdBy: { name: expect.any(String) }, withdrawnAt: null });
    const secret = await server.api(cookies.police!, 'POST', `/api/people/${ray}/flags`, { kind: 'domestic-abuse-perpetrator', reason: 'POLICE-ONLY intelligence', sharing: 'agency' });
    expect(secret.status).toBe(201);

    const asPolice = (await peopleOf('police', ava)).body.people.find((p: { id: string }) => p.id === ray);
    expect(asPolice.flags.map((f: { kind: string }) => f.kind)).toEqual(['poses-risk-to-children', 'domestic-abuse-perpetrator']);
    for (const who of ['hv', 'lead', 'dsl']) {
      const res = await peopleOf(who, ava);
      const seen = res.body.people.find((p: { id: string }) => p.id === ray);
      expect(seen.flags).toEqual([expect.objectContaining({ kind: 'poses-risk-to-children', reason: 'Breach of restraining order', createdBy: { id: expect.any(String), name: expect.any(String) } })]);
      expect(JSON.stringify(res.body)).not.toContain('POLICE-ONLY');
    }
    // The lead's audit view of Ava: the agency-only flag's record is reduced to "an agency-only flag of …".
    const trail = await server.api(cookies.lead!, 'GET', `/api/chronologies/${ava}/audit`);
    expect(trail.status).toBe(200);
    expect(JSON.stringify(trail.body)).not.toContain(secret.body.id);
    expect(JSON.stringify(trail.body)).not.toContain('domestic-abuse-perpetrator');

    const forLead = await peopleForPatterns(server.deps, await principalOf(DEMO.lead), ava);
    expect(forLead.find((p) => p.id === ray)!.flags.map((f) => f.kind)).toEqual(['poses-risk-to-children']);
    const forPolice = await peopleForPatterns(server.deps, await principalOf(DEMO.police), ava);
    expect(forPolice.find((p) => p.id === ray)).toMatchObject({ relationships: [{ chronologyId: ava, relationship: 'partner-of-mother' }], flags: [{ kind: 'poses-risk-to-children' }, { kind: 'domestic-abuse-perpetrator' }] });
    const forOutsider = await peopleForPatterns(server.deps, await principalOf(DEMO.outsider), ava);
    expect(forOutsider).toEqual([]);
  });

  it('only the flagging agency withdraws its flag, with a reason; it stays on record, withdrawn; a second withdrawal is 409', async () => {
    const flag = (await server.api(cookies.police!, 'POST', `/api/people/${ray}/flags`, { kind: 'court-order', reason: 'Bail conditions', sharing: 'professionals' })).body;
    const byHv = await server.api(cookies.hv!, 'POST', `/api/people/${ray}/flags/${flag.id}/withdraw`, { reason: 'Not ours' });
    expect(byHv.status).toBe(403);
    const noReason = await server.api(cookies.police!, 'POST', `/api/people/${ray}/flags/${flag.id}/withdraw`, {});
    expect(noReason.status).toBe(422);
    expect(fieldsOf(noReason)).toEqual(['reason']);
    const done = await server.api(cookies.police!, 'POST', `/api/people/${ray}/flags/${flag.id}/withdraw`, { reason: 'Bail conditions ended' });
    expect(done.status).toBe(200);
    expect(done.body).toMatchObject({ id: flag.id, withdrawnReason: 'Bail conditions ended', withdrawnBy: { name: expect.any(String) } });
    expect((await server.api(cookies.police!, 'POST', `/api/people/${ray}/flags/${flag.id}/withdraw`, { reason: 'again' })).status).toBe(409);
    const seen = (await peopleOf('hv', ava)).body.people.find((p: { id: string }) => p.id === ray).flags.find((f: { id: string }) => f.id === flag.id);
    expect(seen.withdrawnAt).toEqual(expect.any(String));
  });
});

describe('entries naming people', () => {
  it('REST: an entry names people of its chronology; anyone else is 422 naming personIds and nothing is written', async () => {
    const kim = (await add('dsl', ben, { givenName: 'Pat', familyName: 'Lowe', relationship: 'mother' })).body.id;
    const made = await server.api(cookies.dsl!, 'POST', `/api/chronologies/${ben}/entries`, { date: '2025-03-01', category: 'other', summary: 'Mother at the gate', personIds: [kim] });
    expect(made.status, JSON.stringify(made.body)).toBe(201);
    const read = await server.api(cookies.dsl!, 'GET', `/api/chronologies/${ben}/entries/${made.body.entry.id}`);
    expect(read.body.entry.personIds).toEqual([kim]);
    const before = (await server.api(cookies.dsl!, 'GET', `/api/chronologies/${ben}/entries`)).body.entries.length;
    const onAvaOnly = (await add('police', ava, { givenName: 'Only', familyName: 'Ava', relationship: 'other' })).body.id;
    for (const personIds of [[onAvaOnly], ['not-a-uuid'], [kim, kim]]) {
      const res = await server.api(cookies.dsl!, 'POST', `/api/chronologies/${ben}/entries`, { date: '2025-03-02', category: 'other', summary: 'Names the wrong person', personIds });
      expect(res.status, JSON.stringify(personIds)).toBe(422);
      expect(fieldsOf(res)).toEqual(['personIds']);
    }
    const amended = await server.api(cookies.dsl!, 'PATCH', `/api/chronologies/${ben}/entries/${made.body.entry.id}`, { personIds: [kim, onAvaOnly] });
    expect(amended.status).toBe(422);
    expect(fieldsOf(amended)).toEqual(['personIds']);
    expect((await server.api(cookies.dsl!, 'GET', `/api/chronologies/${ben}/entries`)).body.entries.length).toBe(before);
    const cleared = await server.api(cookies.dsl!, 'PATCH', `/api/chronologies/${ben}/entries/${made.body.entry.id}`, { personIds: [] });
    expect(cleared.status).toBe(200);
    expect((await server.api(cookies.dsl!, 'GET', `/api/chronologies/${ben}/entries/${made.body.entry.id}`)).body.entry.personIds).toBeUndefined();
  });

  it('websocket: an update naming someone who is not a person of the chronology is refused (4409); naming a person of it is accepted', async () => {
    const dsl = (await server.api(cookies.dsl!, 'GET', '/api/me')).body;
    const pat = (await add('dsl', ben, { givenName: 'Wes', familyName: 'Lowe', relationship: 'father' })).body.id;
    const stranger = (await add('police', ava, { givenName: 'Not', familyName: 'Ben', relationship: 'other' })).body.id;
    const refused = connect(server.origin, cookies.dsl!, sharedDocName(ben));
    clients.push(refused);
    await vi.waitFor(() => expect(refused.provider.synced).toBe(true), { timeout: 5000 });
    const bad = buildEntry({ agency: dsl.agency.slug, authorId: dsl.id, summary: 'Websocket stranger', personIds: [stranger] });
    refused.doc.getMap('entries').set(bad.id, entryText({ ...bad, personIds: bad.personIds!.join(',') }));
    await vi.waitFor(() => expect(refused.closes.some((x) => x.code === 4409)).toBe(true), { timeout: 5000 });
    expect((await server.api(cookies.dsl!, 'GET', `/api/chronologies/${ben}/entries/${bad.id}`)).status).toBe(404);

    const accepted = connect(server.origin, cookies.dsl!, sharedDocName(ben));
    clients.push(accepted);
    await vi.waitFor(() => expect(accepted.provider.synced).toBe(true), { timeout: 5000 });
    const good = buildEntry({ agency: dsl.agency.slug, authorId: dsl.id, summary: 'Websocket father', personIds: [pat] });
    accepted.doc.getMap('entries').set(good.id, entryText({ ...good, personIds: good.personIds!.join(',') }));
    await vi.waitFor(async () => expect((await server.api(cookies.dsl!, 'GET', `/api/chronologies/${ben}/entries/${good.id}`)).body.entry?.personIds).toEqual([pat]), { timeout: 5000 });
    expect(accepted.closes).toEqual([]);
  });
});

describe('merging records of one person', () => {
  it('suggests same name and date of birth across the household, never merges by itself; only a lead of both merges; both records stay', async () => {
    const onAva = (await add('police', ava, { givenName: 'Jay', familyName: 'Crane', relationship: 'partner-of-mother', dateOfBirth: '1984-02-29' })).body.id;
    const onBen = (await add('dsl', ben, { givenName: ' JAY ', familyName: 'crane', relationship: 'partner-of-mother', dateOfBirth: '29/02/1984' })).body.id;
    const flagged = await server.api(cookies.dsl!, 'POST', `/api/people/${onBen}/flags`, { kind: 'poses-risk-to-children', reason: 'Seen at the school gate despite an order', sharing: 'professionals' });
    expect(flagged.status).toBe(201);
    const suggestions = await server.api(cookies.lead!, 'GET', `/api/chronologies/${ava}/people/merge-suggestions`);
    expect(suggestions.status).toBe(200);
    const jay = suggestions.body.suggestions.find((s: { people: Array<{ id: string }> }) => s.people.some((p) => p.id === onAva));
    expect(jay.people.map((p: { id: string }) => p.id).sort()).toEqual([onAva, onBen].sort());
    expect(jay.canMerge).toBe(true);
    // Suggested only: both records are still separate.
    expect((await peopleOf('lead', ava)).body.people.find((p: { id: string }) => p.id === onAva).mergedInto).toBeNull();

    const byPolice = await server.api(cookies.police!, 'POST', `/api/people/${onBen}/merge`, { intoPersonId: onAva });
    expect(byPolice.status).toBe(404); // police cannot see Ben's chronology, so not Ben's record
    const byDsl = await server.api(cookies.dsl!, 'POST', `/api/people/${onBen}/merge`, { intoPersonId: onAva });
    expect(byDsl.status).toBe(403);
    expect(fieldsOf(await server.api(cookies.lead!, 'POST', `/api/people/${onBen}/merge`, {}))).toEqual(['intoPersonId']);
    const merged = await server.api(cookies.lead!, 'POST', `/api/people/${onBen}/merge`, { intoPersonId: onAva });
    expect(merged.status, JSON.stringify(merged.body)).toBe(200);
    expect(merged.body).toEqual({ id: onBen, mergedInto: onAva });
    expect((await server.api(cookies.lead!, 'POST', `/api/people/${onBen}/merge`, { intoPersonId: onAva })).status).toBe(409);

    // Ben's members: the duplicate stays, pointing at the survivor; the survivor gathers both links and the flag.
    const onBenNow = (await peopleOf('dsl', ben)).body.people;
    expect(onBenNow.find((p: { id: string }) => p.id === onBen).mergedInto).toBe(onAva);
    const survivor = onBenNow.find((p: { id: string }) => p.id === onAva);
    expect(survivor.relationships.map((r: { chronologyId: string }) => r.chronologyId).sort()).toEqual([ava, ben].sort());
    expect(survivor.flags.map((f: { reason: string }) => f.reason)).toEqual(['Seen at the school gate despite an order']);
    // Entries of Ben's chronology may now name the survivor (at once: the rooms were told).
    const entry = await server.api(cookies.dsl!, 'POST', `/api/chronologies/${ben}/entries`, { date: '2025-04-01', category: 'other', summary: 'Jay at the gate', personIds: [onAva] });
    expect(entry.status, JSON.stringify(entry.body)).toBe(201);
    // No suggestion once merged.
    const after = (await server.api(cookies.lead!, 'GET', `/api/chronologies/${ava}/people/merge-suggestions`)).body.suggestions;
    expect(JSON.stringify(after)).not.toContain(onBen);
    const audit = (await server.deps.repos.audit.list({ chronologyId: ben })).filter((r) => r.action === 'person:merge');
    expect(audit.map((r) => r.outcome)).toEqual(['allowed', 'refused']);
  });
});

describe('the demo’s Turner household', () => {
  it('has Jade on both children, Liam flagged by the police and named across Leo’s timeline, and his duplicate on Kai’s suggested for merging', async () => {
    const list = (await server.api(cookies.lead!, 'GET', '/api/chronologies')).body.chronologies as Array<{ id: string; child: { givenName: string; familyName: string } }>;
    const leo = list.find((c) => c.child.givenName === 'Leo' && c.child.familyName === 'Turner')!.id;
    const kai = list.find((c) => c.child.givenName === 'Kai' && c.child.familyName === 'Turner')!.id;
    const people = (await peopleOf('lead', leo)).body.people as Array<{ id: string; givenName: string; relationships: Array<{ chronologyId: string; relationship: string }>; flags: Array<{ kind: string; reason: string; agency: string }> }>;
    const jade = people.find((p) => p.givenName === 'Jade')!;
    expect(jade.relationships.map((r) => r.relationship)).toEqual(['mother', 'mother']);
    const liam = people.find((p) => p.givenName === 'Liam')!;
    expect(liam.flags).toEqual([expect.objectContaining({ kind: 'poses-risk-to-children', reason: 'Breach of restraining order', agency: 'thames-valley-police' })]);
    const entries = (await server.api(cookies.lead!, 'GET', `/api/chronologies/${leo}/entries`)).body.entries as Array<{ date: string; summary: string; personIds?: string[] }>;
    const naming = entries.filter((e) => e.personIds?.includes(liam.id)).map((e) => e.date);
    expect(naming).toEqual(['2025-02-22', '2025-11-09', '2026-11-24', '2026-11-27']);
    const suggestions = (await server.api(cookies.lead!, 'GET', `/api/chronologies/${leo}/people/merge-suggestions`)).body.suggestions as Array<{ people: Array<{ id: string; givenName: string; relationships: Array<{ chronologyId: string }> }>; canMerge: boolean }>;
    const pair = suggestions.find((s) => s.people.some((p) => p.id === liam.id))!;
    expect(pair.canMerge).toBe(true);
    expect(pair.people.flatMap((p) => p.relationships.map((r) => r.chronologyId)).sort()).toEqual([kai, leo].sort());
    const onKai = (await server.api(cookies.lead!, 'GET', `/api/chronologies/${kai}/entries`)).body.entries as Array<{ date: string; personIds?: string[] }>;
    expect(onKai.filter((e) => (e.personIds ?? []).length > 0).map((e) => e.date)).toEqual(['2025-02-22', '2025-11-09', '2026-11-27']);
  });
});
