import { hash, verify } from '@node-rs/argon2';
import { latencyTracing, traceCount } from '@mac/db';
import { ApiError } from '../../http/errors.js';

// OWASP's argon2id baseline (19 MiB, 2 passes, 1 lane): ~11 ms a verify on these machines.
// `algorithm: 2` is Argon2id (the package's const enum cannot be imported under verbatimModuleSyntax).
const OPTIONS = { algorithm: 2, memoryCost: 19_456, timeCost: 2, parallelism: 1 } as const;

// Hashes begun and not yet finished (on libuv's pool, four at a time, or queued there). MAC_LATENCY_TRACE
// records how many each new one found (docs/measurements/county.md, 7 December: in the county bench's rush one or
// two, up to 12 only with the machine saturated). Running them fewer at a time was measured and not kept:
// where it binds the cores are busy and the hashes slow, and a queue of them one after another waits longest.
let inFlight = 0;

/**
 * Password checks admitted at once (running on libuv's pool or queued there); one more is refused at once
 * with 503 and Retry-After instead of queuing behind them. ~15 ms of CPU each: 64 are about half a second of
 * both cores' work, so a flood of sign-ins (password spraying from many addresses, which the per-address
 * throttle does not stop) cannot queue minutes of hashing ahead of a real person's sign-in, nor hold the
 * cores from everything else for longer. The county bench's rush never had more than 12 (7 December, with
 * the machine saturated). Checked before anything depends on the account: a known and an unknown email are
 * refused alike. New passwords (`hashPassword`: an administrator, a password change) are not refused.
 */
export const PASSWORD_CHECKS_AT_ONCE = 64;
let checksAtOnce: number = PASSWORD_CHECKS_AT_ONCE;
const BUSY_RETRY_AFTER_SECONDS = 2;

/** Tests only: a smaller bound (returns the previous one). */
export function setPasswordChecksAtOnce(limit: number): number {
  const previous = checksAtOnce;
  checksAtOnce = limit;
  return previous;
}

/** Password hashes begun and not finished (tests). */
export const passwordHashesInFlight = (): number => inFlight;

function busy(): ApiError {
  return new ApiError(503, 'server_busy', `Too many people are signing in at this moment. Try again in ${BUSY_RETRY_AFTER_SECONDS} seconds.`, undefined, { retryAfterSeconds: BUSY_RETRY_AFTER_SECONDS });
}

/** Counts a hash from now until it settles (`release`), traced with how many it found. */
function begin(): () => void {
  if (latencyTracing) traceCount('password.1 hashes begun and not finished when one began (count)', inFlight);
  inFlight += 1;
  return () => void (inFlight -= 1);
}

export async function hashPassword(password: string): Promise<string> {
  const release = begin();
  try {
    return await hash(password, OPTIONS);
  } finally {
    release();
  }
}

let dummyHash: Promise<string> | null = null;

/**
 * Verifies a password against a stored hash. With no stored hash (unknown email, OIDC-only user) it
 * verifies against a dummy hash of the same cost, so the response time does not reveal which emails exist.
 * Throws 503 (`server_busy`) when PASSWORD_CHECKS_AT_ONCE checks are already under way.
 */
export async function verifyPassword(storedHash: string | null, password: string): Promise<boolean> {
  // Admitted, and counted, before anything depends on whether there is a stored hash.
  if (inFlight >= checksAtOnce) throw busy();
  const release = begin();
  try {
    if (storedHash === null) {
      dummyHash ??= hashPassword('not-a-real-password-' + Math.random().toString(36));
      await verify(await dummyHash, password).catch(() => false);
      return false;
    }
    try {
      return await verify(storedHash, password);
    } catch {
      return false;
    }
  } finally {
    release();
  }
}

/** Warm the dummy hash at start-up so the first unknown-email login is not slower than the rest. */
export async function primeDummyHash(): Promise<void> {
  dummyHash ??= hashPassword('not-a-real-password-' + Math.random().toString(36));
  await dummyHash;
}
