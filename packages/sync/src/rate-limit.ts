// A token bucket: `perSecond` on average, bursts up to `burst`. Time comes from the caller so that tests
// (and the room manager's injected clock) decide what "now" is.

export interface TokenBucket {
  /** Takes a token if there is one. */
  take(now: number): boolean;
  /** Milliseconds until a token will be available (0 if one is). */
  waitMs(now: number): number;
  /**
   * Spends `amount` tokens whatever is left (the bucket may go into debt: the work is already done) and
   * says whether it is still within its budget.
   */
  spend(now: number, amount: number): boolean;
}

export function createTokenBucket(perSecond: number, burst: number = perSecond): TokenBucket {
  let tokens = burst;
  let last: number | null = null;
  const refill = (now: number) => {
    if (last !== null && now > last) tokens = Math.min(burst, tokens + ((now - last) * perSecond) / 1000);
    last = last === null ? now : Math.max(last, now);
  };
  return {
    take(now) {
      refill(now);
      if (tokens < 1) return false;
      tokens -= 1;
      return true;
    },
    waitMs(now) {
      refill(now);
      return tokens >= 1 ? 0 : Math.ceil(((1 - tokens) * 1000) / perSecond);
    },
    spend(now, amount) {
      refill(now);
      tokens -= amount;
      return tokens >= 0;
    },
  };
}
