// Several nodes (issue 19, item 4): two servers starting at the same moment on one empty PostgreSQL database
// migrate it once (the migrations' advisory lock) and seed the demo partnership once (Store.exclusively):
// the second finds the accounts the first made and does nothing, and both then serve the same data. On
// SQLite one server owns the file, so there is nothing to race and the file is skipped there.
import { afterAll, describe, expect, it } from 'vitest';
import { DEMO_CHILDREN, DEMO_USERS } from './demo/partnership.js';
import { DEMO, startTestServer, testDatabaseUrl, type TestServer } from './testing.js';

const onPostgres = process.env.MAC_TEST_BACKEND === 'postgres';
const servers: TestServer[] = [];
afterAll(async () => {
  await Promise.all(servers.map((s) => s.stop()));
});

describe.skipIf(!onPostgres)('two nodes starting together on an empty database', () => {
  it('migrate and seed it once, and serve the same partnership', async () => {
    const url = (await testDatabaseUrl())!;
    const started = await Promise.allSettled([startTestServer({ databaseUrl: url }), startTestServer({ databaseUrl: url })]);
    for (const s of started) if (s.status === 'fulfilled') servers.push(s.value);
    expect(started.map((s) => (s.status === 'rejected' ? String(s.reason) : 'started'))).toEqual(['started', 'started']);
    const [a, b] = servers as [TestServer, TestServer];
    expect(await a.deps.repos.users.list()).toHaveLength(DEMO_USERS.length);
    expect(await a.deps.repos.chronologies.count()).toBe(DEMO_CHILDREN.length);
    // A session made on one node works on the other (sessions live in the shared database).
    const cookie = await a.login(DEMO.lead);
    const onA = await a.api(cookie, 'GET', '/api/chronologies');
    const onB = await b.api(cookie, 'GET', '/api/chronologies');
    expect(onB.status).toBe(200);
    expect(onB.body.chronologies.map((c: { id: string }) => c.id).sort()).toEqual(onA.body.chronologies.map((c: { id: string }) => c.id).sort());
  });
});
