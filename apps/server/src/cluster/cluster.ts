// What several nodes share through Redis beyond the live rooms (issue 19 item 4): the connection cap and
// admission counted across nodes, and revocations announced to every node. Made only with REDIS_URL.
import { resolveLimits, type Limits } from '@mac/sync';
import { createClusterAdmission, type ClusterAdmission } from './admission.js';
import { createConnectionCaps, type ConnectionCaps } from './connection-caps.js';
import type { RedisConnections } from './redis.js';
import { createRevocations, type Revocations, type SweepScope } from './revocations.js';
import { createReviewFanout, type ReviewFanout } from './review-fanout.js';
import { createClusterWriteVolume, type ClusterWriteVolume } from './write-volume.js';

export interface ClusterServices {
  readonly nodeId: string;
  readonly limits: Limits;
  caps: ConnectionCaps;
  admission: ClusterAdmission;
  revocations: Revocations;
  /** Live reviews of highlights, to every node's review streams (review-fanout.ts). */
  reviews: ReviewFanout;
  /** Write volume across nodes (write-volume.ts). */
  volume: ClusterWriteVolume;
  stop(): void;
}

/**
 * `overBudget(principalId)`: Redis says the account is over its write volume across the nodes; the caller
 * closes its live connections on this node (4429), as the room manager does for its own budget.
 */
export function createClusterServices(redis: RedisConnections, limitOverrides: Partial<Limits> | undefined, overBudget: (principalId: string) => void): ClusterServices {
  const limits = resolveLimits(limitOverrides);
  const counts = redis.command('counts');
  const caps = createConnectionCaps(counts, redis.nodeId);
  const admission = createClusterAdmission(counts, limits);
  const volume = createClusterWriteVolume(counts, limits, overBudget);
  const publisher = redis.command('publish');
  const subscriber = redis.subscriber('announcements');
  const revocations = createRevocations(publisher, subscriber, redis.nodeId);
  const reviews = createReviewFanout(publisher, subscriber, redis.nodeId);
  return {
    nodeId: redis.nodeId,
    limits,
    caps,
    admission,
    revocations,
    reviews,
    volume,
    stop() {
      caps.stop();
      revocations.stop();
      reviews.stop();
    },
  };
}

/**
 * After a committed change that ends someone's access (the caller has closed this node's connections):
 * tells the other nodes to check theirs now. Nothing on one node.
 */
export function announceEndOfAccess(deps: { cluster: ClusterServices | null }, scope: SweepScope): void {
  deps.cluster?.revocations.announce(scope);
}

/** After a review of a highlight is committed: the other nodes' review streams get it. Nothing on one node. */
export function announceReview(deps: { cluster: ClusterServices | null }, reviewId: string): void {
  deps.cluster?.reviews.announce(reviewId);
}
