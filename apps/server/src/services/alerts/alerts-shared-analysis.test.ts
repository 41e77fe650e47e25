/**
 * The alert pass takes the analysis the caseload count warmer worked out for the same write
 * (services/shared-analyses.ts), with the warmer running as in production: the same people are told the
 * same things, each recipient has the sibling reads audited under their own name, nothing is audited under
 * the warmer's name, and what the count's key does not name (the chronology's actions) is never taken stale.
 */
import { afterAll, beforeAll, describe, expect, it, vi } from 'vitest';
import { countingRepoCalls, DEMO, startTestServer, type TestServer } from '../../testing.js';

let server: TestServer;
const cookie: Record<string, string> = {};
const id: Record<string, string> = {};
const DAY = 86_400_000;
const iso = (ms: number) => new Date(ms).toISOString().slice(0, 10);
// A baby about two months old: an injury to them is a high-severity pattern (non-mobile-injury).
const DOB = iso(Date.now() - 60 * DAY);
const INJURY_DAY = iso(Date.now() - 20 * DAY);
let analysed = 0;

async function chronology(givenName: string, memberAgencies: string[]): Promise<string> {
  const res = await server.api(cookie.lead!, 'POST', '/api/chronologies', { child: { givenName, familyName: 'Quartermaine', dateOfBirth: DOB }, memberAgencies });
  expect(res.status).toBe(201);
  return res.body.id;
}

/** Writes an entry and waits for the warmer to work that write's counts out (it runs ~250 ms after). */
async function entry(who: string, chronologyId: string, body: Record<string, unknown>): Promise<string> {
  const warmed = server.deps.countWarmer.warmed;
  const res = await server.api(cookie[who]!, 'POST', `/api/chronologies/${chronologyId}/entries`, { summary: 'Seen at home', ...body });
  expect(res.status, JSON.stringify(res.body)).toBe(201);
  await vi.waitFor(() => expect(server.deps.countWarmer.warmed).toBeGreaterThan(warmed), { timeout: 10_000 });
  await server.deps.countWarmer.settled();
  return res.body.entry.id;
}

let calls: string[] = [];

/** The alert pass, now; resolves with how many times it ran the pattern engine (its storage calls in `calls`). */
async function alertPass(): Promise<number> {
  const before = analysed;
  const counting = countingRepoCalls(server.deps);
  const repos = server.deps.repos;
  server.deps.repos = counting.deps.repos;
  try {
    await server.deps.alerts.flush();
  } finally {
    server.deps.repos = repos;
  }
  calls = counting.calls;
  return analysed - before;
}

const told = async (userId: string, chronologyId: string) => (await server.deps.repos.notifications.listForUser(userId)).filter((n) => n.chronologyId === chronologyId).map((n) => n.kind);

beforeAll(async () => {
  server = await startTestServer({ caseloadWarm: true, alerts: { smtpUrl: null, from: 'MAC alerts <alerts@mac.example.org>', digestHour: 7, debounceMs: 3_600_000, sendEveryMs: 60_000, overdueEveryMs: 3_600_000 } });
  for (const [who, email] of Object.entries({ lead: DEMO.lead, dsl: DEMO.dsl, police: DEMO.police, hv: DEMO.hv })) {
    cookie[who] = await server.login(email);
    id[who] = (await server.api(cookie[who]!, 'GET', '/api/me')).body.id;
  }
  const patterns = server.deps.patterns;
  const analyse = patterns.analyse.bind(patterns);
  patterns.analyse = (input) => {
    analysed += 1;
    return analyse(input);
  };
  await server.deps.countWarmer.settled();
  await server.deps.alerts.flush();
});

afterAll(async () => {
  await server?.stop();
});

describe('the alert pass after the count warmer', () => {
  it('takes the warmer’s analysis of the same write, and tells the same people the same', async () => {
    const child = await chronology('Imogen', ['thames-valley-police', 'northway-primary', 'oxford-health-hv']);
    await entry('police', child, { date: INJURY_DAY, category: 'injury' });
    expect(await alertPass()).toBe(0);
    // Two views (the lead's agency and the school's): each its own entries' figures for the key, what no view
    // changes and the chronology's actions once for both.
    const times = (call: string) => calls.filter((c) => c === call).length;
    expect(times('entries.countByChronology')).toBe(2);
    for (const call of ['patternReviews.countByChronology', 'actions.overdueCounts', 'actions.listForChronology']) expect(times(call), call).toBe(1);
    // What the two recipients were last told: one read for both.
    expect(times('alerts.stateTextsOf')).toBe(1);
    expect(times('alerts.state')).toBe(0);
    expect(await told(id.lead!, child)).toEqual(['alert-episode']);
    expect(await told(id.dsl!, child)).toEqual(['alert-episode']);
    for (const who of ['police', 'hv']) expect(await told(id[who]!, child), who).toEqual([]);

    // It grows: told once more, again from the warmer's analysis.
    await entry('hv', child, { date: INJURY_DAY, category: 'injury' });
    expect(await alertPass()).toBe(0);
    const notes = await server.deps.repos.notifications.listForUser(id.lead!);
    expect(notes.filter((n) => n.chronologyId === child).map((n) => n.message)[0]).toMatch(/has grown \(1 more entry\)/);
    expect(await told(id.dsl!, child)).toEqual(['alert-episode', 'alert-episode']);
  });

  it('has each recipient’s sibling reads audited under their own name, none under the warmer’s', async () => {
    const second = await server.deps.repos.users.create({ email: `dsl-2-${crypto.randomUUID()}@northway.example.org`, name: 'Second DSL', role: 'dsl', agency: 'northway-primary', passwordHash: null });
    const child = await chronology('Iris', ['thames-valley-police', 'northway-primary']);
    const sibling = await chronology('Ivo', ['northway-primary']);
    expect((await server.api(cookie.lead!, 'POST', '/api/households', { chronologyIds: [child, sibling], name: 'Quartermaine household' })).status).toBe(201);
    const plan = await entry('lead', sibling, { date: '2024-02-10', category: 'child-protection-plan-start' });
    await server.deps.alerts.flush();
    await entry('police', child, { date: INJURY_DAY, category: 'injury' });
    expect(await alertPass()).toBe(0);

    for (const who of [id.dsl!, second.id, id.lead!]) expect(await told(who, child), who).toEqual(['alert-episode']);
    const siblingReads = (await server.deps.repos.audit.list({ chronologyId: sibling, action: 'chronology:patterns' })).filter((r) => r.details.via === 'sibling' && r.details.for === child);
    for (const who of [id.dsl!, second.id, id.lead!]) {
      expect(siblingReads.filter((r) => r.actorId === who).map((r) => r.details.entryIds), who).toContainEqual([plan]);
    }
    expect(siblingReads.filter((r) => r.actorId.startsWith('caseload-counts:'))).toEqual([]);
  });

  it('works it out afresh when the chronology’s actions changed after the warmer', async () => {
    const child = await chronology('Ida', ['thames-valley-police', 'northway-primary']);
    await entry('police', child, { date: INJURY_DAY, category: 'injury' });
    // An action due later: no count's key moves (only overdue actions are counted), but the rules read actions.
    const action = await server.api(cookie.lead!, 'POST', `/api/chronologies/${child}/actions`, { title: 'Visit', ownerAgency: 'thames-valley-police', ownerUserId: id.police, dueDate: iso(Date.now() + 30 * DAY), source: 'analysis' });
    expect(action.status, JSON.stringify(action.body)).toBe(201);
    expect(await alertPass()).toBeGreaterThan(0);
    expect(await told(id.lead!, child)).toEqual(['alert-episode']);
  });

  it('tells nobody outside the police of a pattern only their restricted entry makes', async () => {
    const child = await chronology('Isla', ['thames-valley-police', 'northway-primary']);
    await entry('police', child, { date: INJURY_DAY, category: 'injury', restricted: true });
    await alertPass();
    expect(await told(id.lead!, child)).toEqual([]);
    expect(await told(id.dsl!, child)).toEqual([]);
  });
});
