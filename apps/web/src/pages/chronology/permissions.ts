// What this user may do on the chronology page: the same rule the server applies (the domain's
// `decide`), so the page offers only what would be accepted. The server decides again on every write.
import { decide, type ChronologyAccess, type Entry, type Principal } from '@mac/domain';
import type { ChronologyDetail, Me } from '../../api.js';

function principal(me: Me): Principal {
  return { id: me.id, kind: 'user', role: me.role, agency: me.agency.slug, name: me.name };
}

function access(me: Me, c: ChronologyDetail): ChronologyAccess {
  return { id: c.id, leadUserId: c.lead.id, memberAgencies: c.memberAgencies, readOnlyGrants: c.permissions.readOnly ? [me.id] : [] };
}

/** Only the entry's own agency changes it. */
export function canEdit(me: Me, c: ChronologyDetail | null, entry: Entry): boolean {
  if (!c?.permissions.canWrite) return false;
  return decide(principal(me), 'entry:amend', access(me, c), { agency: entry.agency, restricted: entry.restricted }).allowed;
}

export function canCreate(me: Me, c: ChronologyDetail | null): boolean {
  if (!c?.permissions.canWrite) return false;
  return decide(principal(me), 'entry:create', access(me, c)).allowed;
}

/** The lead may make any agency's entry professionals-only (docs/security.md). */
export function canTightenSharing(c: ChronologyDetail | null): boolean {
  return !!c && c.permissions.isLead && !c.permissions.readOnly;
}
