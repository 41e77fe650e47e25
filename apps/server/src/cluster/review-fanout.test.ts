// What a node takes from the reviews channel: another node's announcement of one review id, nothing else
// (its own, malformed ones, ids that are not ids). The review itself is always read from the database.
import { describe, expect, it, vi } from 'vitest';
import { createRedisConnections, whenReady } from './redis.js';
import { startRedis } from './redis-testing.js';
import { createReviewFanout, parseReviewAnnouncement } from './review-fanout.js';

describe('review announcements', () => {
  it('takes another node’s review id', () => {
    expect(parseReviewAnnouncement('{"node":"n2","reviewId":"5f0c2b1e-8a1d-4c39-9d7e-0c6a1b2c3d4e"}', 'n1')).toBe('5f0c2b1e-8a1d-4c39-9d7e-0c6a1b2c3d4e');
  });

  it('ignores its own, and anything malformed', () => {
    expect(parseReviewAnnouncement('{"node":"n1","reviewId":"r1"}', 'n1')).toBeNull();
    for (const text of ['', 'null', '{}', 'nope', '{"node":"n2"}', '{"node":"n2","reviewId":7}', '{"node":"n2","reviewId":""}', '{"node":"n2","reviewId":"a b"}', `{"node":"n2","reviewId":"${'r'.repeat(129)}"}`]) {
      expect(parseReviewAnnouncement(text, 'n1'), text).toBeNull();
    }
  });
});

describe('review announcements across a Redis restart (a real redis-server)', () => {
  it('reach a node whose subscription comes back later than the announcing node’s connection', async () => {
    // Node A's connections come back after ~0.8 s, node B's after ~2.5 s. A review announced while Redis is
    // away is published by A's client once A is back: before B has subscribed again, so that publish alone
    // reaches nobody (a CI run lost one this way). A sends it again 1 and 3 s after coming back.
    const redis = await startRedis();
    const quiet = { log: () => undefined };
    const a = createRedisConnections({ url: redis.url, nodeId: 'node-a', minReconnectMs: 800, maxReconnectMs: 800, ...quiet });
    const b = createRedisConnections({ url: redis.url, nodeId: 'node-b', minReconnectMs: 2_500, maxReconnectMs: 2_500, ...quiet });
    const publisherA = a.command('publish');
    const fanA = createReviewFanout(publisherA, a.subscriber('announcements'), 'node-a', quiet);
    const fanB = createReviewFanout(b.command('publish'), b.subscriber('announcements'), 'node-b', quiet);
    try {
      const delivered: string[] = [];
      await fanA.listen(async () => undefined);
      await fanB.listen(async (reviewId) => void delivered.push(reviewId));
      await whenReady(publisherA);
      await redis.pause();
      fanA.announce('review-1');
      await redis.resume();
      await vi.waitFor(() => expect(delivered).toEqual(['review-1']), { timeout: 10_000, interval: 50 });
    } finally {
      fanA.stop();
      fanB.stop();
      await Promise.all([a.close(), b.close()]);
      await redis.stop();
    }
  }, 30_000);
});
