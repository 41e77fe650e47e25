// The cluster-wide connection count against a real Redis: a node that dies (stops renewing, never
// releases) stops counting within the time-to-live, so no account is locked out by a dead node's
// connections; a live node's connections keep counting past it, and are counted again after Redis
// restarts empty.
import { afterAll, beforeAll, describe, expect, it, vi } from 'vitest';
import { createConnectionCaps } from './connection-caps.js';
import { createRedisConnections, whenReady, type RedisConnections } from './redis.js';
import { startRedis, type TestRedis } from './redis-testing.js';

let redis: TestRedis;
let connections: RedisConnections;

beforeAll(async () => {
  redis = await startRedis();
  connections = createRedisConnections({ url: redis.url, nodeId: 'caps-test', log: () => {}, maxReconnectMs: 200 });
});
afterAll(async () => {
  await connections?.close();
  await redis?.stop();
});

describe('connection caps across nodes', () => {
  it('refuses past the cap, and a dead node’s connections stop counting by themselves', async () => {
    const [deadConn, liveConn] = [connections.command('dead'), connections.command('live')];
    await Promise.all([whenReady(deadConn), whenReady(liveConn)]);
    const dead = createConnectionCaps(deadConn, 'node-dead', { ttlMs: 1_500, renewMs: 300, log: () => {} });
    const live = createConnectionCaps(liveConn, 'node-live', { ttlMs: 1_500, renewMs: 300, log: () => {} });
    expect(await dead.claim('user-1', 'c1', 3)).toBe(true);
    expect(await dead.claim('user-1', 'c2', 3)).toBe(true);
    expect(await live.claim('user-1', 'c3', 3)).toBe(true);
    // Claiming again what is already counted does not count twice.
    expect(await live.claim('user-1', 'c3', 3)).toBe(true);
    expect(await live.claim('user-1', 'c4', 3)).toBe(false);
    expect(await live.count('user-1')).toBe(3);
    // Another account is counted apart.
    expect(await live.claim('user-2', 'c5', 3)).toBe(true);

    // The node dies: no release, no renewal.
    dead.stop();
    await vi.waitFor(async () => expect(await live.count('user-1')).toBe(1), { timeout: 5_000, interval: 100 });
    // The live node's connection is still counted (renewed past its first time-to-live): one more fits, two do not.
    expect(await live.claim('user-1', 'c6', 2)).toBe(true);
    expect(await live.claim('user-1', 'c7', 2)).toBe(false);

    // Released: counted no more at once.
    live.release('c6');
    await vi.waitFor(async () => expect(await live.count('user-1')).toBe(1), { timeout: 2_000 });

    // Redis restarts empty: the live node counts what it holds again.
    await redis.pause();
    await redis.resume();
    await vi.waitFor(async () => expect(await live.count('user-1')).toBe(1), { timeout: 10_000, interval: 100 });
    expect(await live.count('user-2')).toBe(1);
    live.stop();
  });

  it('allows a connection while Redis cannot be asked, and counts it once Redis is back', async () => {
    const conn = connections.command('outage');
    await whenReady(conn);
    const caps = createConnectionCaps(conn, 'node-outage', { ttlMs: 1_500, renewMs: 300, log: () => {} });
    await redis.pause();
    expect(await caps.claim('user-3', 'c1', 1)).toBe(true);
    expect(await caps.count('user-3')).toBeNull();
    await redis.resume();
    await vi.waitFor(async () => expect(await caps.count('user-3')).toBe(1), { timeout: 10_000, interval: 100 });
    expect(await caps.claim('user-3', 'c2', 1)).toBe(false);
    caps.stop();
  });
});
