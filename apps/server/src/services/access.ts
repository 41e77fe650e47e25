import { decide, type Action, type ChronologyAccess, type Principal } from '@mac/domain';
import type { ChronologyRecord } from '@mac/db';
import type { AppDeps } from '../deps.js';
import { ApiError, notFound } from '../http/errors.js';
import { audit } from './audit.js';

export interface VisibleChronology {
  record: ChronologyRecord;
  access: ChronologyAccess;
  /** The chronology's entry version, read with its access: what `entries.page` takes as `seenVersion`. */
  entryVersion: number;
}

/** What `restrictedReader` needs of a chronology: its member agencies (a record or its access both fit). */
export interface ChronologyMembers {
  id: string;
  memberAgencies: readonly string[];
}

/**
 * The agency whose restricted entries `principal` sees in `chronology`: its own, while that agency is a
 * member. Reading by a break-glass grant shows the shared record only (decideReadOnly in the domain), even
 * to someone of an agency that was once a member and left restricted entries there: '' is no agency's
 * slug, so every restricted entry is left out.
 */
export function restrictedReader(principal: Principal, chronology: ChronologyMembers): string {
  return chronology.memberAgencies.includes(principal.agency) ? principal.agency : '';
}

export async function accessOf(deps: AppDeps, record: ChronologyRecord): Promise<ChronologyAccess> {
  return accessFrom(record, await grantsOf(deps, record.id));
}

/** The users holding a running break-glass grant (read-only access) on the chronology. */
async function grantsOf(deps: AppDeps, chronologyId: string): Promise<string[]> {
  return (await deps.repos.breakGlass.activeFor(chronologyId, deps.now().toISOString())).map((g) => g.userId);
}

/** What `decide` takes of a chronology: its record and the users of its running grants. */
export function accessFrom(record: ChronologyRecord, grants: string[]): ChronologyAccess {
  return { id: record.id, leadUserId: record.leadUserId, memberAgencies: record.memberAgencies, readOnlyGrants: grants };
}

/** The chronology and what access to it is decided on, read together now; null when there is none. */
export async function findAccess(deps: AppDeps, id: string): Promise<VisibleChronology | null> {
  const found = await deps.repos.chronologies.access(id, deps.now().toISOString());
  return found ? { record: found.record, access: accessFrom(found.record, found.readOnlyGrants), entryVersion: found.entryVersion } : null;
}

/**
 * Loads a chronology and checks `action` on it. A chronology the caller may not see answers 404 exactly as
 * a missing one does, so ids cannot be probed. Every refusal is audited (ASVS L3: every authorisation
 * decision logged).
 */
export async function requireChronology(deps: AppDeps, principal: Principal, id: string, action: Action, ip: string | null): Promise<VisibleChronology> {
  // The record and its running grants in ONE read (every request about a chronology starts here): one
  // statement on SQLite (a point read), one round trip on PostgreSQL. Read per request, nothing kept: a
  // removed membership or an ended grant is refused on the very next request.
  const found = await findAccess(deps, id);
  if (!found) {
    await audit(deps, principal, ip, { action, outcome: 'refused', details: { chronologyId: id, reason: 'not found' } });
    throw notFound();
  }
  const { record, access } = found;
  const decision = decide(principal, action, access);
  if (!decision.allowed) {
    await audit(deps, principal, ip, { action, outcome: 'refused', chronologyId: record.id, details: { reason: decision.reason } });
    throw decision.status === 404 ? notFound() : new ApiError(403, 'forbidden', decision.reason);
  }
  return { record, access, entryVersion: found.entryVersion };
}
