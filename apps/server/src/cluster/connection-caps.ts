// The per-account connection cap (Limits.maxConnectionsPerPrincipal) counted across every node, in Redis.
//
// Each open websocket is one member of a sorted set per account, `mac:conns:<principal>`, scored with the
// moment it expires. Its node renews every member it holds every `renewMs` (and at once after Redis comes
// back, empty or not); a member not renewed for `ttlMs` no longer counts. So a node that dies (SIGKILL, a
// lost machine) stops renewing and its connections stop counting within `ttlMs`: nothing leaks, with no
// clean-up by anyone else. Time is Redis's (TIME inside the scripts), never a node's clock.
//
// Redis unreachable: the connection is allowed (each node's own cap still holds) and counted once Redis is
// back. An outage must not lock people out of a child's record; a cap is a guard against abuse.
import type { Redis } from './redis.js';
import { onReconnect } from './redis.js';

const CLAIM = `
local t = redis.call('TIME')
local now = tonumber(t[1]) * 1000 + math.floor(tonumber(t[2]) / 1000)
redis.call('ZREMRANGEBYSCORE', KEYS[1], '-inf', now)
if not redis.call('ZSCORE', KEYS[1], ARGV[1]) and redis.call('ZCARD', KEYS[1]) >= tonumber(ARGV[2]) then return 0 end
redis.call('ZADD', KEYS[1], now + tonumber(ARGV[3]), ARGV[1])
redis.call('PEXPIRE', KEYS[1], tonumber(ARGV[3]))
return 1
`;

const RENEW = `
local t = redis.call('TIME')
local now = tonumber(t[1]) * 1000 + math.floor(tonumber(t[2]) / 1000)
redis.call('ZADD', KEYS[1], now + tonumber(ARGV[2]), ARGV[1])
redis.call('PEXPIRE', KEYS[1], tonumber(ARGV[2]))
return 1
`;

type Scripted = Redis & {
  macClaimConnection(key: string, member: string, max: number, ttlMs: number): Promise<number>;
  macRenewConnection(key: string, member: string, ttlMs: number): Promise<number>;
};

export interface ConnectionCaps {
  /**
   * Counts a new connection of `principalId` against the cluster-wide cap: false when the account already
   * has `max` open on all nodes together. True as well when Redis cannot be reached (see above).
   */
  claim(principalId: string, connectionId: string, max: number): Promise<boolean>;
  /** The connection has closed: it stops counting at once (or, if Redis is down, within `ttlMs`). */
  release(connectionId: string): void;
  /** Open connections of the account on all nodes (tests, diagnosis); null when Redis cannot be reached. */
  count(principalId: string): Promise<number | null>;
  stop(): void;
}

export const connectionsKey = (principalId: string) => `mac:conns:${principalId}`;

export function createConnectionCaps(conn: Redis, nodeId: string, opts: { ttlMs?: number; renewMs?: number; log?: (line: string) => void } = {}): ConnectionCaps {
  const ttlMs = opts.ttlMs ?? 30_000;
  const renewMs = opts.renewMs ?? 10_000;
  const log = opts.log ?? ((line: string) => console.error(line));
  const redis = conn as Scripted;
  redis.defineCommand('macClaimConnection', { numberOfKeys: 1, lua: CLAIM });
  redis.defineCommand('macRenewConnection', { numberOfKeys: 1, lua: RENEW });
  // connection id → principal, for every connection this node holds.
  const held = new Map<string, string>();
  const member = (connectionId: string) => `${nodeId}:${connectionId}`;
  let lastLog = 0;
  const note = (what: string, err: unknown) => {
    if (Date.now() - lastLog < 60_000) return;
    lastLog = Date.now();
    log(`[mac] connection caps: ${what} (${err instanceof Error ? err.message : String(err)}); each node's own cap still applies`);
  };

  const renewAll = async () => {
    if (held.size === 0) return;
    const pipeline = redis.pipeline() as unknown as { macRenewConnection(key: string, member: string, ttlMs: number): void; exec(): Promise<unknown> };
    for (const [connectionId, principalId] of held) pipeline.macRenewConnection(connectionsKey(principalId), member(connectionId), ttlMs);
    await pipeline.exec();
  };
  const renew = () => void renewAll().catch((err: unknown) => note('could not renew the counts', err));
  const timer = setInterval(renew, renewMs);
  timer.unref();
  // Redis restarted (empty) or was unreachable: count again what this node holds.
  const stopListening = onReconnect(conn, renew);

  return {
    async claim(principalId, connectionId, max) {
      try {
        const ok = (await redis.macClaimConnection(connectionsKey(principalId), member(connectionId), max, ttlMs)) === 1;
        if (ok) held.set(connectionId, principalId);
        return ok;
      } catch (err) {
        note('Redis could not be asked, connection allowed', err);
        // Held all the same: counted by the next renewal once Redis answers.
        held.set(connectionId, principalId);
        return true;
      }
    },
    release(connectionId) {
      const principalId = held.get(connectionId);
      if (principalId === undefined) return;
      held.delete(connectionId);
      void redis.zrem(connectionsKey(principalId), member(connectionId)).catch((err: unknown) => note('could not release a connection (it expires by itself)', err));
    },
    async count(principalId) {
      try {
        const time = await redis.time();
        const now = Number(time[0]) * 1000 + Math.floor(Number(time[1]) / 1000);
        return await redis.zcount(connectionsKey(principalId), `(${now}`, '+inf');
      } catch {
        return null;
      }
    },
    stop() {
      clearInterval(timer);
      stopListening();
    },
  };
}
