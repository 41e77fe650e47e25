/**
 * Which MAC account an ID token speaks for. MAC never creates accounts from a sign-in: the identity must
 * name the email address of an existing user.
 *
 * - `email`, unless the provider says it is unverified (`email_verified: false`). Microsoft Entra ID sends
 *   no `email_verified`; in a single-tenant setup the address is one the council's directory holds.
 * - otherwise `preferred_username` when it is an email address: Entra puts the user principal name there
 *   (jane.smith@council.gov.uk), and a user without a mailbox has no `email` claim at all.
 */
export type IdentityMatch =
  | { ok: true; email: string; claim: 'email' | 'preferred_username' }
  | { ok: false; reason: 'no_email' | 'email_not_verified' };

const EMAIL = /^[^\s@]{1,64}@[^\s@]{1,255}$/;

function asEmail(value: unknown): string | null {
  if (typeof value !== 'string') return null;
  const trimmed = value.trim();
  return EMAIL.test(trimmed) ? trimmed : null;
}

export function identityFromClaims(claims: Record<string, unknown>): IdentityMatch {
  const email = asEmail(claims.email);
  if (email) {
    if (claims.email_verified === false || claims.email_verified === 'false') return { ok: false, reason: 'email_not_verified' };
    return { ok: true, email, claim: 'email' };
  }
  const username = asEmail(claims.preferred_username);
  if (username) return { ok: true, email: username, claim: 'preferred_username' };
  return { ok: false, reason: 'no_email' };
}
