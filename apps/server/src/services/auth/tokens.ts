import { hash, randomBytes, timingSafeEqual } from 'node:crypto';

/** 256 bits of randomness, URL-safe: session cookies and API tokens. */
export function newSecret(prefix = ''): string {
  return prefix + randomBytes(32).toString('base64url');
}

/**
 * What we store instead of a secret: a database leak must not yield usable sessions or tokens. Every request
 * hashes its cookie: the one-shot hash, half the cost of a Hash object (~0.8 against ~1.6 µs).
 */
export function hashSecret(secret: string): string {
  return hash('sha256', secret, 'hex');
}

export function safeEqual(a: string, b: string): boolean {
  const ab = Buffer.from(a);
  const bb = Buffer.from(b);
  return ab.length === bb.length && timingSafeEqual(ab, bb);
}
