// The lead professional's sharing override. An entry's own agency sets its sharing level through the
// ordinary amendment (PATCH); the lead, who prepares the family version, may make ANY agency's entry
// professionals-only, with a reason, but never the other way: loosening would put another agency's
// judgement about risk aside, so only the entry's own agency may do that.
import { isChronologyLead, isMember, LIMITS, type Entry, type Principal } from '@mac/domain';
import { amendEntry } from '@mac/sync';
import type { AppDeps } from '../deps.js';
import { ApiError, invalid } from '../http/errors.js';
import { audit } from '../services/audit.js';
import { docNameForEntry, submit, toEntry, visibleEntry } from '../services/entries.js';

export interface SharingChange {
  sharing: 'family' | 'professionals';
  reason: string;
}

export function tightenSharing(deps: AppDeps, principal: Principal, chronologyId: string, entryId: string, body: SharingChange, ip: string | null): Entry {
  // 404 first: an entry the caller cannot see (another agency's restricted one) answers as a missing one.
  const { entry: row, access } = visibleEntry(deps, principal, chronologyId, entryId, ip);
  const refuse = (reason: string): never => {
    audit(deps, principal, ip, { action: 'entry:sharing', outcome: 'refused', chronologyId, entryId, details: { reason } });
    throw new ApiError(403, 'forbidden', reason);
  };
  if (!isChronologyLead(principal, access) || !isMember(principal, access)) {
    refuse("only the lead professional of this chronology may change the sharing level of another agency's entry; your agency changes its own entries' level by amending them");
  }
  if (body.sharing !== 'professionals') {
    refuse("the lead professional may only make an entry professionals-only; returning it to the family version is for the entry's own agency, by amending it");
  }
  const current = toEntry(row);
  if (current.status === 'withdrawn') throw new ApiError(409, 'withdrawn', 'This entry has been withdrawn; it is in no conference pack.');
  const reason = body.reason.trim();
  if (reason === '') throw invalid('Give the reason this entry is for professionals only.', [{ field: 'reason', message: 'Enter why the family should not see this entry' }]);
  if ([...reason].length > LIMITS.sharingReason) {
    throw invalid('The reason is too long.', [{ field: 'reason', message: `reason must be ${LIMITS.sharingReason} characters or fewer` }]);
  }
  // Already professionals-only: nothing to tighten, and the author's own reason stands.
  if (current.sharing === 'professionals') return current;

  // The room accepts changes to an entry only from its own agency, so the lead writes acting for it, as
  // the import does for the lead's rows of other agencies; the entry's audit record names the lead.
  const acting: Principal = { ...principal, agency: current.agency };
  const actor = { id: principal.id, name: principal.name, agency: principal.agency };
  submit(deps, docNameForEntry(chronologyId, current), acting, { via: 'rest', ip, actor }, (doc) =>
    amendEntry(doc, entryId, { sharing: 'professionals', sharingReason: reason }),
  );
  audit(deps, principal, ip, { action: 'entry:sharing', chronologyId, entryId, details: { from: current.sharing, to: 'professionals', reason, entryAgency: current.agency } });
  return { ...current, sharing: 'professionals', sharingReason: reason };
}
