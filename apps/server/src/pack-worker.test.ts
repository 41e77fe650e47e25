/**
 * Conference pack PDFs are drawn in a worker thread (issue 17 item 5), over the real server: while a pack
 * is being drawn, other requests are answered (checked by order of events, the worker held mid-pack, never
 * by timing); beyond the queue a pack request is refused at once with 503 and Retry-After, and that refusal
 * leaves no snapshot and no audit record of a pack behind.
 */
import { afterAll, beforeAll, describe, expect, it, vi } from 'vitest';
import { createPdfPool } from './services/conference/pdf-pool.js';
import { pdfInfo } from './services/conference/pdf-inspect.js';
import { DEMO, startTestServer, type TestServer } from './testing.js';

let server: TestServer;
let lead: string;
let chronologyId: string;
const CONFERENCE = { kind: 'professional', format: 'pdf', conferenceDate: '2026-12-10' };

/** Swaps the server's PDF pool for one whose worker waits before each pack until released. */
async function holdPdfWorker(maxQueued: number) {
  await server.deps.pdf.close();
  const hold = new Int32Array(new SharedArrayBuffer(4));
  hold[0] = 1;
  let started = 0;
  server.deps.pdf = createPdfPool({ maxQueued, hold, onStarted: () => (started += 1) });
  return {
    started: () => started,
    release() {
      Atomics.store(hold, 0, 0);
      Atomics.notify(hold, 0);
    },
  };
}

function requestPack(): Promise<{ status: number; headers: Headers; bytes: Buffer }> {
  return fetch(`${server.origin}/api/chronologies/${chronologyId}/packs`, {
    method: 'POST',
    headers: { cookie: lead, origin: server.origin, 'content-type': 'application/json' },
    body: JSON.stringify(CONFERENCE),
  }).then(async (res) => ({ status: res.status, headers: res.headers, bytes: Buffer.from(await res.arrayBuffer()) }));
}

const snapshotCount = async () => (await server.api(lead, 'GET', `/api/chronologies/${chronologyId}/snapshots`)).body.snapshots.length as number;

beforeAll(async () => {
  server = await startTestServer();
  lead = await server.login(DEMO.lead);
  const made = await server.api(lead, 'POST', '/api/chronologies', { child: { givenName: 'Worker', familyName: 'Packtest', dateOfBirth: '2018-03-04' }, memberAgencies: ['thames-valley-police'] });
  expect(made.status, JSON.stringify(made.body)).toBe(201);
  chronologyId = made.body.id;
  for (let i = 1; i <= 12; i++) {
    const res = await server.api(lead, 'POST', `/api/chronologies/${chronologyId}/entries`, { date: `2025-0${1 + (i % 9)}-1${i % 10}`, category: 'other', summary: `Home visit ${i}` });
    expect(res.status, JSON.stringify(res.body)).toBe(201);
  }
}, 60_000);
afterAll(async () => {
  await server?.stop();
});

describe('conference pack PDFs in a worker thread', () => {
  it('answers another request while a pack is being drawn, then delivers the pack', async () => {
    const worker = await holdPdfWorker(4);
    const events: string[] = [];
    const pack = requestPack().then((res) => {
      events.push("pack answered");
      return res;
    });
    // The worker has the pack (and is held before drawing it): the event loop is free meanwhile.
    await vi.waitFor(() => expect(worker.started()).toBe(1), { timeout: 30_000 });
    const me = await server.api(lead, 'GET', '/api/me');
    events.push(`me answered ${me.status}`);
    const list = await server.api(lead, 'GET', `/api/chronologies/${chronologyId}/entries?limit=5`);
    events.push(`entries answered ${list.status}`);
    worker.release();
    const res = await pack;
    expect(events).toEqual(['me answered 200', 'entries answered 200', 'pack answered']);
    expect(res.status).toBe(200);
    expect(res.headers.get('content-type')).toBe('application/pdf');
    expect(res.bytes.subarray(0, 5).toString('latin1')).toBe('%PDF-');
    expect(pdfInfo(res.bytes).Title).toContain('Worker Packtest');
    expect(res.headers.get('x-mac-snapshot')).toMatch(/^[0-9a-f-]{36}$/);
  }, 60_000);

  it('refuses a pack beyond the queue with 503 and Retry-After, and that refusal leaves no snapshot behind', async () => {
    const worker = await holdPdfWorker(1);
    const before = await snapshotCount();
    const drawing = requestPack();
    await vi.waitFor(() => expect(worker.started()).toBe(1), { timeout: 30_000 });
    const queued = requestPack();
    await vi.waitFor(() => expect(server.deps.pdf.stats().queued).toBe(1), { timeout: 30_000 });
    const refused = await requestPack();
    expect(refused.status).toBe(503);
    expect(refused.headers.get('retry-after')).toBe('5');
    const body = JSON.parse(refused.bytes.toString('utf8'));
    expect(body.error).toMatchObject({ code: 'packs_busy', retryAfterSeconds: 5 });
    expect(body.error.message).toMatch(/Try again in a few seconds/);
    worker.release();
    expect((await drawing).status).toBe(200);
    expect((await queued).status).toBe(200);
    // Two packs made, two snapshots; the refused request froze nothing.
    expect(await snapshotCount()).toBe(before + 2);
    // And with room again, a pack goes through at once.
    expect((await requestPack()).status).toBe(200);
  }, 60_000);
});
