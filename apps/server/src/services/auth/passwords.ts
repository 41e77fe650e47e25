import { hash, verify } from '@node-rs/argon2';
import { latencyTracing, traceCount } from '@mac/db';

// OWASP's argon2id baseline (19 MiB, 2 passes, 1 lane): ~11 ms a verify on these machines.
// `algorithm: 2` is Argon2id (the package's const enum cannot be imported under verbatimModuleSyntax).
const OPTIONS = { algorithm: 2, memoryCost: 19_456, timeCost: 2, parallelism: 1 } as const;

// Hashes begun and not yet finished (on libuv's pool, or queued there). MAC_LATENCY_TRACE records how many
// each new one found: whether sign-ins' hashes pile up and share the cores (docs/operations.md, 7 December:
// they did not; at most two or three at once in the county bench's rush), before anyone limits them.
let inFlight = 0;

async function counted<T>(work: () => Promise<T>): Promise<T> {
  if (latencyTracing) traceCount('password.1 hashes begun and not finished when one began (count)', inFlight);
  inFlight += 1;
  try {
    return await work();
  } finally {
    inFlight -= 1;
  }
}

export function hashPassword(password: string): Promise<string> {
  return counted(() => hash(password, OPTIONS));
}

let dummyHash: Promise<string> | null = null;

/**
 * Verifies a password against a stored hash. With no stored hash (unknown email, OIDC-only user) it
 * verifies against a dummy hash of the same cost, so the response time does not reveal which emails exist.
 */
export async function verifyPassword(storedHash: string | null, password: string): Promise<boolean> {
  if (storedHash === null) {
    dummyHash ??= hashPassword('not-a-real-password-' + Math.random().toString(36));
    const dummy = await dummyHash;
    await counted(() => verify(dummy, password)).catch(() => false);
    return false;
  }
  try {
    return await counted(() => verify(storedHash, password));
  } catch {
    return false;
  }
}

/** Warm the dummy hash at start-up so the first unknown-email login is not slower than the rest. */
export async function primeDummyHash(): Promise<void> {
  dummyHash ??= hashPassword('not-a-real-password-' + Math.random().toString(36));
  await dummyHash;
}
