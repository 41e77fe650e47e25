// The caseload a page at a time (GET /api/chronologies ?limit, ?after, ?q): at county size a viewer may see
// thousands of chronologies, and the whole list with its figures per row held the server for seconds.
// Every page says how many match; `next` walks them all, each once; a cursor is only a position (it opens
// nothing); bad paging input is refused naming the field, and nothing is recorded for it.
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { DEMO, startTestServer, type TestServer } from './testing.js';

let server: TestServer;
let lead: string, police: string, outsider: string, admin: string;
const made: string[] = [];

beforeAll(async () => {
  server = await startTestServer();
  [lead, police, outsider, admin] = (await Promise.all([DEMO.lead, DEMO.police, DEMO.outsider, DEMO.admin].map((email) => server.login(email)))) as [string, string, string, string];
  for (const givenName of ['Pia', 'Quin', 'Ria', 'Sol', 'Tam']) {
    const res = await server.api(lead, 'POST', '/api/chronologies', { child: { givenName, familyName: 'Paging', dateOfBirth: '2015-01-01' }, memberAgencies: ['thames-valley-police'] });
    expect(res.status).toBe(201);
    made.push(res.body.id as string);
  }
});
afterAll(async () => {
  await server?.stop();
});

type Page = { chronologies: Array<{ id: string; child: { givenName: string } }>; total: number; next: string | null };
const page = async (cookie: string, query: string) => {
  const res = await server.api(cookie, 'GET', `/api/chronologies${query}`);
  expect(res.status, JSON.stringify(res.body)).toBe(200);
  return res.body as Page;
};

/** Every page of `query` in turn, `limit` at a time. */
async function walk(cookie: string, limit: number, q = '') {
  const ids: string[] = [];
  const totals = new Set<number>();
  let after: string | null = null;
  for (let i = 0; i < 100; i++) {
    const p: Page = await page(cookie, `?limit=${limit}${q ? `&q=${encodeURIComponent(q)}` : ''}${after ? `&after=${after}` : ''}`);
    expect(p.chronologies.length).toBeLessThanOrEqual(limit);
    ids.push(...p.chronologies.map((c) => c.id));
    totals.add(p.total);
    after = p.next;
    if (after === null) break;
  }
  return { ids, totals: [...totals] };
}

describe('the caseload, a page at a time', () => {
  it('walks the whole caseload, newest first, each chronology once, every page saying how many there are', async () => {
    const whole = await page(police, '?limit=200');
    expect(whole.next).toBeNull();
    expect(whole.total).toBe(whole.chronologies.length);
    // The five made last are the newest, in the order made, newest first.
    expect(whole.chronologies.slice(0, 5).map((c) => c.id)).toEqual([...made].reverse());
    const walked = await walk(police, 2);
    expect(walked.ids).toEqual(whole.chronologies.map((c) => c.id));
    expect(walked.totals).toEqual([whole.total]);
    // Without a limit: 50 at most.
    const first = await page(police, '');
    expect(first.chronologies.map((c) => c.id)).toEqual(whole.chronologies.slice(0, 50).map((c) => c.id));
  });

  it('searches on the server, across every page, by every word of the name in any order', async () => {
    const found = await walk(police, 1, 'paging ria');
    expect(found.ids).toEqual([made[2]]);
    expect(found.totals).toEqual([1]);
    const all = await walk(police, 2, 'PAGING');
    expect(all.ids).toEqual([...made].reverse());
    expect(all.totals).toEqual([5]);
  });

  it("a cursor is only a position: another agency's viewer passing it sees only their own caseload", async () => {
    const policePage = await page(police, '?limit=1');
    expect(policePage.next).not.toBeNull();
    // The outsider's agency (probation) is a member of none of these: a police cursor opens none of them.
    const theirs = await page(outsider, `?limit=200&after=${policePage.next}`);
    for (const c of theirs.chronologies) expect(made).not.toContain(c.id);
    const own = await page(outsider, '?limit=200');
    expect(own.chronologies.map((c) => c.id)).toEqual(expect.arrayContaining(theirs.chronologies.map((c) => c.id)));
    // An administrator sees no chronologies, whatever is asked.
    expect(await page(admin, `?limit=200&after=${policePage.next}`)).toEqual({ chronologies: [], total: 0, next: null });
  });

  it('refuses a bad page size or cursor, naming the field, and records no listing for it', async () => {
    const listings = async () => (await server.deps.repos.audit.list({ action: 'chronology:list', limit: 10_000 })).length;
    const before = await listings();
    for (const limit of ['0', '201', '1.5', 'ten', '-3']) {
      const res = await server.api(police, 'GET', `/api/chronologies?limit=${limit}`);
      expect(res.status, limit).toBe(422);
      expect(res.body.error.fields, limit).toEqual([expect.objectContaining({ field: 'limit' })]);
    }
    for (const after of ['nope', Buffer.from('["only one"]').toString('base64url'), Buffer.from('[1,2]').toString('base64url'), Buffer.from('{"a":1}').toString('base64url')]) {
      const res = await server.api(police, 'GET', `/api/chronologies?after=${after}`);
      expect(res.status, after).toBe(422);
      expect(res.body.error.fields, after).toEqual([expect.objectContaining({ field: 'after' })]);
    }
    expect(await listings()).toBe(before);
    // A listing is recorded with how many it gave and how many there are.
    await page(police, '?limit=2');
    // Newest first.
    const [last] = await server.deps.repos.audit.list({ action: 'chronology:list', actorId: (await server.deps.repos.users.byEmail(DEMO.police))!.id, limit: 1 });
    expect(last?.details).toMatchObject({ count: 2 });
    expect((last?.details as { total: number }).total).toBeGreaterThanOrEqual(5);
  });
});
