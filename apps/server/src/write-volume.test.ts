/**
 * Write volume (issue 11, finding 12): an account that writes far more amendments or stored text than a
 * person could is closed with the rate-limit code (websocket) or answered 429 (REST), and its new
 * connections wait until its budget refills; real heavy use stays inside the defaults. The limits are
 * made small here (a server option) so the test is quick; the defaults are in docs/security.md.
 */
import { afterAll, beforeAll, describe, expect, it, vi } from 'vitest';
import { DEFAULT_LIMITS, entryText, sharedDocName } from '@mac/sync';
import { connect, setStoredFields, upgradeStatus, type Client } from './sync-testing.js';
import { DEMO, startTestServer, type TestServer } from './testing.js';

let small: TestServer;
let normal: TestServer;
const clients: Client[] = [];

beforeAll(async () => {
  [small, normal] = await Promise.all([
    // 1 kB a second of writes (a 30 kB burst): a flood of 20 kB amendments (two long fields each) is closed at the second, in a
    // debt of about 10 kB that takes ~10 s to repay, so the refused reconnection below holds even when a
    // loaded machine is slow to try it. (With amendments that fit the burst evenly the debt can be a few
    // bytes, repaid in milliseconds.)
    startTestServer({ syncLimits: { ...DEFAULT_LIMITS, amendmentsPerMinute: 60, writeBytesPerMinute: 60_000 } }),
    startTestServer(),
  ]);
});
afterAll(async () => {
  for (const c of clients) c.destroy();
  await Promise.all([small?.stop(), normal?.stop()]);
});

async function policeChronology(server: TestServer, cookie: string): Promise<string> {
  const list = await server.api(cookie, 'GET', '/api/chronologies');
  return list.body.chronologies.find((c: { memberAgencies: string[] }) => c.memberAgencies.includes('thames-valley-police')).id;
}

describe('write volume', () => {
  it('closes a websocket that floods amendments of long text with 4429, and turns its reconnection away until the budget refills', async () => {
    const police = await small.login(DEMO.police);
    const chronologyId = await policeChronology(small, police);
    const created = await small.api(police, 'POST', `/api/chronologies/${chronologyId}/entries`, { date: '2024-01-02', category: 'police-attendance', summary: 'Entry to flood' });
    const entryId: string = created.body.entry.id;
    const c = connect(small.origin, police, sharedDocName(chronologyId));
    clients.push(c);
    await vi.waitFor(() => expect(c.provider.synced).toBe(true), { timeout: 5000 });
    for (let i = 0; i < 40 && c.closes.length === 0; i++) {
      setStoredFields(c.doc, entryId, { detail: `${i} ${'x'.repeat(9_990)}`, impactOnChild: `${i} ${'y'.repeat(9_990)}` });
      await new Promise((resolve) => setTimeout(resolve, 5));
    }
    await vi.waitFor(() => expect(c.closes.map((x) => x.code)).toContain(4429), { timeout: 5000 });
    expect(await upgradeStatus(small.origin, `/sync/${sharedDocName(chronologyId)}`, { origin: small.origin, cookie: police })).toBe(429);
    // Another account is not slowed by it.
    const hv = await small.login(DEMO.hv);
    expect(await upgradeStatus(small.origin, `/sync/${sharedDocName(chronologyId)}`, { origin: small.origin, cookie: hv })).toBe(101);
  });

  it('answers REST amendments beyond the budget 429 with Retry-After, and changes nothing then', async () => {
    const dsl = await small.login(DEMO.dsl);
    const list = await small.api(dsl, 'GET', '/api/chronologies');
    const chronologyId: string = list.body.chronologies[0].id;
    const created = await small.api(dsl, 'POST', `/api/chronologies/${chronologyId}/entries`, { date: '2024-01-02', category: 'school-absence', summary: 'Entry to amend' });
    const path = `/api/chronologies/${chronologyId}/entries/${created.body.entry.id}`;
    let refused: Awaited<ReturnType<TestServer['api']>> | null = null;
    for (let i = 0; i < 80 && refused === null; i++) {
      const res = await small.api(dsl, 'PATCH', path, { detail: `amendment ${i}` });
      if (res.status === 429) refused = res;
      else expect(res.status).toBe(200);
    }
    expect(refused?.body.error.code).toBe('too_many_changes');
    expect(Number(refused?.headers.get('retry-after'))).toBeGreaterThan(0);
    const stored = (await small.api(dsl, 'GET', path)).body.entry.detail;
    expect((await small.api(dsl, 'PATCH', path, { detail: 'one more' })).status).toBe(429);
    expect((await small.api(dsl, 'GET', path)).body.entry.detail).toBe(stored);
  });

  it('admits real heavy use at the defaults: 300 new entries at a 2 ms pace on one connection', async () => {
    const police = await normal.login(DEMO.police);
    const chronologyId = await policeChronology(normal, police);
    const me = (await normal.api(police, 'GET', '/api/me')).body;
    const c = connect(normal.origin, police, sharedDocName(chronologyId));
    clients.push(c);
    await vi.waitFor(() => expect(c.provider.synced).toBe(true), { timeout: 5000 });
    for (let i = 0; i < 300; i++) {
      const id = crypto.randomUUID();
      const fields = {
        id, date: '2024-05-06', time: '', agency: me.agency.slug, category: 'police-attendance', summary: `Bench-shaped entry ${i} with a realistic summary of the event`,
        detail: 'Officers attended after a neighbour reported shouting; two children present, both seen and spoken to.'.repeat(3),
        impactOnChild: '', actionTaken: '', sourceRef: '', recordedBy: '', restricted: false, authorId: me.id,
        recordedAt: new Date().toISOString(), status: 'active', withdrawnReason: '', sharing: 'family', sharingReason: '',
      };
      c.doc.getMap('entries').set(id, entryText(fields));
      await new Promise((resolve) => setTimeout(resolve, 2));
    }
    await vi.waitFor(async () => expect((await normal.deps.repos.entries.query(chronologyId, {})).length).toBeGreaterThanOrEqual(300), { timeout: 10_000 });
    expect(c.closes).toEqual([]);
  });
});
