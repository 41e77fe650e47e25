// Live reviews of highlights across nodes: a review saved on one node reaches the review streams
// (services/review-events.ts) open on every node. The announcement carries only the review's id; each node
// reads the review from the database and sends it through `publishReview`, which authorises and audits
// every delivery as on one node, so nothing about a child travels through Redis.
//
// Redis away: an announcement that cannot be published is kept (the latest 1,000) and sent again when this
// node's connection is back, and once more 1 s and 3 s later (other nodes' subscriptions come back at their
// own pace); a node delivers each review id once (it remembers the latest 1,000), so the repeats cost
// nothing. A review saved on a node that dies before Redis returns is seen at the next load of the patterns.
import { onReconnect, type Redis } from './redis.js';

export const REVIEWS_CHANNEL = 'mac:reviews';
/** Announcements kept while Redis is away, and review ids remembered as delivered. */
const KEEP = 1_000;
const AGAIN_AFTER_RECONNECT_MS = [0, 1_000, 3_000];

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
  // Announcements not yet published (Redis away), oldest first; ids delivered here, oldest first.
  let unsent: string[] = [];
  const delivered = new Set<string>();
  const timers: NodeJS.Timeout[] = [];
  const publish = (reviewIds: readonly string[]) => {
    for (const reviewId of reviewIds) {
      void publisher.publish(REVIEWS_CHANNEL, JSON.stringify({ node: nodeId, reviewId })).catch((err: unknown) => {
        if (!unsent.includes(reviewId)) unsent = [...unsent, reviewId].slice(-KEEP);
        note('could not announce a review; announced again when Redis is back', err);
      });
    }
  };
  const stopReconnect = onReconnect(publisher, () => {
    const again = unsent;
    unsent = [];
    for (const ms of AGAIN_AFTER_RECONNECT_MS) {
      const t = setTimeout(() => publish(again), ms);
      t.unref();
      timers.push(t);
    }
  });
  const note = (what: string, err: unknown) => {
    if (Date.now() - lastLog < 60_000) return;
    lastLog = Date.now();
    log(`[mac] live reviews across nodes: ${what} (${err instanceof Error ? err.message : String(err)})`);
  };
  return {
    announce(reviewId) {
      publish([reviewId]);
    },
    async listen(deliver) {
      onMessage = (channel, message) => {
        if (channel !== REVIEWS_CHANNEL) return;
        const reviewId = parseReviewAnnouncement(message, nodeId);
        if (reviewId === null || delivered.has(reviewId)) return; // a repeat after an outage: delivered once
        delivered.add(reviewId);
        if (delivered.size > KEEP) delivered.delete(delivered.values().next().value!);
        void deliver(reviewId).catch((err: unknown) => note('could not deliver a review', err));
      };
      subscriber.on('message', onMessage);
      const subscribed = subscriber.subscribe(REVIEWS_CHANNEL).catch((err: unknown) => note('could not subscribe yet', err));
      await Promise.race([subscribed, new Promise((resolve) => setTimeout(resolve, 5_000).unref())]);
    },
    stop() {
      if (onMessage) subscriber.off('message', onMessage);
      stopReconnect();
      for (const t of timers) clearTimeout(t);
    },
  };
}
