// The caseload's counts worked out ahead (services/count-warmer.ts): after start and after each write or
// review, in the background, so that a listing finds them kept instead of working them out (or answering
// "Counting…"). Each is the count the viewer would have worked out; a count built from a sibling reaches a
// viewer only once that sibling read is audited under the viewer's own name, and nothing is ever audited
// under the background's own name.
import { afterAll, beforeAll, describe, expect, it, vi } from 'vitest';
import { countingRepoCalls, DEMO, startTestServer, type TestServer } from './testing.js';

let server: TestServer;
let lead: string, police: string, police2: string;
let police2Id: string;
let leo: string, kai: string, plan: string;

beforeAll(async () => {
  // The list waits for counts (as every test server's does), so a count not worked out ahead is worked out
  // by the listing itself: what `worked out by the listing` below counts.
  server = await startTestServer({ caseloadWarm: true });
  [lead, police] = (await Promise.all([DEMO.lead, DEMO.police].map((email) => server.login(email)))) as [string, string];
  ({ id: police2Id, cookie: police2 } = await server.newAccount({ email: 'third.officer@tvp.example.org', role: 'practitioner', agency: 'thames-valley-police' }));
  const create = async (givenName: string) =>
    (await server.api(lead, 'POST', '/api/chronologies', { child: { givenName, familyName: 'Warm-Counts', dateOfBirth: '2016-04-01' }, memberAgencies: ['thames-valley-police'] })).body.id as string;
  leo = await create('Leo');
  kai = await create('Kai');
  expect((await server.api(lead, 'POST', '/api/households', { chronologyIds: [leo, kai], name: 'Warm-Counts household' })).status).toBe(201);
  const posted = await server.api(lead, 'POST', `/api/chronologies/${kai}/entries`, { date: '2024-02-10', category: 'child-protection-plan-start', summary: 'Child protection plan: neglect' });
  expect(posted.status).toBe(201);
  plan = posted.body.entry.id as string;
});
afterAll(async () => {
  await server?.stop();
});

type Listed = { id: string; openHighlights: number | null };
const list = async (cookie: string) => {
  const res = await server.api(cookie, 'GET', '/api/chronologies');
  expect(res.status).toBe(200);
  return res.body.chronologies as Listed[];
};
/** Lists, and says how many counts the listing had to work out itself (none when all were worked out ahead). */
const listing = async (cookie: string) => {
  const before = server.deps.highlightCounts.size;
  const listed = await list(cookie);
  return { listed, workedOutByListing: server.deps.highlightCounts.size - before };
};
// GET /patterns works the highlights out afresh for the caller (no kept count): what a count must equal.
const openCount = async (cookie: string, id: string) => {
  const res = await server.api(cookie, 'GET', `/api/chronologies/${id}/patterns`);
  expect(res.status).toBe(200);
  return (res.body.highlights as Array<{ review: unknown }>).filter((h) => h.review === null).length;
};
const siblingReadsOfKai = async (actorId: string) =>
  (await server.deps.repos.audit.list({ chronologyId: kai, actorId, action: 'chronology:patterns', limit: 1_000 })).filter((r) => (r.details as { via?: string }).via === 'sibling');

describe('caseload counts worked out ahead', () => {
  it("are there before a viewer's first list, each the count the viewer works out, audited under the viewer's name before it reaches them", async () => {
    await server.deps.countWarmer.settled();
    expect(server.deps.countWarmer.warmed).toBeGreaterThan(0);
    // Nothing was audited under the background's name, and nobody has read Kai for a count yet.
    const all = await server.deps.repos.audit.list({ limit: 100_000 });
    expect(all.filter((r) => r.actorId.startsWith('caseload-counts:'))).toEqual([]);
    expect(await siblingReadsOfKai(police2Id)).toEqual([]);

    const { listed, workedOutByListing } = await listing(police2);
    expect(workedOutByListing).toBe(0);
    expect(listed.length).toBeGreaterThan(2);
    for (const c of listed) expect(c.openHighlights).not.toBeNull();
    // Leo's count reads Kai's plan: the record of that read is under the officer's name, once.
    const theirs = await siblingReadsOfKai(police2Id);
    expect(theirs).toHaveLength(1);
    expect(theirs[0]).toMatchObject({ actorAgency: 'thames-valley-police', details: { via: 'sibling', for: leo, entryIds: [plan] } });
    for (const id of [leo, kai]) expect(listed.find((c) => c.id === id)!.openHighlights).toBe(await openCount(police2, id));
  });

  it("reach a new account once its sibling-read records are durable, without waiting for the look at its first reads (the lead is told all the same)", async () => {
    const { id: officerId, cookie: officer } = await server.newAccount({ email: 'fourth.officer@tvp.example.org', role: 'practitioner', agency: 'thames-valley-police' });
    const kaiLead = (await server.deps.repos.chronologies.get(kai))!.leadUserId;
    const toldBefore = (await server.deps.repos.notifications.listForUser(kaiLead, { limit: 1_000 })).length;
    // An administrator's new account: its first read of Kai (the record Leo's count owes it) tells Kai's lead.
    // That notification is held back here until the list has answered, or for 10 s.
    // (The repositories are the store's own, wrapped only to hold that one call back.)
    const repos = server.deps.repos;
    let release!: () => void;
    const gate = new Promise<void>((resolve) => (release = resolve));
    let held = 0;
    const notifications: typeof repos.notifications = {
      ...Object.fromEntries(['get', 'listForUser', 'unreadCount', 'markRead', 'markAll'].map((m) => [m, (...args: unknown[]) => (repos.notifications as unknown as Record<string, (...a: unknown[]) => unknown>)[m]!(...args)])),
      markAllRead: (userId) => repos.notifications.markAllRead(userId),
      create: async (input) => {
        held += 1;
        await gate;
        return repos.notifications.create(input);
      },
    } as typeof repos.notifications;
    server.deps.repos = new Proxy(repos, { get: (target, name) => (name === 'notifications' ? notifications : target[name as keyof typeof target]) });
    let answered: Listed[] | 'held back';
    try {
      answered = await Promise.race([list(officer), new Promise<'held back'>((resolve) => setTimeout(() => resolve('held back'), 10_000))]);
      expect(answered).not.toBe('held back');
      // The record came first, under the officer's name (GET /patterns below reads Kai again, and says so).
      expect(await siblingReadsOfKai(officerId)).toHaveLength(1);
      // The look did reach the notification, which is still held back: the list did not wait for it.
      await vi.waitFor(() => expect(held).toBeGreaterThan(0), { timeout: 10_000, interval: 20 });
    } finally {
      release();
      server.deps.repos = repos;
    }
    expect((answered as Listed[]).find((c) => c.id === leo)!.openHighlights).toBe(await openCount(officer, leo));
    await vi.waitFor(async () => expect((await server.deps.repos.notifications.listForUser(kaiLead, { limit: 1_000 })).length).toBeGreaterThan(toldBefore), { timeout: 10_000, interval: 50 });
  });

  it('are worked out again after a write, for the written chronology and its siblings, before the next list', async () => {
    expect((await listing(police)).workedOutByListing).toBe(0);
    const before = (await list(police)).find((c) => c.id === leo)!.openHighlights;
    // Two self-harm entries within 180 days: a new highlight on Leo (repeat-self-harm).
    const post = async (cookie: string, date: string, summary: string) =>
      expect((await server.api(cookie, 'POST', `/api/chronologies/${leo}/entries`, { date, category: 'self-harm', summary })).status).toBe(201);
    await post(police, '2025-01-10', 'Found with cuts to the arm at a welfare visit');
    await post(lead, '2025-02-10', 'Seen at A&E after an overdose');
    await server.deps.countWarmer.settled();
    const { listed, workedOutByListing } = await listing(police);
    expect(workedOutByListing).toBe(0);
    const after = listed.find((c) => c.id === leo)!.openHighlights;
    expect(after).toBe(await openCount(police, leo));
    expect(after).not.toBe(before);
    // Kai's family key named Leo's entries: worked out again too, and found.
    expect(listed.find((c) => c.id === kai)!.openHighlights).toBe(await openCount(police, kai));
  });

  it('are worked out again after a review, before the next list', async () => {
    const highlights = (await server.api(lead, 'GET', `/api/chronologies/${leo}/patterns`)).body.highlights as Array<{ id: string; review: unknown }>;
    const open = highlights.find((h) => h.review === null)!;
    expect(open).toBeDefined();
    const before = (await list(police)).find((c) => c.id === leo)!.openHighlights!;
    const reviewed = await server.api(lead, 'POST', `/api/chronologies/${leo}/patterns/${encodeURIComponent(open.id)}/review`, { status: 'reviewed', note: 'Discussed at the strategy meeting' });
    expect(reviewed.status).toBe(200);
    await server.deps.countWarmer.settled();
    const { listed, workedOutByListing } = await listing(police);
    expect(workedOutByListing).toBe(0);
    expect(listed.find((c) => c.id === leo)!.openHighlights).toBe(before - 1);
    expect(before - 1).toBe(await openCount(police, leo));
  });

  it('after a write, read what no agency’s view changes once for all the member agencies, and no grant for a viewer that is no account', async () => {
    const made = await server.api(lead, 'POST', '/api/chronologies', { child: { givenName: 'Mia', familyName: 'Warm-Counts', dateOfBirth: '2016-04-01' }, memberAgencies: ['thames-valley-police', 'northway-primary', 'oxford-health-hv'] });
    expect(made.status).toBe(201);
    await server.deps.countWarmer.settled();
    const { deps, calls } = countingRepoCalls(server.deps);
    const repos = server.deps.repos;
    server.deps.repos = deps.repos;
    try {
      const warmed = server.deps.countWarmer.warmed;
      expect((await server.api(police, 'POST', `/api/chronologies/${made.body.id}/entries`, { date: '2025-03-01', category: 'other', summary: 'Seen at home' })).status).toBe(201);
      await vi.waitFor(() => expect(server.deps.countWarmer.warmed).toBeGreaterThan(warmed), { timeout: 10_000 });
      await server.deps.countWarmer.settled();
    } finally {
      server.deps.repos = repos;
    }
    const times = (call: string) => calls.filter((c) => c === call).length;
    // One key per member agency (the lead's own and the three named): each reads its entries' figures...
    expect(times('entries.countByChronology')).toBe(4);
    // ...and the rest once for all of them.
    for (const call of ['patternReviews.countByChronology', 'actions.overdueCounts', 'people.versionsOf']) expect(times(call), call).toBe(1);
    expect(times('breakGlass.activeForUser')).toBe(0);
    expect((await listing(police)).workedOutByListing).toBe(0);
  });
});
