// Password guessing is throttled, never answered with a lockout (NCSC password guidance: lockout lets
// anyone lock the real owner out). Failures are counted per (account, source address) and per source
// address, each with progressive delays, so a person signing in from an address that has not failed is
// never refused because someone elsewhere failed against their account. Sign-in and the routes that ask
// for the password again (emergency access, password change) share the same counts.
//
// The break-glass NHS-number lookup confirms which children have a chronology, so it is limited per user
// over sliding windows.
import type { AppDeps } from '../../deps.js';
import { TooManyRequests } from '../../http/errors.js';
import { plural } from '@mac/domain';

export interface ProgressiveRule {
  /** Failures older than this are forgotten. */
  windowMs: number;
  /** Failures allowed before any delay. */
  free: number;
  /** The delay after the first failure beyond `free`; doubled with each further failure, up to `capMs`. */
  baseMs: number;
  capMs: number;
}

export const PASSWORD_THROTTLE = {
  /** One account from one address: three mistakes are free, then 2 s, 4 s, 8 s … up to 15 minutes. */
  pair: { windowMs: 24 * 3_600_000, free: 3, baseMs: 2_000, capMs: 15 * 60_000 },
  /** One address against any accounts (password spraying): 30 in 15 minutes, then 1 s, 2 s … up to 15 minutes. */
  address: { windowMs: 15 * 60_000, free: 30, baseMs: 1_000, capMs: 15 * 60_000 },
} as const satisfies Record<string, ProgressiveRule>;

export interface SlidingLimit {
  windowMs: number;
  max: number;
}

/** Emergency-access lookups per user: 10 an hour and 30 a day (real use is a handful a shift). */
export const LOOKUP_LIMITS: readonly SlidingLimit[] = [
  { windowMs: 3_600_000, max: 10 },
  { windowMs: 24 * 3_600_000, max: 30 },
];

/** How long to wait after the last of `failures` failures (pure: the policy, tested on its own). */
export function delayAfter(failures: number, rule: ProgressiveRule): number {
  if (failures < rule.free) return 0;
  return Math.min(rule.capMs, rule.baseMs * 2 ** Math.min(failures - rule.free, 30));
}

/** Milliseconds until a progressive rule admits the next attempt, given its failures (ISO, oldest first). */
export function progressiveWait(times: readonly string[], rule: ProgressiveRule, nowMs: number): number {
  const last = times.at(-1);
  if (last === undefined) return 0;
  return Math.max(0, Date.parse(last) + delayAfter(times.length, rule) - nowMs);
}

/** Milliseconds until a sliding window has room again, given its events (ISO, oldest first, within the window). */
export function slidingWait(times: readonly string[], limit: SlidingLimit, nowMs: number): number {
  if (times.length < limit.max) return 0;
  const freesUp = times[times.length - limit.max]!;
  return Math.max(0, Date.parse(freesUp) + limit.windowMs - nowMs);
}

const normaliseEmail = (email: string) => email.trim().toLowerCase();
const addressOf = (ip: string | null) => ip ?? 'unknown';

export function passwordThrottleKeys(email: string, ip: string | null): { pair: string; address: string } {
  return { pair: `pair:${normaliseEmail(email)}|${addressOf(ip)}`, address: `ip:${addressOf(ip)}` };
}

/** What the throttle found before a password check: how long to wait (0: go ahead) and the pair's failures. */
export interface PasswordThrottle {
  waitMs: number;
  /** Failures of this account from this address within the pair's window: none means nothing to clear. */
  pairFailures: number;
}

/** How long this account must wait from this address before its password is checked again, and why. */
export async function passwordThrottle(deps: AppDeps, email: string, ip: string | null): Promise<PasswordThrottle> {
  const nowMs = deps.now().getTime();
  const keys = passwordThrottleKeys(email, ip);
  const since = (rule: ProgressiveRule) => new Date(nowMs - rule.windowMs).toISOString();
  // Both at once: on the write lane (reads.ts says why) each read waits for the batch in flight.
  const [pairTimes, addressTimes] = await Promise.all([
    deps.repos.loginAttempts.timesSince(keys.pair, since(PASSWORD_THROTTLE.pair)),
    deps.repos.loginAttempts.timesSince(keys.address, since(PASSWORD_THROTTLE.address)),
  ]);
  const waitMs = Math.max(progressiveWait(pairTimes, PASSWORD_THROTTLE.pair, nowMs), progressiveWait(addressTimes, PASSWORD_THROTTLE.address, nowMs));
  return { waitMs, pairFailures: pairTimes.length };
}

/** Milliseconds this account must wait from this address before its password is checked again (0: go ahead). */
export async function passwordWaitMs(deps: AppDeps, email: string, ip: string | null): Promise<number> {
  return (await passwordThrottle(deps, email, ip)).waitMs;
}

/**
 * Throws 429 with Retry-After when the password may not be checked yet. `what` names the attempt for the
 * message. Returns what was found, for clearPasswordFailures.
 */
export async function assertPasswordNotThrottled(deps: AppDeps, email: string, ip: string | null, what: 'sign-in' | 'password'): Promise<PasswordThrottle> {
  const found = await passwordThrottle(deps, email, ip);
  const wait = found.waitMs;
  if (wait <= 0) return found;
  const seconds = Math.ceil(wait / 1000);
  const message =
    what === 'sign-in'
      ? `Too many sign-in attempts. Wait ${describeWait(seconds)} and try again, or ask your administrator to reset your password.`
      : `Too many wrong passwords. Wait ${describeWait(seconds)} and try again.`;
  throw new TooManyRequests('too_many_attempts', message, seconds);
}

export async function recordPasswordFailure(deps: AppDeps, email: string, ip: string | null): Promise<void> {
  const now = deps.now();
  const keys = passwordThrottleKeys(email, ip);
  await deps.repos.loginAttempts.record(keys.pair, now.toISOString());
  await deps.repos.loginAttempts.record(keys.address, now.toISOString());
  // Nothing looks further back than the longest window; the table stays the size of a day's failures.
  await deps.repos.loginAttempts.purgeBefore(new Date(now.getTime() - 24 * 3_600_000).toISOString());
}

/**
 * A correct password from this address forgets this address's failures for the account (not the address's).
 * Given what the throttle found before the check, a pair with no failures costs no write (most sign-ins:
 * each durable write waits for a commit, and a sign-in made several in a row).
 */
export async function clearPasswordFailures(deps: AppDeps, email: string, ip: string | null, found?: PasswordThrottle): Promise<void> {
  if (found !== undefined && found.pairFailures === 0) return;
  await deps.repos.loginAttempts.clear(passwordThrottleKeys(email, ip).pair);
}

/** Counts one emergency-access lookup by the user, or throws 429 with Retry-After when over the limits. */
export async function takeLookup(deps: AppDeps, userId: string): Promise<void> {
  const nowMs = deps.now().getTime();
  const key = `lookup:${userId}`;
  const longest = Math.max(...LOOKUP_LIMITS.map((l) => l.windowMs));
  const times = await deps.repos.loginAttempts.timesSince(key, new Date(nowMs - longest).toISOString());
  const wait = Math.max(...LOOKUP_LIMITS.map((limit) => slidingWait(times.filter((t) => Date.parse(t) > nowMs - limit.windowMs), limit, nowMs)));
  if (wait > 0) {
    const seconds = Math.ceil(wait / 1000);
    throw new TooManyRequests('too_many_lookups', `You have looked up too many NHS numbers. Wait ${describeWait(seconds)} and try again; if this is an emergency, ask the child's lead professional directly.`, seconds);
  }
  await deps.repos.loginAttempts.record(key, new Date(nowMs).toISOString());
}

function describeWait(seconds: number): string {
  if (seconds < 60) return plural(seconds, 'second');
  const minutes = Math.ceil(seconds / 60);
  return plural(minutes, 'minute');
}
