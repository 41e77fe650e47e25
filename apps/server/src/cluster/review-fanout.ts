// Live reviews of highlights across nodes: a review saved on one node reaches the review streams
// (services/review-events.ts) open on every node. The announcement carries only the review's id; each node
// reads the review from the database and sends it through `publishReview`, which authorises and audits
// every delivery as on one node, so nothing about a child travels through Redis.
//
// Redis away: an announcement that cannot be published is kept (the latest 1,000) and sent again when this
// node's connection is back, and once more 1 s and 3 s later (other nodes' subscriptions come back at their
// own pace); a node delivers each review id once (it remembers the latest 1,000), so the repeats cost
// nothing. So are the announcements of the last 10 s before the connection came back: one made as Redis
// went away may still have been published, by the client's resend, on the new connection before the other
// nodes had subscribed again, and pub/sub keeps nothing for a subscriber that is not there (a CI run lost
// one that way). One that fails while the connection is up (it went and came back while the command was
// in flight, so no reconnection follows) is sent again 1 s later, twice at most. A review saved on a node
// that dies before Redis returns is seen at the next load of the patterns.
import { onReconnect, type Redis } from './redis.js';

export const REVIEWS_CHANNEL = 'mac:reviews';
/** Announcements kept while Redis is away, and review ids remembered as delivered. */
const KEEP = 1_000;
const AGAIN_AFTER_RECONNECT_MS = [0, 1_000, 3_000];
/** Announcements this recent are sent again after a reconnection even if their publish succeeded. */
const RECENT_MS = 10_000;
/** A publish that fails while connected is tried again after this long, at most this many times. */
const RETRY_WHILE_UP_MS = 1_000;
const RETRIES_WHILE_UP = 2;

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
  // Announced lately, oldest first (at most KEEP): sent again after a reconnection.
  let recent: Array<{ reviewId: string; at: number }> = [];
  const delivered = new Set<string>();
  const timers = new Set<NodeJS.Timeout>();
  const later = (ms: number, fn: () => void) => {
    const t = setTimeout(() => {
      timers.delete(t);
      fn();
    }, ms);
    t.unref();
    timers.add(t);
  };
  const publish = (reviewIds: readonly string[], retriesLeft = RETRIES_WHILE_UP) => {
    for (const reviewId of reviewIds) {
      void publisher.publish(REVIEWS_CHANNEL, JSON.stringify({ node: nodeId, reviewId })).catch((err: unknown) => {
        note('could not announce a review; announced again when Redis is back', err);
        if (publisher.status === 'ready' && retriesLeft > 0) later(RETRY_WHILE_UP_MS, () => publish([reviewId], retriesLeft - 1));
        else if (!unsent.includes(reviewId)) unsent = [...unsent, reviewId].slice(-KEEP);
      });
    }
  };
  const stopReconnect = onReconnect(publisher, () => {
    const since = Date.now() - RECENT_MS;
    const again = [...new Set([...unsent, ...recent.filter((r) => r.at >= since).map((r) => r.reviewId)])];
    unsent = [];
    for (const ms of AGAIN_AFTER_RECONNECT_MS) later(ms, () => publish(again));
  });
  const note = (what: string, err: unknown) => {
    if (Date.now() - lastLog < 60_000) return;
    lastLog = Date.now();
    log(`[mac] live reviews across nodes: ${what} (${err instanceof Error ? err.message : String(err)})`);
  };
  return {
    announce(reviewId) {
      const at = Date.now();
      recent = [...recent.filter((r) => r.at >= at - RECENT_MS), { reviewId, at }].slice(-KEEP);
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
      timers.clear();
    },
  };
}
