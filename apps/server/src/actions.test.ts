/**
 * Actions (issue 15 item 3) over the real server: any member raises one, owned by a member agency and one of
 * its people; only that agency or the lead closes or changes it; done needs an outcome and cancelled a
 * reason; links must be this chronology's entries; every change is kept and audited; overdue is judged
 * against today; nothing of one chronology's actions reaches another's list, a non-member, or a reader
 * who may not see a linked restricted entry.
 */
import { todayIso } from '@mac/domain';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { pdfText, squash } from './services/conference/pdf-inspect.js';
import { DEMO, startTestServer, type TestServer } from './testing.js';

let server: TestServer;
const cookies: Record<string, string> = {};
const ids: Record<string, string> = {};
// Ava: led by Priya (CSC) with the police, the school and health visiting. Ben: Priya's, with the school only.
let ava: string;
let ben: string;
let avaEntry: string;
let benEntry: string;
let policeRestricted: string;
const MISSING = '00000000-0000-4000-8000-000000000000';
const SECRET = `POLICE-ONLY-${crypto.randomUUID().slice(0, 8)}`;

const actionsOf = async (who: string, chronologyId: string) => server.api(cookies[who]!, 'GET', `/api/chronologies/${chronologyId}/actions`);
const raise = (who: string, chronologyId: string, body: Record<string, unknown>) => server.api(cookies[who]!, 'POST', `/api/chronologies/${chronologyId}/actions`, body);
const change = (who: string, chronologyId: string, actionId: string, body: Record<string, unknown>) =>
  server.api(cookies[who]!, 'PATCH', `/api/chronologies/${chronologyId}/actions/${actionId}`, body);
const schoolAction = (over: Record<string, unknown> = {}) => ({
  title: 'Speak to Ava alone about the bruise',
  notes: 'Class teacher to be present',
  ownerAgency: 'northway-primary',
  ownerUserId: ids.dsl,
  dueDate: '2026-11-03',
  source: 'entry',
  sourceRef: avaEntry,
  entryIds: [avaEntry],
  ...over,
});

beforeAll(async () => {
  server = await startTestServer();
  for (const who of ['lead', 'police', 'dsl', 'hv', 'outsider', 'admin'] as const) {
    cookies[who] = await server.login(DEMO[who]);
    ids[who] = (await server.api(cookies[who]!, 'GET', '/api/me')).body.id;
  }
  const make = async (givenName: string, memberAgencies: string[]) =>
    (await server.api(cookies.lead!, 'POST', '/api/chronologies', { child: { givenName, familyName: 'Actions', dateOfBirth: '2019-05-01' }, memberAgencies })).body.id as string;
  ava = await make('Ava', ['thames-valley-police', 'northway-primary', 'oxford-health-hv']);
  ben = await make('Ben', ['northway-primary']);
  avaEntry = (await server.api(cookies.dsl!, 'POST', `/api/chronologies/${ava}/entries`, { date: '2026-10-20', category: 'injury', summary: 'Bruise on the arm' })).body.entry.id;
  benEntry = (await server.api(cookies.dsl!, 'POST', `/api/chronologies/${ben}/entries`, { date: '2026-10-21', category: 'other', summary: 'Ben entry' })).body.entry.id;
  const restricted = await server.api(cookies.police!, 'POST', `/api/chronologies/${ava}/entries`, { date: '2026-10-22', category: 'other', summary: SECRET, restricted: true });
  expect(restricted.status, JSON.stringify(restricted.body)).toBe(201);
  policeRestricted = restricted.body.entry.id;
}, 60_000);
afterAll(async () => {
  await server?.stop();
});

describe('raising an action', () => {
  it('any member raises one owned by another member agency; it comes back open, overdue when due before today, with its history', async () => {
    const res = await raise('police', ava, schoolAction());
    expect(res.status, JSON.stringify(res.body)).toBe(201);
    const { action } = res.body;
    expect(action).toMatchObject({
      chronologyId: ava,
      title: 'Speak to Ava alone about the bruise',
      ownerAgency: 'northway-primary',
      ownerUserId: ids.dsl,
      ownerName: 'Helen Okoro',
      status: 'open',
      outcome: null,
      source: 'entry',
      sourceRef: avaEntry,
      entryIds: [avaEntry],
      createdBy: ids.police,
      overdue: true,
    });
    expect(action.daysOverdue).toBeGreaterThan(0);
    expect(action.history).toHaveLength(1);
    expect(action.history[0]).toMatchObject({ kind: 'create', by: ids.police, byName: 'Tom Whitfield' });
    const due = await raise('police', ava, schoolAction({ dueDate: '2099-01-01', source: 'highlight', sourceRef: 'multi-agency-cluster:x', entryIds: [] }));
    expect(due.body.action).toMatchObject({ overdue: false, daysOverdue: 0 });
    const list = await actionsOf('hv', ava);
    expect(list.status).toBe(200);
    expect(list.body.today).toBe(todayIso());
    expect(list.body.actions.map((a: { id: string }) => a.id)).toEqual(expect.arrayContaining([action.id, due.body.action.id]));
    expect(list.body.owners).toEqual(expect.arrayContaining([{ id: ids.dsl, name: 'Helen Okoro', agency: 'northway-primary' }]));
    // Only people of member agencies may own one: probation is not a member, administrators never.
    expect(list.body.owners.some((o: { agency: string }) => o.agency === 'probation-service' || o.agency === 'oscp')).toBe(false);
  });

  it('refuses bad input with 422 naming each field, and saves nothing', async () => {
    const before = (await actionsOf('lead', ava)).body.actions.length;
    const cases: Array<[Record<string, unknown>, string[]]> = [
      [{ ownerAgency: 'probation-service' }, ['ownerAgency']],
      [{ ownerUserId: ids.police }, ['ownerUserId']],
      [{ ownerUserId: ids.admin }, ['ownerUserId']],
      [{ entryIds: [benEntry] }, ['entryIds']],
      [{ entryIds: [MISSING] }, ['entryIds']],
      [{ sourceRef: benEntry }, ['sourceRef']],
      [{ dueDate: '2026-02-30' }, ['dueDate']],
      [{ dueDate: '2026-11' }, ['dueDate']],
      [{ title: '  ' }, ['title']],
      [{ source: 'email' }, ['source']],
      [{ status: 'done' }, ['(body)']],
    ];
    for (const [over, fields] of cases) {
      const res = await raise('lead', ava, schoolAction(over));
      expect(res.status, JSON.stringify(over)).toBe(422);
      expect(res.body.error.fields.map((f: { field: string }) => f.field), JSON.stringify(over)).toEqual(fields);
    }
    expect((await raise('lead', ava, schoolAction({ status: 'done' }))).body.error.message).toContain('status is not a field of a new action');
    expect((await actionsOf('lead', ava)).body.actions.length).toBe(before);
  });

  it('refuses a link to another agency’s restricted entry like an unknown id, and hides a link the reader may not see', async () => {
    const refused = await raise('dsl', ava, schoolAction({ entryIds: [policeRestricted] }));
    expect(refused.status).toBe(422);
    expect(refused.body.error.fields).toEqual([{ field: 'entryIds', message: expect.stringContaining('not an entry') }]);
    const made = await raise('police', ava, schoolAction({ entryIds: [avaEntry, policeRestricted], source: 'entry', sourceRef: policeRestricted }));
    expect(made.status).toBe(201);
    expect(made.body.action.entryIds).toEqual([avaEntry, policeRestricted]);
    const seenBySchool = (await actionsOf('dsl', ava)).body.actions.find((a: { id: string }) => a.id === made.body.action.id);
    expect(seenBySchool.entryIds).toEqual([avaEntry]);
    expect(seenBySchool.sourceRef).toBe('');
    expect(JSON.stringify((await actionsOf('dsl', ava)).body)).not.toContain(policeRestricted);
    expect(JSON.stringify((await actionsOf('lead', ava)).body)).not.toContain(policeRestricted);
  });
});

describe('changing an action', () => {
  it('done needs an outcome and cancelled a reason (422 naming the field); nothing changes', async () => {
    const { action } = (await raise('lead', ava, schoolAction())).body;
    for (const [body, field] of [
      [{ status: 'done' }, 'outcome'],
      [{ status: 'cancelled' }, 'reason'],
      [{ status: 'cancelled', reason: '' }, 'reason'],
      [{ dueDate: '31/12/2026' }, 'dueDate'],
    ] as const) {
      const res = await change('dsl', ava, action.id, body);
      expect(res.status).toBe(422);
      expect(res.body.error.fields.map((f: { field: string }) => f.field)).toEqual([field]);
    }
    const now = (await actionsOf('dsl', ava)).body.actions.find((a: { id: string }) => a.id === action.id);
    expect(now).toMatchObject({ status: 'open', dueDate: '2026-11-03' });
    expect(now.history).toHaveLength(1);
  });

  it('another member agency may not close or change an action it does not own (403, audited); the owner agency and the lead may', async () => {
    const { action } = (await raise('police', ava, schoolAction())).body;
    const refused = await change('police', ava, action.id, { status: 'done', outcome: 'Police did it' });
    expect(refused.status).toBe(403);
    expect((await change('hv', ava, action.id, { dueDate: '2027-01-10' })).status).toBe(403);
    expect((await actionsOf('dsl', ava)).body.actions.find((a: { id: string }) => a.id === action.id)).toMatchObject({ status: 'open', dueDate: '2026-11-03' });

    const moved = await change('dsl', ava, action.id, { dueDate: '2099-01-10' });
    expect(moved.status).toBe(200);
    expect(moved.body.action).toMatchObject({ dueDate: '2099-01-10', overdue: false, updatedBy: ids.dsl });
    const done = await change('dsl', ava, action.id, { status: 'done', outcome: 'Spoke to Ava alone on 4 November' });
    expect(done.body.action).toMatchObject({ status: 'done', outcome: 'Spoke to Ava alone on 4 November', overdue: false });
    const reopened = await change('lead', ava, action.id, { status: 'open' });
    expect(reopened.status).toBe(200);
    const cancelled = await change('lead', ava, action.id, { status: 'cancelled', reason: 'Superseded by the plan agreed at conference' });
    expect(cancelled.body.action).toMatchObject({ status: 'cancelled', reason: 'Superseded by the plan agreed at conference' });

    const history = cancelled.body.action.history;
    expect(history.map((h: { kind: string; by: string }) => [h.kind, h.by])).toEqual([
      ['create', ids.police],
      ['update', ids.dsl],
      ['update', ids.dsl],
      ['update', ids.lead],
      ['update', ids.lead],
    ]);
    expect(history[1].changes).toEqual({ dueDate: { from: '2026-11-03', to: '2099-01-10' } });
    expect(history[2].changes).toEqual({ status: { from: 'open', to: 'done' }, outcome: { from: null, to: 'Spoke to Ava alone on 4 November' } });

    const audit = (await server.api(cookies.lead!, 'GET', `/api/chronologies/${ava}/audit?limit=500`)).body.records as Array<{ action: string; outcome: string; actorId: string; details: Record<string, unknown> }>;
    const about = audit.filter((r) => r.details.actionId === action.id);
    expect(about.filter((r) => r.action === 'action:update' && r.outcome === 'allowed')).toHaveLength(4);
    expect(about.some((r) => r.action === 'action:create' && r.actorId === ids.police)).toBe(true);
    expect(about.filter((r) => r.action === 'action:update' && r.outcome === 'refused').map((r) => r.actorId).sort()).toEqual([ids.hv, ids.police].sort());
  });

  it('a new owner must be a member agency and one of its people; after the change the new agency owns it', async () => {
    const { action } = (await raise('lead', ava, schoolAction())).body;
    expect((await change('dsl', ava, action.id, { ownerAgency: 'thames-valley-police', ownerUserId: ids.dsl })).body.error.fields).toEqual([{ field: 'ownerUserId', message: expect.any(String) }]);
    expect((await change('dsl', ava, action.id, { ownerAgency: 'probation-service', ownerUserId: ids.outsider })).body.error.fields).toEqual([{ field: 'ownerAgency', message: expect.any(String) }]);
    const handed = await change('dsl', ava, action.id, { ownerAgency: 'thames-valley-police', ownerUserId: ids.police });
    expect(handed.body.action).toMatchObject({ ownerAgency: 'thames-valley-police', ownerName: 'Tom Whitfield' });
    expect((await change('dsl', ava, action.id, { status: 'done', outcome: 'x' })).status).toBe(403);
    expect((await change('police', ava, action.id, { status: 'done', outcome: 'Visited' })).status).toBe(200);
  });
});

describe('what leaks nowhere', () => {
  it('a non-member, an administrator and a missing chronology all get the same 404, for every route', async () => {
    const { action } = (await raise('lead', ava, schoolAction())).body;
    const missing = (await server.api(cookies.outsider!, 'GET', `/api/chronologies/${MISSING}/actions`)).body;
    for (const who of ['outsider', 'admin']) {
      const list = await actionsOf(who, ava);
      expect(list.status).toBe(404);
      expect(list.body).toEqual(missing);
      expect((await raise(who, ava, schoolAction())).status).toBe(404);
      expect((await change(who, ava, action.id, { dueDate: '2027-01-01' })).status).toBe(404);
    }
    expect((await actionsOf('hv', ben)).status).toBe(404);
  });

  it('no action of one chronology appears in another’s list, nor can it be changed through another chronology', async () => {
    const { action } = (await raise('lead', ava, schoolAction())).body;
    const benList = (await actionsOf('dsl', ben)).body;
    expect(benList.actions).toEqual([]);
    expect(JSON.stringify(benList)).not.toContain(action.id);
    // The school owns the action and is a member of Ben's chronology too: still 404 through Ben's path.
    const through = await change('dsl', ben, action.id, { status: 'done', outcome: 'x' });
    expect(through.status).toBe(404);
    expect((await actionsOf('dsl', ava)).body.actions.find((a: { id: string }) => a.id === action.id).status).toBe('open');
  });
});

describe('overdue on the caseload and in the patterns', () => {
  it('the caseload counts each chronology’s overdue actions (open, due before today); closing one takes it off', async () => {
    const caseload = async (who: string) =>
      Object.fromEntries(((await server.api(cookies[who]!, 'GET', '/api/chronologies')).body.chronologies as Array<{ id: string; overdueActions: number }>).map((c) => [c.id, c.overdueActions]));
    const before = await caseload('dsl');
    const { action } = (await raise('dsl', ben, { ...schoolAction({ sourceRef: benEntry, entryIds: [benEntry] }) })).body;
    await raise('dsl', ben, schoolAction({ sourceRef: benEntry, entryIds: [], dueDate: '2099-01-01' }));
    const after = await caseload('dsl');
    expect(after[ben]).toBe(before[ben]! + 1);
    expect(after[ava]).toBe(before[ava]);
    await change('dsl', ben, action.id, { status: 'done', outcome: 'Done at the review meeting' });
    expect((await caseload('dsl'))[ben]).toBe(before[ben]);
    // The police are not a member of Ben's chronology: it is not on their caseload at all.
    expect((await caseload('police'))[ben]).toBeUndefined();
  });

  it('GET …/patterns includes action-overdue with a plain sentence; a link to a restricted entry shows only to its agency', async () => {
    const { action } = (await raise('police', ava, schoolAction({ title: 'Share the strategy discussion minutes', entryIds: [avaEntry, policeRestricted], source: 'analysis', sourceRef: '' }))).body;
    const highlightOf = async (who: string) =>
      ((await server.api(cookies[who]!, 'GET', `/api/chronologies/${ava}/patterns`)).body.highlights as Array<{ ruleId: string; actionId?: string; entryIds: string[]; explanation: string; id: string }>).find(
        (h) => h.ruleId === 'action-overdue' && h.actionId === action.id,
      )!;
    const police = await highlightOf('police');
    const school = await highlightOf('dsl');
    expect(school.explanation).toMatch(/^An action due on 3 November 2026, owned by Northway Primary School, is \d+ days overdue: “Share the strategy discussion minutes”\./);
    expect(police.entryIds.sort()).toEqual([avaEntry, policeRestricted].sort());
    expect(school.entryIds).toEqual([avaEntry]);
    expect(JSON.stringify(await server.api(cookies.dsl!, 'GET', `/api/chronologies/${ava}/patterns`))).not.toContain(policeRestricted);
    await change('dsl', ava, action.id, { status: 'cancelled', reason: 'Minutes shared by email' });
    expect(await highlightOf('dsl')).toBeUndefined();
  });
});

describe('actions in the conference pack', () => {
  it('the professional version carries each action whole; the family version what, which agency, when and where it stands; no other chronology’s action', async () => {
    const NOTE = `NOTE-${crypto.randomUUID().slice(0, 6)}`;
    const { action } = (await raise('lead', ava, schoolAction({ title: 'Pack action: arrange a home visit', notes: NOTE, entryIds: [avaEntry, policeRestricted].slice(0, 1) }))).body;
    await change('dsl', ava, action.id, { status: 'done', outcome: 'OUTCOME-visited on 5 December' });
    const other = (await raise('dsl', ben, schoolAction({ title: 'BEN-ONLY pack action', sourceRef: benEntry, entryIds: [benEntry] }))).body.action;
    const preview = async (kind: string) => (await server.api(cookies.lead!, 'POST', `/api/chronologies/${ava}/packs/preview`, { kind, conferenceDate: '2026-12-10' })).body;
    const professional = await preview('professional');
    const shown = professional.actions.find((a: { title: string }) => a.title === 'Pack action: arrange a home visit');
    expect(shown).toMatchObject({ ownerName: 'Helen Okoro', ownerAgencyName: expect.any(String), status: 'done', standing: 'Done', outcome: 'OUTCOME-visited on 5 December', notes: NOTE });
    expect(professional.actions.some((a: { overdue: boolean; standing: string }) => a.overdue && /^Overdue by \d+ days?$/.test(a.standing))).toBe(true);
    const family = await preview('family');
    const familyShown = family.actions.find((a: { title: string }) => a.title === 'Pack action: arrange a home visit');
    expect(Object.keys(familyShown).sort()).toEqual(['dueDate', 'overdue', 'ownerAgency', 'ownerAgencyName', 'standing', 'status', 'title']);
    const familyJson = JSON.stringify(family.actions);
    for (const secret of [NOTE, 'OUTCOME-', 'Helen Okoro', avaEntry, policeRestricted]) expect(familyJson).not.toContain(secret);
    for (const pack of [professional, family]) expect(JSON.stringify(pack)).not.toContain(other.id);
    expect(JSON.stringify(professional)).not.toContain('BEN-ONLY');

    const res = await fetch(`${server.origin}/api/chronologies/${ava}/packs`, {
      method: 'POST',
      headers: { cookie: cookies.lead!, origin: server.origin, 'content-type': 'application/json' },
      body: JSON.stringify({ kind: 'family', format: 'pdf', conferenceDate: '2026-12-10' }),
    });
    expect(res.status).toBe(200);
    const text = squash(pdfText(Buffer.from(await res.arrayBuffer())));
    expect(text).toContain(squash('Pack action: arrange a home visit'));
    expect(text).not.toContain(squash(NOTE));
    expect(text).not.toContain('OUTCOME-');
  });
});
