// The two-person rule's second half (issue 11, finding 5): an account or token an administrator created
// recently is watched. The first time one reads a chronology, the chronology's lead is told, and the access
// report marks that reader, so an administrator who did get a colleague to approve a made-up account
// still cannot read quietly.
import type { Principal } from '@mac/domain';
import { storageFailure } from '@mac/db';
import type { AppDeps } from '../deps.js';

/** Accounts and tokens created by an administrator within this long are "new". */
export const NEW_ACCOUNT_MS = 30 * 24 * 60 * 60 * 1000;

/** The audit actions that read a chronology's content (the access report counts these). */
export const READ_ACTION_NAMES = [
  'chronology:read',
  'entry:read',
  'entry:search',
  'entry:history',
  'chronology:export',
  'chronology:pack',
  'chronology:pack-preview',
  'chronology:patterns',
  'chronology:changes',
  'snapshot:read',
  'snapshot:list',
  'sync:open',
  'analysis:read',
  'analysis:history',
] as const;
export const READ_ACTIONS = new RegExp(`^(${READ_ACTION_NAMES.join('|')})$`);

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
export function noteRead(deps: AppDeps, principal: Principal, chronologyId: string): Promise<void> {
  return noteReads(deps, principal, [chronologyId]);
}

/**
 * As `noteRead` for several chronologies read by one principal (their records durable already): the
 * pairs not looked at yet are looked at in ONE read of the audit log (audit.allowedCounts), and the leads
 * of those read for the first time are told in one synchronous run (one commit). A new viewer's first
 * caseload list owes dozens of sibling-read records (caseload-stats.ts): one `audit.list` each, every one
 * scanning the reader's records, was a read-lane trip per record at the busiest moment of the county bench.
 */
export async function noteReads(deps: AppDeps, principal: Principal, chronologyIds: readonly string[]): Promise<void> {
  if (!await isNewAccount(deps, principal, deps.now())) return;
  let seen = firstReadsSeen.get(deps);
  if (!seen) firstReadsSeen.set(deps, (seen = new Set()));
  const pairOf = (id: string) => `${principal.kind}:${principal.id}|${id}`;
  const fresh = [...new Set(chronologyIds)].filter((id) => !seen.has(pairOf(id)));
  if (fresh.length === 0) return;
  for (const id of fresh) seen.add(pairOf(id));
  while (seen.size > FIRST_READS_KEPT) seen.delete(seen.values().next().value!);
  try {
    await tellLeadsOfFirstReads(deps, principal, fresh);
  } catch (err) {
    // Not looked at after all (storage failed): the next read asks again.
    for (const id of fresh) seen.delete(pairOf(id));
    throw err;
  }
}

async function tellLeadsOfFirstReads(deps: AppDeps, principal: Principal, chronologyIds: readonly string[]): Promise<void> {
  // Exactly one allowed read record: the one just written is the first.
  const reads = await deps.repos.audit.allowedCounts(principal.id, chronologyIds, READ_ACTION_NAMES);
  const first = chronologyIds.filter((id) => reads[id] === 1);
  if (first.length === 0) return;
  const [records, agency] = await Promise.all([Promise.all(first.map((id) => deps.repos.chronologies.get(id))), deps.repos.agencies.get(principal.agency)]);
  const what = principal.kind === 'token' ? `The API token "${principal.name}"` : principal.name;
  await Promise.all(
    records.map((record) =>
      record === null
        ? undefined
        : deps.repos.notifications.create({
            userId: record.leadUserId,
            chronologyId: record.id,
            kind: 'new-account-read',
            message: `${what} (${agency?.name ?? principal.agency}), created by an administrator in the last 30 days, read ${record.child.givenName} ${record.child.familyName}'s chronology for the first time. Check that this is expected.`,
          }),
    ),
  );
}

// The first-read checks that may follow on their own (audit.ts `firstReadCheck: 'after'`), gathered per
// server and reader until the turn's end: the records one commit makes durable resolve in the same turn,
// so a new viewer's first list's dozens of checks become one `noteReads`.
const soon = new WeakMap<AppDeps, Map<string, { principal: Principal; ids: Set<string> }>>();

/** Looks at a new account's first read of `chronologyId` with the others due this turn; never rejects (a failure is logged or noted). */
export function noteReadSoon(deps: AppDeps, principal: Principal, chronologyId: string): void {
  let due = soon.get(deps);
  if (!due) {
    soon.set(deps, (due = new Map()));
  }
  const key = `${principal.kind}:${principal.id}`;
  const found = due.get(key);
  if (found) {
    found.ids.add(chronologyId);
    return;
  }
  const first = due.size === 0;
  due.set(key, { principal, ids: new Set([chronologyId]) });
  if (!first) return;
  setImmediate(() => {
    const batch = [...due.values()];
    due.clear();
    for (const { principal: p, ids } of batch) {
      noteReads(deps, p, [...ids]).catch((err: unknown) => {
        if (storageFailure(err) !== null) deps.storage.failed(err, 'new-account notification');
        else console.error("[mac] could not look at a new account's first read:", err);
      });
    }
  });
}
