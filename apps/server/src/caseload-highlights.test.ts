// The caseload's open-highlight counts are kept between listings (services/highlight-counts.ts). Whatever
// happens to a chronology, the count the caseload shows each person must be the one its patterns page
// shows them at that moment: a kept count that outlived a change would hide a concern, or keep one that was
// dealt with. Each step below changes one input the kept counts depend on, and checks every viewer.
import { afterAll, beforeAll, describe, expect, it, vi } from 'vitest';
import { DEMO, startTestServer, type TestServer } from './testing.js';
import { HIGHLIGHT_COUNTS_AT_ONCE } from './services/highlight-counts.js';
import type { KeptCount } from './services/caseload-stats.js';

let server: TestServer;
let lead: string, police: string, hv: string, dsl: string;
let id: string;

beforeAll(async () => {
  server = await startTestServer();
  [lead, police, hv, dsl] = (await Promise.all([DEMO.lead, DEMO.police, DEMO.hv, DEMO.dsl].map((email) => server.login(email)))) as [string, string, string, string];
  id = (await server.api(lead, 'POST', '/api/chronologies', { child: { givenName: 'Kept', familyName: 'Count', dateOfBirth: '2012-05-01' }, memberAgencies: ['thames-valley-police', 'oxford-health-hv', 'northway-primary'] })).body.id;
});
afterAll(async () => {
  await server?.stop();
});

const caseloadCount = async (cookie: string) => {
  const list = await server.api(cookie, 'GET', '/api/chronologies');
  expect(list.status).toBe(200);
  return (list.body.chronologies as Array<{ id: string; openHighlights: number }>).find((c) => c.id === id)!.openHighlights;
};
const patternsCount = async (cookie: string) => ((await server.api(cookie, 'GET', `/api/chronologies/${id}/patterns`)).body.highlights as Array<{ review: unknown }>).filter((h) => h.review === null).length;
const post = async (cookie: string, body: Record<string, unknown>) => {
  const res = await server.api(cookie, 'POST', `/api/chronologies/${id}/entries`, { category: 'other', summary: 'x', ...body });
  expect(res.status).toBe(201);
  return res.body.entry.id as string;
};

/** Every viewer's caseload count equals their patterns page, listed twice (the second from what was kept). */
async function expectCountsTrue(step: string) {
  for (const [who, cookie] of [['lead', lead], ['police', police], ['hv', hv], ['dsl', dsl]] as const) {
    const truth = await patternsCount(cookie);
    expect(await caseloadCount(cookie), `${step}: ${who}`).toBe(truth);
    expect(await caseloadCount(cookie), `${step}: ${who}, listed again`).toBe(truth);
  }
}

describe('open-highlight counts kept between caseload listings', () => {
  it('always match the patterns page, through every kind of change', async () => {
    await expectCountsTrue('empty');
    await post(hv, { date: '2026-09-01', category: 'self-harm', summary: 'Disclosed self-harm at the health review' });
    await expectCountsTrue('one entry');
    const second = await post(hv, { date: '2026-10-01', category: 'self-harm', summary: 'Second disclosure of self-harm' });
    await expectCountsTrue('a pattern');
    expect(await caseloadCount(hv)).toBeGreaterThan(0);

    // Another agency's restricted entry: the police see what it completes, nobody else's count moves.
    await post(police, { date: '2026-10-20', category: 'self-harm', summary: 'Found cutting (intelligence)', restricted: true });
    await expectCountsTrue('a restricted entry');

    // A review closes a highlight: the count drops at once.
    const open = ((await server.api(dsl, 'GET', `/api/chronologies/${id}/patterns`)).body.highlights as Array<{ id: string; review: unknown }>).find((h) => h.review === null)!;
    const before = await caseloadCount(dsl);
    const reviewed = await server.api(dsl, 'POST', `/api/chronologies/${id}/patterns/${encodeURIComponent(open.id)}/review`, { status: 'reviewed', note: 'Discussed with CAMHS; safety plan in place.' });
    expect(reviewed.status).toBe(200);
    expect(await caseloadCount(dsl)).toBe(before - 1);
    await expectCountsTrue('a review');

    // Amending a reviewed entry reopens it; withdrawing one changes the pattern.
    expect((await server.api(hv, 'PATCH', `/api/chronologies/${id}/entries/${second}`, { detail: 'Wounds more serious than first reported.' })).status).toBe(200);
    await expectCountsTrue('an amendment');
    expect((await server.api(hv, 'POST', `/api/chronologies/${id}/entries/${second}/withdraw`, { reason: 'Recorded against the wrong child' })).status).toBe(200);
    await expectCountsTrue('a withdrawal');
  }, 120_000);
});

describe('a caseload that does not wait for its counts', () => {
  it('lists a count not yet worked out as null, and the count once it is; one chronology always waits for its own', async () => {
    // MAC_CASELOAD_COUNT_WAIT_MS=0: the list gives only the counts it already has (the default waits 150 ms).
    const quick = await startTestServer({ caseloadCountWaitMs: 0 });
    try {
      const cookie = await quick.login(DEMO.lead);
      const created = await quick.api(cookie, 'POST', '/api/chronologies', { child: { givenName: 'Quick', familyName: 'List', dateOfBirth: '2012-05-01' }, memberAgencies: ['oxford-health-hv'] });
      const chronology = created.body.id as string;
      for (const date of ['2026-09-01', '2026-10-01']) {
        expect((await quick.api(cookie, 'POST', `/api/chronologies/${chronology}/entries`, { date, category: 'self-harm', summary: `Disclosed self-harm ${date}` })).status).toBe(201);
      }
      const listed = async () => {
        const list = await quick.api(cookie, 'GET', '/api/chronologies');
        expect(list.status).toBe(200);
        return (list.body.chronologies as Array<{ id: string; openHighlights: number | null }>).find((c) => c.id === chronology)!.openHighlights;
      };
      expect(await listed()).toBeNull();
      const truth = ((await quick.api(cookie, 'GET', `/api/chronologies/${chronology}/patterns`)).body.highlights as Array<{ review: unknown }>).filter((h) => h.review === null).length;
      expect(truth).toBeGreaterThan(0);
      await vi.waitFor(async () => expect(await listed()).toBe(truth), { timeout: 10_000, interval: 50 });
      // A change makes it new again: null until worked out, never the old count.
      expect((await quick.api(cookie, 'POST', `/api/chronologies/${chronology}/entries`, { date: '2026-11-01', category: 'self-harm', summary: 'Third disclosure' })).status).toBe(201);
      expect(await listed()).toBeNull();
      // The chronology's own page waits for its count, and the list then has it.
      const now = ((await quick.api(cookie, 'GET', `/api/chronologies/${chronology}/patterns`)).body.highlights as Array<{ review: unknown }>).filter((h) => h.review === null).length;
      const page = await quick.api(cookie, 'GET', `/api/chronologies/${chronology}`);
      expect(page.body.openHighlights).toBe(now);
      expect(await listed()).toBe(now);
    } finally {
      await quick.stop();
    }
  });
});

describe('a search and a later page do not wait for counts not worked out', () => {
  it('answer with the counts worked out by then and null for the rest, while the first page waits its budget', async () => {
    // A budget no test would sit out: the first page waits for it; a search must not.
    const slow = await startTestServer({ caseloadCountWaitMs: 60_000 });
    const held: Array<() => void> = [];
    try {
      const cookie = await slow.login(DEMO.lead);
      // A cursor to a later page (the first page of one, its count worked out while there is room).
      const paged = await slow.api(cookie, 'GET', '/api/chronologies?limit=1');
      expect(paged.body.next).not.toBeNull();
      const created = await slow.api(cookie, 'POST', '/api/chronologies', { child: { givenName: 'Searched', familyName: 'Unwarmed', dateOfBirth: '2012-05-01' }, memberAgencies: ['oxford-health-hv'] });
      const chronology = created.body.id as string;
      for (const date of ['2026-09-01', '2026-10-01']) {
        expect((await slow.api(cookie, 'POST', `/api/chronologies/${chronology}/entries`, { date, category: 'self-harm', summary: `Disclosed self-harm ${date}` })).status).toBe(201);
      }
      // Every place to work a count out in is taken (the server's own limiter), so no count can be worked out.
      for (let i = 0; i < HIGHLIGHT_COUNTS_AT_ONCE; i++) {
        const inputs = { chronologyId: `held-${i}`, viewing: '*', day: '2026-12-07', entryCount: 0, lastChangeAt: null, reviewCount: 0, overdueActions: 0, dateOfBirth: null, agencies: '', family: '' };
        void slow.deps.highlightCounts.count(inputs, () => new Promise<KeptCount>((resolve) => held.push(() => resolve({ open: 0, siblingReads: [], readers: new Set() }))));
      }
      const listed = (body: { chronologies: Array<{ id: string; openHighlights: number | null }> }) => body.chronologies.find((c) => c.id === chronology)?.openHighlights;
      let firstAnswered = false;
      const first = slow.api(cookie, 'GET', '/api/chronologies').then((res) => ((firstAnswered = true), res));
      const searched = await slow.api(cookie, 'GET', `/api/chronologies?q=${encodeURIComponent('Searched Unwarmed')}`);
      expect(searched.status).toBe(200);
      expect(listed(searched.body)).toBeNull();
      // A later page is answered the same way: its one chronology's count is not worked out.
      const later = await slow.api(cookie, 'GET', `/api/chronologies?limit=1&after=${encodeURIComponent(paged.body.next as string)}`);
      expect(later.status).toBe(200);
      expect((later.body.chronologies as Array<{ openHighlights: number | null }>).map((c) => c.openHighlights)).toEqual([null]);
      // The first page is still waiting for the count.
      expect(firstAnswered).toBe(false);
      for (const release of held) release();
      const truth = ((await slow.api(cookie, 'GET', `/api/chronologies/${chronology}/patterns`)).body.highlights as Array<{ review: unknown }>).filter((h) => h.review === null).length;
      expect(truth).toBeGreaterThan(0);
      expect(listed((await first).body)).toBe(truth);
      // Asked again, the search has it.
      expect(listed((await slow.api(cookie, 'GET', `/api/chronologies?q=${encodeURIComponent('Searched Unwarmed')}`)).body)).toBe(truth);
    } finally {
      for (const release of held) release();
      await slow.stop();
    }
  });
});
