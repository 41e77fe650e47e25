/**
 * Nothing of a restricted entry reaches anyone outside its agency, through any route (issue 11, finding 1).
 *
 * The police put a unique marker into every text field of a restricted entry, amend it, withdraw it with a
 * reason carrying the marker, open their restricted document and search for a second marker. Then every
 * GET route of the OpenAPI document (and the pack preview and CSV pack) is called by every caller outside
 * the police, and no answer may contain either marker or the restricted entry's id. The audit trail is the
 * route that leaked before; its visible shape (who, when, action, "a restricted entry of …") is asserted too.
 */
import { afterAll, beforeAll, describe, expect, it, vi } from 'vitest';
import { restrictedDocName } from '@mac/sync';
import { connect } from './sync-testing.js';
import { DEMO, startTestServer, type TestServer } from './testing.js';

let server: TestServer;
const cookies: Record<string, string | null> = {};
let chronologyId: string;
let restrictedId: string;
let sharedId: string;
let flagId: string;
// A restricted household event (issue 14): two fresh siblings, the police members of both, one copy each.
let siblingIds: string[] = [];
let copyIds: string[] = [];
const MARK = `LEAK-${crypto.randomUUID().slice(0, 8)}`;
const SEARCH = `SEARCH-${crypto.randomUUID().slice(0, 8)}`;

const OUTSIDERS = ['lead', 'dsl', 'hv', 'outsider', 'admin', 'anonymous'] as const;

beforeAll(async () => {
  server = await startTestServer();
  cookies.police = await server.login(DEMO.police);
  cookies.police2 = await server.login(DEMO.police);
  cookies.lead = await server.login(DEMO.lead);
  cookies.dsl = await server.login(DEMO.dsl);
  cookies.hv = await server.login(DEMO.hv);
  cookies.outsider = await server.login(DEMO.outsider);
  cookies.admin = await server.login(DEMO.admin);
  cookies.anonymous = null;
  // Alerts (issue 15): the lead and the DSL follow the restricted entry's category, so that an alert about
  // it, were one made, would be on the notifications route below.
  for (const who of ['lead', 'dsl'] as const) {
    const follow = { episodes: { follow: true, frequency: 'immediate' }, entries: { categories: ['police-attendance'], frequency: 'immediate' }, actions: { follow: true, frequency: 'immediate' } };
    expect((await server.api(cookies[who]!, 'PUT', '/api/me/alert-preferences', follow)).status).toBe(200);
  }
  const list = await server.api(cookies.lead!, 'GET', '/api/chronologies');
  chronologyId = list.body.chronologies.find((c: { memberAgencies: string[] }) => c.memberAgencies.includes('thames-valley-police') && c.memberAgencies.includes('northway-primary')).id;

  const base = `/api/chronologies/${chronologyId}/entries`;
  const created = await server.api(cookies.police!, 'POST', base, {
    date: '2024-06-01',
    time: '21:40',
    category: 'police-attendance',
    summary: `Intelligence ${MARK} summary`,
    detail: `Detail ${MARK}`,
    impactOnChild: `Impact ${MARK}`,
    childsVoice: `Voice ${MARK}`,
    seenAlone: 'yes',
    actionTaken: `Action ${MARK}`,
    sourceRef: `REF-${MARK}`,
    recordedBy: `Officer ${MARK}`,
    restricted: true,
  });
  expect(created.status).toBe(201);
  restrictedId = created.body.entry.id;
  expect((await server.api(cookies.police!, 'PATCH', `${base}/${restrictedId}`, { summary: `Amended ${MARK} summary`, detail: `Amended detail ${MARK}` })).status).toBe(200);
  expect((await server.api(cookies.police!, 'POST', `${base}/${restrictedId}/withdraw`, { reason: `Withdrawn because ${MARK}` })).status).toBe(200);
  expect((await server.api(cookies.police!, 'GET', `${base}?text=${encodeURIComponent(SEARCH)}`)).status).toBe(200);
  // An agency-only flag on a person around the child (issue 14 item 3), set and withdrawn with the marker.
  const person = await server.api(cookies.police!, 'POST', `/api/chronologies/${chronologyId}/people`, { givenName: 'Leak', familyName: 'Check', relationship: 'other' });
  expect(person.status).toBe(201);
  const flag = await server.api(cookies.police!, 'POST', `/api/people/${person.body.id}/flags`, { kind: 'domestic-abuse-perpetrator', reason: `Flag ${MARK}`, sharing: 'agency' });
  expect(flag.status).toBe(201);
  flagId = flag.body.id;
  expect((await server.api(cookies.police!, 'POST', `/api/people/${person.body.id}/flags/${flagId}/withdraw`, { reason: `Flag withdrawn ${MARK}` })).status).toBe(200);
  // The police's own view of the restricted document (a sync:open record naming it).
  const ws = connect(server.origin, cookies.police!, restrictedDocName(chronologyId, 'thames-valley-police'));
  await vi.waitFor(() => expect(ws.provider.synced).toBe(true), { timeout: 5000 });
  ws.destroy();
  // A shared entry and a pack, so that per-entry routes and snapshots have something to show.
  const shared = await server.api(cookies.dsl!, 'POST', base, { date: '2024-06-02', category: 'school-absence', summary: 'Shared school entry' });
  sharedId = shared.body.entry.id;
  // A search across the caseload by the police that shows the shared entry, its text holding the second
  // marker (as a word to leave out): the search is on this chronology's audit trail, its text must not be.
  expect((await server.api(cookies.police!, 'GET', `/api/search?q=${encodeURIComponent(`"Shared school entry" -${SEARCH}`)}`)).body.results).toHaveLength(1);
  expect((await server.api(cookies.lead!, 'POST', `/api/chronologies/${chronologyId}/packs`, { format: 'csv', kind: 'professional', conferenceDate: '2024-07-01' })).status).toBe(200);
  // A restricted household event on two siblings (issue 14), amended (carried to the other copy) and withdrawn.
  for (const givenName of ['Sib', 'Ling']) {
    const made = await server.api(cookies.lead!, 'POST', '/api/chronologies', { child: { givenName, familyName: 'Leak', dateOfBirth: '2019-01-01' }, memberAgencies: ['thames-valley-police', 'northway-primary', 'oxford-health-hv'] });
    siblingIds.push(made.body.id);
  }
  const household = await server.api(cookies.lead!, 'POST', '/api/households', { chronologyIds: siblingIds });
  expect(household.status).toBe(201);
  const hhEvent = await server.api(cookies.police!, 'POST', `/api/households/${household.body.id}/events`, { date: '2024-06-03', category: 'police-attendance', summary: `Household intelligence ${MARK}`, detail: `Detail ${MARK}`, restricted: true });
  expect(hhEvent.status).toBe(201);
  copyIds = (hhEvent.body.entries as Array<{ entryId: string }>).map((e) => e.entryId);
  const firstCopy = `/api/chronologies/${siblingIds[0]}/entries/${copyIds[0]}`;
  expect((await server.api(cookies.police!, 'PATCH', firstCopy, { summary: `Household intelligence amended ${MARK}` })).status).toBe(200);
  await server.deps.householdCopies.flush();
  expect((await server.api(cookies.police!, 'POST', `${firstCopy}/withdraw`, { reason: `Withdrawn because ${MARK}` })).status).toBe(200);
  await server.deps.householdCopies.flush();
  // Every alert these writes make is written before the routes are read.
  await server.deps.alerts.flush();
});
afterAll(async () => {
  await server?.stop();
});

/** The body; an event stream (which never ends by itself) up to its first event or a second of quiet. */
async function bodyText(res: Response): Promise<string> {
  if (!(res.headers.get('content-type') ?? '').includes('text/event-stream')) return res.text();
  const reader = res.body!.getReader();
  const timeout = new Promise<null>((resolve) => setTimeout(() => resolve(null), 1000));
  const first = await Promise.race([reader.read(), timeout]);
  await reader.cancel();
  return first && first.value ? new TextDecoder().decode(first.value) : '';
}

function leaks(text: string): string[] {
  return [MARK, SEARCH, restrictedId, flagId, ...copyIds].filter((secret) => text.includes(secret));
}

async function getPaths(): Promise<string[]> {
  const doc = (await server.api(cookies.lead!, 'GET', '/api/openapi.json')).body as { paths: Record<string, Record<string, unknown>> };
  const snapshots = (await server.api(cookies.lead!, 'GET', `/api/chronologies/${chronologyId}/snapshots`)).body.snapshots as Array<{ id: string }>;
  const paths: string[] = [];
  for (const [path, ops] of Object.entries(doc.paths)) {
    if (!('get' in ops) || path.includes('/oidc/')) continue;
    const filled = path
      .replace('{id}', chronologyId)
      .replace('{snapshotId}', snapshots[0]?.id ?? 'none')
      .replace('{agency}', 'thames-valley-police');
    if (filled.includes('{entryId}')) {
      paths.push(filled.replace('{entryId}', restrictedId), filled.replace('{entryId}', sharedId));
    } else paths.push(filled);
    // The household event's siblings: every route of theirs, their copies included.
    if (path.includes('{id}') && !path.includes('{snapshotId}')) {
      siblingIds.forEach((sibling, i) => {
        const forSibling = path.replace('{id}', sibling).replace('{agency}', 'thames-valley-police');
        paths.push(forSibling.includes('{entryId}') ? forSibling.replace('{entryId}', copyIds[i]!) : forSibling);
      });
    }
  }
  // The chronology as the web app asks for it: the open-highlight count only if kept.
  paths.push(`/api/chronologies/${chronologyId}?openHighlights=kept`, `/api/chronologies/${chronologyId}?openHighlights=none`);
  paths.push(`/api/chronologies/${chronologyId}/audit?limit=1000`, `/api/chronologies/${chronologyId}/audit?action=entry.amend`, `/api/chronologies/${chronologyId}/audit?action=entry:search`);
  // Search across the caseload, for the marker itself and for the words around it.
  paths.push(`/api/search?q=${encodeURIComponent(MARK)}`, `/api/search?q=${encodeURIComponent('Intelligence summary')}`, `/api/search?q=${encodeURIComponent('Amended')}&limit=50`);
  return paths;
}

describe('a restricted entry’s content, id and a colleague’s search never reach another agency', () => {
  it('the police themselves see it (the markers are real)', async () => {
    const audit = await server.api(cookies.police!, 'GET', `/api/chronologies/${chronologyId}/audit?limit=1000`);
    // The police practitioner is not a reviewer; their agency's DSL would be. The entry itself proves it:
    expect(audit.status).toBe(403);
    const entry = await server.api(cookies.police2!, 'GET', `/api/chronologies/${chronologyId}/entries/${restrictedId}/history`);
    expect(JSON.stringify(entry.body)).toContain(MARK);
  });

  it('makes no alert for anyone outside the police, though the lead and the DSL follow its category', async () => {
    for (const who of ['lead', 'dsl'] as const) {
      const notes = (await server.api(cookies[who]!, 'GET', '/api/notifications')).body.notifications as Array<{ kind: string; chronologyId: string | null }>;
      expect(notes.filter((n) => n.kind === 'alert-entry' && n.chronologyId === chronologyId)).toEqual([]);
    }
  });

  it('no GET route answers any outside caller with the markers or the id', async () => {
    const paths = await getPaths();
    expect(paths.length).toBeGreaterThan(20);
    const found: string[] = [];
    for (const caller of OUTSIDERS) {
      for (const path of paths) {
        const res = await fetch(server.origin + path, { headers: { origin: server.origin, ...(cookies[caller] ? { cookie: cookies[caller]! } : {}) } });
        const text = await bodyText(res);
        for (const secret of leaks(text)) found.push(`${caller} GET ${path} (${res.status}) contains ${secret === restrictedId ? 'the restricted id' : secret}`);
      }
    }
    expect(found).toEqual([]);
  });

  it('nor do the pack preview and the CSV pack, in either version', async () => {
    const found: string[] = [];
    for (const caller of ['lead', 'dsl', 'hv'] as const) {
      for (const version of ['professional', 'family'] as const) {
        const preview = await server.api(cookies[caller]!, 'POST', `/api/chronologies/${chronologyId}/packs/preview`, { kind: version, conferenceDate: '2024-07-01' });
        const csv = await fetch(`${server.origin}/api/chronologies/${chronologyId}/packs`, {
          method: 'POST',
          headers: { origin: server.origin, cookie: cookies[caller]!, 'content-type': 'application/json' },
          body: JSON.stringify({ format: 'csv', kind: version, conferenceDate: '2024-07-01' }),
        });
        for (const secret of leaks(JSON.stringify(preview.body) + (await csv.text()))) found.push(`${caller} ${version} pack contains ${secret}`);
      }
    }
    expect(found).toEqual([]);
  });

  it('the audit trail tells the lead and another agency’s DSL who did what, when, to "a restricted entry of Thames Valley Police"', async () => {
    for (const caller of ['lead', 'dsl'] as const) {
      const res = await server.api(cookies[caller]!, 'GET', `/api/chronologies/${chronologyId}/audit?limit=1000`);
      expect(res.status).toBe(200);
      const records = res.body.records as Array<{ action: string; actorAgency: string; entryId: string | null; details: Record<string, unknown> }>;
      const aboutIt = records.filter((r) => r.action === 'entry.amend' || r.action === 'entry.withdraw' || r.action === 'entry.create');
      const restricted = aboutIt.filter((r) => (r.details.restricted as { agency?: string } | undefined)?.agency === 'thames-valley-police');
      // (The demo data has restricted police entries of its own: at least these three.)
      expect(restricted.map((r) => r.action)).toEqual(expect.arrayContaining(['entry.amend', 'entry.create', 'entry.withdraw']));
      for (const r of restricted) {
        expect(r.entryId).toBeNull();
        expect(r.details).toEqual({ restricted: { agency: 'thames-valley-police', description: 'a restricted entry of Thames Valley Police' } });
      }
      // The agency-only flag: who and when, "an agency-only flag of Thames Valley Police", nothing else.
      // (The demo's own police flag on Liam is shared with professionals: its record is whole, and left aside here.)
      const flagged = records.filter((r) => (r.action === 'person:flag' || r.action === 'person:withdraw-flag') && r.details.flagSharing !== 'professionals');
      expect(flagged.map((r) => r.action).sort()).toEqual(['person:flag', 'person:withdraw-flag']);
      for (const r of flagged) expect(r.details).toEqual({ restricted: { agency: 'thames-valley-police', description: 'an agency-only flag of Thames Valley Police' } });
      // The police's search is there as a read, without its text or its count.
      const search = records.find((r) => r.action === 'entry:read' && r.actorAgency === 'thames-valley-police' && r.entryId === null);
      expect(search?.details).toEqual({});
      // A shared entry's amendment history stays whole for every reader.
      expect(records.some((r) => r.action === 'entry.create' && r.entryId === sharedId && r.details.via === 'rest')).toBe(true);
    }
  });
});
