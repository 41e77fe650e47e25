// Reviews and dismissals of highlights, live: a review saved by one person reaches everyone else who
// has the chronology open within a second, over a server-sent event stream per chronology
// (GET /api/chronologies/{id}/patterns/events, routes/pattern-events.ts).
//
// The stream keeps MAC's security model rather than bypassing it:
// - it opens only through the same checks as GET /patterns (session or token, chronology:read), and
//   the opening is audited;
// - every message is authorised again when it is sent: the subscriber's session and access are checked
//   at that moment, and a review goes only to someone who can see every entry it covered (as GET
//   /patterns decides, services/patterns.ts visibleReviews); each delivery is audited like a read;
// - the access sweep (ws-upgrade.ts) closes a stream whose session or access has ended, as it closes
//   websockets, so nothing arrives after sign-out, expiry or removal from the chronology.
// A stream is not activity: opening it does not move the session's idle clock (app.ts).
import type { Principal } from '@mac/domain';
import type { PatternReviewRecord } from '@mac/db';
import type { AppDeps } from '../deps.js';
import { accessVerdicts } from './access-sweep.js';
import { audit } from './audit.js';
import { visibleEntries } from './exchange.js';
import { visibleReviews, type VisibleReview } from './patterns.js';
import { ApiError, TooManyRequests } from '../http/errors.js';

export interface ReviewSubscriber {
  readonly chronologyId: string;
  readonly principal: Principal;
  /** The session behind a browser's stream; null for an API token. */
  readonly sessionIdHash: string | null;
  readonly ip: string | null;
  send(event: 'review', data: VisibleReview): void;
  /** Ends the stream (access ended, server closing). */
  close(reason: string): void;
}

/**
 * Open streams are bounded: each holds a response, timers and a subscriber for as long as a page is open, so
 * a client opening them in a loop must not grow the server without end. A browser tab holds one per
 * chronology page; beyond `perPrincipal` the account is asked to wait (429), beyond `total` the server says
 * it is busy (503). Both carry Retry-After.
 */
export const REVIEW_STREAM_LIMITS = { perPrincipal: 16, total: 5_000 } as const;
export const REVIEW_STREAM_RETRY_AFTER_SECONDS = 30;

export interface ReviewEvents {
  /**
   * Takes a place for a stream of this principal before it opens (counted at once, so that opens arriving
   * together cannot pass the bound); `release` gives it back when the stream ends. Throws 429/503 when full.
   */
  reserve(principalId: string): { release(): void };
  /** Open streams, and the principals with any (what the bounds are checked against). */
  counts(): { streams: number; principals: number };
  subscribe(subscriber: ReviewSubscriber): () => void;
  subscribersOf(chronologyId: string): ReviewSubscriber[];
  all(): ReviewSubscriber[];
  closeAll(reason: string): void;
}

export function createReviewEvents(limits: { perPrincipal: number; total: number } = REVIEW_STREAM_LIMITS): ReviewEvents {
  const byChronology = new Map<string, Set<ReviewSubscriber>>();
  const perPrincipal = new Map<string, number>();
  let total = 0;
  return {
    reserve(principalId) {
      const mine = perPrincipal.get(principalId) ?? 0;
      if (mine >= limits.perPrincipal) {
        throw new TooManyRequests('too_many_streams', `This account already has ${mine} live review streams open; close some pages and try again.`, REVIEW_STREAM_RETRY_AFTER_SECONDS);
      }
      if (total >= limits.total) {
        throw new ApiError(503, 'server_busy', 'The server has as many live review streams open as it keeps; the page will try again shortly.', undefined, { retryAfterSeconds: REVIEW_STREAM_RETRY_AFTER_SECONDS });
      }
      perPrincipal.set(principalId, mine + 1);
      total += 1;
      let released = false;
      return {
        release() {
          if (released) return;
          released = true;
          total -= 1;
          const left = (perPrincipal.get(principalId) ?? 1) - 1;
          if (left <= 0) perPrincipal.delete(principalId);
          else perPrincipal.set(principalId, left);
        },
      };
    },
    counts: () => ({ streams: total, principals: perPrincipal.size }),
    subscribe(subscriber) {
      let set = byChronology.get(subscriber.chronologyId);
      if (!set) byChronology.set(subscriber.chronologyId, (set = new Set()));
      set.add(subscriber);
      return () => {
        set.delete(subscriber);
        if (set.size === 0 && byChronology.get(subscriber.chronologyId) === set) byChronology.delete(subscriber.chronologyId);
      };
    },
    subscribersOf: (chronologyId) => [...(byChronology.get(chronologyId) ?? [])],
    all: () => [...byChronology.values()].flatMap((set) => [...set]),
    closeAll(reason) {
      for (const set of [...byChronology.values()]) for (const s of [...set]) s.close(reason);
    },
  };
}

/** Whether a subscriber may still receive anything: session (or token) alive, chronology readable (access-sweep.ts). */
export async function subscriberAllowed(deps: AppDeps, s: Pick<ReviewSubscriber, 'chronologyId' | 'principal' | 'sessionIdHash'>): Promise<boolean> {
  return (await accessVerdicts(deps, [s])).get(s) === 'allowed';
}

/** Sends a new review to everyone watching its chronology who may see it. Returns how many got it. */
export async function publishReview(deps: AppDeps, record: PatternReviewRecord): Promise<number> {
  let delivered = 0;
  const verdicts = await accessVerdicts(deps, [...deps.reviewEvents.subscribersOf(record.chronologyId)]);
  for (const [s, verdict] of verdicts) {
    if (verdict !== 'allowed') {
      s.close('access ended');
      continue;
    }
    const chronology = await deps.repos.chronologies.get(record.chronologyId);
    if (!chronology) continue;
    const seen = new Map((await visibleEntries(deps, s.principal, chronology, { includeWithdrawn: true })).map((e) => [e.id, e]));
    const [review] = await visibleReviews(deps, [record], seen);
    if (!review) continue;
    await audit(deps, s.principal, s.ip, { action: 'chronology:patterns', chronologyId: record.chronologyId, details: { via: 'live', reviewId: record.id } });
    s.send('review', review);
    delivered += 1;
  }
  return delivered;
}

/** The access sweep's part for review streams: close those no longer allowed. */
export async function sweepReviewStreams(deps: AppDeps): Promise<void> {
  // Every stream at once (access-sweep.ts): two reads for all of them, not a few each.
  for (const [s, verdict] of await accessVerdicts(deps, [...deps.reviewEvents.all()])) if (verdict !== 'allowed') s.close('access ended');
}
