import { afterAll, beforeAll, describe, expect, it, vi } from 'vitest';
import { entryText, readStoredFields, restrictedDocName, sharedDocName, storedFieldsOf } from '@mac/sync';
import { DEMO, startTestServer, type TestServer } from './testing.js';
import { connect, setStoredFields, upgradeStatus, type Client } from './sync-testing.js';

let server: TestServer;
let lead: string, police: string, hv: string, outsider: string;
let chronologyId: string;
const clients: Client[] = [];

function client(cookie: string | null, docName: string) {
  const c = connect(server.origin, cookie, docName);
  clients.push(c);
  return c;
}

const synced = (c: Client) => vi.waitFor(() => expect(c.provider.synced).toBe(true), { timeout: 5000 });

/** An entry as the document holds it: one JSON text. */
function newEntryMap(fields: Record<string, string | boolean>): string {
  return entryText(fields);
}

function entryFields(principal: { id: string; agency: string }, summary: string) {
  return {
    id: crypto.randomUUID(),
    date: '2024-05-06',
    time: '',
    agency: principal.agency,
    category: 'police-attendance',
    summary,
    detail: '',
    impactOnChild: '',
    actionTaken: '',
    sourceRef: '',
    recordedBy: '',
    restricted: false,
    authorId: principal.id,
    recordedAt: new Date().toISOString(),
    status: 'active',
    withdrawnReason: '',
    sharing: 'family',
    sharingReason: '',
  };
}

let policeMe: { id: string; agency: string };

beforeAll(async () => {
  server = await startTestServer();
  lead = await server.login(DEMO.lead);
  police = await server.login(DEMO.police);
  hv = await server.login(DEMO.hv);
  outsider = await server.login(DEMO.outsider);
  const list = await server.api(hv, 'GET', '/api/chronologies');
  chronologyId = list.body.chronologies.find((c: { memberAgencies: string[] }) => c.memberAgencies.includes('thames-valley-police')).id;
  const me = (await server.api(police, 'GET', '/api/me')).body;
  policeMe = { id: me.id, agency: me.agency.slug };
});
afterAll(async () => {
  for (const c of clients) c.destroy();
  await server?.stop();
});

describe('websocket upgrade', () => {
  it('refuses without a session (401), for a non-member (404), cross-origin (403), and another agency’s restricted room (404)', async () => {
    const path = `/sync/${sharedDocName(chronologyId)}`;
    expect(await upgradeStatus(server.origin, path, { origin: server.origin })).toBe(401);
    expect(await upgradeStatus(server.origin, path, { origin: server.origin, cookie: outsider })).toBe(404);
    expect(await upgradeStatus(server.origin, path, { origin: 'https://evil.example.com', cookie: police })).toBe(403);
    expect(await upgradeStatus(server.origin, `/sync/${restrictedDocName(chronologyId, 'thames-valley-police')}`, { origin: server.origin, cookie: hv })).toBe(404);
    expect(await upgradeStatus(server.origin, `/sync/${restrictedDocName(chronologyId, 'thames-valley-police')}`, { origin: server.origin, cookie: police })).toBe(101);
    expect(await upgradeStatus(server.origin, path, { origin: server.origin, cookie: police })).toBe(101);
  });
});

describe('live collaboration', () => {
  it('two agencies converge, and an entry posted over REST appears on connected clients', async () => {
    const a = client(police, sharedDocName(chronologyId));
    const b = client(hv, sharedDocName(chronologyId));
    await Promise.all([synced(a), synced(b)]);
    const fields = entryFields(policeMe, 'Live entry from police');
    a.doc.getMap('entries').set(fields.id, newEntryMap(fields));
    await vi.waitFor(() => expect(readStoredFields(b.doc, fields.id)?.summary).toBe('Live entry from police'), { timeout: 3000 });

    const posted = await server.api(hv, 'POST', `/api/chronologies/${chronologyId}/entries`, { date: '2024-05-07', category: 'health-assessment', summary: 'Posted over REST' });
    expect(posted.status).toBe(201);
    for (const c of [a, b]) await vi.waitFor(() => expect(c.doc.getMap('entries').has(posted.body.entry.id)).toBe(true), { timeout: 3000 });
    // And the projection (what REST reads) has the websocket write.
    const list = await server.api(hv, 'GET', `/api/chronologies/${chronologyId}/entries?text=Live%20entry%20from%20police`);
    expect(list.body.entries).toHaveLength(1);
  });

  it("refuses a write to another agency's entry: not applied, not seen by others, the writer closed with 4409", async () => {
    const a = client(police, sharedDocName(chronologyId));
    const b = client(hv, sharedDocName(chronologyId));
    await Promise.all([synced(a), synced(b)]);
    const entries = b.doc.getMap('entries');
    const target = [...entries.values()].map(storedFieldsOf).find((m) => m?.agency === 'oxford-health-hv')!;
    const id = target.id as string;
    const original = target.summary;
    setStoredFields(a.doc, id, { summary: 'Rewritten by the police' });
    await vi.waitFor(() => expect(a.closes.some((c) => c.code === 4409)).toBe(true), { timeout: 3000 });
    a.provider.disconnect();
    // The other client and the server still have the original.
    await new Promise((r) => setTimeout(r, 200));
    expect(storedFieldsOf(entries.get(id))?.summary).toBe(original);
    const stored = await server.api(hv, 'GET', `/api/chronologies/${chronologyId}/entries/${id}`);
    expect(stored.body.entry.summary).toBe(original);
    const audit = await server.api(lead, 'GET', `/api/chronologies/${chronologyId}/audit?action=sync.update`);
    expect(audit.body.records[0]).toMatchObject({ outcome: 'refused', actorAgency: 'thames-valley-police' });
  });

  it('stamps presence with the server-side identity', async () => {
    const a = client(police, sharedDocName(chronologyId));
    const b = client(hv, sharedDocName(chronologyId));
    await Promise.all([synced(a), synced(b)]);
    a.provider.awareness.setLocalStateField('user', { id: 'someone-else', name: 'The Chief Constable', agency: 'oxfordshire-csc' });
    a.provider.awareness.setLocalStateField('viewing', null);
    await vi.waitFor(() => {
      const state = b.provider.awareness.getStates().get(a.doc.clientID) as { user?: { name: string; agency: string; id: string } } | undefined;
      expect(state?.user).toMatchObject({ id: policeMe.id, agency: 'thames-valley-police' });
      expect(state?.user?.name).not.toBe('The Chief Constable');
    }, { timeout: 3000 });
  });
});

describe('access ends live', () => {
  it('closes connections within a second when the agency is removed from the chronology', async () => {
    const created = await server.api(lead, 'POST', '/api/chronologies', { child: { givenName: 'Live', familyName: 'Removal' }, memberAgencies: ['oxford-health-hv'] });
    const c = client(hv, sharedDocName(created.body.id));
    await synced(c);
    const started = Date.now();
    expect((await server.api(lead, 'DELETE', `/api/chronologies/${created.body.id}/members/oxford-health-hv`)).status).toBe(200);
    await vi.waitFor(() => expect(c.closes.some((x) => x.code === 4403)).toBe(true), { timeout: 1000 });
    expect(Date.now() - started).toBeLessThan(1000);
    c.provider.disconnect();
  });

  it('closes connections when the session ends', async () => {
    const cookie = await server.login(DEMO.hv);
    const c = client(cookie, sharedDocName(chronologyId));
    await synced(c);
    await server.api(cookie, 'POST', '/api/auth/logout');
    await vi.waitFor(() => expect(c.closes.some((x) => x.code === 4401)).toBe(true), { timeout: 10_000 });
    c.provider.disconnect();
  });
});
