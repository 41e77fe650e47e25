// Emergency (break-glass) access: the checks before re-authentication and the grant after it, shared by
// the password route and the single sign-on route (which confirms the user at the provider in between).
import type { Principal } from '@mac/domain';
import type { ChronologyRecord } from '@mac/db';
import type { AppDeps } from '../deps.js';
import { ApiError, invalid, notFound } from '../http/errors.js';
import { audit } from './audit.js';

/** How long emergency access lasts; NHS emergency access is similarly short and always reviewed. */
export const BREAK_GLASS_MINUTES = 60;

/**
 * Who may ask, for which chronology, and why: a practitioner, DSL or lead signed in to the application
 * (not an agency token, not an admin), of an agency that is not a member, with a reason. Throws the
 * API error to answer otherwise; returns the chronology and the trimmed reason.
 */
export function checkBreakGlassRequest(deps: AppDeps, principal: Principal, hasSession: boolean, chronologyId: string, rawReason: string): { record: ChronologyRecord; reason: string } {
  if (principal.kind !== 'user' || principal.role === 'admin' || !hasSession) {
    throw new ApiError(403, 'forbidden', 'Emergency access is for practitioners, DSLs and leads signed in to the application.');
  }
  const record = deps.repos.chronologies.get(chronologyId);
  if (!record) throw notFound();
  if (record.memberAgencies.includes(principal.agency)) throw new ApiError(409, 'already_member', 'Your agency is a member of this chronology: you do not need emergency access.');
  const reason = rawReason.trim();
  if (reason.length < 10) throw invalid('Give the reason for emergency access.', [{ field: 'reason', message: 'Enter why you need emergency access (at least 10 characters)' }]);
  return { record, reason };
}

/**
 * After re-authentication: the grant, the lead's notification and the audit record. `via` says how the
 * user proved it was them (recorded in the audit record).
 */
export function grantBreakGlass(
  deps: AppDeps,
  principal: Principal,
  record: ChronologyRecord,
  reason: string,
  opts: { ip: string | null; sessionIdHash: string; via: 'password' | 'oidc' },
) {
  const now = deps.now();
  deps.repos.sessions.markReauthenticated(opts.sessionIdHash, now.toISOString());
  const grant = deps.repos.breakGlass.create({
    chronologyId: record.id,
    userId: principal.id,
    reason,
    grantedAt: now.toISOString(),
    expiresAt: new Date(now.getTime() + BREAK_GLASS_MINUTES * 60_000).toISOString(),
  });
  const agency = deps.repos.agencies.get(principal.agency);
  deps.repos.notifications.create({
    userId: record.leadUserId,
    chronologyId: record.id,
    kind: 'break-glass',
    message: `${principal.name} (${agency?.name ?? principal.agency}) used emergency access to ${record.child.givenName} ${record.child.familyName}'s chronology: "${reason}". Review it.`,
  });
  audit(deps, principal, opts.ip, { action: 'chronology:break-glass', chronologyId: record.id, details: { grantId: grant.id, reason, expiresAt: grant.expiresAt, reauthenticatedWith: opts.via } });
  return grant;
}
