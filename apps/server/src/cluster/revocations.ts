// Revocations across nodes: when access ends on one node (sign-out, every session of a user ended because
// they were disabled or changed their password, an API token revoked, an agency removed from a
// chronology, a chronology disposed of), that node closes its own connections at once, as on one node, and
// announces it on Redis once the change is committed. Every other node then re-checks, from the database,
// the live connections the announcement names (the access sweep, ws-upgrade.ts) and closes those no longer
// allowed: milliseconds instead of its next periodic sweep.
//
// What is announced only says where to look, never what to decide: a node closes nothing on Redis's word,
// it asks the database, so a message forged by someone with access to Redis can at most make nodes look.
// Announcements lost while Redis is away are covered twice: every node's periodic sweep re-checks every
// connection from the database (twice a second), and a node whose subscription comes back sweeps at once.
import type { Redis } from './redis.js';
import { onReconnect } from './redis.js';

export const REVOCATIONS_CHANNEL = 'mac:revocations';

/** Which live connections to check again: one account's, one session's, or one chronology's. */
export type SweepScope = { principalId: string } | { sessionIdHash: string } | { chronologyId: string };

export interface Revocations {
  /** After the change is committed: tells the other nodes to check the connections in `scope` now. */
  announce(scope: SweepScope): void;
  /**
   * Subscribes: `recheck(scope)` for each announcement from another node, `recheck(null)` (everything)
   * after the subscription comes back from a Redis outage.
   */
  listen(recheck: (scope: SweepScope | null) => Promise<void>): Promise<void>;
  stop(): void;
}

/** An announcement as read from Redis, or null for anything else (a stranger's or a malformed message). */
export function parseAnnouncement(text: string): { node: string; scope: SweepScope } | null {
  let value: unknown;
  try {
    value = JSON.parse(text);
  } catch {
    return null;
  }
  if (typeof value !== 'object' || value === null) return null;
  const { node, scope } = value as { node?: unknown; scope?: unknown };
  if (typeof node !== 'string' || typeof scope !== 'object' || scope === null) return null;
  const entries = Object.entries(scope);
  if (entries.length !== 1) return null;
  const [key, id] = entries[0]!;
  if (typeof id !== 'string' || id.length === 0 || id.length > 200) return null;
  if (key === 'principalId') return { node, scope: { principalId: id } };
  if (key === 'sessionIdHash') return { node, scope: { sessionIdHash: id } };
  if (key === 'chronologyId') return { node, scope: { chronologyId: id } };
  return null;
}

export function createRevocations(publisher: Redis, subscriber: Redis, nodeId: string, opts: { log?: (line: string) => void } = {}): Revocations {
  const log = opts.log ?? ((line: string) => console.error(line));
  let lastLog = 0;
  let stopReconnect: (() => void) | null = null;
  let onMessage: ((channel: string, message: string) => void) | null = null;
  const note = (what: string, err: unknown) => {
    if (Date.now() - lastLog < 60_000) return;
    lastLog = Date.now();
    log(`[mac] revocations: ${what} (${err instanceof Error ? err.message : String(err)})`);
  };
  return {
    announce(scope) {
      // Not awaited by the request: with Redis down the other nodes' periodic sweeps close the connections.
      void publisher.publish(REVOCATIONS_CHANNEL, JSON.stringify({ node: nodeId, scope })).catch((err: unknown) => note('could not announce an end of access; other nodes find it at their next sweep', err));
    },
    async listen(recheck) {
      const run = (scope: SweepScope | null) => void recheck(scope).catch((err: unknown) => note('a re-check failed', err));
      onMessage = (channel, message) => {
        if (channel !== REVOCATIONS_CHANNEL) return;
        const parsed = parseAnnouncement(message);
        if (parsed !== null && parsed.node !== nodeId) run(parsed.scope);
      };
      subscriber.on('message', onMessage);
      stopReconnect = onReconnect(subscriber, () => run(null));
      // A node may start while Redis is away: it waits a few seconds for the subscription, then serves
      // anyway (the subscription is made when Redis answers; the periodic sweep covers the meantime).
      const subscribed = subscriber.subscribe(REVOCATIONS_CHANNEL).catch((err: unknown) => note('could not subscribe yet', err));
      await Promise.race([subscribed, new Promise((resolve) => setTimeout(resolve, 5_000).unref())]);
    },
    stop() {
      stopReconnect?.();
      if (onMessage) subscriber.off('message', onMessage);
    },
  };
}
