/**
 * Household events (issue 14, item 2) over the real server: one event recorded once becomes a copy on each
 * linked child's chronology where the author's agency is a member, all copies in one unit of work, live on
 * the open timelines; the others are skipped and their lead told that an event exists and who holds it,
 * never what it says. Changing any copy changes every copy (REST or websocket), except where the author's
 * agency is no longer a member. Nobody can forge or change the event's id, and an agency that is a member
 * of one sibling's chronology and not another's learns nothing of the second.
 */
import { afterAll, beforeAll, describe, expect, it, vi } from 'vitest';
import * as Y from 'yjs';
import { restrictedDocName, sharedDocName, readEntries, readStoredFields, entryText, writeNewEntry, getEntriesMap, amendEntry, withdrawEntry } from '@mac/sync';
import { buildEntry } from '@mac/domain/testing';
import { connect, type Client } from './sync-testing.js';
import { DEMO, startTestServer, type TestServer } from './testing.js';

let server: TestServer;
const cookies: Record<string, string> = {};
// Amy: CSC (lead), police, health visiting, school. Bea: CSC, police, school. Cal: CSC and the school only
// (the police are not members: Cal's copy is skipped). All three led by Priya, in one household.
let amy: string;
let bea: string;
let cal: string;
let householdId: string;
const MARK = `HH-EVENT-${crypto.randomUUID().slice(0, 8)}`;
const WAIT = { timeout: 5000, interval: 20 };
const clients: Client[] = [];

async function newChronology(givenName: string, memberAgencies: string[]): Promise<string> {
  const res = await server.api(cookies.lead!, 'POST', '/api/chronologies', { child: { givenName, familyName: 'Events', dateOfBirth: '2018-02-01' }, memberAgencies });
  expect(res.status, JSON.stringify(res.body)).toBe(201);
  return res.body.id;
}

type Row = { id: string; summary: string; householdEventId?: string; status: string; restricted: boolean };
const entriesOf = async (who: string, id: string): Promise<Row[]> => {
  const res = await server.api(cookies[who]!, 'GET', `/api/chronologies/${id}/entries?includeWithdrawn=1`);
  expect(res.status).toBe(200);
  return res.body.entries;
};
const event = (summary: string, extra: Record<string, unknown> = {}) => ({ date: '2026-11-20', time: '23:40', category: 'domestic-abuse-incident', summary, detail: `${MARK} detail`, ...extra });
const record = (who: string | null, body: unknown, id = householdId) => server.api(who === null ? null : cookies[who]!, 'POST', `/api/households/${id}/events`, body);

function open(who: string, docName: string): Client {
  const c = connect(server.origin, cookies[who]!, docName);
  clients.push(c);
  return c;
}

beforeAll(async () => {
  server = await startTestServer();
  for (const who of ['lead', 'police', 'dsl', 'hv', 'outsider', 'admin'] as const) cookies[who] = await server.login(DEMO[who]);
  amy = await newChronology('Amy', ['thames-valley-police', 'oxford-health-hv', 'northway-primary']);
  bea = await newChronology('Bea', ['thames-valley-police', 'northway-primary']);
  cal = await newChronology('Cal', ['northway-primary']);
  const made = await server.api(cookies.lead!, 'POST', '/api/households', { chronologyIds: [amy, bea, cal], name: 'The Events family' });
  expect(made.status).toBe(201);
  householdId = made.body.id;
}, 60_000);
afterAll(async () => {
  for (const c of clients) c.destroy();
  await server?.stop();
});

describe('recording a household event once', () => {
  let recorded: { householdEventId: string; entries: Array<{ chronologyId: string; entryId: string }>; skipped: Array<{ chronologyId: string; reason: string }> };

  it('invalid entry fields or children outside the household: 422 naming every field, nothing written anywhere', async () => {
    const cases: Array<[unknown, string[]]> = [
      [{ date: 'early 2021', category: 'no-such', summary: '' }, ['date', 'category', 'summary']],
      [{ ...event('ok'), chronologyIds: [amy, 'not-in-this-household'] }, ['chronologyIds']],
      [{ ...event('ok'), chronologyIds: [] }, ['chronologyIds']],
      [{ ...event('ok'), chronologyIds: 'all' }, ['chronologyIds']],
      [{ ...event('ok'), householdEventId: crypto.randomUUID() }, ['householdEventId']],
      [{ ...event('ok'), chronologyIds: [cal] }, ['chronologyIds']], // the police are not Cal's members: it would be recorded nowhere
    ];
    for (const [body, fields] of cases) {
      const res = await record('police', body);
      expect(res.status, JSON.stringify(body)).toBe(422);
      expect(res.body.error.fields.map((f: { field: string }) => f.field), JSON.stringify(res.body)).toEqual(fields);
    }
    for (const id of [amy, bea]) expect(await entriesOf('police', id)).toEqual([]);
    expect((await server.api(cookies.lead!, 'GET', '/api/notifications')).body.notifications ?? []).not.toContainEqual(expect.objectContaining({ kind: 'household-event-elsewhere' }));
  });

  it('a household the caller may not know of is 404 (as a missing one); admin 404; anonymous 401', async () => {
    const missing = await record('police', event('x'), '00000000-0000-4000-8000-000000000000');
    expect(missing.status).toBe(404);
    const outsider = await record('outsider', event('x'));
    expect(outsider.status).toBe(404);
    expect(outsider.body).toEqual(missing.body);
    expect((await record('admin', event('x'))).status).toBe(404);
    expect((await record(null, event('x'))).status).toBe(401);
    expect(await entriesOf('lead', amy)).toEqual([]);
  });

  it('201: a copy on each child the police are members of, written at once and seen live on the open timelines; Cal skipped', async () => {
    const amyLive = open('police', sharedDocName(amy));
    const beaLive = open('dsl', sharedDocName(bea));
    await vi.waitFor(() => expect(amyLive.provider.synced && beaLive.provider.synced).toBe(true), WAIT);
    const res = await record('police', event(`Police called to the home ${MARK}`));
    expect(res.status, JSON.stringify(res.body)).toBe(201);
    recorded = res.body;
    expect(recorded.householdEventId).toMatch(/^[0-9a-f-]{36}$/);
    expect(recorded.entries.map((e) => e.chronologyId)).toEqual([amy, bea]);
    expect(recorded.skipped).toEqual([{ chronologyId: cal, reason: expect.stringMatching(/not a member/) }]);
    for (const [client, { entryId }] of [[amyLive, recorded.entries[0]!], [beaLive, recorded.entries[1]!]] as const) {
      await vi.waitFor(() => expect(readEntries(client.doc).find((e) => e.id === entryId)?.householdEventId).toBe(recorded.householdEventId), WAIT);
    }
    for (const { chronologyId, entryId } of recorded.entries) {
      const [copy] = await entriesOf('police', chronologyId);
      expect(copy).toMatchObject({ id: entryId, householdEventId: recorded.householdEventId, summary: `Police called to the home ${MARK}`, agency: 'thames-valley-police' });
    }
    expect(await entriesOf('lead', cal)).toEqual([]);
  });

  it('Cal’s lead is told an event exists and who holds it, never its content; Cal’s trail says the same', async () => {
    const notes = (await server.api(cookies.lead!, 'GET', '/api/notifications')).body.notifications as Array<{ kind: string; chronologyId: string; message: string }>;
    const note = notes.find((n) => n.kind === 'household-event-elsewhere');
    expect(note).toMatchObject({ chronologyId: cal });
    expect(note!.message).toContain('Thames Valley Police');
    expect(note!.message).not.toContain(MARK);
    expect(note!.message).not.toMatch(/domestic|Police called/i);
    const calAudit = (await server.api(cookies.lead!, 'GET', `/api/chronologies/${cal}/audit?limit=1000`)).body.records as Array<{ action: string; details: Record<string, unknown> }>;
    expect(calAudit.find((r) => r.action === 'household-event:skipped')!.details).toMatchObject({ householdId, heldBy: 'thames-valley-police' });
    expect(JSON.stringify(calAudit)).not.toContain(MARK);
  });

  it('each copy’s details link to the siblings’ copies the reader may open, and only those', async () => {
    const [amyCopy, beaCopy] = recorded.entries;
    const asPolice = await server.api(cookies.police!, 'GET', `/api/chronologies/${amy}/entries/${amyCopy!.entryId}/household-copies`);
    expect(asPolice.status).toBe(200);
    expect(asPolice.body).toEqual({ householdEventId: recorded.householdEventId, copies: [{ chronologyId: bea, entryId: beaCopy!.entryId, givenName: 'Bea', familyName: 'Events' }] });
    // The health visitor reads Amy's copy but is no member of Bea's chronology: Bea's copy is not mentioned.
    const asHv = await server.api(cookies.hv!, 'GET', `/api/chronologies/${amy}/entries/${amyCopy!.entryId}/household-copies`);
    expect(asHv.body).toEqual({ householdEventId: recorded.householdEventId, copies: [] });
    expect(JSON.stringify(asHv.body)).not.toContain(bea);
    // Nor can the health visitor reach Bea's copy by its ids.
    expect((await server.api(cookies.hv!, 'GET', `/api/chronologies/${bea}/entries/${beaCopy!.entryId}/household-copies`)).status).toBe(404);
    expect((await server.api(cookies.hv!, 'GET', `/api/chronologies/${bea}/entries/${beaCopy!.entryId}`)).status).toBe(404);
    // An entry that is no household event has none.
    const plain = await server.api(cookies.police!, 'POST', `/api/chronologies/${amy}/entries`, { date: '2026-10-01', category: 'other', summary: 'Single-child entry' });
    expect((await server.api(cookies.police!, 'GET', `/api/chronologies/${amy}/entries/${plain.body.entry.id}/household-copies`)).body).toEqual({ householdEventId: null, copies: [] });
  });

  it('nobody sets or changes householdEventId: not over REST (422), not over the websocket (refused, nothing stored)', async () => {
    const forged = await server.api(cookies.police!, 'POST', `/api/chronologies/${amy}/entries`, { ...event('forged'), householdEventId: recorded.householdEventId });
    expect(forged.status).toBe(422);
    const patch = await server.api(cookies.police!, 'PATCH', `/api/chronologies/${amy}/entries/${recorded.entries[0]!.entryId}`, { householdEventId: crypto.randomUUID() });
    expect(patch.status).toBe(422);
    const me = (await server.api(cookies.police!, 'GET', '/api/me')).body as { id: string };
    // A client that creates an entry carrying the id: closed, nothing stored.
    const forger = open('police', sharedDocName(bea));
    await vi.waitFor(() => expect(forger.provider.synced).toBe(true), WAIT);
    writeNewEntry(forger.doc, buildEntry({ id: crypto.randomUUID(), agency: 'thames-valley-police', authorId: me.id, householdEventId: recorded.householdEventId, summary: 'forged copy' }));
    await vi.waitFor(() => expect(forger.closes.length).toBeGreaterThan(0), WAIT);
    expect(forger.closes[0]!.code).toBeGreaterThanOrEqual(4400);
    forger.destroy();
    // A client that changes a copy's id: closed, unchanged.
    const changer = open('police', sharedDocName(bea));
    await vi.waitFor(() => expect(getEntriesMap(changer.doc).has(recorded.entries[1]!.entryId)).toBe(true), WAIT);
    const copyId = recorded.entries[1]!.entryId;
    getEntriesMap(changer.doc).set(copyId, entryText({ ...readStoredFields(changer.doc, copyId), householdEventId: crypto.randomUUID() }));
    await vi.waitFor(() => expect(changer.closes.length).toBeGreaterThan(0), WAIT);
    changer.destroy();
    const bEntries = await entriesOf('police', bea);
    expect(bEntries.map((e) => e.summary)).not.toContain('forged copy');
    expect(bEntries.find((e) => e.id === recorded.entries[1]!.entryId)!.householdEventId).toBe(recorded.householdEventId);
  });
});

describe('changing one copy changes every copy', () => {
  let eventId: string;
  let amyEntry: string;
  let beaEntry: string;
  beforeAll(async () => {
    const res = await record('police', event('Eviction notice served on the family'));
    expect(res.status).toBe(201);
    eventId = res.body.householdEventId;
    amyEntry = res.body.entries[0].entryId;
    beaEntry = res.body.entries[1].entryId;
  });

  it('an amendment over REST reaches the other copy (live too), as the same writer, audited per copy', async () => {
    const beaLive = open('police', sharedDocName(bea));
    await vi.waitFor(() => expect(beaLive.provider.synced).toBe(true), WAIT);
    const res = await server.api(cookies.police!, 'PATCH', `/api/chronologies/${amy}/entries/${amyEntry}`, { summary: 'Eviction notice served: family to leave by 1 December' });
    expect(res.status).toBe(200);
    await vi.waitFor(() => expect(readEntries(beaLive.doc).find((e) => e.id === beaEntry)?.summary).toBe('Eviction notice served: family to leave by 1 December'), WAIT);
    await vi.waitFor(async () => {
      const audit = (await server.api(cookies.lead!, 'GET', `/api/chronologies/${bea}/audit?limit=1000`)).body.records as Array<{ action: string; entryId: string; actorAgency: string; details: Record<string, unknown> }>;
      const amended = audit.find((r) => r.action === 'entry.amend' && r.entryId === beaEntry);
      expect(amended).toMatchObject({ actorAgency: 'thames-valley-police', details: { householdEventId: eventId, propagated: true, via: 'rest' } });
    }, WAIT);
  });

  it('a withdrawal over the websocket on one copy withdraws the other', async () => {
    const beaLive = open('police', sharedDocName(bea));
    await vi.waitFor(() => expect(getEntriesMap(beaLive.doc).has(beaEntry)).toBe(true), WAIT);
    withdrawEntry(beaLive.doc, beaEntry, 'Recorded on the wrong family');
    await vi.waitFor(async () => {
      const copy = (await entriesOf('police', amy)).find((e) => e.id === amyEntry)!;
      expect(copy).toMatchObject({ status: 'withdrawn', withdrawnReason: 'Recorded on the wrong family' });
    }, WAIT);
  });

  it('where the police have left a child’s chronology, that copy stays as it is and the refusal is on its trail', async () => {
    const res = await record('police', event('Arrest of mother’s partner at the home'));
    const [a, b] = res.body.entries as Array<{ entryId: string }>;
    expect((await server.api(cookies.lead!, 'DELETE', `/api/chronologies/${bea}/members/thames-valley-police`)).status).toBe(200);
    expect((await server.api(cookies.police!, 'PATCH', `/api/chronologies/${amy}/entries/${a!.entryId}`, { summary: 'Arrest at the home: bail conditions set' })).status).toBe(200);
    await vi.waitFor(async () => {
      const audit = (await server.api(cookies.lead!, 'GET', `/api/chronologies/${bea}/audit?limit=1000`)).body.records as Array<{ action: string; outcome: string; entryId: string }>;
      expect(audit.some((r) => r.action === 'household-event:carry' && r.outcome === 'refused' && r.entryId === b!.entryId)).toBe(true);
    }, WAIT);
    expect((await entriesOf('lead', bea)).find((e) => e.id === b!.entryId)!.summary).toBe('Arrest of mother’s partner at the home');
    expect((await server.api(cookies.lead!, 'POST', `/api/chronologies/${bea}/members`, { agency: 'thames-valley-police' })).status).toBe(200);
  });
});

describe('restricted household events and the leak boundary', () => {
  it('a restricted event lives in the police’s restricted document of each child; other members see nothing of it', async () => {
    const notices = async () => ((await server.api(cookies.lead!, 'GET', '/api/notifications')).body.notifications as Array<{ kind: string }>).filter((n) => n.kind === 'household-event-elsewhere').length;
    const before = await notices();
    const res = await record('police', event(`Intelligence about the household ${MARK}-R`, { restricted: true }));
    expect(res.status).toBe(201);
    // Cal is skipped, and Cal's lead is not told: a restricted entry of another agency does not exist for them.
    expect(res.body.skipped.map((s: { chronologyId: string }) => s.chronologyId)).toEqual([cal]);
    expect(await notices()).toBe(before);
    for (const { chronologyId, entryId } of res.body.entries as Array<{ chronologyId: string; entryId: string }>) {
      expect((await entriesOf('police', chronologyId)).find((e) => e.id === entryId)).toMatchObject({ restricted: true, householdEventId: res.body.householdEventId });
      expect((await entriesOf('dsl', chronologyId)).some((e) => e.id === entryId)).toBe(false);
      expect((await server.api(cookies.dsl!, 'GET', `/api/chronologies/${chronologyId}/entries/${entryId}/household-copies`)).status).toBe(404);
      const shared = open('dsl', sharedDocName(chronologyId));
      await vi.waitFor(() => expect(shared.provider.synced).toBe(true), WAIT);
      expect(JSON.stringify(getEntriesMap(shared.doc).toJSON())).not.toContain(`${MARK}-R`);
      const restricted = open('dsl', restrictedDocName(chronologyId, 'thames-valley-police'));
      await vi.waitFor(() => expect(restricted.closes.length).toBeGreaterThan(0), WAIT);
      expect(getEntriesMap(restricted.doc).size).toBe(0);
    }
  });

  it('the health visitor (Amy’s member, not Bea’s) finds nothing of Bea’s copies through any route of Amy’s, or Bea’s documents', async () => {
    const doc = (await server.api(cookies.lead!, 'GET', '/api/openapi.json')).body as { paths: Record<string, Record<string, unknown>> };
    const beaIds = (await entriesOf('lead', bea)).map((e) => e.id);
    expect(beaIds.length).toBeGreaterThan(0);
    const found: string[] = [];
    for (const [path, ops] of Object.entries(doc.paths)) {
      if (!('get' in ops) || !path.includes('{id}') || path.replace('{id}', '').includes('{')) continue;
      const res = await server.api(cookies.hv!, 'GET', path.replace('{id}', amy) + (path.endsWith('/audit') ? '?limit=1000' : ''));
      const text = typeof res.body === 'string' ? res.body : JSON.stringify(res.body);
      if (text.includes(`${MARK}-R`) || beaIds.some((id) => text.includes(id))) found.push(path);
    }
    expect(found).toEqual([]);
    for (const path of [`/api/chronologies/${bea}/entries`, `/api/chronologies/${bea}/audit`]) expect((await server.api(cookies.hv!, 'GET', path)).status).toBe(404);
    const ws = open('hv', sharedDocName(bea));
    await vi.waitFor(() => expect(ws.closes.length).toBeGreaterThan(0), WAIT);
    expect(getEntriesMap(ws.doc).size).toBe(0);
  });

  it('the document model: a copy read back keeps its id; an entry without one reads as no household event', () => {
    const doc = new Y.Doc();
    const copy = buildEntry({ id: crypto.randomUUID(), householdEventId: crypto.randomUUID() });
    const plain = buildEntry({ id: crypto.randomUUID() });
    writeNewEntry(doc, copy);
    writeNewEntry(doc, plain);
    amendEntry(doc, plain.id, { summary: 'still plain' });
    const read = readEntries(doc);
    expect(read.find((e) => e.id === copy.id)!.householdEventId).toBe(copy.householdEventId);
    expect('householdEventId' in read.find((e) => e.id === plain.id)!).toBe(false);
    expect('householdEventId' in readStoredFields(doc, plain.id)!).toBe(false);
  });
});

describe('the demo Turner household', () => {
  it('holds its household events once each: a copy on Leo’s and on Kai’s chronology, sharing one id, marked in both', async () => {
    const list = (await server.api(cookies.lead!, 'GET', '/api/chronologies')).body.chronologies as Array<{ id: string; child: { givenName: string; familyName: string } }>;
    const leo = list.find((c) => c.child.givenName === 'Leo' && c.child.familyName === 'Turner')!.id;
    const kai = list.find((c) => c.child.givenName === 'Kai' && c.child.familyName === 'Turner')!.id;
    const copies = async (id: string) => (await entriesOf('police', id)).filter((e) => e.householdEventId !== undefined);
    const [leoCopies, kaiCopies] = [await copies(leo), await copies(kai)];
    expect(leoCopies.length).toBeGreaterThanOrEqual(4);
    expect(new Set(leoCopies.map((e) => e.householdEventId))).toEqual(new Set(kaiCopies.map((e) => e.householdEventId)));
    expect(leoCopies.map((e) => e.summary).sort()).toEqual(kaiCopies.map((e) => e.summary).sort());
    // Leo's health visitor sees Leo's copies, and no link to Kai's (not a member of Kai's chronology).
    const seen = await server.api(cookies.hv!, 'GET', `/api/chronologies/${leo}/entries/${leoCopies[0]!.id}/household-copies`);
    expect(seen.body.copies).toEqual([]);
    const asPolice = await server.api(cookies.police!, 'GET', `/api/chronologies/${leo}/entries/${leoCopies[0]!.id}/household-copies`);
    expect(asPolice.body.copies.map((c: { chronologyId: string }) => c.chronologyId)).toEqual([kai]);
  });
});
