// Reviews of highlights over the real server: the history stays with a highlight as entries join it
// (its window and id change), the highlight says it reopened and why, and reviews are live for
// everyone else with the chronology open, over the authorised event stream, never to someone who
// cannot see every entry a review covered.
import { afterAll, beforeAll, describe, expect, it, vi } from 'vitest';
import { DEMO, startTestServer, type TestServer } from './testing.js';

let server: TestServer;
let lead: string, hv: string, dsl: string, outsider: string;
let id: string;

// vi.waitFor gives up after 1 s by default, which a loaded two-core machine can exceed for a live message or
// the access sweep: these waits are for something to happen, not bounds on how fast. Each returns as soon
// as its condition holds.
const SETTLE = { timeout: 10_000 };

interface HighlightBody {
  id: string;
  ruleId: string;
  entryIds: string[];
  review: { status: string; note: string; byName: string } | null;
  reopened: boolean;
  reviewHistory: Array<{ status: string; note: string; by: string; byName: string; at: string; entryIds: string[] }>;
  sinceReview: { joined: number; left: number; changed: number } | null;
}

const post = (cookie: string, body: Record<string, unknown>) => server.api(cookie, 'POST', `/api/chronologies/${id}/entries`, { category: 'other', summary: 'x', ...body });
const patterns = async (cookie: string) => (await server.api(cookie, 'GET', `/api/chronologies/${id}/patterns?asOf=2024-12-31`)).body as { highlights: HighlightBody[]; reviews: Array<{ id: string; note: string; entryIds: string[] }> };
const selfHarm = async (cookie: string) => (await patterns(cookie)).highlights.find((h) => h.ruleId === 'repeat-self-harm');
const review = (cookie: string, highlightId: string, status: 'reviewed' | 'dismissed', note: string) =>
  server.api(cookie, 'POST', `/api/chronologies/${id}/patterns/${encodeURIComponent(highlightId)}/review`, { status, note });

/** Opens the review stream as `cookie` and collects its events until closed. */
async function openStream(cookie: string) {
  const controller = new AbortController();
  const res = await fetch(`${server.origin}/api/chronologies/${id}/patterns/events`, { headers: { cookie }, signal: controller.signal });
  const events: Array<{ event: string; data: any }> = [];
  let ended = false;
  if (res.ok) {
    void (async () => {
      const reader = res.body!.getReader();
      const decoder = new TextDecoder();
      let buffer = '';
      try {
        for (;;) {
          const { value, done } = await reader.read();
          if (done) break;
          buffer += decoder.decode(value, { stream: true });
          let cut: number;
          while ((cut = buffer.indexOf('\n\n')) !== -1) {
            const block = buffer.slice(0, cut);
            buffer = buffer.slice(cut + 2);
            const event = /^event: (.*)$/m.exec(block)?.[1];
            const data = /^data: (.*)$/m.exec(block)?.[1];
            if (event) events.push({ event, data: data ? JSON.parse(data) : null });
          }
        }
      } catch {
        // aborted
      }
      ended = true;
    })();
  }
  return { status: res.status, headers: res.headers, events, ended: () => ended, close: () => controller.abort() };
}

beforeAll(async () => {
  server = await startTestServer();
  lead = await server.login(DEMO.lead);
  hv = await server.login(DEMO.hv);
  dsl = await server.login(DEMO.dsl);
  outsider = await server.login(DEMO.outsider);
  id = (await server.api(lead, 'POST', '/api/chronologies', { child: { givenName: 'History', familyName: 'Case', dateOfBirth: '2010-05-01' }, memberAgencies: ['oxford-health-hv', 'northway-primary'] })).body.id;
  expect((await post(hv, { date: '2024-03-01', category: 'self-harm', summary: 'Disclosed self-harm at the health review' })).status).toBe(201);
  expect((await post(hv, { date: '2024-04-01', category: 'self-harm', summary: 'Second disclosure of self-harm' })).status).toBe(201);
});
afterAll(async () => {
  await server?.stop();
});

describe('review history', () => {
  it('keeps the review with the highlight when an entry joins it, and says it reopened because 1 entry joined', async () => {
    const before = (await selfHarm(dsl))!;
    expect(before.reviewHistory).toEqual([]);
    expect(before.sinceReview).toBeNull();
    const saved = await review(dsl, before.id, 'reviewed', 'Discussed with CAMHS; safety plan in place.');
    expect(saved.status).toBe(200);
    expect(saved.body.record).toMatchObject({ ruleId: 'repeat-self-harm', note: 'Discussed with CAMHS; safety plan in place.', entryIds: before.entryIds, changedEntryIds: [] });

    expect((await post(hv, { date: '2024-05-01', category: 'self-harm', summary: 'Third disclosure of self-harm' })).status).toBe(201);
    const grown = (await selfHarm(dsl))!;
    expect(grown.id).not.toBe(before.id);
    expect(grown.entryIds).toHaveLength(3);
    expect(grown.reopened).toBe(true);
    expect(grown.review).toBeNull();
    expect(grown.sinceReview).toEqual({ joined: 1, left: 0, changed: 0 });
    expect(grown.reviewHistory).toEqual([
      { status: 'reviewed', note: 'Discussed with CAMHS; safety plan in place.', by: expect.any(String), byName: 'Helen Okoro', at: expect.any(String), entryIds: before.entryIds },
    ]);
    // Everyone who can see those entries sees the same history.
    expect((await selfHarm(hv))!.reviewHistory).toEqual(grown.reviewHistory);

    const again = await review(dsl, grown.id, 'dismissed', 'The third disclosure repeats the second; no new episode.');
    expect(again.status).toBe(200);
    const current = (await selfHarm(hv))!;
    expect(current.reopened).toBe(false);
    expect(current.review).toMatchObject({ status: 'dismissed', note: 'The third disclosure repeats the second; no new episode.' });
    expect(current.reviewHistory.map((r) => r.status)).toEqual(['reviewed', 'dismissed']);
    expect(current.reviewHistory[1]!.entryIds).toEqual(grown.entryIds);

    // Amending an entry reopens it again, counted as changed.
    expect((await server.api(hv, 'PATCH', `/api/chronologies/${id}/entries/${grown.entryIds[0]}`, { detail: 'Wounds more serious than first reported.' })).status).toBe(200);
    expect((await selfHarm(hv))!).toMatchObject({ reopened: true, review: null, sinceReview: { joined: 0, left: 0, changed: 1 } });
  });

  it('never shows a review to someone who cannot see every entry it covered', async () => {
    // The lead's own restricted entry joins the pattern for the lead only; the lead reviews that.
    expect((await post(lead, { date: '2024-05-15', category: 'self-harm', summary: 'Restricted: disclosed to the social worker', restricted: true })).status).toBe(201);
    const leads = (await selfHarm(lead))!;
    expect(leads.entryIds).toHaveLength(4);
    expect((await review(lead, leads.id, 'reviewed', 'SECRET-NOTE about the restricted disclosure')).status).toBe(200);
    expect((await selfHarm(lead))!.review?.note).toBe('SECRET-NOTE about the restricted disclosure');
    const seenByHv = await server.api(hv, 'GET', `/api/chronologies/${id}/patterns?asOf=2024-12-31`);
    expect(JSON.stringify(seenByHv.body)).not.toContain('SECRET-NOTE');
    expect((await selfHarm(hv))!.reviewHistory).toHaveLength(2);
  });
});

describe('the reviews without the highlights (GET /patterns/reviews, what the browser asks for)', () => {
  it('are exactly GET /patterns `reviews` for each reader, hold nothing else, and are refused and audited as a patterns read', async () => {
    // Runs after the tests above: a review the health visitor may not see (it covers the lead's restricted entry) exists.
    for (const [who, cookie] of [['lead', lead], ['hv', hv], ['dsl', dsl]] as const) {
      const only = await server.api(cookie, 'GET', `/api/chronologies/${id}/patterns/reviews`);
      expect(only.status, who).toBe(200);
      // No highlight, episode or configuration: nothing of the rules' evaluation is in the reply.
      expect(Object.keys(only.body), who).toEqual(['reviews']);
      const full = await server.api(cookie, 'GET', `/api/chronologies/${id}/patterns`);
      expect(only.body.reviews, who).toEqual(full.body.reviews);
    }
    const leads = (await server.api(lead, 'GET', `/api/chronologies/${id}/patterns/reviews`)).body.reviews as Array<{ note: string }>;
    expect(leads.map((r) => r.note)).toContain('SECRET-NOTE about the restricted disclosure');
    const hvs = await server.api(hv, 'GET', `/api/chronologies/${id}/patterns/reviews`);
    expect(hvs.body.reviews.length).toBe(leads.length - 1);
    expect(JSON.stringify(hvs.body)).not.toContain('SECRET-NOTE');
    // Not a member: as for every read of the chronology.
    expect((await server.api(outsider, 'GET', `/api/chronologies/${id}/patterns/reviews`)).status).toBe(404);
    const [record] = await server.deps.repos.audit.list({ chronologyId: id, action: 'chronology:patterns', limit: 1 });
    expect(record).toMatchObject({ outcome: 'allowed', details: { reviewsOnly: true, reviews: leads.length - 1 } });
  });
});

describe('live reviews (GET /patterns/events)', () => {
  it('sends a review to the others within a second, authorised per message, and ends with the session', async () => {
    const hvStream = await openStream(hv);
    expect(hvStream.status).toBe(200);
    expect(hvStream.headers.get('content-type')).toMatch(/^text\/event-stream/);
    const leadStream = await openStream(lead);
    await vi.waitFor(() => expect(hvStream.events.map((e) => e.event)).toEqual(['ready']), SETTLE);
    // It starts with the reviews so far that the caller may see (none of the lead's restricted one).
    expect(hvStream.events[0]!.data.reviews.map((r: { note: string }) => r.note)).toEqual(['Discussed with CAMHS; safety plan in place.', 'The third disclosure repeats the second; no new episode.']);
    await vi.waitFor(() => expect(leadStream.events.map((e) => e.event)).toEqual(['ready']), SETTLE);
    // Nobody outside the chronology, and nobody signed out, can open it.
    expect((await openStream(outsider)).status).toBe(404);
    expect((await openStream('mac_session=not-a-session')).status).toBe(401);

    const h = (await selfHarm(dsl))!;
    expect((await review(dsl, h.id, 'reviewed', 'Live: re-reviewed after the amendment.')).status).toBe(200);
    await vi.waitFor(() => expect(hvStream.events.at(-1)).toMatchObject({ event: 'review', data: { note: 'Live: re-reviewed after the amendment.', byName: 'Helen Okoro', ruleId: 'repeat-self-harm', changedEntryIds: [] } }), { timeout: 1000 });
    await vi.waitFor(() => expect(leadStream.events.at(-1)?.data?.note).toBe('Live: re-reviewed after the amendment.'), { timeout: 1000 });

    // The lead's review of the highlight with the lead's restricted entry reaches the lead only.
    const leads = (await selfHarm(lead))!;
    expect((await review(lead, leads.id, 'dismissed', 'SECRET-LIVE note')).status).toBe(200);
    await vi.waitFor(() => expect(leadStream.events.at(-1)?.data?.note).toBe('SECRET-LIVE note'), { timeout: 1000 });
    expect(JSON.stringify(hvStream.events)).not.toContain('SECRET-LIVE');

    // Each delivery is audited like a read; opening the stream too.
    const trail = await server.api(lead, 'GET', `/api/chronologies/${id}/audit?action=chronology:patterns`);
    expect(trail.body.records.some((r: { details: { via?: string } }) => r.details.via === 'live')).toBe(true);
    const opened = await server.api(lead, 'GET', `/api/chronologies/${id}/audit?action=chronology:review-stream`);
    expect(opened.body.records.length).toBeGreaterThanOrEqual(2);

    // Signing out ends the stream (the access sweep), and nothing more arrives.
    expect((await server.api(hv, 'POST', '/api/auth/logout')).status).toBe(204);
    await vi.waitFor(() => expect(hvStream.ended()).toBe(true), { timeout: 3000 });
    expect(hvStream.events.at(-1)).toEqual({ event: 'end', data: { reason: 'access ended' } });
    const count = hvStream.events.length;
    expect((await review(dsl, h.id, 'reviewed', 'After sign-out')).status).toBe(200);
    await vi.waitFor(() => expect(leadStream.events.at(-1)?.data?.note).toBe('After sign-out'), SETTLE);
    expect(hvStream.events.length).toBe(count);
    leadStream.close();
  });
});
