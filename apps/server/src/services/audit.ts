import type { Principal } from '@mac/domain';
import { storageFailure } from '@mac/db';
import type { AppDeps } from '../deps.js';
import { isNewAccount, noteRead, noteReadSoon, READ_ACTIONS, type AuditedRead } from './new-accounts.js';

export interface AuditInput {
  action: string;
  outcome?: 'allowed' | 'refused';
  chronologyId?: string | null;
  entryId?: string | null;
  details?: Record<string, unknown>;
}

/**
 * Writes one audit record for `principal` (null: an anonymous caller, e.g. a failed sign-in) and resolves
 * once it is durable: a read is answered only after its record is stored. Records from many requests
 * share one commit (the store's group commit), so auditing every read costs one fsync per batch, not per
 * read. While the disk is full the record waits in memory, in order, and is written when there is room
 * (services/storage.ts), so reading goes on; past the limit of waiting records this throws 507 and the
 * request is refused.
 *
 * A read by a new account also looks whether it is that account's first read of the chronology, and tells
 * the lead if so (new-accounts.ts noteRead); by default the caller waits for that too. `firstReadCheck:
 * 'after'` resolves once the record is durable and lets the look follow on its own: for the sibling-read
 * records a caseload count owes its viewer (caseload-stats.ts accountFor), dozens at a new viewer's first
 * list, none of which the figure waits for (the record is what must come first). Those looks are gathered
 * per reader until the turn's end and made together: one read of the audit log, the notifications in one
 * commit (new-accounts.ts noteReadSoon).
 */
export async function audit(deps: AppDeps, principal: Principal | null, ip: string | null, input: AuditInput, opts: { firstReadCheck?: 'await' | 'after' } = {}): Promise<void> {
  const record = {
    actorId: principal?.id ?? 'anonymous',
    actorLabel: principal?.name ?? 'anonymous',
    actorAgency: principal?.agency ?? '',
    action: input.action,
    outcome: input.outcome ?? 'allowed',
    chronologyId: input.chronologyId ?? null,
    entryId: input.entryId ?? null,
    details: input.details ?? {},
    ip,
  } as const;
  // Records already waiting go first: the chain keeps the order things happened in.
  if (deps.storage.deferred.length > 0 && !(await flushDeferredAudit(deps))) {
    deps.storage.defer({ ...record, at: deps.now().toISOString() });
    return;
  }
  // A read of a chronology may have to tell its lead about a new account (noteRead): whether the reader's
  // account is new is looked up while the record is being written (one wait, not two in a row).
  const reader = principal !== null && input.chronologyId && (input.outcome ?? 'allowed') === 'allowed' && READ_ACTIONS.test(input.action) ? principal : null;
  const newAccount = reader === null ? null : isNewAccount(deps, reader, deps.now());
  // Awaited below, or dropped when the append fails: its failure then has nothing left to say.
  void newAccount?.catch(() => false);
  let seq: number;
  try {
    ({ seq } = await deps.repos.audit.append(record));
  } catch (err) {
    if (storageFailure(err) === null) throw err;
    deps.storage.failed(err, `audit ${input.action}`);
    deps.storage.defer({ ...record, at: deps.now().toISOString() });
    return;
  }
  if (reader !== null && newAccount !== null) {
    const chronologyId = input.chronologyId!;
    // Following on its own: looked at with the other checks due this turn (one read of the audit log for
    // all of them, new-accounts.ts noteReadSoon), and never holding the caller.
    if (opts.firstReadCheck === 'after') void newAccount.then((isNew) => isNew && noteReadSoon(deps, reader, chronologyId, seq), () => undefined);
    else await firstRead(deps, reader, { chronologyId, seq }, newAccount);
  }
}

async function firstRead(deps: AppDeps, reader: Principal, read: AuditedRead, newAccount: Promise<boolean>): Promise<void> {
  try {
    if (await newAccount) await noteRead(deps, reader, read.chronologyId, read.seq);
  } catch (err) {
    // The read itself is audited; telling the lead waits for storage to come back (a full disk).
    if (storageFailure(err) === null) throw err;
    deps.storage.failed(err, 'new-account notification');
  }
}

/** Writes the audit records that waited for room; true when none are left. */
export function flushDeferredAudit(deps: AppDeps): Promise<boolean> {
  return deps.storage.flush(async (records) => await deps.store.appendAudit(records));
}
