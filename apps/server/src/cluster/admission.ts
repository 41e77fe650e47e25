// Admission across nodes (Limits.connectionsPerMinute, refusalBurst/refusalRefillMs): the same token
// buckets as each node's own (packages/sync rate-limit.ts), kept in Redis so an account cannot multiply its
// allowance by spreading its connections over the nodes. Each bucket is a hash with its tokens and when
// they were counted, refilled by Redis's own clock inside the script, and expiring once it would be full
// again: an account that stops leaves nothing behind.
//
// Redis unreachable: allowed (each node's own buckets still apply), as for the connection cap.
import type { Admission, Limits } from '@mac/sync';
import type { Redis } from './redis.js';
import { volumeKeys, volumeShape } from './write-volume.js';

// KEYS[1]: the account's refusals bucket (peeked: connections closed for refused messages, one refill per
// refusalRefillMs), KEYS[2]: its new-connections bucket (one token taken), KEYS[3] and KEYS[4]: its write
// volume (amendments, bytes; peeked). ARGV: per-ms rates and bursts, in that order.
// Returns { 1 } or { 0, wait ms, which }.
const ADMIT = `
local t = redis.call('TIME')
local now = tonumber(t[1]) * 1000 + math.floor(tonumber(t[2]) / 1000)
local function level(key, rate, burst)
  local v = redis.call('HMGET', key, 'tokens', 'at')
  local tokens = tonumber(v[1]) or burst
  local at = tonumber(v[2]) or now
  if now > at then tokens = math.min(burst, tokens + (now - at) * rate) end
  return tokens
end
local function store(key, tokens, rate, burst)
  redis.call('HSET', key, 'tokens', tostring(tokens), 'at', tostring(now))
  redis.call('PEXPIRE', key, math.ceil((burst - tokens) / rate) + 1000)
end
local rRate, rBurst, oRate, oBurst = tonumber(ARGV[1]), tonumber(ARGV[2]), tonumber(ARGV[3]), tonumber(ARGV[4])
local refusals = level(KEYS[1], rRate, rBurst)
if refusals < 1 then return { 0, math.ceil((1 - refusals) / rRate), 'refusals' } end
for i = 3, 4 do
  -- The account's write volume across nodes (write-volume.ts), peeked: in debt, it waits to refill.
  local vRate, vBurst = tonumber(ARGV[i * 2 - 1]), tonumber(ARGV[i * 2])
  local volume = level(KEYS[i], vRate, vBurst)
  if volume < 0 then return { 0, math.ceil(-volume / vRate), 'volume' } end
end
local opens = level(KEYS[2], oRate, oBurst)
if opens < 1 then return { 0, math.ceil((1 - opens) / oRate), 'opens' } end
store(KEYS[2], opens - 1, oRate, oBurst)
return { 1 }
`;

// KEYS[1]: the refusals bucket; one token taken if there is one.
const REFUSED = `
local t = redis.call('TIME')
local now = tonumber(t[1]) * 1000 + math.floor(tonumber(t[2]) / 1000)
local rate, burst = tonumber(ARGV[1]), tonumber(ARGV[2])
local v = redis.call('HMGET', KEYS[1], 'tokens', 'at')
local tokens = tonumber(v[1]) or burst
local at = tonumber(v[2]) or now
if now > at then tokens = math.min(burst, tokens + (now - at) * rate) end
if tokens >= 1 then tokens = tokens - 1 end
redis.call('HSET', KEYS[1], 'tokens', tostring(tokens), 'at', tostring(now))
redis.call('PEXPIRE', KEYS[1], math.ceil((burst - tokens) / rate) + 1000)
return 1
`;

type Scripted = Redis & {
  macAdmit(
    refusalsKey: string,
    opensKey: string,
    amendKey: string,
    bytesKey: string,
    rRate: number,
    rBurst: number,
    oRate: number,
    oBurst: number,
    aRate: number,
    aBurst: number,
    bRate: number,
    bBurst: number,
  ): Promise<[number, number?, string?]>;
  macRefused(refusalsKey: string, rate: number, burst: number): Promise<number>;
};

export interface ClusterAdmission {
  /** Asked after the node's own `rooms.admit`: the account's buckets across all nodes. */
  admit(principalId: string): Promise<Admission>;
  /** A connection of the account was closed for a refused message (on this node). */
  refused(principalId: string): void;
}

export function createClusterAdmission(conn: Redis, limits: Limits, opts: { log?: (line: string) => void } = {}): ClusterAdmission {
  const log = opts.log ?? ((line: string) => console.error(line));
  const redis = conn as Scripted;
  redis.defineCommand('macAdmit', { numberOfKeys: 4, lua: ADMIT });
  redis.defineCommand('macRefused', { numberOfKeys: 1, lua: REFUSED });
  // The same shapes as room-manager.ts's buckets, in tokens per millisecond.
  const refusalRate = 1 / limits.refusalRefillMs;
  const refusalBurst = limits.refusalBurst;
  const opensRate = limits.connectionsPerMinute / 60_000;
  const opensBurst = Math.max(1, limits.connectionsPerMinute / 2);
  const volume = volumeShape(limits);
  let lastLog = 0;
  const note = (err: unknown) => {
    if (Date.now() - lastLog < 60_000) return;
    lastLog = Date.now();
    log(`[mac] admission across nodes: Redis could not be asked (${err instanceof Error ? err.message : String(err)}); each node's own limits still apply`);
  };
  return {
    async admit(principalId) {
      try {
        const [amendKey, bytesKey] = volumeKeys(principalId);
        const [ok, wait, which] = await redis.macAdmit(
          `mac:adm:refusals:${principalId}`,
          `mac:adm:opens:${principalId}`,
          amendKey,
          bytesKey,
          refusalRate,
          refusalBurst,
          opensRate,
          opensBurst,
          volume.amendRate,
          volume.amendBurst,
          volume.bytesRate,
          volume.bytesBurst,
        );
        if (ok === 1) return { ok: true };
        const reason =
          which === 'refusals'
            ? 'too many refused changes from this account: wait before reconnecting'
            : which === 'volume'
              ? 'too many changes from this account: wait before reconnecting'
              : 'too many new connections from this account';
        return { ok: false, reason, retryAfterMs: wait ?? 1000 };
      } catch (err) {
        note(err);
        return { ok: true };
      }
    },
    refused(principalId) {
      void redis.macRefused(`mac:adm:refusals:${principalId}`, refusalRate, refusalBurst).catch(note);
    },
  };
}
