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
import { decide, type Principal } from '@mac/domain';
import type { PatternReviewRecord } from '@mac/db';
import type { AppDeps } from '../deps.js';
import { accessOf } from './access.js';
import { audit } from './audit.js';
import { visibleEntries } from './exchange.js';
import { visibleReviews, type VisibleReview } from './patterns.js';

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

export interface ReviewEvents {
  subscribe(subscriber: ReviewSubscriber): () => void;
  subscribersOf(chronologyId: string): ReviewSubscriber[];
  all(): ReviewSubscriber[];
  closeAll(reason: string): void;
}

export function createReviewEvents(): ReviewEvents {
  const byChronology = new Map<string, Set<ReviewSubscriber>>();
  return {
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

/** Whether a subscriber may still receive anything: session (or token) alive, chronology readable. */
export async function subscriberAllowed(deps: AppDeps, s: Pick<ReviewSubscriber, 'chronologyId' | 'principal' | 'sessionIdHash'>): Promise<boolean> {
  const now = deps.now().getTime();
  if (s.sessionIdHash !== null) {
    const session = await deps.repos.sessions.get(s.sessionIdHash);
    const user = session ? await deps.repos.users.byId(session.userId) : null;
    const alive =
      !!session &&
      !session.revokedAt &&
      Date.parse(session.expiresAt) > now &&
      Date.parse(session.lastSeenAt) + deps.config.sessionIdleMs > now &&
      !!user &&
      !user.disabled;
    if (!alive) return false;
  } else if (s.principal.kind === 'token') {
    const token = await deps.repos.apiTokens.byId(s.principal.id.slice('token:'.length));
    if (!token || token.revokedAt) return false;
  } else {
    return false;
  }
  const record = await deps.repos.chronologies.get(s.chronologyId);
  return !!record && decide(s.principal, 'chronology:read', await accessOf(deps, record)).allowed;
}

/** Sends a new review to everyone watching its chronology who may see it. Returns how many got it. */
export async function publishReview(deps: AppDeps, record: PatternReviewRecord): Promise<number> {
  let delivered = 0;
  for (const s of deps.reviewEvents.subscribersOf(record.chronologyId)) {
    if (!await subscriberAllowed(deps, s)) {
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
  for (const s of deps.reviewEvents.all()) if (!await subscriberAllowed(deps, s)) s.close('access ended');
}
