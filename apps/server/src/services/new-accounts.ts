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

/** (reader, chronology) pairs whose first read this server has looked up; beyond it the oldest is forgotten. */
export const FIRST_READS_KEPT = 50_000;

/** A read whose audit record is durable: the chronology read and the record's place in the chain. */
export interface AuditedRead {
  chronologyId: string;
  seq: number;
}

// Which read was a pair's first is decided by the audit log alone: the reader's EARLIEST allowed read record
// of the chronology (audit.firstAllowed). The read that wrote that record tells the lead; every other read,
// on this server or another, before or after a restart, finds an earliest record that is not its own.
// Exactly one record is the earliest, and it is durable (with every record before it) by the time its own
// read looks, so two reads durable together, on one node or two, never both tell and never both stay quiet
// (a count of the reader's records, "exactly one", found two in that case and told nobody).
//
// The earliest record never changes once found, so each server looks a pair up once and keeps the answer
// (issue 17 item 5: every audited read by a new account read back up to 50 audit records, a quarter of the
// read lane's time in the county bench, where every account is new). Per server (its deps); another
// server, or this one after a restart, looks once again and finds the same record.
const firstReads = new WeakMap<AppDeps, Map<string, number>>();

/** Called after a read was audited (`seq`: its record's): tells the lead about a new account's first read of their chronology. */
export function noteRead(deps: AppDeps, principal: Principal, chronologyId: string, seq: number): Promise<void> {
  return noteReads(deps, principal, [{ chronologyId, seq }]);
}

/**
 * As `noteRead` for several reads by one principal (their records durable already): the pairs not looked
 * up yet are looked up in ONE read of the audit log (audit.firstAllowed), and the leads of those whose
 * earliest read record is one of `reads` are told in one synchronous run (one commit). A new viewer's
 * first caseload list owes dozens of sibling-read records (caseload-stats.ts): one `audit.list` each,
 * every one scanning the reader's records, was a read-lane trip per record at the busiest moment of the
 * county bench.
 */
export async function noteReads(deps: AppDeps, principal: Principal, reads: readonly AuditedRead[]): Promise<void> {
  if (reads.length === 0 || !await isNewAccount(deps, principal, deps.now())) return;
  let known = firstReads.get(deps);
  if (!known) firstReads.set(deps, (known = new Map()));
  const pairOf = (id: string) => `${principal.kind}:${principal.id}|${id}`;
  const unknown = [...new Set(reads.map((r) => r.chronologyId))].filter((id) => !known.has(pairOf(id)));
  if (unknown.length > 0) {
    const found = await deps.repos.audit.firstAllowed(principal.id, unknown, READ_ACTION_NAMES);
    for (const [id, seq] of Object.entries(found)) known.set(pairOf(id), seq);
    while (known.size > FIRST_READS_KEPT) known.delete(known.keys().next().value!);
  }
  const first = [...new Set(reads.filter((r) => known.get(pairOf(r.chronologyId)) === r.seq).map((r) => r.chronologyId))];
  if (first.length > 0) await tellLeads(deps, principal, first);
}

async function tellLeads(deps: AppDeps, principal: Principal, chronologyIds: readonly string[]): Promise<void> {
  const [records, agency] = await Promise.all([Promise.all(chronologyIds.map((id) => deps.repos.chronologies.get(id))), deps.repos.agencies.get(principal.agency)]);
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
const soon = new WeakMap<AppDeps, Map<string, { principal: Principal; reads: AuditedRead[] }>>();

/** Looks at a new account's read of `chronologyId` (record `seq`) with the others due this turn; never rejects (a failure is logged or noted). */
export function noteReadSoon(deps: AppDeps, principal: Principal, chronologyId: string, seq: number): void {
  let due = soon.get(deps);
  if (!due) {
    soon.set(deps, (due = new Map()));
  }
  const key = `${principal.kind}:${principal.id}`;
  const found = due.get(key);
  if (found) {
    found.reads.push({ chronologyId, seq });
    return;
  }
  const first = due.size === 0;
  due.set(key, { principal, reads: [{ chronologyId, seq }] });
  if (!first) return;
  setImmediate(() => {
    const batch = [...due.values()];
    due.clear();
    for (const { principal: p, reads } of batch) {
      noteReads(deps, p, reads).catch((err: unknown) => {
        if (storageFailure(err) !== null) deps.storage.failed(err, 'new-account notification');
        else console.error("[mac] could not look at a new account's first read:", err);
      });
    }
  });
}
