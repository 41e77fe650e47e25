// Emergency (break-glass) access: the checks before re-authentication and the grant after it, shared by
// the password route and the single sign-on route (which confirms the user at the provider in between).
import { visibleLength, type Principal } from '@mac/domain';
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
export async function checkBreakGlassRequest(deps: AppDeps, principal: Principal, hasSession: boolean, chronologyId: string, rawReason: string): Promise<{ record: ChronologyRecord; reason: string }> {
  if (principal.kind !== 'user' || principal.role === 'admin' || !hasSession) {
    throw new ApiError(403, 'forbidden', 'Emergency access is for practitioners, DSLs and leads signed in to the application.');
  }
  const record = await deps.repos.chronologies.get(chronologyId);
  if (!record) throw notFound();
  if (record.memberAgencies.includes(principal.agency)) throw new ApiError(409, 'already_member', 'Your agency is a member of this chronology: you do not need emergency access.');
  await refuseWhileActive(deps, principal, record);
  const reason = rawReason.trim();
  // Visible characters only (@mac/domain text-rules.ts): ten zero-width spaces are no reason.
  if (visibleLength(reason) < 10) throw invalid('Give the reason for emergency access.', [{ field: 'reason', message: 'Enter why you need emergency access (at least 10 characters)' }]);
  // Each grant has its own reason: the last one's, pasted again, says nothing about why access is needed now.
  const previous = (await deps.repos.breakGlass.listForChronology(record.id)).find((g) => g.userId === principal.id);
  if (previous && sameReason(previous.reason, reason)) {
    throw invalid('Give a new reason for this emergency access.', [{ field: 'reason', message: 'Enter why you need emergency access now: it cannot be the reason you gave last time' }]);
  }
  return { record, reason };
}

const sameReason = (a: string, b: string) => a.replace(/\s+/g, ' ').trim().toLowerCase() === b.replace(/\s+/g, ' ').trim().toLowerCase();

/**
 * One running grant per user and chronology: asking again while one runs is refused (409 `already_granted`,
 * with its expiry) and extends nothing, so an hour cannot be stretched into a day by asking every hour
 * before it ends. Once it has ended, a new grant needs a new reason and is flagged as a repeat for review.
 */
async function refuseWhileActive(deps: AppDeps, principal: Principal, record: ChronologyRecord): Promise<void> {
  const active = (await deps.repos.breakGlass.activeFor(record.id, deps.now().toISOString())).find((g) => g.userId === principal.id);
  if (active) throw alreadyGranted(active);
}

function alreadyGranted(active: { id: string; expiresAt: string }): ApiError {
  return new ApiError(
    409,
    'already_granted',
    `You already have emergency access to this chronology until ${formatTime(active.expiresAt)}. Asking again does not extend it; when it ends, ask again with a new reason.`,
    undefined,
    { grantId: active.id, expiresAt: active.expiresAt },
  );
}

const formatTime = (iso: string) => new Date(iso).toLocaleTimeString('en-GB', { hour: '2-digit', minute: '2-digit', timeZone: 'Europe/London' });

/** How many grants the same user had on the same chronology before this one (0: not a repeat). */
export async function earlierGrants(deps: AppDeps, grant: { id: string; chronologyId: string; userId: string; grantedAt: string }): Promise<{ count: number; lastGrantedAt: string | null }> {
  const earlier = (await deps.repos.breakGlass.listForChronology(grant.chronologyId)).filter((g) => g.userId === grant.userId && g.id !== grant.id && g.grantedAt <= grant.grantedAt);
  return { count: earlier.length, lastGrantedAt: earlier[0]?.grantedAt ?? null };
}

/**
 * After re-authentication: the grant, the lead's notification and the audit record. `via` says how the
 * user proved it was them (recorded in the audit record).
 */
export async function grantBreakGlass(
  deps: AppDeps,
  principal: Principal,
  record: ChronologyRecord,
  reason: string,
  opts: { ip: string | null; sessionIdHash: string; via: 'password' | 'oidc' },
) {
  const now = deps.now();
  // Checked again here, in the same step as the insert (one transaction in the store): two requests
  // racing through re-authentication (an await) must not both be granted.
  const created = await deps.repos.breakGlass.createUnlessRunning({
    chronologyId: record.id,
    userId: principal.id,
    reason,
    grantedAt: now.toISOString(),
    expiresAt: new Date(now.getTime() + BREAK_GLASS_MINUTES * 60_000).toISOString(),
  });
  if (created.grant === null) throw alreadyGranted(created.running);
  const grant = created.grant;
  await deps.repos.sessions.markReauthenticated(opts.sessionIdHash, now.toISOString());
  const agency = await deps.repos.agencies.get(principal.agency);
  const repeat = (await earlierGrants(deps, grant)).count;
  await deps.repos.notifications.create({
    userId: record.leadUserId,
    chronologyId: record.id,
    kind: 'break-glass',
    message: `${principal.name} (${agency?.name ?? principal.agency}) used emergency access to ${record.child.givenName} ${record.child.familyName}'s chronology${repeat > 0 ? ` again (${repeat + 1} times now)` : ''}: "${reason}". Review it.`,
  });
  await audit(deps, principal, opts.ip, { action: 'chronology:break-glass', chronologyId: record.id, details: { grantId: grant.id, reason, expiresAt: grant.expiresAt, reauthenticatedWith: opts.via, repeat } });
  return grant;
}
