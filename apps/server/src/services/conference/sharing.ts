// The lead professional's sharing decisions. An entry's own agency sets its sharing level through the
// ordinary amendment (PATCH); the lead, who prepares the family version, may
//   - make ANY agency's entry professionals-only, with a reason, and
//   - decide an UNDECIDED entry of any agency: shared with the family, or professionals-only, with a reason;
// but never loosen a decision already made: returning a professionals-only entry to the family version
// would put another agency's judgement about risk aside, so only the entry's own agency may do that.
// Every decision is an amendment through the one write path (the entry's audit record names the lead)
// and an `entry:sharing` audit record with the reason.
import { decide, hasVisibleText, isChronologyLead, isMember, LIMITS, type Entry, type Principal } from '@mac/domain';
import { amendEntry } from '@mac/sync';
import type { AppDeps } from '../../deps.js';
import { ApiError, invalid, notFound } from '../../http/errors.js';
import { audit } from '../audit.js';
import { requireChronology } from '../access.js';
import { docNameForEntry, submit, toEntry, visibleEntry } from '../entries.js';

export interface SharingChange {
  sharing: 'family' | 'professionals';
  reason: string;
}

/** The most entries one bulk decision may cover. */
export const MAX_SHARING_BATCH = 500;

type Access = Awaited<ReturnType<typeof requireChronology>>['access'];

function refuser(deps: AppDeps, principal: Principal, chronologyId: string, ip: string | null) {
  return async (reason: string, entryId: string | null = null): Promise<never> => {
    await audit(deps, principal, ip, { action: 'entry:sharing', outcome: 'refused', chronologyId, entryId, details: { reason } });
    throw new ApiError(403, 'forbidden', reason);
  };
}

async function checkLead(deps: AppDeps, principal: Principal, chronologyId: string, access: Access, ip: string | null): Promise<void> {
  if (!isChronologyLead(principal, access) || !isMember(principal, access)) {
    await refuser(deps, principal, chronologyId, ip)(
      "only the lead professional of this chronology may decide the sharing level of another agency's entry; your agency changes its own entries' level by amending them",
    );
  }
}

function checkReason(body: SharingChange): string {
  const reason = body.reason.trim();
  if (!hasVisibleText(reason)) {
    const message = body.sharing === 'family' ? 'Enter why the family may see this entry' : 'Enter why the family should not see this entry';
    throw invalid('Give the reason for this sharing decision.', [{ field: 'reason', message }]);
  }
  if ([...reason].length > LIMITS.sharingReason) {
    throw invalid('The reason is too long.', [{ field: 'reason', message: `reason must be ${LIMITS.sharingReason} characters or fewer` }]);
  }
  return reason;
}

/** Why the lead may not make this change to this entry, or null. Already at the level: nothing to do (null). */
function problemWith(current: Entry, to: SharingChange['sharing']): { status: 403 | 409; message: string } | null {
  if (current.status === 'withdrawn') return { status: 409, message: 'This entry has been withdrawn; it is in no conference pack.' };
  if (to === 'family' && current.sharing === 'professionals') {
    return {
      status: 403,
      message: "the lead professional may not return a professionals-only entry to the family version; that is for the entry's own agency, by amending it",
    };
  }
  return null;
}

/**
 * Decides the sharing level of entries, all or nothing: every entry is checked before anything is written.
 * Entries already at the level are left as they are (an author's own professionals-only reason stands).
 */
export async function decideSharing(deps: AppDeps, principal: Principal, chronologyId: string, entryIds: readonly string[], body: SharingChange, ip: string | null): Promise<Entry[]> {
  const { access } = await requireChronology(deps, principal, chronologyId, 'chronology:read', ip);
  await checkLead(deps, principal, chronologyId, access, ip);
  const reason = checkReason(body);
  const refuse = refuser(deps, principal, chronologyId, ip);
  const current: Entry[] = [];
  for (const entryId of new Set(entryIds)) {
    // 404 for an entry the caller cannot see (another agency's restricted one), as for a missing one.
    const row = await deps.repos.entries.getVisible(chronologyId, entryId, principal.agency);
    if (!row || !decide(principal, 'entry:read', access, row).allowed) throw notFound('entry');
    const entry = toEntry(row);
    const problem = problemWith(entry, body.sharing);
    if (problem?.status === 403) await refuse(problem.message, entryId);
    if (problem?.status === 409) throw new ApiError(409, 'withdrawn', entryIds.length > 1 ? `${problem.message} (entry ${entryId})` : problem.message);
    current.push(entry);
  }
  const changing = current.filter((e) => e.sharing !== body.sharing);
  // One sharing write per document: the room lets it change only the sharing fields, and asks `decide` for
  // 'entry:set-sharing' on each entry as the lead (each entry's audit record names the lead).
  const groups = new Map<string, Entry[]>();
  for (const entry of changing) {
    const docName = docNameForEntry(chronologyId, entry);
    groups.set(docName, [...(groups.get(docName) ?? []), entry]);
  }
  for (const [docName, entries] of groups) {
    await submit(deps, docName, { principal, chronology: access, intent: 'sharing', meta: { via: 'rest', ip } }, (doc) => {
      for (const entry of entries) amendEntry(doc, entry.id, { sharing: body.sharing, sharingReason: reason });
    });
  }
  for (const entry of changing) {
    await audit(deps, principal, ip, {
      action: 'entry:sharing',
      chronologyId,
      entryId: entry.id,
      details: { from: entry.sharing, to: body.sharing, reason, entryAgency: entry.agency, ...(entryIds.length > 1 ? { batch: changing.length } : {}) },
    });
  }
  const changed = new Set(changing.map((e) => e.id));
  return current.map((e) => (changed.has(e.id) ? { ...e, sharing: body.sharing, sharingReason: reason } : e));
}

/** One entry: the lead makes it professionals-only, or decides an undecided one. */
export async function tightenSharing(deps: AppDeps, principal: Principal, chronologyId: string, entryId: string, body: SharingChange, ip: string | null): Promise<Entry> {
  // 404 first: an entry the caller cannot see answers as a missing one, before the lead check.
  await visibleEntry(deps, principal, chronologyId, entryId, ip);
  return (await decideSharing(deps, principal, chronologyId, [entryId], body, ip))[0]!;
}
