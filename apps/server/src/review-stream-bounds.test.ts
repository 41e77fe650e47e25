/**
 * Live review streams are bounded (issue 17 item 6), over the real server: beyond its share one account is
 * asked to wait (429 too_many_streams, Retry-After), beyond the server's total anyone is told it is busy
 * (503 server_busy); a stream that ends gives its place back. The bounds are the real service's, made small.
 */
import { afterAll, beforeAll, describe, expect, it, vi } from 'vitest';
import { createReviewEvents } from './services/review-events.js';
import { DEMO, startTestServer, type TestServer } from './testing.js';

let server: TestServer;
let lead: string;
let police: string;
let chronologyId: string;
const open: AbortController[] = [];

async function openStream(cookie: string): Promise<{ status: number; retryAfter: string | null; body: any; abort: AbortController }> {
  const abort = new AbortController();
  const res = await fetch(`${server.origin}/api/chronologies/${chronologyId}/patterns/events`, { headers: { cookie }, signal: abort.signal });
  if (res.status === 200) {
    open.push(abort);
    return { status: 200, retryAfter: null, body: null, abort };
  }
  return { status: res.status, retryAfter: res.headers.get('retry-after'), body: await res.json(), abort };
}

beforeAll(async () => {
  server = await startTestServer();
  lead = await server.login(DEMO.lead);
  police = await server.login(DEMO.police);
  const made = await server.api(lead, 'POST', '/api/chronologies', { child: { givenName: 'Stream', familyName: 'Bounds', dateOfBirth: '2016-01-01' }, memberAgencies: ['thames-valley-police'] });
  expect(made.status, JSON.stringify(made.body)).toBe(201);
  chronologyId = made.body.id;
}, 60_000);
afterAll(async () => {
  for (const a of open) a.abort();
  await server?.stop();
});

describe('live review streams', () => {
  it('are bounded per account (429) and in all (503), and a closed stream gives its place back', async () => {
    server.deps.reviewEvents = createReviewEvents({ perPrincipal: 2, total: 3 });
    const first = await openStream(lead);
    expect(first.status).toBe(200);
    expect((await openStream(lead)).status).toBe(200);
    const third = await openStream(lead);
    expect(third.status).toBe(429);
    expect(third.retryAfter).toBe('30');
    expect(third.body.error).toMatchObject({ code: 'too_many_streams', retryAfterSeconds: 30 });
    expect(server.deps.reviewEvents.counts()).toEqual({ streams: 2, principals: 1 });

    // Another account has its own share, up to the server's total.
    expect((await openStream(police)).status).toBe(200);
    const full = await openStream(police);
    expect(full.status).toBe(503);
    expect(full.retryAfter).toBe('30');
    expect(full.body.error.code).toBe('server_busy');
    expect(server.deps.reviewEvents.counts()).toEqual({ streams: 3, principals: 2 });

    // The first page closes: its place comes back, and the lead opens one again.
    first.abort.abort();
    await vi.waitFor(() => expect(server.deps.reviewEvents.counts().streams).toBe(2), { timeout: 30_000 });
    expect((await openStream(lead)).status).toBe(200);
    expect(server.deps.reviewEvents.counts()).toEqual({ streams: 3, principals: 2 });
  }, 60_000);

  it('a refused stream is neither subscribed nor audited as opened', async () => {
    server.deps.reviewEvents.closeAll('test');
    for (const a of open.splice(0)) a.abort();
    server.deps.reviewEvents = createReviewEvents({ perPrincipal: 1, total: 10 });
    expect((await openStream(lead)).status).toBe(200);
    const streamsOpened = async () => (await server.api(lead, 'GET', `/api/chronologies/${chronologyId}/audit?action=chronology:review-stream`)).body.records.length as number;
    const before = await streamsOpened();
    expect(before).toBeGreaterThanOrEqual(1);
    expect((await openStream(lead)).status).toBe(429);
    expect(await streamsOpened()).toBe(before);
    expect(server.deps.reviewEvents.subscribersOf(chronologyId)).toHaveLength(1);
  }, 60_000);
});
