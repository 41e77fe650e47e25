// The caseload list asks for the figures of what its agency listed last time with its visible chronologies
// (services/caseload-guess.ts), and uses them only when it lists exactly those. Whatever changes between two
// lists (a new chronology, a member removed, entries written, a household linked) shows on the next list, and
// the figures the guess gave are the ones a list without it reads.
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { countingRepoCalls, DEMO, startTestServer, type TestServer } from './testing.js';
import { userPrincipal } from './services/auth/sessions.js';
import { askAhead } from './services/caseload-guess.js';
import { countInputs } from './services/caseload-stats.js';
import { CASELOAD_PAGE, caseloadPageFor } from './services/chronologies.js';

let server: TestServer;
let lead: string, police: string;

beforeAll(async () => {
  server = await startTestServer();
  [lead, police] = (await Promise.all([DEMO.lead, DEMO.police].map((email) => server.login(email)))) as [string, string];
});
afterAll(async () => {
  await server?.stop();
});

type Listed = { id: string; entryCount: number; lastChangeAt: string | null; openHighlights: number | null };
const list = async (cookie: string) => {
  const res = await server.api(cookie, 'GET', '/api/chronologies');
  expect(res.status).toBe(200);
  return new Map((res.body.chronologies as Listed[]).map((c) => [c.id, c]));
};
const create = async (givenName: string) => {
  const res = await server.api(lead, 'POST', '/api/chronologies', { child: { givenName, familyName: 'Guess', dateOfBirth: '2014-06-01' }, memberAgencies: ['thames-valley-police'] });
  expect(res.status).toBe(201);
  return res.body.id as string;
};
const write = async (cookie: string, id: string, date: string) =>
  expect((await server.api(cookie, 'POST', `/api/chronologies/${id}/entries`, { date, category: 'neglect-concern', summary: 'Seen at a welfare visit' })).status).toBe(201);

describe('the caseload list asking ahead', () => {
  it('lists what changed between two lists, with the figures read in that request', async () => {
    await list(police);
    // A new chronology of the agency: the guess is wrong, its figures are asked again for what is listed.
    const fresh = await create('Ada');
    await write(lead, fresh, '2025-02-01');
    await write(police, fresh, '2025-02-02');
    let seen = await list(police);
    expect(seen.get(fresh)?.entryCount).toBe(2);
    // Entries written to a listed chronology between lists (the guess right): the new figures.
    await write(lead, fresh, '2025-02-03');
    seen = await list(police);
    expect(seen.get(fresh)?.entryCount).toBe(3);
    const before = seen.get(fresh)!.lastChangeAt;
    await write(police, fresh, '2025-02-04');
    seen = await list(police);
    expect(seen.get(fresh)?.entryCount).toBe(4);
    expect(seen.get(fresh)?.lastChangeAt).not.toBe(before);
    // The agency removed: gone from the next list.
    expect((await server.api(lead, 'DELETE', `/api/chronologies/${fresh}/members/thames-valley-police`)).status).toBe(200);
    seen = await list(police);
    expect(seen.has(fresh)).toBe(false);
    // Siblings linked between lists: the count keys change with them, and the figures match a list
    // without the guess (a search lists a part and asks for its figures after the visible chronologies).
    const [leo, kai] = [await create('Leo'), await create('Kai')];
    await list(police);
    await write(lead, kai, '2024-02-10');
    expect((await server.api(lead, 'POST', '/api/households', { chronologyIds: [leo, kai], name: 'Guess household' })).status).toBe(201);
    seen = await list(police);
    const searched = await server.api(police, 'GET', '/api/chronologies?q=guess');
    for (const c of searched.body.chronologies as Listed[]) expect(seen.get(c.id), c.id).toEqual(c);
  });

  it('asks for the figures in the same synchronous run as the visible chronologies, and not again when the guess is right', async () => {
    const user = (await server.deps.repos.users.byEmail(DEMO.police))!;
    const principal = userPrincipal({ id: user.id, role: user.role, agency: user.agencySlug, name: user.name });
    const { deps, calls } = countingRepoCalls(server.deps);
    const keysOnce = async () => {
      const guessing = { early: askAhead(deps, principal) };
      const visible = caseloadPageFor(deps, principal, { limit: CASELOAD_PAGE });
      const asked = calls.length;
      const { page, grants } = await visible;
      const keys = await countInputs(deps, principal, page.records, grants, guessing);
      return { asked, after: calls.slice(asked), keys };
    };
    // First: no guess yet; the figures are asked after the visible chronologies.
    const first = await keysOnce();
    expect(first.after).toContain('entries.countByChronology');
    // Then: asked with them (before the first await), and nothing after.
    calls.length = 0;
    const second = await keysOnce();
    expect(calls.slice(0, second.asked)).toEqual(expect.arrayContaining(['chronologies.pageForViewer', 'entries.countByChronology', 'entries.lastChange', 'households.siblingsOf']));
    expect(second.after).toEqual([]);
    expect(second.keys).toEqual(first.keys);
  });
});
