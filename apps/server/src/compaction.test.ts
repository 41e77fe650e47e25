/**
 * Automatic compaction of the update log (issue 17 item 3; packages/sync compaction.ts) on the whole server,
 * on SQLite and again on PostgreSQL (vitest.pg.config.ts): rooms that unload with a log grown past the
 * policy have it merged into one row, and nothing anyone saw changes: the entries as each user reads them
 * (REST pages and the live document over the websocket), every amended entry's history, the restricted
 * document apart from the shared one, and writes after the compaction load again.
 */
import { afterAll, beforeAll, describe, expect, it, vi } from 'vitest';
import * as Y from 'yjs';
import { readEntries, restrictedDocName, sharedDocName } from '@mac/sync';
import { connect } from './sync-testing.js';
import { DEMO, startTestServer, type TestServer } from './testing.js';

let server: TestServer;
const cookies: Record<string, string> = {};
let chronologyId: string;
const WAIT = { timeout: 30_000, interval: 50 };

beforeAll(async () => {
  // Rooms unload 300 ms after their last connection or write; four rows make a log due.
  server = await startTestServer({ roomIdleMs: 300, compaction: { afterUpdates: 4, afterBytes: Number.MAX_SAFE_INTEGER, quietMs: 60_000 } });
  for (const who of ['police', 'dsl', 'lead', 'hv'] as const) cookies[who] = await server.login(DEMO[who]);
  const list = await server.api(cookies.lead!, 'GET', '/api/chronologies');
  chronologyId = list.body.chronologies.find((c: { memberAgencies: string[] }) => c.memberAgencies.includes('thames-valley-police') && c.memberAgencies.includes('northway-primary')).id;
});

afterAll(async () => {
  await server.stop();
});

const rows = async (docName: string) => (await server.deps.repos.updateLog.load(docName)).length;

/** What each user sees: the REST list, the history of each amended entry, the live documents they may open. */
async function seen(amended: string[]) {
  const out: Record<string, unknown> = {};
  for (const who of ['police', 'dsl', 'lead', 'hv'] as const) {
    const list = await server.api(cookies[who]!, 'GET', `/api/chronologies/${chronologyId}/entries?limit=2000`);
    expect(list.status).toBe(200);
    out[`${who}:entries`] = list.body.entries;
    for (const id of amended) {
      const history = await server.api(cookies[who]!, 'GET', `/api/chronologies/${chronologyId}/entries/${id}/history`);
      out[`${who}:history:${id}`] = { status: history.status, history: history.body.history };
    }
  }
  for (const [who, docName] of [
    ['police', restrictedDocName(chronologyId, 'thames-valley-police')],
    ['dsl', sharedDocName(chronologyId)],
  ] as const) {
    const client = connect(server.origin, cookies[who]!, docName);
    await vi.waitFor(() => expect(client.provider.synced).toBe(true), WAIT);
    out[`${who}:live`] = readEntries(client.doc).sort((a, b) => a.id.localeCompare(b.id));
    out[`${who}:vector`] = [...Y.decodeStateVector(Y.encodeStateVector(client.doc))].sort((a, b) => a[0] - b[0]);
    client.destroy();
  }
  return out;
}

describe('automatic compaction on the server', () => {
  it('merges the logs of unloaded rooms once they have grown past the policy; every user sees exactly what they saw', async () => {
    const base = `/api/chronologies/${chronologyId}/entries`;
    const shared = sharedDocName(chronologyId);
    const restricted = restrictedDocName(chronologyId, 'thames-valley-police');
    const amended: string[] = [];
    // Open while the entries are written (a room with a connection does not unload), closed after.
    const holders = [connect(server.origin, cookies.police!, restricted), connect(server.origin, cookies.dsl!, shared)];
    await vi.waitFor(() => expect(holders.every((h) => h.provider.synced)).toBe(true), WAIT);
    for (let i = 0; i < 3; i++) {
      const made = await server.api(cookies.police!, 'POST', base, { date: `2024-05-0${i + 1}`, category: 'police-attendance', summary: `Restricted ${i}`, restricted: true });
      expect(made.status).toBe(201);
      if (i === 0) {
        amended.push(made.body.entry.id);
        expect((await server.api(cookies.police!, 'PATCH', `${base}/${made.body.entry.id}`, { summary: 'Restricted 0, amended' })).status).toBe(200);
        expect((await server.api(cookies.police!, 'POST', `${base}/${made.body.entry.id}/withdraw`, { reason: 'Entered twice' })).status).toBe(200);
      }
    }
    for (let i = 0; i < 3; i++) {
      const made = await server.api(cookies.dsl!, 'POST', base, { date: `2024-06-0${i + 1}`, category: 'school-absence', summary: `Shared ${i}` });
      expect(made.status).toBe(201);
      if (i === 0) {
        amended.push(made.body.entry.id);
        expect((await server.api(cookies.dsl!, 'PATCH', `${base}/${made.body.entry.id}`, { summary: 'Shared 0, amended' })).status).toBe(200);
      }
    }
    expect(await rows(restricted)).toBeGreaterThanOrEqual(5);
    expect(await rows(shared)).toBeGreaterThanOrEqual(4);
    const before = await seen(amended);
    for (const h of holders) h.destroy();
    expect(await rows(restricted)).toBeGreaterThanOrEqual(5);
    // The restricted entries stay out of everyone else's view, before as after.
    expect(JSON.stringify(before['dsl:entries'])).not.toContain('Restricted');
    expect(JSON.stringify(before['police:entries'])).toContain('Restricted 1');
    expect(JSON.stringify(before['police:live'])).toContain('Restricted 0, amended');

    // Nobody has the rooms open: they unload, and their grown logs are merged.
    await vi.waitFor(async () => expect([await rows(shared), await rows(restricted)]).toEqual([1, 1]), WAIT);
    const after = await seen(amended);
    expect(after).toEqual(before);

    // Writing on after the compaction: a new row after the merged one, loaded with it.
    const later = await server.api(cookies.dsl!, 'POST', base, { date: '2024-07-01', category: 'school-absence', summary: 'After the compaction' });
    expect(later.status).toBe(201);
    expect(await rows(shared)).toBe(2);
    const client = connect(server.origin, cookies.lead!, shared);
    await vi.waitFor(() => expect(client.provider.synced).toBe(true), WAIT);
    expect(readEntries(client.doc).map((e) => e.summary)).toEqual(expect.arrayContaining(['After the compaction', 'Shared 0, amended']));
    client.destroy();
  });

  it('leaves a log below the policy as it is', async () => {
    const list = await server.api(cookies.lead!, 'GET', '/api/chronologies');
    const other = list.body.chronologies.find((c: { id: string; memberAgencies: string[] }) => c.id !== chronologyId && c.memberAgencies.includes('northway-primary'));
    expect(other).toBeDefined();
    const docName = sharedDocName(other.id);
    // Compacted by hand first (the CLI's way): one row to begin with.
    await server.deps.rooms.compact(docName);
    const start = await rows(docName);
    expect(start).toBeLessThanOrEqual(1);
    const made = await server.api(cookies.dsl!, 'POST', `/api/chronologies/${other.id}/entries`, { date: '2024-06-01', category: 'school-absence', summary: 'One more' });
    expect(made.status).toBe(201);
    expect(await rows(docName)).toBe(start + 1);
    // Well past the unload: still every row (a growth of one is below four).
    await new Promise((resolve) => setTimeout(resolve, 1500));
    expect(server.deps.rooms.stats().rooms).toBe(0);
    expect(await rows(docName)).toBe(start + 1);
  });
});
