// Issue 11, finding 10: required texts must hold visible characters, and single-line fields refuse
// text-direction controls, the same on every path (REST, websocket, CSV import: the domain's schema),
// and for the reasons and notes the server checks itself.
import { afterAll, beforeAll, describe, expect, it, vi } from 'vitest';
import { entryText, sharedDocName } from '@mac/sync';
import { connect, type Client } from './sync-testing.js';
import { DEMO, TEST_PASSWORD, startTestServer, type TestServer } from './testing.js';

let server: TestServer;
let lead: string, police: string, outsider: string;
let chronologyId: string;
const clients: Client[] = [];

const ZERO_WIDTH = '\u200B\u200C\u200D\u2060\uFEFF';
const RLO_SUMMARY = 'Invoice \u202Etxt.exe\u202C paid';

beforeAll(async () => {
  server = await startTestServer();
  lead = await server.login(DEMO.lead);
  police = await server.login(DEMO.police);
  outsider = await server.login(DEMO.outsider);
  chronologyId = (await server.api(lead, 'POST', '/api/chronologies', { child: { givenName: 'Text', familyName: 'Rules' }, memberAgencies: ['thames-valley-police'] })).body.id;
});
afterAll(async () => {
  for (const c of clients) c.destroy();
  await server?.stop();
});

const entries = () => `/api/chronologies/${chronologyId}/entries`;

describe('[F10] required texts need visible characters', () => {
  it('refuses a summary of zero-width characters over REST, naming the field', async () => {
    const res = await server.api(police, 'POST', entries(), { date: '2024-01-01', category: 'other', summary: ZERO_WIDTH });
    expect(res.status).toBe(422);
    expect(res.body.error.fields).toEqual([{ field: 'summary', message: 'summary must contain visible characters (spaces and invisible characters do not count)' }]);
  });

  it('refuses an invisible withdrawal reason and an invisible emergency-access reason', async () => {
    const created = await server.api(police, 'POST', entries(), { date: '2024-01-01', category: 'other', summary: 'To withdraw' });
    expect(created.status).toBe(201);
    const withdrawn = await server.api(police, 'POST', `${entries()}/${created.body.entry.id}/withdraw`, { reason: ZERO_WIDTH });
    expect(withdrawn.status).toBe(422);
    expect(withdrawn.body.error.fields[0].field).toBe('reason');
    const glass = await server.api(outsider, 'POST', `/api/chronologies/${chronologyId}/break-glass`, { reason: `${ZERO_WIDTH.repeat(4)}help`, password: TEST_PASSWORD });
    expect(glass.status).toBe(422);
    expect(glass.body.error.fields[0].field).toBe('reason');
  });
});

describe('[F10] text-direction controls in single-line fields', () => {
  it('are refused over REST (422 naming the field) and in a CSV import', async () => {
    const res = await server.api(police, 'POST', entries(), { date: '2024-01-01', category: 'other', summary: RLO_SUMMARY });
    expect(res.status).toBe(422);
    expect(res.body.error.fields).toEqual([{ field: 'summary', message: 'summary must not contain text-direction control characters (U+202A to U+202E, U+2066 to U+2069)' }]);
    const csv = `date,agency,category,summary,source_ref\r\n2024-01-01,thames-valley-police,other,Plain,REF\u2067 1\r\n`;
    const imported = await server.api(police, 'POST', `/api/chronologies/${chronologyId}/import`, csv, { 'content-type': 'text/csv' });
    expect(imported.status).toBe(422);
    expect(imported.body.error.rows).toEqual([{ row: 1, line: 2, column: 'source_ref', message: 'source_ref must not contain text-direction control characters (U+202A to U+202E, U+2066 to U+2069)' }]);
  });

  it('are refused over the websocket: the writer is closed and nothing is stored', async () => {
    const me = (await server.api(police, 'GET', '/api/me')).body;
    const c = connect(server.origin, police, sharedDocName(chronologyId));
    clients.push(c);
    await vi.waitFor(() => expect(c.provider.synced).toBe(true), { timeout: 5000 });
    const id = crypto.randomUUID();
    const entry = { id, date: '2024-02-01', time: '', agency: 'thames-valley-police', category: 'other', summary: RLO_SUMMARY, detail: '', impactOnChild: '', actionTaken: '', sourceRef: '', recordedBy: '', restricted: false, authorId: me.id, recordedAt: new Date().toISOString(), status: 'active', withdrawnReason: '', sharing: 'undecided', sharingReason: '' };
    c.doc.getMap('entries').set(id, entryText(entry));
    await vi.waitFor(() => expect(c.closes.some((x) => x.code >= 4400 && x.code < 4500)).toBe(true), { timeout: 5000 });
    expect((await server.api(police, 'GET', `${entries()}/${id}`)).status).toBe(404);
  });
});
