// A viewer's first caseload list on a server owes the sibling-read records of the shared counts it is given
// (caseload-shared-counts.test.ts): they must be durable, under the viewer's own name, before the figure
// reaches them. The list's own audit record is written with them, once the count keys are known (one commit
// on SQLite: the write lane's group commit), instead of before the list's reads and the owed records in a
// commit after it: the caseload's p99 in the county bench. A later list writes its record while it reads.
import { afterAll, beforeAll, describe, expect, it, vi } from 'vitest';
import { DEMO, startTestServer, type TestServer } from './testing.js';

let server: TestServer;
let lead: string, police: string, police2: string;
let police2Id: string;
let leo: string, kai: string;

beforeAll(async () => {
  server = await startTestServer();
  [lead, police] = (await Promise.all([DEMO.lead, DEMO.police].map((email) => server.login(email)))) as [string, string];
  ({ id: police2Id, cookie: police2 } = await server.newAccount({ email: 'first.list@tvp.example.org', name: 'First List', role: 'practitioner', agency: 'thames-valley-police' }));
  const create = async (givenName: string) =>
    (await server.api(lead, 'POST', '/api/chronologies', { child: { givenName, familyName: 'First-List', dateOfBirth: '2016-04-01' }, memberAgencies: ['thames-valley-police'] })).body.id as string;
  leo = await create('Leo');
  kai = await create('Kai');
  expect((await server.api(lead, 'POST', '/api/households', { chronologyIds: [leo, kai], name: 'First-List household' })).status).toBe(201);
  const post = async (cookie: string, chronologyId: string, body: Record<string, unknown>) =>
    expect((await server.api(cookie, 'POST', `/api/chronologies/${chronologyId}/entries`, { summary: 'x', ...body })).status).toBe(201);
  await post(police, leo, { date: '2025-01-10', category: 'neglect-concern', summary: 'Home conditions poor at a welfare visit' });
  await post(lead, kai, { date: '2024-02-10', category: 'child-protection-plan-start', summary: 'Child protection plan: neglect' });
});
afterAll(async () => {
  await server?.stop();
});

const leoCount = async (cookie: string) => {
  const res = await server.api(cookie, 'GET', '/api/chronologies');
  expect(res.status).toBe(200);
  return (res.body.chronologies as Array<{ id: string; openHighlights: number | null }>).find((c) => c.id === leo)!.openHighlights;
};
const chainOf = async (actorId: string) =>
  (await server.deps.repos.audit.list({ actorId, limit: 1_000 }))
    .sort((a, b) => a.seq - b.seq)
    .map((r) => (r.action === 'chronology:patterns' ? `patterns ${r.chronologyId === kai ? 'kai' : r.chronologyId} via ${(r.details as { via?: string }).via}` : r.action))
    .filter((a) => a === 'chronology:list' || a.startsWith('patterns kai'));

describe("a viewer's first caseload list", () => {
  it('writes its own record with the sibling-read records it owes, once the count keys are known; a later list before its reads', async () => {
    // The first officer's list works Leo's count out (reading Kai's plan, audited under their name) and keeps it.
    const first = await leoCount(police);
    expect(first).not.toBeNull();
    // The second officer is given that count: the record of reading Kai's plan under their own name, written
    // before the figure reaches them, and their list's record after it in the chain: the same commit on
    // SQLite. (Before: the list's record first, written while the list read, the owed record in a later commit.)
    expect(await leoCount(police2)).toBe(first);
    expect(await chainOf(police2Id)).toEqual(['patterns kai via sibling', 'chronology:list']);
    // Listed again: nothing owed, one more record for the list.
    expect(await leoCount(police2)).toBe(first);
    expect(await chainOf(police2Id)).toEqual(['patterns kai via sibling', 'chronology:list', 'chronology:list']);
    // A write to Kai changes Leo's count's key: the second officer's next list owes the record again, and
    // writes its own first (it is no longer a first list here).
    const res = await server.api(lead, 'POST', `/api/chronologies/${kai}/entries`, { date: '2024-03-01', category: 'strategy-discussion', summary: 'Strategy discussion held' });
    expect(res.status).toBe(201);
    await leoCount(police);
    expect(await leoCount(police2)).not.toBeNull();
    expect((await chainOf(police2Id)).slice(3)).toEqual(['chronology:list', 'patterns kai via sibling']);
  });

  it("tells the sibling's lead of a new account's first read through an owed record, once (the look follows on its own)", async () => {
    // The second officer's account was created by an administrator: its first read of Kai (the owed
    // sibling-read record of the test above) is told to Kai's lead, however many records follow.
    type Note = { kind: string; message: string; chronologyId: string | null };
    const aboutKai = async () =>
      ((await server.api(lead, 'GET', '/api/notifications')).body.notifications as Note[]).filter((n) => n.chronologyId === kai && n.kind === 'new-account-read' && n.message.startsWith('First List'));
    await vi.waitFor(async () => expect(await aboutKai()).toHaveLength(1), { timeout: 5_000 });
    expect((await aboutKai())[0]!.message).toContain("read Kai First-List's chronology for the first time");
    // The first officer's account is the demo's (not created by an administrator): nothing about them.
    const notes = (await server.api(lead, 'GET', '/api/notifications')).body.notifications as Note[];
    expect(notes.filter((n) => n.kind === 'new-account-read' && n.chronologyId === kai && !n.message.startsWith('First List'))).toEqual([]);
    // Another list owing the record again (Kai written to) tells nobody again.
    expect((await server.api(lead, 'POST', `/api/chronologies/${kai}/entries`, { date: '2024-03-02', category: 'strategy-discussion', summary: 'Strategy discussion again' })).status).toBe(201);
    await leoCount(police);
    expect(await leoCount(police2)).not.toBeNull();
    expect((await chainOf(police2Id)).slice(-1)).toEqual(['patterns kai via sibling']);
    await new Promise((r) => setTimeout(r, 200));
    expect(await aboutKai()).toHaveLength(1);
  });
});
