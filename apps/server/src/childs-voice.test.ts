// The child's voice (issue 15) over every write path of a real server: REST stores and returns
// childsVoice and seenAlone, refuses a seenAlone outside its list (and over-long words) with 422 naming
// the field and nothing written; a websocket client writing such a value is closed and nothing reaches
// the store or the other clients; an entry written without the fields (an older client) is valid and
// reads as empty; the CSV import refuses a bad seen_alone naming the column and writes nothing.
import { afterAll, beforeAll, describe, expect, it, vi } from 'vitest';
import { entryText, sharedDocName } from '@mac/sync';
import { DEMO, startTestServer, type TestServer } from './testing.js';
import { connect, setStoredFields, type Client } from './sync-testing.js';

let server: TestServer;
let lead: string, police: string, hv: string;
let id: string;
let policeMe: { id: string; agency: string };
const clients: Client[] = [];

const list = async (cookie: string) => (await server.api(cookie, 'GET', `/api/chronologies/${id}/entries`)).body.entries as Array<Record<string, unknown>>;
const post = (cookie: string, body: Record<string, unknown>) => server.api(cookie, 'POST', `/api/chronologies/${id}/entries`, { date: '2024-02-01', category: 'other', summary: 'Voice', ...body });
const fieldsOf = (res: { body: { error: { fields: { field: string }[] } } }) => res.body.error.fields.map((f) => f.field);

function client(cookie: string) {
  const c = connect(server.origin, cookie, sharedDocName(id));
  clients.push(c);
  return c;
}
const synced = (c: Client) => vi.waitFor(() => expect(c.provider.synced).toBe(true), { timeout: 5000 });

/** An entry as a websocket client writes it: every field a string or boolean, voice fields as given. */
function entryMap(summary: string, voice: Record<string, string | boolean>): { id: string; map: string } {
  const fields: Record<string, string | boolean> = {
    id: crypto.randomUUID(),
    date: '2024-05-06',
    time: '',
    agency: policeMe.agency,
    category: 'police-attendance',
    summary,
    detail: '',
    impactOnChild: '',
    actionTaken: '',
    sourceRef: '',
    recordedBy: '',
    restricted: false,
    authorId: policeMe.id,
    recordedAt: new Date().toISOString(),
    status: 'active',
    withdrawnReason: '',
    sharing: 'family',
    sharingReason: '',
    ...voice,
  };
  return { id: fields.id as string, map: entryText(fields) };
}

beforeAll(async () => {
  server = await startTestServer();
  lead = await server.login(DEMO.lead);
  police = await server.login(DEMO.police);
  hv = await server.login(DEMO.hv);
  id = (await server.api(lead, 'POST', '/api/chronologies', { child: { givenName: 'Vee', familyName: 'Case', dateOfBirth: '2015-05-01' }, memberAgencies: ['thames-valley-police', 'oxford-health-hv'] })).body.id;
  const me = (await server.api(police, 'GET', '/api/me')).body;
  policeMe = { id: me.id, agency: me.agency.slug };
});
afterAll(async () => {
  for (const c of clients) c.destroy();
  await server?.stop();
});

describe("the child's voice over REST", () => {
  it('stores and returns the words and the answer; an entry that says nothing has both empty', async () => {
    const created = await post(police, { summary: 'Spoke with Vee', childsVoice: '  "I want to live with nan"  ', seenAlone: 'yes' });
    expect(created.status).toBe(201);
    expect(created.body.entry).toMatchObject({ childsVoice: '"I want to live with nan"', seenAlone: 'yes' });
    const silent = await post(police, { summary: 'Nothing said' });
    expect(silent.body.entry).toMatchObject({ childsVoice: '', seenAlone: '' });
    const stored = await list(hv);
    expect(stored.find((e) => e.id === created.body.entry.id)).toMatchObject({ childsVoice: '"I want to live with nan"', seenAlone: 'yes' });
    expect(stored.find((e) => e.id === silent.body.entry.id)).toMatchObject({ childsVoice: '', seenAlone: '' });
  });

  it('refuses a seenAlone outside the list, and over-long words, with 422 naming the field, writing nothing', async () => {
    const before = (await list(police)).length;
    for (const [body, field] of [
      [{ seenAlone: 'sometimes' }, 'seenAlone'],
      [{ seenAlone: 'YES' }, 'seenAlone'],
      [{ seenAlone: true }, 'seenAlone'],
      [{ childsVoice: 'x'.repeat(10_001) }, 'childsVoice'],
    ] as const) {
      const res = await post(police, body);
      expect(res.status, JSON.stringify(body).slice(0, 60)).toBe(422);
      expect(res.body.error.code).toBe('invalid');
      expect(fieldsOf(res)).toEqual([field]);
    }
    expect((await list(police)).length).toBe(before);
  });

  it('amends and clears them; a bad value in an amendment is refused by name and the entry is unchanged', async () => {
    const created = await post(police, { summary: 'To amend', childsVoice: 'First words', seenAlone: 'no' });
    const url = `/api/chronologies/${id}/entries/${created.body.entry.id}`;
    const bad = await server.api(police, 'PATCH', url, { seenAlone: 'perhaps' });
    expect(bad.status).toBe(422);
    expect(fieldsOf(bad)).toEqual(['seenAlone']);
    expect((await server.api(police, 'GET', url)).body.entry).toMatchObject({ childsVoice: 'First words', seenAlone: 'no' });
    const cleared = await server.api(police, 'PATCH', url, { childsVoice: '', seenAlone: '' });
    expect(cleared.status).toBe(200);
    expect((await server.api(police, 'GET', url)).body.entry).toMatchObject({ childsVoice: '', seenAlone: '' });
    const history = (await server.api(police, 'GET', `${url}/history`)).body.history;
    expect(history.at(-1).changes).toEqual({ childsVoice: { from: 'First words', to: '' }, seenAlone: { from: 'no', to: '' } });
  });
});

describe("the child's voice over the websocket", () => {
  it('accepts an entry of an older client without the fields, read as empty', async () => {
    const a = client(police);
    await synced(a);
    const older = entryMap('Written by an older client', {});
    a.doc.getMap('entries').set(older.id, older.map);
    await vi.waitFor(async () => expect((await list(hv)).find((e) => e.id === older.id)).toMatchObject({ childsVoice: '', seenAlone: '' }), { timeout: 5000 });
    expect(a.closes).toEqual([]);
    const voiced = entryMap('Written with the fields', { childsVoice: 'Smiled when asked about school', seenAlone: 'not-applicable' });
    a.doc.getMap('entries').set(voiced.id, voiced.map);
    await vi.waitFor(async () => expect((await list(hv)).find((e) => e.id === voiced.id)).toMatchObject({ childsVoice: 'Smiled when asked about school', seenAlone: 'not-applicable' }), { timeout: 5000 });
  });

  it('refuses a new entry with a seenAlone outside the list: the writer is closed, nothing is stored or seen by others', async () => {
    const a = client(police);
    const b = client(hv);
    await Promise.all([synced(a), synced(b)]);
    const bad = entryMap('Bad seen alone over the websocket', { seenAlone: 'maybe' });
    a.doc.getMap('entries').set(bad.id, bad.map);
    await vi.waitFor(() => expect(a.closes.some((c) => c.code === 4409)).toBe(true), { timeout: 5000 });
    a.provider.disconnect();
    expect((await list(hv)).some((e) => e.id === bad.id)).toBe(false);
    expect(b.doc.getMap('entries').has(bad.id)).toBe(false);
    const audit = await server.api(lead, 'GET', `/api/chronologies/${id}/audit?action=sync.update`);
    expect(audit.body.records[0]).toMatchObject({ outcome: 'refused', actorAgency: 'thames-valley-police' });
    expect(JSON.stringify(audit.body.records[0])).toContain('seenAlone');
  });

  it('refuses an amendment that sets seenAlone to a value outside the list, leaving the stored entry as it was', async () => {
    const created = await post(police, { summary: 'Amended over the websocket', seenAlone: 'yes' });
    const entryId = created.body.entry.id as string;
    const a = client(police);
    await synced(a);
    await vi.waitFor(() => expect(a.doc.getMap('entries').has(entryId)).toBe(true), { timeout: 5000 });
    setStoredFields(a.doc, entryId, { seenAlone: 'unsure' });
    await vi.waitFor(() => expect(a.closes.some((c) => c.code === 4409)).toBe(true), { timeout: 5000 });
    a.provider.disconnect();
    expect((await server.api(hv, 'GET', `/api/chronologies/${id}/entries/${entryId}`)).body.entry.seenAlone).toBe('yes');
  });
});

describe("the child's voice in a CSV import", () => {
  it('imports the columns, and refuses a bad seen_alone naming the column, importing nothing of the file', async () => {
    const importCsv = (csv: string) =>
      fetch(`${server.origin}/api/chronologies/${id}/import?fileName=voice.csv`, { method: 'POST', headers: { cookie: hv, origin: server.origin, 'content-type': 'text/csv' }, body: csv });
    const before = (await list(hv)).length;
    const bad = await importCsv('date,agency,category,summary,childs_voice,seen_alone\r\n2024-03-01,oxford-health-hv,other,Fine row,Said hello,yes\r\n2024-03-02,oxford-health-hv,other,Bad row,,often\r\n');
    expect(bad.status).toBe(422);
    const body = (await bad.json()) as { error: { rows: { row: number; column: string; message: string }[] } };
    expect(body.error.rows).toEqual([expect.objectContaining({ row: 2, column: 'seen_alone', message: 'seen_alone must be "yes", "no", "not-applicable" or empty' })]);
    expect((await list(hv)).length).toBe(before);
    const good = await importCsv('date,agency,category,summary,childs_voice,seen_alone\r\n2024-03-01,oxford-health-hv,other,Imported with voice,"""Hello"", she said",Not applicable\r\n');
    expect(good.status).toBe(200);
    expect((await list(hv)).find((e) => e.summary === 'Imported with voice')).toMatchObject({ childsVoice: '"Hello", she said', seenAlone: 'not-applicable' });
  });
});
