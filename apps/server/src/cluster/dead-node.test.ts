// A node that dies takes its clients' presence with it (issue 19 item 3): two server processes on one
// PostgreSQL and one Redis; a stock client on node A shows itself, a client on node B sees it; A is
// SIGKILLed (nothing is said on its way out) and the state must go from B's client because A's heartbeat
// ran out (cluster/redis-bus.ts), not because the awareness protocol's own 30 s timeout did. The heartbeat
// is 300 ms here (MAC_NODE_HEARTBEAT_MS; 5 s by default, gone within 20 s), so the deadline of 10 s below
// is well inside those 30 s: without the heartbeat this test fails.
// On SQLite (the `server` project) there are no several nodes: skipped there; the server-pg project runs it.
import { randomBytes } from 'node:crypto';
import { afterAll, beforeAll, describe, expect, it, vi } from 'vitest';
import { sharedDocName } from '@mac/sync';
import { connect, type Client } from '../sync-testing.js';
import { DEMO, testDatabaseUrl } from '../testing.js';
import { api, login, startNode, stopNode, type NodeProcess } from './node-process.js';
import { redisInstalled, startRedis, type TestRedis } from './redis-testing.js';

const onPostgres = process.env.MAC_TEST_BACKEND === 'postgres';
const run = onPostgres && redisInstalled();
const HEARTBEAT_MS = 300;
/** Far less than the awareness timeout (30 s): only the heartbeat can remove the state this soon. */
const GONE_WITHIN_MS = 10_000;

let redis: TestRedis;
let env: Record<string, string>;
const nodes: NodeProcess[] = [];
const clients: Client[] = [];
let docName: string;

async function node(name: string): Promise<NodeProcess> {
  const started = await startNode(name, env);
  nodes.push(started);
  return started;
}

async function client(on: NodeProcess, email: string): Promise<{ client: Client; id: string }> {
  const cookie = await login(on.origin, email);
  const me = (await api(on.origin, cookie, 'GET', '/api/me')).body as { id: string };
  const c = connect(on.origin, cookie, docName);
  clients.push(c);
  await vi.waitFor(() => expect(c.provider.synced).toBe(true), { timeout: 15_000, interval: 50 });
  return { client: c, id: me.id };
}

beforeAll(async () => {
  if (!run) return;
  redis = await startRedis();
  env = { DATABASE_URL: (await testDatabaseUrl())!, REDIS_URL: redis.url, MAC_AUDIT_KEY: randomBytes(32).toString('hex'), MAC_NODE_HEARTBEAT_MS: String(HEARTBEAT_MS) };
}, 60_000);

afterAll(async () => {
  for (const c of clients) c.destroy();
  for (const n of nodes) await stopNode(n);
  await redis?.stop();
}, 30_000);

describe.skipIf(!run)('a node killed with clients in a room', () => {
  it('its clients’ presence leaves the other node’s clients within seconds (the heartbeat), and a new node is shown again', async () => {
    const a = await node('a');
    const b = await node('b');
    const lead = await login(a.origin, DEMO.lead);
    const chronologies = (await api(a.origin, lead, 'GET', '/api/chronologies')).body.chronologies as Array<{ id: string; memberAgencies: string[] }>;
    docName = sharedDocName(chronologies.find((c) => c.memberAgencies.includes('thames-valley-police') && c.memberAgencies.includes('oxford-health-hv'))!.id);

    const onA = await client(a, DEMO.police);
    const onB = await client(b, DEMO.hv);
    onA.client.provider.awareness.setLocalStateField('viewing', 'timeline');
    const seenOnB = () => onB.client.provider.awareness.getStates().get(onA.client.doc.clientID);
    await vi.waitFor(() => expect(seenOnB()).toMatchObject({ viewing: 'timeline', user: { id: onA.id } }), { timeout: 10_000, interval: 50 });
    // Live nodes are not taken for dead: after many heartbeat periods the state is still shown.
    await new Promise((resolve) => setTimeout(resolve, 10 * HEARTBEAT_MS));
    expect(seenOnB()).toMatchObject({ viewing: 'timeline' });

    a.child.kill('SIGKILL');
    await new Promise((resolve) => a.child.once('exit', resolve));
    onA.client.destroy(); // its browser is gone too (else it would move to B and show itself there)
    await vi.waitFor(() => expect(seenOnB()).toBeUndefined(), { timeout: GONE_WITHIN_MS, interval: 50 });
    // Only the dead node's clients went: B's own client is still here, as B sees itself.
    expect(onB.client.provider.awareness.getStates().has(onB.client.doc.clientID)).toBe(true);

    // A node started in its place is a new node (a new id): its clients are shown on B as before.
    const a2 = await node('a');
    const again = await client(a2, DEMO.police);
    again.client.provider.awareness.setLocalStateField('viewing', 'entries');
    await vi.waitFor(() => expect(onB.client.provider.awareness.getStates().get(again.client.doc.clientID)).toMatchObject({ viewing: 'entries', user: { id: again.id } }), { timeout: 10_000, interval: 50 });
  }, 120_000);
});
