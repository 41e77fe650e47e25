// Live reviews of highlights across nodes: a review saved on one node reaches the review streams
// (services/review-events.ts) open on every node. The announcement carries only the review's id; each node
// reads the review from the database and sends it through `publishReview`, which authorises and audits
// every delivery as on one node, so nothing about a child travels through Redis. Announcements lost while
// Redis is away are not replayed: a stream's reader sees the review at its next load of the patterns.
import type { Redis } from './redis.js';

export const REVIEWS_CHANNEL = 'mac:reviews';

export interface ReviewFanout {
  /** After the review is committed: the other nodes' streams get it. */
  announce(reviewId: string): void;
  listen(deliver: (reviewId: string) => Promise<void>): Promise<void>;
  stop(): void;
}

const REVIEW_ID = /^[\w:.-]{1,128}$/;

/** A review announcement from another node, or null (our own, a stranger's or a malformed one). */
export function parseReviewAnnouncement(text: string, ownNode: string): string | null {
  let value: unknown;
  try {
    value = JSON.parse(text);
  } catch {
    return null;
  }
  if (typeof value !== 'object' || value === null) return null;
  const { node, reviewId } = value as { node?: unknown; reviewId?: unknown };
  if (typeof node !== 'string' || node === ownNode || typeof reviewId !== 'string' || !REVIEW_ID.test(reviewId)) return null;
  return reviewId;
}

export function createReviewFanout(publisher: Redis, subscriber: Redis, nodeId: string, opts: { log?: (line: string) => void } = {}): ReviewFanout {
  const log = opts.log ?? ((line: string) => console.error(line));
  let lastLog = 0;
  let onMessage: ((channel: string, message: string) => void) | null = null;
  const note = (what: string, err: unknown) => {
    if (Date.now() - lastLog < 60_000) return;
    lastLog = Date.now();
    log(`[mac] live reviews across nodes: ${what} (${err instanceof Error ? err.message : String(err)})`);
  };
  return {
    announce(reviewId) {
      void publisher.publish(REVIEWS_CHANNEL, JSON.stringify({ node: nodeId, reviewId })).catch((err: unknown) => note('could not announce a review; other nodes show it at their next load', err));
    },
    async listen(deliver) {
      onMessage = (channel, message) => {
        if (channel !== REVIEWS_CHANNEL) return;
        const reviewId = parseReviewAnnouncement(message, nodeId);
        if (reviewId !== null) void deliver(reviewId).catch((err: unknown) => note('could not deliver a review', err));
      };
      subscriber.on('message', onMessage);
      const subscribed = subscriber.subscribe(REVIEWS_CHANNEL).catch((err: unknown) => note('could not subscribe yet', err));
      await Promise.race([subscribed, new Promise((resolve) => setTimeout(resolve, 5_000).unref())]);
    },
    stop() {
      if (onMessage) subscriber.off('message', onMessage);
    },
  };
}
