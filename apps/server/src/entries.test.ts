import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { DEMO, startTestServer, type TestServer } from './testing.js';

let server: TestServer;
let lead: string, police: string, hv: string, dsl: string, outsider: string, admin: string;
let chronologyId: string;

beforeAll(async () => {
  server = await startTestServer();
  lead = await server.login(DEMO.lead);
  police = await server.login(DEMO.police);
  hv = await server.login(DEMO.hv);
  dsl = await server.login(DEMO.dsl);
  outsider = await server.login(DEMO.outsider);
  admin = await server.login(DEMO.admin);
  const list = await server.api(hv, 'GET', '/api/chronologies');
  // A chronology the health visitor, police and the school DSL all belong to.
  chronologyId = list.body.chronologies.find((c: { memberAgencies: string[] }) => ['thames-valley-police', 'northway-primary', 'oxford-health-hv'].every((a) => c.memberAgencies.includes(a))).id;
});
afterAll(async () => {
  await server?.stop();
});

const validEntry = {
  date: '05/04/2023',
  time: '14:30',
  category: 'Domestic abuse incident',
  summary: 'Police attended a verbal argument at the home; the child was present',
  detail: 'Neighbours called at 14:10.',
  impactOnChild: 'Child was upset and hid in her bedroom.',
  actionTaken: 'DASH completed (standard risk); referral to children’s social care.',
  sourceRef: 'TVP STORM 2023-0405-0123',
};

describe('entries', () => {
  it('creates an entry for the writer’s own agency with the date and category understood', async () => {
    const res = await server.api(police, 'POST', `/api/chronologies/${chronologyId}/entries`, validEntry);
    expect(res.status).toBe(201);
    expect(res.body.entry).toMatchObject({ date: '2023-04-05', time: '14:30', category: 'domestic-abuse-incident', agency: 'thames-valley-police', status: 'active', restricted: false });
    const list = await server.api(hv, 'GET', `/api/chronologies/${chronologyId}/entries?text=verbal%20argument`);
    expect(list.body.entries.map((e: { id: string }) => e.id)).toContain(res.body.entry.id);
  });

  it('reports every invalid field and writes nothing', async () => {
    const before = (await server.api(police, 'GET', `/api/chronologies/${chronologyId}/entries`)).body.entries.length;
    const res = await server.api(police, 'POST', `/api/chronologies/${chronologyId}/entries`, { date: '31/02/2023', category: 'no-such-category', summary: 'x'.repeat(201) });
    expect(res.status).toBe(422);
    const fields = res.body.error.fields.map((f: { field: string }) => f.field);
    expect(fields).toEqual(expect.arrayContaining(['date', 'category', 'summary']));
    expect(res.body.error.fields.find((f: { field: string }) => f.field === 'date').message).toMatch(/February 2023 has 28 days/);
    const after = (await server.api(police, 'GET', `/api/chronologies/${chronologyId}/entries`)).body.entries.length;
    expect(after).toBe(before);
  });

  it('refuses a field the writer may not set (agency, authorId)', async () => {
    const res = await server.api(police, 'POST', `/api/chronologies/${chronologyId}/entries`, { ...validEntry, agency: 'oxford-health-hv' });
    expect(res.status).toBe(422);
    expect(res.body.error.fields.map((f: { field: string }) => f.field)).toContain('agency');
  });

  it('lets the owning agency amend, keeps the history, and refuses another agency with 403 and no change', async () => {
    const created = (await server.api(police, 'POST', `/api/chronologies/${chronologyId}/entries`, validEntry)).body.entry;
    const url = `/api/chronologies/${chronologyId}/entries/${created.id}`;
    const foreign = await server.api(hv, 'PATCH', url, { summary: 'Rewritten by health visiting' });
    expect(foreign.status).toBe(403);
    expect((await server.api(police, 'GET', url)).body.entry.summary).toBe(validEntry.summary);

    const amended = await server.api(police, 'PATCH', url, { summary: 'Police attended a verbal argument; child present and upset' });
    expect(amended.status).toBe(200);
    expect(amended.body.entry.summary).toBe('Police attended a verbal argument; child present and upset');
    const history = await server.api(hv, 'GET', `${url}/history`);
    expect(history.body.history.map((h: { action: string }) => h.action)).toEqual(['entry.create', 'entry.amend']);
    expect(history.body.history[1].changes.summary).toEqual({ from: validEntry.summary, to: 'Police attended a verbal argument; child present and upset' });
    expect(history.body.history[1].actor.agency).toBe('thames-valley-police');
  });

  it('withdraws with a reason (never deletes), and there is no DELETE', async () => {
    const created = (await server.api(police, 'POST', `/api/chronologies/${chronologyId}/entries`, validEntry)).body.entry;
    const url = `/api/chronologies/${chronologyId}/entries/${created.id}`;
    expect((await server.api(police, 'POST', `${url}/withdraw`, { reason: '' })).status).toBe(422);
    expect((await server.api(hv, 'POST', `${url}/withdraw`, { reason: 'not ours' })).status).toBe(403);
    const res = await server.api(police, 'POST', `${url}/withdraw`, { reason: 'Entered on the wrong child' });
    expect(res.status).toBe(200);
    expect(res.body.entry).toMatchObject({ status: 'withdrawn', withdrawnReason: 'Entered on the wrong child' });
    expect((await server.api(police, 'DELETE', url)).status).toBe(404);
    expect((await server.api(police, 'GET', url)).body.entry.status).toBe('withdrawn');
    const hidden = await server.api(police, 'GET', `/api/chronologies/${chronologyId}/entries`);
    expect(hidden.body.entries.map((e: { id: string }) => e.id)).not.toContain(created.id);
    const shown = await server.api(police, 'GET', `/api/chronologies/${chronologyId}/entries?includeWithdrawn=1`);
    expect(shown.body.entries.map((e: { id: string }) => e.id)).toContain(created.id);
    expect((await server.api(police, 'PATCH', url, { summary: 'again' })).status).toBe(409);
  });

  it('keeps restricted entries inside their agency', async () => {
    const res = await server.api(police, 'POST', `/api/chronologies/${chronologyId}/entries`, { ...validEntry, summary: 'Intelligence: associate of known offender seen at address', restricted: true });
    expect(res.status).toBe(201);
    const url = `/api/chronologies/${chronologyId}/entries/${res.body.entry.id}`;
    for (const other of [hv, dsl, lead]) {
      expect((await server.api(other, 'GET', url)).status).toBe(404);
      const list = await server.api(other, 'GET', `/api/chronologies/${chronologyId}/entries?text=Intelligence`);
      expect(list.body.entries).toEqual([]);
      const csv = await server.api(other, 'GET', `/api/chronologies/${chronologyId}/export.csv`);
      expect(csv.body).not.toContain('associate of known offender');
    }
    expect((await server.api(police, 'GET', url)).status).toBe(200);
  });

  it('hides chronologies from non-members and admins with the same 404 as a missing one', async () => {
    const missing = await server.api(outsider, 'GET', `/api/chronologies/00000000-0000-4000-8000-000000000000`);
    for (const who of [outsider, admin]) {
      const res = await server.api(who, 'GET', `/api/chronologies/${chronologyId}`);
      expect(res.status).toBe(404);
      expect(res.body).toEqual(missing.body);
      expect((await server.api(who, 'GET', `/api/chronologies/${chronologyId}/entries`)).status).toBe(404);
      expect((await server.api(who, 'POST', `/api/chronologies/${chronologyId}/entries`, validEntry)).status).toBe(404);
      expect((await server.api(who, 'GET', '/api/chronologies')).body.chronologies).toEqual([]);
    }
  });

  it('filters by date range, agency and category', async () => {
    const res = await server.api(police, 'GET', `/api/chronologies/${chronologyId}/entries?from=2023-04-01&to=2023-04-30&agency=thames-valley-police&category=domestic-abuse-incident`);
    expect(res.status).toBe(200);
    expect(res.body.entries.length).toBeGreaterThan(0);
    for (const e of res.body.entries) {
      expect(e.agency).toBe('thames-valley-police');
      expect(e.category).toBe('domestic-abuse-incident');
    }
    const bad = await server.api(police, 'GET', `/api/chronologies/${chronologyId}/entries?from=2023-13-01`);
    expect(bad.status).toBe(422);
    expect(bad.body.error.fields[0].field).toBe('from');
  });
});

describe('audit', () => {
  it('records reads and changes, readable by the lead and DSLs only', async () => {
    await server.api(hv, 'GET', `/api/chronologies/${chronologyId}/entries`);
    const forLead = await server.api(lead, 'GET', `/api/chronologies/${chronologyId}/audit?limit=1000`);
    expect(forLead.status).toBe(200);
    const actions = new Set(forLead.body.records.map((r: { action: string }) => r.action));
    for (const a of ['entry:read', 'entry.create', 'entry.amend', 'entry.withdraw']) expect(actions).toContain(a);
    expect((await server.api(dsl, 'GET', `/api/chronologies/${chronologyId}/audit`)).status).toBe(200);
    expect((await server.api(hv, 'GET', `/api/chronologies/${chronologyId}/audit`)).status).toBe(403);
    expect((await server.deps.repos.audit.verify()).ok).toBe(true);
  });
});
