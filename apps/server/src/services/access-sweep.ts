// Whether each live connection and review stream may go on (the access sweep, twice a second: ws-upgrade.ts
// `sweep`, review-events.ts): its session still live, or its API token not revoked, and the chronology still
// readable by its principal. Asked for all of them at once: what decides each session's liveness in one read
// and each chronology's lead, members and running grants in another, on the read lane. Asked one by one,
// as it was, a county's 250 live connections made about 900 point reads per sweep on the event loop, some
// 1,800 a second, every second (issue 17: the event loop's own share). Only those fields, not whole rows:
// ~220 KB a sweep crossed from the read lane's thread, twice a second, with every live account's password
// hash and every open child's name in it.
import { decide, type ChronologyAccess, type Principal } from '@mac/domain';
import type { AppDeps } from '../deps.js';
import { sessionLive } from './auth/sessions.js';

/** Something kept open on someone's access: a websocket connection or a review stream. */
export interface AccessHolder {
  principal: Principal;
  /** The session it was opened with; null for an API token. */
  sessionIdHash: string | null;
  chronologyId: string;
}

/** `signed-out`: its session or token has ended; `forbidden`: its principal may no longer read the chronology. */
export type AccessVerdict = 'allowed' | 'signed-out' | 'forbidden';

/** Ids per read: a JSON (SQLite) or array (PostgreSQL) parameter each; a few thousand connections are a few reads. */
const PER_READ = 500;

function inParts<T>(items: readonly T[]): T[][] {
  const parts: T[][] = [];
  for (let i = 0; i < items.length; i += PER_READ) parts.push(items.slice(i, i + PER_READ));
  return parts;
}

/** Each holder's verdict, decided as every request decides (sessionLive, decide 'chronology:read'). */
export async function accessVerdicts<T extends AccessHolder>(deps: AppDeps, holders: readonly T[]): Promise<Map<T, AccessVerdict>> {
  const verdicts = new Map<T, AccessVerdict>();
  if (holders.length === 0) return verdicts;
  const now = deps.now();
  const at = now.toISOString();
  const liveSessions = new Set<string>();
  const hashes = [...new Set(holders.flatMap((h) => (h.sessionIdHash === null ? [] : [h.sessionIdHash])))];
  for (const part of inParts(hashes)) {
    for (const { session, user } of await deps.repos.sessions.livenessOf(part)) {
      if (sessionLive(session, user, now.getTime(), deps.config.sessionIdleMs)) liveSessions.add(session.idHash);
    }
  }
  // API tokens hold few connections: read one by one.
  const liveTokens = new Set<string>();
  const tokenIds = [...new Set(holders.flatMap((h) => (h.sessionIdHash === null && h.principal.kind === 'token' ? [h.principal.id] : [])))];
  for (const principalId of tokenIds) {
    const token = await deps.repos.apiTokens.byId(principalId.slice('token:'.length));
    if (token && !token.revokedAt) liveTokens.add(principalId);
  }
  const signedIn = (h: T) => (h.sessionIdHash !== null ? liveSessions.has(h.sessionIdHash) : liveTokens.has(h.principal.id));
  const access = new Map<string, ChronologyAccess>();
  const chronologyIds = [...new Set(holders.filter(signedIn).map((h) => h.chronologyId))];
  for (const part of inParts(chronologyIds)) {
    for (const found of await deps.repos.chronologies.accessOf(part, at)) access.set(found.id, found);
  }
  for (const h of holders) {
    if (!signedIn(h)) verdicts.set(h, 'signed-out');
    else {
      const chronology = access.get(h.chronologyId);
      verdicts.set(h, chronology && decide(h.principal, 'chronology:read', chronology).allowed ? 'allowed' : 'forbidden');
    }
  }
  return verdicts;
}
