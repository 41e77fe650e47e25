import { storageFailure } from '@mac/db';
import type { SessionRecord, UserRecord } from '@mac/db';
import type { Principal, Role } from '@mac/domain';
import type { AppDeps } from '../../deps.js';
import { hashSecret, newSecret } from './tokens.js';

export interface ResolvedSession {
  idHash: string;
  principal: Principal;
  email: string;
  createdAt: string;
  reauthenticatedAt: string | null;
}

export function userPrincipal(user: { id: string; role: string; agency: string; name: string }): Principal {
  return { id: user.id, kind: 'user', role: user.role as Role, agency: user.agency, name: user.name };
}

/** Starts a server-side session; returns the raw cookie value (never stored) and its lifetime. */
export async function startSession(deps: AppDeps, userId: string, meta: { ip: string | null; userAgent: string | null }) {
  const secret = newSecret();
  const now = deps.now();
  const expiresAt = new Date(now.getTime() + deps.config.sessionMaxMs).toISOString();
  await deps.repos.sessions.create({ idHash: hashSecret(secret), userId, expiresAt, ip: meta.ip, userAgent: meta.userAgent });
  return { secret, maxAgeSeconds: deps.config.sessionMaxMs / 1000 };
}

/**
 * The one rule for whether a session still signs its person in, used by every request (resolveSession)
 * and by the sweep that closes live connections (ws-upgrade.ts): not revoked, within its absolute
 * lifetime, not idle for longer than the idle timeout, and its user enabled and approved (an account
 * awaiting its second approver has no session; sign-in refuses it, this covers single sign-on). Given
 * no user, only the session's own limits are checked (to skip the user's lookup when they already fail).
 */
export function sessionLive(session: Pick<SessionRecord, 'revokedAt' | 'expiresAt' | 'lastSeenAt'>, user: Pick<UserRecord, 'disabled' | 'approvedAt'> | null, now: number, idleMs: number): boolean {
  if (session.revokedAt) return false;
  if (Date.parse(session.expiresAt) <= now) return false;
  if (Date.parse(session.lastSeenAt) + idleMs <= now) return false;
  return user === null || (!user.disabled && user.approvedAt !== null);
}

/**
 * Looks a session up and enforces its limits: revoked, past its absolute lifetime (12 h by default), idle
 * longer than the idle timeout (30 min), or belonging to a disabled user — all mean signed out. A live
 * session's last-seen time moves forward.
 */
export async function resolveSession(deps: AppDeps, secret: string | null, opts: { touch: boolean } = { touch: true }): Promise<ResolvedSession | null> {
  if (!secret || secret.length > 200) return null;
  const idHash = hashSecret(secret);
  // The session and its account in one read (one statement, one snapshot): every request makes it.
  const found = await deps.repos.sessions.getWithUser(idHash);
  if (!found || found.session.revokedAt) return null;
  const { session, user } = found;
  const now = deps.now().getTime();
  if (!sessionLive(session, user, now, deps.config.sessionIdleMs)) return null;
  // Write the last-seen time at most once every 30 s (every API call would otherwise be a write); the idle
  // timeout is therefore exact to within 30 s.
  if (opts.touch && now - Date.parse(session.lastSeenAt) > Math.min(30_000, deps.config.sessionIdleMs / 4)) {
    // On a full disk the last-seen time waits (the idle timeout runs from the last one stored): reading must go on.
    tolerateStorageFailure(deps, 'session last-seen', () => deps.repos.sessions.touch(idHash, new Date(now).toISOString()));
  }
  return {
    idHash,
    principal: userPrincipal({ id: user.id, role: user.role, agency: user.agencySlug, name: user.name }),
    email: user.email,
    createdAt: session.createdAt,
    reauthenticatedAt: session.reauthenticatedAt ?? null,
  };
}

const TOKEN_TOUCH_MS = 60_000;

/** API tokens act for their agency as a system principal; they never hold a human role beyond practitioner. */
export async function resolveApiToken(deps: AppDeps, bearer: string): Promise<Principal | null> {
  if (bearer.length > 200) return null;
  const token = await deps.repos.apiTokens.byHash(hashSecret(bearer));
  if (!token || token.revokedAt || token.approvedAt === null) return null;
  // "Last used" serves the access review (unused for 90 days): once a minute is plenty, and each touch
  // is a durable write that an agency system's every request would otherwise pay.
  const now = deps.now().getTime();
  if (!token.lastUsedAt || now - Date.parse(token.lastUsedAt) > TOKEN_TOUCH_MS) tolerateStorageFailure(deps, 'token last-used', () => deps.repos.apiTokens.touch(token.id, new Date(now).toISOString()));
  return { id: `token:${token.id}`, kind: 'token', role: 'practitioner', agency: token.agencySlug, name: token.name };
}

/**
 * Starts a bookkeeping write that the request does not wait for and that may be skipped while the disk is
 * full or the database away: a storage failure is noted (deps.storage), anything else logged. Never left
 * unhandled: a rejected touch used to go unheard by a try/catch around an unawaited call, and an unhandled
 * rejection ends a Node process.
 */
export function tolerateStorageFailure(deps: Pick<AppDeps, 'storage'>, where: string, write: () => Promise<unknown>): void {
  void write().catch((err: unknown) => {
    if (storageFailure(err) === null) console.error(`[mac] ${where} could not be stored:`, err);
    else deps.storage.failed(err, where);
  });
}
