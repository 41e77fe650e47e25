// What one node allows each account, kept in token buckets: new connections a minute, the back-off after
// refused changes, and write volume (amendments and bytes a minute). The room manager asks before it admits
// a connection and charges every accepted write (websocket or REST); with several nodes the server counts
// the same things across nodes too (through `onRefusal` / `onCharge`).
import type { Limits } from './limits.js';
import { createTokenBucket, type TokenBucket } from './rate-limit.js';
import type { WriteCost } from './write-volume.js';

export type Admission = { ok: true } | { ok: false; reason: string; retryAfterMs: number };

export interface AccountBudgets {
  /** May this account open a connection now? Spends one of its new connections when it may. */
  admit(principalId: string): Admission;
  /** How long until the account's write volume allows a write again (0: now). */
  writeWait(principalId: string): number;
  /** Spends an accepted write's cost; false when the account is now over either volume budget. */
  charge(principalId: string, cost: WriteCost): boolean;
  /** One of the account's changes was refused: counts towards its back-off. */
  refused(principalId: string): void;
}

interface Buckets {
  opens: TokenBucket;
  refusals: TokenBucket;
  amendments: TokenBucket;
  bytes: TokenBucket;
  lastSeen: number;
}

/** Accounts kept before those not seen for ten minutes (whose buckets are full again by then) are forgotten. */
const KEPT = 10_000;

export function createAccountBudgets(
  limits: Limits,
  now: () => number,
  hooks: { onRefusal?: (principalId: string) => void; onCharge?: (principalId: string, cost: WriteCost) => void } = {},
): AccountBudgets {
  const accounts = new Map<string, Buckets>();

  const of = (principalId: string): Buckets => {
    let a = accounts.get(principalId);
    if (a === undefined) {
      if (accounts.size >= KEPT) for (const [id, old] of accounts) if (now() - old.lastSeen > 600_000) accounts.delete(id);
      a = {
        opens: createTokenBucket(limits.connectionsPerMinute / 60, Math.max(1, limits.connectionsPerMinute / 2)),
        refusals: createTokenBucket(1000 / limits.refusalRefillMs, limits.refusalBurst),
        amendments: createTokenBucket(limits.amendmentsPerMinute / 60, limits.amendmentsPerMinute / 2),
        bytes: createTokenBucket(limits.writeBytesPerMinute / 60, limits.writeBytesPerMinute / 2),
        lastSeen: now(),
      };
      accounts.set(principalId, a);
    }
    a.lastSeen = now();
    return a;
  };

  const writeWait = (principalId: string): number => {
    const a = of(principalId);
    const t = now();
    return Math.max(a.amendments.spend(t, 0) ? 0 : a.amendments.waitMs(t), a.bytes.spend(t, 0) ? 0 : a.bytes.waitMs(t));
  };

  return {
    admit(principalId) {
      const a = of(principalId);
      const t = now();
      const refusalWait = a.refusals.waitMs(t);
      if (refusalWait > 0) {
        return { ok: false, reason: 'too many refused changes from this account: wait before reconnecting', retryAfterMs: refusalWait };
      }
      // Over its write volume, an account reconnects only once the budget has refilled: the slowing down.
      const volume = writeWait(principalId);
      if (volume > 0) return { ok: false, reason: 'too many changes from this account: wait before reconnecting', retryAfterMs: volume };
      if (!a.opens.take(t)) return { ok: false, reason: 'too many new connections from this account', retryAfterMs: a.opens.waitMs(t) };
      return { ok: true };
    },

    writeWait,

    charge(principalId, cost) {
      const a = of(principalId);
      const t = now();
      const amendmentsOk = a.amendments.spend(t, cost.amendments);
      const bytesOk = a.bytes.spend(t, cost.bytes);
      hooks.onCharge?.(principalId, cost);
      return amendmentsOk && bytesOk;
    },

    refused(principalId) {
      of(principalId).refusals.take(now());
      hooks.onRefusal?.(principalId);
    },
  };
}
