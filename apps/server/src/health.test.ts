// The load balancer's health check (routes/health.ts): anyone may call it, it answers about this node
// only (three fixed words, nothing about data or the deployment), and it is not cached. It answers 503 when
// the database does not (pg-connection-loss.test.ts stops PostgreSQL under it) and reports Redis without
// failing on it (cluster/two-nodes.test.ts stops Redis under it).
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { DEMO, startTestServer, type TestServer } from './testing.js';

let server: TestServer;

beforeAll(async () => {
  server = await startTestServer();
});
afterAll(async () => {
  await server?.stop();
});

describe('GET /api/health', () => {
  it('answers 200 to anyone, with only the state of the database and Redis (none on one node), never cached', async () => {
    const anonymous = await server.api(null, 'GET', '/api/health');
    expect(anonymous.status).toBe(200);
    expect(anonymous.body).toStrictEqual({ status: 'ok', database: 'ok', redis: 'not-configured' });
    expect(anonymous.headers.get('cache-control')).toBe('no-store');
    // Signed in, it says exactly the same: nothing about the caller or their data.
    const signedIn = await server.api(await server.login(DEMO.lead), 'GET', '/api/health');
    expect(signedIn.status).toBe(200);
    expect(signedIn.body).toStrictEqual(anonymous.body);
  });

  it('is not audited (a load balancer calls it every few seconds)', async () => {
    // Other work of the server may still be writing audit records when this starts: the sign-in of the
    // test before, and the background pattern checks after the demo seed, which audit their sibling reads
    // under each recipient's name (on PostgreSQL in CI they came up to a second late). Counted once the
    // count has not moved for a whole second; what arrived anyway is named if this fails.
    const settled = async () => {
      let last = -1;
      let still = 0;
      for (;;) {
        const n = await server.deps.repos.audit.count();
        still = n === last ? still + 1 : 0;
        if (still === 2) return n;
        last = n;
        await new Promise((resolve) => setTimeout(resolve, 500));
      }
    };
    const before = await settled();
    const lastSeq = (await server.deps.repos.audit.list({ limit: 1 }))[0]?.seq ?? 0;
    for (let i = 0; i < 5; i++) expect((await server.api(null, 'GET', '/api/health')).status).toBe(200);
    const after = await settled();
    const added = (await server.deps.repos.audit.list({ limit: 20 })).filter((r) => r.seq > lastSeq).map((r) => `${r.action} by ${r.actorLabel} ${JSON.stringify(r.details)}`);
    expect({ count: after, added }).toEqual({ count: before, added: [] });
  });

  it('refuses anything but GET', async () => {
    const res = await server.api(null, 'POST', '/api/health', {});
    expect(res.status).not.toBe(200);
    expect(res.status).toBeLessThan(500);
  });
});
