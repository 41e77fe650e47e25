// The Redis connections every cluster feature uses, against a real redis-server: named on the server,
// reconnecting after Redis restarts without an unhandled error, commands failing rather than waiting for
// ever while it is down, and subscriptions renewed afterwards (with a signal to catch up from PostgreSQL).
import { afterAll, beforeAll, describe, expect, it, vi } from 'vitest';
import { createRedisConnections, onReconnect, reconnectDelay, whenReady, type RedisConnections } from './redis.js';
import { startRedis, type TestRedis } from './redis-testing.js';

let redis: TestRedis;
let connections: RedisConnections;
const logged: string[] = [];

beforeAll(async () => {
  redis = await startRedis();
  connections = createRedisConnections({ url: redis.url, nodeId: 'node-test-1', log: (line) => logged.push(line), maxReconnectMs: 200 });
});
afterAll(async () => {
  await connections?.close();
  await redis?.stop();
});

describe('Redis connections', () => {
  it('names each connection after the node and its role', async () => {
    const cmd = connections.command('counts');
    const sub = connections.subscriber('revocations');
    await Promise.all([whenReady(cmd), whenReady(sub)]);
    const list = (await cmd.client('LIST')) as string;
    expect(list).toContain('name=mac:node-test-1:counts');
    expect(list).toContain('name=mac:node-test-1:revocations');
    expect(() => connections.command('Not A Role')).toThrow(/a Redis connection role is 1–32 lower-case letters/);
  });

  it('survives Redis going away: commands fail, nothing crashes, subscriptions come back with a catch-up signal', async () => {
    const cmd = connections.command('outage');
    const sub = connections.subscriber('outage-sub');
    await Promise.all([whenReady(cmd), whenReady(sub)]);
    const received: string[] = [];
    sub.on('message', (_channel: string, message: string) => received.push(message));
    await sub.subscribe('mac:test');
    let reconnects = 0;
    onReconnect(sub, () => (reconnects += 1));
    await cmd.publish('mac:test', 'before');
    await vi.waitFor(() => expect(received).toEqual(['before']), { timeout: 5_000 });

    await redis.pause();
    // A command while Redis is down fails within a bounded time instead of queueing for ever.
    await expect(cmd.set('k', 'v')).rejects.toThrow();
    // The process is still here: every connection has an error listener (an unheard `error` would have
    // thrown out of the event loop and failed this test run).
    await redis.resume();
    await vi.waitFor(() => expect(reconnects).toBe(1), { timeout: 10_000 });
    await whenReady(cmd);
    // The subscription was renewed without anyone asking.
    await vi.waitFor(async () => {
      await cmd.publish('mac:test', 'after');
      expect(received).toContain('after');
    }, { timeout: 10_000 });
    expect(logged.some((line) => line.includes('mac:node-test-1:outage') && line.includes('reconnecting'))).toBe(true);
    expect(logged.some((line) => line.includes('connected again'))).toBe(true);
  });

  it('backs off exponentially between attempts, within bounds', () => {
    expect(reconnectDelay(1, 50, 2_000)).toBeGreaterThanOrEqual(40);
    expect(reconnectDelay(1, 50, 2_000)).toBeLessThanOrEqual(60);
    expect(reconnectDelay(4, 50, 2_000)).toBeGreaterThanOrEqual(320);
    expect(reconnectDelay(30, 50, 2_000)).toBeLessThanOrEqual(2_400);
  });

  it('makes no connections once closed', async () => {
    const other = createRedisConnections({ url: redis.url, nodeId: 'node-test-2' });
    const cmd = other.command('x');
    await whenReady(cmd);
    await other.close();
    expect(cmd.status).toBe('end');
    expect(() => other.command('y')).toThrow(/closed/);
  });
});
