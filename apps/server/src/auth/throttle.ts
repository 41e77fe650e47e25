import type { AppDeps } from '../deps.js';

// Failed sign-ins are counted per account and per address over a sliding window. The per-account limit
// applies whether or not the email exists, so the throttle itself reveals nothing.
export const THROTTLE = { windowMs: 15 * 60_000, perAccount: 5, perAddress: 30 } as const;

export function throttleKeys(email: string, ip: string | null): { account: string; address: string | null } {
  return { account: `email:${email.trim().toLowerCase()}`, address: ip ? `ip:${ip}` : null };
}

export function isThrottled(deps: AppDeps, email: string, ip: string | null): boolean {
  const since = new Date(deps.now().getTime() - THROTTLE.windowMs).toISOString();
  const keys = throttleKeys(email, ip);
  if (deps.repos.loginAttempts.countSince(keys.account, since) >= THROTTLE.perAccount) return true;
  return keys.address !== null && deps.repos.loginAttempts.countSince(keys.address, since) >= THROTTLE.perAddress;
}

export function recordFailure(deps: AppDeps, email: string, ip: string | null): void {
  const at = deps.now().toISOString();
  const keys = throttleKeys(email, ip);
  deps.repos.loginAttempts.record(keys.account, at);
  if (keys.address) deps.repos.loginAttempts.record(keys.address, at);
}

export function clearFailures(deps: AppDeps, email: string): void {
  deps.repos.loginAttempts.clear(throttleKeys(email, null).account);
}
