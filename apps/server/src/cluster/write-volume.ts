// Write volume across nodes (Limits.amendmentsPerMinute, writeBytesPerMinute): every write a node charges
// to an account (its websockets' and its REST writes, through the room manager) is also spent from the
// account's two buckets in Redis, which may go into debt as the node's own do (the work is done). When
// Redis says the account is over, this node holds its writes back until the budget has refilled
// (`allowance`, asked by REST before a write) and closes its live connections with 4429, as the room
// manager does for its own budget; other nodes find out at their next charge of that account, and refuse
// its new connections meanwhile (admission.ts peeks these buckets). So an account writing through several
// nodes at once gets one budget, give or take one write per node.
//
// Redis unreachable: each node's own budget applies.
import type { Admission, Limits, WriteCost } from '@mac/sync';
import type { Redis } from './redis.js';

const SPEND = `
local t = redis.call('TIME')
local now = tonumber(t[1]) * 1000 + math.floor(tonumber(t[2]) / 1000)
local wait = 0
for i = 1, 2 do
  local rate, burst, cost = tonumber(ARGV[i * 3 - 2]), tonumber(ARGV[i * 3 - 1]), tonumber(ARGV[i * 3])
  local v = redis.call('HMGET', KEYS[i], 'tokens', 'at')
  local tokens = tonumber(v[1]) or burst
  local at = tonumber(v[2]) or now
  if now > at then tokens = math.min(burst, tokens + (now - at) * rate) end
  tokens = tokens - cost
  redis.call('HSET', KEYS[i], 'tokens', tostring(tokens), 'at', tostring(now))
  redis.call('PEXPIRE', KEYS[i], math.ceil((burst - tokens) / rate) + 1000)
  if tokens < 0 then wait = math.max(wait, math.ceil(-tokens / rate)) end
end
return wait
`;

type Scripted = Redis & {
  macSpendVolume(amendKey: string, bytesKey: string, aRate: number, aBurst: number, aCost: number, bRate: number, bBurst: number, bCost: number): Promise<number>;
};

export const volumeKeys = (principalId: string) => [`mac:vol:amend:${principalId}`, `mac:vol:bytes:${principalId}`] as const;

/** Rates (per ms) and bursts of the two buckets, as room-manager.ts shapes its own. */
export function volumeShape(limits: Limits) {
  return {
    amendRate: limits.amendmentsPerMinute / 60_000,
    amendBurst: limits.amendmentsPerMinute / 2,
    bytesRate: limits.writeBytesPerMinute / 60_000,
    bytesBurst: limits.writeBytesPerMinute / 2,
  };
}

export interface ClusterWriteVolume {
  /** A write was charged to the account on this node: spend it across nodes too. */
  charged(principalId: string, cost: WriteCost): void;
  /** Whether this node should let the account write now (synchronous: what Redis last said). */
  allowance(principalId: string): Admission;
}

export function createClusterWriteVolume(
  conn: Redis,
  limits: Limits,
  overBudget: (principalId: string) => void,
  opts: { log?: (line: string) => void; now?: () => number } = {},
): ClusterWriteVolume {
  const log = opts.log ?? ((line: string) => console.error(line));
  const now = opts.now ?? Date.now;
  const redis = conn as Scripted;
  redis.defineCommand('macSpendVolume', { numberOfKeys: 2, lua: SPEND });
  const shape = volumeShape(limits);
  const blockedUntil = new Map<string, number>();
  let lastLog = 0;
  return {
    charged(principalId, cost) {
      if (cost.amendments === 0 && cost.bytes === 0) return;
      const [amendKey, bytesKey] = volumeKeys(principalId);
      void redis
        .macSpendVolume(amendKey, bytesKey, shape.amendRate, shape.amendBurst, cost.amendments, shape.bytesRate, shape.bytesBurst, cost.bytes)
        .then((wait) => {
          if (wait <= 0) return;
          blockedUntil.set(principalId, now() + wait);
          overBudget(principalId);
        })
        .catch((err: unknown) => {
          if (Date.now() - lastLog < 60_000) return;
          lastLog = Date.now();
          log(`[mac] write volume across nodes: Redis could not be asked (${err instanceof Error ? err.message : String(err)}); each node's own budget still applies`);
        });
    },
    allowance(principalId) {
      const until = blockedUntil.get(principalId);
      if (until === undefined) return { ok: true };
      const wait = until - now();
      if (wait <= 0) {
        blockedUntil.delete(principalId);
        return { ok: true };
      }
      return { ok: false, reason: 'too many changes from this account', retryAfterMs: wait };
    },
  };
}
