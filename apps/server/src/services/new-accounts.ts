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

/** When the principal's account or token was created by an administrator; null for the system's own (seed, CLI). */
export async function adminCreatedAt(deps: AppDeps, principal: Pick<Principal, 'id' | 'kind'>): Promise<string | null> {
  if (principal.kind === 'token') return (await deps.repos.apiTokens.byId(principal.id.slice('token:'.length)))?.createdAt ?? null;
  const user = await deps.repos.users.byId(principal.id);
  return user?.createdBy ? user.createdAt : null;
}

export async function isNewAccount(deps: AppDeps, principal: Pick<Principal, 'id' | 'kind'>, at: Date): Promise<boolean> {
  const created = await adminCreatedAt(deps, principal);
  return created !== null && at.getTime() - Date.parse(created) < NEW_ACCOUNT_MS;
}

/** Called after a read was audited: tells the lead about a new account's first read of their chronology. */
export async function noteRead(deps: AppDeps, principal: Principal, chronologyId: string): Promise<void> {
  if (!await isNewAccount(deps, principal, deps.now())) return;
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
