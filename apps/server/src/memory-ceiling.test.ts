/**
 * Under memory pressure the server refuses NEW rooms before it falls over (issue 17 item 6), over the real
 * server with stock y-websocket clients: with the ceiling (MAC_MAX_RSS_MB) below what the process uses, a
 * document that is not loaded is refused (websocket close 4503 with the reason; REST 503 `server_busy` with
 * Retry-After, nothing written), while a document already open goes on being read and written live; once
 * memory is back under the ceiling the refused document opens again.
 */
import { afterAll, beforeAll, describe, expect, it, vi } from 'vitest';
import { CLOSE } from '@mac/sync';
import { loadConfig } from './config.js';
import { defaultMaxRssMb, memoryRefusal } from './services/memory-ceiling.js';
import { connect, type Client } from './sync-testing.js';
import { DEMO, startTestServer, type TestServer } from './testing.js';

let server: TestServer;
let lead: string;
let open: string;
let notOpen: string;
const clients: Client[] = [];

async function newChronology(givenName: string): Promise<string> {
  const res = await server.api(lead, 'POST', '/api/chronologies', { child: { givenName, familyName: 'Ceiling', dateOfBirth: '2017-06-01' }, memberAgencies: ['thames-valley-police'] });
  expect(res.status, JSON.stringify(res.body)).toBe(201);
  return res.body.id;
}

const write = (chronologyId: string, summary: string) => server.api(lead, 'POST', `/api/chronologies/${chronologyId}/entries`, { date: '2025-02-03', category: 'other', summary });
const summaries = async (chronologyId: string) => ((await server.api(lead, 'GET', `/api/chronologies/${chronologyId}/entries`)).body.entries as Array<{ summary: string }>).map((e) => e.summary);

beforeAll(async () => {
  // Rooms nobody holds unload quickly, so that the second chronology is not loaded when the ceiling drops.
  server = await startTestServer({ roomIdleMs: 200 });
  lead = await server.login(DEMO.lead);
  open = await newChronology('Open');
  notOpen = await newChronology('Closed');
}, 60_000);
afterAll(async () => {
  for (const c of clients) c.destroy();
  await server?.stop();
});

describe('the memory ceiling', () => {
  it('refuses to open a new document (4503, REST 503) while documents already open go on, and opens it again once memory allows', async () => {
    const live = connect(server.origin, lead, open);
    clients.push(live);
    await vi.waitFor(() => expect(live.provider.synced).toBe(true), { timeout: 30_000 });
    // Only the open chronology's room is left loaded.
    await vi.waitFor(() => expect(server.deps.rooms.stats()).toEqual({ rooms: 1, connections: 1 }), { timeout: 30_000 });

    // A ceiling far below what any Node process uses: the server is "under memory pressure".
    server.deps.config.maxRssMb = 64;

    const refused = connect(server.origin, lead, notOpen);
    clients.push(refused);
    await vi.waitFor(() => expect(refused.closes[0]).toBeDefined(), { timeout: 30_000 });
    expect(refused.closes[0]!.code).toBe(CLOSE.SERVER_BUSY);
    expect(refused.closes[0]!.reason).toMatch(/short of memory/);
    expect(refused.provider.synced).toBe(false);
    refused.provider.disconnect();

    const rest = await write(notOpen, 'Refused under pressure');
    expect(rest.status).toBe(503);
    expect(rest.headers.get('retry-after')).toBe('10');
    expect(rest.body.error).toMatchObject({ code: 'server_busy', retryAfterSeconds: 10 });
    expect(rest.body.error.message).toMatch(/short of memory .* ceiling 64 MB/);
    // Nothing was written; reads of it (the projection, no room) go on.
    expect(await summaries(notOpen)).toEqual([]);

    // The open document is still written to, over REST and live to its client.
    const accepted = await write(open, 'Written while under pressure');
    expect(accepted.status, JSON.stringify(accepted.body)).toBe(201);
    await vi.waitFor(() => expect([...live.doc.getMap('entries').keys()]).toContain(accepted.body.entry.id), { timeout: 30_000 });
    expect(live.closes).toEqual([]);

    // Memory back under the ceiling: the refused document opens.
    server.deps.config.maxRssMb = null;
    expect((await write(notOpen, 'After the pressure')).status).toBe(201);
    const again = connect(server.origin, lead, notOpen);
    clients.push(again);
    await vi.waitFor(() => expect(again.provider.synced).toBe(true), { timeout: 30_000 });
    expect(again.doc.getMap('entries').size).toBe(1);
  }, 90_000);

  it('reads MAC_MAX_RSS_MB: unset is 85 % of the heap limit, 0 is none, below 64 MB is refused at start-up', () => {
    const base = { MAC_DATA_DIR: '/tmp/x' } as NodeJS.ProcessEnv;
    expect(loadConfig(base).maxRssMb).toBe(defaultMaxRssMb());
    expect(defaultMaxRssMb()).toBeGreaterThan(256);
    expect(loadConfig({ ...base, MAC_MAX_RSS_MB: '0' }).maxRssMb).toBeNull();
    expect(loadConfig({ ...base, MAC_MAX_RSS_MB: '1500' }).maxRssMb).toBe(1500);
    expect(() => loadConfig({ ...base, MAC_MAX_RSS_MB: '10' })).toThrow(/MAC_MAX_RSS_MB must be 0 \(no ceiling\) or at least 64 MB/);
    expect(() => loadConfig({ ...base, MAC_MAX_RSS_MB: 'lots' })).toThrow(/MAC_MAX_RSS_MB must be a whole number/);
    expect(memoryRefusal(100, () => 99 * 1_048_576)).toBeNull();
    expect(memoryRefusal(100, () => 100 * 1_048_576)).toMatch(/100 MB in use, ceiling 100 MB/);
    expect(memoryRefusal(null, () => Number.MAX_SAFE_INTEGER)).toBeNull();
  });
});
