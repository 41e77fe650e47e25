// The two-person rule's second half (issue 11, finding 5): an account or token an administrator created
// recently is watched. The first time one reads a chronology, the chronology's lead is told, and the access
// report marks that reader, so an administrator who did get a colleague to approve a made-up account
// still cannot read quietly.
import type { Principal } from '@mac/domain';
import type { AppDeps } from '../deps.js';

/** Accounts and tokens created by an administrator within this long are "new". */
export const NEW_ACCOUNT_MS = 30 * 24 * 60 * 60 * 1000;

/** The audit actions that read a chronology's content (the access report counts these). */
export const READ_ACTIONS =
  /^(chronology:read|entry:read|entry:search|entry:history|chronology:export|chronology:pack|chronology:pack-preview|chronology:patterns|chronology:changes|snapshot:read|snapshot:list|sync:open|analysis:read|analysis:history)$/;

/** Principals whose creation is kept per server (a few dozen bytes each); beyond it the oldest is forgotten. */
export const CREATED_KEPT = 10_000;

// Who created an account or token, and when, never changes once it exists, and every audited read asks
// (audit.ts): kept, instead of a user or token read on the event loop per read (issue 17 item 5). Per server
// (its deps), never shared between them. A principal not found is not kept: it may be created yet.
const created = new WeakMap<AppDeps, Map<string, string | null>>();

/** When the principal's account or token was created by an administrator; null for the system's own (seed, CLI). */
export async function adminCreatedAt(deps: AppDeps, principal: Pick<Principal, 'id' | 'kind'>): Promise<string | null> {
  let kept = created.get(deps);
  if (!kept) created.set(deps, (kept = new Map()));
  const key = `${principal.kind}:${principal.id}`;
  if (kept.has(key)) return kept.get(key)!;
  let found: { createdAt: string | null } | null;
  if (principal.kind === 'token') {
    const token = await deps.repos.apiTokens.byId(principal.id.slice('token:'.length));
    found = token && { createdAt: token.createdAt };
  } else {
    const user = await deps.repos.users.byId(principal.id);
    found = user && { createdAt: user.createdBy ? user.createdAt : null };
  }
  if (found === null) return null;
  kept.set(key, found.createdAt);
  if (kept.size > CREATED_KEPT) kept.delete(kept.keys().next().value!);
  return found.createdAt;
}

export async function isNewAccount(deps: AppDeps, principal: Pick<Principal, 'id' | 'kind'>, at: Date): Promise<boolean> {
  const created = await adminCreatedAt(deps, principal);
  return created !== null && at.getTime() - Date.parse(created) < NEW_ACCOUNT_MS;
}

/** (reader, chronology) pairs whose first read this server has looked at; beyond it the oldest is forgotten. */
export const FIRST_READS_KEPT = 50_000;

// A pair looked at once is never at its first read again, so each server asks the audit log about a pair
// once, not on every read (issue 17 item 5: every audited read by a new account read back up to 50 audit
// records, a quarter of the read lane's time in the county bench, where every account is new). It also
// keeps a pair from being told twice when the reader's other records (writes) push the first read out of
// the 50 looked at. Per server (its deps); another server, or this one after a restart, asks once again.
const firstReadsSeen = new WeakMap<AppDeps, Set<string>>();

/** Called after a read was audited: tells the lead about a new account's first read of their chronology. */
export async function noteRead(deps: AppDeps, principal: Principal, chronologyId: string): Promise<void> {
  if (!await isNewAccount(deps, principal, deps.now())) return;
  let seen = firstReadsSeen.get(deps);
  if (!seen) firstReadsSeen.set(deps, (seen = new Set()));
  const pair = `${principal.kind}:${principal.id}|${chronologyId}`;
  if (seen.has(pair)) return;
  seen.add(pair);
  if (seen.size > FIRST_READS_KEPT) seen.delete(seen.values().next().value!);
  try {
    await tellLeadOfFirstRead(deps, principal, chronologyId);
  } catch (err) {
    // Not looked at after all (storage failed): the next read asks again.
    seen.delete(pair);
    throw err;
  }
}

async function tellLeadOfFirstRead(deps: AppDeps, principal: Principal, chronologyId: string): Promise<void> {
  const reads = (await deps.repos.audit.list({ chronologyId, actorId: principal.id, limit: 50 })).filter((r) => r.outcome === 'allowed' && READ_ACTIONS.test(r.action));
  if (reads.length !== 1) return;
  const record = await deps.repos.chronologies.get(chronologyId);
  if (!record) return;
  const agency = await deps.repos.agencies.get(principal.agency);
  const what = principal.kind === 'token' ? `The API token "${principal.name}"` : principal.name;
  await deps.repos.notifications.create({
    userId: record.leadUserId,
    chronologyId,
    kind: 'new-account-read',
    message: `${what} (${agency?.name ?? principal.agency}), created by an administrator in the last 30 days, read ${record.child.givenName} ${record.child.familyName}'s chronology for the first time. Check that this is expected.`,
  });
}
